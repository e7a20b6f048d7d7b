"""Finding official error messages quoted in text, also when lightly misspelled."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

from ahocorasick_rs import BytesAhoCorasick, Implementation
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from bot.detect import vocabulary as rules
from bot.detect.patterns import wrapped_win32_hresults
from bot.domain import WIN32_MAX
from bot.knowledge import KnowledgeBase
from bot.normalize import ascii_letters, first_sentence
from bot.numeric import parse_numeric

# Similarity (0-100) a quoted message needs; short messages must be nearly exact.
LONG_MESSAGE_CUTOFF = 90.0
SHORT_MESSAGE_CUTOFF = 95.0
LONG_MESSAGE_CHARS = 30
# A text needs this share of a message's length, and of its words spelled right, to quote it.
MIN_LENGTH_SHARE = 0.85
MIN_WORD_SHARE = 0.5
MAX_WORD_PATTERNS = 40

# A message is looked at only where the text holds this many of its words in a row, spelled
# right (a typo elsewhere still leaves one such run in all but the shortest messages). A
# quote, typed from a dialog and maybe with more typos, needs fewer.
GATE_RUN = 3
QUOTED_GATE_RUN = 2
# A word in at most this many messages tells them apart; a run needs one.
GATE_WORD_MESSAGES = 12

_ALIGNMENT_SLACK = 2
_NON_WORD = re.compile(r"[^0-9a-z]")
_DIGIT = re.compile(r"[0-9]")
_ROW_NUMBER = re.compile(r"[ \t|*•-]*(?P<number>[0-9]{3,5})(?![0-9])")
_WORD = re.compile(r"[a-z0-9]+")
_NOT_ALNUM_BYTES = bytes(c for c in range(128) if not chr(c).isalnum())
_NOT_ALNUM_BUT_NEWLINE = _NOT_ALNUM_BYTES.replace(b"\n", b"")
_SPACES = re.compile(r" +")
_CONSTANT_NAME = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])")
_QUOTES = "\"'`“”„‘’«»「」"
_QUOTE_CHAR = re.compile(f"[{_QUOTES}]")
_QUOTE_MARK = re.compile('["`“”„«»「」]')  # not the apostrophe: "don't" quotes nothing
_QUOTED = re.compile(r"[\"`“„«「]([^\"`“”„«»「」\n]{8,300})[\"`”“»」]")
# A quote that is a message but for one word: messages of at least this many words, and
# the similarity such a quote counts as (below any closer match of the same text).
MIN_MISQUOTED_WORDS = 4
MISQUOTED_SCORE = 80.0
# A message cut short at an ellipsis: the share of its start the quote must hold, the words
# before the cut that locate it in the message, and how exact the quoted part must be.
_ELLIPSIS = re.compile(r"…|\.\.\.")
# A quote of a message's opening words: how many it needs, and the similarity it counts as.
MIN_QUOTED_START_WORDS = 8
QUOTED_START_SCORE = 85.0
MIN_CUT_SHARE = 0.6
CUT_TAIL_WORDS = 3
CUT_CUTOFF = 95.0


# Lower-case for letters and digits, a space for every other byte: folds ASCII text at once.
_FOLD_ASCII = bytes(
    (byte | 0x20) if chr(byte).isascii() and chr(byte).isalnum() else ord(" ")
    for byte in range(256)
)


def fold_in_place(text: str) -> str:
    """Lower-case, punctuation to spaces, same length: positions stay valid in the original."""
    if text.isascii():
        return text.encode("ascii").translate(_FOLD_ASCII).decode("ascii")
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return _NON_WORD.sub(" ", lowered)


# What building the finder computes (plain data, so it can be saved and read back): each
# message text (text, code, distinctive, words, words needed), each code's folded message,
# and the runs of both gates (squeezed runs, and the texts that hold each).
_PatternState = tuple[str, int, bool, tuple[str, ...], int]
_GateRuns = tuple[list[str], list[list[int]]]
_FinderState = tuple[list[_PatternState], dict[int, str], _GateRuns, _GateRuns]
# The files whose code decides what the finder holds: a saved one must match them.
FINDER_MODULES = ("detect/messages.py", "detect/vocabulary.py", "normalize.py")


def message_finder(kb: KnowledgeBase) -> MessageFinder:
    """The message finder of a knowledge base, read back from the cache when one was saved."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "detect-messages", FINDER_MODULES, MessageFinder)


@dataclass(frozen=True)
class _Pattern:
    text: str
    code: int
    distinctive: bool
    words: frozenset[str]  # its words but the stopwords
    needed_words: int  # how many of them a text must hold to be compared with it


class MessageFinder:
    """Matches official messages: distinctive ones anywhere, generic ones only in IPsec context.

    One automaton pass over the text (spaces and punctuation left out) finds the messages
    some of whose words it holds in a row; only those that also share most of their words
    with it are compared character by character.
    """

    @classmethod
    def build(cls, kb: KnowledgeBase) -> MessageFinder:
        patterns = _unique_patterns(kb)
        # Texts made only of words that very many messages hold ("de", "ike", "error") say
        # too little to be found by.
        frequency: dict[str, int] = defaultdict(int)
        for text in patterns:
            for word in set(text.split()):
                frequency[word] += 1
        common = {word for word, count in frequency.items() if count > MAX_WORD_PATTERNS}
        kept: list[_PatternState] = []
        for text, code in patterns.items():
            words = sorted({word for word in text.split() if word not in rules.STOPWORDS})
            if not set(words) - common:
                continue
            needed = max(min(2, len(words)), math.ceil(len(words) * MIN_WORD_SHARE))
            kept.append((text, code, _is_distinctive(text), tuple(words), needed))
        messages = {
            e.code: _SPACES.sub(" ", fold_in_place(e.message)).strip()
            for e in kb
            if not e.range_marker
        }
        texts = [text for text, *_ in kept]
        return cls(
            kb, (kept, messages, _gate_runs(texts, GATE_RUN), _gate_runs(texts, QUOTED_GATE_RUN))
        )

    def __init__(self, kb: KnowledgeBase, state: _FinderState) -> None:
        kept, self._messages, runs, quoted_runs = state
        # The HRESULT entries that wrap a Win32 code have Windows' generic texts ("This
        # operation returned because the timeout period expired."), which any program prints:
        # they count only quoted.
        self._quoted_only = wrapped_win32_hresults(kb)
        self._patterns = [
            _Pattern(text, code, distinctive, frozenset(words), needed)
            for text, code, distinctive, words, needed in kept
        ]
        self._openings: dict[str, list[_Pattern]] = defaultdict(list)
        for pattern in self._patterns:
            opening = pattern.text.split()[:MIN_QUOTED_START_WORDS]
            if len(opening) == MIN_QUOTED_START_WORDS:
                self._openings[" ".join(opening)].append(pattern)
        self._gate = _Gate(runs)
        self._quoted_gate = _Gate(quoted_runs)
        self._state = state
        self._kb = kb
        self._texts: list[tuple[int, str]] | None = None  # built when first needed

    def state(self) -> _FinderState:
        return self._state

    def candidates_in_block(self, block: str) -> dict[int, set[int]]:
        """For lower-cased lines joined by newlines: per line number (from 0) that
        `find` might find a message in, the messages to compare with it. One automaton pass
        for the whole block."""
        # (letters outside ASCII are in no English message)
        squeezed = block.encode("ascii", "ignore").translate(None, _NOT_ALNUM_BUT_NEWLINE)
        lengths = (len(line) + 1 for line in squeezed.split(b"\n"))
        starts = list(accumulate(lengths, initial=0))

        def line_of(position: int) -> int:
            return bisect_right(starts, position) - 1

        found: dict[int, set[int]] = defaultdict(set)
        for run, start, _ in self._gate.find(squeezed):
            found[line_of(start)].update(self._gate.owners_of(run))
        if '"' in block or "`" in block or not block.isascii():
            # Few lines quote: the quoted gate (shorter runs, many more hits) reads only those.
            for number, line in enumerate(block.split("\n")):
                if _QUOTE_MARK.search(line):
                    squeezed_line = squeezed[starts[number] : starts[number + 1] - 1]
                    runs = self._quoted_gate.find(squeezed_line)
                    if runs:
                        found[number].update(self._quoted_gate.owners(runs))
        return found

    def find(
        self,
        text: str,
        lowered: str,
        about_codes: bool = False,
        candidates: set[int] | None = None,
    ) -> list[tuple[int, int]]:
        """(position, code) for each official message the text quotes; `lowered` is the text
        in lower case, as the caller already has it. In text `about_codes` (it reports an
        error code), a generic message in quotes needs no other context. `candidates` are
        the messages to compare with, where `candidates_in_block` found them already."""
        selected = self._candidates(text, lowered) if candidates is None else candidates
        if not selected:
            return []  # the usual case: no message's words in a row
        # (folding ASCII text costs less than finding its words, and gives the same ones)
        folded = fold_in_place(text) if text.isascii() else None
        words = set(_WORD.findall(lowered) if folded is None else folded.split())
        compared = [
            pattern
            for pattern in map(self._patterns.__getitem__, sorted(selected))
            if len(pattern.words & words) >= pattern.needed_words
        ]
        quoted = _QUOTE_MARK.search(text) is not None
        if not compared and not quoted:
            return []
        folded = fold_in_place(text) if folded is None else folded
        quotes: list[tuple[int, int, list[str]]] | None = None
        cut = _ELLIPSIS.search(text)  # where a message may be quoted cut short
        cut_at = cut.start() if cut is not None else None
        # Hits to weigh: quoted openings need no check; a message's own hit needs those of
        # `_confirmed`, run only for a hit that no heavier kept one overlaps (most overlapped
        # hits are a short message inside a longer one: "the connection was terminated").
        aligned: list[tuple[Hit, _Pattern | None]] = []
        if quoted:
            quotes = _quoted_spans(text, folded)
            aligned += [(hit, None) for hit in self._quoted_openings(quotes)]
        spaced = _Spaced(folded)
        for pattern in compared:
            hit = _align(pattern, spaced, cut_at)
            if hit is None:
                quotes = _quoted_spans(text, folded) if quotes is None else quotes
                hit = _misquoted(pattern, quotes)
            if hit is not None:
                aligned.append((hit, pattern))
        kept: list[Hit] = []
        for hit, owner in sorted(aligned, key=lambda pair: _weight(pair[0])):
            if any(hit[1] > other[0] and hit[0] < other[1] for other in kept):
                continue
            if owner is None or self._confirmed(text, folded, hit, owner, about_codes):
                kept.append(hit)
        return [(start, code) for start, _, code, _ in kept]

    def _confirmed(
        self, text: str, folded: str, hit: Hit, pattern: _Pattern, about_codes: bool
    ) -> bool:
        """The aligned text is this message as the writer quotes it, not a constant's name,
        another error's or program's text or a fragment of another message; a generic one
        needs context."""
        if _in_constant_name(text, hit[0], hit[1]):
            return False
        if self._another_errors_text(text, hit[0], pattern):
            return False
        distinctive = pattern.distinctive
        if hit[3] < EXACT_SCORE:  # (a word-for-word quote is its message, whole)
            if self._fragment_of_another(folded[hit[0] : hit[1]], pattern):
                return False
            # distinctive as quoted: "integrity check failed" leaves out the "IPsec"
            # that made "IPsec integrity check failed." its code's alone
            distinctive = distinctive and _is_distinctive(_words_of(folded, hit))
        if not distinctive and self._another_code_after(text, hit[1], pattern.code):
            return False
        if not distinctive and _another_programs(text, hit[0], hit[1]):
            return False
        quoted_hit = _quoted(text, hit[0], hit[1])
        if pattern.code in self._quoted_only and not quoted_hit:
            return False
        if distinctive or (about_codes and quoted_hit):
            return True
        outside = text[: hit[0]] + " " + text[hit[1] :]
        return bool(
            rules.IPSEC_CONTEXT.search(outside)
            or (quoted_hit and rules.PLATFORM_CONTEXT.search(outside))
            or rules.STRONG_PLATFORM_CONTEXT.search(outside)
        )

    def _quoted_openings(self, quotes: list[tuple[int, int, list[str]]]) -> list[Hit]:
        """A long message quoted up to a clause (“The network connection between your
        computer and the VPN server could not be established.”): enough of its opening
        words, exactly, that no other message opens with, or that several open with and one
        of them is met far more often (809's, where 808 goes on "refused the connection")."""
        hits = []
        for start, end, quoted in quotes:
            if len(quoted) < MIN_QUOTED_START_WORDS:
                continue
            opening = " ".join(quoted)
            owners = {
                p.code
                for p in self._openings.get(" ".join(quoted[:MIN_QUOTED_START_WORDS]), ())
                if p.text.startswith(opening)
            }
            meant = owners.pop() if len(owners) == 1 else self._kb.sharer_meant(owners)
            if meant is not None:
                hits.append((start, end, meant, QUOTED_START_SCORE))
        return hits

    def _another_errors_text(self, text: str, start: int, pattern: _Pattern) -> bool:
        """A message right after another error's number is that error's text: "Error 635:
        Unknown error occurred." is RAS 635, not the IPsec code with the same message; "Error
        619 - A connection to the remote computer could not be established" is 619's message,
        not 720's, which begins with the same words."""
        word_start = _word_start(text, start)
        if rules.REASON_FIELD_BEFORE.search(text, max(0, word_start - 24), word_start):
            return False  # the field names this message the failure's reason
        before = number_before(text, word_start)
        if before is None:
            # "L2TP from the office: 792, security negotiation timed out": a few words of
            # the number's own message before this one, which is a piece of it
            reach = max(0, start - 32)
            if _DIGIT.search(text, reach, word_start) is None:
                return False  # the usual case
            near = _NUMBER_WORDS_BEFORE.search(text, reach, word_start)
            if near is None or int(near.group(1)) == pattern.code:
                return False
            return pattern.text in self._messages.get(int(near.group(1)), "")
        if before[0] == pattern.code:
            return False
        number, labelled = before
        if not pattern.distinctive:
            return True
        if labelled:
            # "Error 691: The remote computer rejected...": what 691 showed them; but an NPS
            # reason quotes the HRESULT the check failed with ("reason 258: The revocation
            # function was unable to check revocation ..." is 0x80092012's message)
            return not (
                pattern.code > WIN32_MAX
                and rules.NPS_REASON_BEFORE.search(text, max(0, word_start - 40), word_start)
            )
        return self._messages.get(number, "").startswith(pattern.text)

    def _another_code_after(self, text: str, end: int, code: int) -> bool:
        """A generic message right before another code's number is what the writer calls
        that code: "diffie-hellman failure 13822" is 13822, not 13864."""
        if not any(ch.isdigit() for ch in text[end : end + 4]):
            return False  # the usual case
        after = _NUMBER_AFTER.match(text, end)
        if after is None:
            return False
        number = int(after.group(1))
        return number != code and number in self._messages

    def _fragment_of_another(self, quoted: str, pattern: _Pattern) -> bool:
        """A text that is not this message word for word, but a clause of another message
        exactly: "the remote server is not responding" is 809's, not a misquote of 650's
        "The remote access server is not responding."
        """
        words = _SPACES.sub(" ", quoted).strip(" .")
        if pattern.text.strip(" .") in words:
            return False
        if self._texts is None:
            self._texts = [(code, _patterns_of(text)[0]) for code, text in _texts(self._kb)]
        return any(words in message for code, message in self._texts if code != pattern.code)

    def _candidates(self, text: str, lowered: str) -> set[int]:
        """The messages some of whose words the text holds in a row."""
        squeezed = lowered.encode("ascii", "ignore").translate(None, _NOT_ALNUM_BYTES)
        quoted = _QUOTE_MARK.search(text) is not None
        selected = self._gate.owners(self._gate.find(squeezed))
        if quoted:
            selected |= self._quoted_gate.owners(self._quoted_gate.find(squeezed))
        return selected


def _another_programs(text: str, start: int, end: int) -> bool:
    """A generic message another program also prints: after another protocol's name ("SMTP
    TLS negotiation timed out") or followed by a detail ("Invalid Tunnel ID (T12a) - not a
    number")."""
    return bool(
        rules.OTHER_PROTOCOL_BEFORE.search(text, max(0, start - 16), start)
        or rules.DETAIL_AFTER.match(text, end)
        or _program_string(text, start, end)
    )


def _program_string(text: str, start: int, end: int) -> bool:
    """The words stand in a program's own string: an argument of a logging call or an
    element of an array of strings ('DBG1(DBG_IKE, "integrity check failed");'), the
    program's log text."""
    line_start = text.rfind("\n", 0, start) + 1
    if '"' not in text[line_start:start]:
        return False  # the usual case: no string opens before the words
    if not rules.CODE_STRING_BEFORE.search(text, line_start, start):
        return False
    line_end = text.find("\n", end)
    return (
        rules.CODE_STRING_AFTER.match(text, end, line_end if line_end >= 0 else len(text))
        is not None
    )


def _in_constant_name(text: str, start: int, end: int) -> bool:
    """The words stand in another constant's upper-case name, joined by underscores:
    NTSTATUS's STATUS_IPSEC_INTEGRITY_CHECK_FAILED is not the message "IPsec integrity
    check failed"."""
    if "_" not in text[start:end]:
        return False  # the usual case: a name joins the message's words by underscores
    names = _CONSTANT_NAME.finditer(text, max(0, start - 40), min(len(text), end + 40))
    return any(name.start() <= start and name.end() >= end for name in names)


def _words_of(folded: str, hit: Hit) -> str:
    """The words a hit stands in: an alignment may start or end a letter or two into one."""
    start, end = _word_start(folded, hit[0]), hit[1]
    while end < len(folded) and folded[end].isalnum():
        end += 1
    return folded[start:end]


def _word_start(text: str, start: int) -> int:
    """Where the word at `start` begins: an alignment may start a letter or two into it."""
    first = start
    while first > max(0, start - _ALIGNMENT_SLACK) and text[first - 1].isalnum():
        first -= 1
    return first if first == 0 or not text[first - 1].isalnum() else start


def number_before(text: str, start: int) -> tuple[int, bool] | None:
    """The code of an error number right before `start` ("Error 635: ...", or heading the
    row: "792 – ...", which is not labelled) and whether it is labelled; the code is -1 for a
    number we do not read. None without one."""
    reach = max(0, start - 40)
    if _DIGIT.search(text, reach, start + 40) is None:
        return None  # the usual case, and one search cheaper than the label's
    found = (
        rules.OTHER_ERROR_BEFORE.search(text, reach, start)
        or rules.OTHER_ERROR_OPENING.match(text, start)
        or rules.OTHER_ERROR_BEFORE_QUOTE.search(text, max(0, start - 60), start)
    )
    labelled = found is not None
    if found is None:
        # the number heading the row the message stands in: "792 – ...negotiation timed out."
        found = _ROW_NUMBER.match(text, text.rfind("\n", 0, start) + 1, start)
        if found is None or start - found.end() > 40:
            return None
    numeric = parse_numeric(found.group("number"))
    return (-1 if numeric is None else numeric.code), labelled


_NUMBER_AFTER = re.compile(r"[\s:(#–—-]{0,3}(\d{3,5})(?!\d)")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS_BEFORE = re.compile(r"(?<![\d.])(\d{3,5})[,:;\s–—-]+(?:[A-Za-z]+\s+){1,2}$")
EXACT_SCORE = 100.0
# A quoted message: where it starts and ends, its code, how closely it matches.
Hit = tuple[int, int, int, float]


class _Spaced:
    """The folded text with each short run of spaces as one, as the messages are folded: a
    comma or a quote mark leaves two spaces in the text ("the 'IKE and AuthIP...' service"),
    which would push an alignment the length of the message off its last word. A longer run
    (a line's end and indent, a comment's end) still parts words: "the type is unsupported
    */\n id = ..." quotes no "Unsupported ID."."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.text = _SHORT_SPACE_RUNS.sub(" ", folded) if "  " in folded else folded
        # per run of spaces, where it ends in the single-spaced text and the spaces lost by
        # then (worked out for the few texts that hold a message)
        self._ends: list[int] | None = None
        self._lost: list[int] = []

    def span_in_folded(self, start: int, end: int) -> tuple[int, int]:
        """Where a span of the single-spaced text stands in the folded one."""
        if self.text is self.folded:
            return start, end
        return self._in_folded(start), self._in_folded(end - 1) + 1 if end > start else start

    def _in_folded(self, position: int) -> int:
        if self._ends is None:
            self._ends, lost = [], 0
            for run in _SHORT_SPACE_RUNS.finditer(self.folded):
                lost += len(run.group()) - 1
                self._ends.append(run.end() - lost)
                self._lost.append(lost)
        runs = bisect_right(self._ends, position)
        return position + (self._lost[runs - 1] if runs else 0)


# (led by its literal, which `re` finds fast: two or three spaces, no more)
_SHORT_SPACE_RUNS = re.compile(r"  (?<!   ) ?(?! )")


def _align(pattern: _Pattern, spaced: _Spaced, cut_at: int | None) -> Hit | None:
    long = len(pattern.text) >= LONG_MESSAGE_CHARS
    cutoff = LONG_MESSAGE_CUTOFF if long else SHORT_MESSAGE_CUTOFF
    text = spaced.text
    if len(text) >= len(pattern.text) * MIN_LENGTH_SHARE:
        exact = _exact_quote(pattern.text, text)
        if exact is not None:
            start, end = spaced.span_in_folded(exact, exact + len(pattern.text))
            return start, end, pattern.code, EXACT_SCORE
        if _may_align(pattern.text, text, cutoff):
            found = fuzz.partial_ratio_alignment(pattern.text, text, score_cutoff=cutoff)
            words = found and _word_span(text, found.dest_start, found.dest_end, pattern.text)
            if found and words:
                start, end = spaced.span_in_folded(*words)
                return start, end, pattern.code, found.score
    folded = spaced.folded
    return _cut_short(pattern, folded, cut_at) if long and cut_at is not None else None


def _exact_quote(message: str, folded: str) -> int | None:
    """Where the folded text holds the message word for word, as most quotes do: found
    without the character alignment a misspelled quote needs, which costs far more."""
    position = folded.find(message)
    while position >= 0:
        if _whole_words(folded, position, position + len(message)):
            return position
        position = folded.find(message, position + 1)
    return None


def _may_align(message: str, folded: str, cutoff: float) -> bool:
    """Whether some part of the text can be `cutoff` close to the message, by a bound that
    costs a tenth of the alignment. With c the cutoff over 100, a part that close shares at
    least c/(2-c) of the shorter one's length with the message, in order (similarity is
    2 x common / (both lengths), and the part is at most as long as the message), and the
    whole text shares at least as much."""
    share = cutoff / 100
    needed = math.ceil(share / (2 - share) * min(len(message), len(folded)) - 1e-9)
    return LCSseq.similarity(message, folded, score_cutoff=needed) >= needed


def _cut_short(pattern: _Pattern, folded: str, cut_at: int) -> Hit | None:
    """A long message quoted up to an ellipsis at `cut_at` ("…not found in the Trusted Root
    …"): the words before it must be most of the message's start, nearly exact."""
    before = folded[:cut_at].rstrip()
    tail = " ".join(before.split()[-CUT_TAIL_WORDS:])
    end = pattern.text.find(tail) + len(tail) if len(tail.split()) == CUT_TAIL_WORDS else -1
    if end < len(pattern.text) * MIN_CUT_SHARE:
        return None
    found = fuzz.partial_ratio_alignment(pattern.text[:end], before, score_cutoff=CUT_CUTOFF)
    if found and _whole_words(before, found.dest_start, found.dest_end):
        return found.dest_start, found.dest_end, pattern.code, found.score
    return None


def _gate_runs(texts: list[str], length: int) -> _GateRuns:
    """The runs of `length` words of each message text (whole short messages), squeezed,
    and the numbers of the texts that hold each. A run needs a word few messages share: "the
    remote computer" is in many messages and in everyday VPN talk, so it would open the gate
    for both. A message with no such run keeps all its runs but those made only of
    stopwords."""
    frequency: dict[str, int] = defaultdict(int)
    for text in texts:
        for word in set(text.split()):
            frequency[word] += 1
    owners: dict[str, list[int]] = defaultdict(list)
    for number, text in enumerate(texts):
        words = text.split()
        runs = [words[first : first + length] for first in range(max(1, len(words) - length + 1))]
        telling = [r for r in runs if any(frequency[w] <= GATE_WORD_MESSAGES for w in r)]
        for run in telling or runs:
            if not all(word in rules.STOPWORDS for word in run):
                owners["".join(run)].append(number)
    keys = sorted(owners)
    return keys, [owners[key] for key in keys]


class _Gate:
    """The runs of words of each message in one automaton (`_gate_runs`)."""

    def __init__(self, runs: _GateRuns) -> None:
        keys, self._owners = runs
        # A contiguous NFA: nearly as fast to search as a DFA, and ten times faster to build.
        automaton = BytesAhoCorasick(
            [key.encode("ascii") for key in keys], implementation=Implementation.ContiguousNFA
        )
        self._find = automaton.find_matches_as_indexes

    def find(self, squeezed: bytes) -> list[tuple[int, int, int]]:
        """Where the squeezed text holds runs: (run, start, end)."""
        return self._find(squeezed, overlapping=True)

    def owners(self, found: list[tuple[int, int, int]]) -> set[int]:
        """The patterns whose runs these are."""
        return {number for run, _, _ in found for number in self._owners[run]}

    def owners_of(self, run: int) -> list[int]:
        return self._owners[run]


def _quoted_spans(text: str, folded: str) -> list[tuple[int, int, list[str]]]:
    """Where the text quotes something, and the quoted words."""
    return [
        (m.start(1), m.end(1), folded[m.start(1) : m.end(1)].split())
        for m in _QUOTED.finditer(text)
    ]


def _misquoted(pattern: _Pattern, quotes: list[tuple[int, int, list[str]]]) -> Hit | None:
    """A message quoted from memory: one word left out, added or changed ("IKE credentials
    are unacceptable"). Only whole quotes of longer messages: shorter ones say too little."""
    words = pattern.text.split()
    if len(words) < MIN_MISQUOTED_WORDS:
        return None
    for start, end, quoted in quotes:
        if abs(len(quoted) - len(words)) <= 1 and _one_word_apart(quoted, words):
            return start, end, pattern.code, MISQUOTED_SCORE
    return None


def _one_word_apart(quoted: list[str], words: list[str]) -> bool:
    """The two word lists differ by at most one inserted, deleted or replaced word."""
    head = 0
    while head < min(len(quoted), len(words)) and quoted[head] == words[head]:
        head += 1
    tail = 0
    while tail < min(len(quoted), len(words)) - head and quoted[-1 - tail] == words[-1 - tail]:
        tail += 1
    return max(len(quoted), len(words)) - head - tail <= 1


def _texts(kb: KnowledgeBase) -> list[tuple[int, str]]:
    """(code, message) for the messages this finder finds: the official ones, and the
    localized ones in ASCII letters (some Spanish, German, Italian ones), which are found like
    the English ones; those with other letters are the localized finder's."""
    messages = [(e.code, e.message) for e in kb if not e.range_marker]
    for m in kb.localized:
        if m.code not in kb.by_code:
            continue
        if ascii_letters(m.text):
            messages.append((m.code, m.text))
        elif ascii_letters(first := first_sentence(m.text)):
            # its first sentence, pasted alone, has no letter for the localized finder:
            # "Die Netzwerkverbindung ... da der Remoteserver nicht reagiert."
            messages.append((m.code, first))
    return messages


def _unique_patterns(kb: KnowledgeBase) -> dict[str, int]:
    """Folded message texts (whole, and first sentences) that point at exactly one code."""
    messages = _texts(kb)
    whole: dict[str, list[int]] = defaultdict(list)
    sentences: dict[str, set[int]] = defaultdict(set)
    for code, message in messages:
        first, *rest = _patterns_of(message)
        if code not in whole[first]:
            whole[first].append(code)
        for sentence in rest:
            sentences[sentence].add(code)
    # A text shared by several codes cannot tell which one was meant; a whole message
    # owns its text even where it is the first sentence of another code's message, and a
    # first sentence several messages open with means the one of them people meet most.
    unique = {
        text: meant
        for text, codes in whole.items()
        if (meant := codes[0] if len(codes) == 1 else kb.sharer_meant(codes)) is not None
    }
    for text, codes in sentences.items():
        if text in whole:
            continue
        meant = next(iter(codes)) if len(codes) == 1 else kb.sharer_meant(codes)
        if meant is not None:
            unique[text] = meant
    return unique


def _patterns_of(message: str) -> list[str]:
    """The whole message, and its first sentence: people often paste only that."""
    folded = [_SPACES.sub(" ", fold_in_place(part)).strip() for part in message.split(". ")]
    whole = " ".join(folded)
    return [whole, folded[0]] if len(folded) > 1 else [whole]


def _weight(hit: Hit) -> tuple[float, float]:
    """Where quoted texts overlap, the one that matches the most text wins: its length, less
    twice what it gets wrong ("main mode" over "quick mode" in "The specified main mode
    policy..."; a whole message over its first sentence, even where punctuation makes it a
    little less close: "...could not be established, so the port..."; but not a longer
    message only roughly there over a shorter one word for word: 646's "The account is not
    permitted to log on at this time of day." over 923's "The remote account ..."). The
    lightest sorts last."""
    return -(hit[1] - hit[0]) * (2 * hit[3] - EXACT_SCORE), -hit[3]


def _quoted(text: str, start: int, end: int) -> bool:
    """The message stands in quotes or backticks: someone copied it from a dialog or a log;
    or all of it but the word that says it is an error ('I receive "Policy Match" error')."""
    before = text[max(0, start - 2) : start]
    if _QUOTE_CHAR.search(before) is None:
        return False
    after = text[end : end + 3]
    return bool(_QUOTE_CHAR.search(after) or _QUOTED_BUT_ERROR_WORD.search(text, start, end))


_QUOTED_BUT_ERROR_WORD = re.compile(r"[\"'`”’]\s*(?:error|failure)$", re.IGNORECASE)


def _word_span(folded: str, start: int, end: int, message: str) -> tuple[int, int] | None:
    """An alignment's span, if it holds whole words (`_whole_words`); without a number that
    heads it, which is the error's own ("Error 628: connection was terminated..."), unless
    the message starts with one."""
    if not _whole_words(folded, start, end):
        return None
    number = _LEADING_NUMBER.match(folded, start, end)
    if number is not None and not message[:1].isdigit():
        start = number.end()
    return (start, end) if end > start else None


_LEADING_NUMBER = re.compile(r"[0-9]+ ")


def _whole_words(folded: str, start: int, end: int) -> bool:
    """The match must not begin or end inside a word ('invalid policy' in 'invalid policyholder').

    A misspelling can shift the alignment by a character or two, so a boundary that close counts.
    """
    slack = _ALIGNMENT_SLACK
    starts_clean = start == 0 or " " in folded[max(0, start - 1 - slack) : start + 1]
    ends_clean = end >= len(folded) - slack or " " in folded[end - 1 : end + 1 + slack]
    return starts_clean and ends_clean


def _is_distinctive(message: str) -> bool:
    joined = re.sub(r"\b(main|quick|tunnel|transport) mode\b", r"\1_mode", message)
    words = re.sub(r"\bmachine certificate\b", "machine_certificate", joined).split()
    if len(words) >= rules.MIN_LONG_MESSAGE_WORDS:
        return True
    return len(words) >= rules.MIN_DISTINCTIVE_WORDS and any(w in rules.IPSEC_TERMS for w in words)

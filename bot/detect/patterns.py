"""The token patterns of one knowledge base, built from its families' blocks and name forms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import product
from typing import NamedTuple, Protocol

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, MatchKind

from bot.detect.vocabulary import (
    AFTER_REPORT_WORDS,
    CJK_REPORT_WORDS,
    DEFINITION_AFTER,
    LABEL_REACH,
    PART_REPORT_WORDS,
    PROTOCOL_WORDS,
    QUESTION_WINDOW,
    REPORT_WORDS,
    SEQUENCE_AFTER,
    STATUS_WORDS,
)
from bot.domain import HRESULT_WIN32_PREFIX, WIN32_MAX, CodeRange, Numbering
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.index import names_of
from bot.numeric import signed_hresult_of

_DECIMAL = "0123456789"
_UINT32 = 1 << 32
# Lower-case stems of the words that write a number as an error, in the languages of the
# localized messages: a cheap superset of the labels detection accepts.
_ERROR_WORD_STEMS = (
    "err",
    "code",
    "fail",
    "fehler",
    "erreur",
    "erro",
    "fout",
    "fel",
    *("".join(letters) for letters in product("b", "lł", "aą", "d")),
    *("błęd", "blęd", "błed"),  # (not "bled": it is in every "enabled" and "disabled")
    "ошиб",
    "памыл",
    "помил",
    "код",
    *("kod", "kód", "koodi"),
    "exception",
    "hresult",
    "status",
    *("错误", "錯誤", "报错", "報錯", "エラー", "오류", "代码", "代碼", "异常", "異常"),
    *("hata", "lỗi", "kesalahan", "chyb", "hib", "eroare", "σφάλμα", "ارور", "خطا", "خطأ"),
    *("fejl", "feil", "virhe", "viga", "kļūd", "klaid", "greš", "napak", "грешк", "gabim"),
    *("ralat", "gwall", "earráid", "earraid", "mearachd", "hitilafu", "iphutha", "impazamo"),
    *("שגיאה", "त्रुटि", "एरर", "ایرر", "خرابی", "ত্রুটি", "பிழை", "లోపం", "ข้อผิดพลาด"),
    *("შეცდომა", "սխալ", "қате"),
)
_CJK_ERROR_WORDS = ("错误", "錯誤")
_CJK_LABEL_AFTER_REACH = 20
# Digits a labelled number may have beyond the reach of its label's end ("error: 809").
_LONGEST_LABELLED = 4
# How far after "<data" an event value may end: <Data Name="...">809</Data>.
_EVENT_DATA_REACH = 64
# How far before an error word its number may end ("809 error", "809错误").
_LABEL_AFTER_REACH = 8
_HEX = "0123456789abcdef"
# Edges are ASCII: in "エラー13801が" the code stands alone, though \b sees one long word.
# What may not stand before a token (a signed number's minus sign neither), and after it.
_WORD_CHAR, _WORD_CHAR_OR_MINUS = "[A-Za-z0-9_]", "[A-Za-z0-9_-]"
_A, _Z = rf"(?<!{_WORD_CHAR})", r"(?![A-Za-z0-9_µ°])"
_PLURAL = r"(?=s(?![A-Za-z0-9_]))"  # "the 809s": the detector decides whether it is one
_IDENTIFIER = re.compile(r"[a-z0-9_]")
# CJK writing glues a RAS number to the word before it: "VPN806错误代码" (its label must
# still follow).
_GLUED_BEFORE_RAS = ("vpn", "VPN")
_LITERAL = re.compile(r"-?[0-9a-z]+")
# The opening of a sequence in a range pattern: a group, a class, \d or one character, and
# the count of a class or \d.
_OPENING = re.compile(r"\(\?:|\[(?P<set>[0-9a-z-]+)\]|(?P<digit>\\d)|(?P<char>[0-9a-z-])", re.I)
_COUNT = re.compile(r"\{(?P<least>\d+)(?:,(?P<most>\d+))?\}")


class Gate(Protocol):
    """A cheap test on lower-cased text that must pass before a token pattern runs on it."""

    def search(self, lowered: str) -> bool:
        """Whether the text may hold such a token."""

    def starts(self, block: str) -> Iterator[int]:
        """Where tokens may start in a block of lower-cased lines (each stands alone)."""


class _PatternGate:
    """A regular expression with a literal start, which `re` finds fast."""

    def __init__(self, pattern: str) -> None:
        self._pattern = re.compile(pattern)

    def search(self, lowered: str) -> bool:
        return self._pattern.search(lowered) is not None

    def starts(self, block: str) -> Iterator[int]:
        return (match.start() for match in self._pattern.finditer(block))


class _LiteralsGate:
    """Any of some literals, found by one automaton pass; `edged` ones only as whole
    identifiers (the names: "ike_sa" in a charon log is no name's start)."""

    def __init__(self, literals: Iterable[str], edged: bool = False) -> None:
        chosen = sorted(literals)
        # One match at a place, the longest: a gate needs where words are, not every word
        # they contain ("err" in "error"), and each match found costs a Python object.
        longest = MatchKind.LeftmostLongest
        self._any_text = AhoCorasick(chosen, matchkind=longest)
        ascii_only = [s.encode("ascii") for s in chosen if s.isascii()]
        # None when no literal is ASCII: a block of ASCII lines then holds none of them.
        self._ascii = BytesAhoCorasick(ascii_only, matchkind=longest) if ascii_only else None
        self._edged = edged

    def search(self, lowered: str) -> bool:
        return any(True for _ in self.spans(lowered))

    def starts(self, block: str) -> Iterator[int]:
        return (start for start, _ in self.spans_in_block(block))

    def spans(self, lowered: str) -> Iterator[tuple[int, int]]:
        found = self._any_text.find_matches_as_indexes(lowered)
        return self._kept(lowered, ((start, end) for _, start, end in found))

    def spans_in_block(self, block: str) -> Iterator[tuple[int, int]]:
        if not block.isascii():
            return self.spans(block)
        if self._ascii is None:
            return iter(())
        found = self._ascii.find_matches_as_indexes(block.encode("ascii"))
        return self._kept(block, ((start, end) for _, start, end in found))

    def _kept(self, text: str, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        if not self._edged:
            return spans
        return ((start, end) for start, end in spans if _stands_alone(text, start, end))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """text[start:end] is a whole identifier, not part of a longer one."""
    return not (start and _IDENTIFIER.match(text, start - 1)) and not _IDENTIFIER.match(text, end)


class _ReachWords:
    """Groups of words, each word with how far before its start and after its end a number
    it labels may stand, found by one automaton pass (a pass per group cost a scan several)."""

    def __init__(self, groups: Iterable[tuple[Iterable[str], bool, int, int]]) -> None:
        # per word: edged (only as a whole identifier), reach before, reach after; a word of
        # two groups keeps the wider reach
        table: dict[str, tuple[bool, int, int]] = {}
        for words, edged, before, after in groups:
            for word in words:
                was_edged, was_before, was_after = table.get(word, (edged, before, after))
                table[word] = (was_edged and edged, max(was_before, before), max(was_after, after))
        chosen = sorted(table)
        self._reach = [table[word] for word in chosen]
        longest = MatchKind.LeftmostLongest
        self._any_text = AhoCorasick(chosen, matchkind=longest)
        ascii_only = [number for number, word in enumerate(chosen) if word.isascii()]
        self._ascii_reach = [self._reach[number] for number in ascii_only]
        self._ascii = BytesAhoCorasick(
            [chosen[number].encode("ascii") for number in ascii_only], matchkind=longest
        )

    def found(self, text: str) -> Iterator[tuple[int, int, int, int]]:
        """Each word found: its start and end, and how far before and after it a number it
        labels may stand."""
        if text.isascii():
            found = self._ascii.find_matches_as_indexes(text.encode("ascii"))
            return self._kept(text, found, self._ascii_reach)
        return self._kept(text, self._any_text.find_matches_as_indexes(text), self._reach)

    @staticmethod
    def _kept(
        text: str, found: list[tuple[int, int, int]], reach: list[tuple[bool, int, int]]
    ) -> Iterator[tuple[int, int, int, int]]:
        for word, start, end in found:
            edged, before, after = reach[word]
            if not edged or _stands_alone(text, start, end):
                yield start, end, before, after


# What may stand between a number and the word after it: nothing, or the backtick Slack
# quotes it with. (Each closing multiplies the gate's literals by the number's last digits and
# the words after it, and the automaton's size costs every byte it scans; the other quotes
# found nothing in any corpus.)
_CLOSING = ("", "`")


class _LabelledGate:
    """A number that counts only near an error word ("error 809", "809 error") or words that
    report it ("getting 812", "812 again", "691?"), or any text with a code of another kind
    for it to stand beside ("13806, user tunnel gives 812"). `number` is the loose pattern of
    the labelled numbers, `beside` that of the other kinds' codes, and `spelled` the labelled
    numbers written out, for the openers an automaton finds with them (": 798")."""

    def __init__(self, number: str, beside: str, spelled: list[str]) -> None:
        after = LABEL_REACH + _LONGEST_LABELLED
        self._words = _ReachWords(
            (
                (_ERROR_WORD_STEMS, False, _LABEL_AFTER_REACH, after),
                # CJK puts what a code is between it and the word: "691一般是账号无效的错误码"
                (_CJK_ERROR_WORDS, False, _CJK_LABEL_AFTER_REACH, after),
                (REPORT_WORDS, True, 0, after),
                # (with the number's first digit: "client says" alone is in many a paste; the
                # labelled numbers are RAS codes, 600-999, and Win32 ones, 64, 1225 and 1460)
                (
                    [f"{words} {digit}" for words in PART_REPORT_WORDS for digit in "16789"],
                    False,
                    0,
                    after,
                ),
                (CJK_REPORT_WORDS, False, 0, _LABEL_AFTER_REACH),
                (AFTER_REPORT_WORDS, True, _LABEL_AFTER_REACH, 0),
                # a tally of each code: "9x 691, 5x 812"
                ([f"{digit}{times} " for digit in _DECIMAL for times in "x×"], False, 0, 8),
                # or after it: "628 x41, 807 x19"
                ([f"{digit} {times}" for digit in _DECIMAL for times in "x×"], False, 4, 0),
                # the subject of a status line, "853 for three users", "795: NPS ...": the
                # words after each digit, so that the automaton reports only the few that
                # follow a number ("for" and ":" stand in most lines)
                (
                    [
                        f"{digit}{quote}{word}"
                        for digit in _DECIMAL
                        for quote in _CLOSING
                        for word in (*(f" {w} " for w in STATUS_WORDS), ": ", *SEQUENCE_AFTER)
                    ],
                    False,
                    _LABEL_AFTER_REACH,
                    0,
                ),
                # what a code stands for ("628 = the L2TP thing"), or the code an arrow
                # points to ("20227 -> 734"): both numbers are in reach
                (
                    [
                        f"{digit}{quote}{word}"
                        for digit in _DECIMAL
                        for quote in _CLOSING
                        for word in DEFINITION_AFTER
                    ],
                    False,
                    _LABEL_AFTER_REACH,
                    _LONGEST_LABELLED,
                ),
                # a number opening a clause, which its own words may follow: "lab PCs: 798,
                # no certificate that can be used with this EAP" (each number written out:
                # ": " and a digit stand in most lines of a log)
                # or after an arrow or a word of sequence: "event 20227 -> 734 (PPP link
                # control protocol ...)", "now 939 invalid RADIUS response"
                (
                    [f"{lead} {number}" for lead in (":", ">", "→", "now") for number in spelled],
                    False,
                    0,
                    0,
                ),
                # an MS-CHAP failure packet: "E=691 R=0", "e=691 chap authentication failed"
                ([" r=0", " r=1", " chap", " ms-chap", " mschap"], False, 8, 0),
                # a number in brackets after its own words: "Windows cannot verify the
                # digital certificate sent by the server (801)"
                ([f"({number})" for number in spelled], False, 0, 0),
                # or glossed in brackets with them: "14 users with 853 (cert invalid)" (the
                # last digit only: an automaton of every number so written costs each start)
                ([f"{digit}{gap}(" for digit in _DECIMAL for gap in ("", " ")], False, 3, 0),
                # a code's occurrences: "the 809s are gone", "691s back to baseline"
                ([f"{digit}s{after}" for digit in _DECIMAL for after in " ,"], False, 4, 0),
                (["?"], False, QUESTION_WINDOW + _LONGEST_LABELLED, 0),
                # two codes weighed against each other: "691 vs 812"
                ([" vs ", " vs. ", " versus "], False, 4, 4),
                # a VPN protocol and the error it gave: "L2TP 789, compte verrouillé"
                (PROTOCOL_WORDS, False, 0, 6),
                # an arm of a switch in a program: "case 651:", "case(678):"
                (["case ", "case("], False, 0, 6),
                # an event's XML: <Data>809</Data>, <Data Name="ErrorCode">809</Data>
                (["<data"], False, 0, _EVENT_DATA_REACH),
            )
        )
        self._number = re.compile(rf"{_edge_led(number, '[0-9]')}(?![0-9])")
        # a number heading a row of a list or table: "621 Cannot open...", "| 604 | ..."
        # (two searches, each led by its literal, which `re` finds fast; a class would not be)
        self._row_heads = [
            re.compile(
                rf"{lead}[ \t]*(?:(?:[-*•]|\d{{1,3}}[.)])[ \t]*)?[\"'“]?(?:\*\*|__|`)?"
                rf"(?P<n>{number})(?![0-9])"
            )
            for lead in (r"\n", r"\|")
        ]
        self._beside = _PatternGate(beside) if beside else None

    def search(self, lowered: str) -> bool:
        if self._beside is not None and self._beside.search(lowered):
            return True
        heads = "\n" + lowered  # the text's first line heads a row too
        if any(row.search(heads) for row in self._row_heads):
            return True
        # the number may stand on the next line of a message: "$LASTEXITCODE\n809"
        if any(
            self._number.search(lowered, max(0, start - before), end + after)
            for start, end, before, after in self._words.found(lowered)
        ):
            return True
        # and a line passes as it does in a block (`starts`), where its words' reaches join
        return next(self._line_windows(lowered), None) is not None

    def starts(self, block: str) -> Iterator[int]:
        """In a block, each line stands alone: a word and its number share a line. Per line,
        one search from before its first word to after its last (a superset that costs one
        search a line, not one a word)."""
        if self._beside is not None:
            yield from self._beside.starts(block)
        if first_row := self._row_heads[0].match("\n" + block[:16]):
            yield first_row.start("n") - 1
        for row in self._row_heads:
            yield from (found.start("n") for found in row.finditer(block))
        yield from self._line_windows(block)

    def _line_windows(self, block: str) -> Iterator[int]:
        """Per line, a number found from before its first word to after its last."""
        line_end, first, last = -1, 0, 0
        for start, end, before, after in self._words.found(block):
            if start > line_end:  # a new line: search the last one's window
                if last > first and (found := self._number.search(block, first, last)):
                    yield found.start()
                line_start = block.rfind("\n", 0, start) + 1
                line_end = block.find("\n", end)
                line_end = line_end if line_end >= 0 else len(block)
                first = max(line_start, start - before)
            else:
                first = min(first, max(line_start, start - before))
            last = max(last, min(line_end, end + after))
        if last > first and (found := self._number.search(block, first, last)):
            yield found.start()


class TokenKind(NamedTuple):
    """One way a code is written (decimal, 0x hex, a name...): the gate that must pass on
    the lower-cased text before `token` runs on the text."""

    gate: Gate
    token: re.Pattern[str]
    labelled: bool = False  # numbers that count only after an error word (RAS 600-999)


class CodePatterns:
    """What detection searches for, derived from the families the knowledge declares."""

    def __init__(self, kb: KnowledgeBase) -> None:
        families = list(kb.families.values())
        win32 = [f.block for f in families if f.numbering is Numbering.WIN32]
        # Numbers that mean many things (RAS 600-999) are looked for only in text that has
        # an error word, or a code of another family to stand beside; never as bare hex.
        labelled = [s for f in families if f.numbering is Numbering.WIN32 for s in f.labelled_only]
        # Win32 codes an HRESULT entry wraps (RasClient reports 0x800705B4 as "... is 1460"):
        # as numbers they mean many things, so they too count only as labelled VPN errors.
        labelled += [CodeRange(code, code) for code in wrapped_win32_codes(kb)]
        plain = [
            f.block for f in families if f.numbering is Numbering.WIN32 and not f.labelled_only
        ]
        decimal = _union(range_pattern(span, _DECIMAL) for span in plain)
        labelled_decimal = _union(range_pattern(span, _DECIMAL) for span in labelled)
        bare_hex = _union(range_pattern(span, _HEX) for span in plain)
        labelled_loose = "|".join(loose_range_pattern(span, _DECIMAL) for span in labelled)
        signed_spans = [
            CodeRange(-signed_hresult_of(span.last), -signed_hresult_of(span.first))
            for span in win32
        ]
        signed = _union(range_pattern(span) for span in signed_spans)
        # HRESULT families: their codes as unsigned decimals, negative (signed) decimals and
        # 8 hex digits without 0x ("800B0101"); 0x forms are the prefixed kind.
        hresult_spans = [s for f in families if f.numbering is Numbering.HRESULT for s in f.ranges]
        unsigned = _union(range_pattern(span) for span in hresult_spans)
        negative = _union(range_pattern(_negated(span)) for span in hresult_spans)
        plain_hex = _union(range_pattern(span, _HEX) for span in hresult_spans)
        names = _union(f.names_in_text for f in families if f.names_in_text)
        labelled_token = (
            rf"{_edge_led(labelled_decimal, _WORD_CHAR, _GLUED_BEFORE_RAS)}(?:{_Z}|{_PLURAL})"
            if labelled_decimal
            else ""
        )
        # Each kind of token with the cheap search on the lower-cased text that must succeed
        # before the token's own pattern is run: one alternation of them all would try every
        # kind at every position of every line.
        kinds: list[tuple[str, str, Gate | None]] = [
            (
                "name",
                rf"{_A}{names}{_Z}" if names else "",
                _LiteralsGate(_name_forms(kb), edged=True) if names else None,
            ),
            (
                "signed",
                rf"{_edge_led(f'-{signed}', _WORD_CHAR_OR_MINUS)}{_Z}" if signed else "",
                _pattern_gate(f"-{loose_range_pattern(span)}" for span in signed_spans),
            ),
            # 0x and a Win32 code (up to 4 digits) or an HRESULT (8, the first from 8: the
            # failure bit); "spi=0xabc1234" is neither
            (
                "prefixed",
                rf"{_edge_led('0', _WORD_CHAR)}x[0-9A-Fa-f]{{1,8}}{_Z}",
                _PatternGate(r"0x0*(?:[0-9a-f]{1,4}|[89a-f][0-9a-f]{7})(?![0-9a-z])"),
            ),
            (
                "hresult_value",
                rf"{_edge_led(f'-{negative}|{unsigned}|{plain_hex}', _WORD_CHAR_OR_MINUS)}{_Z}"
                if hresult_spans
                else "",
                _pattern_gate(
                    [
                        *(loose_range_pattern(span) for span in hresult_spans),
                        *(f"-{loose_range_pattern(_negated(s))}" for s in hresult_spans),
                        *(loose_range_pattern(span, _HEX) for span in hresult_spans),
                    ]
                ),
            ),
            (
                "hresult",
                rf"{_edge_led('8007', _WORD_CHAR_OR_MINUS)}[0-9A-Fa-f]{{4}}{_Z}" if win32 else "",
                _PatternGate("8007"),
            ),
            (
                "decimal",
                rf"{_edge_led(decimal, _WORD_CHAR)}(?:{_Z}|{_PLURAL})" if decimal else "",
                _pattern_gate(
                    (loose_range_pattern(s, _DECIMAL) for s in plain), edged=True, plural=True
                ),
            ),
            (
                "decimal",
                labelled_token,
                _LabelledGate(
                    labelled_loose,
                    "|".join(loose_range_pattern(s, _DECIMAL) for s in plain),
                    [str(code) for span in labelled for code in range(span.first, span.last + 1)],
                )
                if labelled
                else None,
            ),
            (
                "bare_hex",
                rf"{_edge_led(bare_hex, _WORD_CHAR)}{_Z}" if bare_hex else "",
                _pattern_gate((loose_range_pattern(s, _HEX) for s in plain), edged=True),
            ),
        ]
        self.kinds = tuple(
            TokenKind(
                gate,
                re.compile(rf"(?P<{kind}>{token})", re.IGNORECASE),
                labelled=token == labelled_token,
            )
            for kind, token, gate in kinds
            if token and gate is not None
        )
        self._decimal_spans = plain + labelled
        self._strict = [span for f in families for span in f.error_words_only]
        self._labelled = labelled

    def listed_decimal(self, digits: str) -> bool:
        """`digits` (a whole run of ASCII digits) is a code written in decimal: the other
        code across a slash in "13801/13806" or "789/790"."""
        if not digits or digits[0] == "0":
            return False
        number = int(digits)
        return any(number in span for span in self._decimal_spans)

    def needs_label(self, code: int) -> bool:
        """Codes whose numbers mean many things count only where written as VPN errors."""
        return any(code in span for span in self._labelled)

    def needs_error_words(self, code: int) -> bool:
        """Codes that collide with everyday numbers count only next to an error word."""
        return any(code in span for span in self._strict)


def _pattern_gate(
    alternatives: Iterable[str], edged: bool = False, plural: bool = False
) -> Gate | None:
    """One gate for the alternatives; `edged` ones must stand apart from other letters and
    digits, as their tokens do ("spi=0x13a35e9f" holds no 35e9), but for a `plural` "s"
    ("the 13899s"). Literals (single codes) are left to an automaton: `re` tries each of them
    at every position."""
    chosen = list(alternatives)
    if not chosen:
        return None
    if all(_LITERAL.fullmatch(a) for a in chosen) and not plural:
        return _LiteralsGate(chosen, edged)
    return _PatternGate("|".join(_edged(a, plural) if edged else a for a in chosen))


def _edged(alternative: str, plural: bool = False) -> str:
    # (the gates search lower-cased text)
    end = "s?" if plural else ""
    return rf"{_edge_led(alternative, '[0-9a-z_]')}{end}(?![0-9a-z_])"


def _negated(span: CodeRange) -> CodeRange:
    """The digits of a span of HRESULTs written as negative (signed 32-bit) numbers."""
    return CodeRange(_UINT32 - span.last, _UINT32 - span.first)


def wrapped_win32_hresults(kb: KnowledgeBase) -> frozenset[int]:
    """The HRESULT entries that wrap a Win32 code (0x80070040 is ERROR_NETNAME_DELETED, 64)."""
    return frozenset(HRESULT_WIN32_PREFIX | code for code in wrapped_win32_codes(kb))


def wrapped_win32_codes(kb: KnowledgeBase) -> list[int]:
    """The Win32 codes inside the HRESULT_FROM_WIN32 values that HRESULT entries are."""
    return sorted(
        {
            entry.code & WIN32_MAX
            for entry in kb
            if entry.code > WIN32_MAX and entry.code & ~WIN32_MAX == HRESULT_WIN32_PREFIX
        }
    )


def patterns_of(kb: KnowledgeBase) -> CodePatterns:
    return kb.index(CodePatterns)


def range_pattern(span: CodeRange, digits: str = _DECIMAL) -> str:
    """A regular expression matching exactly the numbers of `span`, written in `digits`."""
    low, high = _spell(span.first, digits), _spell(span.last, digits)
    parts = []
    while len(low) < len(high):
        widest = digits[-1] * len(low)
        parts.append(_same_width(low, widest, digits))
        low = digits[1] + digits[0] * len(low)
    parts.append(_same_width(low, high, digits))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def loose_range_pattern(span: CodeRange, digits: str = _DECIMAL) -> str:
    """A cheap superset of `range_pattern`: the shared leading digits, the range of the first
    digit that differs, any digits after it (13000-13999: 13, then any three digits)."""
    low, high = _spell(span.first, digits), _spell(span.last, digits)
    if len(low) != len(high):
        return f"{_digit_class(digits)}{{{len(low)},{len(high)}}}"
    shared = 0
    while shared < len(low) and low[shared] == high[shared]:
        shared += 1
    if shared == len(low):
        return low
    first, last = digits.index(low[shared]), digits.index(high[shared])
    if first == 0 and last == len(digits) - 1:
        return low[:shared] + _any(digits, len(low) - shared)
    varying = _digit_class(digits[first : last + 1])
    return low[:shared] + varying + _any(digits, len(low) - shared - 1)


def _name_forms(kb: KnowledgeBase) -> set[str]:
    """The name forms detection accepts, lower-cased."""
    patterns = [re.compile(f.names_in_text) for f in kb.families.values() if f.names_in_text]
    return {key.lower() for key in names_of(kb).names if any(p.fullmatch(key) for p in patterns)}


def _spell(number: int, digits: str) -> str:
    base = len(digits)
    spelled = ""
    while True:
        number, remainder = divmod(number, base)
        spelled = digits[remainder] + spelled
        if not number:
            return spelled


def _same_width(low: str, high: str, digits: str) -> str:
    """Numbers from `low` to `high`, both of the same width (inner positions may be zero)."""
    if not low:
        return ""
    if low[0] == high[0]:
        return low[0] + _same_width(low[1:], high[1:], digits)
    first, last = digits.index(low[0]), digits.index(high[0])
    rest = len(low) - 1
    smallest, largest = digits[0] * rest, digits[-1] * rest
    parts = []
    if low[1:] != smallest:
        parts.append(low[0] + _same_width(low[1:], largest, digits))
        first += 1
    tail = high[0] + _same_width(smallest, high[1:], digits) if high[1:] != largest else ""
    if tail:
        last -= 1
    if first == 0 and last == len(digits) - 1:
        parts.append(_any(digits, rest + 1))  # every digit here: 13\d{3}, not 13\d\d{2}
    elif first <= last:
        parts.append(_digit_class(digits[first : last + 1]) + _any(digits, rest))
    if tail:
        parts.append(tail)
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _any(digits: str, count: int) -> str:
    if not count:
        return ""
    return _digit_class(digits) + (f"{{{count}}}" if count > 1 else "")


def _digit_class(chosen: str) -> str:
    """A character class for these digits, with runs written as ranges: [2-6], [0-9a-f]."""
    if len(chosen) == 1:
        return chosen
    if chosen == _DECIMAL:
        return r"\d"
    runs: list[str] = []
    start = previous = chosen[0]
    for char in [*chosen[1:], ""]:
        if char and ord(char) == ord(previous) + 1:
            previous = char
            continue
        runs.append(start if start == previous else f"{start}-{previous}")
        start = previous = char
    return f"[{''.join(runs)}]"


def _edge_led(pattern: str, not_after: str, may_follow: tuple[str, ...] = ()) -> str:
    """`pattern` where it does not follow a character of the class `not_after` (unless one of
    the words `may_follow` ends there). Each branch opens with a literal character and checks
    what stands before it right after that character: a pattern that opens with a
    lookbehind makes `re` try every position, one that opens with literals only those
    characters (three times faster on the windows a scan searches). Patterns whose openings
    `_openings` cannot read keep the lookbehind first."""
    openings = _openings(pattern)
    if openings is None:
        return _edge_check(not_after, may_follow, "") + f"(?:{pattern})"
    branches = []
    for first, rests in _grouped(openings).items():
        rest = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
        literal = re.escape(first)
        branches.append(literal + _edge_check(not_after, may_follow, literal) + rest)
    return "(?:" + "|".join(branches) + ")"


def _edge_check(not_after: str, may_follow: tuple[str, ...], first: str) -> str:
    edge = f"(?<!{not_after}{first})"
    if not may_follow:
        return edge
    return "(?:" + "|".join([edge, *(f"(?<={word}{first})" for word in may_follow)]) + ")"


def _grouped(openings: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for first, rest in openings:
        rests = grouped.setdefault(first, [])
        if rest not in rests:
            rests.append(rest)
    return grouped


def _openings(pattern: str) -> list[tuple[str, str]] | None:
    """`pattern` as pairs of a first character and a pattern of the rest (together the same
    strings), where it is an alternation of sequences that open with a literal, a class of
    digits or a group of such, as the range patterns are; None for any other pattern."""
    pairs: list[tuple[str, str]] = []
    for branch in _branches(pattern):
        opening = _OPENING.match(branch)
        if opening is None:
            return None
        if opening.group() == "(?:":
            close = _closing(branch, opening.end())
            inner = _openings(branch[opening.end() : close])
            if inner is None or branch[close + 1 : close + 2] in ("{", "*", "+", "?"):
                return None
            after = branch[close + 1 :]
            pairs += [(first, f"(?:{rest}){after}" if rest else after) for first, rest in inner]
            continue
        if branch[opening.end() : opening.end() + 1] in ("*", "+", "?"):
            return None
        if opening.group("char") is not None:
            if branch[opening.end() : opening.end() + 1] == "{":
                return None
            pairs.append((opening.group(), branch[opening.end() :]))
            continue
        chars = _DECIMAL if opening.group("digit") else _class_chars(opening.group("set"))
        count = _COUNT.match(branch, opening.end())
        if count is None and branch[opening.end() : opening.end() + 1] == "{":
            return None
        rest = branch[count.end() if count else opening.end() :]
        if count is not None:
            least = int(count.group("least"))
            most = int(count.group("most") or least)
            rest = _counted(opening.group(), least - 1, most - 1) + rest
        pairs += [(char, rest) for char in chars]
    return pairs


def _counted(element: str, least: int, most: int) -> str:
    if most == 0:
        return ""
    if least == most:
        return element if least == 1 else f"{element}{{{least}}}"
    return f"{element}{{{least},{most}}}"


def _class_chars(members: str) -> str:
    chars = ""
    position = 0
    while position < len(members):
        if position + 2 < len(members) and members[position + 1] == "-":
            low, high = members[position], members[position + 2]
            chars += "".join(chr(c) for c in range(ord(low), ord(high) + 1))
            position += 3
        else:
            chars += members[position]
            position += 1
    return chars


def _branches(pattern: str) -> list[str]:
    """The alternatives of a pattern at its top level."""
    branches, depth, start = [], 0, 0
    for position, char in enumerate(pattern):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:position])
            start = position + 1
    branches.append(pattern[start:])
    return branches


def _closing(pattern: str, start: int) -> int:
    """Where the group that opens before `start` closes."""
    depth = 1
    for position in range(start, len(pattern)):
        depth += {"(": 1, ")": -1}.get(pattern[position], 0)
        if depth == 0:
            return position
    raise ValueError(f"unbalanced pattern: {pattern!r}")


def _union(patterns: Iterable[str]) -> str:
    unique = list(dict.fromkeys(p for p in patterns if p))
    if len(unique) <= 1:
        return unique[0] if unique else ""
    return "(?:" + "|".join(unique) + ")"

"""Localized official messages in text: what a Windows in another display language shows.

A pasted message is found whole (or its first sentence) after spacing and punctuation are
folded away, the same folding lookup uses, so "错误 13801：IKE 身份验证凭证不可接受。" and
"IKE身份验证凭证不可接受" are one text. Only texts that name exactly one code count, and
only text with non-ASCII letters is searched: the localized messages that are plain ASCII
(a few German ones) are left to their code or their English original.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ahocorasick_rs import AhoCorasick
from rapidfuzz import fuzz

from bot.detect import vocabulary as rules
from bot.knowledge import KnowledgeBase
from bot.normalize import ascii_letters, first_sentence, has_cjk, squeeze, squeeze_folded

# Shorter texts are too generic to identify a code alone (after folding). CJK says more
# per character.
MIN_CJK_CHARS = 4
MIN_OTHER_CHARS = 20
SPECIFIC_CJK_CHARS = 10
SPECIFIC_OTHER_CHARS = 40
_SENTENCE_ENDS = ".!?。！？"
# A long CJK message is often pasted a clause at a time, the part a dialog shows: its clauses
# after the first, without the word that joins them ("因为" because), are keys too.
_CJK_CLAUSE_BREAK = re.compile(r"[，,；;：:]\s*")
_CJK_JOINING_WORDS = re.compile(r"^(?:因为|因為|由于|由於|或者|或|但是|但|并且|而且|所以|因此|因)")
MIN_CLAUSE_CHARS = 16
# A long message is often pasted cut short, the part that fits a chat line: its opening, most
# of it and long enough to name it anywhere, is a key too.
OPENING_SHARE = 0.6
_LATIN = "abcdefghijklmnopqrstuvwxyz0123456789"
# Windows words a message its own way in places ("IKE konnte ein gültiges Computer Zertifikat
# nicht finden" where the docs say "kein gültiges Computerzertifikat"): a long message or first
# sentence that no exact key found may still match closely, if no other code's comes close.
MIN_FUZZY_CHARS = 40
MIN_FUZZY_CJK_CHARS = 16
FUZZY_CUTOFF = 87.0
FUZZY_MARGIN = 8.0
FUZZY_MIN_SHARE = 0.85  # of a key's length, the least the text may have
# Pieces of the keys (folded) that pick the few keys worth comparing with a text.
SHINGLE_CHARS, SHINGLE_CJK_CHARS = 8, 3
MIN_SHINGLE_HITS = 5
MIN_SHINGLE_SHARE = 0.3  # of a key's pieces, the least a text compared with it holds
MAX_SHINGLE_KEYS = 8  # a piece of more keys than this ("connexion") picks none


def _opens_the_text(normalized: str, first: int, last: int) -> bool:
    """The message is the text's first sentence: pasted as such, maybe with a remark after."""
    rest = normalized[last + 1 :].lstrip()
    return not normalized[:first].strip() and (not rest or rest[0] in _SENTENCE_ENDS)


def _keys_of(key: str) -> list[str]:
    """The folded text, and for CJK after a Latin word ("IKE 无法找到…") the CJK part too:
    people write the word their own way ("ikev2无法找到…")."""
    cjk = has_cjk(key)
    keys = [key] if len(key) >= (MIN_CJK_CHARS if cjk else MIN_OTHER_CHARS) else []
    if cjk and key[0].isascii():
        rest = key.lstrip(_LATIN)
        if len(rest) >= SPECIFIC_CJK_CHARS and has_cjk(rest[0]):
            keys.append(rest)
    return keys


def _opening(key: str) -> str | None:
    """The opening of a long folded message that names it pasted cut short; None for a
    message too short to cut."""
    specific = SPECIFIC_CJK_CHARS if has_cjk(key) else SPECIFIC_OTHER_CHARS
    cut = round(len(key) * OPENING_SHARE)
    return key[:cut] if cut >= 2 * specific else None


def _openings_of_one_code(messages: list[tuple[str, int]]) -> dict[str, set[int]]:
    """Of the folded whole messages (with their codes), the openings (`_opening`) that no
    other code's message holds anywhere: 857's says nothing where 858's message, which opens
    the same way, is pasted a little otherwise."""
    openings: dict[str, set[int]] = {}
    for squeezed, code in messages:
        if (opening := _opening(squeezed)) is not None:
            openings.setdefault(opening, set()).add(code)
    if not openings:
        return {}
    chosen = list(openings)
    automaton = AhoCorasick(chosen)
    shared: set[int] = set()
    for squeezed, code in messages:
        for index, _, _ in automaton.find_matches_as_indexes(squeezed, overlapping=True):
            if openings[chosen[index]] != {code}:
                shared.add(index)
    return {key: openings[key] for number, key in enumerate(chosen) if number not in shared}


def _later_clauses(message: str) -> list[str]:
    """The folded clauses after the first of a CJK message, long enough to name it alone."""
    if not has_cjk(message):
        return []
    clauses = [squeeze(_CJK_JOINING_WORDS.sub("", c)) for c in _CJK_CLAUSE_BREAK.split(message)[1:]]
    return [c for c in clauses if len(c) >= MIN_CLAUSE_CHARS and has_cjk(c)]


# The files whose code decides what the finder holds: a saved one must match them.
FINDER_MODULES = ("detect/localized.py", "normalize.py", "knowledge/base.py")


def localized_finder(kb: KnowledgeBase) -> LocalizedFinder:
    """The localized finder of a knowledge base, read back from the cache when one was saved."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "detect-localized", FINDER_MODULES, LocalizedFinder)


class LocalizedFinder:
    """The localized messages of a knowledge base, folded, longest first."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> LocalizedFinder:
        owners: dict[str, set[int]] = {}
        wholes: list[tuple[str, int]] = []  # each message folded, with its code
        close: set[tuple[str, int, bool]] = set()
        for message in kb.localized:
            if kb.get(message.code) is None or ascii_letters(message.text):
                continue  # unknown, or the message finder's (ASCII letters)
            first = first_sentence(message.text)
            for text, whole in ((message.text, True), (first, False)):
                squeezed = squeeze(text)
                if whole:
                    wholes.append((squeezed, message.code))
                for key in _keys_of(squeezed):
                    owners.setdefault(key, set()).add(message.code)
                if len(squeezed) >= (MIN_FUZZY_CJK_CHARS if has_cjk(squeezed) else MIN_FUZZY_CHARS):
                    close.add((squeezed, message.code, whole))
            for clause in _later_clauses(message.text):
                owners.setdefault(clause, set()).add(message.code)
        for opening, codes in _openings_of_one_code(wholes).items():
            owners.setdefault(opening, set()).update(codes)
        unique = [
            (key, meant)
            for key, codes in owners.items()
            if (meant := next(iter(codes)) if len(codes) == 1 else kb.sharer_meant(codes))
            is not None
        ]
        close_keys = sorted(close)
        shingles: dict[str, set[int]] = {}
        needed = []
        for index, (key, _, _) in enumerate(close_keys):
            pieces = _shingles(key)
            needed.append(max(MIN_SHINGLE_HITS, len(pieces) * MIN_SHINGLE_SHARE))
            for shingle in pieces:
                shingles.setdefault(shingle, set()).add(index)
        kept = {
            shingle: sorted(keys)
            for shingle, keys in shingles.items()
            if len(keys) <= MAX_SHINGLE_KEYS
        }
        exact = sorted(unique, key=lambda item: -len(item[0]))
        return cls(kb, (exact, close_keys, kept, needed))

    def __init__(self, kb: KnowledgeBase, state: _FinderState) -> None:
        keys, close, shingles, needed = state
        self._sharer_meant = kb.sharer_meant
        self._keys = [(key, code) for key, code in keys]
        # One pass finds every key in a text, where a search per key would cost a scan of
        # every non-English line per localized message.
        self._automaton = AhoCorasick([key for key, _ in self._keys])
        self._close = [(key, code, whole) for key, code, whole in close]
        self._needed_hits = needed
        self._shingles = shingles
        self._shingle_owners = list(shingles.values())
        self._shingle_automaton = AhoCorasick(list(shingles))
        self._shortest_close = min((len(key) for key, _, _ in self._close), default=0)

    def state(self) -> _FinderState:
        return self._keys, self._close, self._shingles, self._needed_hits

    @staticmethod
    def _specific(key: str) -> bool:
        """Long enough to name its error anywhere; shorter ones ("策略匹配错误") need VPN
        words nearby, as a generic English message does."""
        return len(key) >= (SPECIFIC_CJK_CHARS if has_cjk(key) else SPECIFIC_OTHER_CHARS)

    def find(self, text: str) -> list[tuple[int, int]]:
        """(position, code) for each localized message the text quotes."""
        if ascii_letters(text):
            return []
        normalized = unicodedata.normalize("NFKC", text).casefold()
        squeezed = squeeze_folded(normalized)
        first_seen: dict[int, int] = {}
        for index, start, _ in self._automaton.find_matches_as_indexes(squeezed, overlapping=True):
            first_seen.setdefault(index, start)
        if not first_seen:
            close = self._closest(squeezed)
            return [] if close is None else [(_positions(normalized)[close[0]], close[1])]
        kept = _positions(normalized)
        found: list[tuple[int, int]] = []
        taken: list[tuple[int, int]] = []
        vpn_words: bool | None = None  # searched for once, and only if a short text needs it
        for index in sorted(first_seen):  # the keys are longest first
            key, code = self._keys[index]
            start = first_seen[index]
            end = start + len(key)
            # A first sentence inside its whole message, already found, is the same quote.
            if any(start < other_end and end > other_start for other_start, other_end in taken):
                continue
            first, last = kept[start], kept[end - 1]
            if not (self._specific(key) or _opens_the_text(normalized, first, last)):
                if vpn_words is None:
                    vpn_words = bool(
                        rules.IPSEC_CONTEXT.search(text) or rules.VPN_WORDS_ANYWHERE.search(text)
                    )
                if not vpn_words:
                    continue
            taken.append((start, end))
            found.append((kept[start], code))
        if not found and (close := self._closest(squeezed)) is not None:
            found.append((kept[close[0]], close[1]))
        return found

    def _closest(self, squeezed: str) -> tuple[int, int] | None:
        """(position in `squeezed`, code) of the one long message the text words closely,
        where no other code's comes within the margin; None without one."""
        if len(squeezed) < self._shortest_close * FUZZY_MIN_SHARE:
            return None
        matches = self._shingle_automaton.find_matches_as_indexes(squeezed, overlapping=True)
        matched = {index for index, _, _ in matches}
        if len(matched) < MIN_SHINGLE_HITS:
            return None  # the usual case
        hits: Counter[int] = Counter()
        for shingle in matched:
            hits.update(self._shingle_owners[shingle])
        # per code, the best score of its whole messages and that of their first sentences
        scores: dict[bool, dict[int, tuple[float, int]]] = {True: {}, False: {}}
        for index, count in hits.items():
            key, code, whole = self._close[index]
            if count < self._needed_hits[index] or len(squeezed) < len(key) * FUZZY_MIN_SHARE:
                continue
            found = fuzz.partial_ratio_alignment(
                key, squeezed, score_cutoff=FUZZY_CUTOFF - FUZZY_MARGIN
            )
            if found is not None and found.score > scores[whole].get(code, (0.0, 0))[0]:
                scores[whole][code] = (found.score, found.dest_start)
        # Whole messages first: two codes whose first sentences are the same (809 and 811 in
        # most languages) differ in the rest.
        for by_code in (scores[True], scores[False]):
            ranked = sorted(by_code.items(), key=lambda item: -item[1][0])
            if not ranked or ranked[0][1][0] < FUZZY_CUTOFF:
                continue
            code, (score, _) = ranked[0]
            close = [other for other, (near, _) in ranked if score - near < FUZZY_MARGIN]
            meant = code if len(close) == 1 else self._sharer_meant(close)
            return None if meant is None else (by_code[meant][1], meant)
        return None


# The exact keys (longest first); the keys compared closely (whether a whole message), the
# pieces that pick them (and the keys of each) and how many pieces each needs.
_FinderState = tuple[
    list[tuple[str, int]], list[tuple[str, int, bool]], dict[str, list[int]], list[float]
]


def _positions(normalized: str) -> list[int]:
    """Where each letter or digit of the squeezed text stands in the normalized one."""
    return [i for i, ch in enumerate(normalized) if ch.isalnum()]


def _shingles(key: str) -> set[str]:
    """Overlapping pieces of a folded key, every half piece."""
    size = SHINGLE_CJK_CHARS if has_cjk(key) else SHINGLE_CHARS
    step = max(1, size // 2)
    return {key[i : i + size] for i in range(0, max(1, len(key) - size + 1), step)}

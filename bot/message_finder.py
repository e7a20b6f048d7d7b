"""Finding official error messages quoted in text, also when lightly misspelled."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from bot import detect_rules as rules
from bot.knowledge import KnowledgeBase

# Similarity (0-100) a quoted message needs; short messages must be nearly exact.
LONG_MESSAGE_CUTOFF = 90.0
SHORT_MESSAGE_CUTOFF = 95.0
LONG_MESSAGE_CHARS = 30
# A text needs this share of a message's length before it can be quoting it.
MIN_LENGTH_SHARE = 0.85

_ALIGNMENT_SLACK = 2
_NON_WORD = re.compile(r"[^0-9a-z]")
_SPACES = re.compile(r" +")


def fold_in_place(text: str) -> str:
    """Lower-case, punctuation to spaces, same length: positions stay valid in the original."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return _NON_WORD.sub(" ", lowered)


class MessageFinder:
    """Matches official messages: distinctive ones anywhere, generic ones only in IPsec context."""

    def __init__(self, kb: KnowledgeBase) -> None:
        messages = [entry for entry in kb if not entry.range_marker]
        whole: dict[str, list[int]] = defaultdict(list)
        for entry in messages:
            whole[_patterns_of(entry.message)[0]].append(entry.code)
        sentences: dict[str, set[int]] = defaultdict(set)
        for entry in messages:
            for sentence in _patterns_of(entry.message)[1:]:
                sentences[sentence].add(entry.code)
        # A text shared by several codes cannot tell which one was meant; a whole message
        # owns its text even where it is the first sentence of another code's message.
        unique = {text: codes[0] for text, codes in whole.items() if len(codes) == 1}
        for text, codes in sentences.items():
            if text not in whole and len(codes) == 1:
                unique[text] = next(iter(codes))
        self._distinctive = {m: c for m, c in unique.items() if _is_distinctive(m)}
        self._generic = {m: c for m, c in unique.items() if m not in self._distinctive}
        self.hint = _hint_for(self._distinctive)

    def find(self, text: str) -> list[tuple[int, int]]:
        """(position, code) for each official message the text quotes."""
        folded = fold_in_place(text)
        hits = self._search(folded, self._distinctive)
        if self._generic and rules.IPSEC_CONTEXT.search(text):
            hits += [
                hit
                for hit in self._search(folded, self._generic)
                if rules.IPSEC_CONTEXT.search(text[: hit[0]] + " " + text[hit[1] :])
            ]
        return [(start, code) for start, _, code in _without_overlaps(hits)]

    def _search(self, folded: str, patterns: dict[str, int]) -> list[tuple[int, int, int]]:
        hits = []
        compact_length = len(_SPACES.sub(" ", folded))
        for pattern, code in patterns.items():
            if compact_length < len(pattern) * MIN_LENGTH_SHARE:
                continue
            cutoff = (
                LONG_MESSAGE_CUTOFF if len(pattern) >= LONG_MESSAGE_CHARS else SHORT_MESSAGE_CUTOFF
            )
            found = fuzz.partial_ratio_alignment(pattern, folded, score_cutoff=cutoff)
            if found and _whole_words(folded, found.dest_start, found.dest_end):
                hits.append((found.dest_start, found.dest_end, code))
        return hits


def _hint_for(patterns: dict[str, int]) -> re.Pattern[str]:
    """The message hint and IPsec context, widened with the longest word of any message missed."""
    extra = {
        max(pattern.split(), key=len)
        for pattern in patterns
        if not rules.MESSAGE_HINT.search(pattern)
    }
    alternatives = [
        rules.MESSAGE_HINT.pattern,
        rules.IPSEC_CONTEXT.pattern,
        *(re.escape(word) for word in sorted(extra)),
    ]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _patterns_of(message: str) -> list[str]:
    """The whole message, and its first sentence: people often paste only that."""
    folded = [_SPACES.sub(" ", fold_in_place(part)).strip() for part in message.split(". ")]
    whole = " ".join(folded)
    return [whole, folded[0]] if len(folded) > 1 else [whole]


def _without_overlaps(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Where quoted texts overlap, the longest wins (a whole message over its first sentence)."""
    kept: list[tuple[int, int, int]] = []
    for hit in sorted(hits, key=lambda h: h[0] - h[1]):
        if all(hit[1] <= other[0] or hit[0] >= other[1] for other in kept):
            kept.append(hit)
    return kept


def _whole_words(folded: str, start: int, end: int) -> bool:
    """The match must not begin or end inside a word ('invalid policy' in 'invalid policyholder').

    A misspelling can shift the alignment by a character or two, so a boundary that close counts.
    """
    slack = _ALIGNMENT_SLACK
    starts_clean = start == 0 or " " in folded[max(0, start - 1 - slack) : start + 1]
    ends_clean = end >= len(folded) - slack or " " in folded[end - 1 : end + 1 + slack]
    return starts_clean and ends_clean


def _is_distinctive(message: str) -> bool:
    words = re.sub(r"\b(main|quick|tunnel|transport) mode\b", r"\1_mode", message).split()
    if len(words) >= rules.MIN_LONG_MESSAGE_WORDS:
        return True
    return len(words) >= rules.MIN_DISTINCTIVE_WORDS and any(w in rules.IPSEC_TERMS for w in words)

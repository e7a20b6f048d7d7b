"""Localized official messages: what a Windows in another display language shows, matched fuzzily.

The published translations are machine-made and Windows' own text differs from them in small
ways (a different word, a comma, a final period), so texts are compared character by character
after spacing and punctuation are folded away: that works the same for German and Chinese.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.domain import LocalizedMessage
from bot.knowledge.base import KnowledgeBase
from bot.normalize import first_sentence, has_cjk, squeeze

# Below this a localized text is not the query (0-100, character similarity).
SIMILARITY_CUTOFF = 80.0
# Plain similarity that makes a message worth scoring in full, and how many are.
_SHORTLIST_RATIO = 50.0
_SHORTLIST = 8
# Fewer characters than this say too little to be a message (after folding); a CJK character
# says as much as a short word.
_MIN_CHARS = 5
_MIN_CJK_CHARS = 3
# A message found whole inside a longer paste, when it is at least this long.
_MIN_QUOTED_CHARS = 12
_MIN_QUOTED_CJK_CHARS = 5
# A message cut short: the query must be at least this share of the message.
_MIN_PREFIX_SHARE = 0.6
# A message quoted inside a longer paste: the message must be this share of the query.
_MIN_QUOTED_SHARE = 0.5


LANGUAGE_NAMES = {
    "de-DE": "German",
    "es-ES": "Spanish",
    "fr-FR": "French",
    "it-IT": "Italian",
    "ja-JP": "Japanese",
    "ko-KR": "Korean",
    "pt-BR": "Portuguese (Brazil)",
    "ru-RU": "Russian",
    "zh-CN": "Chinese (Simplified)",
    "zh-TW": "Chinese (Traditional)",
}


def language_name(tag: str) -> str:
    """'German (de-DE)'; the bare tag for a language without a name here."""
    name = LANGUAGE_NAMES.get(tag)
    return f"{name} ({tag})" if name else tag


@dataclass(frozen=True)
class LocalizedHit:
    message: LocalizedMessage
    score: float


def long_enough(squeezed: str, cjk: int, latin: int) -> bool:
    return len(squeezed) >= (cjk if has_cjk(squeezed) else latin)


def similarity(query: str, text: str, **_: object) -> float:
    """How much a squeezed query is this squeezed message: whole, its start, or quoting it."""
    score = fuzz.ratio(query, text)
    shorter, longer = sorted((len(query), len(text)))
    share = shorter / longer if longer else 0.0
    quoted = len(text) < len(query) and text in query
    if quoted and long_enough(text, _MIN_QUOTED_CJK_CHARS, _MIN_QUOTED_CHARS):
        return max(float(score), 88.0 + 12.0 * share)  # the message, quoted whole
    if len(query) < len(text) and len(query) >= max(_MIN_CHARS, _MIN_PREFIX_SHARE * len(text)):
        # A message cut short: compare with its start.
        score = max(score, fuzz.ratio(query, text[: len(query)]) * (0.9 + 0.1 * share))
    elif len(text) < len(query) and len(text) >= max(_MIN_CHARS, _MIN_QUOTED_SHARE * len(query)):
        score = max(score, fuzz.partial_ratio(text, query) * (0.9 + 0.1 * share))
    return float(score)


# Each key: the squeezed text and the position of its message in `kb.localized`.
LocalizedState = list[tuple[str, int]]
# The files whose code decides what the index holds: a saved index must match them.
INDEX_MODULES = ("lookup/localized.py", "normalize.py")


def localized_index(kb: KnowledgeBase) -> LocalizedIndex:
    """The localized index of a knowledge base, read back from the cache when one was saved."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "localized", INDEX_MODULES, LocalizedIndex)


class LocalizedIndex:
    """The knowledge base's localized messages, squeezed for comparison."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> LocalizedIndex:
        keys: LocalizedState = []
        for position, message in enumerate(kb.localized):
            if kb.get(message.code) is None:
                continue
            # People often paste only a message's first sentence: it is a key of its own.
            first = first_sentence(message.text)
            for key in dict.fromkeys(squeeze(text) for text in (message.text, first)):
                if long_enough(key, _MIN_CJK_CHARS, _MIN_CHARS):
                    keys.append((key, position))
        return cls(kb, keys)

    def __init__(self, kb: KnowledgeBase, state: LocalizedState) -> None:
        messages = kb.localized
        self._state = state
        self._keys = [key for key, _ in state]
        self._messages = [messages[position] for _, position in state]
        self._by_length = sorted(range(len(self._keys)), key=lambda p: len(self._keys[p]))
        self._lengths = [len(self._keys[p]) for p in self._by_length]
        self._first_quotable = bisect.bisect_left(self._lengths, _MIN_QUOTED_CJK_CHARS)

    def state(self) -> LocalizedState:
        return self._state

    def search(self, query: str, limit: int = 5) -> list[LocalizedHit]:
        """The best localized message per code, best first, above the similarity cutoff."""
        squeezed = squeeze(query)
        if not long_enough(squeezed, _MIN_CJK_CHARS, _MIN_CHARS):
            return []
        # The C-speed ratio shortlists whole, cut-short and fuzzily quoted messages; a short
        # message quoted whole inside a long paste is found by a plain substring test.
        shortlist = {
            position
            for _, _, position in process.extract(
                squeezed,
                self._keys,
                scorer=fuzz.ratio,
                score_cutoff=_SHORTLIST_RATIO,
                limit=_SHORTLIST,
            )
        }
        if not squeezed.isascii():
            # Keys by length: only messages shorter than the paste can be quoted in it. (A
            # plain ASCII paste is left to the ratio: the short messages worth finding whole
            # in a longer text are the CJK and Cyrillic ones.)
            shorter = bisect.bisect_left(self._lengths, len(squeezed))
            shortlist.update(
                position
                for position in self._by_length[self._first_quotable : shorter]
                if self._keys[position] in squeezed
            )
        found = [(similarity(squeezed, self._keys[p]), p) for p in shortlist]
        found = [(score, p) for score, p in found if score >= SIMILARITY_CUTOFF]
        best: dict[int, LocalizedHit] = {}
        for score, position in found:
            message = self._messages[position]
            if message.code not in best or score > best[message.code].score:
                best[message.code] = LocalizedHit(message, round(score, 1))
        return sorted(best.values(), key=lambda hit: (-hit.score, hit.message.code))[:limit]

"""Fuzzy phrase search: typo-tolerant, IDF-weighted word overlap with names, messages, aliases."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.models import ErrorEntry, Via
from bot.normalize import fold

# Words that carry no meaning for telling errors apart.
STOPWORDS = frozenset("a an the to of in on is are was be by for and or with this that it".split())
# Shorthand engineers type, expanded to the words the official texts use.
SHORTHAND = {
    "cert": "certificate",
    "certs": "certificate",
    "auth": "authentication",
    "authn": "authentication",
    "mm": "main mode",
    "qm": "quick mode",
    "p1": "main mode",
    "p2": "quick mode",
    "phase1": "main mode",
    "phase2": "quick mode",
    "dh": "diffie hellman",
    "psk": "pre shared key",
    "neg": "negotiation",
    "nego": "negotiation",
    "ip": "ip address",
    "cfg": "configuration",
    "config": "configuration",
    "privkey": "private key",
}
_TYPO_CUTOFF = 80.0
_PREFIX_SIMILARITY = 0.85
_MIN_PREFIX = 3


@dataclass(frozen=True)
class _Text:
    entry: ErrorEntry
    words: frozenset[str]
    weight: float
    kind: Via


@dataclass(frozen=True)
class PhraseHit:
    entry: ErrorEntry
    score: float


def expand(words: Iterable[str]) -> list[str]:
    return [part for word in words for part in SHORTHAND.get(word, word).split()]


def phrase_words(text: str) -> list[str]:
    """The meaningful words of a text, folded and with shorthand expanded."""
    return [word for word in expand(fold(text).split()) if word not in STOPWORDS]


class PhraseIndex:
    """An inverted index from vocabulary words to the texts (and entries) that contain them."""

    def __init__(self, entries: Iterable[ErrorEntry]) -> None:
        raw = [
            (entry, frozenset(phrase_words(text)), kind)
            for entry in entries
            for text, kind in _texts_of(entry)
        ]
        raw = [(entry, words, kind) for entry, words, kind in raw if words]
        self._postings: dict[str, list[int]] = defaultdict(list)
        entry_frequency: dict[str, set[int]] = defaultdict(set)
        for number, (entry, words, _) in enumerate(raw):
            for word in words:
                self._postings[word].append(number)
                entry_frequency[word].add(entry.code)
        total = len({entry.code for entry, _, _ in raw}) or 1
        self._idf = {w: math.log(1 + total / len(codes)) for w, codes in entry_frequency.items()}
        self._max_idf = math.log(1 + total)
        self._vocabulary = sorted(self._postings)
        self._texts = [
            _Text(entry, words, sum(self._idf[w] for w in words), kind)
            for entry, words, kind in raw
        ]

    def search(self, query: str, limit: int = 5) -> list[PhraseHit]:
        """Entries ranked by how well their best text covers the query (score 0-100)."""
        words = list(dict.fromkeys(phrase_words(query)))
        if not words:
            return []
        similar = {word: self._similar_words(word) for word in words}
        query_weight = sum(self._query_idf(word, similar[word]) for word in words)
        recall: dict[int, float] = defaultdict(float)
        covered: dict[int, set[str]] = defaultdict(set)
        for word in words:
            idf = self._query_idf(word, similar[word])
            best: dict[int, float] = {}
            for vocab_word, similarity in similar[word].items():
                for number in self._postings[vocab_word]:
                    if similarity > best.get(number, 0.0):
                        best[number] = similarity
                    covered[number].add(vocab_word)
            for number, similarity in best.items():
                recall[number] += idf * similarity
        best_by_entry: dict[int, PhraseHit] = {}
        for number, gained in recall.items():
            text = self._texts[number]
            precision = sum(self._idf[w] for w in covered[number]) / text.weight
            score = 100.0 * (0.7 * gained / query_weight + 0.3 * min(precision, 1.0))
            code = text.entry.code
            if code not in best_by_entry or score > best_by_entry[code].score:
                best_by_entry[code] = PhraseHit(text.entry, round(score, 1))
        ranked = sorted(best_by_entry.values(), key=lambda hit: (-hit.score, hit.entry.code))
        return ranked[:limit]

    def _query_idf(self, word: str, similar: dict[str, float]) -> float:
        if word in self._idf:
            return self._idf[word]
        if similar:
            return max(self._idf[w] for w in similar)
        # A word no entry uses is strong evidence the query is about something else.
        return self._max_idf

    def _similar_words(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = 1.0
        if len(word) >= 4:
            for vocab_word, score, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF, limit=8
            ):
                found.setdefault(vocab_word, score / 100.0)
        if len(word) >= _MIN_PREFIX:
            position = bisect.bisect_right(self._vocabulary, word)
            while position < len(self._vocabulary) and self._vocabulary[position].startswith(word):
                vocab_word = self._vocabulary[position]
                found[vocab_word] = max(found.get(vocab_word, 0.0), _PREFIX_SIMILARITY)
                position += 1
        return found


def _texts_of(entry: ErrorEntry) -> Iterable[tuple[str, Via]]:
    yield entry.name.replace("_", " "), Via.NAME
    if not entry.range_marker:
        yield entry.message, Via.MESSAGE
    for alias in entry.aliases:
        yield alias, Via.ALIAS

"""Fuzzy phrase search: typo-tolerant, IDF-weighted word overlap with names, messages, aliases."""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz import fuzz, process

from bot.domain import ErrorEntry, Via
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
# Only the texts sharing the most query words are scored in full.
_SHORTLIST = 30
_SIMILAR_CACHE_SIZE = 20_000
# Words used by more than about a quarter of the entries do not nominate candidates.
_INFORMATIVE_IDF = 1.5
# Whole-string similarity counts a little less than word evidence: near-identical strings
# can still differ in the one word that matters ("by peer").
_STRING_WEIGHT = 0.9


@dataclass(frozen=True)
class _Text:
    entry: ErrorEntry
    words: frozenset[str]
    weight: float
    kind: Via
    joined: str


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
            (entry, frozenset(phrase), kind, " ".join(phrase))
            for entry in entries
            for text, kind in _texts_of(entry)
            if (phrase := phrase_words(text))
        ]
        self._postings: dict[str, list[int]] = defaultdict(list)
        entry_frequency: dict[str, set[int]] = defaultdict(set)
        for number, (entry, words, _, _) in enumerate(raw):
            for word in words:
                self._postings[word].append(number)
                entry_frequency[word].add(entry.code)
        total = len({entry.code for entry, _, _, _ in raw}) or 1
        self._idf = {w: math.log(1 + total / len(codes)) for w, codes in entry_frequency.items()}
        self._max_idf = math.log(1 + total)
        self._vocabulary = sorted(self._postings)
        self._texts = [
            _Text(entry, words, sum(self._idf[w] for w in words), kind, joined)
            for entry, words, kind, joined in raw
        ]
        self._entries = {text.entry.code: text.entry for text in self._texts}
        self._posting_sets = {word: frozenset(numbers) for word, numbers in self._postings.items()}
        self._similar_cache: dict[str, dict[str, float]] = {}

    def search(self, query: str, limit: int = 5) -> list[PhraseHit]:
        """Entries ranked by how well their best text covers the query (score 0-100)."""
        words = list(dict.fromkeys(phrase_words(query)))
        if not words:
            return []
        similar = {word: self._similar_words(word) for word in words}
        weights = {word: self._query_idf(word, similar[word]) for word in words}
        recall = self._recall(words, similar, weights)
        shortlist = heapq.nlargest(_SHORTLIST, recall.items(), key=itemgetter(1))
        matched = set().union(*similar.values())
        query_weight, joined = sum(weights.values()), " ".join(words)
        best_by_entry: dict[int, float] = {}
        for number, gained in shortlist:
            text = self._texts[number]
            precision = min(1.0, sum(self._idf[w] for w in text.words & matched) / text.weight)
            score = 100.0 * (0.7 * gained / query_weight + 0.3 * precision)
            # Whole-string similarity rescues typos in words too short for the word matcher.
            score = max(score, _STRING_WEIGHT * fuzz.ratio(joined, text.joined))
            code = text.entry.code
            best_by_entry[code] = max(score, best_by_entry.get(code, 0.0))
        ranked = sorted(best_by_entry.items(), key=lambda item: (-item[1], item[0]))
        return [PhraseHit(self._entries[code], round(score, 1)) for code, score in ranked[:limit]]

    def _recall(
        self, words: list[str], similar: dict[str, dict[str, float]], weights: dict[str, float]
    ) -> dict[int, float]:
        """For each text, the IDF-weighted share of query words it contains (typos discounted).

        Texts become candidates through informative words; common words ("error", "failed")
        only add to candidates, which keeps their long posting lists off the hot path.
        """
        informative = [w for w in words if weights[w] >= _INFORMATIVE_IDF] or words
        recall: dict[int, float] = defaultdict(float)
        for word in informative:
            best: dict[int, float] = {}
            for vocab_word, similarity in similar[word].items():
                for number in self._postings[vocab_word]:
                    if similarity > best.get(number, 0.0):
                        best[number] = similarity
            for number, similarity in best.items():
                recall[number] += weights[word] * similarity
        candidates = frozenset(recall)
        for word in words:
            if word in informative:
                continue
            best = {}
            for vocab_word, similarity in similar[word].items():
                for number in self._posting_sets[vocab_word] & candidates:
                    best[number] = max(similarity, best.get(number, 0.0))
            for number, similarity in best.items():
                recall[number] += weights[word] * similarity
        return recall

    def _query_idf(self, word: str, similar: dict[str, float]) -> float:
        if word in self._idf:
            return self._idf[word]
        if similar:
            return max(self._idf[w] for w in similar)
        # A word no entry uses is strong evidence the query is about something else.
        return self._max_idf

    def _similar_words(self, word: str) -> dict[str, float]:
        cached = self._similar_cache.get(word)
        if cached is None:
            cached = self._find_similar_words(word)
            if len(self._similar_cache) < _SIMILAR_CACHE_SIZE:
                self._similar_cache[word] = cached
        return cached

    def _find_similar_words(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        known = word in self._postings
        if known:
            found[word] = 1.0
        if len(word) >= 4 and not known:
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

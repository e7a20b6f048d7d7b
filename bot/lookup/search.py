"""Search over whole entries: typo-tolerant, IDF-weighted, with a weight per field.

Two kinds of evidence, and an entry scores by the better one:
- a *short text* (name, message, alias, peer term) that covers the query and is covered by it,
  the way a pasted message or a misspelled name matches;
- the *whole entry*: the share of the query's meaning found anywhere in it, each word counted
  at the weight of the best field holding it (a word in a cause counts more than one in a
  diagnose step), the way a description of a symptom matches the causes that explain it.
Words common to many entries ("ike", "vpn", "failed") count for little, by IDF.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from operator import itemgetter

from rapidfuzz import fuzz, process

from bot.domain import ErrorEntry
from bot.knowledge.base import KnowledgeBase
from bot.lookup.words import SHORTHAND, STOPWORDS, folded_words, search_words, word_parts

# How much a word found in each field says about the entry; the short fields also match as a
# whole text.
FIELD_WEIGHTS = {
    "name": 1.0,
    "alias": 1.0,
    "peer term": 1.0,
    "message": 1.0,
    "summary": 0.8,
    "causes": 0.75,
    "component": 0.6,
    "notes": 0.6,
    "severity reason": 0.5,
    "diagnose": 0.5,
    "resolve": 0.5,
}
SHORT_FIELDS = frozenset({"name", "alias", "peer term", "message"})
# A whole entry covering the query scores a little below a short text doing so: the short
# text is one statement of the error, the entry a collection of statements.
_ENTRY_WEIGHT = 0.92
_TYPO_CUTOFF = 80.0  # the length window below depends on it
_PREFIX_SIMILARITY = 0.85
_MIN_PREFIX = 3
_MIN_TYPO_LENGTH = 4
# Only the texts sharing the most query words are scored in full.
_SHORTLIST = 25
_SIMILAR_CACHE_SIZE = 20_000
# Words used by more than about a quarter of the entries do not nominate candidates.
_INFORMATIVE_IDF = 1.5
# Whole-string similarity counts a little less than word evidence: near-identical strings
# can still differ in the one word that matters ("by peer").
_STRING_WEIGHT = 0.9
_STRING_CUTOFF = 75.0
# A short text found whole in a longer query scores at least this, and up to SPAN more by
# how much of the query it explains; texts lighter than the weight are too vague for that.
_CONTAINED_SCORE = 78.0
_CONTAINED_SPAN = 17.0
_MIN_CONTAINED_WEIGHT = 4.0
# Words used by about half the entries or more ("vpn", "error") say nothing on their own.
_VAGUE_IDF = 1.2
# A two-word phrase found as such, relative to its rarer word; phrases are taken from the
# fields that say what an error is, not from the steps (which would triple the index).
_PAIR_SHARE = 0.5
_MIN_PAIR_FIELD_WEIGHT = 0.75
# A query word no entry uses: evidence the query is about something else, but filler words
# ("yesterday", "laptop") are common in descriptions, so it weighs like a rare-ish word.
_UNKNOWN_SHARE = 0.4


# What a hit matched on, or how to say it once it is known to be shown.
Why = str | Callable[[], str]


@dataclass(frozen=True)
class _Text:
    entry: ErrorEntry
    field: str
    text: str
    words: frozenset[str]
    weight: float
    joined: str


@dataclass(frozen=True)
class SearchHit:
    entry: ErrorEntry
    score: float
    why: str  # the field(s) and the query words that matched
    # Found by words spread over the whole entry, not by one of its short texts: the
    # evidence of a described symptom, weaker than an alias or message found.
    whole_entry: bool = False


def entry_texts(entry: ErrorEntry) -> Iterator[tuple[str, str]]:
    """Every searchable (field, text) of an entry, best-weighted fields first; a range marker
    only by its name."""
    yield "name", entry.name
    if entry.range_marker:
        return
    yield "message", entry.message
    for wording in entry.table_wordings:
        yield "message", wording
    for alias in entry.aliases:
        yield "alias", alias
    for term in entry.peer_terms:
        yield "peer term", term.term
    yield "summary", entry.summary
    for cause in entry.causes:
        yield "causes", cause
    yield "component", entry.component
    yield "notes", entry.notes
    yield "severity reason", entry.severity_reason
    for step in entry.diagnose:
        yield "diagnose", step
    for step in entry.resolve:
        yield "resolve", step


# word -> code -> (field weight, field) of the best field holding the word
FieldPostings = dict[str, dict[int, tuple[float, str]]]
# two words in a row -> code -> the best field weight holding them together
PairPostings = dict[tuple[str, str], dict[int, float]]
# a short text: (code, field, text, its search words)
ShortText = tuple[int, str, str, tuple[str, ...]]
# What building the index computes (plain data, so it can be saved and read back).
SearchState = tuple[FieldPostings, PairPostings, list[ShortText]]
# The files whose code decides what the index holds: a saved index must match them.
INDEX_MODULES = ("lookup/search.py", "lookup/words.py")


def entry_search(kb: KnowledgeBase) -> EntrySearch:
    """The search index of a knowledge base, read back from the cache when one was saved."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "search", INDEX_MODULES, EntrySearch)


class EntrySearch:
    """Inverted indexes of a knowledge base's words: to short texts, and to entries by field."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> EntrySearch:
        fields: FieldPostings = defaultdict(dict)
        pairs: PairPostings = defaultdict(dict)
        short: list[ShortText] = []
        for entry in kb:
            # Fields come best first, so the first field holding a word is its best.
            held: dict[str, tuple[float, str]] = {}
            entry_pairs: dict[tuple[str, str], float] = {}
            for field, text in entry_texts(entry):
                words = search_words(text)
                if not words:
                    continue
                weight = FIELD_WEIGHTS[field]
                for word in words:
                    held.setdefault(word, (weight, field))
                if weight >= _MIN_PAIR_FIELD_WEIGHT:
                    for pair in zip(words, words[1:], strict=False):
                        entry_pairs.setdefault(pair, weight)
                if field in SHORT_FIELDS:
                    short.append((entry.code, field, text, tuple(words)))
            for word, best_field in held.items():
                fields[word][entry.code] = best_field
            for pair, weight in entry_pairs.items():
                pairs[pair][entry.code] = weight
        return cls(kb, (dict(fields), dict(pairs), short))

    def __init__(self, kb: KnowledgeBase, state: SearchState) -> None:
        fields, pairs, short = state
        self._entries = {entry.code: entry for entry in kb}
        self._fields = fields
        self._pairs = pairs
        self._state = state
        total = len(self._entries) or 1
        self._idf = {w: math.log(1 + total / len(codes)) for w, codes in fields.items()}
        # Short texts have their own IDF: "authentication" is in half of all entries, but in
        # the names and messages of only a few.
        short_codes: dict[str, set[int]] = defaultdict(set)
        for code, _, _, words in short:
            for word in words:
                short_codes[word].add(code)
        self._short_idf = {w: math.log(1 + total / len(c)) for w, c in short_codes.items()}
        self._max_idf = math.log(1 + total)
        self._vocabulary = sorted(fields)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            self._by_length[len(word)].append(word)
        self._texts = [
            _Text(
                self._entries[code],
                field,
                text,
                frozenset(words),
                sum(self._short_idf[w] for w in set(words)),
                " ".join(words),
            )
            for code, field, text, words in short
        ]
        self._postings: dict[str, list[int]] = defaultdict(list)
        for number, short_text in enumerate(self._texts):
            for word in short_text.words:
                self._postings[word].append(number)
        self._similar_cache: dict[str, dict[str, float]] = {}

    def state(self) -> SearchState:
        return self._state

    def known_share(self, text: str) -> float:
        """The share of the text's words (3 letters or more) that the knowledge's English
        uses: near 1 for an English query, even a misspelled one; near 0 for another language."""
        words = [w for w in folded_words(text) if len(w) >= _MIN_PREFIX]
        if not words:
            return 0.0
        known = sum(
            w in STOPWORDS or w in SHORTHAND or any(p in self._fields for p in word_parts(w))
            for w in words
        )
        return known / len(words)

    def search(self, query: str, limit: int = 5) -> list[SearchHit]:
        """Entries ranked by how well they cover the query (score 0-100), best first."""
        sequence = search_words(query)
        words = list(dict.fromkeys(sequence))
        if not words:
            return []
        similar = {word: self._similar_words(word) for word in words}
        weights = {word: self._query_idf(word, similar[word], self._idf) for word in words}
        short_weights = {
            word: self._query_idf(word, similar[word], self._short_idf, unknown=self._max_idf)
            for word in words
        }
        if not any(short_weights[w] >= _VAGUE_IDF for w in words if similar[w]):
            return []  # only words most entries use ("vpn", "error"): nothing to go on
        total = sum(weights.values())
        # code -> (score, what it matched on, whether by words over the whole entry)
        best: dict[int, tuple[float, Why, bool]] = {}
        short_total = sum(short_weights.values())
        for code, (score, why) in self._short_text_scores(
            words, sequence, similar, short_weights, short_total
        ):
            if score > best.get(code, (0.0, "", False))[0]:
                best[code] = (score, why, False)
        # An entry as a whole never scores above _ENTRY_WEIGHT: when a short text already
        # does, the answer is that text and the whole-entry pass can only reorder the rest.
        if max((score for score, _, _ in best.values()), default=0.0) < 100.0 * _ENTRY_WEIGHT:
            pairs = self._query_pairs(words, weights)
            entry_total = total + sum(weight for _, weight in pairs)
            for code, (score, deferred) in self._entry_scores(
                words, similar, weights, entry_total, query, pairs
            ):
                if score > best.get(code, (0.0, "", False))[0]:
                    best[code] = (score, deferred, True)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        return [
            SearchHit(
                self._entries[code],
                round(score, 1),
                why if isinstance(why, str) else why(),
                whole_entry=whole_entry,
            )
            for code, (score, why, whole_entry) in ranked[:limit]
        ]

    def _short_text_scores(
        self,
        words: list[str],
        sequence: list[str],
        similar: dict[str, dict[str, float]],
        weights: dict[str, float],
        total: float,
    ) -> Iterator[tuple[int, tuple[float, str]]]:
        recall = self._recall(words, similar, weights)
        shortlist = heapq.nlargest(_SHORTLIST, recall.items(), key=itemgetter(1))
        matched = set().union(*similar.values())
        query_words = frozenset(words)
        joined = " ".join(words)
        padded = f" {' '.join(sequence)} "
        for number, gained in shortlist:
            text = self._texts[number]
            shared = text.words & matched
            precision = min(1.0, sum(self._short_idf[w] for w in shared) / text.weight)
            score = 100.0 * (0.7 * gained / total + 0.3 * precision)
            if (
                text.words <= query_words
                and text.weight >= _MIN_CONTAINED_WEIGHT
                and f" {text.joined} " in padded
            ):
                # The whole alias or name, as a phrase, wrapped in other words ("no machine
                # cert on the laptop since yesterday"): that text is what the query is about.
                # Its words scattered over a long query are chance, not that phrase.
                score = max(score, _CONTAINED_SCORE + _CONTAINED_SPAN * gained / total)
            # Whole-string similarity rescues typos in words too short for the word matcher.
            similarity = fuzz.ratio(joined, text.joined)
            if similarity >= _STRING_CUTOFF:
                score = max(score, _STRING_WEIGHT * similarity)
            yield text.entry.code, (score, f"{text.field}: {_shorten(text.text)}")

    def _entry_scores(
        self,
        words: list[str],
        similar: dict[str, dict[str, float]],
        weights: dict[str, float],
        total: float,
        query: str,
        pairs: list[tuple[tuple[str, str], float]],
    ) -> Iterator[tuple[int, tuple[float, Why]]]:
        # For each query word, the best evidence per entry: its similarity times the weight
        # of the field that holds it. Informative words nominate the candidates; common words
        # only add to them (their postings are long and decide nothing on their own).
        informative = [w for w in words if weights[w] >= _INFORMATIVE_IDF] or words
        per_word: dict[str, dict[int, tuple[float, str]]] = {}
        gained: dict[int, float] = defaultdict(float)
        count: dict[int, int] = defaultdict(int)
        for word in (*informative, *(w for w in words if w not in informative)):
            nominating = word in informative
            best: dict[int, tuple[float, str]] = {}
            for vocab_word, similarity in similar[word].items():
                postings = self._fields.get(vocab_word, {})
                codes = postings.keys() if nominating else postings.keys() & gained.keys()
                for code in codes:
                    field_weight, field = postings[code]
                    evidence = similarity * field_weight
                    if evidence > best.get(code, (0.0, ""))[0]:
                        best[code] = (evidence, field)
            per_word[word] = best
            weight = weights[word]
            for code, (evidence, _) in best.items():
                gained[code] += weight * evidence
                count[code] += 1
        for pair, weight in pairs:
            for code, field_weight in self._pairs.get(pair, {}).items():
                if code in gained:
                    gained[code] += weight * field_weight
        for code, value in gained.items():
            if count[code] < 2:
                continue  # one word somewhere in a long entry is chance, not evidence
            # Said only for the entries shown: most candidates are ranked and dropped.
            why = partial(_entry_why, code, per_word, query)
            yield code, (100.0 * _ENTRY_WEIGHT * value / total, why)

    def _query_pairs(
        self, words: list[str], weights: dict[str, float]
    ) -> list[tuple[tuple[str, str], float]]:
        """The query's two-word phrases the knowledge also has, each weighted like a word:
        "revocation list" in a cause says more than "revocation" and "list" apart."""
        return [
            (pair, _PAIR_SHARE * min(weights[pair[0]], weights[pair[1]]))
            for pair in zip(words, words[1:], strict=False)
            if pair in self._pairs
        ]

    def _recall(
        self, words: list[str], similar: dict[str, dict[str, float]], weights: dict[str, float]
    ) -> dict[int, float]:
        """For each short text, the IDF-weighted query words it contains (typos discounted).

        Texts become candidates through informative words; common words ("error", "failed")
        only add to candidates, which keeps their long posting lists off the hot path.
        """
        informative = [w for w in words if weights[w] >= _INFORMATIVE_IDF] or words
        recall: dict[int, float] = defaultdict(float)
        for word in informative:
            for number, similarity in self._text_matches(similar[word]).items():
                recall[number] += weights[word] * similarity
        for word in words:
            if word in informative:
                continue
            for number, similarity in self._text_matches(similar[word]).items():
                if number in recall:
                    recall[number] += weights[word] * similarity
        return recall

    def _text_matches(self, similar: dict[str, float]) -> dict[int, float]:
        best: dict[int, float] = {}
        for vocab_word, similarity in similar.items():
            for number in self._postings.get(vocab_word, ()):
                if similarity > best.get(number, 0.0):
                    best[number] = similarity
        return best

    def _query_idf(
        self,
        word: str,
        similar: dict[str, float],
        idf: dict[str, float],
        unknown: float | None = None,
    ) -> float:
        if word in idf:
            return idf[word]
        fallback = _UNKNOWN_SHARE * self._max_idf if unknown is None else unknown
        known = [idf[w] for w in similar if w in idf]
        if known:
            # A word the knowledge only has a look-alike of weighs no more than an unknown
            # word: "person" must not borrow the weight of a rare "impersonation".
            return min(max(known), fallback)
        return fallback

    def _similar_words(self, word: str) -> dict[str, float]:
        cached = self._similar_cache.get(word)
        if cached is None:
            cached = self._find_similar_words(word)
            if len(self._similar_cache) < _SIMILAR_CACHE_SIZE:
                self._similar_cache[word] = cached
        return cached

    def _find_similar_words(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        known = word in self._fields
        if known:
            found[word] = 1.0
        if len(word) >= _MIN_TYPO_LENGTH and not known:
            # Only words of a near length can be that similar (ratio >= 80 needs 2/3 of it).
            lengths = range(math.ceil(len(word) * 2 / 3), len(word) * 3 // 2 + 1)
            near = [w for length in lengths for w in self._by_length.get(length, ())]
            for vocab_word, score, _ in process.extract(
                word, near, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF, limit=8
            ):
                found.setdefault(vocab_word, score / 100.0)
        if len(word) >= _MIN_PREFIX:
            position = bisect.bisect_right(self._vocabulary, word)
            while position < len(self._vocabulary) and self._vocabulary[position].startswith(word):
                vocab_word = self._vocabulary[position]
                found[vocab_word] = max(found.get(vocab_word, 0.0), _PREFIX_SIMILARITY)
                position += 1
        return found


def _originals(query: str) -> dict[str, str]:
    """Each distinct search word of the query, and a query word it came from (for "why")."""
    originals: dict[str, str] = {}
    for word in folded_words(query):
        for part in search_words(word):
            originals.setdefault(part, word)
    for part in search_words(query):  # phrases the word-by-word pass split ("ran out")
        originals.setdefault(part, part)
    return originals


def _entry_why(code: int, per_word: dict[str, dict[int, tuple[float, str]]], query: str) -> str:
    """'causes: pool, exhausted; summary: rras': the fields that held the query's words."""
    evidence = [(found[code], word) for word, found in per_word.items() if code in found]
    originals = _originals(query)
    by_field: dict[str, list[str]] = defaultdict(list)
    for (_, field), word in sorted(evidence, key=lambda item: -item[0][0]):
        by_field[field].append(originals.get(word, word))
    parts = [f"{field}: {', '.join(dict.fromkeys(words))}" for field, words in by_field.items()]
    return "; ".join(parts[:3])


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

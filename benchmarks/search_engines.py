"""Our entry search against library engines on the same knowledge and labelled queries.

Each engine indexes the same fields with the same weights (as far as it can weigh fields) and
answers every query of the evaluation set; printed are top-1 and top-3 per kind, the time to
build the index (what a cold start pays) and the time per query. The library engines see the
query as plain words: the exact forms (codes, names, messages) that lookup answers before
searching are left out of the comparison, which is about searching.

Engines: ours (bot.lookup.search), SQLite FTS5 (ships with Python; porter stemming, BM25
with column weights) and, when installed, bm25s (BM25 over numpy; one weighted document per
entry, fields repeated by weight).

Run: python3 benchmarks/search_engines.py [QUERIES.tsv]
"""

from __future__ import annotations

import re
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from lookup_quality import DEFAULT, Query, read_queries

from bot.domain import ErrorEntry
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.lookup.search import FIELD_WEIGHTS, EntrySearch, entry_texts

SEARCHED_KINDS = ("symptom", "paraphrase", "misspelled", "peer")
Search = Callable[[str], list[int]]

# FTS5 columns: one per field group, weighted like ours.
_COLUMNS = {
    "names": ("name", "alias", "peer term", "message"),
    "summary": ("summary",),
    "causes": ("causes", "component", "notes", "severity reason"),
    "steps": ("diagnose", "resolve"),
}
_WORD = re.compile(r"\w+")


def fields_of(entry: ErrorEntry) -> dict[str, str]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for field, text in entry_texts(entry):
        column = next(c for c, fields in _COLUMNS.items() if field in fields)
        grouped[column].append(text.replace("_", " "))
    return {column: " ".join(grouped[column]) for column in _COLUMNS}


def ours(kb: KnowledgeBase) -> Search:
    index = EntrySearch.build(kb)
    return lambda query: [hit.entry.code for hit in index.search(query, 3)]


def fts5(kb: KnowledgeBase) -> Search:
    db = sqlite3.connect(":memory:")
    columns = ", ".join(_COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE entries USING fts5({columns}, tokenize='porter unicode61')")
    for entry in kb:
        values = fields_of(entry)
        db.execute(
            f"INSERT INTO entries(rowid, {columns}) VALUES (?, ?, ?, ?, ?)",
            (entry.code, *values.values()),
        )
    weights = ", ".join(str(max(FIELD_WEIGHTS[f] for f in fields)) for fields in _COLUMNS.values())

    def search(query: str) -> list[int]:
        words = _WORD.findall(query.replace("_", " "))
        if not words:
            return []
        match = " OR ".join(f'"{word}"' for word in words)
        rows = db.execute(
            f"SELECT rowid FROM entries WHERE entries MATCH ? ORDER BY bm25(entries, {weights}) "
            "LIMIT 3",
            (match,),
        )
        return [row[0] for row in rows]

    return search


def bm25s_engine(kb: KnowledgeBase) -> Search | None:
    try:
        import bm25s
    except ImportError:
        return None
    codes, corpus = [], []
    for entry in kb:
        parts = []
        for field, text in entry_texts(entry):
            parts += [text.replace("_", " ")] * max(1, round(2 * FIELD_WEIGHTS[field]))
        codes.append(entry.code)
        corpus.append(" ".join(parts))
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False
    )

    def search(query: str) -> list[int]:
        tokens = bm25s.tokenize([query.replace("_", " ")], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        results, scores = retriever.retrieve(tokens, k=3, show_progress=False)
        return [codes[i] for i, score in zip(results[0], scores[0], strict=True) if score > 0]

    return search


def measure(
    name: str, build: Callable[[KnowledgeBase], Search | None], queries: list[Query]
) -> None:
    kb = load_knowledge()
    started = time.perf_counter()
    search = build(kb)
    built = time.perf_counter() - started
    if search is None:
        print(f"  {name:<8} not installed")
        return
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    started = time.perf_counter()
    for query in queries:
        found = search(query.text)
        for kind in (query.kind, "all"):
            tally[kind][0] += 1
            tally[kind][1] += bool(found) and found[0] in query.acceptable
            tally[kind][2] += bool(query.acceptable & set(found))
    per_query = (time.perf_counter() - started) / len(queries)
    cells = "  ".join(
        f"{kind} {t[1] / t[0]:5.1%}/{t[2] / t[0]:5.1%}"
        for kind, t in sorted(tally.items(), key=lambda item: (item[0] == "all", item[0]))
    )
    print(f"  {name:<8} build {built * 1000:6.1f} ms  query {per_query * 1000:5.2f} ms  {cells}")


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT[0]
    queries = [q for q in read_queries(path) if q.kind in SEARCHED_KINDS]
    print(f"{path.name}: {len(queries)} queries; per kind top-1/top-3")
    for name, build in (("ours", ours), ("fts5", fts5), ("bm25s", bm25s_engine)):
        measure(name, build, queries)

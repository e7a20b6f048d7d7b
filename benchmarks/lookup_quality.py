"""How well lookup answers labelled queries: top-1, top-3 and calibration, per kind of query.

Each line is `kind <TAB> codes <TAB> query` (or the older `codes <TAB> query`): the acceptable
codes, comma-separated, or `none` when no confident answer is right (the query is about
something else). A confident answer is outcome `exact` or `match`; it should be right at least
9 times in 10, and never given to a `none` query.

Run: python3 benchmarks/lookup_quality.py [--quiet] [QUERIES.tsv ...]   (lists each miss)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from bot.domain import Outcome
from bot.knowledge import load_knowledge
from bot.lookup import lookup

DEFAULT = [
    Path(__file__).resolve().parent.parent / "tests" / "data" / "lookup_eval.tsv",
    Path(__file__).resolve().parent / "data" / "blind_lookup_4.tsv",
]
CONFIDENT = {Outcome.EXACT, Outcome.MATCH}


class Query(NamedTuple):
    line: int
    kind: str
    acceptable: frozenset[int]  # empty: nothing should match confidently
    text: str


def read_queries(path: Path) -> list[Query]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        kind, labels, text = fields if len(fields) == 3 else ("mixed", *fields)
        codes = frozenset() if labels == "none" else frozenset(int(c) for c in labels.split(","))
        queries.append(Query(number, kind, codes, text))
    return queries


class Tally:
    def __init__(self) -> None:
        self.total = self.top1 = self.top3 = self.confident = self.confident_right = 0

    def row(self, name: str) -> str:
        share = f"top-1 {self.top1 / self.total:6.1%}  top-3 {self.top3 / self.total:6.1%}"
        sure = (
            f"{self.confident_right / self.confident:6.1%} of {self.confident:3d}"
            if self.confident
            else "     - of   0"
        )
        return f"  {name:<11} {self.total:4d}  {share}  confident right {sure}"


def evaluate(path: Path, quiet: bool) -> None:
    kb = load_knowledge()
    tallies: dict[str, Tally] = defaultdict(Tally)
    for query in read_queries(path):
        result = lookup(kb, query.text)
        found = [match.entry.code for match in result.matches]
        confident = result.outcome in CONFIDENT
        if query.acceptable:
            right1 = bool(found) and found[0] in query.acceptable
            right3 = bool(query.acceptable & set(found[:3]))
        else:
            right1 = right3 = not confident
        for tally in (tallies[query.kind], tallies["all"]):
            tally.total += 1
            tally.top1 += right1
            tally.top3 += right3
            tally.confident += confident
            tally.confident_right += confident and right1
        if not right1 and not quiet:
            expected = sorted(query.acceptable) or "none"
            print(
                f"  {path.name}:{query.line}: {query.kind}: expected {expected}, got "
                f"{found[:3]} ({result.outcome.value}): {query.text}"
            )
    print(f"{path.name}:")
    for kind in sorted(tallies, key=lambda k: (k == "all", k)):
        print(tallies[kind].row(kind))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    quiet = "--quiet" in arguments
    paths = [Path(arg) for arg in arguments if arg != "--quiet"] or DEFAULT
    for corpus in paths:
        evaluate(corpus, quiet)

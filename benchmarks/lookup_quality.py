"""Top-1 and top-3 accuracy of lookup on labelled queries (acceptable codes <TAB> query).

Run: python3 benchmarks/lookup_quality.py [QUERIES.tsv ...]   (lists each miss)
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.knowledge import load_knowledge
from bot.lookup import lookup

DEFAULT = [Path(__file__).resolve().parent / "data" / "blind_lookup_4.tsv"]


def evaluate(path: Path) -> None:
    kb = load_knowledge()
    top1 = top3 = total = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        labels, _, query = line.partition("\t")
        acceptable = {int(code) for code in labels.split(",") if code}
        found = [match.entry.code for match in lookup(kb, query).matches]
        total += 1
        top1 += bool(found) and found[0] in acceptable
        top3 += bool(acceptable & set(found[:3]))
        if not found or found[0] not in acceptable:
            print(
                f"  {path.name}:{number}: expected {sorted(acceptable)}, got {found[:3]}: {query}"
            )
    print(f"{path.name}: {total} queries, top-1 {top1 / total:.1%}, top-3 {top3 / total:.1%}")


if __name__ == "__main__":
    for corpus in [Path(arg) for arg in sys.argv[1:]] or DEFAULT:
        evaluate(corpus)

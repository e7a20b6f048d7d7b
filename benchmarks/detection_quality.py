"""Precision and recall of code detection on the labelled corpora under tests/data.

Run: python3 benchmarks/detection_quality.py [CORPUS.tsv ...]   (lists each miss)
IKEERR_KNOWLEDGE=DIR scores against another knowledge folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.detect.detector import find_codes
from bot.knowledge import KnowledgeBase, load_knowledge

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEFAULT = sorted(DATA.glob("detection_corpus*.tsv"))


def evaluate(path: Path) -> None:
    folder = os.environ.get("IKEERR_KNOWLEDGE")
    kb = load_knowledge(Path(folder) if folder else None)
    lines = path.read_text(encoding="utf-8").splitlines()
    # Some corpora leave warnings and range markers unlabelled ("excluding ... warnings and
    # range markers" in their header): detection still reports them, so they are not scored.
    unscored = _not_errors(kb) if lines and "excluding" in lines[0] else set()
    # The corpora written before the RAS family label IPsec codes only: their RAS codes
    # are not scored.
    ipsec_only = bool(lines) and "RAS" not in lines[0]
    scored = (lambda code: 13000 <= code <= 13999) if ipsec_only else (lambda code: True)
    right = wrong = missed = exact = total = 0
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        labels, _, message = line.partition("\t")
        expected = [
            int(code)
            for code in labels.split(",")
            if code and int(code) not in unscored and scored(int(code))
        ]
        found = [
            c
            for c in find_codes(kb, message.replace("\\n", "\n"))
            if c not in unscored and scored(c)
        ]
        total += 1
        exact += found == expected
        right += len(set(found) & set(expected))
        wrong += len(set(found) - set(expected))
        missed += len(set(expected) - set(found))
        if found != expected:
            print(f"  {path.name}:{number}: expected {expected}, found {found}: {message[:90]}")
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / (right + missed) if right + missed else 1.0
    print(
        f"{path.name}: {total} messages, {exact / total:.1%} exactly right; "
        f"codes: precision {precision:.3f}, recall {recall:.3f} "
        f"({right} found, {wrong} wrong, {missed} missed)"
    )


def _not_errors(kb: KnowledgeBase) -> set[int]:
    return {e.code for e in kb.entries if e.range_marker or e.name.startswith("WARNING_")}


if __name__ == "__main__":
    for corpus in [Path(arg) for arg in sys.argv[1:]] or DEFAULT:
        evaluate(corpus)

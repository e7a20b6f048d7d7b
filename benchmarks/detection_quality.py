"""Precision and recall of code detection on the labelled corpora under tests/data.

Run: python3 benchmarks/detection_quality.py [--without-copies] [CORPUS.tsv ...]   (lists
each miss). --without-copies leaves out the messages that nearly copy one of a tuned corpus
(the corpora under tests/data and benchmarks/data but the held-out parts): a held-out part
holds some that earlier writers found too, and a rule tuned on the twin fixes them as well.
IKEERR_KNOWLEDGE=DIR scores against another knowledge folder.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import NamedTuple

from bot.detect.detector import find_codes
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.normalize import squeeze

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEFAULT = sorted(DATA.glob("detection_corpus*.tsv"))


BENCHMARK_DATA = Path(__file__).resolve().parent / "data"
# A message nearly copies another when half of its pieces of this many letters and digits
# (squeezed as lookup squeezes text, taken every half piece) stand in the tuned corpora.
COPY_PIECE = 60
MIN_PIECE = 40  # and a shorter message copies only a tuned message the same as it


class _Tuned(NamedTuple):
    joined: str  # the tuned corpora's messages, squeezed, one per line
    whole: frozenset[str]  # the same messages, each on its own


def _tuned_messages() -> _Tuned:
    tuned = [p for p in BENCHMARK_DATA.glob("*.tsv") if not p.stem.endswith("_held")]
    messages = []
    for path in [*DEFAULT, *tuned]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                messages.append(squeeze(line.partition("\t")[2]))
    return _Tuned("\n".join(messages), frozenset(messages))


def _copies(message: str, tuned: _Tuned) -> bool:
    squeezed = squeeze(message)
    if len(squeezed) < MIN_PIECE:  # "error 809" stands in many: only the same message counts
        return squeezed in tuned.whole
    starts = range(0, max(1, len(squeezed) - COPY_PIECE + 1), COPY_PIECE // 2)
    pieces = [squeezed[i : i + COPY_PIECE] for i in starts]
    pieces = [piece for piece in pieces if len(piece) >= MIN_PIECE]
    return sum(piece in tuned.joined for piece in pieces) >= len(pieces) / 2


def evaluate(path: Path, tuned: _Tuned | None = None) -> None:
    """Scores one corpus; with `tuned` (the tuned corpora's messages), leaves out the
    messages that nearly copy one of them."""
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
    right = wrong = missed = exact = total = copies = 0
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        labels, _, message = line.partition("\t")
        if tuned is not None and _copies(message, tuned):
            copies += 1
            continue
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
        f"{path.name}: {total} messages, {exact / max(1, total):.1%} exactly right; "
        f"codes: precision {precision:.3f}, recall {recall:.3f} "
        f"({right} found, {wrong} wrong, {missed} missed)"
        + (f"; {copies} near copies of tuned messages left out" if tuned is not None else "")
    )


def _not_errors(kb: KnowledgeBase) -> set[int]:
    return {e.code for e in kb.entries if e.range_marker or e.name.startswith("WARNING_")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--without-copies",
        action="store_true",
        help="leave out the messages that nearly copy one of a tuned corpus",
    )
    parser.add_argument(
        "corpora", nargs="*", type=Path, help="labelled TSV files (default: tests/data's)"
    )
    options = parser.parse_args()
    missing = [str(path) for path in options.corpora if not path.is_file()]
    if missing:
        parser.error(f"no such corpus file: {', '.join(missing)}")
    tuned_messages = _tuned_messages() if options.without_copies else None
    for corpus in options.corpora or DEFAULT:
        evaluate(corpus, tuned_messages)


if __name__ == "__main__":
    main()

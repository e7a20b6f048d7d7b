"""Engine benchmarks: each figure is a ratio against a baseline measured in the same run.

Run: python3 benchmarks/run.py [--quick] [--instructions]   (needs the package installed:
pip install .). Wall-clock ratios swing on a busy machine; --instructions also counts the
instructions each command executes (valgrind's callgrind, when installed), which repeat to
within a fraction of a percent.
"""

from __future__ import annotations

import argparse
import compileall
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workload import chat_lines, fuzzy_queries  # noqa: E402

import bot  # noqa: E402
from bot.knowledge import load_knowledge  # noqa: E402
from bot.lookup.query import lookup  # noqa: E402

SCAN_BASELINE = """
import json, re, sys
number = re.compile(r"\\d+")
out = sys.stdout
with open(sys.argv[1], encoding="utf-8") as lines:
    for index, line in enumerate(lines, start=1):
        codes = [int(n) for n in number.findall(line)]
        out.write(json.dumps({"line": index, "codes": codes}) + "\\n")
"""
FUZZY_BASELINE = """
import csv, json, sys
from rapidfuzz import fuzz, process, utils
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\\t"))
choices, owners = [], []
for row in rows:
    for text in (row["name"], row["message"]):
        choices.append(utils.default_process(text))
        owners.append((int(row["code"]), row["name"]))
for query in sys.stdin:
    best = process.extractOne(utils.default_process(query), choices, scorer=fuzz.WRatio,
                              processor=None)
    code, name = owners[best[2]]
    matches = [{"code": code, "name": name, "score": best[1], "via": "fuzzy"}]
    sys.stdout.write(json.dumps({"query": query.rstrip("\\n"), "matches": matches}) + "\\n")
"""
REFERENCE = Path(__file__).resolve().parent.parent / "tests" / "data" / "ipsec-error-codes.tsv"


def instructions(command: Sequence[str], stdin: str | None = None) -> int | None:
    """Instructions `command` executes, counted by callgrind; None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [valgrind, "--tool=callgrind", f"--callgrind-out-file={folder}/out", *command],
            input=stdin,
            text=True,
            capture_output=True,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {done.returncode} under callgrind")
    found = re.search(r"refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def instruction_ratio(
    label: str, ours: Sequence[str], base: Sequence[str], stdin: str = ""
) -> None:
    counted = instructions(ours, stdin), instructions(base, stdin)
    if None in counted:
        print(f"  {label}: instruction counts need valgrind")
        return
    mine, theirs = counted
    assert mine is not None and theirs is not None
    counts = f"{mine / 1e6:,.0f}M vs {theirs / 1e6:,.0f}M instructions"
    print(f"  {label}: {counts} -> {mine / theirs:.2f}x")


def timed(command: Sequence[str], stdin: str | None = None, repeat: int = 3) -> float:
    """Best wall time of `repeat` runs (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run(command, input=stdin, text=True, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
        if run.returncode != 0:  # a figure of a failed run would time its error message
            sys.exit(f"{' '.join(command)} exited {run.returncode}:\n{run.stderr[-2000:]}")
    return min(times)


def bench_scan(work: Path, lines: int, count_instructions: bool = False) -> None:
    kb = load_knowledge()
    chat = work / "chat.txt"
    chat.write_text("\n".join(chat_lines(kb, lines)) + "\n", encoding="utf-8")
    baseline = work / "scan_baseline.py"
    baseline.write_text(SCAN_BASELINE, encoding="utf-8")
    ours = timed([sys.executable, "-m", "bot", "scan", "--json", str(chat)], repeat=5)
    base = timed([sys.executable, str(baseline), str(chat)], repeat=5)
    print(
        f"scan --json, {lines:,} chat lines: {ours:.2f} s vs bare findall {base:.2f} s "
        f"-> {ours / base:.2f}x (target <= 1.5x)"
    )
    if count_instructions:  # a few minutes under callgrind at 200,000 lines
        instruction_ratio(
            "the same lines",
            [sys.executable, "-m", "bot", "scan", "--json", str(chat)],
            [sys.executable, str(baseline), str(chat)],
        )


def bench_cold_lookup(runs: int, count_instructions: bool) -> None:
    ours_cmd = [sys.executable, "-m", "bot", "lookup", "13899"]
    base_cmd = [sys.executable, "-c", "import yaml, rapidfuzz"]
    ours, base = [], []
    for _ in range(runs):
        ours.append(timed(ours_cmd, repeat=1))
        base.append(timed(base_cmd, repeat=1))
    o, b = statistics.median(ours), statistics.median(base)
    print(
        f"cold `lookup 13899`: {o * 1000:.0f} ms vs `import yaml, rapidfuzz` {b * 1000:.0f} ms "
        f"-> {o / b:.2f}x (target <= 2.5x; medians of {runs})"
    )
    if count_instructions:
        instruction_ratio("cold `lookup 13899`", ours_cmd, base_cmd)


def bench_fuzzy(work: Path, count: int, count_instructions: bool) -> None:
    kb = load_knowledge()
    queries = fuzzy_queries(kb, count)
    stdin = "".join(query + "\n" for query, _, _ in queries)
    baseline = work / "fuzzy_baseline.py"
    baseline.write_text(FUZZY_BASELINE, encoding="utf-8")
    ours_cmd = [sys.executable, "-m", "bot", "lookup", "--json", "-"]
    base_cmd = [sys.executable, str(baseline), str(REFERENCE)]
    ours_time, base_time = timed(ours_cmd, stdin), timed(base_cmd, stdin)
    ours_out = subprocess.run(ours_cmd, input=stdin, text=True, capture_output=True).stdout
    base_out = subprocess.run(base_cmd, input=stdin, text=True, capture_output=True).stdout
    ours_right = _correct(ours_out, queries)
    base_right = _correct(base_out, queries)
    print(
        f"{count} fuzzy lookups via `lookup --json -`: {ours_time:.2f} s vs naive WRatio "
        f"extractOne {base_time:.2f} s -> {ours_time / base_time:.2f}x (target <= 1.0x)"
    )
    for category in sorted({c for _, _, c in queries}):
        total = sum(1 for _, _, c in queries if c == category)
        print(
            f"  top-1 accuracy, {category} ({total}): ours {ours_right[category] / total:.1%}, "
            f"naive {base_right[category] / total:.1%}"
        )
    total_ours, total_base = sum(ours_right.values()), sum(base_right.values())
    print(f"  top-1 accuracy, all: ours {total_ours / count:.1%}, naive {total_base / count:.1%}")
    if count_instructions:
        instruction_ratio(f"{count} mixed lookups", ours_cmd, base_cmd, stdin)


def _correct(output: str, queries: list[tuple[str, frozenset[int], str]]) -> Counter[str]:
    right: Counter[str] = Counter()
    for line, (_, accepted, category) in zip(output.splitlines(), queries, strict=True):
        matches = json.loads(line)["matches"]
        if matches and matches[0]["code"] in accepted:
            right[category] += 1
    return right


def bench_exact(number: int) -> None:
    kb = load_knowledge()
    queries = ["13899", "0x364B", "0x8007364B", "-2147010997", "ERROR_IPSEC_IKE_AUTH_FAIL"]
    for query in queries:
        lookup(kb, query)  # build the indexes once, as a running bot has them
    table = {entry.code: entry for entry in kb}
    for query in queries:
        per_call = timeit.timeit(lambda q=query: lookup(kb, q), number=number) / number
        print(f"exact lookup {query!r}: {per_call * 1e6:.1f} us (target < 20 us)")
    bare = timeit.timeit(lambda: table.get(int("13899")), number=number) / number
    print(f"  baseline int() + dict.get: {bare * 1e6:.2f} us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller workloads, rough figures")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (needs valgrind)"
    )
    args = parser.parse_args()
    # As pip installs the package: its bytecode compiled. Where PYTHONDONTWRITEBYTECODE is set
    # and the package is an editable checkout, each command would compile it from source.
    compileall.compile_dir(Path(bot.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bench_exact(2_000 if args.quick else 20_000)
        bench_cold_lookup(5 if args.quick else 15, args.instructions)
        bench_fuzzy(work, 1_000, args.instructions)
        bench_scan(work, 20_000 if args.quick else 200_000, args.instructions)


if __name__ == "__main__":
    main()

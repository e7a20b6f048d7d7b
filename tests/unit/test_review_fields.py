"""The review fields of an entry: examples, the reviewed month, thin knowledge; and the warnings
`ikeerr validate` gives for depth entries whose review is missing or over a year old."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, check_knowledge
from bot.knowledge.review import is_depth, review_warnings
from bot.render.text import render_entry
from tests.unit.test_cli import run
from tests.unit.test_validate import GOOD


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "kb.yaml").write_text(text, encoding="utf-8")
    return [f"{p.line}: {p.message}" for p in check_knowledge(tmp_path)[1]]


EXAMPLE = (
    "  examples:\n"
    "    - text: 'The error code returned on failure is 13806.'\n"
    "      source: https://example.com/thread\n"
    "      origin: RasClient event (forum post)\n"
)


def test_examples_reviewed_and_thin_are_read(tmp_path: Path) -> None:
    text = GOOD + EXAMPLE + "  reviewed: '2026-12'\n  thin: true\n"
    assert _problems(tmp_path, text) == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("  reviewed: 2026-12-01\n", "'reviewed' must be a month as YYYY-MM"),
        ("  reviewed: '2026-13'\n", "'reviewed' must be a month as YYYY-MM"),
        (EXAMPLE.replace("https://example.com/thread", "forum"), "'source' must be an http(s)"),
        (EXAMPLE.replace("      origin: RasClient event (forum post)\n", ""), "lacks origin"),
        ("  thin: maybe\n", "'thin' must be true or false"),
    ],
)
def test_bad_review_fields_are_problems(tmp_path: Path, extra: str, expected: str) -> None:
    found = _problems(tmp_path, GOOD + extra)
    assert len(found) == 1 and expected in found[0], found


def test_depth_entries_without_a_recent_review_are_warned_about(kb: KnowledgeBase) -> None:
    depth = next(entry for entry in kb if is_depth(entry))
    today = date(2027, 6, 15)
    fresh = replace(depth, reviewed="2026-12", source="k.yaml:7")
    stale = replace(depth, reviewed="2026-05", source="k.yaml:9")
    never = replace(depth, reviewed="", source="k.yaml:11")
    short = next(entry for entry in kb if not is_depth(entry) and not entry.range_marker)
    found = review_warnings([fresh, stale, never, replace(short, reviewed="")], today)
    assert [(w.line, w.message.split(":")[0]) for w in found] == [(9, "warning"), (11, "warning")]
    assert "last reviewed 2026-05, 13 months ago" in found[0].message
    assert "no 'reviewed' date" in found[1].message


def test_validate_warns_without_failing(tmp_path: Path) -> None:
    text = GOOD
    for field, short in (("causes", "c"), ("diagnose", "d"), ("resolve", "f")):
        items = "".join(f"    - {field} {n}\n" for n in range(5))
        head, _, tail = text.rpartition(f"  {field}: [{short}]\n")  # the second entry's
        text = f"{head}  {field}:\n{items}{tail}"
    (tmp_path / "kb.yaml").write_text(text + "  reviewed: '2020-01'\n", encoding="utf-8")
    done = run("validate", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "warning: 13806 was last reviewed 2020-01" in done.stderr


def test_answers_show_the_two_best_sources_and_thin_knowledge(kb: KnowledgeBase) -> None:
    entry = next(e for e in kb if len(e.references) >= 3 and e.notes)
    text = render_entry(replace(entry, thin=True), width=300)
    sources = text[text.index("Sources:") : text.index("More references:")]
    assert all(url in sources for url in entry.references[:2])
    assert entry.references[2] not in sources
    assert "Public knowledge of this code is thin" in text

"""The shipped knowledge base: valid, complete, and faithful to the reference facts."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.knowledge import KnowledgeBase, check_knowledge

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).resolve().parent / "data" / "ipsec-error-codes.tsv"


def _reference() -> dict[int, dict[str, str]]:
    with REFERENCE.open(encoding="utf-8", newline="") as stream:
        return {int(row["code"]): row for row in csv.DictReader(stream, delimiter="\t")}


def test_shipped_knowledge_validates() -> None:
    entries, problems = check_knowledge(ROOT / "knowledge")
    assert [str(p) for p in problems] == []
    assert len(entries) == 153


def test_every_reference_code_is_present_with_exact_facts(kb: KnowledgeBase) -> None:
    reference = _reference()
    assert sorted(kb.by_code) == sorted(reference)
    for code, row in reference.items():
        entry = kb.by_code[code]
        assert entry.name == row["name"], code
        assert entry.message == row["message"], code
        assert entry.hex == row["hex"], code


def test_range_markers_are_marked(kb: KnowledgeBase) -> None:
    markers = {entry.code for entry in kb if entry.range_marker}
    assert markers == {13800, 13897, 13909}


def test_first_users_codes_have_curated_guidance(kb: KnowledgeBase) -> None:
    for code in (13899, 13801, 13806, 13868):
        entry = kb.by_code[code]
        assert entry.curated and entry.causes and entry.diagnose and entry.resolve, code

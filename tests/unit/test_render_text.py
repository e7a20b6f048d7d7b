from __future__ import annotations

import os
from pathlib import Path

from bot.knowledge import KnowledgeBase
from bot.lookup.query import lookup
from bot.render.text import render_entry, render_result

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
# Set IKEERR_UPDATE_GOLDEN=1 to rewrite golden files after a deliberate change.
UPDATE = os.environ.get("IKEERR_UPDATE_GOLDEN") == "1"


def _check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_full_entry_rendering_is_pinned(kb: KnowledgeBase) -> None:
    _check_golden("lookup_13806.txt", render_entry(kb.by_code[13806], width=88) + "\n")


def test_entry_reads_severity_first_then_sections(kb: KnowledgeBase) -> None:
    text = render_entry(kb.by_code[13899], width=88)
    order = ["Severity:", "Official message:", "What it means:", "Likely causes:"]
    order += ["How to diagnose:", "How to fix:", "Related codes:"]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert all(len(line) <= 88 for line in text.splitlines() if "://" not in line)


def test_range_marker_renders_without_empty_sections(kb: KnowledgeBase) -> None:
    text = render_entry(kb.by_code[13897], width=88)
    assert "range" in text.lower() and "Likely causes:" not in text


def test_ambiguous_result_lists_candidates(kb: KnowledgeBase) -> None:
    text = render_result(lookup(kb, "Negotiation request sat in Queue too long."))
    assert "Did you mean" in text
    for code in ("13809", "13810", "13811", "13812"):
        assert code in text


def test_not_ipsec_result_explains(kb: KnowledgeBase) -> None:
    assert "not an IPsec, RAS or HRESULT error code" in render_result(lookup(kb, "1603"))

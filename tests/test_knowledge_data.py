"""The shipped knowledge base: valid, complete, and faithful to the reference facts."""

from __future__ import annotations

import re
from pathlib import Path

from bot.knowledge import KnowledgeBase, check_knowledge
from tests.support.reference import reference_count, reference_rows

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_knowledge_validates() -> None:
    entries, problems = check_knowledge(ROOT / "knowledge")
    assert [str(p) for p in problems] == []
    assert len(entries) == reference_count()


def test_every_reference_code_is_present_with_exact_facts(kb: KnowledgeBase) -> None:
    reference = reference_rows()
    assert sorted(kb.by_code) == sorted(reference)
    for code, row in reference.items():
        entry = kb.by_code[code]
        assert entry.name == row["name"], code
        assert entry.message == row["message"], code
        assert entry.hex == row["hex"], code


def test_range_markers_are_marked(kb: KnowledgeBase) -> None:
    markers = {entry.code for entry in kb if entry.range_marker}
    assert markers == {13800, 13897, 13909}


DEPTH_CODES = (13801, 13806, 13868, 13899, 13805, 13825, 13827, 13843, 13817, 13820)
DEPTH_CODES += (13887, 13813, 13824, 13846, 13880, 13822, 13807, 13834, 13840, 13832)
# The RAS codes VPN users paste most, and the HRESULTs VPN troubleshooting cites.
DEPTH_CODES += (809, 789, 691, 812, 628, 766, 800, 619, 720, 868, 806, 807, 853, 858, 864)
DEPTH_CODES += (835, 827, 840, 841, 842, 732, 741, 742)
DEPTH_CODES += (2147942464, 2147943625, 2147943860, 2148074278, 2148081682, 2148081683)
DEPTH_CODES += (2148204801, 2148204809)


def test_every_error_has_guidance(kb: KnowledgeBase) -> None:
    for entry in kb:
        assert entry.summary and entry.severity and entry.severity_reason, entry.code
        if not (entry.range_marker or entry.brief):
            assert entry.causes and entry.diagnose and entry.resolve, entry.code


def test_depth_codes_have_playbooks(kb: KnowledgeBase) -> None:
    for code in DEPTH_CODES:
        entry = kb.by_code[code]
        assert len(entry.causes) >= 5 and len(entry.diagnose) >= 5, code
        assert len(entry.resolve) >= 5, code


TOOLS = ("netsh", "event", "certutil", "get-", "set-", "capture", "log", "auditpol", "udp", "cert")


def test_most_diagnose_steps_name_a_concrete_tool(kb: KnowledgeBase) -> None:
    entries = [entry for entry in kb if not (entry.range_marker or entry.brief)]
    concrete = [
        entry
        for entry in entries
        if any(tool in step.lower() for step in entry.diagnose for tool in TOOLS)
    ]
    assert len(concrete) >= 0.9 * len(entries)


def test_benign_codes_are_not_alarming(kb: KnowledgeBase) -> None:
    for code in (13878, 13917, 13844, 13890, 13024, 13025, 13800, 13897, 13909):
        assert kb.by_code[code].severity in ("info", "low"), code


def test_no_sentence_is_pasted_across_entries(kb: KnowledgeBase) -> None:
    seen: dict[str, int] = {}
    for entry in kb:
        # Brief entries of one kind (codes Windows stopped returning with Vista) share the
        # reason for their severity; their summaries must still be their own.
        texts = (entry.summary,) if entry.brief else (entry.summary, entry.severity_reason)
        for text in (*texts, entry.notes):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if len(sentence) < 40:
                    continue
                key = sentence.lower()
                assert seen.setdefault(key, entry.code) == entry.code, (
                    f"{entry.code} repeats a sentence of {seen[key]}: {sentence}"
                )


def test_depth_entries_say_what_a_storm_means(kb: KnowledgeBase) -> None:
    """The storm summary quotes it: what many users failing at once usually means."""
    from bot.knowledge.review import is_depth

    missing = [e.code for e in kb if is_depth(e) and not e.storm]
    assert missing == []
    assert all(len(e.storm) <= 400 for e in kb if e.storm)

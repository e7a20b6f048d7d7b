"""Code families are data: a new family is a YAML declaration and entries, no Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.detect import find_codes
from bot.domain import Outcome
from bot.knowledge import check_knowledge, load_knowledge
from bot.lookup import lookup
from tests.support.entries import GUIDANCE

ROOT = Path(__file__).resolve().parents[2]
RAS_ENTRY = (
    "- code: 809\n  name: ERROR_VPN_TIMEOUT\n"
    "  message: The network connection between your computer and the VPN server could not be "
    "established because the remote server is not responding.\n"
    + GUIDANCE.replace("[a]", "[vpn server not responding]")
)


@pytest.fixture
def two_families(tmp_path: Path) -> Path:
    shipped = (ROOT / "knowledge" / "families.yaml").read_text(encoding="utf-8")
    (tmp_path / "families.yaml").write_text(shipped, encoding="utf-8")
    (tmp_path / "ras.yaml").write_text(RAS_ENTRY, encoding="utf-8")
    ipsec = (ROOT / "tests" / "golden" / "slack-kb.yaml").read_text(encoding="utf-8")
    (tmp_path / "ipsec.yaml").write_text(ipsec, encoding="utf-8")
    return tmp_path


def test_a_declared_family_is_looked_up_and_detected(two_families: Path) -> None:
    kb = load_knowledge(two_families)
    assert kb.by_code[809].family == "ras" and kb.by_code[13801].family == "ipsec"
    for query in ("809", "0x329", "0x80070329", "VPN_TIMEOUT", "vpn server not responding"):
        assert [m.entry.code for m in lookup(kb, query).matches] == [809], query
    assert find_codes(kb, "rasdial failed with error 809 again") == [809]
    assert find_codes(kb, "ERROR_VPN_TIMEOUT and then IKE_AUTH_FAIL") == [809, 13801]


def test_the_not_covered_answer_names_every_family(two_families: Path) -> None:
    kb = load_knowledge(two_families)
    note = lookup(kb, "1234").note
    assert lookup(kb, "1234").outcome is Outcome.NOT_IPSEC
    assert "IPsec: 13000-13025, 13800-13918 and 13925-13932" in note
    assert "RAS: 600-878, 900-946 and 948-956" in note
    assert "in the RAS block (600-999), but Windows defines no RAS error 890" in (
        lookup(kb, "890").note
    )
    assert "RAS error 810, which Windows defines but ikeerr does not explain" in (
        lookup(kb, "810").note
    )


def test_an_entry_outside_every_block_is_reported(two_families: Path) -> None:
    (two_families / "ras.yaml").write_text(RAS_ENTRY.replace("809", "1809", 1), encoding="utf-8")
    _, problems = check_knowledge(two_families)
    assert [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems] == [
        "ras.yaml:1: code 1809 is outside the IPsec block 13000-13999; the RAS block 600-999; "
        "the HRESULT block 2147483648-4294967295"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("numbering: win32", "numbering: octal"), "numbering: must be one of win32"),
        (("block: 600-999", "block: 600-13500"), "overlap"),
        (("ranges: [600-878, 900-946, 948-956]", "ranges: [600-1200]"), "must lie inside"),
        (("'(?:ERROR|WARNING)_[A-Z0-9_]+|PENDING'", "'ERROR_[A-Z'"), "regular expression"),
        (("  title: RAS\n", ""), "title: missing"),
        (("  title: RAS\n", "  title: RAS\n  colour: blue\n"), "colour: unknown setting"),
    ],
)
def test_broken_family_declarations_name_file_and_line(
    two_families: Path, change: tuple[str, str], expected: str
) -> None:
    file = two_families / "families.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    _, problems = check_knowledge(two_families)
    shown = [str(p) for p in problems]
    assert shown and all(p.startswith(f"{file}:") for p in shown), shown
    assert any(expected in p for p in shown), shown

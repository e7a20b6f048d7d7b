"""Scanning many lines at once gives what a search of each line alone gives."""

from __future__ import annotations

from pathlib import Path

from bot.detect.detector import Detector, find_codes
from bot.detect.scan import scan_lines
from bot.knowledge import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"
BLIND = Path(__file__).resolve().parent.parent.parent / "benchmarks" / "data"


def _corpus_lines() -> list[str]:
    """The lines of every labelled corpus (labels unread): RAS, CJK and log shapes included."""
    lines = []
    corpora = sorted(DATA.glob("detection_corpus*.tsv")) + sorted(BLIND.glob("blind_detection_*"))
    for corpus in corpora:
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                lines += line.partition("\t")[2].split("\\n")
    return lines


def test_a_block_of_lines_finds_what_each_line_alone_finds(kb: KnowledgeBase) -> None:
    lines = _corpus_lines()
    assert len(lines) > 3000
    detector = kb.index(Detector)
    found = detector.find_codes_in_lines(lines)
    assert found == [find_codes(kb, line) for line in lines]
    assert sum(bool(codes) for codes in found) > 300
    # a block of ASCII lines is searched as bytes
    ascii_lines = [line for line in lines if line.isascii()]
    alone = [find_codes(kb, line) for line in ascii_lines]
    assert detector.find_codes_in_lines(ascii_lines) == alone


def test_lines_a_block_cannot_stand_for_get_the_full_search(kb: KnowledgeBase) -> None:
    lines = [
        "IKE negotiation failed with error 13801\n",
        "错误 13801：IKE 身份验证凭证不可接受。\n",
        'error "IKE authentification credentials are unaceptable" again\r\n',
        "two lines in one item: error\n13806 on the device tunnel",
        "x" * 20_000 + " error 13868",
        "nothing to see here\n",
    ]
    found = kb.index(Detector).find_codes_in_lines(lines)
    assert found == [find_codes(kb, line) for line in lines]
    assert found[:3] == [[13801], [13801], [13801]]
    assert found[-1] == []


def test_scan_numbers_every_line_across_blocks(kb: KnowledgeBase) -> None:
    lines = ["standup in 5\n"] * 1000 + ["error 13801 on the vpn\n"] + ["ok\n"] * 100
    scanned = list(scan_lines(kb, iter(lines)))
    assert [number for number, _ in scanned] == list(range(1, 1102))
    assert [number for number, codes in scanned if codes] == [1001]

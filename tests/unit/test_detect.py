from __future__ import annotations

from pathlib import Path

import pytest

from bot.detect.detector import find_codes
from bot.knowledge import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"
CORPORA = (
    "detection_corpus.tsv",
    "detection_corpus_second.tsv",
    "detection_corpus_third.tsv",
    "detection_corpus_fourth.tsv",
)


def _corpus() -> list[tuple[list[int], str]]:
    cases = []
    lines = [line for name in CORPORA for line in (DATA / name).read_text("utf-8").splitlines()]
    for line in lines:
        if not line or line.startswith("#"):
            continue
        expected, _, message = line.partition("\t")
        codes = [int(code) for code in expected.split(",") if code]
        cases.append((codes, message.replace("\\n", "\n")))
    return cases


CASES = _corpus()


def test_corpus_is_large_and_balanced() -> None:
    positives = sum(1 for codes, _ in CASES if codes)
    assert len(CASES) >= 300
    assert 120 <= positives <= len(CASES) - 120


@pytest.mark.parametrize(("expected", "message"), CASES, ids=[m[:40] for _, m in CASES])
def test_detection_corpus(kb: KnowledgeBase, expected: list[int], message: str) -> None:
    assert find_codes(kb, message) == expected


def test_codes_come_in_order_without_duplicates(kb: KnowledgeBase) -> None:
    text = "vpn error 13806, later 0x800735E9 and again 13806 then ERROR_IPSEC_IKE_NO_CERT"
    assert find_codes(kb, text) == [13806, 13801]


def test_long_log_paste_is_scanned(kb: KnowledgeBase) -> None:
    noise = "2026-11-27 09:14:02 INFO heartbeat ok id=8812\n" * 2000
    text = noise + "09:15:00 ERROR IKE negotiation failed with error 13868\n" + noise
    assert find_codes(kb, text) == [13868]

from __future__ import annotations

import pytest

from bot.domain import Via
from bot.numeric import parse_numeric, signed_hresult_of


@pytest.mark.parametrize(
    ("token", "code", "via"),
    [
        ("13899", 13899, Via.CODE),
        ("0x364B", 13899, Via.HEX),
        ("0X364b", 13899, Via.HEX),
        ("364b", 13899, Via.HEX),
        ("0x0000364B", 13899, Via.HEX),
        ("0x8007364B", 13899, Via.HRESULT),
        ("8007364B", 13899, Via.HRESULT),
        ("8007364b", 13899, Via.HRESULT),
        ("-2147010997", 13899, Via.HRESULT),
    ],
)
def test_parse_numeric_reads_every_form(token: str, code: int, via: Via) -> None:
    parsed = parse_numeric(token)
    assert parsed is not None
    assert (parsed.code, parsed.via, parsed.win32) == (code, via, True)


def test_signed_hresult_round_trips() -> None:
    assert signed_hresult_of(13899) == -2147010997


@pytest.mark.parametrize("token", ["0x80004005", "0xC0000005"])
def test_non_win32_hresults_are_flagged(token: str) -> None:
    parsed = parse_numeric(token)
    assert parsed is not None and not parsed.win32


@pytest.mark.parametrize("token", ["", "hello", "0x", "13 899", "-", "0xZZ", "99999999999"])
def test_non_numbers_are_not_parsed(token: str) -> None:
    assert parse_numeric(token) is None

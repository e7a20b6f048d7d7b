"""Numeric forms of Win32 error codes: decimal, hex, HRESULT and signed HRESULT."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain import HRESULT_WIN32_PREFIX, WIN32_MAX, Via

HRESULT_SEVERITY_BIT = 0x80000000
_UINT32 = 1 << 32

_DECIMAL = re.compile(r"[0-9]{1,10}")
_SIGNED = re.compile(r"-[0-9]{1,10}")
_HEX = re.compile(r"(?:0x)?([0-9a-f]{1,8})", re.IGNORECASE)


@dataclass(frozen=True)
class NumericCode:
    """A number read from a query: the Win32 code it denotes and the form it was written in."""

    code: int
    via: Via
    win32: bool = True
    # The 32-bit value as written, for the forms that write one (hex, HRESULT, signed,
    # decimals above 65535): an HRESULT family's codes are these values.
    value: int | None = None


def win32_from_value(value: int) -> tuple[int, bool]:
    """Return (code, is_win32) for a 32-bit value that may be an HRESULT_FROM_WIN32."""
    if value & 0xFFFF0000 == HRESULT_WIN32_PREFIX:
        return value & 0xFFFF, True
    return value, value <= WIN32_MAX


def parse_numeric(token: str) -> NumericCode | None:
    """Read a decimal, hex, HRESULT or signed HRESULT token; None when it is not a number."""
    token = token.strip()
    if _DECIMAL.fullmatch(token):
        if len(token) == 8 and token.startswith("8"):
            # 8 digits from 8: no Win32 code nor an unsigned HRESULT, but an HRESULT in hex
            # written without its 0x ("80070329", "80092013").
            return _from_hex_value(int(token, 16))
        value = int(token)
        if value <= WIN32_MAX:
            return NumericCode(value, Via.CODE)
        # Above 65535 a decimal is no Win32 code; it may be an HRESULT written unsigned.
        if value >= _UINT32:
            return NumericCode(value, Via.CODE, False)
        code, win32 = win32_from_value(value)
        return NumericCode(code, Via.HRESULT if win32 else Via.CODE, win32, value)
    if _SIGNED.fullmatch(token):
        value = int(token)
        if value < -(1 << 31):
            return None
        unsigned = value + _UINT32 if value < 0 else value
        code, win32 = win32_from_value(unsigned)
        return NumericCode(code, Via.HRESULT, win32, unsigned)
    match = _HEX.fullmatch(token)
    if match is None:
        return None
    return _from_hex_value(int(match.group(1), 16))


def _from_hex_value(value: int) -> NumericCode:
    code, win32 = win32_from_value(value)
    via = Via.HRESULT if value & 0xFFFF0000 == HRESULT_WIN32_PREFIX else Via.HEX
    return NumericCode(code, via, win32, value)


def hresult_of(code: int) -> int:
    return HRESULT_WIN32_PREFIX | code


def signed_hresult_of(code: int) -> int:
    return hresult_of(code) - _UINT32

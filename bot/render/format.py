"""The CLI's output formats, and the one place that picks a renderer for each."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import assert_never

from bot.domain import ErrorEntry, LookupResult, ScannedLine
from bot.render.json import entry_to_json, result_to_json, scanned_to_json
from bot.render.text import render_listing, render_result, render_scanned


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def render_lookup(fmt: Format, result: LookupResult, width: int) -> str:
    match fmt:
        case Format.TEXT:
            return render_result(result, width)
        case Format.JSON:
            return _dumps(result_to_json(result))
        case _:
            assert_never(fmt)


def scan_renderer(fmt: Format, names: dict[int, str]) -> Callable[[ScannedLine], str | None]:
    """How each scanned line is shown; None for a line the format leaves out (text shows only
    lines with codes). Chosen once: a scan renders hundreds of thousands of lines."""
    match fmt:
        case Format.TEXT:
            return lambda line: render_scanned(line, names) if line[1] else None
        case Format.JSON:
            return scanned_to_json
        case _:
            assert_never(fmt)


def render_entries(fmt: Format, entries: Sequence[ErrorEntry]) -> str:
    match fmt:
        case Format.TEXT:
            return render_listing(entries)
        case Format.JSON:
            return _dumps([entry_to_json(entry) for entry in entries])
        case _:
            assert_never(fmt)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)

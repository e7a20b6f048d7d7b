"""The CLI's output formats, and the one place that picks a renderer for each."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import NamedTuple, assert_never

from bot.domain import ErrorEntry, LookupResult
from bot.render.json import blank_scan_json, entry_to_json, result_to_json, scanned_to_json
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


class ScanRenderer(NamedTuple):
    """How `scan` shows lines: a line with codes through `found`, a line without through
    `blank`, or not at all when `blank` is None. Each takes the line number (and the codes)."""

    found: Callable[[int, list[int]], str]
    blank: Callable[[int], str] | None


def scan_renderer(fmt: Format, names: dict[int, str]) -> ScanRenderer:
    """The renderer of scanned lines (each output ends with a newline)."""
    match fmt:
        case Format.TEXT:
            return ScanRenderer(lambda number, codes: render_scanned(number, codes, names), None)
        case Format.JSON:
            return ScanRenderer(scanned_to_json, blank_scan_json)
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

"""Scanning text line by line for error codes (the `ikeerr scan` engine): data, not output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.detect.detector import Detector
from bot.domain import ScannedLine
from bot.knowledge import KnowledgeBase


def scan_lines(kb: KnowledgeBase, lines: Iterable[str]) -> Iterator[ScannedLine]:
    """Every line, with the codes it mentions (often none)."""
    find_codes = kb.index(Detector).find_codes
    for number, line in enumerate(lines, start=1):
        yield ScannedLine(number, find_codes(line))

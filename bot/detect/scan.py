"""Scanning text line by line for error codes (the `ikeerr scan` engine): data, not output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import count

from bot.detect.detector import Detector
from bot.domain import ScannedLine
from bot.knowledge import KnowledgeBase


def scan_lines(kb: KnowledgeBase, lines: Iterable[str]) -> Iterator[ScannedLine]:
    """Every line, with the codes it mentions (often none)."""
    return zip(count(1), map(kb.index(Detector).find_codes, lines), strict=False)

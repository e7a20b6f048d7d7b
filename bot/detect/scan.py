"""Scanning text line by line for error codes (the `ikeerr scan` engine): data, not output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from bot.detect.detector import Detector
from bot.domain import ScannedLine
from bot.knowledge import KnowledgeBase

# Lines searched at a time: the gates make one pass over each block instead of one per line.
BLOCK_LINES = 512


def scan_lines(kb: KnowledgeBase, lines: Iterable[str]) -> Iterator[ScannedLine]:
    """Every line, with the codes it mentions (often none)."""
    detector = kb.index(Detector)
    stream = iter(lines)
    number = 0
    while block := list(islice(stream, BLOCK_LINES)):
        for codes in detector.find_codes_in_lines(block):
            number += 1
            yield number, codes

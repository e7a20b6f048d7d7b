"""Scanning text line by line for error codes (the `ikeerr scan` engine): data, not output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from bot.detect.detector import Detector
from bot.domain import ScannedLine
from bot.knowledge import KnowledgeBase

# Lines searched at a time: the gates make one pass over each block instead of one per line.
BLOCK_LINES = 512


def scan_blocks(kb: KnowledgeBase, lines: Iterable[str]) -> Iterator[tuple[int, list[list[int]]]]:
    """Blocks of lines: the number of a block's first line (from 1), and the codes each of
    its lines mentions (often none)."""
    detector = kb.index(Detector)
    stream = iter(lines)
    first = 1
    while block := list(islice(stream, BLOCK_LINES)):
        yield first, detector.find_codes_in_lines(block)
        first += len(block)


def scan_lines(kb: KnowledgeBase, lines: Iterable[str]) -> Iterator[ScannedLine]:
    """Every line, with the codes it mentions (often none)."""
    for first, codes in scan_blocks(kb, lines):
        yield from enumerate(codes, start=first)

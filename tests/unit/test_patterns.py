"""Range patterns: exactly the numbers of a range, in decimal and hex; the loose form a superset."""

from __future__ import annotations

import random
import re

import pytest

from bot.detect.patterns import loose_range_pattern, range_pattern
from bot.domain import CodeRange

DECIMAL, HEX = "0123456789", "0123456789abcdef"
SPELL = {DECIMAL: str, HEX: lambda number: format(number, "x")}


def _ranges() -> list[CodeRange]:
    rng = random.Random(13801)
    spans = [CodeRange(13000, 13999), CodeRange(600, 956), CodeRange(0, 9), CodeRange(5, 5)]
    for _ in range(300):
        first = rng.randint(0, 70_000)
        spans.append(CodeRange(first, first + rng.choice([0, 7, 100, 5_000, 70_000])))
    return spans


@pytest.mark.parametrize("digits", [DECIMAL, HEX], ids=["decimal", "hex"])
def test_range_patterns_match_exactly_their_numbers(digits: str) -> None:
    spell = SPELL[digits]
    for span in _ranges():
        exact = re.compile(range_pattern(span, digits))
        loose = re.compile(loose_range_pattern(span, digits))
        edges = [*range(max(0, span.first - 12), span.first + 12)]
        edges += [*range(max(0, span.last - 12), span.last + 12)]
        for number in edges:
            inside = span.first <= number <= span.last
            assert bool(exact.fullmatch(spell(number))) == inside, (span, number)
            assert not inside or loose.fullmatch(spell(number)), (span, number)


def test_patterns_read_like_a_person_would_write_them() -> None:
    assert range_pattern(CodeRange(13000, 13999)) == r"13\d{3}"
    assert loose_range_pattern(CodeRange(13000, 13999), HEX) == "3[2-6][0-9a-f]{2}"

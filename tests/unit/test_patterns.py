"""Range patterns: exactly the numbers of a range, in decimal and hex; the loose form a superset."""

from __future__ import annotations

import random
import re

import pytest

from bot.detect.patterns import _edge_led, loose_range_pattern, range_pattern
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


EDGE = "[A-Za-z0-9_]"


def _edge_first(pattern: str, may_follow: tuple[str, ...] = ()) -> str:
    """The plain form `_edge_led` must match the same as: the lookbehind before the pattern."""
    edges = [f"(?<!{EDGE})", *(f"(?<={word})" for word in may_follow)]
    return f"(?:{'|'.join(edges)})(?:{pattern})"


def _random_texts(rng: random.Random, count: int) -> list[str]:
    alphabet = "0123456789abcdefx-_ vVpPnN"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(count)]


@pytest.mark.parametrize("may_follow", [(), ("vpn", "VPN")], ids=["edge", "edge-or-vpn"])
def test_edge_led_patterns_match_what_the_lookbehind_first_form_matches(
    may_follow: tuple[str, ...],
) -> None:
    rng = random.Random(809)
    spans = _ranges()[:60]
    patterns = [range_pattern(span, digits) for span in spans for digits in (DECIMAL, HEX)]
    patterns += ["|".join(map(range_pattern, spans[i : i + 4])) for i in range(0, 60, 4)]
    patterns += [f"-(?:{range_pattern(spans[7])})", "0x[0-9a-f]{1,8}", "8007[0-9a-f]{4}"]
    texts = _random_texts(rng, 400) + ["13801", "vpn809", "a13801", "-2146762495", "x0x80070329"]
    for pattern in patterns:
        led = re.compile(_edge_led(pattern, EDGE, may_follow))
        plain = re.compile(_edge_first(pattern, may_follow))
        for text in texts:
            found = [m.span() for m in led.finditer(text)]
            assert found == [m.span() for m in plain.finditer(text)], (pattern, text)


def test_edge_led_patterns_lead_with_a_literal_where_they_can() -> None:
    assert _edge_led(r"13\d{3}", EDGE) == rf"(?:1(?<!{EDGE}1)3\d{{3}})"
    assert _edge_led("8[0-2]", EDGE) == rf"(?:8(?<!{EDGE}8)[0-2])"


@pytest.mark.parametrize("pattern", [r"\w+", "a*b", "a{2}b", "[0-9]+", "(?:ab)?c", "\\.x"])
def test_patterns_whose_openings_cannot_be_read_keep_the_lookbehind_first(pattern: str) -> None:
    assert _edge_led(pattern, EDGE) == f"(?<!{EDGE})(?:{pattern})"

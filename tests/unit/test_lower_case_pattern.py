"""Lower-case patterns: words matched on lower-cased text, anywhere or up to a number."""

from __future__ import annotations

import pytest

from bot.detect.vocabulary import LowerCasePattern


def test_a_lower_case_pattern_matches_any_case_up_to_the_number() -> None:
    ending = LowerCasePattern(r"(?<![a-z])(?:error|getting)\s+$")
    text = "Users are GETTING 809, Error 691, errorless 812"
    assert ending.ends(text, 0, text.index("809"))
    assert ending.ends(text, text.index("Error"), text.index("691"))
    assert not ending.ends(text, 0, text.index("812"))


def test_a_word_the_window_cuts_is_read_whole() -> None:
    ending = LowerCasePattern(r"(?<![a-z])getting\s+$")
    text = "forgetting 809"
    assert not ending.ends(text, 3, text.index("809"))


def test_a_lower_case_pattern_must_be_written_in_lower_case() -> None:
    with pytest.raises(ValueError, match="lower-cased"):
        LowerCasePattern(r"Error\s+$")
    LowerCasePattern(r"\S+\s+$")  # escapes are not letters

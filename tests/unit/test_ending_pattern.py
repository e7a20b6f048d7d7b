"""Ending patterns: words that must end where a number starts, matched on lower-cased text."""

from __future__ import annotations

import pytest

from bot.detect.vocabulary import EndingPattern


def test_an_ending_pattern_matches_any_case_up_to_the_number() -> None:
    ending = EndingPattern(r"(?<![a-z])(?:error|getting)\s+$")
    text = "Users are GETTING 809, Error 691, errorless 812"
    assert ending.ends(text, 0, text.index("809"))
    assert ending.ends(text, text.index("Error"), text.index("691"))
    assert not ending.ends(text, 0, text.index("812"))


def test_a_word_the_window_cuts_is_read_whole() -> None:
    ending = EndingPattern(r"(?<![a-z])getting\s+$")
    text = "forgetting 809"
    assert not ending.ends(text, 3, text.index("809"))


def test_an_ending_pattern_must_be_written_in_lower_case() -> None:
    with pytest.raises(ValueError, match="lower-cased"):
        EndingPattern(r"Error\s+$")
    EndingPattern(r"\S+\s+$")  # escapes are not letters

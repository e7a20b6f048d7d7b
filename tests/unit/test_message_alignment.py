"""The shortcuts of the message finder's alignment give the answers the full alignment gives."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from bot.detect.messages import _exact_quote, _may_align, fold_in_place

MESSAGES = [
    "ike authentication credentials are unacceptable",
    "the connection was terminated by the remote computer",
    "a connection to the remote computer could not be established",
    "policy match error",
]


def _variants(rng: random.Random, message: str) -> list[str]:
    """The message quoted, misspelled, cut and buried in other words."""
    texts = []
    for _ in range(60):
        chars = list(message)
        for _ in range(rng.randint(0, 6)):
            position = rng.randrange(len(chars))
            action = rng.choice(("drop", "double", "replace"))
            if action == "drop" and len(chars) > 4:
                del chars[position]
            elif action == "double":
                chars.insert(position, chars[position])
            else:
                chars[position] = rng.choice("abcdefghijklmnopqrstuvwxyz ")
        quoted = "".join(chars)
        if rng.random() < 0.3:
            quoted = quoted[: rng.randint(len(quoted) // 2, len(quoted))]
        before = " ".join(rng.choice(MESSAGES).split()[: rng.randint(0, 5)])
        texts.append(f"{before} {quoted} and then nothing")
    return texts


@pytest.mark.parametrize("cutoff", [90.0, 95.0])
def test_the_bound_never_refuses_a_text_the_alignment_accepts(cutoff: float) -> None:
    rng = random.Random(13801)
    accepted = 0
    for message in MESSAGES:
        for text in _variants(rng, message):
            folded = fold_in_place(text)
            if fuzz.partial_ratio_alignment(message, folded, score_cutoff=cutoff):
                accepted += 1
                assert _may_align(message, folded, cutoff), (message, text)
    assert accepted > 20  # the variants reach the cutoff often enough to test the bound


def test_the_bound_refuses_a_text_that_shares_only_some_words() -> None:
    message = "a connection to the remote computer could not be established"
    folded = fold_in_place(
        "the windows client says the connection was closed by the remote computer"
    )
    assert not _may_align(message, folded, 90.0)


def test_a_word_for_word_quote_is_found_only_as_whole_words() -> None:
    folded = fold_in_place("invalid policyholder, then: Invalid policy.")
    assert _exact_quote("invalid policy", folded) == folded.rindex("invalid policy")
    assert _exact_quote("invalid policy", fold_in_place("invalid policyholder")) is None

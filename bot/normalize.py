"""Text normalisation shared by lookup and detection: Unicode, invisible characters, folding."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

MAX_QUERY_CHARS = 500
MAX_SCAN_CHARS = 100_000

# Zero-width and bidi control characters that survive NFKC and break token matching.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def clean_text(text: str, limit: int) -> str:
    """NFKC-normalise, drop invisible characters and cap the length."""
    text = unicodedata.normalize("NFKC", text[: limit * 2])
    return _INVISIBLE.sub("", text)[:limit]


def fold(text: str) -> str:
    """Case, punctuation and spacing folded away: 'Invalid  header.' -> 'invalid header'."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


# Kana, CJK ideographs, Hangul.
_CJK = "[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def squeeze(text: str) -> str:
    """Only letters and digits, casefolded: spacing and punctuation differ between copies."""
    return squeeze_folded(unicodedata.normalize("NFKC", text).casefold())


def squeeze_folded(folded: str) -> str:
    """`squeeze` of a text already NFKC-normalised and casefolded."""
    return _NOT_LETTER_OR_DIGIT.sub("", folded)


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def first_sentence(text: str) -> str:
    """The text's first sentence (a message's first sentence is often pasted alone)."""
    return next((s for s in _SENTENCE_END.split(text) if s), text)


_NON_ASCII_LETTER = re.compile(r"(?![A-Za-z])[^\W\d_]")


def ascii_letters(text: str) -> bool:
    """Every letter is ASCII (punctuation may not be: "d’authentification")."""
    return text.isascii() or _NON_ASCII_LETTER.search(text) is None


def has_cjk(text: str) -> bool:
    return not text.isascii() and _cjk_search()(text) is not None


@cache
def _cjk_search() -> Callable[[str], re.Match[str] | None]:
    # Compiled on the first text that is not ASCII: the ranges take milliseconds to
    # compile, which a lookup of an ASCII query never needs to spend.
    return re.compile(_CJK).search

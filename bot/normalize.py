"""Text normalisation shared by lookup and detection: Unicode, invisible characters, folding."""

from __future__ import annotations

import re
import unicodedata

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

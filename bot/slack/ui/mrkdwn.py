"""Slack mrkdwn text: escaping anything echoed back, and clipping to a length limit."""

from __future__ import annotations

import re

ELLIPSIS = "…"
# Echoed user text is cut to this length before escaping: an answer quotes, it does not repeat.
ECHO_LIMIT = 200

_BROADCAST = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_LONGEST_ENTITY = len("&amp;")


def escape(text: str) -> str:
    """Text that mrkdwn shows as written: no link, mention or broadcast can be formed from it.

    Slack's control sequences are `<...>` (links, `<@U..>`, `<!here>`, `<!subteam^..>`), so
    `&`, `<` and `>` become entities. A word joiner after `@` keeps `@here` from ever being
    read as a broadcast, whatever the posting options.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@\u2060\\1", text)


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """User text quoted back on one line, shortened and escaped."""
    flat = _WHITESPACE.sub(" ", text).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1] + ELLIPSIS
    return escape(flat)


def clip(text: str, limit: int) -> str:
    """Escaped text cut to at most `limit` characters, never inside an `&...;` entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    amp = cut.rfind("&", len(cut) - _LONGEST_ENTITY)
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + ELLIPSIS


def chunk_lines(text: str, limit: int) -> list[str]:
    """Split text on line boundaries into pieces of at most `limit` characters each."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        line = clip(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces

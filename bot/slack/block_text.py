"""The text a person reads in a message's Block Kit: sections, fields, headers, context, rich text.

Monitoring bots post their alerts as blocks with a short fallback `text`; detection must see
what is on screen, not only the fallback.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

# Nesting deeper than this is no layout Slack renders; it is not followed.
_MAX_DEPTH = 8


def block_texts(blocks: object) -> list[str]:
    """The readable text of each block, in order (empty blocks give nothing)."""
    if not isinstance(blocks, list):
        return []
    found = []
    for block in blocks:
        if isinstance(block, Mapping):
            text = "".join(_text_of(block, 0)).strip()
            if text:
                found.append(text)
    return found


def _text_of(node: Mapping[str, Any], depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    kind = node.get("type")
    if kind in ("plain_text", "mrkdwn", "text") and isinstance(node.get("text"), str):
        yield node["text"]
        return
    if kind == "link":
        label = node.get("text")
        yield label if isinstance(label, str) and label else str(node.get("url") or "")
        return
    for key in ("text", "fields", "elements"):
        yield from _children(node.get(key), depth)
        if key == "fields" and node.get(key):
            yield "\n"
    if kind in ("rich_text_section", "rich_text_preformatted", "rich_text_quote", "context"):
        yield "\n"


def _children(value: object, depth: int) -> Iterator[str]:
    if isinstance(value, Mapping):
        yield from _text_of(value, depth + 1)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                yield from _text_of(item, depth + 1)
                yield " " if item.get("type") in ("plain_text", "mrkdwn") else ""

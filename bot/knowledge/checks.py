"""What a YAML value of each `Kind` must look like: shared by entries, overlays and settings.

A check returns the problems it found as phrases without the field's name ("must be true or
false, got 'maybe'"), so each file type names its fields its own way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from bot.domain import Example, Kind, PeerTerm, Severity, TeamLink
from bot.knowledge.yamlnodes import LineList, LineMap

Check = Callable[[Any], list[str]]


def check_value(kind: Kind, value: Any) -> list[str]:
    """The problems with `value` as a field of this kind (empty when it is fine)."""
    return _CHECKS[kind](value)


def unknown_field_hint(field: str, known: Iterable[str]) -> str:
    """' (did you mean 'causes'?)' for a near miss, else ''."""
    close = difflib.get_close_matches(field, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _code(value: Any) -> list[str]:
    return [] if _is_int(value) else [f"must be an integer, got {value!r}"]


def _number(value: Any) -> list[str]:
    ok = (_is_int(value) or isinstance(value, float)) and value >= 0
    return [] if ok else [f"must be a number, 0 or more, got {value!r}"]


def _text(value: Any) -> list[str]:
    ok = isinstance(value, str) and value.strip()
    return [] if ok else [f"must be non-empty text, got {value!r}"]


def _texts(value: Any) -> list[str]:
    if not isinstance(value, LineList):
        return [f"must be a list of text items, got {value!r}"]
    return [
        f"items must be non-empty text, got {item!r}"
        for item in value
        if not isinstance(item, str) or not item.strip()
    ]


def _codes(value: Any) -> list[str]:
    if isinstance(value, LineList) and all(_is_int(code) for code in value):
        return []
    return [f"must be a list of integer codes, got {value!r}"]


def _severity(value: Any) -> list[str]:
    if value in {level.value for level in Severity}:
        return []
    return [f"must be one of {', '.join(level.value for level in Severity)}, got {value!r}"]


def _flag(value: Any) -> list[str]:
    return [] if isinstance(value, bool) else [f"must be true or false, got {value!r}"]


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value


# Slack refuses a button URL longer than this.
URL_CHARS = 3000


def _peer_terms(value: Any) -> list[str]:
    return _mappings(value, PeerTerm._fields, label="term", url="source")


def _examples(value: Any) -> list[str]:
    return _mappings(value, Example._fields, label="text", url="source")


_MONTH = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")


def _month(value: Any) -> list[str]:
    if isinstance(value, str) and _MONTH.fullmatch(value.strip()):
        return []
    return [f"must be a month as YYYY-MM (quoted if YAML reads it as a date), got {value!r}"]


def _links(value: Any) -> list[str]:
    return _mappings(value, TeamLink._fields, label="title", url="url")


def _mappings(value: Any, fields: tuple[str, ...], *, label: str, url: str) -> list[str]:
    """A list of mappings with exactly `fields`, all non-empty text, `url` an http(s) URL."""
    if not isinstance(value, LineList):
        return [f"must be a list of {{{', '.join(fields)}}} mappings, got {value!r}"]
    problems = []
    for item in value:
        if not isinstance(item, LineMap):
            problems.append(f"items must be mappings of {', '.join(fields)}, got {item!r}")
            continue
        name_of = repr(item.get(label, "?"))
        missing = [name for name in fields if name not in item]
        unknown = [name for name in item if name not in fields]
        if missing:
            problems.append(f"item {name_of} lacks {', '.join(missing)}")
        for name in unknown:
            hint = unknown_field_hint(name, fields)
            problems.append(f"item {name_of} has unknown field '{name}'{hint}")
        for name in fields:
            if name in item and not (isinstance(item[name], str) and item[name].strip()):
                problems.append(f"item {name_of}: '{name}' must be non-empty text")
        address = item.get(url)
        if isinstance(address, str) and not is_web_url(address.strip()):
            problems.append(f"item {name_of}: '{url}' must be an http(s) URL, got {address!r}")
        elif isinstance(address, str) and len(address.strip()) > URL_CHARS:
            problems.append(f"item {name_of}: '{url}' is longer than {URL_CHARS} characters")
    return problems


_CHECKS: dict[Kind, Check] = {
    Kind.CODE: _code,
    Kind.NUMBER: _number,
    Kind.TEXT: _text,
    Kind.TEXTS: _texts,
    Kind.CODES: _codes,
    Kind.SEVERITY: _severity,
    Kind.FLAG: _flag,
    Kind.PEER_TERMS: _peer_terms,
    Kind.LINKS: _links,
    Kind.EXAMPLES: _examples,
    Kind.MONTH: _month,
}

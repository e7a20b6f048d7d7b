"""Localized official messages: `localized/*.yaml`, one mapping per string, checked per line.

Each item is `{code, lang, text, source}`: the message Windows (or Microsoft's translated
docs) shows for a code in one display language, and where that exact text was seen. They are
facts kept apart from the curated entries, so a new language is a new file, never an edit
of the guidance.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.domain import LocalizedMessage
from bot.knowledge.checks import unknown_field_hint
from bot.knowledge.problem import Problem
from bot.knowledge.yamlnodes import LineMap

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}-[A-Z][A-Za-z]{1,3}")


def parse_localized(
    raw: object, file: str, line: int, codes: Collection[int] | None
) -> tuple[LocalizedMessage | None, list[Problem]]:
    """One item of a localized file, or its problems; with `codes`, it must name an entry."""
    if not isinstance(raw, LineMap):
        return None, [Problem(file, line, "a localized message must be a mapping")]
    problems = []
    for field in raw:
        if field not in LocalizedMessage._fields:
            hint = unknown_field_hint(field, LocalizedMessage._fields)
            problems.append(Problem(file, line, f"unknown field '{field}'{hint}"))
    missing = [field for field in LocalizedMessage._fields if field not in raw]
    if missing:
        problems.append(Problem(file, line, f"missing {', '.join(missing)}"))
    code = raw.get("code")
    if "code" in raw and (not isinstance(code, int) or isinstance(code, bool)):
        problems.append(Problem(file, line, f"'code' must be an integer, got {code!r}"))
    elif codes is not None and code is not None and code not in codes:
        problems.append(Problem(file, line, f"code {code} has no entry"))
    for field in ("lang", "text", "source"):
        value = raw.get(field)
        if field in raw and not (isinstance(value, str) and value.strip()):
            problems.append(Problem(file, line, f"'{field}' must be non-empty text"))
    lang = raw.get("lang")
    if isinstance(lang, str) and lang.strip() and not _LANGUAGE_TAG.fullmatch(lang):
        problems.append(Problem(file, line, f"'lang' must be a tag like de-DE, got {lang!r}"))
    if problems:
        return None, problems
    assert isinstance(code, int) and isinstance(lang, str)  # checked above
    return LocalizedMessage(code, lang, " ".join(raw["text"].split()), raw["source"]), []

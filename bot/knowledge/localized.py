"""Localized official messages: `localized/*.yaml`, one mapping per string, checked per line.

Each item is `{code, lang, text, source}`: the message Windows (or Microsoft's translated
docs) shows for a code in one display language, and where that exact text was seen. They are
facts kept apart from the curated entries, so a new language is a new file, never an edit
of the guidance.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from bot.domain import LocalizedMessage
from bot.knowledge.checks import unknown_field_hint
from bot.knowledge.problem import Problem
from bot.knowledge.yamlnodes import LineList, LineMap, read_yaml

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}-[A-Z][A-Za-z]{1,3}")


def read_localized(
    file: Path, codes: Collection[int] | None
) -> tuple[list[LocalizedMessage], list[Problem]]:
    """The file's messages and its problems; with `codes`, each must name a known entry."""
    name = str(file)
    try:
        data, problems = read_yaml(file.read_text(encoding="utf-8"), name)
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(name, 0, f"cannot read file: {error}")]
    if data is None:
        return [], problems
    if not isinstance(data, LineList):
        return [], [*problems, Problem(name, 1, "the top level must be a list of messages")]
    messages = []
    for raw, line in zip(data, data.item_lines, strict=True):
        message, message_problems = _parse(raw, name, line, codes)
        problems.extend(message_problems)
        if message is not None:
            messages.append(message)
    return messages, problems


def _parse(
    raw: object, file: str, line: int, codes: Collection[int] | None
) -> tuple[LocalizedMessage | None, list[Problem]]:
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

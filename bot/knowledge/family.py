"""Code families from `families.yaml`: which numbers the knowledge covers, how they are written."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.domain import CodeRange, Family, Numbering
from bot.knowledge.problem import Problem
from bot.knowledge.yamlnodes import LineList, LineMap

_REQUIRED = ("id", "title", "numbering", "block", "ranges", "name_pattern")
_OPTIONAL = (
    "name_prefixes",
    "short_prefixes",
    "names_in_text",
    "error_words_only",
    "labelled_only",
    "reading",
)
_ID = re.compile(r"[a-z][a-z0-9_]*")
_RANGE = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")

Report = Callable[[str, str], None]


def parse_families(data: Any, file: str) -> tuple[dict[str, Family], list[Problem]]:
    """Every family the file declares, by id, and the problems found."""
    if not isinstance(data, LineList):
        return {}, [Problem(file, 1, "the top level must be a list of families")]
    families: dict[str, Family] = {}
    problems: list[Problem] = []
    for raw, line in zip(data, data.item_lines, strict=True):
        family = _parse_family(raw, file, line, problems)
        if family is None:
            continue
        if family.id in families:
            problems.append(Problem(file, line, f"family '{family.id}' is declared twice"))
        families[family.id] = family
    problems += _overlapping(families, file)
    return families, problems


def _parse_family(raw: Any, file: str, line: int, problems: list[Problem]) -> Family | None:
    if not isinstance(raw, LineMap):
        problems.append(Problem(file, line, "a family must be a mapping of settings"))
        return None
    before = len(problems)

    def report(key: str, message: str) -> None:
        problems.append(Problem(file, raw.key_lines.get(key, raw.line), f"{key}: {message}"))

    for key in raw:
        if key not in _REQUIRED + _OPTIONAL:
            report(key, f"unknown setting (known: {', '.join(_REQUIRED + _OPTIONAL)})")
    for key in _REQUIRED:
        if key not in raw:
            report(key, "missing")
    family_id, title = _text(raw, "id", report), _text(raw, "title", report)
    if family_id and not _ID.fullmatch(family_id):
        report("id", "must be lower-case letters, digits and _")
    numbering = _numbering(raw, report)
    block = _ranges(raw, "block", report)
    ranges = _ranges(raw, "ranges", report)
    if len(block) > 1:
        report("block", "must be one range")
    if block and any(span.first < block[0].first or span.last > block[0].last for span in ranges):
        report("ranges", f"must lie inside the block {block[0]}")
    patterns = {key: _pattern(raw, key, report) for key in ("name_pattern", "names_in_text")}
    prefixes = {key: _texts(raw, key, report) for key in ("name_prefixes", "short_prefixes")}
    error_words_only = _ranges(raw, "error_words_only", report)
    labelled_only = _ranges(raw, "labelled_only", report)
    reading = _text(raw, "reading", report) if "reading" in raw else ""
    if len(problems) > before or numbering is None or not block:
        return None
    return Family(
        id=family_id,
        title=title,
        numbering=numbering,
        block=block[0],
        ranges=ranges,
        name_pattern=patterns["name_pattern"],
        name_prefixes=prefixes["name_prefixes"],
        short_prefixes=prefixes["short_prefixes"],
        names_in_text=patterns["names_in_text"],
        error_words_only=error_words_only,
        labelled_only=labelled_only,
        reading=reading,
    )


def _text(raw: LineMap, key: str, report: Report) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (key in raw and not value.strip()):
        report(key, f"must be non-empty text, got {value!r}")
        return ""
    return value.strip()


def _texts(raw: LineMap, key: str, report: Report) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        report(key, "must be a list of non-empty text items")
        return ()
    return tuple(value)


def _numbering(raw: LineMap, report: Report) -> Numbering | None:
    value = raw.get("numbering")
    if value is None:
        return None  # reported as missing
    try:
        return Numbering(str(value))
    except ValueError:
        report("numbering", f"must be one of {', '.join(n.value for n in Numbering)}")
        return None


def _pattern(raw: LineMap, key: str, report: Report) -> str:
    value = _text(raw, key, report)
    try:
        re.compile(value)
    except re.error as error:
        report(key, f"is not a valid regular expression: {error}")
    return value


def _ranges(raw: LineMap, key: str, report: Report) -> tuple[CodeRange, ...]:
    """'13000-13025' or 13800, alone or in a list."""
    value = raw.get(key, [])
    items = value if isinstance(value, list) else [value]
    spans = []
    for item in items:
        found = _RANGE.fullmatch(str(item)) if isinstance(item, str | int) else None
        if found is None or isinstance(item, bool):
            report(key, f"{item!r} is not a code or a range like 13000-13025")
            continue
        first = int(found.group(1))
        last = int(found.group(2) or first)
        if last < first:
            report(key, f"{item!r} ends before it starts")
            continue
        spans.append(CodeRange(first, last))
    return tuple(sorted(spans))


def _overlapping(families: dict[str, Family], file: str) -> list[Problem]:
    problems = []
    ordered = sorted(families.values(), key=lambda f: f.block)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.block.first <= before.block.last:
            message = f"the blocks of '{before.id}' and '{after.id}' overlap"
            problems.append(Problem(file, 1, message))
    return problems

"""Reading one knowledge file: a list of entries, or the family declarations."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.domain import ErrorEntry, Family
from bot.knowledge.family import parse_families
from bot.knowledge.problem import Problem
from bot.knowledge.schema import parse_entry
from bot.knowledge.yamlnodes import LineList, read_yaml


def read_entries(
    file: Path, families: Mapping[str, Family] | None
) -> tuple[list[ErrorEntry] | None, list[Problem]]:
    """The file's usable entries (None when the file cannot be read at all) and its problems.

    Without `families` (they could not be read) entries are checked on their own.
    """
    name = str(file)
    data, problems = _read(file)
    if data is None:
        return None, problems or [Problem(name, 1, "the file is empty; expected a list of entries")]
    if not isinstance(data, LineList):
        return None, [*problems, Problem(name, 1, "the top level must be a list of entries")]
    entries = []
    for raw, line in zip(data, data.item_lines, strict=True):
        entry, entry_problems = parse_entry(raw, name, line, families)
        problems.extend(entry_problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def read_families(file: Path) -> tuple[dict[str, Family], list[Problem]]:
    data, problems = _read(file)
    if data is None:
        return {}, problems or [Problem(str(file), 1, "the file is empty; expected families")]
    families, family_problems = parse_families(data, str(file))
    return families, [*problems, *family_problems]


def _read(file: Path) -> tuple[object, list[Problem]]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(str(file), 0, f"cannot read file: {error}")]
    return read_yaml(text, str(file))

"""Reading one knowledge file: a list of entries or localized messages, or the families."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TypeVar

from bot.domain import ErrorEntry, Family, LocalizedMessage
from bot.knowledge.family import parse_families
from bot.knowledge.localized import parse_localized
from bot.knowledge.problem import Problem
from bot.knowledge.schema import parse_entry
from bot.knowledge.yamlnodes import LineList, read_yaml

T = TypeVar("T")


def read_entries(
    file: Path, families: Mapping[str, Family] | None
) -> tuple[list[ErrorEntry] | None, list[Problem]]:
    """The file's usable entries (None when the file cannot be read at all) and its problems.

    Without `families` (they could not be read) entries are checked on their own.
    """
    return read_list(
        file, "entries", lambda raw, name, line: parse_entry(raw, name, line, families)
    )


def read_localized(
    file: Path, codes: Collection[int] | None
) -> tuple[list[LocalizedMessage], list[Problem]]:
    """The file's localized messages and its problems; with `codes`, each must name an entry."""
    messages, problems = read_list(
        file, "messages", lambda raw, name, line: parse_localized(raw, name, line, codes)
    )
    return messages or [], problems


def read_list(
    file: Path, what: str, parse: Callable[[object, str, int], tuple[T | None, list[Problem]]]
) -> tuple[list[T] | None, list[Problem]]:
    """Each item of a file's top-level list, parsed; None when the file cannot be read at all."""
    name = str(file)
    data, problems = _read(file)
    if data is None:
        return None, problems or [Problem(name, 1, f"the file is empty; expected a list of {what}")]
    if not isinstance(data, LineList):
        return None, [*problems, Problem(name, 1, f"the top level must be a list of {what}")]
    items = []
    for raw, line in zip(data, data.item_lines, strict=True):
        item, item_problems = parse(raw, name, line)
        problems.extend(item_problems)
        if item is not None:
            items.append(item)
    return items, problems


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

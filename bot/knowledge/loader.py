"""Loading the YAML knowledge base: files, families, entries and checks, cached when valid."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from bot.domain import ErrorEntry, Family, LocalizedMessage
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.problem import KnowledgeError, Problem

LOCALIZED_FOLDER = "localized"

YAML_SUFFIXES = (".yaml", ".yml")
# The code families a folder declares; every other YAML file holds entries.
FAMILIES_FILE = "families.yaml"


class CheckedKnowledge(NamedTuple):
    """What reading the files gave: usable entries, families, messages, and every problem."""

    entries: list[ErrorEntry]
    families: dict[str, Family]
    localized: list[LocalizedMessage]
    problems: list[Problem]


def default_knowledge_path() -> Path:
    """The knowledge shipped in the wheel, or the source tree's `knowledge/` when run from it."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_knowledge"
    return packaged if packaged.is_dir() else package.parent / "knowledge"


def knowledge_files(path: Path) -> list[Path]:
    """The entry files under `path` (a folder or a single file), in a stable order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise KnowledgeError([Problem(str(path), 0, "no such knowledge file or folder")])
    localized = path / LOCALIZED_FOLDER
    files = [
        p
        for p in yaml_files_under(path)
        if p != path / FAMILIES_FILE and localized not in p.parents
    ]
    if not files:
        raise KnowledgeError([Problem(str(path), 0, "no .yaml files in this folder")])
    return files


def yaml_files_under(folder: Path) -> list[Path]:
    """The .yaml/.yml files under `folder`, sorted, leaving out hidden files and folders: a
    Kubernetes ConfigMap volume keeps a second copy of every file under `..data/`."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in YAML_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def localized_files(path: Path) -> list[Path]:
    """The localized message files of a knowledge folder (none for a single file)."""
    folder = path / LOCALIZED_FOLDER
    if not folder.is_dir():
        return []
    return yaml_files_under(folder)


def families_file(path: Path) -> Path:
    """The folder's own families.yaml, else the one shipped with ikeerr."""
    own = path / FAMILIES_FILE
    return own if path.is_dir() and own.is_file() else default_knowledge_path() / FAMILIES_FILE


def read_knowledge(path: Path) -> CheckedKnowledge:
    """Read and check every file; cross-entry checks run once every file could be parsed."""
    from bot.knowledge.consistency import check_consistency
    from bot.knowledge.files import read_entries, read_families, read_localized

    families, problems = read_families(families_file(path))
    entries: list[ErrorEntry] = []
    # With the families in doubt, checking entries against them would only echo the doubt.
    trusted = None if problems else families
    unreadable = False
    for file in knowledge_files(path):
        file_entries, file_problems = read_entries(file, trusted)
        unreadable = unreadable or file_entries is None
        entries.extend(file_entries or ())
        problems.extend(file_problems)
    if not unreadable:
        # With a file unreadable, cross-entry checks would only echo its missing entries.
        problems.extend(check_consistency(entries))
    codes = None if unreadable else {entry.code for entry in entries}
    localized: list[LocalizedMessage] = []
    for file in localized_files(path):
        file_messages, file_problems = read_localized(file, codes)
        localized.extend(file_messages)
        problems.extend(file_problems)
    return CheckedKnowledge(entries, families, localized, problems)


def check_knowledge(
    path: Path, overlay: Path | None = None
) -> tuple[list[ErrorEntry], list[Problem]]:
    """The usable entries under `path` and all problems found (what `ikeerr validate` shows),
    with the problems of the overlay at `overlay`, checked against those entries."""
    checked = read_knowledge(path)
    if overlay is None:
        return checked.entries, checked.problems
    from bot.knowledge.overlay import read_overlay

    kb = KnowledgeBase(checked.entries, checked.families)
    try:
        overlay_problems = read_overlay(overlay, kb)[1]
    except KnowledgeError as error:
        overlay_problems = list(error.problems)
    return checked.entries, [*checked.problems, *overlay_problems]


def load_knowledge(
    path: Path | None = None, cache_dir: Path | None = None, overlay: Path | None = None
) -> KnowledgeBase:
    """Load the knowledge base; raise KnowledgeError listing every problem if any.

    With `cache_dir`, a knowledge base identical to one that already passed validation (same
    files, same validating code) is read from the cache instead of being parsed again. With
    `overlay`, a team's overlay is checked against it and applied, all or nothing.
    """
    kb = _load_shipped(path or default_knowledge_path(), cache_dir)
    if overlay is None:
        return kb
    from bot.knowledge.overlay import load_overlay

    return load_overlay(kb, overlay)


def _load_shipped(path: Path, cache_dir: Path | None) -> KnowledgeBase:
    if cache_dir is None:
        return _validated(read_knowledge(path))
    from bot.knowledge import cache

    key = cache.cache_key(_source_files(path))
    cached = cache.read_cached(cache_dir, key)
    if cached is not None:

        def localized() -> list[LocalizedMessage]:
            found = cache.read_cached_localized(cache_dir, key)
            return found if found is not None else _read_localized(path)

        return KnowledgeBase(*cached, localized, cache=(cache_dir, key))
    checked = read_knowledge(path)
    kb = _validated(checked, cache=(cache_dir, key))
    cache.write_cached(cache_dir, key, checked.entries, checked.families, checked.localized)
    return kb


def _read_localized(path: Path) -> list[LocalizedMessage]:
    """The localized messages of knowledge that already passed validation."""
    from bot.knowledge.files import read_localized

    return [m for file in localized_files(path) for m in read_localized(file, None)[0]]


def _source_files(path: Path) -> Sequence[Path]:
    return [families_file(path), *knowledge_files(path), *localized_files(path)]


def _validated(checked: CheckedKnowledge, cache: tuple[Path, str] | None = None) -> KnowledgeBase:
    if checked.problems:
        raise KnowledgeError(checked.problems)
    return KnowledgeBase(checked.entries, checked.families, checked.localized, cache=cache)

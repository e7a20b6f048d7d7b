"""Loading the YAML knowledge base: files, entries, checks, and the indexed KnowledgeBase."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.domain import ErrorEntry
from bot.knowledge.problem import KnowledgeError, Problem

YAML_SUFFIXES = (".yaml", ".yml")


class KnowledgeBase:
    """The loaded entries, by code and by name."""

    def __init__(self, entries: Iterable[ErrorEntry]) -> None:
        self.entries: tuple[ErrorEntry, ...] = tuple(sorted(entries, key=lambda e: e.code))
        self.by_code: dict[int, ErrorEntry] = {entry.code: entry for entry in self.entries}
        self.by_name: dict[str, ErrorEntry] = {entry.name: entry for entry in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ErrorEntry]:
        return iter(self.entries)

    def get(self, code: int) -> ErrorEntry | None:
        return self.by_code.get(code)


def default_knowledge_path() -> Path:
    """The knowledge shipped in the wheel, or the source tree's `knowledge/` when run from it."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_knowledge"
    return packaged if packaged.is_dir() else package.parent / "knowledge"


def knowledge_files(path: Path) -> list[Path]:
    """The YAML files under `path` (a folder or a single file), in a stable order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise KnowledgeError([Problem(str(path), 0, "no such knowledge file or folder")])
    files = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
    if not files:
        raise KnowledgeError([Problem(str(path), 0, "no .yaml files in this folder")])
    return files


def check_knowledge(path: Path) -> tuple[list[ErrorEntry], list[Problem]]:
    """Read and check every file; return the usable entries and all problems found."""
    from bot.knowledge.consistency import check_consistency

    entries: list[ErrorEntry] = []
    problems: list[Problem] = []
    unreadable = False
    for file in knowledge_files(path):
        file_entries, file_problems = _read_file(file)
        unreadable = unreadable or file_entries is None
        entries.extend(file_entries or ())
        problems.extend(file_problems)
    if not unreadable:
        # With a file unreadable, cross-entry checks would only echo its missing entries.
        problems.extend(check_consistency(entries))
    return entries, problems


def load_knowledge(path: Path | None = None, cache_dir: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base; raise KnowledgeError listing every problem if any.

    With `cache_dir`, a knowledge base identical to one that already passed validation is
    read from the cache instead of being parsed and checked again.
    """
    path = path or default_knowledge_path()
    if cache_dir is None:
        entries, problems = check_knowledge(path)
    else:
        from bot.knowledge import cache as knowledge_cache

        files = knowledge_files(path)
        key = knowledge_cache.cache_key(files)
        cached = knowledge_cache.read_cached(cache_dir, key)
        if cached is not None:
            return KnowledgeBase(cached)
        entries, problems = check_knowledge(path)
        if not problems:
            knowledge_cache.write_cached(cache_dir, key, entries)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(entries)


def _read_file(file: Path) -> tuple[list[ErrorEntry] | None, list[Problem]]:
    """The file's usable entries (None when the file cannot be read at all) and its problems."""
    # Imported here so that a cached knowledge base never loads the YAML machinery.
    from bot.knowledge.schema import parse_entry
    from bot.knowledge.yamlnodes import LineList, read_yaml

    name = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, 0, f"cannot read file: {error}")]
    data, problems = read_yaml(text, name)
    if data is None:
        return None, problems or [Problem(name, 1, "the file is empty; expected a list of entries")]
    if not isinstance(data, LineList):
        return None, [*problems, Problem(name, 1, "the top level must be a list of entries")]
    entries = []
    for raw, line in zip(data, data.item_lines, strict=True):
        entry, entry_problems = parse_entry(raw, name, line)
        problems.extend(entry_problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems

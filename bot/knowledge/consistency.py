"""Checks across entries: unique codes and names, real related codes, no boilerplate."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from bot.domain import ErrorEntry, Severity
from bot.knowledge.problem import Problem
from bot.normalize import fold

# An item shared by more entries than this is boilerplate, not guidance for a specific code.
MAX_ENTRIES_PER_ITEM = 3


def check_consistency(entries: Sequence[ErrorEntry]) -> list[Problem]:
    """Return the problems that only show when the entries are seen together."""
    return [
        *_duplicates(entries, lambda entry: str(entry.code), "code"),
        *_duplicates(entries, lambda entry: entry.name, "name"),
        *_related(entries),
        *_aliases_naming_other_codes(entries),
        *_repeated_items(entries),
        *_brief_but_severe(entries),
    ]


def _brief_but_severe(entries: Sequence[ErrorEntry]) -> list[Problem]:
    """A code explained in one line is no emergency: its severity is low or info."""
    return [
        Problem(*_where(e), f"{e.code} is brief (no guidance) but its severity is {e.severity}")
        for e in entries
        if e.brief and e.severity not in (Severity.LOW, Severity.INFO)
    ]


def _where(entry: ErrorEntry) -> tuple[str, int]:
    file, _, line = entry.source.rpartition(":")
    return file, int(line)


def _duplicates(
    entries: Sequence[ErrorEntry], key: Callable[[ErrorEntry], str], what: str
) -> list[Problem]:
    first: dict[str, ErrorEntry] = {}
    problems = []
    for entry in entries:
        value = key(entry)
        if value in first:
            problems.append(
                Problem(*_where(entry), f"duplicate {what} {value} (also at {first[value].source})")
            )
        else:
            first[value] = entry
    return problems


def _related(entries: Sequence[ErrorEntry]) -> list[Problem]:
    codes = {entry.code for entry in entries}
    problems = []
    for entry in entries:
        for code in entry.related:
            if code == entry.code:
                problems.append(Problem(*_where(entry), f"{entry.code} lists itself as related"))
            elif code not in codes:
                problems.append(
                    Problem(*_where(entry), f"{entry.code}: related code {code} does not exist")
                )
    return problems


def _aliases_naming_other_codes(entries: Sequence[ErrorEntry]) -> list[Problem]:
    names = {fold(entry.name): entry for entry in entries}
    messages = {fold(entry.message): entry for entry in entries}
    problems = []
    for entry in entries:
        for alias in entry.aliases:
            key = fold(alias)
            quoted = messages.get(key)
            if quoted is not None and quoted is not entry:
                message = f"{entry.code}: alias '{alias}' is the official message of {quoted.code}"
                problems.append(Problem(*_where(entry), message))
            named = names.get(key)
            if named is not None and named is not entry:
                message = f"{entry.code}: alias '{alias}' is the name of {named.code}"
                problems.append(Problem(*_where(entry), message))
    return problems


def _repeated_items(entries: Sequence[ErrorEntry]) -> list[Problem]:
    users: dict[str, list[ErrorEntry]] = defaultdict(list)
    for entry in entries:
        for item in {fold(item) for item in (*entry.causes, *entry.diagnose, *entry.resolve)}:
            users[item].append(entry)
    problems = []
    for item, sharing in users.items():
        if len(sharing) > MAX_ENTRIES_PER_ITEM:
            codes = ", ".join(str(entry.code) for entry in sharing)
            message = (
                f"the same guidance item appears in {len(sharing)} entries ({codes}); "
                f"write it for each code: '{item[:70]}'"
            )
            problems.append(Problem(*_where(sharing[-1]), message))
    return problems

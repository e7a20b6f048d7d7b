"""How fresh the guidance is: depth entries say when they were last checked against their sources,
and `ikeerr validate` warns (never fails) when that is over a year ago or never."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.domain import ErrorEntry
from bot.knowledge.problem import Problem

# A depth entry is a playbook: at least this many causes, diagnosis steps and fixes.
DEPTH_ITEMS = 5
STALE_MONTHS = 12


def is_depth(entry: ErrorEntry) -> bool:
    return min(len(entry.causes), len(entry.diagnose), len(entry.resolve)) >= DEPTH_ITEMS


def review_warnings(entries: Iterable[ErrorEntry], today: date) -> list[Problem]:
    """A warning for each depth entry never reviewed, or last reviewed over a year ago."""
    warnings = []
    for entry in entries:
        if not is_depth(entry):
            continue
        file, _, line = entry.source.rpartition(":")
        where = (file, int(line) if line.isdigit() else 0)
        if not entry.reviewed:
            message = f"warning: {entry.code} is a depth entry with no 'reviewed' date"
            warnings.append(Problem(*where, message))
            continue
        year, month = (int(part) for part in entry.reviewed.split("-"))
        age = (today.year - year) * 12 + today.month - month
        if age > STALE_MONTHS:
            message = (
                f"warning: {entry.code} was last reviewed {entry.reviewed}, {age} months ago: "
                "check its guidance against its sources and update 'reviewed'"
            )
            warnings.append(Problem(*where, message))
    return warnings

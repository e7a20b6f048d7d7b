"""The YAML fields of an entry, read from `ErrorEntry`'s declaration, and their plain forms.

Kept apart from the checks so that the cache and JSON output never load the YAML machinery.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, NamedTuple

from bot.domain import ErrorEntry, Example, Family, Kind, Need, PeerTerm, Severity


class FieldSpec(NamedTuple):
    name: str
    kind: Kind
    need: Need


@cache
def entry_fields() -> tuple[FieldSpec, ...]:
    """The fields an entry may have in YAML, in the dataclass's order."""
    return tuple(
        FieldSpec(f.name, f.metadata["kind"], f.metadata["need"])
        for f in dataclasses.fields(ErrorEntry)
        if "kind" in f.metadata
    )


def to_plain(entry: ErrorEntry) -> dict[str, Any]:
    """The YAML fields of an entry as JSON-ready values (lists, strings), in schema order."""
    plain: dict[str, Any] = {}
    for spec in entry_fields():
        value = getattr(entry, spec.name)
        match spec.kind:
            case Kind.TEXTS | Kind.CODES:
                plain[spec.name] = list(value)
            case Kind.SEVERITY:
                plain[spec.name] = value.value if value is not None else None
            case Kind.PEER_TERMS | Kind.EXAMPLES:
                plain[spec.name] = [item._asdict() for item in value]
            case _:
                plain[spec.name] = value
    return plain


def from_plain(
    plain: Mapping[str, Any], family: str, source: str, spec: Family | None = None
) -> ErrorEntry:
    """The inverse of `to_plain`, for data that already passed validation (the cache)."""
    values = {name: revive(plain[name]) for name, revive in _revivers()}
    values.update((name, plain[name]) for name in _kept_as_is())
    return ErrorEntry(**values, family=family, source=source, family_spec=spec)


def _severity_of(value: str | None) -> Severity | None:
    return Severity(value) if value is not None else None


def _peer_terms_of(value: list[dict[str, str]]) -> tuple[PeerTerm, ...]:
    return tuple(PeerTerm(**term) for term in value)


def _examples_of(value: list[dict[str, str]]) -> tuple[Example, ...]:
    return tuple(Example(**example) for example in value)


@cache
def _revivers() -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field whose plain form differs, and how to turn it back (read on every cold start,
    so decided once per field rather than per entry)."""
    revive: dict[Kind, Callable[[Any], Any]] = {
        Kind.TEXTS: tuple,
        Kind.CODES: tuple,
        Kind.SEVERITY: _severity_of,
        Kind.PEER_TERMS: _peer_terms_of,
        Kind.EXAMPLES: _examples_of,
    }
    return tuple((s.name, revive[s.kind]) for s in entry_fields() if s.kind in revive)


@cache
def _kept_as_is() -> tuple[str, ...]:
    revived = {name for name, _ in _revivers()}
    return tuple(s.name for s in entry_fields() if s.name not in revived)

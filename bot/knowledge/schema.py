"""The entry schema, read from `ErrorEntry`'s fields: one YAML mapping to an entry or problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.domain import (
    ErrorEntry,
    Example,
    Family,
    Kind,
    Need,
    PeerTerm,
    Severity,
    family_owning,
)
from bot.knowledge.checks import check_value, unknown_field_hint
from bot.knowledge.fields import FieldSpec, entry_fields
from bot.knowledge.problem import Problem
from bot.knowledge.yamlnodes import LineMap

# Reports one problem with a field: (field, message).
Report = Callable[[str, str], None]


def parse_entry(
    raw: Any, file: str, line: int, families: Mapping[str, Family] | None = None
) -> tuple[ErrorEntry | None, list[Problem]]:
    """Check one raw entry; return the entry (None when unusable) and every problem found.

    With `families`, the code must belong to one of them and the name follow its pattern.
    """
    if not isinstance(raw, LineMap):
        return None, [Problem(file, line, "an entry must be a mapping of fields")]
    problems: list[Problem] = []

    def report(field: str, message: str) -> None:
        problems.append(Problem(file, raw.key_lines.get(field, raw.line), message))

    specs = {spec.name: spec for spec in entry_fields()}
    for name in raw:
        if name not in specs:
            report(name, f"unknown field '{name}'{unknown_field_hint(name, specs)}")
    for spec in specs.values():
        if spec.need is Need.FACT and spec.name not in raw:
            report(spec.name, f"missing required field '{spec.name}'")
    _check_guidance_present(raw, report)
    for name, value in raw.items():
        if name in specs:
            for message in check_value(specs[name].kind, value):
                report(name, f"'{name}' {message}")
    family = _family_of(raw, families, report) if families is not None else None
    if problems:
        return None, problems
    return _build_entry(raw, file, family), []


def _family_of(raw: LineMap, families: Mapping[str, Family], report: Report) -> Family | None:
    code, name = raw.get("code"), raw.get("name")
    if not isinstance(code, int) or isinstance(code, bool):
        return None
    family = family_owning(families.values(), code)
    if family is None:
        blocks = "; ".join(f"the {f.title} block {f.block}" for f in families.values())
        report("code", f"code {code} is outside {blocks or 'every declared family'}")
        return None
    if not family.defines(code):
        report(
            "code", f"Windows defines no {family.title} code {code} ({family.describe_ranges()})"
        )
    if isinstance(name, str) and not re.fullmatch(family.name_pattern, name):
        report(
            "name", f"name {name!r} does not match the {family.title} names {family.name_pattern}"
        )
    return family


def _check_guidance_present(raw: LineMap, report: Report) -> None:
    brief = raw.get("range_marker") is True or raw.get("brief") is True
    needed = (Need.MARKER,) if brief else (Need.MARKER, Need.GUIDANCE)
    missing = [s.name for s in entry_fields() if s.need in needed and s.name not in raw]
    if missing:
        report("code", f"entry {raw.get('code')} lacks guidance: missing {', '.join(missing)}")


def _build_entry(raw: LineMap, file: str, family: Family | None) -> ErrorEntry:
    values = {
        spec.name: _convert(spec, raw[spec.name]) for spec in entry_fields() if spec.name in raw
    }
    return ErrorEntry(
        **values,
        family=family.id if family else "",
        source=f"{file}:{raw.line}",
        family_spec=family,
    )


def _convert(spec: FieldSpec, value: Any) -> Any:
    """A checked YAML value as the entry holds it: spacing folded, lists as tuples."""
    match spec.kind:
        case Kind.TEXT if spec.need is Need.FACT:
            return value  # official facts stay exactly as Windows writes them
        case Kind.TEXT:
            return " ".join(str(value).split())
        case Kind.TEXTS:
            return tuple(" ".join(item.split()) for item in value)
        case Kind.CODES:
            return tuple(value)
        case Kind.SEVERITY:
            return Severity(value)
        case Kind.PEER_TERMS:
            return tuple(
                PeerTerm(**{name: " ".join(item[name].split()) for name in PeerTerm._fields})
                for item in value
            )
        case Kind.EXAMPLES:
            return tuple(
                Example(**{name: " ".join(item[name].split()) for name in Example._fields})
                for item in value
            )
        case Kind.MONTH:
            return value.strip()
        case Kind.CODE | Kind.NUMBER | Kind.FLAG | Kind.LINKS:
            return value

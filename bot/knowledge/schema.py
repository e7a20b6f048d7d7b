"""The entry schema, read from `ErrorEntry`'s fields: one YAML mapping to an entry or problems."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.domain import ErrorEntry, Family, Kind, Need, Severity
from bot.knowledge.fields import FieldSpec, entry_fields
from bot.knowledge.problem import Problem
from bot.knowledge.yamlnodes import LineList, LineMap

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
            report(name, _unknown_field_message(name, list(specs)))
    for spec in specs.values():
        if spec.need is Need.FACT and spec.name not in raw:
            report(spec.name, f"missing required field '{spec.name}'")
    _check_guidance_present(raw, report)
    for name, value in raw.items():
        if name in specs:
            _CHECKS[specs[name].kind](name, value, report)
    family = _family_of(raw, families, report) if families is not None else None
    if problems:
        return None, problems
    return _build_entry(raw, file, family), []


def _family_of(raw: LineMap, families: Mapping[str, Family], report: Report) -> Family | None:
    code, name = raw.get("code"), raw.get("name")
    if not isinstance(code, int) or isinstance(code, bool):
        return None
    family = next((f for f in families.values() if code in f.block), None)
    if family is None:
        blocks = "; ".join(f"the {f.title} block {f.block}" for f in families.values())
        report("code", f"code {code} is outside {blocks or 'every declared family'}")
        return None
    if isinstance(name, str) and not re.fullmatch(family.name_pattern, name):
        report(
            "name", f"name {name!r} does not match the {family.title} names {family.name_pattern}"
        )
    return family


def _check_guidance_present(raw: LineMap, report: Report) -> None:
    needed = (Need.MARKER,) if raw.get("range_marker") is True else (Need.MARKER, Need.GUIDANCE)
    missing = [s.name for s in entry_fields() if s.need in needed and s.name not in raw]
    if missing:
        report("code", f"entry {raw.get('code')} lacks guidance: missing {', '.join(missing)}")


def _unknown_field_message(field: str, known: list[str]) -> str:
    close = difflib.get_close_matches(field, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field '{field}'{hint}"


def _check_code(field: str, value: Any, report: Report) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        report(field, f"'{field}' must be an integer, got {value!r}")


def _check_text(field: str, value: Any, report: Report) -> None:
    if not isinstance(value, str) or not value.strip():
        report(field, f"'{field}' must be non-empty text, got {value!r}")


def _check_severity(field: str, value: Any, report: Report) -> None:
    allowed = ", ".join(level.value for level in Severity)
    if value not in {level.value for level in Severity}:
        report(field, f"'{field}' must be one of {allowed}, got {value!r}")


def _check_texts(field: str, value: Any, report: Report) -> None:
    if not isinstance(value, LineList):
        report(field, f"'{field}' must be a list of text items, got {value!r}")
        return
    for item in value:
        if not isinstance(item, str) or not item.strip():
            report(field, f"'{field}' items must be non-empty text, got {item!r}")


def _check_codes(field: str, value: Any, report: Report) -> None:
    if not isinstance(value, LineList) or not all(
        isinstance(code, int) and not isinstance(code, bool) for code in value
    ):
        report(field, f"'{field}' must be a list of integer codes, got {value!r}")


def _check_flag(field: str, value: Any, report: Report) -> None:
    if not isinstance(value, bool):
        report(field, f"'{field}' must be true or false, got {value!r}")


_CHECKS: dict[Kind, Callable[[str, Any, Report], None]] = {
    Kind.CODE: _check_code,
    Kind.TEXT: _check_text,
    Kind.TEXTS: _check_texts,
    Kind.CODES: _check_codes,
    Kind.SEVERITY: _check_severity,
    Kind.FLAG: _check_flag,
}


def _build_entry(raw: LineMap, file: str, family: Family | None) -> ErrorEntry:
    values = {
        spec.name: _convert(spec, raw[spec.name]) for spec in entry_fields() if spec.name in raw
    }
    return ErrorEntry(**values, family=family.id if family else "", source=f"{file}:{raw.line}")


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
        case Kind.CODE | Kind.FLAG:
            return value

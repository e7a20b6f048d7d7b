"""The knowledge entry schema: turns one YAML mapping into an ErrorEntry or located problems."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from bot.domain import ErrorEntry, Severity
from bot.knowledge.problem import Problem
from bot.knowledge.yamlnodes import LineList, LineMap
from bot.numeric import IPSEC_BLOCK

FACT_FIELDS = ("code", "name", "message")
GUIDANCE_FIELDS = (
    "summary",
    "severity",
    "severity_reason",
    "causes",
    "diagnose",
    "resolve",
    "related",
    "aliases",
)
# Range markers only delimit a block of codes in winerror.h; they carry no causes or fixes.
MARKER_GUIDANCE_FIELDS = ("summary", "severity", "severity_reason")
OPTIONAL_FIELDS = ("component", "references", "notes", "range_marker")
KNOWN_FIELDS = FACT_FIELDS + GUIDANCE_FIELDS + OPTIONAL_FIELDS
LIST_OF_TEXT = ("causes", "diagnose", "resolve", "aliases", "references")
TEXT = ("name", "message", "summary", "severity_reason", "component", "notes")

_NAME = re.compile(r"(?:ERROR|WARNING)_IPSEC_[A-Z0-9_]+")


def parse_entry(raw: Any, file: str, line: int) -> tuple[ErrorEntry | None, list[Problem]]:
    """Check one raw entry; return the entry (None when unusable) and every problem found."""
    if not isinstance(raw, LineMap):
        return None, [Problem(file, line, "an entry must be a mapping of fields")]
    problems: list[Problem] = []

    def report(field: str, message: str) -> None:
        problems.append(Problem(file, raw.key_lines.get(field, raw.line), message))

    for field in raw:
        if field not in KNOWN_FIELDS:
            report(field, _unknown_field_message(field))
    for field in FACT_FIELDS:
        if field not in raw:
            report(field, f"missing required field '{field}'")
    _check_guidance_present(raw, report)
    for field, value in raw.items():
        if field in _CHECKS:
            _CHECKS[field](field, value, report)
    if problems:
        return None, problems
    return _build_entry(raw, file), []


def _check_guidance_present(raw: LineMap, report: Callable[[str, str], None]) -> None:
    required = MARKER_GUIDANCE_FIELDS if raw.get("range_marker") is True else GUIDANCE_FIELDS
    missing = [field for field in required if field not in raw]
    if missing:
        report("code", f"entry {raw.get('code')} lacks guidance: missing {', '.join(missing)}")


def _unknown_field_message(field: str) -> str:
    close = difflib.get_close_matches(field, KNOWN_FIELDS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field '{field}'{hint}"


def _check_code(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        report(field, f"'code' must be an integer, got {value!r}")
    elif value not in IPSEC_BLOCK:
        report(field, f"code {value} is outside the IPsec block 13000-13999")


def _check_name(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    _check_text(field, value, report)
    if isinstance(value, str) and not _NAME.fullmatch(value):
        report(field, f"name {value!r} is not an ERROR_IPSEC_/WARNING_IPSEC_ symbol")


def _check_text(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    if not isinstance(value, str) or not value.strip():
        report(field, f"'{field}' must be non-empty text, got {value!r}")


def _check_severity(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    allowed = ", ".join(level.value for level in Severity)
    if value not in {level.value for level in Severity}:
        report(field, f"'severity' must be one of {allowed}, got {value!r}")


def _check_text_list(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    if not isinstance(value, LineList):
        report(field, f"'{field}' must be a list of text items, got {value!r}")
        return
    for item in value:
        if not isinstance(item, str) or not item.strip():
            report(field, f"'{field}' items must be non-empty text, got {item!r}")


def _check_related(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    if not isinstance(value, LineList) or not all(
        isinstance(code, int) and not isinstance(code, bool) for code in value
    ):
        report(field, f"'related' must be a list of integer codes, got {value!r}")


def _check_flag(field: str, value: Any, report: Callable[[str, str], None]) -> None:
    if not isinstance(value, bool):
        report(field, f"'{field}' must be true or false, got {value!r}")


_CHECKS: dict[str, Callable[[str, Any, Callable[[str, str], None]], None]] = {
    "code": _check_code,
    "name": _check_name,
    "severity": _check_severity,
    "related": _check_related,
    "range_marker": _check_flag,
    **{field: _check_text for field in TEXT if field != "name"},
    **{field: _check_text_list for field in LIST_OF_TEXT},
}


def _build_entry(raw: LineMap, file: str) -> ErrorEntry:
    def text(field: str) -> str:
        return " ".join(str(raw.get(field, "")).split())

    def items(field: str) -> tuple[str, ...]:
        return tuple(" ".join(item.split()) for item in raw.get(field, ()))

    severity = raw.get("severity")
    return ErrorEntry(
        code=raw["code"],
        name=raw["name"],
        message=raw["message"],
        summary=text("summary"),
        severity=Severity(severity) if severity else None,
        severity_reason=text("severity_reason"),
        causes=items("causes"),
        diagnose=items("diagnose"),
        resolve=items("resolve"),
        related=tuple(raw.get("related", ())),
        aliases=items("aliases"),
        component=text("component"),
        references=items("references"),
        notes=text("notes"),
        range_marker=raw.get("range_marker", False),
        source=f"{file}:{raw.line}",
    )

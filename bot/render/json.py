"""Lookup results and entries as JSON-ready data (the CLI's --json contract)."""

from __future__ import annotations

from typing import Any

from bot.domain import ErrorEntry, LookupResult


def result_to_json(result: LookupResult) -> dict[str, Any]:
    """{"query", "matches": [{"code", "name", "score", "via"}]}, plus outcome and note."""
    return {
        "query": result.query,
        "matches": [
            {
                "code": match.entry.code,
                "name": match.entry.name,
                "score": match.score,
                "via": match.via.value,
            }
            for match in result.matches
        ],
        "outcome": result.outcome.value,
        "note": result.note,
    }


def entry_to_json(entry: ErrorEntry) -> dict[str, Any]:
    """Every field of an entry, plus its derived hex and HRESULT forms."""
    return {
        "code": entry.code,
        "name": entry.name,
        "message": entry.message,
        "hex": entry.hex,
        "hresult": entry.hresult,
        "summary": entry.summary,
        "severity": entry.severity.value if entry.severity else None,
        "severity_reason": entry.severity_reason,
        "causes": list(entry.causes),
        "diagnose": list(entry.diagnose),
        "resolve": list(entry.resolve),
        "related": list(entry.related),
        "aliases": list(entry.aliases),
        "component": entry.component,
        "references": list(entry.references),
        "notes": entry.notes,
        "range_marker": entry.range_marker,
    }

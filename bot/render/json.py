"""Results and entries as JSON-ready data (the CLI's --json contract)."""

from __future__ import annotations

import json
from typing import Any

from bot.domain import ErrorEntry, LookupResult
from bot.knowledge.fields import to_plain


def result_to_json(result: LookupResult) -> dict[str, Any]:
    """{"query", "matches": [{"code", "name", "score", "via", "why", "language", "family"}]},
    plus outcome and note. `why` says what the query matched on ("" for a code); `language`
    is the display language of a localized message it matched ("de-DE"), else ""; `family`
    is the entry's code family ("ipsec", "ras", "hresult")."""
    return {
        "query": result.query,
        "matches": [
            {
                "code": match.entry.code,
                "name": match.entry.name,
                "score": match.score,
                "via": match.via.value,
                "why": match.why,
                "language": match.language,
                "family": match.entry.family,
            }
            for match in result.matches
        ],
        "outcome": result.outcome.value,
        "note": result.note,
    }


def entry_to_json(entry: ErrorEntry) -> dict[str, Any]:
    """Every YAML field of an entry, its derived hex and HRESULT forms, and its family."""
    plain = to_plain(entry)
    facts = {key: plain.pop(key) for key in ("code", "name", "message")}
    return {**facts, "hex": entry.hex, "hresult": entry.hresult, **plain, "family": entry.family}


def blank_scan_json(number: int) -> str:
    """{"line": N, "codes": []} and a newline: most lines of a log, so written by hand."""
    return f'{{"line": {number}, "codes": []}}\n'


def scanned_to_json(number: int, codes: list[int]) -> str:
    """{"line": N, "codes": [...]} and a newline."""
    return json.dumps({"line": number, "codes": codes}) + "\n"

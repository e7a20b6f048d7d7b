"""Results and entries as JSON-ready data (the CLI's --json contract)."""

from __future__ import annotations

from typing import Any

from bot.domain import ErrorEntry, LookupResult, Match, TeamNotes
from bot.knowledge.fields import to_plain


def result_to_json(result: LookupResult) -> dict[str, Any]:
    """{"query", "matches": [{"code", "name", "score", "via", "why", "language", "family"}]},
    plus outcome and note. `why` says what the query matched on ("" for a code); `language`
    is the display language of a localized message it matched ("de-DE"), else ""; `family`
    is the entry's code family ("ipsec", "ras", "hresult"). A match whose code has a team
    overlay also has `team` (see `team_to_json`)."""
    return {
        "query": result.query,
        "matches": [_match_to_json(match) for match in result.matches],
        "outcome": result.outcome.value,
        "note": result.note,
    }


def _match_to_json(match: Match) -> dict[str, Any]:
    found = {
        "code": match.entry.code,
        "name": match.entry.name,
        "score": match.score,
        "via": match.via.value,
        "why": match.why,
        "language": match.language,
        "family": match.entry.family,
    }
    if match.entry.team is not None:
        found["team"] = team_to_json(match.entry.team)
    return found


def entry_to_json(entry: ErrorEntry) -> dict[str, Any]:
    """Every YAML field of an entry, its derived hex and HRESULT forms, and its family; with a
    team overlay, `severity` is the effective level and `team` says what the overlay adds."""
    plain = to_plain(entry)
    facts = {key: plain.pop(key) for key in ("code", "name", "message")}
    found = {**facts, "hex": entry.hex, "hresult": entry.hresult, **plain, "family": entry.family}
    if entry.team is not None:
        found["aliases"] = list(entry.shipped_aliases)
        found["team"] = team_to_json(entry.team)
    return found


def team_to_json(team: TeamNotes) -> dict[str, Any]:
    """{"links": [{"title", "url"}], "owner", "notes", "severity", "severity_reason",
    "shipped_severity", "aliases", "causes", "diagnose", "resolve", "source"}: the overlay's
    fields as written (severity null when it sets none) and the shipped level it replaced."""
    return {
        "links": [link._asdict() for link in team.links],
        "owner": team.owner,
        "notes": team.notes,
        "severity": team.severity.value if team.severity is not None else None,
        "severity_reason": team.severity_reason,
        "shipped_severity": (
            team.shipped_severity.value
            if team.overrides_severity and team.shipped_severity is not None
            else None
        ),
        "aliases": list(team.aliases),
        "causes": list(team.causes),
        "diagnose": list(team.diagnose),
        "resolve": list(team.resolve),
        "source": team.source,
    }


def blank_scan_json(number: int) -> str:
    """{"line": N, "codes": []} and a newline: most lines of a log, so written by hand."""
    return f'{{"line": {number}, "codes": []}}\n'


def scanned_to_json(number: int, codes: list[int]) -> str:
    """{"line": N, "codes": [...]} and a newline, as json.dumps writes it."""
    return f'{{"line": {number}, "codes": [{", ".join(map(str, codes))}]}}\n'

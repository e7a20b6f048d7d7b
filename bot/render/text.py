"""Lookup results as text for people: a full entry reads top-down, severity first."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from bot.domain import ErrorEntry, LookupResult, Outcome, TeamNotes, matched_on

DEFAULT_WIDTH = 88
THIN = "Public knowledge of this code is thin: see the notes below for what is missing."


def render_result(result: LookupResult, width: int = DEFAULT_WIDTH) -> str:
    """The whole answer to one query."""
    if not result.matches:
        return _wrap(result.note or "No match.", width)
    if result.outcome in (Outcome.EXACT, Outcome.MATCH):
        first, *others = result.matches
        lines = [*_matched_on(result, width), render_entry(first.entry, width)]
        if others:
            lines += ["", "Other close matches:"]
            lines += [f"  {_headline(m.entry)}  (score {m.score:.0f})" for m in others]
        return "\n".join(lines)
    lines = [f"'{result.query.strip()}' could mean several errors. Did you mean:"]
    for match in result.matches:
        lines.append(f"  {_headline(match.entry)}  (score {match.score:.0f}, via {match.via})")
        if match.why:
            lines += _paragraph(f"matched {match.why}", width, "      ")
    lines.append("Look one up by its code for the full explanation.")
    return "\n".join(lines)


def _matched_on(result: LookupResult, width: int) -> list[str]:
    """What a non-literal query matched on, above the entry it found."""
    first = result.matches[0]
    said = result.note or matched_on(first.why)
    return [*_paragraph(said, width, ""), ""] if said else []


def render_entry(entry: ErrorEntry, width: int = DEFAULT_WIDTH) -> str:
    """One entry in full: identity, severity, meaning, causes, diagnosis, fix, related codes."""
    lines = [
        f"{entry.name}",
        entry.code_forms,
    ]
    if entry.family_spec is not None and entry.family_spec.reading:
        lines += _paragraph(entry.family_spec.reading, width, "")
    if entry.severity is not None:
        lines.append(f"Severity: {entry.severity.upper()}{_overridden(entry.team)}")
        lines += _paragraph(entry.severity_reason, width, "  ")
    lines += ["", "Official message:"]
    lines += _paragraph(f'"{entry.message}"', width, "  ")
    lines += ["", "What it means:", *_paragraph(entry.summary, width, "  ")]
    if entry.thin:
        lines += _paragraph(THIN, width, "  ")
    if entry.sources:
        lines += ["", "Sources:", *(f"  {url}" for url in entry.sources)]
    if entry.team is not None:
        lines += _team_part(entry.team, width)
    lines += _section("Likely causes:", entry.causes, width, numbered=False)
    lines += _section("How to diagnose:", entry.diagnose, width, numbered=True)
    lines += _section("How to fix:", entry.resolve, width, numbered=True)
    if entry.storm:
        lines += ["", "When many fail at once:", *_paragraph(entry.storm, width, "  ")]
    if entry.notes:
        lines += ["", "Notes:", *_paragraph(entry.notes, width, "  ")]
    if entry.related:
        lines += ["", "Related codes: " + ", ".join(str(code) for code in entry.related)]
    if entry.peer_terms:
        lines += ["", "What the other side may report:"]
        for term in entry.peer_terms:
            lines += _paragraph(f"- {term.term} ({term.origin}): {term.note}", width, "  ")
    if entry.shipped_aliases:
        lines += _paragraph("Also known as: " + "; ".join(entry.shipped_aliases), width, "")
    more = entry.references[len(entry.sources) :]
    if more:
        lines += ["", "More references:", *(f"  {url}" for url in more)]
    return "\n".join(lines)


def _overridden(team: TeamNotes | None) -> str:
    """' (your team's level; ikeerr rates it HIGH)' when an overlay set the severity."""
    note = team.severity_note if team is not None else ""
    return f" ({note})" if note else ""


def _team_part(team: TeamNotes, width: int) -> list[str]:
    """What the team's overlay adds, apart from the shipped knowledge: links first."""
    lines = ["", f"Your team ({team.source}):"]
    if team.owner:
        lines += _paragraph(f"Owner: {team.owner}", width, "  ")
    for link in team.links:
        lines += _paragraph(f"- {link.title}: {link.url}", width, "  ")
    if team.notes:
        lines += _paragraph(team.notes, width, "  ")
    lines += _section("  Causes seen here:", team.causes, width, numbered=False)
    lines += _section("  How to diagnose here:", team.diagnose, width, numbered=True)
    lines += _section("  How to fix here:", team.resolve, width, numbered=True)
    if team.aliases:
        lines += _paragraph("Your names for it: " + "; ".join(team.aliases), width, "  ")
    return lines


def render_scanned(number: int, codes: list[int], names: dict[int, str]) -> str:
    """'line 3: 13801 ERROR_IPSEC_IKE_AUTH_FAIL, 13806 ...' and a newline."""
    return f"line {number}: " + ", ".join(f"{code} {names[code]}" for code in codes) + "\n"


def render_listing(entries: Sequence[ErrorEntry]) -> str:
    """One line per entry: code, hex, severity, name."""
    lines = []
    for entry in entries:
        severity = entry.severity.value if entry.severity else "-"
        lines.append(f"{entry.code}  {entry.hex}  {severity:<8}  {entry.name}")
    return "\n".join(lines)


def _headline(entry: ErrorEntry) -> str:
    return f"{entry.code}  {entry.name}: {entry.message}"


def _section(title: str, items: tuple[str, ...], width: int, numbered: bool) -> list[str]:
    if not items:
        return []
    lines = ["", title]
    for number, item in enumerate(items, start=1):
        bullet = f"{number}. " if numbered else "- "
        lines += textwrap.wrap(
            item,
            width,
            initial_indent="  " + bullet,
            subsequent_indent="  " + " " * len(bullet),
            break_on_hyphens=False,
        )
    return lines


def _paragraph(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _wrap(text: str, width: int) -> str:
    return "\n".join(_paragraph(text, width, ""))

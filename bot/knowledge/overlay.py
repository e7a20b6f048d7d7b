"""Team overlays (IKEERR_OVERLAY): per-code runbooks, owners, notes and severity on top of the
shipped knowledge, checked like it and applied to a loaded knowledge base, never written into it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.domain import ErrorEntry, Kind, Severity, TeamLink, TeamNotes
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.problem import KnowledgeError, Problem
from bot.knowledge.yamlnodes import LineList, LineMap
from bot.normalize import fold

# What an overlay item may say, and what each field holds (the names are a contract).
OVERLAY_FIELDS: dict[str, Kind] = {
    "code": Kind.CODE,
    "links": Kind.LINKS,
    "owner": Kind.TEXT,
    "notes": Kind.TEXT,
    "severity": Kind.SEVERITY,
    "severity_reason": Kind.TEXT,
    "aliases": Kind.TEXTS,
    "causes": Kind.TEXTS,
    "diagnose": Kind.TEXTS,
    "resolve": Kind.TEXTS,
}
# The one Slack mention an owner may be written as (a user, a user group, a channel), so an
# answer can notify them; any other <...> (<!here>, <!channel>, links) would reach everyone.
OWNER_MENTION = re.compile(r"<(?:@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|#C[A-Z0-9]+)(?:\|[^<>|]+)?>")


def overlay_files(path: Path) -> list[Path]:
    """The overlay files at `path` (one file, or every .yaml/.yml under a folder), in order."""
    from bot.knowledge.loader import yaml_files_under

    if path.is_file():
        return [path]
    if not path.is_dir():
        raise KnowledgeError([Problem(str(path), 0, "no such overlay file or folder")])
    files = yaml_files_under(path)
    if not files:
        raise KnowledgeError([Problem(str(path), 0, "no .yaml files in this overlay folder")])
    return files


def read_overlay(path: Path, kb: KnowledgeBase) -> tuple[list[TeamNotes], list[Problem]]:
    """Every overlay item under `path`, checked against `kb`, and every problem found."""
    from bot.knowledge.files import read_list

    notes: list[TeamNotes] = []
    problems: list[Problem] = []
    first_seen: dict[int, str] = {}
    names = _names_in_use(kb)
    for file in overlay_files(path):

        def parse(raw: object, name: str, line: int) -> tuple[TeamNotes | None, list[Problem]]:
            return _parse_item(raw, name, line, kb, names)

        items, file_problems = read_list(file, "overlay items", parse)
        problems += file_problems
        for item in items or ():
            where = item.source
            if item.code in first_seen:
                file_name, _, line = where.rpartition(":")
                message = f"code {item.code} already has an overlay at {first_seen[item.code]}"
                problems.append(Problem(file_name, int(line), message))
                continue
            first_seen[item.code] = where
            notes.append(item)
    return notes, problems


def apply_overlay(kb: KnowledgeBase, notes: Sequence[TeamNotes], digest: str) -> KnowledgeBase:
    """A knowledge base whose entries carry the teams' notes; `digest` names this overlay in
    the cache keys of indexes saved for it."""
    by_code = {item.code: item for item in notes}
    entries = [_with_team(e, by_code[e.code]) if e.code in by_code else e for e in kb.entries]
    return kb.with_entries(entries, f"overlay-{digest}")


def load_overlay(kb: KnowledgeBase, path: Path) -> KnowledgeBase:
    """`kb` with the overlay at `path` applied; KnowledgeError listing every problem if any."""
    notes, problems = read_overlay(path, kb)
    if problems:
        raise KnowledgeError(problems)
    return apply_overlay(kb, notes, overlay_digest(path))


def overlay_digest(path: Path) -> str:
    """A short digest of the overlay's files and content (overlays are small: read in full)."""
    digest = hashlib.sha256()
    for file in overlay_files(path):
        digest.update(str(file).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _with_team(entry: ErrorEntry, team: TeamNotes) -> ErrorEntry:
    own = {fold(alias) for alias in entry.aliases}
    team = replace(
        team,
        # An alias the shipped entry gained since the overlay was written is already there.
        aliases=tuple(alias for alias in team.aliases if fold(alias) not in own),
        shipped_severity=entry.severity,
        shipped_severity_reason=entry.severity_reason,
    )
    overridden = team.severity is not None
    return replace(
        entry,
        severity=team.severity if overridden else entry.severity,
        severity_reason=team.severity_reason if overridden else entry.severity_reason,
        aliases=entry.aliases + team.aliases,
        team=team,
    )


def _names_in_use(kb: KnowledgeBase) -> dict[str, int]:
    """Folded names, short names, messages and aliases of every entry, and whose they are."""
    from bot.knowledge.index import name_keys

    used: dict[str, int] = {}
    for entry in kb:
        family = kb.family_of(entry)
        names = name_keys(entry.name, family.name_prefixes if family is not None else ())
        for text in (*names, entry.message, *entry.aliases):
            used.setdefault(fold(text), entry.code)
    return used


def _parse_item(
    raw: object, file: str, line: int, kb: KnowledgeBase, names: dict[str, int]
) -> tuple[TeamNotes | None, list[Problem]]:
    from bot.knowledge.checks import check_value, unknown_field_hint

    if not isinstance(raw, LineMap):
        return None, [Problem(file, line, "an overlay item must be a mapping of fields")]
    problems: list[Problem] = []

    def report(field: str, message: str) -> None:
        problems.append(Problem(file, raw.key_lines.get(field, raw.line), message))

    if isinstance(raw.get("severity"), str):
        raw["severity"] = raw["severity"].lower()  # CRITICAL and critical alike
    for name, value in raw.items():
        if name not in OVERLAY_FIELDS:
            known = ", ".join(OVERLAY_FIELDS)
            hint = unknown_field_hint(name, OVERLAY_FIELDS)
            report(name, f"unknown overlay field '{name}'{hint} (known: {known})")
            continue
        for message in check_value(OVERLAY_FIELDS[name], value):
            report(name, f"'{name}' {message}")
    if "code" not in raw:
        report("code", "missing required field 'code'")
    elif len(raw) == 1:
        report("code", "the overlay adds nothing: give links, owner, notes or another field")
    if ("severity" in raw) != ("severity_reason" in raw):
        report(
            "severity" if "severity" in raw else "severity_reason",
            "'severity' and 'severity_reason' go together: say why your level differs",
        )
    code = raw.get("code")
    if isinstance(code, int) and not isinstance(code, bool) and code not in kb.by_code:
        report("code", _unknown_code(kb, code))
    owner = raw.get("owner")
    if isinstance(owner, str) and "<" in owner and not OWNER_MENTION.fullmatch(owner.strip()):
        report(
            "owner",
            "'owner' is free text or one Slack mention (<@U…>, <!subteam^S…|@name>, <#C…>); "
            f"got {owner!r}, which Slack would not read as one person, group or channel",
        )
    aliases = raw.get("aliases")
    for alias in aliases if isinstance(aliases, LineList) else ():
        holder = names.get(fold(alias)) if isinstance(alias, str) else None
        if holder is not None and holder != code:
            report("aliases", f"alias {alias!r} already means {holder} ({kb.by_code[holder].name})")
    if problems:
        return None, problems
    return _build_notes(raw, file), []


def _unknown_code(kb: KnowledgeBase, code: int) -> str:
    family = kb.family_owning(code)
    if family is None:
        return f"code {code} is no IPsec, RAS or HRESULT code ikeerr knows"
    return f"ikeerr has no entry for {family.title} code {code}"


def _build_notes(raw: LineMap, file: str) -> TeamNotes:
    def text(name: str) -> str:
        return " ".join(str(raw.get(name, "")).split())

    def texts(name: str) -> tuple[str, ...]:
        items: Any = raw.get(name, LineList())
        return tuple(" ".join(item.split()) for item in items)

    links = tuple(
        TeamLink(" ".join(item["title"].split()), item["url"].strip())
        for item in raw.get("links", ())
    )
    return TeamNotes(
        code=raw["code"],
        links=links,
        owner=text("owner"),
        notes=text("notes"),
        severity=Severity(raw["severity"]) if "severity" in raw else None,
        severity_reason=text("severity_reason"),
        aliases=texts("aliases"),
        causes=texts("causes"),
        diagnose=texts("diagnose"),
        resolve=texts("resolve"),
        source=f"{file}:{raw.line}",
    )

"""Domain values: knowledge entries, lookup matches and lookup results."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more urgent; lets callers compare against a configured minimum."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


@dataclass(frozen=True)
class ErrorEntry:
    """One error code of the knowledge base, as curated in YAML."""

    code: int
    name: str
    message: str
    summary: str = ""
    severity: Severity | None = None
    severity_reason: str = ""
    causes: tuple[str, ...] = ()
    diagnose: tuple[str, ...] = ()
    resolve: tuple[str, ...] = ()
    related: tuple[int, ...] = ()
    aliases: tuple[str, ...] = ()
    component: str = ""
    references: tuple[str, ...] = ()
    notes: str = ""
    range_marker: bool = False
    source: str = field(default="", compare=False)

    @property
    def hex(self) -> str:
        return f"0x{self.code:04X}"

    @property
    def hresult(self) -> str:
        return f"0x{0x80070000 | self.code:08X}"


class Via(StrEnum):
    """How a query reached an entry (part of the JSON contract)."""

    CODE = "code"
    HEX = "hex"
    HRESULT = "hresult"
    NAME = "name"
    MESSAGE = "message"
    ALIAS = "alias"
    FUZZY = "fuzzy"


class Outcome(StrEnum):
    EXACT = "exact"
    MATCH = "match"
    AMBIGUOUS = "ambiguous"
    NOT_IPSEC = "not_ipsec"
    NONE = "none"


@dataclass(frozen=True)
class Match:
    entry: ErrorEntry
    score: float
    via: Via


@dataclass(frozen=True)
class LookupResult:
    """What a query found: ranked matches, plus why there are none when empty."""

    query: str
    outcome: Outcome
    matches: tuple[Match, ...] = ()
    note: str = ""

    @property
    def found(self) -> bool:
        return bool(self.matches)

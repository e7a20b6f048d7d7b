"""Domain values: code families, knowledge entries (the one schema), lookup matches and results."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any, NamedTuple


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


class Numbering(StrEnum):
    """How a family's codes are written."""

    # Win32 error codes: decimal, 0x hex, and the HRESULT_FROM_WIN32 forms 0x8007xxxx / signed.
    WIN32 = "win32"
    # HRESULTs: a code is the unsigned 32-bit value; written in hex, unsigned or signed decimal.
    HRESULT = "hresult"


class CodeRange(NamedTuple):
    """An inclusive range of codes (a tuple, so ranges sort by their first code)."""

    first: int
    last: int

    def __contains__(self, code: object) -> bool:
        return isinstance(code, int) and self.first <= code <= self.last

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


class Family(NamedTuple):
    """A family of error codes, as `knowledge/families.yaml` declares it."""

    id: str
    title: str
    numbering: Numbering
    block: CodeRange  # the numbers the family owns, defined or not
    ranges: tuple[CodeRange, ...]  # the codes Windows defines in it
    name_pattern: str  # regular expression every entry's name matches
    name_prefixes: tuple[str, ...] = ()  # what people leave out of a name, longest first
    short_prefixes: tuple[str, ...] = ()  # dropped from a name where space is short
    names_in_text: str = ""  # regular expression for the name forms detection looks for
    error_words_only: tuple[CodeRange, ...] = ()  # codes that need an error word nearby
    labelled_only: tuple[CodeRange, ...] = ()  # codes detected only as labelled VPN errors
    reading: str = ""  # said with every answer: how a number of this family is read

    def defines(self, code: int) -> bool:
        return any(code in span for span in self.ranges)

    def describe_ranges(self) -> str:
        """'13000-13025, 13800-13918 and 13925-13932'."""
        spans = [str(span) for span in self.ranges]
        return spans[0] if len(spans) == 1 else f"{', '.join(spans[:-1])} and {spans[-1]}"

    def short_name(self, name: str) -> str:
        """The name without its family prefix: ERROR_IPSEC_IKE_AUTH_FAIL -> IKE_AUTH_FAIL."""
        for prefix in self.short_prefixes:
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name


def family_owning(families: Iterable[Family], code: int) -> Family | None:
    """The family whose block holds `code`, whether or not Windows defines that code."""
    return next((family for family in families if code in family.block), None)


class Kind(Enum):
    """What a YAML field of an entry holds; the schema checks and converts by kind."""

    CODE = "code"
    NUMBER = "number"  # an int or float, 0 or more
    TEXT = "text"
    TEXTS = "texts"
    CODES = "codes"
    SEVERITY = "severity"
    FLAG = "flag"
    PEER_TERMS = "peer_terms"  # a list of PeerTerm mappings
    LINKS = "links"  # a list of TeamLink mappings (overlays)
    EXAMPLES = "examples"  # a list of Example mappings
    MONTH = "month"  # YYYY-MM


class Need(Enum):
    """When a field must be given."""

    FACT = "fact"  # always: the official facts
    GUIDANCE = "guidance"  # for every real error
    MARKER = "marker"  # for range markers too
    OPTIONAL = "optional"


class PeerTerm(NamedTuple):
    """What the other side of a tunnel calls this failure, and where that is shown."""

    term: str  # as the peer logs or sends it: NO_PROPOSAL_CHOSEN, "no IKE config found"
    origin: str  # "RFC 7296 notify 14", "strongSwan log", "FortiGate log"
    note: str  # one line: what the peer means and when Windows shows this code for it
    source: str  # the URL that shows the correspondence


class Example(NamedTuple):
    """A real piece of public text in which the code appears, and where it was seen."""

    text: str  # verbatim (cut with "…"): a log line, event text, a dialog, a forum quote
    source: str  # the URL of the page that shows it
    origin: str  # what it is: "RasClient event (forum post)", "docs table", "header"


class TeamLink(NamedTuple):
    """A link a team adds to an entry: its runbook, a wiki page, a dashboard."""

    title: str
    url: str


@dataclass(frozen=True)
class TeamNotes:
    """What a team's overlay adds to one entry (IKEERR_OVERLAY); shipped knowledge never has it."""

    code: int
    links: tuple[TeamLink, ...] = ()
    owner: str = ""  # a channel, a user group or free text; see slack.ui.owner
    notes: str = ""
    severity: Severity | None = None  # the team's level for this code, replacing ours
    severity_reason: str = ""
    aliases: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    diagnose: tuple[str, ...] = ()
    resolve: tuple[str, ...] = ()
    source: str = ""  # file:line of the overlay item
    # The shipped severity and reason an override replaced (set when the overlay is applied).
    shipped_severity: Severity | None = None
    shipped_severity_reason: str = ""

    @property
    def overrides_severity(self) -> bool:
        return self.severity is not None

    @property
    def severity_note(self) -> str:
        """ "your team's level; ikeerr rates it HIGH" when the overlay sets one, else ""."""
        if not self.overrides_severity:
            return ""
        shipped = self.shipped_severity
        ours = f"ikeerr rates it {shipped.value.upper()}" if shipped is not None else "none shipped"
        return f"your team's level; {ours}"


class LocalizedMessage(NamedTuple):
    """An entry's official message in another display language, with where the text is from."""

    code: int
    lang: str  # a Windows display language tag: de-DE, zh-CN
    text: str
    source: str


def _yaml(kind: Kind, need: Need = Need.OPTIONAL) -> Mapping[str, Any]:
    return {"kind": kind, "need": need}


@dataclass(frozen=True)
class ErrorEntry:
    """One error code of the knowledge base, as curated in YAML.

    The fields carrying `kind` metadata are the YAML schema: parsing, validation, the cache
    and JSON output all read them from here, so a new optional field is one line below plus
    its check.
    """

    code: int = field(metadata=_yaml(Kind.CODE, Need.FACT))
    name: str = field(metadata=_yaml(Kind.TEXT, Need.FACT))
    message: str = field(metadata=_yaml(Kind.TEXT, Need.FACT))
    summary: str = field(default="", metadata=_yaml(Kind.TEXT, Need.MARKER))
    severity: Severity | None = field(default=None, metadata=_yaml(Kind.SEVERITY, Need.MARKER))
    severity_reason: str = field(default="", metadata=_yaml(Kind.TEXT, Need.MARKER))
    causes: tuple[str, ...] = field(default=(), metadata=_yaml(Kind.TEXTS, Need.GUIDANCE))
    diagnose: tuple[str, ...] = field(default=(), metadata=_yaml(Kind.TEXTS, Need.GUIDANCE))
    resolve: tuple[str, ...] = field(default=(), metadata=_yaml(Kind.TEXTS, Need.GUIDANCE))
    related: tuple[int, ...] = field(default=(), metadata=_yaml(Kind.CODES, Need.GUIDANCE))
    aliases: tuple[str, ...] = field(default=(), metadata=_yaml(Kind.TEXTS, Need.GUIDANCE))
    component: str = field(default="", metadata=_yaml(Kind.TEXT))
    references: tuple[str, ...] = field(default=(), metadata=_yaml(Kind.TEXTS))
    notes: str = field(default="", metadata=_yaml(Kind.TEXT))
    peer_terms: tuple[PeerTerm, ...] = field(default=(), metadata=_yaml(Kind.PEER_TERMS))
    examples: tuple[Example, ...] = field(default=(), metadata=_yaml(Kind.EXAMPLES))
    # When the guidance was last checked against its sources (YYYY-MM).
    reviewed: str = field(default="", metadata=_yaml(Kind.MONTH))
    # What it usually means when many users or tunnels fail with this code at once.
    storm: str = field(default="", metadata=_yaml(Kind.TEXT))
    # Public knowledge of this code is thin (the notes say what is missing): answers say so.
    thin: bool = field(default=False, metadata=_yaml(Kind.FLAG))
    range_marker: bool = field(default=False, metadata=_yaml(Kind.FLAG))
    # A code its summary explains alone (modem, ISDN, X.25, codes Windows no longer returns):
    # what it belongs to and whether a VPN can show it; no guidance, severity low or info.
    brief: bool = field(default=False, metadata=_yaml(Kind.FLAG))
    # Among the codes people ask about most: the App Home tab lists them.
    common: bool = field(default=False, metadata=_yaml(Kind.FLAG))
    # Set by the loader, never written in YAML.
    family: str = ""
    source: str = field(default="", compare=False)
    # The family's declaration, for answers that name it ("RAS error 809") and its forms.
    family_spec: Family | None = field(default=None, compare=False, repr=False)
    # A team's overlay for this code. With one, `severity` and `severity_reason` are the
    # effective ones (the team's override, if any) and `aliases` include the team's.
    team: TeamNotes | None = field(default=None, compare=False, repr=False)

    @property
    def sources(self) -> tuple[str, ...]:
        """The two best sources, shown with every answer (references are curated best first)."""
        return self.references[:SOURCES_SHOWN]

    @property
    def table_wordings(self) -> tuple[str, ...]:
        """The message as Microsoft's error tables word it, where that differs from the text
        Windows shows: old KBs, lists and forum answers copy that wording."""
        wordings = []
        for example in self.examples:
            # a table line: "ERROR_INVALID_PORT_HANDLE 601 The port handle supplied is not valid."
            head, number, wording = example.text.partition(f" {self.code} ")
            wording = _MARKDOWN_LINK.sub(r"\1", wording.removeprefix(f"({self.hex})")).strip()
            table_line = example.origin.startswith(DOCS_TABLE_ORIGIN) and number and " " not in head
            if table_line and _plain(wording) and _plain(wording) != _plain(self.message):
                wordings.append(wording.strip())
        return tuple(wordings)

    @property
    def shipped_aliases(self) -> tuple[str, ...]:
        """The aliases ikeerr ships, without a team's."""
        if self.team is None:
            return self.aliases
        return self.aliases[: len(self.aliases) - len(self.team.aliases)]

    @property
    def hex(self) -> str:
        return f"0x{self.code:X}"

    @property
    def hresult(self) -> str:
        """The HRESULT form: HRESULT_FROM_WIN32 of a Win32 code, or the code itself."""
        return f"0x{self.hresult_value:08X}"

    @property
    def hresult_value(self) -> int:
        return HRESULT_WIN32_PREFIX | self.code if self.code <= WIN32_MAX else self.code

    @property
    def code_forms(self) -> str:
        """The code as its family writes it: "IPsec error 13801 | hex 0x35E9 | HRESULT
        0x800735E9", "HRESULT 0x800B0101 | 2148204801 | signed -2146762495"."""
        spec = self.family_spec
        if spec is not None and spec.numbering is Numbering.HRESULT:
            return f"{spec.title} {self.hex} | {self.code} | signed {self.signed}"
        named = f"{spec.title} error {self.code}" if spec is not None else f"Code {self.code}"
        return f"{named} | hex {self.hex} | HRESULT {self.hresult}"

    @property
    def signed(self) -> int:
        """The HRESULT as a signed 32-bit number, as RasClient events print it."""
        return self.hresult_value - (1 << 32)


# References shown with an answer, so a claim can be checked in one click.
# The docs pages' markdown: "[QueryCredentialsAttributes](/windows/win32/api/...)".
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _plain(text: str) -> str:
    """A wording without its case, spacing and final period."""
    return " ".join(text.casefold().split()).rstrip(".")


SOURCES_SHOWN = 2
# The origin of an example copied from a Microsoft error table (its line as the page has it).
DOCS_TABLE_ORIGIN = "docs table"
# Win32 error codes are 16 bits; HRESULT_FROM_WIN32 puts them under this prefix.
WIN32_MAX = 0xFFFF
HRESULT_WIN32_PREFIX = 0x80070000


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
    NOT_IPSEC = "not_ipsec"  # a number no family covers (the JSON value is a contract)
    NONE = "none"


@dataclass(frozen=True)
class Match:
    entry: ErrorEntry
    score: float
    via: Via
    # What the query matched on, for people judging a suggestion: "alias: machine certificate".
    why: str = ""
    # The display language of a localized message the query matched (de-DE), else "".
    language: str = ""


def matched_on(why: str) -> str:
    """'Matched alias: no machine certificate.' as a sentence; '' without a why."""
    if not why:
        return ""
    return f"Matched {why}" + ("" if why[-1] in ".!?。！？…" else ".")


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


# One scanned input line: its number (from 1) and the codes it mentions, in order of
# appearance. A plain tuple, not a class: `scan` makes one per line of a log, and building
# them in C keeps a 200,000-line scan as fast as the detection itself.
ScannedLine = tuple[int, list[int]]

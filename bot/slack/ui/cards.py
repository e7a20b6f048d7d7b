"""Entries as Slack answers: the full card, its diagnose/fix steps, and the compact summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from urllib.parse import urlsplit

from slack_sdk.models.blocks import Block

from bot.domain import ErrorEntry, Numbering, Severity
from bot.knowledge import KnowledgeBase
from bot.slack import ids
from bot.slack.ui.blocks import Button, Reply, actions, context, header, sections
from bot.slack.ui.mrkdwn import clip, escape
from bot.slack.ui.team import link_buttons, overridden, team_blocks, team_line

Steps = Literal["diagnose", "fix"]

# Auto-replies explain this many codes, then list the rest as buttons.
DETAILED = 3
SUMMARY_CHARS = 300
# The notes a thin entry's warning quotes, and the longest label of a source link.
THIN_CHARS = 400
LINK_LABEL_CHARS = 70
# Peer terms named on a card (the CLI lists them all).
PEER_TERMS = 4
NO_STEPS = "No steps recorded for this code; check the IKE logs on both peers."
SEVERITY_EMOJI = {
    Severity.CRITICAL: ":red_circle:",
    Severity.HIGH: ":large_orange_circle:",
    Severity.MEDIUM: ":large_yellow_circle:",
    Severity.LOW: ":large_blue_circle:",
    Severity.INFO: ":white_circle:",
}
_STEP_TITLES = {"diagnose": "How to diagnose", "fix": "How to fix"}
# Heads of the two step lists when a team's overlay adds its own steps (theirs come first).
TEAM_STEPS = "*Your team*"
SHIPPED_STEPS = "*ikeerr*"


def entry_reply(
    kb: KnowledgeBase,
    entry: ErrorEntry,
    *,
    shareable: bool,
    others: Sequence[ErrorEntry] = (),
    shared_by: str = "",
) -> Reply:
    """The full card: identity, severity and why, meaning, causes, buttons, related codes."""
    if not others and not shared_by:
        # Most answers are one of these; entries never change, so each is built once and
        # kept by its knowledge base (a reload frees them with it).
        cache = kb.index(_ReplyCache)
        key = (entry.code, "card", shareable)
        if key not in cache:
            cache[key] = _card(kb, entry, shareable, (), "")
        return cache[key]
    return _card(kb, entry, shareable, others, shared_by)


class _ReplyCache(dict[tuple[int, str, bool], Reply]):
    """Cards and step lists already built for one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        super().__init__()


def _card(
    kb: KnowledgeBase,
    entry: ErrorEntry,
    shareable: bool,
    others: Sequence[ErrorEntry],
    shared_by: str,
) -> Reply:
    blocks: list[Block] = [header(entry.name), *sections(_identity(entry))]
    if entry.severity is not None:
        blocks += sections(f"{_severity(entry)}\n{escape(entry.severity_reason)}".strip())
    blocks += sections(f"*What it means*\n{escape(entry.summary or entry.message)}")
    if entry.thin:
        blocks.append(context(thin_note(entry)))
    blocks.append(context(f"Official message: “{escape(entry.message)}”"))
    if entry.team is not None:
        blocks += team_blocks(entry.team)
    if entry.peer_terms:
        blocks.append(context(_peer_side(entry)))
    if entry.causes:
        blocks += sections("*Likely causes*\n" + "\n".join(f"• {escape(c)}" for c in entry.causes))
    if entry.sources:
        blocks.append(context("Sources: " + " · ".join(source_link(url) for url in entry.sources)))
    blocks += actions(entry_buttons(entry, shareable))
    related = [kb.by_code[code] for code in entry.related if code in kb.by_code]
    if related:
        blocks += [*sections("*Related codes*"), *actions(show_buttons(kb, related))]
    more = [e for e in others if e not in related]  # action IDs must stay unique
    if more:
        blocks += [*sections("*Other close matches*"), *actions(show_buttons(kb, more))]
    blocks += feedback_row(entry.code)
    if shared_by:
        blocks.append(context(f"Shared by <@{shared_by}>"))
    return Reply(tuple(blocks), _one_line(entry))


def thin_note(entry: ErrorEntry) -> str:
    """The warning a thin entry carries: what public knowledge lacks, from its notes."""
    said = escape(clip(entry.notes, THIN_CHARS)) if entry.notes else ""
    return f":warning: *Thin public knowledge.* {said}".strip()


def source_link(url: str) -> str:
    """A reference as a short link: "<https://learn.microsoft.com/…|learn.microsoft.com › page>"."""
    parts = urlsplit(url)
    page = parts.path.rstrip("/").rpartition("/")[2]
    label = f"{parts.netloc} › {page}" if page else parts.netloc
    return f"<{escape(url)}|{escape(_shorten_label(label))}>"


def _shorten_label(label: str) -> str:
    return label if len(label) <= LINK_LABEL_CHARS else label[: LINK_LABEL_CHARS - 1] + "…"


def _peer_side(entry: ErrorEntry) -> str:
    """The other side's names for this failure: protocol constants, then log lines."""
    terms = sorted(entry.peer_terms, key=lambda t: " " in t.term)  # stable: curated order
    named = ", ".join(f"`{escape(t.term)}` ({escape(t.origin)})" for t in terms[:PEER_TERMS])
    return f"The other side may report: {named}"


def steps_reply(kb: KnowledgeBase, entry: ErrorEntry, steps: Steps) -> Reply:
    """The numbered diagnosis or fix steps of one entry, with a button for the other list."""
    cache = kb.index(_ReplyCache)
    key = (entry.code, steps, False)
    if key not in cache:
        cache[key] = _steps(entry, steps)
    return cache[key]


def _steps(entry: ErrorEntry, steps: Steps) -> Reply:
    title = _STEP_TITLES[steps]
    body = _numbered(_step_items(entry, steps, team=False))
    ours = _numbered(_step_items(entry, steps, team=True))
    if ours:
        body = f"{TEAM_STEPS}\n{ours}" + (f"\n{SHIPPED_STEPS}\n{body}" if body else "")
    blocks: list[Block] = [
        *sections(f"*{title}* {entry.code} `{entry.name}`"),
        *sections(body or NO_STEPS),
    ]
    if steps == "diagnose" and _has_steps(entry, "fix"):
        blocks += actions([Button(_STEP_TITLES["fix"], ids.ACTION_FIX, entry.code)])
    elif steps == "fix" and _has_steps(entry, "diagnose"):
        blocks += actions([Button(_STEP_TITLES["diagnose"], ids.ACTION_DIAGNOSE, entry.code)])
    return Reply(tuple(blocks), f"{title} {entry.name} ({entry.code}):\n{body or NO_STEPS}")


def _step_items(entry: ErrorEntry, steps: Steps, *, team: bool) -> tuple[str, ...]:
    if team:
        if entry.team is None:
            return ()
        return entry.team.diagnose if steps == "diagnose" else entry.team.resolve
    return entry.diagnose if steps == "diagnose" else entry.resolve


def _has_steps(entry: ErrorEntry, steps: Steps) -> bool:
    return bool(_step_items(entry, steps, team=False) or _step_items(entry, steps, team=True))


def _numbered(items: Sequence[str]) -> str:
    return "\n".join(f"{n}. {escape(item)}" for n, item in enumerate(items, start=1))


def summary_reply(
    kb: KnowledgeBase, entries: Sequence[ErrorEntry], *, shareable: bool = True
) -> Reply:
    """Compact: a few lines and the buttons for each of the first DETAILED codes, then the rest."""
    blocks: list[Block] = []
    for entry in entries[:DETAILED]:
        lines = f"{_headline(entry)}\n{escape(_first_sentence(entry))}"
        if entry.team is not None:
            lines += f"\n{team_line(entry.team)}"
        blocks += sections(lines)
        links = link_buttons(entry.team) if entry.team is not None else []
        blocks += actions([*links, *entry_buttons(entry, shareable)])
    rest = entries[DETAILED:]
    if rest:
        names = ", ".join(f"`{e.code}` {escape(e.name)}" for e in rest)
        blocks.append(context(f"…and {len(rest)} more: {names}"))
        blocks += actions(show_buttons(kb, rest))
    if entries:
        blocks += feedback_row(entries[0].code)
    if len(entries) == 1:
        return Reply(tuple(blocks), _one_line(entries[0]))
    listed = ", ".join(f"{e.code} {e.name}" for e in entries[:DETAILED])
    more = f" and {len(rest)} more" if rest else ""
    return Reply(tuple(blocks), f"VPN errors: {listed}{more}")


def _identity(entry: ErrorEntry) -> str:
    spec = entry.family_spec
    if spec is not None and spec.numbering is Numbering.HRESULT:
        line = f"*{spec.title} `{entry.hex}`* · `{entry.code}` · signed `{entry.signed}`"
    else:
        named = f"{spec.title} error {entry.code}" if spec is not None else str(entry.code)
        line = f"*{named}* · hex `{entry.hex}` · HRESULT `{entry.hresult}`"
    if spec is not None and spec.reading:
        line += f"\n_{escape(spec.reading)}_"
    return f"{line}\n_{escape(entry.component)}_" if entry.component else line


def _severity(entry: ErrorEntry) -> str:
    if entry.severity is None:
        return ""
    level = entry.severity.value.upper()
    return f"{SEVERITY_EMOJI[entry.severity]} *Severity: {level}*{overridden(entry.team)}"


def _headline(entry: ErrorEntry) -> str:
    severity = f" · {entry.severity.value}" if entry.severity is not None else ""
    emoji = SEVERITY_EMOJI[entry.severity] if entry.severity is not None else ":grey_question:"
    return f"{emoji} *{entry.code}* `{entry.name}`{severity}"


def _first_sentence(entry: ErrorEntry) -> str:
    text = entry.summary or entry.message
    end = text.find(". ")
    sentence = text if end == -1 else text[: end + 1]
    return sentence if len(sentence) <= SUMMARY_CHARS else sentence[: SUMMARY_CHARS - 1] + "…"


def _one_line(entry: ErrorEntry) -> str:
    what = escape(_first_sentence(entry))
    return f"{entry.name} ({entry.code}, {entry.hex}, HRESULT {entry.hresult}): {what}"


def entry_buttons(entry: ErrorEntry, shareable: bool) -> list[Button]:
    buttons = []
    if _has_steps(entry, "diagnose"):
        buttons.append(Button("How to diagnose", ids.ACTION_DIAGNOSE, entry.code))
    if _has_steps(entry, "fix"):
        buttons.append(Button("How to fix", ids.ACTION_FIX, entry.code))
    if shareable:
        buttons.append(Button("Share in channel", ids.ACTION_SHARE, entry.code, "primary"))
    return buttons


def feedback_row(code: int) -> list[Block]:
    """Helpful? A yes and a no button; "no" asks what was wrong or missing."""
    vote = [
        Button("👍 Helpful", ids.ACTION_FEEDBACK_YES, code),
        Button("👎 Not helpful", ids.ACTION_FEEDBACK_NO, code),
    ]
    return [*actions(vote)]


def show_buttons(kb: KnowledgeBase, entries: Sequence[ErrorEntry]) -> list[Button]:
    return [Button(f"{e.code} {kb.short_name(e)}", ids.ACTION_SHOW, e.code) for e in entries]

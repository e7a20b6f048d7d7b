"""A team's overlay in Slack answers: its own labelled part, links first as buttons, the owner
shown without notifying anyone, and mentioned only where a channel rule asks for it."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

from bot.domain import ErrorEntry, TeamNotes
from bot.knowledge.overlay import OWNER_MENTION
from bot.slack import ids
from bot.slack.ui.blocks import Button, Reply, actions, sections
from bot.slack.ui.mrkdwn import escape

TITLE = "*Your team*"


def team_blocks(team: TeamNotes) -> list[Block]:
    """The card's "Your team" part: owner, link buttons, then notes and the team's causes."""
    heading = TITLE + (f" · owner {owner_label(team.owner)}" if team.owner else "")
    blocks: list[Block] = [*sections(heading)]
    blocks += actions(link_buttons(team))
    lines = [escape(team.notes)] if team.notes else []
    if team.causes:
        lines += ["_Causes seen here_", *(f"• {escape(cause)}" for cause in team.causes)]
    if lines:
        blocks += sections("\n".join(lines))
    return blocks


def team_line(team: TeamNotes) -> str:
    """One line for compact answers: "*Your team* · owner @vpn-oncall · their notes"."""
    parts = [TITLE]
    if team.owner:
        parts.append(f"owner {owner_label(team.owner)}")
    if team.notes:
        parts.append(escape(team.notes))
    return " · ".join(parts)


def link_buttons(team: TeamNotes) -> list[Button]:
    return [
        Button(link.title, ids.ACTION_LINK, team.code, slot=str(number), url=link.url)
        for number, link in enumerate(team.links, start=1)
    ]


def overridden(team: TeamNotes | None) -> str:
    """ " · _your team's level; ikeerr rates it HIGH_" when an overlay set the severity."""
    note = team.severity_note if team is not None else ""
    return f" · _{escape(note)}_" if note else ""


def owner_label(owner: str) -> str:
    """The owner as mrkdwn that notifies nobody: a mention's label, a channel link, or text."""
    if not OWNER_MENTION.fullmatch(owner):
        return escape(owner)
    target, _, label = owner[1:-1].partition("|")
    if target.startswith("#"):
        return owner  # a channel link notifies nobody
    return escape(label) if label else f"`{escape(target.lstrip('@!'))}`"


def owner_mention(owner: str) -> str:
    """The owner as a Slack mention that notifies them, or "" when it names no ID."""
    return owner if OWNER_MENTION.fullmatch(owner) else ""


def with_owner_mentions(reply: Reply, entries: Sequence[ErrorEntry]) -> Reply:
    """The reply headed by a mention of each answered code's owner (a channel rule's choice)."""
    owners: dict[str, list[int]] = {}
    for entry in entries:
        mention = owner_mention(entry.team.owner) if entry.team is not None else ""
        if mention:
            owners.setdefault(mention, []).append(entry.code)
    if not owners:
        return reply
    said = "\n".join(
        f"{mention} owns {', '.join(str(code) for code in codes)} here"
        for mention, codes in owners.items()
    )
    return Reply((*sections(said), *reply.blocks), f"{said}\n{reply.text}")

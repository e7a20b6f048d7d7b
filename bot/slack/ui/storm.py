"""A storm in Slack: one channel-level summary (the code, how many people since when, what a
simultaneous failure usually means, the first checks) and a one-line pointer in each thread."""

from __future__ import annotations

import time

from slack_sdk.models.blocks import Block

from bot.domain import ErrorEntry
from bot.knowledge import KnowledgeBase
from bot.slack.ui.blocks import Reply, actions, context, sections
from bot.slack.ui.cards import entry_buttons, show_buttons
from bot.slack.ui.mrkdwn import escape

FIRST_CHECKS = 3
CENTRAL_CAUSE = "Many people at once point at a central cause, not at their own machines."


def storm_summary(kb: KnowledgeBase, entry: ErrorEntry, count: int, since: float) -> Reply:
    """The channel-level summary of a storm, rewritten with the running count."""
    started = int(since)
    when = f"<!date^{started}^{{time}}|{_utc(started)}>"
    people = "person" if count == 1 else "people"
    title = f":rotating_light: *Storm: {entry.code}* `{entry.name}`"
    lines = [f"{title}\n*{count} {people}* reported it in this channel since {when}."]
    meaning = entry.storm or entry.severity_reason
    lines.append(f"*A central cause is likely.* {escape(meaning)}" if meaning else CENTRAL_CAUSE)
    steps = [*(entry.team.diagnose if entry.team else ()), *entry.diagnose][:FIRST_CHECKS]
    if steps:
        checks = "\n".join(f"{n}. {escape(step)}" for n, step in enumerate(steps, start=1))
        lines.append(f"*First checks*\n{checks}")
    blocks: list[Block] = [*sections("\n\n".join(lines))]
    blocks += actions(entry_buttons(entry, shareable=False))
    related = [kb.by_code[code] for code in entry.related if code in kb.by_code][:5]
    if related:
        blocks += actions(show_buttons(kb, related))
    blocks.append(context("New reports in this channel update this count and get a pointer here."))
    text = f"Storm: {entry.code} {entry.name}, {count} {people} since {_utc(started)}"
    return Reply(tuple(blocks), text)


def storm_pointer(entry: ErrorEntry, count: int, permalink: str) -> Reply:
    """The one line a report gets in its thread while its code storms in the channel."""
    summary = f"<{escape(permalink)}|the storm summary>" if permalink else "the storm summary"
    line = (
        f":rotating_light: {entry.code} `{entry.name}` is failing for {count} people in this "
        f"channel right now: see {summary} for what it means and the first checks."
    )
    return Reply((*sections(line),), f"{entry.code} is storming here: see the channel summary.")


def _utc(epoch: int) -> str:
    return time.strftime("%H:%M UTC", time.gmtime(epoch))

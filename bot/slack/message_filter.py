"""Which channel messages an auto-reply may answer: senders, subtypes, edits, mentions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.slack.payload import BotIdentity, mention_pattern, message_text, thread_of

# Subtypes that are people (or allowed bots) saying something; joins, topic changes,
# deletions and the like are not.
SCANNED_SUBTYPES = frozenset({"thread_broadcast", "file_share", "me_message", "bot_message"})
EDIT = "message_changed"
DELETED = "message_deleted"
TOMBSTONE = "tombstone"


@dataclass(frozen=True)
class Scan:
    """A message worth scanning: where it is, its thread, its text and (for edits) the old text."""

    channel: str
    thread_ts: str
    text: str
    previous: str = ""
    message_ts: str = ""  # the message's own ts (its replies are remembered under it)
    edited: bool = False
    user: str = ""  # who wrote it ("" for a bot's post)
    top_level: bool = False  # not a reply in a thread


def deleted_message(event: Mapping[str, Any]) -> tuple[str, str] | None:
    """(channel, ts) of a message this event deletes: `message_deleted`, or an edit to the
    tombstone Slack leaves where a deleted message had replies; else None."""
    channel = event.get("channel")
    if not isinstance(channel, str) or not channel:
        return None
    if event.get("subtype") == DELETED:
        ts = event.get("deleted_ts")
        return (channel, ts) if isinstance(ts, str) and ts else None
    new = event.get("message")
    if (
        event.get("subtype") == EDIT
        and isinstance(new, Mapping)
        and new.get("subtype") == TOMBSTONE
    ):
        ts = new.get("ts")
        return (channel, ts) if isinstance(ts, str) and ts else None
    return None


def message_to_scan(
    event: Mapping[str, Any], bot: BotIdentity, allowed_bots: frozenset[str]
) -> Scan | None:
    """The part of a message event to scan for codes, or None when the bot must stay quiet."""
    channel = event.get("channel")
    if not isinstance(channel, str) or not channel:
        return None
    subtype = event.get("subtype")
    message, old, previous = event, None, ""
    if subtype == EDIT:
        new, old = event.get("message"), event.get("previous_message")
        message = new if isinstance(new, Mapping) else {}
        previous = message_text(old) if isinstance(old, Mapping) else ""
        subtype = message.get("subtype")
    if subtype is not None and subtype not in SCANNED_SUBTYPES:
        return None
    if not sender_allowed(message, bot, allowed_bots):
        return None
    text = message_text(message)
    edited = event.get("subtype") == EDIT
    if (not text and not edited) or mentions_bot(text, bot):
        return None  # a mention is answered by the app_mention listener, once
    # Some edits arrive without the message's ts: its earlier version still names the thread.
    thread = thread_of(message) or (thread_of(old) if isinstance(old, Mapping) else "")
    if not thread:
        return None  # never a top-level post by accident
    ts = str(message.get("ts") or (old.get("ts") if isinstance(old, Mapping) else "") or "")
    return Scan(
        channel,
        thread,
        text,
        previous,
        message_ts=ts,
        edited=edited,
        user=str(message.get("user") or "") if not message.get("bot_id") else "",
        top_level=not message.get("thread_ts") or message.get("thread_ts") == ts,
    )


def sender_allowed(message: Mapping[str, Any], bot: BotIdentity, allowed: frozenset[str]) -> bool:
    """People yes; this app never; other bots only when allow-listed by bot or app ID."""
    bot_id = message.get("bot_id")
    if message.get("user") == bot.user_id or (bot_id and bot_id == bot.bot_id):
        return False
    if not bot_id and message.get("subtype") != "bot_message":
        return True
    profile = message.get("bot_profile")
    app_id = message.get("app_id") or (
        profile.get("app_id") if isinstance(profile, Mapping) else None
    )
    return bool({bot_id, app_id} & allowed)


def mentions_bot(text: str, bot: BotIdentity) -> bool:
    return bool(bot.user_id) and mention_pattern(bot.user_id).search(text) is not None

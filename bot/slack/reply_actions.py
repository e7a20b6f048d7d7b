"""What a channel message asks of the app: a reply to post, a posted reply to update or delete,
or a storm to start. The auto-replier decides them; the message listener carries them out."""

from __future__ import annotations

from dataclasses import dataclass

from bot.slack.message_filter import Scan
from bot.slack.reply_rules import ChannelSettings
from bot.slack.storms import Starting
from bot.slack.ui.blocks import Reply


@dataclass(frozen=True)
class Outgoing:
    """A reply to post: in which channel, in which thread, and for which codes."""

    channel: str
    thread_ts: str
    reply: Reply
    codes: tuple[int, ...]
    message_ts: str = ""  # the message it answers, so the reply can follow it


@dataclass(frozen=True)
class Update:
    """A posted reply to rewrite in place: its message now names other codes."""

    channel: str
    reply_ts: str
    reply: Reply
    codes: tuple[int, ...]


@dataclass(frozen=True)
class Delete:
    """A posted reply to delete: its message is gone, or names no code any more."""

    channel: str
    reply_ts: str


@dataclass(frozen=True)
class StartStorm:
    """A storm begins: post its summary in the channel, then point the report's thread at it."""

    channel: str
    start: Starting
    summary: Reply
    scan: Scan
    settings: ChannelSettings


# What a message event asks of the app.
Action = Outgoing | Update | Delete | StartStorm

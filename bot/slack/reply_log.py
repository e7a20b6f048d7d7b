"""Which replies the app posted for which message, kept in the store so that any replica can
update or delete them when the message is edited or deleted."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import NamedTuple

from bot.runtime.store import Store, StoreError

logger = logging.getLogger(__name__)

# How long a reply can still follow its message: edits and deletions come within days.
REPLY_MEMORY_SECONDS = 3 * 24 * 3600.0


class PostedReply(NamedTuple):
    """A reply the app posted: its own ts, the thread it is in, the codes it answers."""

    ts: str
    thread_ts: str
    codes: tuple[int, ...]


class ReplyLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def replies_to(self, channel: str, message_ts: str) -> list[PostedReply]:
        """The app's replies to one message, oldest first ([] when unknown or unreadable)."""
        try:
            raw = self._store.get(_key(channel, message_ts))
        except StoreError as error:
            logger.warning("could not read the replies to %s: %s", message_ts, error)
            return []
        if not raw:
            return []
        try:
            return [
                PostedReply(r["ts"], r["thread_ts"], tuple(r["codes"])) for r in json.loads(raw)
            ]
        except (ValueError, KeyError, TypeError):
            logger.warning("unreadable reply record for %s ignored", message_ts)
            return []

    def remember(self, channel: str, message_ts: str, reply: PostedReply) -> None:
        self.replace(channel, message_ts, [*self.replies_to(channel, message_ts), reply])

    def replace(self, channel: str, message_ts: str, replies: Sequence[PostedReply]) -> None:
        """The message's replies are now these (none: it has no reply left)."""
        key = _key(channel, message_ts)
        try:
            if replies:
                records = [r._asdict() | {"codes": list(r.codes)} for r in replies]
                self._store.put(key, json.dumps(records), REPLY_MEMORY_SECONDS)
            else:
                self._store.release(key)
        except StoreError as error:  # the reply then simply stops following its message
            logger.warning("could not record the replies to %s: %s", message_ts, error)


def _key(channel: str, message_ts: str) -> str:
    return f"reply:{channel}:{message_ts}"

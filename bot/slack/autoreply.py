"""Auto-replies: which codes in a channel message get an answer, where, and how often."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.detect import find_codes
from bot.knowledge import KnowledgeBase
from bot.runtime.metrics import Metrics
from bot.runtime.store import Store, StoreError
from bot.slack.message_filter import message_to_scan
from bot.slack.payload import BotIdentity
from bot.slack.reply_rules import AutoReplyRules
from bot.slack.ui.answer import codes_reply
from bot.slack.ui.blocks import Reply

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    """A reply to post: in which channel, in which thread, and for which codes."""

    channel: str
    thread_ts: str
    reply: Reply
    codes: tuple[int, ...]


class AutoReplier:
    """Turns message events into at most one threaded reply, honouring config and cooldowns."""

    def __init__(
        self,
        config: AutoReplyRules,
        store: Store,
        channel_name: Callable[[str], str | None],
        metrics: Metrics,
    ) -> None:
        self._config = config
        self._metrics = metrics
        self._store = store
        self._channel_name = channel_name

    def reply_for(
        self, kb: KnowledgeBase, event: Mapping[str, Any], bot: BotIdentity
    ) -> Outgoing | None:
        """The reply a message event deserves, or None (most messages deserve none)."""
        if not self._config.enabled:
            return None
        scan = message_to_scan(event, bot, self._config.allowed_bots)
        if scan is None:
            return None
        codes = find_codes(kb, scan.text)
        if codes and scan.previous:
            before = set(find_codes(kb, scan.previous))
            codes = [code for code in codes if code not in before]  # an edit: new codes only
        codes = [code for code in codes if self._severe_enough(kb, code)]
        if not codes or not self._channel_allowed(scan.channel):
            return None
        fresh = self.claim(scan.channel, scan.thread_ts, codes)
        if not fresh:
            return None
        return Outgoing(scan.channel, scan.thread_ts, codes_reply(kb, fresh), tuple(fresh))

    def claim(self, channel: str, thread_ts: str, codes: Iterable[int]) -> list[int]:
        """The codes not answered in this thread within the cooldown; they now count as answered."""
        ttl = self._config.cooldown_seconds
        fresh = []
        for code in codes:
            if self._store.set_if_absent(_cooldown_key(channel, thread_ts, code), ttl):
                fresh.append(code)
            else:
                self._metrics.suppressed.labels("cooldown").inc()
        return fresh

    def release(self, channel: str, thread_ts: str, codes: Iterable[int]) -> None:
        """Give back the claims of a reply that did not reach Slack, so a later message is
        answered instead of being held back by a cooldown nobody saw."""
        for code in codes:
            try:
                self._store.release(_cooldown_key(channel, thread_ts, code))
            except StoreError as error:  # the claim then simply expires with its cooldown
                logger.warning("could not release the cooldown of %s: %s", code, error)

    def _severe_enough(self, kb: KnowledgeBase, code: int) -> bool:
        minimum = self._config.min_severity
        if minimum is None:
            return True
        severity = kb.by_code[code].severity
        return severity is not None and severity.rank >= minimum.rank

    def _channel_allowed(self, channel: str) -> bool:
        config = self._config
        if not config.restricted or channel in config.channel_ids:
            return True
        if not config.channel_patterns:
            return False
        return config.allows_channel(channel, self._channel_name(channel))


def _cooldown_key(channel: str, thread_ts: str, code: int) -> str:
    return f"cooldown:{channel}:{thread_ts}:{code}"

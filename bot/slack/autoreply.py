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
from bot.slack.reply_rules import AutoReplyRules, ChannelSettings
from bot.slack.ui.answer import codes_reply
from bot.slack.ui.blocks import Reply
from bot.slack.ui.team import with_owner_mentions

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
        config = self._config
        if not config.enabled and not any(rule.auto_reply for rule in config.rules):
            return None
        scan = message_to_scan(event, bot, config.allowed_bots)
        if scan is None:
            return None
        codes = find_codes(kb, scan.text)
        if codes and scan.previous:
            before = set(find_codes(kb, scan.previous))
            codes = [code for code in codes if code not in before]  # an edit: new codes only
        if not codes:
            return None
        settings = self.settings_for(scan.channel)
        codes = [code for code in codes if _severe_enough(kb, code, settings)]
        if not codes or not settings.auto_reply:
            return None
        fresh = self.claim(scan.channel, scan.thread_ts, codes, settings)
        if not fresh:
            return None
        reply = self.owned(kb, codes_reply(kb, fresh), fresh, settings)
        return Outgoing(scan.channel, scan.thread_ts, reply, tuple(fresh))

    def settings_for(self, channel: str) -> ChannelSettings:
        """The auto-reply settings in this channel (its first matching rule, else global)."""
        return self._config.settings_for(channel, lambda: self._channel_name(channel))

    def owned(
        self, kb: KnowledgeBase, reply: Reply, codes: Iterable[int], settings: ChannelSettings
    ) -> Reply:
        """The reply with the codes' owners mentioned, where the channel's rule asks for it."""
        if not settings.mention_owner:
            return reply
        return with_owner_mentions(
            reply, [kb.by_code[code] for code in codes if code in kb.by_code]
        )

    def claim(
        self,
        channel: str,
        thread_ts: str,
        codes: Iterable[int],
        settings: ChannelSettings | None = None,
    ) -> list[int]:
        """The codes not answered in this thread within the cooldown; they now count as answered."""
        ttl = (settings or self.settings_for(channel)).cooldown_seconds
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


def _severe_enough(kb: KnowledgeBase, code: int, settings: ChannelSettings) -> bool:
    """Whether the code's effective severity (a team's override included) is high enough."""
    minimum = settings.min_severity
    if minimum is None:
        return True
    severity = kb.by_code[code].severity
    return severity is not None and severity.rank >= minimum.rank


def _cooldown_key(channel: str, thread_ts: str, code: int) -> str:
    return f"cooldown:{channel}:{thread_ts}:{code}"

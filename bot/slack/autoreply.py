"""Auto-replies: which codes in a channel message get an answer, where, and how often; and how
a reply follows its message when the message is edited or deleted."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.detect import find_codes
from bot.knowledge import KnowledgeBase
from bot.runtime.metrics import Metrics
from bot.runtime.store import Store, StoreError
from bot.slack.message_filter import Scan, deleted_message, message_to_scan
from bot.slack.payload import BotIdentity
from bot.slack.reply_actions import Action, Delete, Outgoing, StartStorm, Update
from bot.slack.reply_log import PostedReply, ReplyLog
from bot.slack.reply_rules import AutoReplyRules, ChannelSettings
from bot.slack.storms import Starting, Storm, Storms, reporters
from bot.slack.ui.answer import codes_reply
from bot.slack.ui.blocks import Reply
from bot.slack.ui.storm import storm_pointer, storm_summary
from bot.slack.ui.team import with_owner_mentions

logger = logging.getLogger(__name__)


class AutoReplier:
    """Turns message events into replies to post, update or delete, honouring config,
    cooldowns and storms."""

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
        self.replies = ReplyLog(store)
        self.storms = Storms(store)

    def actions_for(
        self, kb: KnowledgeBase, event: Mapping[str, Any], bot: BotIdentity
    ) -> list[Action]:
        """What a message event asks for: a reply, or keeping posted replies in step with an
        edited or deleted message."""
        deleted = deleted_message(event)
        if deleted is not None:
            return self._follow_deletion(*deleted)
        scan = message_to_scan(event, bot, self._config.allowed_bots)
        if scan is None:
            return []
        if scan.edited and scan.message_ts:
            posted = self.replies.replies_to(scan.channel, scan.message_ts)
            if posted:
                return self._follow_edit(kb, scan, posted)
        return self._replies_for(kb, scan)

    def posted(self, out: Outgoing, reply_ts: str) -> None:
        """Remember a reply that reached Slack, so that it follows its message."""
        if out.message_ts:
            reply = PostedReply(reply_ts, out.thread_ts, out.codes)
            self.replies.remember(out.channel, out.message_ts, reply)

    def _follow_deletion(self, channel: str, message_ts: str) -> list[Action]:
        posted = self.replies.replies_to(channel, message_ts)
        if not posted:
            return []
        self.replies.replace(channel, message_ts, [])
        for reply in posted:
            self.release(channel, reply.thread_ts, reply.codes)
        self._metrics.followups.labels("deleted").inc()
        return [Delete(channel, reply.ts) for reply in posted]

    def _follow_edit(
        self, kb: KnowledgeBase, scan: Scan, posted: list[PostedReply]
    ) -> list[Action]:
        """An answered message was edited: answer its current codes in the first reply."""
        settings = self.settings_for(scan.channel)
        current = [c for c in find_codes(kb, scan.text) if _severe_enough(kb, c, settings)]
        answered = {code for reply in posted for code in reply.codes}
        removed = answered - set(current)
        if not removed:
            added = [code for code in current if code not in answered]
            out = self._reply(kb, scan, added, settings) if added else None
            return [out] if out is not None else []
        for reply in posted:  # an edited-away code may be answered again later
            self.release(scan.channel, reply.thread_ts, [c for c in reply.codes if c in removed])
        first, *rest = posted
        deletions: list[Action] = [Delete(scan.channel, reply.ts) for reply in rest]
        if not current:
            self.replies.replace(scan.channel, scan.message_ts, [])
            self._metrics.followups.labels("deleted").inc()
            return [Delete(scan.channel, first.ts), *deletions]
        self.claim(scan.channel, first.thread_ts, [c for c in current if c not in answered])
        kept = PostedReply(first.ts, first.thread_ts, tuple(current))
        self.replies.replace(scan.channel, scan.message_ts, [kept])
        self._metrics.followups.labels("updated").inc()
        answer = self.owned(kb, codes_reply(kb, current), current, settings)
        return [Update(scan.channel, first.ts, answer, tuple(current)), *deletions]

    def _replies_for(self, kb: KnowledgeBase, scan: Scan) -> list[Action]:
        """What a new or edited message deserves: usually nothing, else one threaded reply;
        in a storm, a pointer to the storm's summary (and the summary, posted or updated)."""
        if not self._config.replies_anywhere:
            return []
        codes = find_codes(kb, scan.text)
        if codes and scan.previous:
            before = set(find_codes(kb, scan.previous))
            codes = [code for code in codes if code not in before]  # an edit: new codes only
        if not codes:
            return []
        settings = self.settings_for(scan.channel)
        codes = [code for code in codes if _severe_enough(kb, code, settings)]
        if not codes or not settings.auto_reply:
            return []
        found: list[Action] = []
        if scan.top_level and not scan.edited:
            codes, found = self._storming(kb, scan, codes, settings)
        out = self._reply(kb, scan, codes, settings)
        return [*found, out] if out is not None else found

    def _storming(
        self, kb: KnowledgeBase, scan: Scan, codes: list[int], settings: ChannelSettings
    ) -> tuple[list[int], list[Action]]:
        """The codes still to answer as usual, and the storm actions for the others."""
        who = reporters(scan.user, scan.text)
        rest: list[int] = []
        found: list[Action] = []
        for code in codes:
            seen = self.storms.observe(scan.channel, code, who, settings.storm)
            entry = kb.by_code[code]
            if isinstance(seen, Starting):
                summary = storm_summary(kb, entry, seen.count, seen.since)
                found.append(StartStorm(scan.channel, seen, summary, scan, settings))
            elif isinstance(seen, Storm):
                update = storm_summary(kb, entry, seen.count, seen.since)
                found.append(Update(scan.channel, seen.summary_ts, update, (code,)))
                pointer = self.storm_pointer(kb, scan, seen, settings)
                if pointer is not None:
                    found.append(pointer)
            else:
                rest.append(code)
        return rest, found

    def storm_pointer(
        self, kb: KnowledgeBase, scan: Scan, storm: Storm, settings: ChannelSettings
    ) -> Outgoing | None:
        """The pointer a report gets in its thread while its code storms (once per thread)."""
        if not self.claim(scan.channel, scan.thread_ts, [storm.code], settings):
            return None
        reply = storm_pointer(kb.by_code[storm.code], storm.count, storm.permalink)
        return Outgoing(scan.channel, scan.thread_ts, reply, (storm.code,), scan.message_ts)

    def _reply(
        self, kb: KnowledgeBase, scan: Scan, codes: list[int], settings: ChannelSettings
    ) -> Outgoing | None:
        if not codes:
            return None
        fresh = self.claim(scan.channel, scan.thread_ts, codes, settings)
        if not fresh:
            return None
        reply = self.owned(kb, codes_reply(kb, fresh), fresh, settings)
        return Outgoing(scan.channel, scan.thread_ts, reply, tuple(fresh), scan.message_ts)

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

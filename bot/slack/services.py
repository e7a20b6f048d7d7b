"""What every listener shares: the knowledge, the auto-reply rules, delivery, metrics, the pool."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.runtime.gaps import GapLog
from bot.runtime.metrics import Metrics
from bot.runtime.reload import KnowledgeSource
from bot.slack.autoreply import AutoReplier
from bot.slack.delivery import Delivery
from bot.slack.payload import BotIdentity
from bot.slack.reply_rules import AutoReplyRules
from bot.slack.transport.handoff import hand_off

logger = logging.getLogger(__name__)

# The work a listener does after the ack: the knowledge base as of the request (read once,
# so a reload can never mix two versions in one answer), the request body, a Web API client,
# and who the bot is.
Work = Callable[[KnowledgeBase, dict[str, Any], WebClient, BotIdentity], None]
Listener = Callable[[Ack, dict[str, Any], WebClient, BoltContext], None]


@dataclass(frozen=True)
class Services:
    knowledge: KnowledgeSource
    rules: AutoReplyRules
    auto_replier: AutoReplier
    delivery: Delivery
    metrics: Metrics
    executor: Executor
    gaps: GapLog

    def after_ack(self, surface: str, work: Work) -> Listener:
        """A Bolt listener that acks at once and hands `work` to the pool.

        `surface` labels the request in the metrics. Bolt's lazy listeners do the same but
        deep-copy every request first, which costs more than the ack itself; the body is only
        read here, so it is shared as it is.
        """
        requests = self.metrics.requests.labels(surface)

        def listener(
            ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
        ) -> None:
            ack()
            requests.inc()
            bot = BotIdentity(user_id=context.bot_user_id or "", bot_id=context.bot_id or "")
            kb = self.knowledge.current
            hand_off(partial(self.executor.submit, _run, surface, work, kb, body, client, bot))

        listener.__name__ = listener.__qualname__ = f"handle_{surface}"
        return listener


def _run(
    surface: str,
    work: Work,
    kb: KnowledgeBase,
    body: dict[str, Any],
    client: WebClient,
    bot: BotIdentity,
) -> None:
    try:
        work(kb, body, client, bot)
    except Exception:  # the pool would swallow it silently; one bad request must be visible
        logger.exception("the %s listener failed", surface)

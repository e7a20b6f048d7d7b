"""What every listener shares: the knowledge base, the auto-reply rules, and the work pool."""

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
from bot.runtime.metrics import get_metrics
from bot.runtime.reload import KnowledgeSource
from bot.slack.autoreply import AutoReplier
from bot.slack.payload import BotIdentity
from bot.slack.reply_rules import AutoReplyRules
from bot.slack.transport.handoff import hand_off

logger = logging.getLogger(__name__)

# The work a listener does after the ack: the request body, a Web API client, who the bot is.
Work = Callable[[dict[str, Any], WebClient, BotIdentity], None]
Listener = Callable[[Ack, dict[str, Any], WebClient, BoltContext], None]


@dataclass(frozen=True)
class Services:
    knowledge: KnowledgeSource
    rules: AutoReplyRules
    auto_replier: AutoReplier
    executor: Executor

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge as of now: a reload swaps it between two requests, never within one."""
        return self.knowledge.current

    def after_ack(self, work: Work) -> Listener:
        """A Bolt listener that acks at once and hands `work` to the pool.

        Bolt's lazy listeners do the same but deep-copy every request first, which costs more
        than the ack itself; the body is only read here, so it is shared as it is.
        """

        surface = work.__name__.removeprefix("handle_")
        requests = get_metrics().requests

        def listener(
            ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
        ) -> None:
            ack()
            requests.labels(surface).inc()
            bot = BotIdentity(user_id=context.bot_user_id or "", bot_id=context.bot_id or "")
            hand_off(partial(self.executor.submit, _run, work, body, client, bot))

        listener.__name__ = listener.__qualname__ = work.__name__
        return listener


def _run(work: Work, body: dict[str, Any], client: WebClient, bot: BotIdentity) -> None:
    try:
        work(body, client, bot)
    except Exception:  # the pool would swallow it silently; one bad request must be visible
        logger.exception("%s failed", work.__name__)

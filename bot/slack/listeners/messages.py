"""Channel messages: auto-replies in the thread for the error codes a message mentions."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack.payload import BotIdentity
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def handle_message(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        replier = services.auto_replier
        out = replier.reply_for(kb, body.get("event") or {}, bot)
        if out is None:
            return
        if services.delivery.post_message(client, out.channel, out.reply, out.thread_ts):
            services.metrics.auto_replies.inc()
        else:  # the cooldown must not hold back an answer that never arrived
            replier.release(out.channel, out.thread_ts, out.codes)

    # Every subtype (edits, joins, bot posts...) lands here so each one is acknowledged.
    app.event("message")(services.after_ack("message", handle_message))

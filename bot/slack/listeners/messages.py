"""Channel messages: auto-replies in the thread for the IPsec codes a message mentions."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.runtime.metrics import get_metrics
from bot.slack.delivery import post_message
from bot.slack.payload import BotIdentity
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def handle_message(body: dict[str, Any], client: WebClient, bot: BotIdentity) -> None:
        outgoing = services.auto_replier.reply_for(body.get("event") or {}, bot)
        if outgoing is not None and post_message(
            client, outgoing.channel, outgoing.reply, outgoing.thread_ts
        ):
            get_metrics().auto_replies.inc()

    # Every subtype (edits, joins, bot posts...) lands here so each one is acknowledged.
    app.event("message")(services.after_ack(handle_message))

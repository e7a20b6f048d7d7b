"""Channel messages: auto-replies in the thread for the error codes a message mentions, kept
in step with the message when it is edited or deleted."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack.autoreply import Delete, Outgoing, Update
from bot.slack.payload import BotIdentity
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def handle_message(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        replier, delivery = services.auto_replier, services.delivery
        for action in replier.actions_for(kb, body.get("event") or {}, bot):
            match action:
                case Outgoing():
                    ts = delivery.post_message_ts(
                        client, action.channel, action.reply, action.thread_ts
                    )
                    if ts:
                        services.metrics.auto_replies.inc()
                        replier.posted(action, ts)
                    else:  # the cooldown must not hold back an answer that never arrived
                        replier.release(action.channel, action.thread_ts, action.codes)
                case Update():
                    delivery.update_message(client, action.channel, action.reply_ts, action.reply)
                case Delete():
                    delivery.delete_message(client, action.channel, action.reply_ts)

    # Every subtype (edits, joins, bot posts...) lands here so each one is acknowledged.
    app.event("message")(services.after_ack("message", handle_message))

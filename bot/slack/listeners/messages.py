"""Channel messages: auto-replies in the thread for the error codes a message mentions, kept
in step with the message when it is edited or deleted."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack.payload import BotIdentity
from bot.slack.reply_actions import Delete, Outgoing, StartStorm, Update
from bot.slack.services import Services


def register(app: App, services: Services) -> None:
    def handle_message(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        replier, delivery = services.auto_replier, services.delivery

        def post(out: Outgoing) -> None:
            ts = delivery.post_message_ts(client, out.channel, out.reply, out.thread_ts)
            if ts:
                services.metrics.auto_replies.inc()
                replier.posted(out, ts)
            else:  # the cooldown must not hold back an answer that never arrived
                replier.release(out.channel, out.thread_ts, out.codes)

        for action in replier.actions_for(kb, body.get("event") or {}, bot):
            match action:
                case Outgoing():
                    post(action)
                case Update():
                    delivery.update_message(client, action.channel, action.reply_ts, action.reply)
                case Delete():
                    delivery.delete_message(client, action.channel, action.reply_ts)
                case StartStorm():
                    # A channel-level summary: no thread_ts.
                    ts = delivery.post_message_ts(client, action.channel, action.summary)
                    if not ts:
                        replier.storms.abandoned(action.channel, action.start)
                        continue
                    services.metrics.storms.inc()
                    link = delivery.permalink(client, action.channel, ts)
                    storm = replier.storms.started(
                        action.channel, action.start, ts, link, action.settings.storm
                    )
                    pointer = replier.storm_pointer(kb, action.scan, storm, action.settings)
                    if pointer is not None:
                        post(pointer)

    # Every subtype (edits, joins, bot posts...) lands here so each one is acknowledged.
    app.event("message")(services.after_ack("message", handle_message))

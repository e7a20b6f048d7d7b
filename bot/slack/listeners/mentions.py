"""@ikeerr QUERY in a channel or thread: answered in the thread, for everyone."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack.delivery import post_message
from bot.slack.message_filter import sender_allowed
from bot.slack.payload import BotIdentity, thread_of
from bot.slack.services import Services
from bot.slack.ui.answer import mention_answer


def register(app: App, services: Services) -> None:
    def handle_mention(body: dict[str, Any], client: WebClient, bot: BotIdentity) -> None:
        event = body.get("event") or {}
        if not sender_allowed(event, bot, services.rules.allowed_bots):
            return
        reply, codes = mention_answer(services.kb, str(event.get("text", "")), bot.user_id)
        channel, thread = str(event.get("channel", "")), thread_of(event)
        services.auto_replier.claim(channel, thread, codes)  # no auto-reply repeats the answer
        post_message(client, channel, reply, thread)

    app.event("app_mention")(services.after_ack(handle_mention))

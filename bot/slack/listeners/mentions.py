"""@ikeerr QUERY in a channel or thread: answered in the thread, for everyone."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack.message_filter import sender_allowed
from bot.slack.payload import BotIdentity, thread_of
from bot.slack.services import Services
from bot.slack.ui.answer import mention_answer


def register(app: App, services: Services) -> None:
    def handle_mention(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        event = body.get("event") or {}
        if not sender_allowed(event, bot, services.rules.allowed_bots):
            return
        text = str(event.get("text", ""))
        reply, codes = mention_answer(kb, text, bot.user_id, services.metrics, services.gaps)
        channel, thread = str(event.get("channel", "")), thread_of(event)
        replier = services.auto_replier
        settings = replier.settings_for(channel)
        reply = replier.owned(kb, reply, codes, settings)
        claimed = replier.claim(channel, thread, codes, settings)  # no auto-reply repeats it
        if not services.delivery.post_message(client, channel, reply, thread):
            replier.release(channel, thread, claimed)

    app.event("app_mention")(services.after_ack("mention", handle_mention))

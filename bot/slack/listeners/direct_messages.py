"""Messages to the bot in its DM (App Home's messages tab): answered like /ikeerr, in the DM."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack.payload import BotIdentity, message_text, strip_mention
from bot.slack.services import Services
from bot.slack.ui.answer import direct_answer

# What a person typing to the bot produces; edits, deletions and joins are not new questions.
_ASKED_SUBTYPES = frozenset({None, "file_share", "me_message"})


def is_direct_message(body: Mapping[str, Any]) -> bool:
    event = body.get("event")
    return isinstance(event, Mapping) and event.get("channel_type") == "im"


def question_in(event: Mapping[str, Any], bot: BotIdentity) -> str | None:
    """The question a DM asks, or None: bots (any bot, this app too) and edits get no answer."""
    if event.get("subtype") not in _ASKED_SUBTYPES:
        return None
    if event.get("bot_id") or not event.get("user") or event.get("user") == bot.user_id:
        return None
    text = strip_mention(message_text(event), bot.user_id) if bot.user_id else message_text(event)
    return text.strip() or None


def register(app: App, services: Services) -> None:
    def handle_direct_message(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        event = body.get("event") or {}
        question = question_in(event, bot)
        channel = event.get("channel")
        if question is None or not isinstance(channel, str) or not channel:
            return
        reply = direct_answer(kb, question, services.metrics, services.gaps)
        services.delivery.post_message(client, channel, reply, str(event.get("thread_ts") or ""))

    # Registered before the channel-message listener: Bolt runs the first listener that matches.
    app.event("message", matchers=[is_direct_message])(
        services.after_ack("dm", handle_direct_message)
    )

"""The "Explain IPsec errors" message shortcut: a modal explaining the message's codes."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.detect import find_codes
from bot.knowledge import KnowledgeBase
from bot.slack import ids
from bot.slack.payload import BotIdentity, message_text, shortcut_target
from bot.slack.services import Services
from bot.slack.ui.answer import explain_codes
from bot.slack.ui.views import explain_modal


def register(app: App, services: Services) -> None:
    def handle_shortcut(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        message = body.get("message")
        text = message_text(message) if isinstance(message, dict) else ""
        reply = explain_codes(kb, find_codes(kb, text))
        view = explain_modal(reply, shortcut_target(body))
        services.delivery.open_view(client, str(body.get("trigger_id", "")), view)

    app.shortcut(ids.SHORTCUT_EXPLAIN)(services.after_ack("shortcut", handle_shortcut))

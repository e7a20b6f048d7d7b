"""The "Explain IPsec errors" message shortcut: a modal explaining the message's codes."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.detect.detector import find_codes
from bot.slack import ids
from bot.slack.delivery import open_view
from bot.slack.payload import BotIdentity, message_text, shortcut_target
from bot.slack.services import Services
from bot.slack.ui.answer import explain_codes
from bot.slack.ui.views import explain_modal


def register(app: App, services: Services) -> None:
    def handle_shortcut(body: dict[str, Any], client: WebClient, bot: BotIdentity) -> None:
        message = body.get("message")
        text = message_text(message) if isinstance(message, dict) else ""
        reply = explain_codes(services.kb, find_codes(services.kb, text))
        view = explain_modal(reply, shortcut_target(body))
        open_view(client, str(body.get("trigger_id", "")), view)

    app.shortcut(ids.SHORTCUT_EXPLAIN)(services.after_ack(handle_shortcut))

"""/ikeerr QUERY: answered privately through the command's response URL."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack import ids
from bot.slack.payload import BotIdentity
from bot.slack.services import Services
from bot.slack.ui.answer import answer_query


def register(app: App, services: Services) -> None:
    def handle_command(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        query = str(body.get("text", ""))
        reply = answer_query(kb, query, services.metrics, shareable=True, gaps=services.gaps)
        services.delivery.post_response(str(body.get("response_url", "")), reply)

    app.command(ids.COMMAND)(services.after_ack("command", handle_command))

"""The App Home tab: published when opened, and again with results when someone searches."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack import ids
from bot.slack.delivery import publish_home
from bot.slack.payload import BotIdentity, click_of, safe_user_id
from bot.slack.services import Services
from bot.slack.ui.answer import answer_query
from bot.slack.ui.views import home_view


def register(app: App, services: Services) -> None:
    def handle_home_opened(body: dict[str, Any], client: WebClient, bot: BotIdentity) -> None:
        event = body.get("event") or {}
        user = safe_user_id(event.get("user"))
        if event.get("tab", "home") == "home" and user:
            publish_home(client, user, home_view(services.kb))

    def handle_home_search(body: dict[str, Any], client: WebClient, bot: BotIdentity) -> None:
        click, user = click_of(body), safe_user_id((body.get("user") or {}).get("id"))
        query = click.value if click is not None else ""
        found = answer_query(services.kb, query, shareable=False) if query.strip() else None
        if user:
            publish_home(client, user, home_view(services.kb, found, query))

    app.event("app_home_opened")(services.after_ack(handle_home_opened))
    app.action(ids.action_pattern(ids.ACTION_SEARCH))(services.after_ack(handle_home_search))

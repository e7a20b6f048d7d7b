"""The App Home tab: published when opened, and again with results when someone searches."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from bot.knowledge import KnowledgeBase
from bot.runtime.store import StoreError
from bot.slack import ids
from bot.slack.payload import BotIdentity, click_of, safe_user_id
from bot.slack.services import Services
from bot.slack.ui.answer import answer_query
from bot.slack.ui.blocks import sections
from bot.slack.ui.views import gap_report, home_view

# What admins see in App Home: the most frequent gaps of the last days, the latest comments.
ADMIN_DAYS = 7
ADMIN_GAPS = 15
ADMIN_COMMENTS = 5


def register(app: App, services: Services) -> None:
    def handle_home_opened(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        event = body.get("event") or {}
        user = safe_user_id(event.get("user"))
        if event.get("tab", "home") == "home" and user:
            services.delivery.publish_home(client, user, home_view(kb, admin=_admin(user)))

    def handle_home_search(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        click, user = click_of(body), safe_user_id((body.get("user") or {}).get("id"))
        query = click.value if click is not None else ""
        found = None
        if query.strip():
            found = answer_query(kb, query, services.metrics, shareable=False, gaps=services.gaps)
        if user:
            view = home_view(kb, found, query, admin=_admin(user))
            services.delivery.publish_home(client, user, view)

    def _admin(user: str) -> list[Block]:
        """The gap report, for the admins IKEERR_CONFIG names (nobody else)."""
        if user not in services.rules.admins:
            return []
        try:
            found = services.gaps.top(ADMIN_DAYS, ADMIN_GAPS)
            said = services.gaps.comments(ADMIN_COMMENTS)
        except StoreError:
            return [*sections("_The gap report is unavailable: the store does not answer._")]
        return gap_report(found, said, ADMIN_DAYS)

    app.event("app_home_opened")(services.after_ack("home_opened", handle_home_opened))
    search = services.after_ack("home_search", handle_home_search)
    app.action(ids.action_pattern(ids.ACTION_SEARCH))(search)

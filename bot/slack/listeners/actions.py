"""Buttons: how to diagnose, how to fix, share in channel, and explain (did you mean, related)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.slack import ids
from bot.slack.payload import BotIdentity, click_of, origin_of
from bot.slack.route import answer_privately, share_publicly
from bot.slack.services import Services
from bot.slack.ui.answer import button_answer

logger = logging.getLogger(__name__)


def register(app: App, services: Services) -> None:
    def handle_action(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        click, origin = click_of(body), origin_of(body)
        entry = kb.get(click.code) if click and click.code is not None else None
        if click is None or entry is None:
            logger.info("button for an unknown code ignored: %s", click)
            return
        shareable = origin.kind != "home"
        reply, public = button_answer(kb, click.family, entry, origin.user, shareable=shareable)
        deliver = share_publicly if public else answer_privately
        deliver(services.delivery, client, origin, reply)

    for family in ids.BUTTON_ACTIONS:
        app.action(ids.action_pattern(family))(services.after_ack("action", handle_action))

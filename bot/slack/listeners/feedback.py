"""Helpful? yes / no on every answer: counted per code, and "no" asks what was wrong or missing,
which goes into the gap report with the vote."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.runtime.gaps import GapKind
from bot.slack import ids
from bot.slack.payload import BotIdentity, click_of, origin_of
from bot.slack.route import answer_privately
from bot.slack.services import Services
from bot.slack.ui.blocks import Reply, sections
from bot.slack.ui.views import feedback_modal

THANKS = "Thanks: noted. It helps decide what to improve next."


def register(app: App, services: Services) -> None:
    def handle_vote(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        click, origin = click_of(body), origin_of(body)
        entry = kb.get(click.code) if click is not None and click.code is not None else None
        if click is None or entry is None:
            return
        helpful = click.family == ids.ACTION_FEEDBACK_YES
        services.metrics.feedback.labels(str(entry.code), "yes" if helpful else "no").inc()
        if helpful:
            answer_privately(services.delivery, client, origin, Reply((*sections(THANKS),), THANKS))
            return
        services.gaps.record(GapKind.NOT_HELPFUL, f"{entry.code} {entry.name}")
        if origin.trigger_id:
            services.delivery.open_view(client, origin.trigger_id, feedback_modal(entry))

    def handle_comment(
        kb: KnowledgeBase, body: dict[str, Any], client: WebClient, bot: BotIdentity
    ) -> None:
        view = body.get("view") or {}
        try:
            code = int(json.loads(view.get("private_metadata") or "{}").get("code"))
        except (TypeError, ValueError):
            return
        state = (view.get("state") or {}).get("values") or {}
        said = ((state.get(ids.FEEDBACK_INPUT) or {}).get(ids.FEEDBACK_INPUT) or {}).get("value")
        if code in kb.by_code and isinstance(said, str):
            services.gaps.comment(code, said)

    vote = services.after_ack("feedback", handle_vote)
    for family in (ids.ACTION_FEEDBACK_YES, ids.ACTION_FEEDBACK_NO):
        app.action(ids.action_pattern(family))(vote)
    app.view(ids.VIEW_FEEDBACK)(services.after_ack("feedback_comment", handle_comment))

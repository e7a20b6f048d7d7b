"""Everything else Slack may send: acknowledged with 200, so Slack never retries or disables it."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App

from bot.slack.services import Services

logger = logging.getLogger(__name__)

_ANY = re.compile(".*")


def register(app: App, services: Services) -> None:
    def handle_ignored(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        kind = body.get("event", {}).get("type") if "event" in body else body.get("type")
        logger.debug("acknowledged and ignored: %s", kind)

    # Bolt answers 404 to a request no listener matches, and Slack then retries and may turn
    # the subscription off; these match whatever the listeners before them did not.
    app.event(_ANY)(handle_ignored)
    app.action(_ANY)(handle_ignored)
    app.shortcut(_ANY)(handle_ignored)
    app.view(_ANY)(handle_ignored)
    app.options(_ANY)(handle_ignored)

"""Every Slack surface the app answers, registered on one App."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import (
    actions,
    commands,
    direct_messages,
    feedback,
    home,
    ignored,
    mentions,
    messages,
    shortcuts,
)
from bot.slack.services import Services


def register_listeners(app: App, services: Services) -> None:
    """Register each surface; the catch-all for anything else goes last (Bolt takes the first)."""
    for surface in (
        commands,
        direct_messages,
        messages,
        mentions,
        shortcuts,
        home,
        actions,
        feedback,
    ):
        surface.register(app, services)
    ignored.register(app, services)

"""The Slack app manifest matches the code: command, shortcut, events, scopes, one URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.slack import ids
from tests.app.fake_slack import BOT_USER_ID
from tests.app.harness import USER, Harness, message

MANIFEST = Path(__file__).resolve().parents[2] / "deploy" / "slack-app-manifest.yaml"
# A sample event of each type the manifest subscribes to.
SAMPLES: dict[str, dict[str, Any]] = {
    "app_home_opened": {"type": "app_home_opened", "user": USER, "tab": "home"},
    "app_mention": message(f"<@{BOT_USER_ID}> 13801") | {"type": "app_mention"},
    "message.channels": message("vpn error 13801"),
    "message.groups": message("vpn error 13806", channel="G0PRIVATE", channel_type="group"),
    "message.im": message("13868", channel="D0DIRECT", channel_type="im"),
}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return data


def test_command_and_shortcut_match_the_code(manifest: dict[str, Any]) -> None:
    features = manifest["features"]
    assert [c["command"] for c in features["slash_commands"]] == [ids.COMMAND]
    assert [s["callback_id"] for s in features["shortcuts"]] == [ids.SHORTCUT_EXPLAIN]
    assert features["shortcuts"][0]["name"] == "Explain IPsec errors"
    assert features["shortcuts"][0]["type"] == "message"
    assert features["app_home"]["home_tab_enabled"] is True
    # People ask in the bot's DM; a read-only messages tab would refuse their messages.
    assert features["app_home"]["messages_tab_enabled"] is True
    assert features["app_home"]["messages_tab_read_only_enabled"] is False


def test_every_request_url_is_the_one_events_path(manifest: dict[str, Any]) -> None:
    settings = manifest["settings"]
    urls = {
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
        *(c["url"] for c in manifest["features"]["slash_commands"]),
    }
    assert urls == {"https://ikeerr.example.com/slack/events"}
    assert settings["interactivity"]["is_enabled"] is True


def test_scopes_cover_what_the_app_calls(manifest: dict[str, Any]) -> None:
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    needed = {"app_mentions:read", "channels:history", "groups:history", "chat:write", "commands"}
    needed.add("im:history")  # message.im: questions in the bot's DM
    assert needed | {"channels:read", "groups:read"} <= scopes


def test_every_subscribed_event_is_acked_and_handled(
    manifest: dict[str, Any], slack: Harness
) -> None:
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(SAMPLES)
    for name in events:
        assert slack.event(SAMPLES[name]).status == 200, name
    slack.idle()
    assert slack.fake.calls("views.publish") and len(slack.fake.calls("chat.postMessage")) == 4

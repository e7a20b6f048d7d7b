"""Payload shapes from Slack's documentation: Block Kit messages, link previews, odd edits."""

from __future__ import annotations

import json
import logging

import pytest

from bot.slack.reply_rules import AutoReplyRules
from tests.app.conftest import MakeHarness
from tests.app.harness import CHANNEL, Harness, codes_answered, message

MONITOR = {"bot_id": "B0MON", "subtype": "bot_message", "bot_profile": {"app_id": "A0MONITOR"}}


@pytest.fixture
def monitored(make_harness: MakeHarness) -> Harness:
    return make_harness(rules=AutoReplyRules(allowed_bots=frozenset({"A0MONITOR"})))


ALERT_BLOCKS = [
    {"type": "header", "text": {"type": "plain_text", "text": "VPN gateway alert"}},
    {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "*RRAS vpn-01*: IKE negotiation failing"},
        "fields": [
            {"type": "mrkdwn", "text": "*Error code*\n13868"},
            {"type": "mrkdwn", "text": "*Clients*\n412"},
        ],
    },
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "since 09:12 UTC"}]},
]


@pytest.mark.parametrize(
    "shape",
    [
        {"blocks": ALERT_BLOCKS},
        {"attachments": [{"color": "#d00000", "blocks": ALERT_BLOCKS}]},
    ],
    ids=["blocks", "attachment blocks"],
)
def test_a_code_shown_only_in_block_kit_is_answered(monitored: Harness, shape: dict) -> None:
    monitored.event(message("VPN gateway alert", **MONITOR, **shape))
    assert codes_answered(monitored.fake.wait_for("chat.postMessage")[0].body) == ["13868"]


def test_rich_text_is_read_once_alongside_the_text(slack: Harness) -> None:
    rich = [
        {
            "type": "rich_text",
            "elements": [
                {
                    "type": "rich_text_section",
                    "elements": [
                        {"type": "text", "text": "vpn down again, "},
                        {"type": "text", "text": "error 13801", "style": {"code": True}},
                    ],
                },
                {
                    "type": "rich_text_preformatted",
                    "elements": [{"type": "text", "text": "The error code returned is 13806"}],
                },
            ],
        }
    ]
    slack.event(message("vpn down again, `error 13801`", blocks=rich))
    (reply,) = slack.fake.wait_for("chat.postMessage")
    assert codes_answered(reply.body) == ["13801", "13806"]


def test_the_shortcut_explains_a_block_kit_message(slack: Harness) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "ikeerr_explain_message",
        "trigger_id": "trigger.7",
        "channel": {"id": CHANNEL},
        "message": {"type": "message", "text": "alert", "ts": "1700001.1", "blocks": ALERT_BLOCKS},
    }
    slack.interact(payload)
    view = slack.fake.wait_for("views.open")[0].view
    assert "ikeerr_diagnose:13868" in json.dumps(view["blocks"])


def _preview(**extra: object) -> dict:
    return {
        "title": "Troubleshoot Always On VPN",
        "text": "Error 13806 means the client has no machine certificate.",
        **extra,
    }


@pytest.mark.parametrize(
    "preview",
    [
        _preview(from_url="https://learn.example.com/vpn", service_name="Microsoft Learn"),
        _preview(original_url="https://wiki.example.com/vpn"),
        _preview(is_app_unfurl=True, app_unfurl_url="https://tracker.example.com/INC-1"),
        _preview(service_name="Confluence"),
    ],
    ids=["slack unfurl", "original url", "app unfurl", "service"],
)
def test_link_previews_are_not_answered(slack: Harness, preview: dict) -> None:
    ts = "1700002000.000100"
    text = "see <https://learn.example.com/vpn>"
    slack.event(message(text, ts=ts, attachments=[preview]))
    edited = message(text, ts=ts, attachments=[preview])
    unfurled = message("", subtype="message_changed", hidden=True)
    del unfurled["user"], unfurled["text"]
    slack.event(unfurled | {"message": edited, "previous_message": message(text, ts=ts)})
    slack.idle()
    assert slack.fake.calls("chat.postMessage") == []


def test_an_edit_without_its_ts_is_answered_in_the_thread_of_its_earlier_version(
    slack: Harness,
) -> None:
    ts = "1700003000.000100"
    edited = message("vpn error 13801 now", ts=ts)
    del edited["ts"], edited["event_ts"]
    event = message("", subtype="message_changed", hidden=True)
    del event["user"], event["text"]
    slack.event(event | {"message": edited, "previous_message": message("vpn is slow", ts=ts)})
    (reply,) = slack.fake.wait_for("chat.postMessage")
    assert reply.body["thread_ts"] == ts


def test_an_edit_that_names_no_message_is_not_posted_top_level(slack: Harness) -> None:
    edited = message("vpn error 13801 now")
    del edited["ts"], edited["event_ts"]
    event = message("", subtype="message_changed", hidden=True)
    del event["user"], event["text"]
    slack.event(event | {"message": edited})
    slack.idle()
    assert slack.fake.calls("chat.postMessage") == []


@pytest.mark.parametrize("number", ["94070", "4294967296", "0x12345"])
def test_numbers_past_win32_are_said_to_be_no_windows_error(slack: Harness, number: str) -> None:
    slack.command(number)
    (answer,) = slack.fake.wait_for("response/cmd")
    text = answer.body["blocks"][0]["text"]["text"]
    assert "not a Windows error code ikeerr knows" in text and "65535" in text


def test_the_app_starts_without_warnings(
    make_harness: MakeHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-from-the-environment")
    with caplog.at_level(logging.WARNING):
        make_harness()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []

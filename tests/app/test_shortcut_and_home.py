"""The "Explain IPsec errors" message shortcut and the App Home tab."""

from __future__ import annotations

import json

from tests.app.harness import CHANNEL, USER, Harness

THREAD = "1700000000.000200"


def _shortcut(slack: Harness, text: str, **message: object) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "ikeerr_explain_message",
        "trigger_id": "trigger.9",
        "response_url": slack.fake.response_url("sc"),
        "channel": {"id": CHANNEL, "name": "inc-vpn"},
        "message": {"type": "message", "text": text, "ts": "1700000000.000300", **message},
    }
    assert slack.interact(payload).status == 200


def test_shortcut_opens_a_modal_explaining_the_message(slack: Harness) -> None:
    _shortcut(slack, "RasClient 20227: error 13801, then 0x800735EE", thread_ts=THREAD)
    call = slack.fake.wait_for("views.open")[0]
    assert call.body["trigger_id"] == "trigger.9"
    view = call.view
    assert view["type"] == "modal" and view["title"]["text"] == "Explain IPsec errors"
    blocks = json.dumps(view["blocks"])
    assert "ikeerr_diagnose:13801" in blocks and "ikeerr_diagnose:13806" in blocks
    meta = json.loads(view["private_metadata"])
    assert meta == {
        "channel": CHANNEL,
        "thread_ts": THREAD,
        "response_url": slack.fake.response_url("sc"),
    }


def test_shortcut_on_a_single_code_shows_the_full_entry(slack: Harness) -> None:
    _shortcut(slack, "IKE error 13868 on the tunnel")
    view = slack.fake.wait_for("views.open")[0].view
    assert view["blocks"][0]["text"]["text"] == "ERROR_IPSEC_IKE_POLICY_MATCH"


def test_shortcut_on_a_message_without_codes_says_so(slack: Harness) -> None:
    _shortcut(slack, "lunch?")
    view = slack.fake.wait_for("views.open")[0].view
    assert "no VPN or IPsec error codes" in view["blocks"][0]["text"]["text"]


def test_home_tab_is_published_when_opened(slack: Harness) -> None:
    slack.event({"type": "app_home_opened", "user": USER, "channel": "D0HOME", "tab": "home"})
    call = slack.fake.wait_for("views.publish")[0]
    assert call.body["user_id"] == USER
    view = call.view
    assert view["type"] == "home"
    blocks = json.dumps(view["blocks"])
    assert "/ikeerr 13801" in blocks and "ikeerr_search" in blocks and "ikeerr_show:13801" in blocks


def test_opening_the_messages_tab_publishes_nothing(slack: Harness) -> None:
    slack.event({"type": "app_home_opened", "user": USER, "channel": "D0HOME", "tab": "messages"})
    slack.idle()
    assert slack.fake.calls("views.publish") == []


def test_home_search_publishes_the_result(slack: Harness) -> None:
    action = {"action_id": "ikeerr_search", "block_id": "ikeerr_search", "type": "plain_text_input"}
    payload = {
        "type": "block_actions",
        "trigger_id": "trigger.3",
        "container": {"type": "view", "view_id": "V0HOME"},
        "view": {"id": "V0HOME", "type": "home"},
        "actions": [action | {"value": "no machine cert"}],
    }
    slack.interact(payload)
    view = slack.fake.wait_for("views.publish")[0].view
    blocks = json.dumps(view["blocks"])
    assert "Results for" in blocks and "ERROR_IPSEC_IKE_NO_CERT" in blocks

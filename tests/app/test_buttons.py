"""Buttons: diagnose, fix, share in channel, did-you-mean and related codes, from every surface."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.app.fake_slack import BOT_ID
from tests.app.harness import CHANNEL, USER, Harness

THREAD = "1700000000.000100"
REPLY_TS = "1700000300.000001"


def _ephemeral(slack: Harness) -> dict[str, Any]:
    """Clicked in the private answer to /ikeerr."""
    container = {
        "type": "message",
        "message_ts": "1.1",
        "channel_id": CHANNEL,
        "is_ephemeral": True,
    }
    return {
        "container": container,
        "channel": {"id": CHANNEL},
        "response_url": slack.fake.response_url("click"),
    }


def _public(slack: Harness) -> dict[str, Any]:
    """Clicked in an auto-reply, in a thread."""
    container = {
        "type": "message",
        "message_ts": REPLY_TS,
        "channel_id": CHANNEL,
        "is_ephemeral": False,
        "thread_ts": THREAD,
    }
    return {
        "container": container,
        "channel": {"id": CHANNEL},
        "message": {"ts": REPLY_TS, "thread_ts": THREAD, "bot_id": BOT_ID, "text": "..."},
        "response_url": slack.fake.response_url("click"),
    }


def _modal(slack: Harness) -> dict[str, Any]:
    """Clicked in the modal the message shortcut opened."""
    meta = {"channel": CHANNEL, "thread_ts": THREAD, "response_url": slack.fake.response_url("sc")}
    view = {"id": "V0MODAL", "type": "modal", "private_metadata": json.dumps(meta)}
    return {"container": {"type": "view", "view_id": "V0MODAL"}, "view": view}


def _home() -> dict[str, Any]:
    return {
        "container": {"type": "view", "view_id": "V0HOME"},
        "view": {"id": "V0HOME", "type": "home"},
    }


def _texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks)


def test_diagnose_from_the_private_answer_replies_privately(slack: Harness) -> None:
    assert slack.click("ikeerr_diagnose:13801", "13801", **_ephemeral(slack)).status == 200
    body = slack.fake.wait_for("response/click")[0].body
    assert body["response_type"] == "ephemeral" and body["replace_original"] is False
    assert "*How to diagnose* 13801" in body["blocks"][0]["text"]["text"]
    assert "1. " in body["blocks"][1]["text"]["text"]
    assert body["blocks"][-1]["elements"][0]["action_id"] == "ikeerr_fix:13801"


def test_fix_from_an_auto_reply_is_ephemeral_in_the_thread(slack: Harness) -> None:
    slack.click("ikeerr_fix:13801", "13801", **_public(slack))
    body = slack.fake.wait_for("chat.postEphemeral")[0].body
    assert body["channel"] == CHANNEL and body["user"] == USER and body["thread_ts"] == THREAD
    assert "*How to fix* 13801" in body["blocks"][0]["text"]["text"]


def test_ephemeral_failure_falls_back_to_the_response_url(slack: Harness) -> None:
    slack.fake.fail_next("chat.postEphemeral", error="channel_not_found")
    slack.click("ikeerr_fix:13801", "13801", **_public(slack))
    assert "How to fix" in slack.fake.wait_for("response/click")[0].body["text"]


def test_share_from_the_private_answer_posts_for_everyone(slack: Harness) -> None:
    slack.click("ikeerr_share:13801", "13801", **_ephemeral(slack))
    body = slack.fake.wait_for("response/click")[0].body
    assert body["response_type"] == "in_channel" and body["replace_original"] is False
    assert body["blocks"][0]["text"]["text"] == "ERROR_IPSEC_IKE_AUTH_FAIL"
    assert f"Shared by <@{USER}>" in _texts(body["blocks"])
    assert "ikeerr_share" not in _texts(body["blocks"]), "a shared answer is already public"


def test_share_from_an_auto_reply_posts_the_full_entry_in_the_thread(slack: Harness) -> None:
    slack.click("ikeerr_share:13806", "13806", **_public(slack))
    body = slack.fake.wait_for("chat.postMessage")[0].body
    assert body["channel"] == CHANNEL and body["thread_ts"] == THREAD
    assert body["blocks"][0]["text"]["text"] == "ERROR_IPSEC_IKE_NO_CERT"


def test_share_from_the_shortcut_modal_posts_in_the_message_thread(slack: Harness) -> None:
    slack.click("ikeerr_share:13801", "13801", **_modal(slack))
    body = slack.fake.wait_for("response/sc")[0].body
    assert body["response_type"] == "in_channel" and body["thread_ts"] == THREAD


@pytest.mark.parametrize("code", ["13806", "13868"])
def test_did_you_mean_and_related_buttons_show_that_entry(slack: Harness, code: str) -> None:
    slack.click(f"ikeerr_show:{code}", code, **_ephemeral(slack))
    body = slack.fake.wait_for("response/click")[0].body
    assert body["text"].split(" (")[1].startswith(code)
    assert f"ikeerr_share:{code}" in _texts(body["blocks"])


def test_buttons_in_a_modal_push_a_view(slack: Harness) -> None:
    slack.click("ikeerr_diagnose:13801", "13801", **_modal(slack))
    view = slack.fake.wait_for("views.push")[0].view
    assert view["type"] == "modal" and "How to diagnose" in _texts(view["blocks"])


def test_a_full_modal_stack_updates_the_current_view(slack: Harness) -> None:
    slack.fake.fail_next("views.push", error="push_limit_reached")
    slack.click("ikeerr_fix:13801", "13801", **_modal(slack))
    call = slack.fake.wait_for("views.update")[0]
    assert call.body["view_id"] == "V0MODAL"


def test_buttons_on_the_home_tab_open_a_modal_without_share(slack: Harness) -> None:
    slack.click("ikeerr_show:13801", "13801", **_home())
    view = slack.fake.wait_for("views.open")[0].view
    assert "ERROR_IPSEC_IKE_AUTH_FAIL" in _texts(view["blocks"])
    assert "ikeerr_share" not in _texts(view["blocks"])


@pytest.mark.parametrize(
    ("action_id", "value"),
    [("ikeerr_show:99999", "99999"), ("ikeerr_show", "not-a-code"), ("someone_elses_button", "1")],
)
def test_unknown_buttons_are_acked_and_ignored(slack: Harness, action_id: str, value: str) -> None:
    assert slack.click(action_id, value, **_ephemeral(slack)).status == 200
    slack.idle()
    assert slack.fake.calls("response/click") == []

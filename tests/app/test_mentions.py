"""@ikeerr mentions in channels and threads, and what users can't make the bot say."""

from __future__ import annotations

import json

import pytest

from tests.app.fake_slack import BOT_USER_ID
from tests.app.harness import Harness, message


def _mention(text: str, **fields: object) -> dict:
    return message(f"<@{BOT_USER_ID}> {text}", **fields) | {"type": "app_mention"}


def test_mention_in_a_channel_is_answered_in_its_thread(slack: Harness) -> None:
    event = _mention("13801")
    assert slack.event(event).status == 200
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["thread_ts"] == event["ts"]
    assert reply["blocks"][0]["text"]["text"] == "ERROR_IPSEC_IKE_AUTH_FAIL"
    assert "ikeerr_share" not in json.dumps(reply["blocks"]), "the answer is already public"


def test_mention_in_a_thread_is_answered_in_that_thread(slack: Harness) -> None:
    slack.event(_mention("what is 0x800735EE?", thread_ts="1699999999.000009"))
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["thread_ts"] == "1699999999.000009"
    assert reply["blocks"][0]["text"]["text"] == "ERROR_IPSEC_IKE_NO_CERT"


def test_mention_with_several_codes_gets_the_compact_list(slack: Harness) -> None:
    slack.event(_mention("we see 13801 and 13806 on the vpn"))
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["text"].startswith("VPN errors: 13801")


def test_bare_mention_shows_usage(slack: Harness) -> None:
    slack.event(_mention(""))
    assert "`/ikeerr 13801`" in slack.fake.wait_for("chat.postMessage")[0].body["text"]


def test_a_mention_answer_counts_for_the_thread_cooldown(slack: Harness) -> None:
    event = _mention("13801")
    slack.event(event)
    slack.fake.wait_for("chat.postMessage")
    slack.event(message("still vpn error 13801 here", thread_ts=event["ts"]))
    slack.idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1


def test_mentions_from_other_bots_are_ignored(slack: Harness) -> None:
    slack.event(_mention("13801", bot_id="B0OTHER"))
    slack.idle()
    assert slack.fake.calls("chat.postMessage") == []


INJECTIONS = [
    "<!channel> 13801",
    "<!here|here> ike auth",
    "<!everyone> 13801 <@U0BOSS>",
    "<!subteam^S0ONCALL|@oncall> zzz",
    "@here @channel quarterly sales <https://evil.example|click>",
    "<@U0BOSS> &lt;!channel&gt; ike auth",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_no_mention_or_broadcast_can_be_injected(slack: Harness, text: str) -> None:
    slack.event(_mention(text))
    slack.command(text)
    reply = slack.fake.wait_for("chat.postMessage")[0]
    private = slack.fake.wait_for("response/cmd")[0]
    for call in (reply, private):
        sent = call.payload_text()
        # Curated source links are links; the user's link must not become one.
        for forbidden in (
            "<!channel",
            "<!here",
            "<!everyone",
            "<!subteam",
            "<@U0BOSS",
            "<https://evil",
        ):
            assert forbidden not in sent, f"{forbidden} reached Slack: {sent[:300]}"
        assert "@here" not in sent and "@channel" not in sent

"""Auto-replies: codes in channel messages answered in the thread, once per cooldown."""

from __future__ import annotations

from bot.domain import Severity
from bot.knowledge import KnowledgeBase
from bot.runtime.memory_store import MemoryStore
from bot.slack.reply_rules import AutoReplyRules
from tests.app.conftest import MakeHarness
from tests.app.fake_slack import APP_ID, BOT_ID, BOT_USER_ID, FakeSlack
from tests.app.harness import CHANNEL, Harness, codes_answered, message


def _replies(fake: FakeSlack) -> list[dict]:
    return [call.body for call in fake.calls("chat.postMessage")]


def test_code_in_a_message_is_answered_in_its_thread(slack: Harness) -> None:
    event = message("the vpn fails with error 13801 since 9:00")
    assert slack.event(event).status == 200
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["channel"] == CHANNEL and reply["thread_ts"] == event["ts"]
    assert reply["text"].startswith("ERROR_IPSEC_IKE_AUTH_FAIL (13801")
    assert reply["unfurl_links"] is False and reply["unfurl_media"] is False
    assert codes_answered(reply) == ["13801"]


def test_message_in_a_thread_is_answered_in_that_thread(slack: Harness) -> None:
    slack.event(message("rras log: IKE error 13806", thread_ts="1699999999.000001"))
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["thread_ts"] == "1699999999.000001"


def test_same_code_same_thread_is_answered_once_within_the_cooldown(slack: Harness) -> None:
    thread = "1699999999.000002"
    # One message at a time: replies to concurrent messages may reach Slack in any order.
    for text in ("error 13801 again", "still error 13801", "now 13801 and 13806 too, vpn error"):
        slack.event(message(text, thread_ts=thread))
        slack.idle()
    slack.event(message("error 13801 in another thread"))
    slack.idle()
    replies = _replies(slack.fake)
    assert [codes_answered(r) for r in replies] == [["13801"], ["13806"], ["13801"]]


def test_cooldown_expires(make_harness: MakeHarness) -> None:
    now = [1000.0]
    store = MemoryStore(clock=lambda: now[0])
    slack = make_harness(rules=AutoReplyRules(cooldown_seconds=60), store=store)
    thread = "1699999999.000003"
    slack.event(message("vpn error 13801", thread_ts=thread))
    slack.idle()
    now[0] += 61
    slack.event(message("vpn error 13801", thread_ts=thread))
    slack.idle()
    assert len(_replies(slack.fake)) == 2


def test_at_most_three_codes_in_detail_then_and_n_more(slack: Harness) -> None:
    slack.event(message("vpn errors: 13801, 13806, 13868, 13899 and 13805"))
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert codes_answered(reply) == ["13801", "13806", "13868"]
    more = [b for b in reply["blocks"] if b["type"] == "context"]
    assert "and 2 more" in more[0]["elements"][0]["text"]
    shown = [
        e["action_id"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert {"ikeerr_show:13899", "ikeerr_show:13805"} <= set(shown)
    assert reply["text"].endswith("and 2 more")


def test_messages_without_codes_get_no_reply(slack: Harness) -> None:
    slack.event(message("lunch at 12? the room is 13801 Main St, 2nd floor"))
    slack.event(message("deployed build 13806 to staging"))
    slack.idle()
    assert _replies(slack.fake) == []


def test_other_bots_are_ignored(slack: Harness) -> None:
    slack.event(message("IKE error 13801", bot_id="B0OTHER", subtype="bot_message"))
    slack.event(message("IKE error 13801", bot_id="B0OTHER", app_id="A0OTHER"))
    slack.idle()
    assert _replies(slack.fake) == []


def test_allow_listed_bots_are_answered(make_harness: MakeHarness) -> None:
    slack = make_harness(rules=AutoReplyRules(allowed_bots=frozenset({"A0MONITOR"})))
    alert = {"bot_id": "B0MON", "subtype": "bot_message", "bot_profile": {"app_id": "A0MONITOR"}}
    attachment = [{"fallback": "VPN down", "text": "RRAS: IKE error 13868 on tunnel hq"}]
    slack.event(message("", **alert, attachments=attachment))
    assert codes_answered(slack.fake.wait_for("chat.postMessage")[0].body) == ["13868"]


def test_own_messages_are_ignored_even_when_allow_listed(make_harness: MakeHarness) -> None:
    slack = make_harness(rules=AutoReplyRules(allowed_bots=frozenset({BOT_ID, APP_ID})))
    own = message("IKE error 13801", user=BOT_USER_ID, bot_id=BOT_ID, subtype="bot_message")
    slack.event(own)
    slack.event(message("IKE error 13801", bot_id=BOT_ID, app_id=APP_ID))
    slack.idle()
    assert _replies(slack.fake) == []


def test_joins_and_other_subtypes_are_acked_and_ignored(slack: Harness) -> None:
    for subtype in ("channel_join", "channel_topic", "message_deleted", "channel_purpose"):
        done = slack.event(message("joined with error 13801", subtype=subtype))
        assert done.status == 200
    slack.idle()
    assert _replies(slack.fake) == []


def _edit(new_text: str, old_text: str, ts: str) -> dict:
    """A message_changed event: the new message, the previous one, no top-level user or text."""
    edited = message(new_text, ts=ts) | {"edited": {"user": "U0ALICE", "ts": "1700000200.0"}}
    event = message("", subtype="message_changed", hidden=True)
    del event["user"], event["text"]
    return event | {"message": edited, "previous_message": message(old_text, ts=ts)}


def test_an_edit_that_adds_a_code_gets_a_reply_for_the_new_code_only(slack: Harness) -> None:
    ts = "1700000100.000001"
    slack.event(message("vpn error 13801", ts=ts))
    slack.fake.wait_for("chat.postMessage")
    slack.event(_edit("vpn error 13801, and 13806 as well", "vpn error 13801", ts))
    replies = slack.fake.wait_for("chat.postMessage", 2)
    assert codes_answered(replies[1].body) == ["13806"]
    assert replies[1].body["thread_ts"] == ts


def test_an_edit_without_new_codes_gets_no_reply(slack: Harness) -> None:
    ts = "1700000100.000002"
    # No reply was ever posted, so no cooldown is involved: the edit itself adds nothing.
    slack.event(_edit("vpn error 13801 since 9:00", "vpn error 13801", ts))
    slack.idle()
    assert _replies(slack.fake) == []


def test_a_message_that_mentions_the_bot_is_answered_once(slack: Harness) -> None:
    event = message(f"<@{BOT_USER_ID}> what is 13801?")
    slack.event(event)
    slack.event(event | {"type": "app_mention"})
    slack.idle()
    replies = _replies(slack.fake)
    assert len(replies) == 1 and replies[0]["thread_ts"] == event["ts"]


def test_channels_can_be_restricted_by_id_and_name_pattern(make_harness: MakeHarness) -> None:
    rules = AutoReplyRules(channel_ids=frozenset({"C0LISTED"}), channel_patterns=("inc-*",))
    slack = make_harness(rules=rules)
    slack.fake.name_channel("C0INC42", "inc-42-vpn")
    slack.fake.name_channel("C0RANDOM", "random")
    for channel in ("C0LISTED", "C0INC42", "C0RANDOM", "C0UNKNOWN"):
        slack.event(message("vpn error 13801", channel=channel))
    slack.idle()
    assert sorted(r["channel"] for r in _replies(slack.fake)) == ["C0INC42", "C0LISTED"]
    info = slack.fake.calls("conversations.info")
    assert "C0LISTED" not in [c.body["channel"] for c in info], "listed IDs need no lookup"


def test_minimum_severity_filters_auto_replies(
    make_harness: MakeHarness, kb: KnowledgeBase
) -> None:
    slack = make_harness(rules=AutoReplyRules(min_severity=Severity.HIGH))
    low = next(e.code for e in kb if e.severity is Severity.LOW and not e.range_marker)
    slack.event(message(f"vpn error {low} and error 13801"))
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert codes_answered(reply) == ["13801"]


def test_auto_replies_can_be_turned_off(make_harness: MakeHarness) -> None:
    slack = make_harness(rules=AutoReplyRules(enabled=False))
    slack.event(message("vpn error 13801"))
    slack.idle()
    assert _replies(slack.fake) == []


def test_not_in_channel_is_logged_and_the_app_carries_on(slack: Harness, caplog) -> None:
    slack.fake.fail_next("chat.postMessage", error="not_in_channel")
    slack.event(message("vpn error 13801"))
    slack.idle()
    assert "not_in_channel" in caplog.text
    slack.event(message("vpn error 13806"))
    assert len(slack.fake.wait_for("chat.postMessage", 2)) == 2


def test_rate_limited_post_is_retried_after_retry_after_and_posted_once(slack: Harness) -> None:
    slack.fake.fail_next("chat.postMessage", status=429, retry_after=1)
    slack.event(message("vpn error 13801"))
    first, second = slack.fake.wait_for("chat.postMessage", 2, timeout=10)
    assert second.at - first.at >= 1.0, "Retry-After is honoured"
    slack.idle()
    assert len(slack.fake.calls("chat.postMessage")) == 2


def test_a_dropped_connection_is_retried_and_posted_once(slack: Harness) -> None:
    slack.fake.fail_next("chat.postMessage", drop=True)
    slack.event(message("vpn error 13801"))
    slack.fake.wait_for("chat.postMessage", 2, timeout=10)
    slack.idle()
    assert len(slack.fake.calls("chat.postMessage")) == 2


def test_a_reply_that_failed_does_not_use_up_the_cooldown(slack: Harness) -> None:
    thread = "1700000700.000100"
    slack.fake.fail_next("chat.postMessage", error="not_in_channel")
    slack.event(message("vpn error 13801", ts=thread))
    slack.idle()
    slack.event(message("still vpn error 13801", thread_ts=thread))
    first, second = slack.fake.wait_for("chat.postMessage", 2)
    assert first.body["thread_ts"] == second.body["thread_ts"] == thread
    assert codes_answered(second.body) == ["13801"]


def test_a_mention_whose_answer_failed_leaves_the_code_to_be_answered(slack: Harness) -> None:
    thread = "1700000800.000100"
    for _ in range(3):  # the call and its two retries all fail
        slack.fake.fail_next("chat.postMessage", status=503)
    mention = message(f"<@{BOT_USER_ID}> 13801 13806", ts=thread) | {"type": "app_mention"}
    slack.event(mention)
    slack.idle()
    slack.event(message("vpn error 13801 again", thread_ts=thread))
    calls = slack.fake.wait_for("chat.postMessage", 4)
    assert codes_answered(calls[-1].body) == ["13801"]

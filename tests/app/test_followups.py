"""Replies follow their message: deleted with it, updated when its codes change, across replicas."""

from __future__ import annotations

from typing import Any

from bot.runtime.redis_store import RedisStore
from tests.app.conftest import MakeHarness
from tests.app.harness import CHANNEL, Harness, codes_answered, message
from tests.support.redis_server import RedisServer


def _answer(slack: Harness, text: str, ts: str) -> str:
    """Post a message, wait for the auto-reply, return the reply's ts."""
    before = len(slack.fake.calls("chat.postMessage"))
    slack.event(message(text, ts=ts))
    slack.fake.wait_for("chat.postMessage", before + 1)
    slack.idle()
    return slack.fake.posted_ts()[-1]


def _deleted(ts: str, channel: str = CHANNEL) -> dict[str, Any]:
    event = message("", channel=channel, subtype="message_deleted", hidden=True)
    del event["user"], event["text"]
    return event | {"deleted_ts": ts, "previous_message": message("vpn error 13801", ts=ts)}


def _edited(new_text: str, old_text: str, ts: str, **new: Any) -> dict[str, Any]:
    event = message("", subtype="message_changed", hidden=True)
    del event["user"], event["text"]
    edited = message(new_text, ts=ts) | {"edited": {"user": "U0ALICE", "ts": "1.0"}} | new
    return event | {"message": edited, "previous_message": message(old_text, ts=ts)}


def test_deleting_the_message_deletes_the_reply(slack: Harness) -> None:
    ts = "1700000300.000001"
    reply_ts = _answer(slack, "vpn error 13801", ts)
    slack.event(_deleted(ts))
    (deleted,) = slack.fake.wait_for("chat.delete")
    assert (deleted.body["channel"], deleted.body["ts"]) == (CHANNEL, reply_ts)
    slack.event(_deleted(ts))  # a second delivery, or the app's own reply being deleted
    slack.event(_deleted(reply_ts))
    slack.idle()
    assert len(slack.fake.calls("chat.delete")) == 1


def test_a_tombstone_edit_deletes_the_reply_too(slack: Harness) -> None:
    ts = "1700000300.000002"
    reply_ts = _answer(slack, "vpn error 13806", ts)
    slack.event(_edited("This message was deleted.", "vpn error 13806", ts, subtype="tombstone"))
    assert slack.fake.wait_for("chat.delete")[0].body["ts"] == reply_ts


def test_an_edit_that_removes_a_code_updates_the_reply_in_place(slack: Harness) -> None:
    ts = "1700000300.000003"
    reply_ts = _answer(slack, "vpn error 13801 and vpn error 13806", ts)
    slack.event(_edited("vpn error 13806 only, sorry", "vpn error 13801 and 13806", ts))
    (update,) = slack.fake.wait_for("chat.update")
    assert update.body["ts"] == reply_ts and update.body["channel"] == CHANNEL
    assert codes_answered(update.body) == ["13806"]
    slack.idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1, "no new reply"


def test_an_edit_that_replaces_a_code_answers_the_new_one_in_place(slack: Harness) -> None:
    ts = "1700000300.000004"
    reply_ts = _answer(slack, "vpn error 13801", ts)
    slack.event(_edited("typo: vpn error 13806", "vpn error 13801", ts))
    (update,) = slack.fake.wait_for("chat.update")
    assert update.body["ts"] == reply_ts and codes_answered(update.body) == ["13806"]
    # The edited-away code is free again: a later message in the thread gets an answer.
    slack.event(message("now it is vpn error 13801 for real", thread_ts=ts))
    later = slack.fake.wait_for("chat.postMessage", 2)[1].body
    assert codes_answered(later) == ["13801"] and later["thread_ts"] == ts


def test_an_edit_that_removes_every_code_deletes_the_reply(slack: Harness) -> None:
    ts = "1700000300.000005"
    reply_ts = _answer(slack, "vpn error 13801", ts)
    slack.event(_edited("never mind, it was the wifi", "vpn error 13801", ts))
    assert slack.fake.wait_for("chat.delete")[0].body["ts"] == reply_ts
    slack.idle()
    assert slack.fake.calls("chat.update") == []


def test_an_edit_that_only_adds_a_code_gets_a_reply_for_it_and_both_follow(
    slack: Harness,
) -> None:
    ts = "1700000300.000006"
    first = _answer(slack, "vpn error 13801", ts)
    slack.event(_edited("vpn error 13801, and 13806 as well", "vpn error 13801", ts))
    second = slack.fake.wait_for("chat.postMessage", 2)[1]
    assert codes_answered(second.body) == ["13806"]
    slack.idle()
    slack.event(_deleted(ts))
    slack.fake.wait_for("chat.delete", 2)
    slack.idle()
    assert {c.body["ts"] for c in slack.fake.calls("chat.delete")} == {
        first,
        slack.fake.posted_ts()[1],
    }


def test_a_reply_already_gone_or_not_deletable_is_logged_and_counted(
    slack: Harness, caplog: Any
) -> None:
    for n, error in enumerate(("message_not_found", "cant_delete_message")):
        ts = f"1700000300.00001{n}"
        _answer(slack, "vpn error 13801", ts)
        slack.fake.fail_next("chat.delete", error=error)
        slack.event(_deleted(ts))
        slack.fake.wait_for("chat.delete", n + 1)
        slack.idle()
        assert error in caplog.text
    metrics = slack.metrics.registry.get_sample_value
    labels = {"method": "chat.delete", "error": "cant_delete_message"}
    assert metrics("ikeerr_slack_api_errors_total", labels) == 1.0
    slack.event(message("vpn error 13806"))  # the app carries on
    assert slack.fake.wait_for("chat.postMessage", 3)


def test_a_reply_posted_by_one_replica_follows_a_deletion_seen_by_another(
    make_harness: MakeHarness, redis_server: RedisServer
) -> None:
    first = make_harness(store=RedisStore(redis_server.url))
    second = make_harness(store=RedisStore(redis_server.url))
    ts = "1700000300.000020"
    reply_ts = _answer(first, "vpn error 13801 and vpn error 13806", ts)
    second.event(_edited("vpn error 13806", "vpn error 13801 and 13806", ts))
    assert second.fake.wait_for("chat.update")[0].body["ts"] == reply_ts
    second.idle()
    first.event(_deleted(ts))
    assert first.fake.wait_for("chat.delete")[0].body["ts"] == reply_ts

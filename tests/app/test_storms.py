"""Storms: one code from many people in a channel gets one channel summary, then pointers."""

from __future__ import annotations

from typing import Any

from bot.runtime.redis_store import RedisStore
from bot.slack.reply_rules import AutoReplyRules, ChannelRule, Channels, StormSettings
from tests.app.conftest import MakeHarness
from tests.app.harness import CHANNEL, Harness, codes_answered, message
from tests.support.redis_server import RedisServer


def _report(
    slack: Harness, user: str, text: str = "vpn error 13801 here too", **fields: Any
) -> None:
    slack.event(message(text, user=user, **fields))
    slack.idle()


def _posts(slack: Harness) -> list[dict[str, Any]]:
    return [call.body for call in slack.fake.calls("chat.postMessage")]


def _summaries(slack: Harness) -> list[dict[str, Any]]:
    return [body for body in _posts(slack) if not body.get("thread_ts")]


def test_five_people_make_one_summary_and_later_reports_get_a_pointer(slack: Harness) -> None:
    for n in range(1, 5):
        _report(slack, f"U0USER{n:03d}")
    assert _summaries(slack) == [] and len(_posts(slack)) == 4, "four cards, no storm yet"
    _report(slack, "U0USER005")
    (summary,) = _summaries(slack)
    assert summary["channel"] == CHANNEL and "Storm: 13801" in summary["text"]
    assert "5 people" in summary["blocks"][0]["text"]["text"]
    assert "look at something central" in summary["blocks"][0]["text"]["text"], "the storm text"
    assert codes_answered(summary) == ["13801"], "with the usual buttons"
    pointer = _posts(slack)[-1]
    assert pointer["thread_ts"] and "storm summary" in pointer["blocks"][0]["text"]["text"]
    assert "fake.slack.test/archives/" in pointer["blocks"][0]["text"]["text"]
    summary_ts = slack.fake.posted_ts()[4]
    _report(slack, "U0USER006")
    assert len(_summaries(slack)) == 1, "one summary per storm"
    (update,) = slack.fake.calls("chat.update")
    assert update.body["ts"] == summary_ts and "6 people" in update.body["text"]
    later = _posts(slack)[-1]
    assert "storm summary" in later["blocks"][0]["text"]["text"] and codes_answered(later) == []
    metric = slack.metrics.registry.get_sample_value("ikeerr_storms_total")
    assert metric == 1.0


def test_one_person_repeating_a_code_is_no_storm(slack: Harness) -> None:
    for _ in range(6):
        _report(slack, "U0SAMEONE")
    assert _summaries(slack) == [] and len(_posts(slack)) == 6


def test_hosts_a_report_names_count_like_people(make_harness: MakeHarness) -> None:
    slack = make_harness(rules=AutoReplyRules(allowed_bots=frozenset({"A0MONITOR"})))
    alert = {"bot_id": "B0MON", "subtype": "bot_message", "bot_profile": {"app_id": "A0MONITOR"}}
    for n in range(5):
        slack.event(message(f"IKE error 13806 on host=LAPTOP-{n:03d}", **alert) | {"user": ""})
        slack.idle()
    assert len(_summaries(slack)) == 1


def test_thread_replies_do_not_count(slack: Harness) -> None:
    for n in range(6):
        _report(slack, f"U0THREAD{n:02d}", thread_ts="1700000000.000001")
    assert _summaries(slack) == []


def test_a_channel_rule_sets_its_own_storm_threshold(make_harness: MakeHarness) -> None:
    rule = ChannelRule(Channels(ids=frozenset({CHANNEL})), storm=StormSettings(min_people=2))
    slack = make_harness(rules=AutoReplyRules(rules=(rule,)))
    _report(slack, "U0FIRST01")
    _report(slack, "U0SECOND1")
    assert len(_summaries(slack)) == 1


def test_one_storm_across_two_replicas(
    make_harness: MakeHarness, redis_server: RedisServer
) -> None:
    replicas = [make_harness(store=RedisStore(redis_server.url)) for _ in range(2)]
    for n in range(7):
        _report(replicas[n % 2], f"U0REPL{n:04d}", text="vpn error 809 since the change")
    bodies = [c.body for c in replicas[0].fake.calls("chat.postMessage")]
    assert len([b for b in bodies if not b.get("thread_ts")]) == 1
    assert len(replicas[0].fake.calls("chat.update")) == 2, "reports 6 and 7 update the count"

"""Reliability: replicas sharing Redis, Redis outages, a failing Web API, forged floods."""

from __future__ import annotations

import logging
import time

import pytest

from bot.runtime.failover_store import FailoverStore
from bot.runtime.redis_store import RedisStore
from tests.app.conftest import MakeHarness
from tests.app.fake_slack import FakeSlack
from tests.app.harness import Harness, message
from tests.support.redis_server import RedisServer

RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


def _shared(make_harness: MakeHarness, redis_server: RedisServer) -> Harness:
    return make_harness(store=FailoverStore(RedisStore(redis_server.url)))


def test_two_replicas_answer_a_retried_event_once(
    make_harness: MakeHarness, redis_server: RedisServer, fake: FakeSlack
) -> None:
    first, second = _shared(make_harness, redis_server), _shared(make_harness, redis_server)
    event = message("VPN down, error 13801", ts="1700000100.000100")
    assert first.event(event, event_id="EvRetry1").status == 200
    assert second.event(event, event_id="EvRetry1", **RETRY).status == 200
    first.idle()
    second.idle()
    assert len(fake.calls("chat.postMessage")) == 1


def test_two_replicas_share_cooldowns(
    make_harness: MakeHarness, redis_server: RedisServer, fake: FakeSlack
) -> None:
    first, second = _shared(make_harness, redis_server), _shared(make_harness, redis_server)
    first.event(message("VPN down, error 13801", ts="1700000200.000100"), event_id="EvCool1")
    reply = message("still 13801 on the vpn", ts="1700000200.000200", thread_ts="1700000200.000100")
    second.event(reply, event_id="EvCool2")
    first.idle()
    second.idle()
    (posted,) = fake.calls("chat.postMessage")
    assert posted.body["thread_ts"] == "1700000200.000100"


def test_redis_outage_keeps_answers_flowing_and_recovers(
    make_harness: MakeHarness,
    redis_server: RedisServer,
    fake: FakeSlack,
) -> None:
    store = FailoverStore(RedisStore(redis_server.url), retry_after=0.2)
    slack = make_harness(store=store)
    slack.event(message("tunnel error 13801", ts="1700000300.000100"), event_id="EvOut1")
    fake.wait_for("chat.postMessage", 1)

    redis_server.stop()
    during = message("tunnel error 13806", ts="1700000300.000200")
    done = slack.event(during, event_id="EvOut2")
    assert done.status == 200 and done.seconds < 2.0, f"ack took {done.seconds:.2f}s"
    fake.wait_for("chat.postMessage", 2)
    assert store.degraded
    assert slack.event(during, event_id="EvOut2", **RETRY).status == 200  # deduped in memory
    slack.idle()
    assert len(fake.calls("chat.postMessage")) == 2

    redis_server.start()
    deadline = time.monotonic() + 10
    number = 0
    while store.degraded:
        assert time.monotonic() < deadline, "never went back to Redis"
        number += 1
        slack.event(message(f"chat {number}", ts=f"1700000301.{number:06d}"))
        time.sleep(0.1)
    slack.event(message("tunnel error 13868", ts="1700000302.000100"), event_id="EvOut3")
    fake.wait_for("chat.postMessage", 3)
    assert not RedisStore(redis_server.url).set_if_absent("event:EvOut3", 60)


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 429, "retry_after": 1},
        {"status": 503},
        {"status": 500},
        {"drop": True},
    ],
    ids=["429", "503", "500", "connection-reset"],
)
def test_failing_web_api_is_retried_into_one_post(
    slack: Harness, fake: FakeSlack, failure: dict[str, object]
) -> None:
    fake.fail_next("chat.postMessage", **failure)  # type: ignore[arg-type]
    slack.event(message("VPN error 13899", ts="1700000400.000100"))
    fake.wait_for("chat.postMessage", 2, timeout=10)
    slack.idle()
    attempts = fake.calls("chat.postMessage")
    assert len(attempts) == 2, "one failure, then one post that went through"
    assert slack.command("13801").status == 200  # the process is still serving


def test_a_web_api_that_keeps_failing_is_given_up_on(slack: Harness, fake: FakeSlack) -> None:
    for _ in range(6):
        fake.fail_next("chat.postMessage", status=503)
    slack.event(message("VPN error 13899", ts="1700000500.000100"))
    slack.idle()
    assert len(fake.calls("chat.postMessage")) == 3  # the call and two retries, no more
    assert slack.request("", method="GET", path="/healthz").status == 200


def test_a_timed_out_post_is_not_sent_twice(make_harness: MakeHarness, fake: FakeSlack) -> None:
    slack = make_harness(api_timeout=0.5)
    fake.fail_next("chat.postMessage", delay=1.5)
    slack.event(message("VPN error 13899", ts="1700000600.000100"))
    slack.idle()
    assert len(fake.calls("chat.postMessage")) == 1  # Slack may have posted it: no retry
    slack.event(message("VPN error 13801", ts="1700000600.000200"))
    fake.wait_for("chat.postMessage", 2)


def test_a_flood_of_forged_requests_is_refused_quietly(
    slack: Harness, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    body = '{"type": "event_callback", "event": {"type": "message", "text": "13801"}}'
    forged = {
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "X-Slack-Signature": "v0=" + "0" * 64,
    }
    with caplog.at_level(logging.INFO):
        statuses = {slack.request(body, forged).status for _ in range(300)}
    assert statuses == {401}
    assert len(caplog.records) <= 5, "forged requests must not flood the logs"
    assert slack.command("13801").status == 200
    slack.idle()
    assert fake.calls("chat.postMessage") == []

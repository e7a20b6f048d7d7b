"""Slack's delivery rules over real HTTP: signatures, acks, retries, odd requests, health."""

from __future__ import annotations

import json
import threading
import time

import pytest

from bot.slack.transport.http_server import HttpServer
from bot.slack.transport.wsgi import SlackWSGI
from tests.app.harness import Harness, event_body, message, signature_headers

PING = json.dumps({"type": "url_verification", "challenge": "c0ffee", "token": "legacy"})


def test_health_check(slack: Harness) -> None:
    done = slack.request("", method="GET", path="/healthz")
    assert done.status == 200 and json.loads(done.body) == {"status": "ok"}


def test_url_verification_echoes_the_challenge(slack: Harness) -> None:
    done = slack.signed(PING, "application/json")
    assert done.status == 200 and "c0ffee" in done.body


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Slack-Request-Timestamp": str(int(time.time()))},
        {"X-Slack-Signature": "v0=" + "0" * 64},
        signature_headers(PING, secret="not-the-secret"),
        signature_headers(PING) | {"X-Slack-Signature": "v0=" + "a" * 64},
        signature_headers(PING) | {"X-Slack-Signature": "v0=ü" + "a" * 63},
    ],
    ids=["none", "no-signature", "no-timestamp", "wrong-secret", "forged", "non-ascii"],
)
def test_forged_signatures_get_401(slack: Harness, headers: dict[str, str]) -> None:
    assert slack.request(PING, headers).status == 401


@pytest.mark.parametrize(
    "timestamp", ["abc", "", "-1", "1e9", "¹²³", "9" * 40, "-600", "+600", "-86400"]
)
def test_stale_or_non_numeric_timestamps_get_401_not_500(slack: Harness, timestamp: str) -> None:
    if timestamp[:1] in "+-" and timestamp[1:].isascii() and len(timestamp) > 2:  # an offset
        timestamp = str(int(time.time()) + int(timestamp))
    assert slack.request(PING, signature_headers(PING, timestamp=timestamp)).status == 401


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[1, 2, 3]", "application/json"),
        ('"just a string"', "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ("payload=%5B%5D", "application/x-www-form-urlencoded"),
        ('{"type": "event_callback", "event": "not an object"}', "application/json"),
        ('{"type": "event_callback", "event": {"type": 7}, "event_id": []}', "application/json"),
        ('{"type": "block_actions", "actions": "x", "user": 5}', "application/json"),
        ('{"type": "message_action", "callback_id": 1, "message": []}', "application/json"),
        ("command=%2Fikeerr&text=13801", "application/x-www-form-urlencoded"),
    ],
)
def test_signed_but_malformed_bodies_are_rejected(
    slack: Harness, body: str, content_type: str
) -> None:
    done = slack.signed(body, content_type)
    assert done.status in (200, 400, 404), done
    slack.idle()
    assert slack.request("", method="GET", path="/healthz").status == 200


def test_invalid_utf8_and_oversized_bodies_are_rejected(slack: Harness) -> None:
    assert slack.request(b"\xff\xfe{}", signature_headers("x")).status == 400
    huge = "x" * (3 * 1024 * 1024)
    assert slack.request(huge, signature_headers(huge)).status == 413


def test_slacks_ssl_probe_is_answered_without_doing_anything(slack: Harness) -> None:
    probe = "ssl_check=1&token=legacy&command=%2Fikeerr&text=13801"
    done = slack.request(probe, content_type="application/x-www-form-urlencoded")
    assert done.status == 200
    slack.idle()
    assert slack.fake.calls() == [c for c in slack.fake.calls() if c.method == "auth.test"]


def test_wrong_paths_and_methods(slack: Harness) -> None:
    assert slack.request(PING, method="GET").status == 405
    assert slack.request(PING, path="/elsewhere").status == 404
    assert slack.request("", method="POST", path="/healthz").status == 405


@pytest.mark.parametrize(
    "event",
    [
        {"type": "reaction_added", "user": "U0ALICE", "reaction": "eyes"},
        {"type": "member_joined_channel", "user": "U0ALICE", "channel": "C0INCIDENT"},
        {"type": "app_uninstalled"},
        {"type": "tokens_revoked", "tokens": {"bot": ["U0BOT"]}},
        {"type": "message", "subtype": "message_deleted", "channel": "C0INCIDENT", "hidden": True},
    ],
)
def test_every_event_type_is_acked_with_200(slack: Harness, event: dict) -> None:
    assert slack.event(event).status == 200


def test_unknown_interactions_are_acked_with_200(slack: Harness) -> None:
    for payload in (
        {"type": "shortcut", "callback_id": "someone_else", "trigger_id": "t"},
        {"type": "view_submission", "view": {"id": "V1", "callback_id": "x", "type": "modal"}},
    ):
        assert slack.interact(payload).status == 200


def test_retried_events_are_acked_and_answered_once(slack: Harness) -> None:
    body = json.dumps(event_body(message("vpn error 13801"), "Ev0RETRY"))
    first = slack.signed(body, "application/json")
    retries = [
        slack.signed(
            body,
            "application/json",
            **{"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"},
        )
        for n in (1, 2, 3)
    ]
    assert [a.status for a in (first, *retries)] == [200, 200, 200, 200]
    slack.idle()
    assert len(slack.fake.calls("chat.postMessage")) == 1


def test_acks_do_not_wait_for_slow_replies(slack: Harness) -> None:
    slack.fake.slow_down("chat.postMessage", 2.0)
    done = slack.event(message("vpn error 13801"))
    assert done.status == 200 and done.seconds < 1.0
    slack.fake.wait_for("chat.postMessage")


def test_a_40000_character_message_is_acked_in_time(slack: Harness) -> None:
    filler = "2026-11-27 09:14:02 INFO heartbeat ok id=8812\n" * 900
    text = filler[: 40_000 - 40] + "IKE negotiation failed with error 13868"
    assert 39_900 < len(text) <= 40_000
    done = slack.event(message(text))
    assert done.status == 200 and done.seconds < 1.0, f"acked in {done.seconds:.2f}s"
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["text"].startswith("ERROR_IPSEC_IKE_POLICY_MATCH")


def test_socket_mode_serves_only_health_readiness_and_metrics(slack: Harness) -> None:
    connected = [False]
    checks = lambda: {"ready": connected[0]}  # noqa: E731
    health = HttpServer(SlackWSGI(slack.app, "", slack.metrics, checks), "127.0.0.1", 0)
    thread = threading.Thread(target=health.run, daemon=True)
    thread.start()
    try:
        assert slack.request("", method="GET", path="/healthz", port=health.port).status == 200
        assert slack.request("", method="GET", path="/readyz", port=health.port).status == 503
        connected[0] = True
        assert slack.request("", method="GET", path="/readyz", port=health.port).status == 200
        metrics = slack.request("", method="GET", path="/metrics", port=health.port)
        assert metrics.status == 200 and "ikeerr_requests_total" in metrics.body
        ping = slack.request(PING, signature_headers(PING), port=health.port)
        assert ping.status == 404, "Socket Mode takes no events over HTTP"
    finally:
        health.stop()
        thread.join(timeout=10)

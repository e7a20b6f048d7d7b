"""Socket Mode end to end: `ikeerr serve` with an app token, against a fake WebSocket endpoint."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator

import pytest

from bot.slack.transport.server import close_within
from tests.app.fake_slack import TEAM_ID, FakeSlack
from tests.app.fake_socket_mode import FakeSocketMode
from tests.app.harness import event_body, message
from tests.app.serve_process import ServeProcess, serve_env


@pytest.fixture
def socket_mode(fake: FakeSlack) -> Iterator[tuple[ServeProcess, FakeSocketMode]]:
    endpoint = FakeSocketMode()
    fake.offer_socket(endpoint.url)
    env = serve_env(fake.api_url, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1-A0APP-1-x")
    process = ServeProcess(env)
    yield process, endpoint
    process.stop()
    endpoint.close()


def test_events_over_the_socket_are_acked_and_answered(
    socket_mode: tuple[ServeProcess, FakeSocketMode], fake: FakeSlack
) -> None:
    process, endpoint = socket_mode
    body = event_body(message("VPN is down, error 13801", ts="1700000700.000100"), "EvSock1")
    endpoint.send("events_api", body, "env-1")
    endpoint.wait_for_ack("env-1")
    (posted,) = fake.wait_for("chat.postMessage")
    assert posted.body["thread_ts"] == "1700000700.000100"
    assert posted.body["text"].startswith("ERROR_IPSEC_IKE_AUTH_FAIL")


def test_slash_command_over_the_socket(
    socket_mode: tuple[ServeProcess, FakeSocketMode], fake: FakeSlack
) -> None:
    process, endpoint = socket_mode
    command = {
        "command": "/ikeerr",
        "text": "0x8007364B",
        "team_id": TEAM_ID,
        "channel_id": "C0SOCK",
        "user_id": "U0PERSON",
        "response_url": fake.response_url("sock"),
        "trigger_id": "trigger.sock",
    }
    endpoint.send("slash_commands", command, "env-2")
    endpoint.wait_for_ack("env-2")
    answer = fake.wait_for("response/sock")[0].body
    assert "INNER_IP_ASSIGNMENT_FAILURE" in answer["text"]
    assert answer["response_type"] == "ephemeral"


def test_readiness_reports_the_connection_and_sigterm_stops_cleanly(
    socket_mode: tuple[ServeProcess, FakeSocketMode],
) -> None:
    process, _ = socket_mode
    status, body = process.get("/readyz")
    assert status == 200 and json.loads(body)["socket_mode_connected"] is True
    assert process.get("/healthz")[0] == 200
    process.signal(signal.SIGTERM)
    assert process.wait_for_exit() == 0


def test_a_close_that_never_returns_does_not_hold_the_stop() -> None:
    # slack_sdk's close() can wait forever on its receiving thread (see SOCKET_CLOSE_SECONDS)
    never = threading.Event()
    assert close_within(never.wait, 0.2) is False
    assert close_within(lambda: None, 5) is True

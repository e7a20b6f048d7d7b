"""`ikeerr serve` as a deployment runs it: a real process, its environment, its exit codes."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.fake_slack import FakeSlack
from tests.app.harness import SECRET, signature_headers

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)/slack/events")


def _env(fake: FakeSlack | None = None, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "IKEERR_", "PORT"))}
    env |= {"IKEERR_HOST": "127.0.0.1", "PORT": "0"}
    if fake is not None:
        env["SLACK_API_URL"] = fake.api_url
    return env | values


def _serve(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("values", "named", "where"),
    [
        ({}, "SLACK_BOT_TOKEN is not set", "OAuth & Permissions"),
        ({"SLACK_BOT_TOKEN": "  "}, "SLACK_BOT_TOKEN is empty", "Bot User OAuth Token"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set", "Signing Secret"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": ""},
            "SLACK_SIGNING_SECRET is empty",
            "Signing Secret",
        ),
        ({"SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN should start with 'xoxb-'", "xoxb-"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-1"},
            "SLACK_APP_TOKEN should start with 'xapp-'",
            "connections:write",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "http"},
            "PORT",
            "65535",
        ),
    ],
)
def test_missing_or_bad_variables_stop_the_start_clearly(
    values: dict[str, str], named: str, where: str
) -> None:
    done = _serve(_env(**values))
    assert done.returncode == 2
    assert named in done.stderr and where in done.stderr
    assert "Traceback" not in done.stderr


def test_invalid_config_file_stops_the_start_with_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "ikeerr.yaml"
    config.write_text("channels: [inc-*]\ncooldown_minutes: soon\n", encoding="utf-8")
    env = _env(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", IKEERR_CONFIG=str(config))
    done = _serve(env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{config}:2: cooldown_minutes" in done.stderr


def test_a_token_slack_refuses_stops_the_start(fake: FakeSlack) -> None:
    fake.refuse_token("invalid_auth")
    done = _serve(_env(fake, SLACK_BOT_TOKEN="xoxb-revoked", SLACK_SIGNING_SECRET=SECRET))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Slack refused SLACK_BOT_TOKEN" in done.stderr and "invalid_auth" in done.stderr


def test_socket_mode_uses_the_app_token(fake: FakeSlack) -> None:
    env = _env(fake, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-revoked")
    done = _serve(env)  # the fake refuses apps.connections.open
    assert done.returncode == 2 and "Slack refused SLACK_APP_TOKEN (invalid_auth)" in done.stderr
    opened = fake.calls("apps.connections.open")
    assert opened and opened[0].headers["authorization"] == "Bearer xapp-revoked"


@pytest.fixture
def server(fake: FakeSlack) -> Iterator[tuple[subprocess.Popen[str], int]]:
    env = _env(fake, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=SECRET)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stderr], daemon=True
    ).start()
    port = 0
    while not port:
        line = lines.get(timeout=30)
        found = LISTENING.search(line)
        port = int(found.group(1)) if found else 0
    yield process, port
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def test_http_mode_serves_health_and_commands_then_stops_on_sigterm(
    server: tuple[subprocess.Popen[str], int], fake: FakeSlack
) -> None:
    process, port = server
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
        assert response.status == 200
    body = f"command=%2Fikeerr&text=13899&user_id=U1&response_url={fake.response_url('p')}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **signature_headers(body)},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
    assert (
        "ERROR_IPSEC_IKE_INNER_IP_ASSIGNMENT_FAILURE" in fake.wait_for("response/p")[0].body["text"]
    )
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0


def test_serve_has_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0 and "SLACK_BOT_TOKEN" in done.stdout

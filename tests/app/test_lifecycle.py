"""A deployed process: knowledge reloads on SIGHUP, replies finish on SIGTERM, logs stay clean."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.fake_slack import FakeSlack
from tests.app.harness import SECRET, event_body, message, signature_headers
from tests.app.serve_process import ROOT, ServeProcess, serve_env
from tests.support.reference import reference_count

BOT_TOKEN = "xoxb-1111-2222-secretsecret"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    return folder


def _start(fake: FakeSlack, **values: str) -> ServeProcess:
    env = serve_env(fake.api_url, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET, **values)
    return ServeProcess(env)


@pytest.fixture
def served(fake: FakeSlack, knowledge: Path) -> Iterator[ServeProcess]:
    process = _start(fake, IKEERR_KNOWLEDGE=str(knowledge), IKEERR_LOG_FORMAT="json")
    yield process
    process.stop()


def _command(
    process: ServeProcess, fake: FakeSlack, text: str, name: str, part: str = "text"
) -> str:
    body = f"command=%2Fikeerr&text={text}&user_id=U1&response_url={fake.response_url(name)}"
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signature_headers(body)}
    assert process.post(body, headers) == 200
    return json.dumps(fake.wait_for(f"response/{name}")[0].body[part])


def test_sighup_with_a_broken_file_keeps_the_old_knowledge(
    served: ServeProcess, fake: FakeSlack, knowledge: Path
) -> None:
    broken = knowledge / "ipsec-driver.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n  bogus: [\n", encoding="utf-8")
    served.signal(signal.SIGHUP)
    rejected = served.wait_for_line(re.compile(r"knowledge reload rejected: (\S+?):(\d+): "))
    assert rejected.group(1).endswith("ipsec-driver.yaml"), "only the broken file is blamed"
    assert "INNER_IP_ASSIGNMENT_FAILURE" in _command(served, fake, "13899", "old")
    assert 'ikeerr_knowledge_reloads_total{result="rejected"} 1.0' in served.get("/metrics")[1]


def test_sighup_with_a_valid_change_swaps_the_knowledge(
    served: ServeProcess, fake: FakeSlack, knowledge: Path
) -> None:
    file = knowledge / "ike-negotiation.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("VPN address pool exhausted", "pool ran dry"), encoding="utf-8")
    served.signal(signal.SIGHUP)
    served.wait_for_line(re.compile(rf"knowledge reloaded: {reference_count()} entries"))
    assert "INNER_IP_ASSIGNMENT_FAILURE" in _command(served, fake, "pool+ran+dry", "new")


def test_sigterm_lets_the_reply_in_progress_finish(fake: FakeSlack, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("channels: ['inc-*']\n", encoding="utf-8")
    fake.name_channel("C0INC", "inc-vpn")
    fake.slow_down("conversations.info", 1.5)  # the reply is under way when SIGTERM lands
    process = _start(fake, IKEERR_CONFIG=str(config))
    try:
        body = json.dumps(event_body(message("VPN error 13801", channel="C0INC")))
        headers = {"Content-Type": "application/json", **signature_headers(body)}
        assert process.post(body, headers) == 200
        fake.wait_for("conversations.info")
        process.signal(signal.SIGTERM)
        assert process.wait_for_exit() == 0
        (posted,) = fake.calls("chat.postMessage")
        assert posted.body["channel"] == "C0INC"
    finally:
        process.stop()


def test_health_readiness_and_metrics(served: ServeProcess, fake: FakeSlack) -> None:
    assert served.get("/healthz") == (200, '{"status": "ok"}')
    status, body = served.get("/readyz")
    assert status == 200 and json.loads(body) == {
        "knowledge_entries": reference_count(),
        "state": "memory",
        "ready": True,
    }
    _command(served, fake, "13801", "m1")
    _command(served, fake, "zzzz+qqqq", "m2")
    metrics = served.get("/metrics")[1]
    assert 'ikeerr_requests_total{surface="command"} 2.0' in metrics
    assert 'ikeerr_lookups_total{outcome="hit"} 1.0' in metrics
    assert 'ikeerr_lookups_total{outcome="miss"} 1.0' in metrics
    assert "ikeerr_ack_seconds_bucket" in metrics and "ikeerr_lookup_seconds_count" in metrics


def test_logs_are_json_lines_without_secrets(served: ServeProcess, fake: FakeSlack) -> None:
    for _ in range(3):  # more failures than retries: the post fails and is logged
        fake.fail_next("response/leak", status=500)
    body = f"command=%2Fikeerr&text=13801&user_id=U1&response_url={fake.response_url('leak')}"
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signature_headers(body)}
    assert served.post(body, headers) == 200
    served.wait_for_line(re.compile(r"response_url post failed"))
    served.signal(signal.SIGTERM)
    served.wait_for_exit()
    lines = [line for line in served.lines if line.strip()]
    assert lines and all(json.loads(line)["level"] for line in lines)
    text = "".join(lines)
    for secret in (BOT_TOKEN, SECRET, fake.response_url("leak")):
        assert secret not in text


TEAM_OVERLAY = "- code: 13899\n  notes: Pool owned by the Contoso DHCP team.\n"


def test_a_broken_overlay_stops_the_start_with_file_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text("- code: 13899\n  owner: '<!channel>'\n", encoding="utf-8")
    env = serve_env("http://127.0.0.1:9/api/", SLACK_BOT_TOKEN=BOT_TOKEN)
    env |= {"SLACK_SIGNING_SECRET": SECRET, "IKEERR_OVERLAY": str(overlay)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert f"{overlay}:2: 'owner' is free text or one Slack mention" in done.stderr


def test_sighup_reloads_the_overlay_and_keeps_the_old_one_when_broken(
    fake: FakeSlack, tmp_path: Path
) -> None:
    overlay = tmp_path / "team.yaml"
    overlay.write_text(TEAM_OVERLAY, encoding="utf-8")
    process = _start(fake, IKEERR_OVERLAY=str(overlay))
    try:
        assert "Contoso DHCP team" in _command(process, fake, "13899", "first", "blocks")
        overlay.write_text(TEAM_OVERLAY + "- code: 13999\n  notes: x\n", encoding="utf-8")
        process.signal(signal.SIGHUP)
        rejected = process.wait_for_line(re.compile(r"knowledge reload rejected: (\S+?):(\d+): "))
        assert rejected.group(1) == str(overlay) and rejected.group(2) == "3"
        assert "Contoso DHCP team" in _command(process, fake, "13899", "kept", "blocks")
        overlay.write_text(TEAM_OVERLAY.replace("Contoso DHCP", "Fabrikam IPAM"), encoding="utf-8")
        process.signal(signal.SIGHUP)
        process.wait_for_line(re.compile(rf"knowledge reloaded: {reference_count()} entries"))
        assert "Fabrikam IPAM team" in _command(process, fake, "13899", "swapped", "blocks")
    finally:
        process.stop()

"""Slack ack latency: `/ikeerr 13899` on the real app vs a bare Bolt app that only acks.

Both apps run behind the same WSGI app on the same waitress server (bot/slack/server.py), each
in its own process, with a fake Slack Web API in a third process on 127.0.0.1, all in one run.
Requests alternate between the two apps, so both see the same machine. The real app's lookup
and reply run after its ack, in its own process. `paced` alternates app by app (the target,
ratio of medians <= 1.2, applies there); `burst` sends two requests in a row to each app, so
the second ack competes with the first one's answer, still being built and posted.

Run: python3 benchmarks/slack_ack.py [--requests N]   (needs: pip install -e ".[test]")
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECRET = "benchmark-signing-secret"
TARGET = 1.2
WARMUP = 50


def run_fake() -> None:
    """Child process: the fake Slack Web API, until stdin closes."""
    from tests.app.fake_slack import FakeSlack

    fake = FakeSlack()
    print(fake.url, flush=True)
    sys.stdin.read()
    fake.close()


def run_app(kind: str, fake_url: str) -> None:
    """Child process: one app on HttpServer(SlackWSGI(...)), until killed."""
    # The baseline is a Bolt app itself, so this benchmark uses Slack's libraries directly.
    from slack_bolt import Ack, App
    from slack_sdk import WebClient

    from bot.config import SlackSettings
    from bot.knowledge import load_knowledge
    from bot.runtime.metrics import Metrics
    from bot.slack.app import create_app
    from bot.slack.reply_rules import AutoReplyRules
    from bot.slack.transport.http_server import HttpServer
    from bot.slack.transport.wsgi import SlackWSGI

    api_url = fake_url + "api/"
    if kind == "ours":
        settings = SlackSettings(bot_token="xoxb-bench", signing_secret=SECRET, api_url=api_url)
        app = create_app(settings, load_knowledge(), rules=AutoReplyRules())
    else:
        # Like ours, it relies on SlackWSGI for the one signature check.
        app = App(
            client=WebClient(token="xoxb-bench", base_url=api_url),
            signing_secret="",
            request_verification_enabled=False,
            process_before_response=True,
        )

        @app.command("/ikeerr")
        def ack_only(ack: Ack) -> None:
            ack()

    server = HttpServer(SlackWSGI(app, SECRET, Metrics()), "127.0.0.1", 0)
    print(server.port, flush=True)
    server.run()


class Client:
    """One keep-alive connection sending signed `/ikeerr 13899` commands."""

    def __init__(self, port: int, response_url: str) -> None:
        from slack_sdk.signature import SignatureVerifier

        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self._verifier = SignatureVerifier(SECRET)
        self._form = {
            "command": "/ikeerr",
            "text": "13899",
            "team_id": "T0FAKE",
            "channel_id": "C0BENCH",
            "user_id": "U0BENCH",
            "response_url": response_url,
            "trigger_id": "trigger",
        }

    def ack_seconds(self) -> float:
        body = urlencode(self._form)
        timestamp = str(int(time.time()))
        signature = self._verifier.generate_signature(timestamp=timestamp, body=body)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": str(signature),
        }
        start = time.perf_counter()
        self._conn.request("POST", "/slack/events", body=body, headers=headers)
        response = self._conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        assert response.status == 200, response.status
        return elapsed


def _child(*args: str) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, __file__, *args]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    return child, child.stdout.readline().strip()


def measure(requests: int) -> dict[str, dict[str, list[float]]]:
    """Ack times per pattern and app: `paced` alternates the apps request by request; `burst`
    sends two in a row to each, so the second meets the first one's answer still running."""
    fake, fake_url = _child("--fake")
    ours, ours_port = _child("--app", "ours", fake_url)
    bare, bare_port = _child("--app", "bare", fake_url)
    try:
        clients = {
            "ours": Client(int(ours_port), fake_url + "response/ours"),
            "bare": Client(int(bare_port), fake_url + "response/bare"),
        }
        for _ in range(WARMUP):  # imports, caches, connections, thread pools
            for client in clients.values():
                client.ack_seconds()
        patterns = {"paced": ("bare", "ours"), "burst": ("bare", "bare", "ours", "ours")}
        times: dict[str, dict[str, list[float]]] = {p: {"ours": [], "bare": []} for p in patterns}
        for pattern, order in patterns.items():
            for _ in range(requests // (len(order) // 2)):
                for name in order:
                    times[pattern][name].append(clients[name].ack_seconds())
    finally:
        for app in (ours, bare):
            app.kill()
            app.wait()
        fake.communicate("", timeout=30)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="requests per app")
    parser.add_argument("--fake", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--app", nargs=2, metavar=("KIND", "FAKE_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fake:
        run_fake()
        return 0
    if args.app:
        run_app(*args.app)
        return 0
    times = measure(args.requests)

    def ms(values: list[float], q: int) -> float:
        return statistics.quantiles(values, n=100)[q - 1] * 1000

    for pattern, apps in times.items():
        ours, bare = apps["ours"], apps["bare"]
        print(f"{pattern}: ack latency over {len(ours)} requests each (ms)")
        print(f"  bare Bolt app, ack only  p50 {ms(bare, 50):6.2f}  p95 {ms(bare, 95):6.2f}")
        print(f"  ikeerr /ikeerr 13899     p50 {ms(ours, 50):6.2f}  p95 {ms(ours, 95):6.2f}")
        ratio = statistics.median(ours) / statistics.median(bare)
        print(
            f"  ratio of medians: {ratio:.2f}x"
            + (f"  (target <= {TARGET}x)" if pattern == "paced" else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

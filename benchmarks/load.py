"""Load: two `ikeerr serve` replicas sharing Redis, Slack-style retries, a fake Web API.

Run: python3 benchmarks/load.py [--rate 60] [--seconds 60]   (needs redis-server installed)
Every event is a channel message with one IPsec code in its own thread, so each deserves
exactly one reply; 20% of the requests are retries of earlier events sent to the other
replica, as Slack does when an ack is late. Prints replies expected vs sent (duplicates,
lost), ack and event-to-reply latency percentiles, and memory per replica.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.app.fake_slack import FakeSlack  # noqa: E402
from tests.app.harness import SECRET, event_body, message, signature_headers  # noqa: E402
from tests.app.serve_process import ServeProcess, serve_env  # noqa: E402
from tests.support.redis_server import RedisServer  # noqa: E402

CODES = (13801, 13806, 13868, 13899, 13805, 13817, 13887, 13825, 13843, 13820)
RETRY_SHARE = 0.2


class Load:
    def __init__(self, replicas: list[ServeProcess]) -> None:
        self.replicas = replicas
        self.first_sent: dict[str, float] = {}  # event ts -> when it was first sent
        self.acks: list[float] = []
        self.statuses: Counter[int] = Counter()
        self._lock = threading.Lock()

    def send(self, replica: ServeProcess, body: dict[str, object], retry: bool) -> None:
        raw = json.dumps(body)
        headers = {"Content-Type": "application/json", **signature_headers(raw)}
        if retry:
            headers |= {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        request = urllib.request.Request(
            replica.url + "/slack/events", data=raw.encode(), headers=headers
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=10) as response:
            status = response.status
        with self._lock:
            self.acks.append(time.perf_counter() - started)
            self.statuses[status] += 1


def run(rate: float, seconds: float) -> None:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is needed (apt-get install redis-server)")
    redis, fake = RedisServer(binary), FakeSlack()
    redis.start()
    env = serve_env(
        fake.api_url, SLACK_BOT_TOKEN="xoxb-load", SLACK_SIGNING_SECRET=SECRET, REDIS_URL=redis.url
    )
    replicas = [ServeProcess(env), ServeProcess(env)]
    try:
        load = Load(replicas)
        events = _drive(load, rate, seconds)
        _report(load, fake, replicas, events, rate, seconds)
    finally:
        for replica in replicas:
            replica.stop()
        fake.close()
        redis.cleanup()


def _drive(load: Load, rate: float, seconds: float) -> list[dict[str, object]]:
    rng = random.Random(50)
    events: list[dict[str, object]] = []
    total = int(rate * seconds)
    start = time.perf_counter()
    with ThreadPoolExecutor(32) as pool:
        for number in range(total):
            time.sleep(max(0.0, start + number / rate - time.perf_counter()))
            if events and rng.random() < RETRY_SHARE:
                body = rng.choice(events)
                target = load.replicas[(hash(str(body["event_id"])) + 1) % 2]
                pool.submit(load.send, target, body, True)
                continue
            ts = f"1700000000.{number:06d}"
            text = f"VPN users failing, error {rng.choice(CODES)}"
            body = event_body(message(text, ts=ts, channel=f"C{number:07d}"), f"EvLoad{number}")
            events.append(body)
            load.first_sent[ts] = time.monotonic()
            pool.submit(load.send, load.replicas[number % 2], body, False)
    return events


def _report(
    load: Load,
    fake: FakeSlack,
    replicas: list[ServeProcess],
    events: list[dict[str, object]],
    rate: float,
    seconds: float,
) -> None:
    expected = len(events)
    deadline = time.monotonic() + 30
    while len(fake.calls("chat.postMessage")) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # a late duplicate would arrive now
    posts = fake.calls("chat.postMessage")
    per_thread = Counter(str(call.body.get("thread_ts")) for call in posts)
    duplicates = sum(count - 1 for count in per_thread.values())
    lost = sum(1 for ts in load.first_sent if ts not in per_thread)
    to_reply = [
        call.at - load.first_sent[str(call.body.get("thread_ts"))]
        for call in posts
        if str(call.body.get("thread_ts")) in load.first_sent
    ]
    requests = sum(load.statuses.values())
    print(
        f"load: {requests} requests in {seconds:.0f} s ({requests / seconds:.0f}/s), "
        f"{requests - expected} of them retries; statuses {dict(load.statuses)}"
    )
    print(f"replies: expected {expected}, sent {len(posts)}, duplicates {duplicates}, lost {lost}")
    print(f"ack latency: p50 {_ms(load.acks, 50)}, p99 {_ms(load.acks, 99)}")
    print(f"event-to-reply latency: p50 {_ms(to_reply, 50)}, p99 {_ms(to_reply, 99)}")
    for number, replica in enumerate(replicas, start=1):
        now, peak = _memory(replica.process.pid)
        print(f"replica {number}: resident memory {now:.0f} MiB now, {peak:.0f} MiB peak")


def _ms(values: list[float], percentile: int) -> str:
    if len(values) < 2:
        return "n/a"
    return f"{statistics.quantiles(values, n=100)[percentile - 1] * 1000:.1f} ms"


def _memory(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak, in MiB (Linux /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    now, peak = (int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
    return now, peak


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=60.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to send")
    arguments = parser.parse_args()
    run(arguments.rate, arguments.seconds)

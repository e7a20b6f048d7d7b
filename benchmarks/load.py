"""Load: two `ikeerr serve` replicas sharing Redis, Slack-style retries, a fake Web API.

Run: python3 benchmarks/load.py [--rate 60] [--seconds 60]   (needs redis-server installed)
Every event is a channel message with one IPsec code in its own thread, so each deserves
exactly one reply; 20% of the requests are retries of earlier events sent to the other
replica, as Slack does when an ack is late. Then the follow-ups: a tenth of the messages are
edited to another code (each reply must be updated once), another tenth are deleted (each
reply deleted once), and a storm of distinct people reporting one code in one channel (one
summary, a pointer for each later report). Edits and deletions are retried too, to the other
replica. Prints replies, updates and deletions expected vs sent (duplicates, lost), ack and
event-to-reply latency percentiles, and memory per replica.
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
        _follow_ups(load, fake, events, rate)
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


STORM_PEOPLE = 12


def _follow_ups(load: Load, fake: FakeSlack, events: list[dict[str, object]], rate: float) -> None:
    """Edit and delete some answered messages, and start a storm; every follow-up once."""
    rng = random.Random(51)
    originals = [e for e in events if isinstance(e.get("event"), dict)]
    chosen = rng.sample(originals, k=max(2, len(originals) // 5))
    edits, deletions = chosen[: len(chosen) // 2], chosen[len(chosen) // 2 :]
    bodies: list[dict[str, object]] = []
    expected_updates: dict[str, str] = {}  # reply ts -> the source message
    expected_deletes: set[str] = set()
    for number, body in enumerate(edits):
        event = dict(body["event"])  # type: ignore[arg-type]
        ts, channel = str(event["ts"]), str(event["channel"])
        expected_updates[fake.posted_in(ts)[0]] = ts
        old = message(str(event["text"]), ts=ts, channel=channel)
        new = message("VPN users failing, error 13829 now", ts=ts, channel=channel)
        edit = message("", channel=channel, subtype="message_changed", hidden=True)
        edit |= {"message": new, "previous_message": old}
        bodies.append(event_body(edit, f"EvEdit{number}"))
    for number, body in enumerate(deletions):
        event = dict(body["event"])  # type: ignore[arg-type]
        ts, channel = str(event["ts"]), str(event["channel"])
        expected_deletes.add(fake.posted_in(ts)[0])
        gone = message("", channel=channel, subtype="message_deleted", hidden=True)
        bodies.append(event_body(gone | {"deleted_ts": ts}, f"EvDelete{number}"))
    for number in range(STORM_PEOPLE):
        report = message(
            "vpn error 13801 since the CA renewal",
            ts=f"1700001000.{number:06d}",
            channel="CSTORM001",
            user=f"U0STORM{number:03d}",
        )
        bodies.append(event_body(report, f"EvStorm{number}"))
    before = len(fake.calls("chat.postMessage"))
    with ThreadPoolExecutor(16) as pool:
        for number, body in enumerate(bodies):
            time.sleep(1 / rate)
            pool.submit(load.send, load.replicas[number % 2], body, False)
            if rng.random() < RETRY_SHARE:
                pool.submit(load.send, load.replicas[(number + 1) % 2], body, True)
    wanted = len(expected_updates) + len(expected_deletes)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = len(fake.calls("chat.update")) + len(fake.calls("chat.delete"))
        if done >= wanted + STORM_PEOPLE - 5:
            break
        time.sleep(0.2)
    time.sleep(1.0)
    updates = Counter(str(c.body["ts"]) for c in fake.calls("chat.update"))
    deletes = Counter(str(c.body["ts"]) for c in fake.calls("chat.delete"))
    summaries = fake.posted_in("")
    storm_updates = sum(n for ts, n in updates.items() if ts in summaries)
    edit_updates = {ts: n for ts, n in updates.items() if ts in expected_updates}
    print(
        f"edits: {len(expected_updates)} replies to update, updated {len(edit_updates)}, "
        f"duplicates {sum(n - 1 for n in edit_updates.values())}, "
        f"lost {len(set(expected_updates) - set(edit_updates))}"
    )
    deleted = {ts: n for ts, n in deletes.items() if ts in expected_deletes}
    print(
        f"deletions: {len(expected_deletes)} replies to delete, deleted {len(deleted)}, "
        f"duplicates {sum(n - 1 for n in deleted.values())}, "
        f"lost {len(expected_deletes - set(deleted))}"
    )
    pointers = len(fake.calls("chat.postMessage")) - before - len(summaries)
    print(
        f"storm: {STORM_PEOPLE} people, summaries {len(summaries)} (want 1), summary updates "
        f"{storm_updates} (want {STORM_PEOPLE - 5}), thread posts {pointers} "
        f"(want {STORM_PEOPLE}: 4 cards, then a pointer each)"
    )


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

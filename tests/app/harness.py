"""Drives the real app: create_app() behind the real WSGI app on waitress, signed requests."""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.config import SlackSettings
from bot.knowledge import KnowledgeBase
from bot.runtime.memory_store import MemoryStore
from bot.runtime.metrics import Metrics
from bot.runtime.reload import KnowledgeSource
from bot.runtime.store import Store
from bot.slack.app import create_app
from bot.slack.reply_rules import AutoReplyRules
from bot.slack.transport.http_server import HttpServer
from bot.slack.transport.wsgi import EVENTS_PATH, SlackWSGI
from tests.app.fake_slack import APP_ID, BOT_USER_ID, TEAM_ID, FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
USER = "U0ALICE"
CHANNEL = "C0INCIDENT"
_ids = itertools.count(1)


class TrackingExecutor(ThreadPoolExecutor):
    """Bolt's listener executor, with a way to wait until every submitted task finished."""

    def __init__(self) -> None:
        super().__init__(max_workers=4, thread_name_prefix="listener")
        self._futures: list[Future[Any]] = []
        self._lock = threading.Lock()

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._futures.append(future)
        return future

    def wait_idle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                pending = [f for f in self._futures if not f.done()]
            if not pending:
                return
            remaining = deadline - time.monotonic()
            assert remaining > 0, "listeners still running"
            wait(pending, timeout=remaining)


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    seconds: float


def signature_headers(
    body: str, timestamp: str | None = None, secret: str = SECRET
) -> dict[str, str]:
    ts = str(int(time.time())) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": str(signature)}


class Harness:
    """One running app: post signed requests to it, then look at what reached the fake."""

    def __init__(
        self,
        fake: FakeSlack,
        kb: KnowledgeBase | KnowledgeSource,
        rules: AutoReplyRules,
        store: Store,
        api_timeout: float = 10.0,
    ) -> None:
        self.fake = fake
        self.executor = TrackingExecutor()
        self.metrics = Metrics()
        settings = SlackSettings(
            bot_token="xoxb-test",
            signing_secret=SECRET,
            api_url=fake.api_url,
            api_timeout_seconds=api_timeout,
        )
        # No client given: create_app builds it from settings (SLACK_API_URL -> the fake).
        self.app = create_app(
            settings, kb, rules=rules, store=store, executor=self.executor, metrics=self.metrics
        )
        self.server = HttpServer(SlackWSGI(self.app, SECRET, self.metrics), "127.0.0.1", 0)
        self._thread = threading.Thread(target=self.server.run, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.executor.wait_idle()
        self.server.stop()
        self._thread.join(timeout=10)
        self.executor.shutdown()

    def idle(self) -> None:
        """Wait until every lazy listener has finished (for asserting that nothing was sent)."""
        self.executor.wait_idle()

    def request(
        self,
        body: str | bytes,
        headers: dict[str, str] | None = None,
        *,
        method: str = "POST",
        path: str = EVENTS_PATH,
        content_type: str = "application/json",
        port: int = 0,
    ) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", port or self.server.port, timeout=10)
        sent = {"Content-Type": content_type, **(headers or {})}
        start = time.perf_counter()
        conn.request(method, path, body=body or None, headers=sent)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        conn.close()
        return Answer(response.status, text, time.perf_counter() - start)

    def signed(self, body: str, content_type: str, **headers: str) -> Answer:
        return self.request(body, {**signature_headers(body), **headers}, content_type=content_type)

    def event(self, event: dict[str, Any], event_id: str = "", **headers: str) -> Answer:
        return self.signed(json.dumps(event_body(event, event_id)), "application/json", **headers)

    def command(self, text: str, response: str = "cmd") -> Answer:
        form = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "channel_id": CHANNEL,
            "user_id": USER,
            "command": "/ikeerr",
            "text": text,
            "api_app_id": APP_ID,
            "response_url": self.fake.response_url(response),
            "trigger_id": "trigger.1",
        }
        return self.signed(urlencode(form), "application/x-www-form-urlencoded")

    def interact(self, payload: dict[str, Any]) -> Answer:
        base = {"team": {"id": TEAM_ID}, "user": {"id": USER}, "api_app_id": APP_ID}
        body = urlencode({"payload": json.dumps({**base, **payload})})
        return self.signed(body, "application/x-www-form-urlencoded")

    def click(self, action_id: str, value: str, **context: Any) -> Answer:
        """A block_actions payload; `context` adds container, message, view or response_url."""
        action = {"action_id": action_id, "value": value, "type": "button", "block_id": "b1"}
        return self.interact(
            {"type": "block_actions", "trigger_id": "trigger.2", "actions": [action], **context}
        )


def event_body(event: dict[str, Any], event_id: str = "") -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def message(text: str, *, ts: str = "", channel: str = CHANNEL, **fields: Any) -> dict[str, Any]:
    """A channel message event from a person, unless `fields` say otherwise."""
    stamp = ts or f"1700000000.{next(_ids):06d}"
    event = {"type": "message", "channel": channel, "channel_type": "channel", "user": USER}
    return {**event, "text": text, "ts": stamp, "event_ts": stamp, **fields}


def new_store() -> MemoryStore:
    return MemoryStore()


def codes_answered(body: dict[str, Any]) -> list[str]:
    """The codes a posted answer explains: the values of its "How to diagnose" buttons."""
    return [
        element["value"]
        for block in body["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("ikeerr_diagnose")
    ]

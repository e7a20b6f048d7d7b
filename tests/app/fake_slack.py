"""A fake Slack Web API on 127.0.0.1: records every call, answers like Slack, fails on request."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

TEAM_ID = "T0FAKE"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
APP_ID = "A0APP"
RESPONSE_PREFIX = "response/"
# Response URLs have Slack's shape (.../commands/<team>/<id>/<secret>), so log redaction that
# works on real ones is tested on these.
_RESPONSE_PATH = f"commands/{TEAM_ID}/1/"


@dataclass(frozen=True)
class Call:
    """One request the fake received: the API method (or response URL) and its parsed body."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.body.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    @property
    def view(self) -> dict[str, Any]:
        view = self.body.get("view") or {}
        return json.loads(view) if isinstance(view, str) else dict(view)

    def payload_text(self) -> str:
        """Everything that reaches people: the fallback text and the blocks or view, as JSON."""
        return json.dumps([self.body.get("text", ""), self.blocks, self.view], ensure_ascii=False)


@dataclass
class _Failure:
    status: int = 200
    error: str = ""
    retry_after: int | None = None
    delay: float = 0.0
    drop: bool = False


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, deque[_Failure]] = field(default_factory=dict)
    channel_names: dict[str, str] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    auth_error: str = ""
    socket_url: str = ""
    counter: int = 0
    posted: list[str] = field(default_factory=list)  # the ts of each chat.postMessage, in order
    # thread_ts ("" for a channel-level post) -> the ts of the messages posted there
    threads: dict[str, list[str]] = field(default_factory=dict)


class FakeSlack:
    """Start with `FakeSlack()`, point a WebClient at `api_url`, `close()` when done."""

    def __init__(self) -> None:
        self.state = _State()
        self.changed = threading.Condition()
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self.api_url = self.url + "api/"

    def response_url(self, name: str = "1") -> str:
        return f"{self.url}{_RESPONSE_PATH}{name}"

    def calls(self, method: str | None = None) -> list[Call]:
        with self.changed:
            return [c for c in self.state.calls if method is None or c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls of `method` arrived (polling on a condition, no sleep)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = [c for c in self.state.calls if c.method == method]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    break
                self.changed.wait(remaining)
        assert len(found) >= count, f"{method}: {len(found)} calls, wanted {count}: {self.calls()}"
        return found

    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str = "",
        retry_after: int | None = None,
        delay: float = 0.0,
        drop: bool = False,
    ) -> None:
        """The next call of `method` gets this answer: 429 + Retry-After, a 5xx, an ok=false
        error, a delay, or (drop) a connection closed without any answer."""
        with self.changed:
            queue = self.state.failures.setdefault(method, deque())
            queue.append(_Failure(status, error, retry_after, delay, drop))

    def slow_down(self, method: str, seconds: float) -> None:
        with self.changed:
            self.state.delays[method] = seconds

    def posted_ts(self) -> list[str]:
        """The ts Slack gave each posted message, in the order they were posted."""
        with self.changed:
            return list(self.state.posted)

    def posted_in(self, thread_ts: str) -> list[str]:
        """The ts of the messages posted in one thread ("" for channel-level posts)."""
        with self.changed:
            return list(self.state.threads.get(thread_ts, ()))

    def name_channel(self, channel_id: str, name: str) -> None:
        self.state.channel_names[channel_id] = name

    def offer_socket(self, url: str) -> None:
        """apps.connections.open hands out this WebSocket URL (else it refuses the app token)."""
        self.state.socket_url = url

    def refuse_token(self, error: str = "invalid_auth") -> None:
        self.state.auth_error = error

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, method: str, body: dict[str, Any], headers: dict[str, str]) -> _Failure:
        with self.changed:
            self.state.calls.append(Call(method, body, headers, time.monotonic()))
            self.state.counter += 1
            queue = self.state.failures.get(method)
            failure = queue.popleft() if queue else _Failure()
            failure.delay = failure.delay or self.state.delays.get(method, 0.0)
            self.changed.notify_all()
            return failure

    def answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        """What Slack would answer to a successful call."""
        ts = f"{int(time.time())}.{self.state.counter:06d}"
        if method == "auth.test":
            if self.state.auth_error:
                return {"ok": False, "error": self.state.auth_error}
            return {
                "ok": True,
                "url": "https://fake.slack.test/",
                "team": "Fake",
                "user": "ikeerr",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage":
            with self.changed:
                self.state.posted.append(ts)
                self.state.threads.setdefault(str(body.get("thread_ts") or ""), []).append(ts)
            return {"ok": True, "channel": body.get("channel"), "ts": ts}
        if method == "chat.getPermalink":
            channel, ts = body.get("channel"), str(body.get("message_ts", ""))
            link = f"https://fake.slack.test/archives/{channel}/p{ts.replace('.', '')}"
            return {"ok": True, "channel": channel, "permalink": link}
        if method in ("chat.update", "chat.delete"):
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method.startswith("views."):
            return {"ok": True, "view": {"id": f"V{self.state.counter:08d}"}}
        if method == "conversations.info":
            channel = str(body.get("channel", ""))
            if channel not in self.state.channel_names:
                return {"ok": False, "error": "channel_not_found"}
            return {
                "ok": True,
                "channel": {"id": channel, "name": self.state.channel_names[channel]},
            }
        if method == "apps.connections.open":
            if self.state.socket_url:
                return {"ok": True, "url": self.state.socket_url}
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": False, "error": "unknown_method"}


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that gave up (timeout tests) is expected, not worth a traceback


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSlack

    def do_GET(self) -> None:
        self._handle(dict(parse_qsl(urlsplit(self.path).query)))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        if self.headers.get("Content-Type", "").startswith("application/json"):
            body = json.loads(raw or "{}")
        else:
            body = dict(parse_qsl(raw, keep_blank_values=True))
        body.update(parse_qsl(urlsplit(self.path).query))
        self._handle(body)

    def _handle(self, body: dict[str, Any]) -> None:
        path = urlsplit(self.path).path.lstrip("/")
        method = path[len("api/") :] if path.startswith("api/") else path
        if path.startswith(_RESPONSE_PATH):
            method = RESPONSE_PREFIX + path[len(_RESPONSE_PATH) :]
        failure = self.fake.record(method, body, {k.lower(): v for k, v in self.headers.items()})
        if failure.delay:
            threading.Event().wait(failure.delay)  # a slow Slack, not a test pause
        if failure.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif failure.status == 429:
            self._send(429, {"ok": False, "error": "ratelimited"}, failure.retry_after)
        elif failure.status >= 500:
            self._send_text(failure.status, "upstream unavailable")
        elif failure.error:
            self._send(200, {"ok": False, "error": failure.error})
        elif method.startswith(RESPONSE_PREFIX):
            self._send_text(200, "ok")
        else:
            self._send(200, self.fake.answer(method, body))

    def _send(self, status: int, data: dict[str, Any], retry_after: int | None = None) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.end_headers()
        self.wfile.write(raw)

    def _send_text(self, status: int, text: str) -> None:
        raw = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, format: str, *args: Any) -> None:
        return  # keep test output clean

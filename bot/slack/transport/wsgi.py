"""The HTTP face: a WSGI app serving GET /healthz and Slack's signed POST /slack/events."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.runtime.metrics import Metrics
from bot.slack.transport.handoff import Start, holding, start_all

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
# Slack's payloads are far smaller (a 40,000-character message is well under 1 MB as JSON).
MAX_BODY_BYTES = 2 * 1024 * 1024
# Slack's rule: a request older (or newer) than five minutes may be a replay.
MAX_CLOCK_SKEW = 300
# Routing fields of events, commands and interactions, and the types Slack sends them as.
_STRING_FIELDS = ("type", "event_id", "callback_id", "command", "trigger_id", "response_url")
_OBJECT_FIELDS = ("event", "message", "view", "container", "team", "user")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")

logger = logging.getLogger(__name__)

Response = tuple[int, dict[str, str], bytes]
Headers = dict[str, str | Sequence[str]]


class SlackWSGI:
    """The WSGI app: health, readiness, metrics, and Slack requests verified before Bolt."""

    def __init__(
        self,
        app: App,
        signing_secret: str,
        metrics: Metrics,
        ready: Callable[[], dict[str, Any]] = lambda: {"ready": True},
    ) -> None:
        """Without a signing secret (Socket Mode) only health, readiness and metrics are served.

        `ready` reports the checks behind /readyz; its "ready" item decides the status.
        """
        self._app = app
        self._verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self._ready = ready
        self._metrics = metrics

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        with holding() as work:
            try:
                status, headers, body = self._handle(environ)
            except Exception:  # one broken request must never take the server down
                logger.exception("unexpected error on %s", environ.get("PATH_INFO"))
                status, headers, body = _text(500)
        if environ.get("PATH_INFO") == EVENTS_PATH:
            self._metrics.ack_seconds.observe(time.perf_counter() - started)
        start_response(f"{status} {HTTPStatus(status).phrase}", list(headers.items()))
        return _Body(body, work)

    def _handle(self, environ: WSGIEnvironment) -> Response:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path in (HEALTH_PATH, READY_PATH, METRICS_PATH):
            return self._probe(path) if method in ("GET", "HEAD") else _text(405)
        verifier = self._verifier
        if path != EVENTS_PATH or verifier is None:
            return _text(404)
        if method != "POST":
            return _text(405)
        raw = _read_body(environ)
        if isinstance(raw, int):
            return _text(raw)
        headers = _headers(environ)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _text(400)
        if _is_ssl_check(body):
            return _text(200)  # Slack's certificate probe for the slash command URL; no work
        if not _signed(verifier, body, headers):
            return _json(401, {"error": "invalid request"})
        return self._dispatch(body, headers, environ.get("QUERY_STRING", ""))

    def _probe(self, path: str) -> Response:
        if path == HEALTH_PATH:
            return _json(200, {"status": "ok"})  # alive: the process serves requests
        if path == METRICS_PATH:
            return 200, {"Content-Type": self._metrics.content_type}, self._metrics.render()
        checks = self._ready()
        return _json(200 if checks.get("ready") else 503, checks)

    def _dispatch(self, body: str, headers: Headers, query: str) -> Response:
        try:
            request = BoltRequest(body=body, query=query, headers=headers)
        except Exception:  # signed, yet not a shape Slack sends (Bolt fails in many ways)
            logger.warning("malformed request body rejected")
            return _text(400)
        if not _well_formed(request.body):
            logger.warning("request of an unexpected shape rejected")
            return _text(400)
        response = self._app.dispatch(request)
        out = {name: ", ".join(values) for name, values in response.headers.items()}
        return response.status, out, response.body.encode("utf-8")


class _Body(list[bytes]):
    """The response body; the server calls close() once it is sent, which starts the work."""

    def __init__(self, body: bytes, work: list[Start]) -> None:
        super().__init__([body])
        self._work = work

    def close(self) -> None:
        start_all(self._work)


def _signed(verifier: SignatureVerifier, body: str, headers: Headers) -> bool:
    """Slack's signature check, made safe for any header value (no exception, no 500).

    This is the only check: Bolt's own is turned off, since it would repeat the HMAC on
    every request and raise on timestamps that are not numbers.
    """
    timestamp = str(headers.get("x-slack-request-timestamp", ""))
    signature = str(headers.get("x-slack-signature", ""))
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return False
    if abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW:
        return False
    # compare_digest refuses non-ASCII text with an exception: only a well-shaped value goes on.
    return bool(_SIGNATURE.fullmatch(signature)) and verifier.is_valid(body, timestamp, signature)


def _is_ssl_check(body: str) -> bool:
    """Slack's SSL probe, which Bolt answers without a signature: answered, never dispatched."""
    if body.startswith("{") or "ssl_check=1" not in body:
        return False
    return parse_qs(body).get("ssl_check") == ["1"]


def _well_formed(body: dict[str, Any]) -> bool:
    """The fields Bolt routes on have the types Slack gives them (Bolt answers 500 otherwise)."""
    if any(not isinstance(body.get(key, ""), str) for key in _STRING_FIELDS):
        return False
    if any(not isinstance(body.get(key) or {}, dict) for key in _OBJECT_FIELDS):
        return False
    event = body.get("event") or {}
    if "event" in body and not isinstance(event.get("type"), str):
        return False
    actions = body.get("actions", [])
    return isinstance(actions, list) and all(isinstance(a, dict) for a in actions)


def _read_body(environ: WSGIEnvironment) -> bytes | int:
    """The request body, or the HTTP status that refuses it."""
    length = str(environ.get("CONTENT_LENGTH") or "0")
    if not length.isdigit():
        return 400
    if int(length) > MAX_BODY_BYTES:
        return 413
    body: bytes = environ["wsgi.input"].read(int(length))
    return body


def _headers(environ: WSGIEnvironment) -> Headers:
    headers: Headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = str(environ["CONTENT_TYPE"])
    return headers


def _text(status: int) -> Response:
    reason = HTTPStatus(status).phrase.encode()
    return status, {"Content-Type": "text/plain; charset=utf-8"}, reason


def _json(status: int, data: dict[str, Any]) -> Response:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()

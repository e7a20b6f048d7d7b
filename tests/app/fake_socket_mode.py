"""A fake Socket Mode endpoint on 127.0.0.1: sends envelopes to the app, records its acks."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve


class FakeSocketMode:
    """The WebSocket side of Socket Mode: hello on connect, envelopes on demand, acks recorded."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []
        self._clients: list[ServerConnection] = []
        self._changed = threading.Condition()
        self._server: Server = serve(self._handle, "127.0.0.1", 0)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link"

    def _handle(self, connection: ServerConnection) -> None:
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0APP"}}
        connection.send(json.dumps(hello))
        with self._changed:
            self._clients.append(connection)
            self._changed.notify_all()
        try:
            for raw in connection:
                with self._changed:
                    self.acks.append(json.loads(raw))
                    self._changed.notify_all()
        except ConnectionClosed:
            pass

    def send(self, kind: str, payload: dict[str, Any], envelope_id: str) -> None:
        """Deliver one envelope (events_api, slash_commands, interactive) to the app."""
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
        }
        self._wait(lambda: bool(self._clients), "no Socket Mode client connected")
        self._clients[-1].send(json.dumps(envelope))

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        def acked() -> bool:
            return any(ack.get("envelope_id") == envelope_id for ack in self.acks)

        self._wait(acked, f"envelope {envelope_id} was never acknowledged", timeout)
        return next(ack for ack in self.acks if ack.get("envelope_id") == envelope_id)

    def _wait(self, ready: Any, failure: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not ready():
                remaining = deadline - time.monotonic()
                assert remaining > 0, failure
                self._changed.wait(remaining)

    def close(self) -> None:
        self._server.shutdown()

"""Transport: HTTP on waitress, or Socket Mode when SLACK_APP_TOKEN is set; run until stopped."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from bot.config import WHERE_TO_GET, ConfigError, SlackSettings
from bot.knowledge import KnowledgeBase
from bot.slack.app import create_app
from bot.slack.wsgi import EVENTS_PATH, SlackWSGI

# waitress threads only verify, parse and ack (the answers run on Bolt's executor), so a
# handful serve a busy workspace.
HTTP_THREADS = 8
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger(__name__)


class HttpServer:
    """waitress serving one WSGI app until stop(); port 0 picks a free port (tests, benchmarks)."""

    def __init__(self, wsgi: SlackWSGI, host: str, port: int) -> None:
        self._map: dict[int, Any] = {}  # our own socket map, so stop() can end just this server
        server = create_server(
            wsgi, map=self._map, host=host, port=port, threads=HTTP_THREADS, ident="ikeerr"
        )
        assert isinstance(server, BaseWSGIServer) and server.socket is not None  # one socket
        self._server = server
        self._stopping = threading.Event()
        self.host = host
        self.port: int = server.socket.getsockname()[1]

    def run(self) -> None:
        """Serve until stop() is called from any thread; then close everything, here."""
        adj = self._server.adj
        try:
            while not self._stopping.is_set():
                wasyncore.loop(adj.asyncore_loop_timeout, adj.asyncore_use_poll, self._map, 1)
        finally:
            self._server.task_dispatcher.shutdown()
            wasyncore.close_all(self._map)

    def stop(self) -> None:
        self._stopping.set()
        self._server.pull_trigger()  # wake the loop now rather than at its next timeout


def serve(settings: SlackSettings, kb: KnowledgeBase) -> int:
    """Run until stopped; raise ConfigError when Slack refuses the tokens at start."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    app = _start_app(settings, kb)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if settings.socket_mode:
            _run_socket_mode(app, settings)
        else:
            _run_http(app, settings)
    except KeyboardInterrupt:
        logger.info("stopped")
    return 0


def _start_app(settings: SlackSettings, kb: KnowledgeBase) -> App:
    try:
        return create_app(settings, kb)
    except BoltError as error:
        where = WHERE_TO_GET["SLACK_BOT_TOKEN"]
        raise ConfigError(f"Slack refused SLACK_BOT_TOKEN: {error} Get it from {where}.") from None
    except (SlackClientError, OSError) as error:
        raise ConfigError(f"cannot reach Slack at {settings.api_url}: {error}") from None


def _run_http(app: App, settings: SlackSettings) -> None:
    server = HttpServer(SlackWSGI(app, settings.signing_secret), settings.host, settings.port)
    logger.info("ikeerr listening on http://%s:%d%s", server.host, server.port, EVENTS_PATH)
    server.run()


def _run_socket_mode(app: App, settings: SlackSettings) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, settings.app_token)
    try:
        handler.client.connect()
    except SlackApiError as error:
        where = WHERE_TO_GET["SLACK_APP_TOKEN"]
        reason = error.response.get("error")
        raise ConfigError(
            f"Slack refused SLACK_APP_TOKEN ({reason}). Get it from {where}."
        ) from None
    except (SlackClientError, OSError) as error:
        raise ConfigError(f"cannot open a Socket Mode connection: {error}") from None
    # The health check still answers on PORT, so one container probe fits both modes.
    health = HttpServer(
        SlackWSGI(app, "", handler.client.is_connected), settings.host, settings.port
    )
    logger.info(
        "ikeerr connected in Socket Mode; health on http://%s:%d/healthz", health.host, health.port
    )
    try:
        health.run()
    finally:
        handler.client.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (docker stop, systemd) stops like Ctrl-C

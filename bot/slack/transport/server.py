"""Transport: HTTP on waitress, or Socket Mode when SLACK_APP_TOKEN is set; run until stopped."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.config import WHERE_TO_GET, ConfigError, SlackSettings
from bot.knowledge import KnowledgeBase
from bot.runtime.logs import configure_logging
from bot.runtime.memory_store import MemoryStore
from bot.runtime.metrics import Metrics
from bot.runtime.reload import KnowledgeSource
from bot.runtime.store import Store
from bot.slack.app import WORKERS, create_app
from bot.slack.transport.http_server import HttpServer
from bot.slack.transport.wsgi import EVENTS_PATH, SlackWSGI

# On SIGTERM, replies already being written get this long to reach Slack.
DRAIN_SECONDS = 20.0
# slack_sdk's Socket Mode close() joins its receiving thread without a timeout, and a close that
# lands just as that thread starts on a new connection leaves it polling a closed socket for
# good; its threads are daemons, so the process can stop without them.
SOCKET_CLOSE_SECONDS = 5.0

logger = logging.getLogger(__name__)


def serve(
    settings: SlackSettings,
    kb: KnowledgeBase,
    knowledge_path: Path | None = None,
    overlay_path: Path | None = None,
) -> int:
    """Run until SIGTERM or Ctrl-C; raise ConfigError when Slack refuses the tokens at start.

    SIGHUP reloads the knowledge from `knowledge_path` and the team's overlay from
    `overlay_path` (both validated first; both kept if either is broken).
    """
    secrets = (settings.bot_token, settings.signing_secret, settings.app_token, settings.redis_url)
    configure_logging(settings.json_logs, secrets)
    metrics = Metrics()
    knowledge = KnowledgeSource(
        kb, knowledge_path, overlay_path, on_reload=partial(_count_reload, metrics)
    )
    metrics.knowledge_entries.set(len(kb))
    store = build_store(settings, metrics)
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="ikeerr")
    app = _start_app(settings, knowledge, store, pool, metrics)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
    signal.signal(signal.SIGHUP, lambda signum, frame: _reload_in_background(knowledge))
    try:
        running = _Running(app, settings, knowledge, store, metrics, stop)
        if settings.socket_mode:
            _run_socket_mode(running)
        else:
            _run_http(running)
    finally:
        logger.info("stopping: finishing replies in progress")
        _drain(pool)
    logger.info("stopped")
    return 0


def build_store(settings: SlackSettings, metrics: Metrics) -> Store:
    """Redis shared by every replica when REDIS_URL is set (failing open to memory), else memory."""
    if not settings.redis_url:
        return MemoryStore()
    from bot.runtime.failover_store import FailoverStore
    from bot.runtime.redis_store import RedisStore

    store = FailoverStore(
        RedisStore(settings.redis_url, timeout_seconds=settings.redis_timeout_seconds),
        on_fallback=metrics.store_fallbacks.inc,
        retry_after=settings.redis_retry_seconds,
    )
    metrics.store_degraded.set_function(lambda: float(store.degraded))
    return store


def readiness(
    knowledge: KnowledgeSource, store: Store, connected: bool | None = None
) -> dict[str, Any]:
    """What /readyz reports: knowledge loaded and, in Socket Mode, the connection up.

    Redis being down does not make the bot unready: it answers from memory meanwhile.
    """
    checks: dict[str, Any] = {"knowledge_entries": len(knowledge.current)}
    if isinstance(store, MemoryStore):
        checks["state"] = "memory"
    else:
        checks["state"] = "memory (Redis unavailable)" if store.degraded else "redis"
    if connected is not None:
        checks["socket_mode_connected"] = connected
    checks["ready"] = checks["knowledge_entries"] > 0 and connected is not False
    return checks


def _start_app(
    settings: SlackSettings,
    knowledge: KnowledgeSource,
    store: Store,
    pool: ThreadPoolExecutor,
    metrics: Metrics,
) -> App:
    try:
        return create_app(settings, knowledge, store=store, executor=pool, metrics=metrics)
    except BoltError as error:
        where = WHERE_TO_GET["SLACK_BOT_TOKEN"]
        raise ConfigError(f"Slack refused SLACK_BOT_TOKEN: {error} Get it from {where}.") from None
    except (SlackClientError, OSError) as error:
        raise ConfigError(f"cannot reach Slack at {settings.api_url}: {error}") from None


@dataclass(frozen=True)
class _Running:
    """What a transport needs of the started bot."""

    app: App
    settings: SlackSettings
    knowledge: KnowledgeSource
    store: Store
    metrics: Metrics
    stop: threading.Event


def _run_http(bot: _Running) -> None:
    settings = bot.settings
    checks = partial(readiness, bot.knowledge, bot.store)
    wsgi = SlackWSGI(bot.app, settings.signing_secret, bot.metrics, checks)
    server = HttpServer(wsgi, settings.host, settings.port)
    logger.info("ikeerr listening on http://%s:%d%s", server.host, server.port, EVENTS_PATH)
    _serve_until(server, bot.stop)


def _run_socket_mode(bot: _Running) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    settings = bot.settings
    handler = SocketModeHandler(bot.app, settings.app_token)
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

    # Health, readiness and metrics still answer on PORT, so one set of probes fits both modes.
    def checks() -> dict[str, Any]:
        return readiness(bot.knowledge, bot.store, handler.client.is_connected())

    health = HttpServer(SlackWSGI(bot.app, "", bot.metrics, checks), settings.host, settings.port)
    logger.info(
        "ikeerr connected in Socket Mode; health on http://%s:%d/healthz", health.host, health.port
    )
    try:
        _serve_until(health, bot.stop)
    finally:
        # no new events arrive while the replies in progress finish
        if not close_within(handler.client.close, SOCKET_CLOSE_SECONDS):
            logger.warning(
                "the Socket Mode connection did not close within %.0f s; stopping anyway",
                SOCKET_CLOSE_SECONDS,
            )


def _serve_until(server: HttpServer, stop: threading.Event) -> None:
    """Serve from a thread so that the main thread is free to take signals."""
    thread = threading.Thread(target=server.run, name="http", daemon=True)
    thread.start()
    while not stop.wait(0.5) and thread.is_alive():
        pass
    server.stop()
    thread.join(timeout=DRAIN_SECONDS)


def close_within(close: Callable[[], None], seconds: float) -> bool:
    """Run `close` on a daemon thread; False when it has not returned after `seconds`."""
    thread = threading.Thread(target=close, name="close", daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


def _drain(pool: ThreadPoolExecutor) -> None:
    if not close_within(partial(pool.shutdown, wait=True), DRAIN_SECONDS):
        logger.warning("replies still running after %.0f s; stopping anyway", DRAIN_SECONDS)


def _count_reload(metrics: Metrics, ok: bool, kb: KnowledgeBase) -> None:
    metrics.knowledge_reloads.labels("ok" if ok else "rejected").inc()
    metrics.knowledge_entries.set(len(kb))


def _reload_in_background(knowledge: KnowledgeSource) -> None:
    threading.Thread(target=knowledge.reload, name="reload", daemon=True).start()

"""The Bolt app: the one place that builds `App`, its Web API client and its listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient

from bot.config import SlackSettings
from bot.knowledge import KnowledgeBase
from bot.runtime.gaps import GapLog
from bot.runtime.memory_store import MemoryStore
from bot.runtime.metrics import Metrics
from bot.runtime.reload import KnowledgeSource
from bot.runtime.store import Store
from bot.slack.autoreply import AutoReplier
from bot.slack.channels import ChannelNames
from bot.slack.delivery import Delivery, retry_handlers
from bot.slack.listeners import register_listeners
from bot.slack.reply_rules import AutoReplyRules, load_rules
from bot.slack.services import Services

# Slack retries an event for a few minutes at most; an hour of memory covers every retry.
EVENT_TTL = 3600.0
# Threads answering after the ack; each mostly waits on Slack's Web API.
WORKERS = 16

logger = logging.getLogger(__name__)


def create_app(
    settings: SlackSettings,
    kb: KnowledgeBase | KnowledgeSource,
    client: WebClient | None = None,
    *,
    rules: AutoReplyRules | None = None,
    store: Store | None = None,
    executor: Executor | None = None,
    metrics: Metrics | None = None,
) -> App:
    """Build the app; it calls auth.test once, so a bad token fails here, at start.

    `rules` default to the IKEERR_CONFIG file named in `settings` (ConfigError if invalid);
    `metrics` to a registry of the app's own (`serve` passes the one /metrics exposes).
    """
    rules = load_rules(settings.config_path) if rules is None else rules
    client = build_client(settings) if client is None else client
    if client.token is None:
        client.token = settings.bot_token
    app = _bolt_app(settings, client)
    store = MemoryStore() if store is None else store
    metrics = Metrics() if metrics is None else metrics
    knowledge = kb if isinstance(kb, KnowledgeSource) else KnowledgeSource(kb)
    replier = AutoReplier(rules, store, ChannelNames(client).name_of, metrics)
    app.use(dedupe_middleware(store, metrics))
    pool = executor or ThreadPoolExecutor(WORKERS, thread_name_prefix="ikeerr")
    delivery = Delivery(metrics, settings.api_timeout_seconds)
    services = Services(knowledge, rules, replier, delivery, metrics, pool, GapLog(store))
    register_listeners(app, services)
    return app


class _WithoutTokenSkippedWarning(logging.Filter):
    """Drops Bolt's "`token` will be unused" warning.

    Bolt reads SLACK_BOT_TOKEN from the environment whenever no token is passed, then warns at
    every start that the client we pass (with our base URL, timeout and retries) wins. The
    client is built from that same token, so nothing is lost, and the warning would trip
    log-based alerting on every deploy.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _bolt_app(settings: SlackSettings, client: WebClient) -> App:
    bolt_logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _WithoutTokenSkippedWarning) for f in bolt_logger.filters):
        bolt_logger.addFilter(_WithoutTokenSkippedWarning())
    return App(
        name="ikeerr",
        client=client,
        # SlackWSGI verifies every signature before Bolt sees the request, and answers junk
        # timestamps with 401 where Bolt's check raises; Socket Mode requests carry none.
        signing_secret="",
        request_verification_enabled=False,
        # Listeners run in the request thread, ack at once and hand their work to the pool
        # (Services.after_ack), so the 200 never waits for a lookup or a Web API call.
        process_before_response=True,
    )


def build_client(settings: SlackSettings) -> WebClient:
    """The Web API client: SLACK_API_URL, a timeout, and retries on 429 and connection errors."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=settings.api_timeout_seconds,  # type: ignore[arg-type]  # seconds, as a float
        retry_handlers=retry_handlers(),
    )


def dedupe_middleware(store: Store, metrics: Metrics) -> Callable[..., BoltResponse | None]:
    """Acknowledge a retried event (same event_id) without handling it twice."""

    def dedupe_events(
        body: dict[str, Any], next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not store.set_if_absent(f"event:{event_id}", EVENT_TTL):
            logger.info("event %s already handled; acknowledging the retry", event_id)
            metrics.suppressed.labels("duplicate").inc()
            return BoltResponse(status=200, body="")
        return next()

    return dedupe_events

"""The Bolt app: the one place that builds `App`, its Web API client and its listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from bot.config import SlackSettings
from bot.knowledge import KnowledgeBase
from bot.runtime.memory_store import MemoryStore, Store
from bot.runtime.metrics import get_metrics
from bot.runtime.reload import KnowledgeSource
from bot.slack.autoreply import AutoReplier
from bot.slack.channels import ChannelNames
from bot.slack.delivery import TIMEOUT_SECONDS, retry_handlers
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
) -> App:
    """Build the app; it calls auth.test once, so a bad token fails here, at start.

    `rules` default to the IKEERR_CONFIG file named in `settings` (ConfigError if invalid).
    """
    rules = load_rules(settings.config_path) if rules is None else rules
    client = build_client(settings) if client is None else client
    if client.token is None:
        client.token = settings.bot_token
    app = _bolt_app(settings, client)
    store = MemoryStore() if store is None else store
    knowledge = kb if isinstance(kb, KnowledgeSource) else KnowledgeSource(kb)
    replier = AutoReplier(knowledge, rules, store, ChannelNames(client).name_of)
    app.use(dedupe_middleware(store))
    pool = executor or ThreadPoolExecutor(WORKERS, thread_name_prefix="ikeerr")
    register_listeners(app, Services(knowledge, rules, replier, pool))
    return app


def _bolt_app(settings: SlackSettings, client: WebClient) -> App:
    return App(
        name="ikeerr",
        client=client,
        signing_secret=settings.signing_secret or None,
        request_verification_enabled=bool(settings.signing_secret),  # Socket Mode has none
        # Listeners run in the request thread, ack at once and hand their work to the pool
        # (Services.after_ack), so the 200 never waits for a lookup or a Web API call.
        process_before_response=True,
    )


def build_client(settings: SlackSettings) -> WebClient:
    """The Web API client: SLACK_API_URL, a timeout, and retries on 429 and connection errors."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )


def dedupe_middleware(store: Store) -> Callable[..., BoltResponse | None]:
    """Acknowledge a retried event (same event_id) without handling it twice."""

    def dedupe_events(
        body: dict[str, Any], next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not store.set_if_absent(f"event:{event_id}", EVENT_TTL):
            logger.info("event %s already handled; acknowledging the retry", event_id)
            get_metrics().suppressed.labels("duplicate").inc()
            return BoltResponse(status=200, body="")
        return next()

    return dedupe_events

"""Prometheus metrics: one registry per running app, every name prefixed with ikeerr_."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    """The counters and histograms the bot reports; safe to share between threads."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "ikeerr_requests", "Slack requests handled, by surface", ["surface"], registry=r
        )
        self.lookups = Counter(
            "ikeerr_lookups", "Lookups by outcome (hit, miss, ambiguous)", ["outcome"], registry=r
        )
        self.auto_replies = Counter(
            "ikeerr_auto_replies", "Automatic thread replies posted", registry=r
        )
        self.feedback = Counter(
            "ikeerr_feedback",
            "Helpful? votes on answers, by code and vote",
            ["code", "vote"],
            registry=r,
        )
        self.storms = Counter(
            "ikeerr_storms",
            "Storm summaries posted (one code from many people at once)",
            registry=r,
        )
        self.followups = Counter(
            "ikeerr_reply_followups",
            "Replies kept in step with an edited or deleted message (updated, deleted)",
            ["action"],
            registry=r,
        )
        self.suppressed = Counter(
            "ikeerr_suppressed_replies",
            "Replies not sent, by reason (cooldown, duplicate)",
            ["reason"],
            registry=r,
        )
        self.slack_errors = Counter(
            "ikeerr_slack_api_errors",
            "Slack Web API calls that failed, by method and error",
            ["method", "error"],
            registry=r,
        )
        self.store_fallbacks = Counter(
            "ikeerr_store_fallbacks",
            "Store operations answered from memory (Redis down)",
            registry=r,
        )
        self.store_degraded = Gauge(
            "ikeerr_store_degraded", "1 while shared state falls back to memory", registry=r
        )
        self.knowledge_entries = Gauge(
            "ikeerr_knowledge_entries", "Entries in the loaded knowledge base", registry=r
        )
        self.knowledge_reloads = Counter(
            "ikeerr_knowledge_reloads", "Knowledge reloads, by result", ["result"], registry=r
        )
        self.lookup_seconds = Histogram(
            "ikeerr_lookup_seconds",
            "Time to look up one query",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.ack_seconds = Histogram(
            "ikeerr_ack_seconds",
            "Time from receiving a Slack request to acknowledging it",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)

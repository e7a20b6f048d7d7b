"""A Store on Redis: atomic SET NX PX claims shared by every replica, with short timeouts."""

from __future__ import annotations

import redis

# A claim must never hold up an ack: past these, the caller falls back to memory.
CONNECT_TIMEOUT_SECONDS = 0.3
COMMAND_TIMEOUT_SECONDS = 0.3
KEY_PREFIX = "ikeerr:"


class RedisStore:
    """Keys live in Redis with an expiry, so replicas share dedupe and cooldowns."""

    def __init__(self, url: str, client: redis.Redis | None = None) -> None:
        self._client = client or redis.Redis.from_url(
            url,
            socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
            socket_timeout=COMMAND_TIMEOUT_SECONDS,
            retry_on_timeout=False,
            health_check_interval=30,
        )

    def set_if_absent(self, key: str, ttl: float) -> bool:
        """Raises redis.RedisError (or OSError) when Redis cannot answer in time."""
        milliseconds = max(1, int(ttl * 1000))
        return bool(self._client.set(KEY_PREFIX + key, b"1", nx=True, px=milliseconds))

    def ping(self) -> bool:
        return bool(self._client.ping())

    def close(self) -> None:
        self._client.close()

"""A Store on Redis: atomic SET NX PX claims shared by every replica, with short timeouts."""

from __future__ import annotations

import redis

from bot.runtime.store import StoreError

# A claim must never hold up an ack: past these, the caller falls back to memory.
CONNECT_TIMEOUT_SECONDS = 0.3
COMMAND_TIMEOUT_SECONDS = 0.3
KEY_PREFIX = "ikeerr:"


class RedisStore:
    """Keys live in Redis with an expiry, so replicas share dedupe and cooldowns."""

    degraded = False  # it has no fallback of its own: it answers or raises StoreError

    def __init__(
        self,
        url: str,
        client: redis.Redis | None = None,
        *,
        timeout_seconds: float = COMMAND_TIMEOUT_SECONDS,
    ) -> None:
        self._client = client or redis.Redis.from_url(
            url,
            socket_connect_timeout=min(timeout_seconds, CONNECT_TIMEOUT_SECONDS),
            socket_timeout=timeout_seconds,
            retry_on_timeout=False,
            health_check_interval=30,
        )

    def set_if_absent(self, key: str, ttl: float) -> bool:
        milliseconds = max(1, int(ttl * 1000))
        try:
            return bool(self._client.set(KEY_PREFIX + key, b"1", nx=True, px=milliseconds))
        except (redis.RedisError, OSError) as error:
            raise StoreError(f"Redis: {error}") from error

    def release(self, key: str) -> None:
        try:
            self._client.delete(KEY_PREFIX + key)
        except (redis.RedisError, OSError) as error:
            raise StoreError(f"Redis: {error}") from error

    def ping(self) -> bool:
        return bool(self._client.ping())

    def close(self) -> None:
        self._client.close()

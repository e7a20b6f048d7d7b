"""A Store on Redis: atomic SET NX PX claims, values, sets, tallies and capped lists shared by
every replica, with short timeouts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

import redis

from bot.runtime.store import StoreError

# A claim must never hold up an ack: past these, the caller falls back to memory.
CONNECT_TIMEOUT_SECONDS = 0.3
COMMAND_TIMEOUT_SECONDS = 0.3
KEY_PREFIX = "ikeerr:"

T = TypeVar("T")


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
        return bool(
            self._do(lambda r: r.set(KEY_PREFIX + key, b"1", nx=True, px=_milliseconds(ttl)))
        )

    def release(self, key: str) -> None:
        self._do(lambda r: r.delete(KEY_PREFIX + key))

    def get(self, key: str) -> str | None:
        value = self._do(lambda r: r.get(KEY_PREFIX + key))
        return None if value is None else _text(value)

    def put(self, key: str, value: str, ttl: float) -> None:
        self._do(lambda r: r.set(KEY_PREFIX + key, value.encode("utf-8"), px=_milliseconds(ttl)))

    def add_member(self, key: str, member: str, ttl: float) -> int:
        def add(r: redis.Redis) -> int:
            pipe = r.pipeline()
            pipe.sadd(KEY_PREFIX + key, member)
            pipe.pexpire(KEY_PREFIX + key, _milliseconds(ttl))
            pipe.scard(KEY_PREFIX + key)
            return int(pipe.execute()[-1])

        return self._do(add)

    def add_recent(self, key: str, member: str, now: float, window: float) -> int:
        def note(r: redis.Redis) -> int:
            pipe = r.pipeline()
            pipe.zadd(KEY_PREFIX + key, {member: now})
            pipe.zremrangebyscore(KEY_PREFIX + key, "-inf", now - window)
            pipe.pexpire(KEY_PREFIX + key, _milliseconds(window))
            pipe.zcard(KEY_PREFIX + key)
            return int(pipe.execute()[-1])

        return self._do(note)

    def tally(self, key: str, member: str, ttl: float) -> None:
        def count(r: redis.Redis) -> None:
            pipe = r.pipeline()
            pipe.zincrby(KEY_PREFIX + key, 1, member)
            pipe.pexpire(KEY_PREFIX + key, _milliseconds(ttl))
            pipe.execute()

        self._do(count)

    def top(self, key: str, limit: int) -> list[tuple[str, int]]:
        def ranked(r: redis.Redis) -> list[tuple[str, int]]:
            found = r.zrevrange(KEY_PREFIX + key, 0, limit - 1, withscores=True)
            pairs = cast("list[tuple[bytes, float]]", found)  # withscores gives pairs
            return [(_text(member), int(score)) for member, score in pairs]

        return self._do(ranked)

    def push(self, key: str, value: str, limit: int, ttl: float) -> None:
        def keep(r: redis.Redis) -> None:
            pipe = r.pipeline()
            pipe.lpush(KEY_PREFIX + key, value.encode("utf-8"))
            pipe.ltrim(KEY_PREFIX + key, 0, limit - 1)
            pipe.pexpire(KEY_PREFIX + key, _milliseconds(ttl))
            pipe.execute()

        self._do(keep)

    def recent(self, key: str, limit: int) -> list[str]:
        found = self._do(lambda r: r.lrange(KEY_PREFIX + key, 0, limit - 1))
        return [_text(value) for value in found]

    def _do(self, command: Callable[[redis.Redis], T]) -> T:
        try:
            return command(self._client)
        except (redis.RedisError, OSError) as error:
            raise StoreError(f"Redis: {error}") from error

    def ping(self) -> bool:
        return bool(self._client.ping())

    def close(self) -> None:
        self._client.close()


def _milliseconds(ttl: float) -> int:
    return max(1, int(ttl * 1000))


def _text(value: object) -> str:
    """Redis answers bytes (this client decodes nothing); anything else is shown as text."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)

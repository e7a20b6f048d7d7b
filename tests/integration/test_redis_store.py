"""RedisStore and FailoverStore against a real redis-server on loopback."""

from __future__ import annotations

import time

import pytest

from bot.runtime.failover_store import FailoverStore
from bot.runtime.redis_store import RedisStore
from bot.runtime.store import StoreError
from tests.support.redis_server import RedisServer


def test_claims_are_atomic_and_shared(redis_server: RedisServer) -> None:
    first, second = RedisStore(redis_server.url), RedisStore(redis_server.url)
    assert first.set_if_absent("event:Ev1", 60) is True
    assert second.set_if_absent("event:Ev1", 60) is False


def test_claims_expire(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)
    assert store.set_if_absent("cooldown:C1:13801", 0.2)
    deadline = time.monotonic() + 5
    while not store.set_if_absent("cooldown:C1:13801", 0.2):
        assert time.monotonic() < deadline, "key never expired"
        time.sleep(0.05)


def test_dead_redis_raises_quickly(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)
    redis_server.stop()
    started = time.monotonic()
    with pytest.raises(StoreError):
        store.set_if_absent("event:Ev2", 60)
    assert time.monotonic() - started < 5


def test_failover_survives_a_restart(redis_server: RedisServer) -> None:
    store = FailoverStore(RedisStore(redis_server.url), retry_after=0.0)
    assert store.set_if_absent("event:Ev3", 60)
    redis_server.stop()
    assert store.set_if_absent("event:Ev4", 60)  # answered from memory
    assert not store.set_if_absent("event:Ev4", 60)
    assert store.degraded
    redis_server.start()
    deadline = time.monotonic() + 10
    while store.degraded:
        assert time.monotonic() < deadline, "never went back to Redis"
        store.set_if_absent(f"probe:{time.monotonic()}", 60)
        time.sleep(0.05)
    assert store.set_if_absent("event:Ev5", 60)
    assert not RedisStore(redis_server.url).set_if_absent("event:Ev5", 60)

from __future__ import annotations

import logging

import pytest

from bot.runtime.failover_store import RETRY_AFTER_SECONDS, WARN_EVERY_SECONDS, FailoverStore
from bot.runtime.memory_store import MemoryStore
from bot.runtime.redis_store import RedisStore
from bot.runtime.store import StoreError


class FlakyRedis(RedisStore):
    """A RedisStore stand-in whose availability the test switches."""

    def __init__(self) -> None:
        self.up = True
        self.keys: set[str] = set()
        self.calls = 0

    def set_if_absent(self, key: str, ttl: float) -> bool:
        self.calls += 1
        if not self.up:
            raise StoreError("connection refused")
        if key in self.keys:
            return False
        self.keys.add(key)
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_uses_redis_while_it_answers() -> None:
    primary = FlakyRedis()
    store = FailoverStore(primary)
    assert store.set_if_absent("event:1", 60) is True
    assert store.set_if_absent("event:1", 60) is False
    assert primary.keys == {"event:1"} and not store.degraded


def test_falls_back_to_memory_and_counts_it(caplog: pytest.LogCaptureFixture) -> None:
    primary, clock, fallbacks = FlakyRedis(), Clock(), []
    store = FailoverStore(primary, MemoryStore(clock), lambda: fallbacks.append(1), clock)
    primary.up = False
    with caplog.at_level(logging.WARNING):
        assert store.set_if_absent("event:2", 60) is True
        assert store.set_if_absent("event:2", 60) is False
    assert store.degraded and fallbacks == [1]
    assert [r.message for r in caplog.records if "unavailable" in r.message] != []


def test_does_not_hammer_a_dead_redis() -> None:
    primary, clock = FlakyRedis(), Clock()
    store = FailoverStore(primary, MemoryStore(clock), clock=clock)
    primary.up = False
    for number in range(50):
        store.set_if_absent(f"event:{number}", 60)
    assert primary.calls == 1


def test_returns_to_redis_when_it_comes_back(caplog: pytest.LogCaptureFixture) -> None:
    primary, clock = FlakyRedis(), Clock()
    store = FailoverStore(primary, MemoryStore(clock), clock=clock)
    primary.up = False
    store.set_if_absent("event:3", 60)
    primary.up = True
    clock.now += RETRY_AFTER_SECONDS
    with caplog.at_level(logging.WARNING):
        assert store.set_if_absent("event:4", 60) is True
    assert not store.degraded and "event:4" in primary.keys
    assert any("back" in r.message for r in caplog.records)


def test_warnings_are_rate_limited(caplog: pytest.LogCaptureFixture) -> None:
    primary, clock = FlakyRedis(), Clock()
    store = FailoverStore(primary, MemoryStore(clock), clock=clock)
    primary.up = False
    with caplog.at_level(logging.WARNING):
        for _ in range(20):
            clock.now += RETRY_AFTER_SECONDS
            store.set_if_absent("event:5", 60)
    warnings = [r for r in caplog.records if "unavailable" in r.message]
    expected = 1 + int(20 * RETRY_AFTER_SECONDS // WARN_EVERY_SECONDS)
    assert 1 <= len(warnings) <= expected

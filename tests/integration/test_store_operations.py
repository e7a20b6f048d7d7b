"""Every Store answers the same way: memory, Redis on loopback, and the fail-over store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.runtime.failover_store import FailoverStore
from bot.runtime.memory_store import MemoryStore
from bot.runtime.redis_store import RedisStore
from bot.runtime.store import Store
from tests.support.redis_server import RedisServer, find_redis_server


@pytest.fixture(scope="module")
def shared_redis() -> Iterator[RedisServer]:
    server = RedisServer(find_redis_server())
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(params=["memory", "redis", "failover"])
def store(request: pytest.FixtureRequest) -> Store:
    if request.param == "memory":
        return MemoryStore()
    server: RedisServer = request.getfixturevalue("shared_redis")
    redis_store = RedisStore(server.url)
    redis_store._client.flushdb()  # each test starts empty
    return redis_store if request.param == "redis" else FailoverStore(redis_store)


def test_values_are_stored_replaced_and_released(store: Store) -> None:
    assert store.get("reply:C1:1.0") is None
    store.put("reply:C1:1.0", '{"ts": "2.0"}', 60)
    assert store.get("reply:C1:1.0") == '{"ts": "2.0"}'
    store.put("reply:C1:1.0", "ü", 60)
    assert store.get("reply:C1:1.0") == "ü"
    store.release("reply:C1:1.0")
    assert store.get("reply:C1:1.0") is None


def test_sets_count_distinct_members(store: Store) -> None:
    assert store.add_member("storm:C1:13801", "u:U1", 60) == 1
    assert store.add_member("storm:C1:13801", "u:U1", 60) == 1
    assert store.add_member("storm:C1:13801", "u:U2", 60) == 2
    assert store.add_member("storm:C1:809", "u:U1", 60) == 1


def test_recent_members_are_counted_in_a_sliding_window(store: Store) -> None:
    assert store.add_recent("storm:C1:13801", "u:U1", 100.0, 600) == 1
    assert store.add_recent("storm:C1:13801", "u:U1", 200.0, 600) == 1
    assert store.add_recent("storm:C1:13801", "u:U2", 650.0, 600) == 2
    assert store.add_recent("storm:C1:13801", "u:U3", 900.0, 600) == 2, "U1 was last seen at 200"


def test_tallies_rank_their_members(store: Store) -> None:
    for member in ("a", "b", "b", "c", "b", "c"):
        store.tally("gaps:day", member, 60)
    assert store.top("gaps:day", 2) == [("b", 3), ("c", 2)]
    assert store.top("gaps:none", 5) == []


def test_lists_keep_the_newest_first_up_to_a_limit(store: Store) -> None:
    for n in range(5):
        store.push("comments", f"c{n}", 3, 60)
    assert store.recent("comments", 10) == ["c4", "c3", "c2"]
    assert store.recent("comments", 1) == ["c4"]


def test_a_claim_and_a_value_do_not_mix(store: Store) -> None:
    assert store.set_if_absent("k", 60)
    assert not store.set_if_absent("k", 60)
    store.put("v", "x", 60)
    assert not store.set_if_absent("v", 60), "a stored value holds its key"


def test_memory_values_expire() -> None:
    now = [0.0]
    store = MemoryStore(clock=lambda: now[0])
    store.put("v", "x", 10)
    store.add_member("s", "m", 10)
    store.push("l", "x", 5, 10)
    now[0] = 11
    assert store.get("v") is None and store.add_member("s", "n", 10) == 1
    assert store.recent("l", 5) == []

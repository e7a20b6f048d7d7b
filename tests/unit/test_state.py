"""MemoryStore: atomic claims that expire, safe across threads."""

from __future__ import annotations

import threading

from bot.runtime.memory_store import MemoryStore
from bot.runtime.store import Store


def test_a_key_is_claimed_once_until_it_expires() -> None:
    now = [0.0]
    store: Store = MemoryStore(clock=lambda: now[0])
    assert store.set_if_absent("k", ttl=10) is True
    assert store.set_if_absent("k", ttl=10) is False
    now[0] = 9.9
    assert store.set_if_absent("k", ttl=10) is False
    now[0] = 10.0
    assert store.set_if_absent("k", ttl=10) is True


def test_keys_are_independent() -> None:
    store = MemoryStore()
    assert store.set_if_absent("a", 60) and store.set_if_absent("b", 60)
    assert not store.set_if_absent("a", 60)


def test_an_empty_store_is_truthy() -> None:
    assert MemoryStore(), "`store or MemoryStore()` must keep a store that was passed in"


def test_zero_ttl_never_blocks() -> None:
    store = MemoryStore()
    assert store.set_if_absent("k", 0) and store.set_if_absent("k", 0)


def test_expired_keys_are_swept_so_memory_stays_bounded() -> None:
    now = [0.0]
    store = MemoryStore(clock=lambda: now[0])
    for number in range(25_000):
        now[0] = float(number)
        store.set_if_absent(f"key-{number}", ttl=5)
    assert store.live_keys() == 5
    assert len(store._expiry) < 12_000  # swept, not grown without bound


def test_exactly_one_thread_wins_a_claim() -> None:
    store = MemoryStore()
    start = threading.Barrier(16)
    wins: list[bool] = []
    lock = threading.Lock()

    def claim() -> None:
        start.wait()
        won = store.set_if_absent("event:Ev1", 3600)
        with lock:
            wins.append(won)

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins.count(True) == 1

"""The in-memory Store: one process's state (claims, values, sets, tallies, lists), the default
without Redis."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

# Past this many live keys, expired ones are swept before the next insert.
_SWEEP_AT = 10_000

T = TypeVar("T", str, set[str], Counter[str], list[str], dict[str, float])


class MemoryStore:
    """A thread-safe Store for one process; keys vanish `ttl` seconds after they are set."""

    degraded = False  # memory is this store's backend, not a fallback

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._expiry: dict[str, float] = {}
        self._values: dict[str, object] = {}
        self._lock = threading.Lock()
        self._sweep_at = _SWEEP_AT

    def set_if_absent(self, key: str, ttl: float) -> bool:
        now = self._clock()
        with self._lock:
            if self._live(key, now):
                return False
            self._keep(key, "1", now + ttl)
            return True

    def release(self, key: str) -> None:
        with self._lock:
            self._expiry.pop(key, None)
            self._values.pop(key, None)

    def get(self, key: str) -> str | None:
        with self._lock:
            value = self._values.get(key) if self._live(key, self._clock()) else None
            return value if isinstance(value, str) else None

    def put(self, key: str, value: str, ttl: float) -> None:
        with self._lock:
            self._keep(key, value, self._clock() + ttl)

    def add_member(self, key: str, member: str, ttl: float) -> int:
        with self._lock:
            members = self._existing(key, set())
            members.add(member)
            self._keep(key, members, self._clock() + ttl)
            return len(members)

    def add_recent(self, key: str, member: str, now: float, window: float) -> int:
        with self._lock:
            seen: dict[str, float] = self._existing(key, {})
            seen[member] = now
            for old in [m for m, at in seen.items() if at <= now - window]:
                del seen[old]
            self._keep(key, seen, self._clock() + window)
            return len(seen)

    def tally(self, key: str, member: str, ttl: float) -> None:
        with self._lock:
            counts: Counter[str] = self._existing(key, Counter())
            counts[member] += 1
            self._keep(key, counts, self._clock() + ttl)

    def top(self, key: str, limit: int) -> list[tuple[str, int]]:
        with self._lock:
            counts: Counter[str] = self._existing(key, Counter())
            return counts.most_common(limit)

    def push(self, key: str, value: str, limit: int, ttl: float) -> None:
        with self._lock:
            values: list[str] = self._existing(key, [])
            values.insert(0, value)
            del values[limit:]
            self._keep(key, values, self._clock() + ttl)

    def recent(self, key: str, limit: int) -> list[str]:
        with self._lock:
            values: list[str] = self._existing(key, [])
            return values[:limit]

    def live_keys(self) -> int:
        """How many keys are held now (no __len__: an empty store must not be falsy)."""
        now = self._clock()
        with self._lock:
            return sum(1 for expiry in self._expiry.values() if expiry > now)

    def _live(self, key: str, now: float) -> bool:
        expiry = self._expiry.get(key)
        return expiry is not None and expiry > now

    def _existing(self, key: str, empty: T) -> T:
        """The live value at `key` if it has the kind of `empty`, else `empty`."""
        value = self._values.get(key) if self._live(key, self._clock()) else None
        return value if isinstance(value, type(empty)) else empty

    def _keep(self, key: str, value: object, expiry: float) -> None:
        if key not in self._expiry and len(self._expiry) >= self._sweep_at:
            self._sweep(self._clock())
        self._expiry[key] = expiry
        self._values[key] = value

    def _sweep(self, now: float) -> None:
        """Drop expired keys; if most keys are live, sweep less often so inserts stay O(1)."""
        self._expiry = {key: expiry for key, expiry in self._expiry.items() if expiry > now}
        self._values = {key: self._values[key] for key in self._expiry if key in self._values}
        self._sweep_at = max(_SWEEP_AT, 2 * len(self._expiry))

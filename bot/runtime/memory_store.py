"""The in-memory Store: one process's dedupe and cooldown keys, the default without Redis."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

# Past this many live keys, expired ones are swept before the next insert.
_SWEEP_AT = 10_000


class MemoryStore:
    """A thread-safe Store for one process; keys vanish `ttl` seconds after they are set."""

    degraded = False  # memory is this store's backend, not a fallback

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()
        self._sweep_at = _SWEEP_AT

    def set_if_absent(self, key: str, ttl: float) -> bool:
        now = self._clock()
        with self._lock:
            expiry = self._expiry.get(key)
            if expiry is not None and expiry > now:
                return False
            if len(self._expiry) >= self._sweep_at:
                self._sweep(now)
            self._expiry[key] = now + ttl
            return True

    def release(self, key: str) -> None:
        with self._lock:
            self._expiry.pop(key, None)

    def live_keys(self) -> int:
        """How many keys are held now (no __len__: an empty store must not be falsy)."""
        now = self._clock()
        with self._lock:
            return sum(1 for expiry in self._expiry.values() if expiry > now)

    def _sweep(self, now: float) -> None:
        """Drop expired keys; if most keys are live, sweep less often so inserts stay O(1)."""
        self._expiry = {key: expiry for key, expiry in self._expiry.items() if expiry > now}
        self._sweep_at = max(_SWEEP_AT, 2 * len(self._expiry))

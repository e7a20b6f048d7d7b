"""Failing open: the shared store while it answers, process memory while it does not, then back."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from bot.runtime.memory_store import MemoryStore
from bot.runtime.store import Store, StoreError

logger = logging.getLogger(__name__)

# After a failure, the shared store is tried again this often; memory answers meanwhile.
RETRY_AFTER_SECONDS = 5.0
# At most one warning per this many seconds, however long the shared store stays away.
WARN_EVERY_SECONDS = 60.0

T = TypeVar("T")


class FailoverStore:
    """A Store that never blocks replies on Redis: an outage degrades dedupe, not answers.

    Keys claimed in memory during an outage are not in Redis, so right after Redis returns a
    retried event could be answered twice by two replicas; that is the price of staying up.
    """

    def __init__(
        self,
        primary: Store,
        fallback: MemoryStore | None = None,
        on_fallback: Callable[[], None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
        *,
        retry_after: float = RETRY_AFTER_SECONDS,
        warn_every: float = WARN_EVERY_SECONDS,
    ) -> None:
        self._primary = primary
        self._fallback = fallback or MemoryStore()
        self._on_fallback = on_fallback
        self._clock = clock
        self._retry_after = retry_after
        self._warn_every = warn_every
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._retry_at = 0.0
        self._warned_at = -warn_every

    @property
    def degraded(self) -> bool:
        """True while answers come from the in-memory fallback."""
        return self._down_since is not None

    def set_if_absent(self, key: str, ttl: float) -> bool:
        if self._primary_due():
            try:
                claimed = self._primary.set_if_absent(key, ttl)
            except StoreError as error:
                self._note_failure(error)
            else:
                self._note_success()
                # Mirror locally so a later outage still remembers recent claims.
                self._fallback.set_if_absent(key, ttl)
                return claimed
        return self._fallback.set_if_absent(key, ttl)

    def release(self, key: str) -> None:
        self._fallback.release(key)
        self._either(lambda store: store.release(key), lambda: None)

    def get(self, key: str) -> str | None:
        return self._either(lambda store: store.get(key), lambda: self._fallback.get(key))

    def put(self, key: str, value: str, ttl: float) -> None:
        self._fallback.put(key, value, ttl)  # mirrored, as claims are
        self._either(lambda store: store.put(key, value, ttl), lambda: None)

    def add_member(self, key: str, member: str, ttl: float) -> int:
        local = self._fallback.add_member(key, member, ttl)
        return self._either(lambda store: store.add_member(key, member, ttl), lambda: local)

    def add_recent(self, key: str, member: str, now: float, window: float) -> int:
        local = self._fallback.add_recent(key, member, now, window)
        return self._either(lambda store: store.add_recent(key, member, now, window), lambda: local)

    def tally(self, key: str, member: str, ttl: float) -> None:
        self._either(
            lambda store: store.tally(key, member, ttl),
            lambda: self._fallback.tally(key, member, ttl),
        )

    def top(self, key: str, limit: int) -> list[tuple[str, int]]:
        return self._either(
            lambda store: store.top(key, limit), lambda: self._fallback.top(key, limit)
        )

    def push(self, key: str, value: str, limit: int, ttl: float) -> None:
        self._either(
            lambda store: store.push(key, value, limit, ttl),
            lambda: self._fallback.push(key, value, limit, ttl),
        )

    def recent(self, key: str, limit: int) -> list[str]:
        return self._either(
            lambda store: store.recent(key, limit), lambda: self._fallback.recent(key, limit)
        )

    def _either(self, shared: Callable[[Store], T], local: Callable[[], T]) -> T:
        """The shared store's answer while it answers, else the local one."""
        if self._primary_due():
            try:
                found = shared(self._primary)
            except StoreError as error:
                self._note_failure(error)
            else:
                self._note_success()
                return found
        return local()

    def _primary_due(self) -> bool:
        return self._down_since is None or self._clock() >= self._retry_at

    def _note_failure(self, error: Exception) -> None:
        now = self._clock()
        with self._lock:
            if self._down_since is None:
                self._down_since = now
            self._retry_at = now + self._retry_after
            warn = now - self._warned_at >= self._warn_every
            if warn:
                self._warned_at = now
        self._on_fallback()
        if warn:
            logger.warning("Redis unavailable (%s); using in-memory state until it returns", error)

    def _note_success(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is None:
                return
            outage = self._clock() - self._down_since
            self._down_since = None
        logger.warning("Redis is back after %.0f s; shared state restored", outage)

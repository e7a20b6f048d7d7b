"""The Store interface: expiring keys claimed atomically, values, sets, tallies and capped
lists, shared by every replica that uses it."""

from __future__ import annotations

from typing import Protocol


class StoreError(Exception):
    """The store could not answer (Redis down or too slow); callers fall back or carry on."""


class Store(Protocol):
    """Keys that expire; dedupe and cooldowns need an atomic claim and a way to give one back."""

    @property
    def degraded(self) -> bool:
        """True while the store answers from a fallback rather than its shared backend."""
        ...

    def set_if_absent(self, key: str, ttl: float) -> bool:
        """Claim `key` for `ttl` seconds; False when it is already held (and not yet expired).

        Raises StoreError when the store cannot answer.
        """
        ...

    def release(self, key: str) -> None:
        """Give a claim back (the work it stood for failed), so the key can be claimed again.

        Raises StoreError when the store cannot answer.
        """
        ...

    def get(self, key: str) -> str | None:
        """The value stored at `key`, or None when there is none (or it expired)."""
        ...

    def put(self, key: str, value: str, ttl: float) -> None:
        """Store `value` at `key` for `ttl` seconds, replacing what was there."""
        ...

    def add_member(self, key: str, member: str, ttl: float) -> int:
        """Add `member` to the set at `key` (which now lives `ttl` more seconds); its size."""
        ...

    def add_recent(self, key: str, member: str, now: float, window: float) -> int:
        """Note `member` at time `now`; how many distinct members were noted in the last
        `window` seconds (a sliding window; the key lives `window` more seconds)."""
        ...

    def tally(self, key: str, member: str, ttl: float) -> None:
        """Count one more `member` in the tally at `key` (which now lives `ttl` more seconds)."""
        ...

    def top(self, key: str, limit: int) -> list[tuple[str, int]]:
        """The tally at `key`: its `limit` most counted members, most first."""
        ...

    def push(self, key: str, value: str, limit: int, ttl: float) -> None:
        """Put `value` first in the list at `key`, keeping its `limit` newest values."""
        ...

    def recent(self, key: str, limit: int) -> list[str]:
        """The newest `limit` values of the list at `key`, newest first."""
        ...

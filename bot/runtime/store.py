"""The Store interface: expiring keys claimed atomically, shared by every replica that uses it."""

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

"""Storms: one code reported by many people (or hosts) in one channel within minutes, answered
by one channel-level summary instead of a card in every thread. Counted in the store, so every
replica sees the same storm."""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.runtime.store import Store, StoreError
from bot.slack.reply_rules import StormSettings

# Hosts a report names: "host=LAPTOP-042", "Computer: vpn-gw2", "device: PC17".
_HOST = re.compile(
    r"\b(?:host(?:name)?|computer(?:name)?|machine|device|client)\s*[:=]\s*"
    r"([A-Za-z0-9][A-Za-z0-9._-]{1,62})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Storm:
    """A storm under way: its summary message and how many reported it so far."""

    code: int
    summary_ts: str
    permalink: str
    since: float
    count: int


@dataclass(frozen=True)
class Starting:
    """The report that makes a storm: the summary is to be posted now."""

    code: int
    since: float
    count: int


def reporters(user: str, text: str) -> list[str]:
    """Who reports: the person, and each host the text names."""
    found = [f"u:{user}"] if user else []
    found += sorted({f"h:{host.lower()}" for host in _HOST.findall(text)})
    return found


class Storms:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    def observe(
        self, channel: str, code: int, who: Sequence[str], settings: StormSettings
    ) -> Storm | Starting | None:
        """Count a report of `code` by `who`; the storm it belongs to, the storm it starts, or
        None (a quiet channel, or the store cannot answer)."""
        if not who:
            return None
        now = self._clock()
        try:
            storm = self._current(channel, code)
            first = self._first_seen(channel, code, now, settings)
            since = storm.since if storm is not None else first
            window = now - since + settings.window_seconds
            count = 0
            for member in who:
                count = self._store.add_recent(_key("seen", channel, code), member, now, window)
            if storm is not None:
                storm = Storm(code, storm.summary_ts, storm.permalink, storm.since, count)
                self._keep(channel, storm, settings)
                return storm
            if count >= settings.min_people and self._store.set_if_absent(
                _key("starting", channel, code), settings.quiet_seconds
            ):
                return Starting(code, since, count)
        except StoreError:
            return None  # without shared counts, every message gets its usual answer
        return None

    def started(
        self,
        channel: str,
        start: Starting,
        summary_ts: str,
        permalink: str,
        settings: StormSettings,
    ) -> Storm:
        """The summary is posted: later reports point at it until the channel is quiet."""
        storm = Storm(start.code, summary_ts, permalink, start.since, start.count)
        # If the store fails here, a later report starts the storm again after the quiet window.
        with contextlib.suppress(StoreError):
            self._keep(channel, storm, settings)
        return storm

    def abandoned(self, channel: str, start: Starting) -> None:
        """The summary could not be posted: the next report may try again."""
        with contextlib.suppress(StoreError):
            self._store.release(_key("starting", channel, start.code))

    def _current(self, channel: str, code: int) -> Storm | None:
        raw = self._store.get(_key("storm", channel, code))
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return Storm(code, data["ts"], data["link"], float(data["since"]), int(data["count"]))
        except (ValueError, KeyError, TypeError):
            return None

    def _keep(self, channel: str, storm: Storm, settings: StormSettings) -> None:
        record = {"ts": storm.summary_ts, "link": storm.permalink, "since": storm.since}
        raw = json.dumps(record | {"count": storm.count})
        self._store.put(_key("storm", channel, storm.code), raw, settings.quiet_seconds)

    def _first_seen(self, channel: str, code: int, now: float, settings: StormSettings) -> float:
        """When the reports now in the window began (the storm's "since")."""
        key = _key("first", channel, code)
        found = self._store.get(key)
        if found is not None:
            try:
                return float(found)
            except ValueError:
                pass
        self._store.put(key, repr(now), settings.window_seconds)
        return now


def _key(kind: str, channel: str, code: int) -> str:
    return f"storm:{kind}:{channel}:{code}"

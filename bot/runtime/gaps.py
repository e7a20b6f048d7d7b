"""The gap report: what people asked that ikeerr could not answer well, and what they said was
wrong. Kept in the store for 90 days (per-day tallies), texts cut short, no user IDs."""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.domain import LookupResult, Outcome
from bot.normalize import clean_text
from bot.runtime.store import Store, StoreError

KEEP_SECONDS = 90 * 24 * 3600.0
DAY_SECONDS = 24 * 3600
TEXT_CHARS = 200
COMMENT_CHARS = 500
COMMENTS_KEPT = 500
# Most frequent gaps read per day when a report merges days.
PER_DAY = 1000


class GapKind(StrEnum):
    """Why an answer fell short (part of `ikeerr gaps --json`)."""

    NOTHING_FOUND = "nothing_found"  # a phrase or name that matched nothing
    NOT_COVERED = "not_covered"  # a number ikeerr has no entry for
    DID_YOU_MEAN = "did_you_mean"  # answered only with candidates
    NOT_HELPFUL = "not_helpful"  # someone voted "no" on an answer


_FROM_OUTCOME = {
    Outcome.NONE: GapKind.NOTHING_FOUND,
    Outcome.NOT_IPSEC: GapKind.NOT_COVERED,
    Outcome.AMBIGUOUS: GapKind.DID_YOU_MEAN,
}


@dataclass(frozen=True)
class Gap:
    kind: GapKind
    text: str
    count: int


@dataclass(frozen=True)
class Comment:
    """What someone said was wrong or missing in the answer for `code`."""

    code: int
    text: str
    day: str


class GapLog:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    def record_result(self, result: LookupResult) -> None:
        """A lookup that found nothing, a number outside the knowledge, or only candidates."""
        kind = _FROM_OUTCOME.get(result.outcome)
        if kind is not None and result.query.strip():
            self.record(kind, result.query)

    def record(self, kind: GapKind, text: str) -> None:
        member = json.dumps([kind.value, _short(text, TEXT_CHARS)], ensure_ascii=False)
        # A gap report with holes beats an answer that fails on Redis.
        with contextlib.suppress(StoreError):
            self._store.tally(_day_key(self._day()), member, KEEP_SECONDS)

    def comment(self, code: int, text: str) -> None:
        said = _short(text, COMMENT_CHARS)
        if not said:
            return
        record = json.dumps({"code": code, "text": said, "day": self._day()}, ensure_ascii=False)
        with contextlib.suppress(StoreError):
            self._store.push("gaps:comments", record, COMMENTS_KEPT, KEEP_SECONDS)

    def top(self, days: int, limit: int) -> list[Gap]:
        """The most frequent gaps of the last `days` days (raises StoreError)."""
        counts: Counter[tuple[GapKind, str]] = Counter()
        today = int(self._clock()) // DAY_SECONDS
        for back in range(max(1, days)):
            day = _date((today - back) * DAY_SECONDS)
            for member, count in self._store.top(_day_key(day), PER_DAY):
                gap = _parse(member)
                if gap is not None:
                    counts[gap] += count
        return [Gap(kind, text, count) for (kind, text), count in counts.most_common(limit)]

    def comments(self, limit: int) -> list[Comment]:
        """The newest "not helpful" comments, newest first (raises StoreError)."""
        found = []
        for raw in self._store.recent("gaps:comments", limit):
            try:
                data = json.loads(raw)
                found.append(Comment(int(data["code"]), str(data["text"]), str(data["day"])))
            except (ValueError, KeyError, TypeError):
                continue
        return found

    def _day(self) -> str:
        return _date(self._clock())


def _date(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))


def _short(text: str, limit: int) -> str:
    """One line, invisible characters gone, at most `limit` characters."""
    return " ".join(clean_text(text, limit * 2).split())[:limit]


def _day_key(day: str) -> str:
    return f"gaps:{day}"


def _parse(member: str) -> tuple[GapKind, str] | None:
    """A tally member back as (kind, text); None for one this version cannot read."""
    try:
        kind, text = json.loads(member)
        return GapKind(kind), str(text)
    except (ValueError, TypeError):
        return None

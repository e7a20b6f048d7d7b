"""The loaded knowledge base: entries by code and name, their families, the indexes built on it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar, cast

from bot.domain import ErrorEntry, Family, LocalizedMessage, family_owning
from bot.normalize import first_sentence, squeeze

T = TypeVar("T")


class KnowledgeBase:
    """The entries, by code and by name, and the families they belong to.

    Indexes built on a knowledge base (lookup names, phrases, detection patterns, rendered
    cards) are kept by it through `index()`: they live exactly as long as it does, so a reload
    that drops the old knowledge base drops them too, and nothing can mix two versions.
    """

    def __init__(
        self,
        entries: Iterable[ErrorEntry],
        families: Mapping[str, Family] | None = None,
        localized: Iterable[LocalizedMessage] | Callable[[], Iterable[LocalizedMessage]] = (),
        cache: tuple[Path, str] | None = None,
    ) -> None:
        self.entries: tuple[ErrorEntry, ...] = tuple(sorted(entries, key=lambda e: e.code))
        self.by_code: dict[int, ErrorEntry] = {entry.code: entry for entry in self.entries}
        self.by_name: dict[str, ErrorEntry] = {entry.name: entry for entry in self.entries}
        self.families: dict[str, Family] = dict(families or {})
        # The official messages in other display languages: read when first needed (a lookup
        # of a code never needs them), from a callable when the loader defers them.
        self._localized = localized
        # Where this knowledge is cached and its content key, so indexes costly to build can
        # be saved beside it (None: not cached).
        self.cache = cache
        self._indexes: dict[Callable[[KnowledgeBase], object], object] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ErrorEntry]:
        return iter(self.entries)

    @property
    def localized(self) -> tuple[LocalizedMessage, ...]:
        """The official messages in other display languages, for entries of this base."""
        if not isinstance(self._localized, tuple):
            # Two threads may both read them; either result is the same messages.
            source = self._localized
            self._localized = tuple(source() if callable(source) else source)
        return self._localized

    def with_entries(self, entries: Iterable[ErrorEntry], variant: str) -> KnowledgeBase:
        """The same families and messages with other entries (a team's overlay applied);
        `variant` tells its saved indexes apart from this knowledge base's."""
        cache = (self.cache[0], f"{self.cache[1]}-{variant}") if self.cache is not None else None
        return KnowledgeBase(entries, self.families, self._localized_source(), cache=cache)

    def _localized_source(
        self,
    ) -> Iterable[LocalizedMessage] | Callable[[], Iterable[LocalizedMessage]]:
        if isinstance(self._localized, tuple):
            return self._localized
        return lambda: self.localized  # read once, by whichever base asks first

    def get(self, code: int) -> ErrorEntry | None:
        return self.by_code.get(code)

    def index(self, build: Callable[[KnowledgeBase], T]) -> T:
        """The index `build` makes of this knowledge base, built once on first use."""
        found = self._indexes.get(build)
        if found is None:
            # Two threads arriving together may both build it; setdefault keeps the first, so
            # every caller gets the same index. No lock: an index may be built from others.
            found = self._indexes.setdefault(build, build(self))
        return cast(T, found)

    def family_of(self, entry: ErrorEntry) -> Family | None:
        return self.families.get(entry.family)

    def family_owning(self, code: int) -> Family | None:
        """The family whose block holds `code`, whether or not Windows defines that code."""
        return family_owning(self.families.values(), code)

    def short_name(self, entry: ErrorEntry) -> str:
        family = self.family_of(entry)
        return family.short_name(entry.name) if family is not None else entry.name

    def common_entries(self) -> list[ErrorEntry]:
        """The entries flagged `common`: what people ask about most."""
        return [entry for entry in self.entries if entry.common]

    def sharer_meant(self, codes: Iterable[int]) -> int | None:
        """Of codes whose messages open with the same sentence (809 and 811), the one that
        sentence pasted alone means: the only one flagged `common`, which people meet far
        more often; None where not exactly one is."""
        common = [code for code in codes if (entry := self.get(code)) and entry.common]
        return common[0] if len(common) == 1 else None

    def sharers(self) -> dict[int, frozenset[int]]:
        """For each code a shared opening sentence is read as (`sharer_meant`), the other
        codes whose messages open with it: their words after it say which was meant."""
        openings: dict[str, set[int]] = {}
        messages = [(e.code, e.message) for e in self.entries]
        messages += [(m.code, m.text) for m in self.localized if m.code in self.by_code]
        for code, message in messages:
            openings.setdefault(squeeze(first_sentence(message)), set()).add(code)
        found: dict[int, frozenset[int]] = {}
        for codes in openings.values():
            meant = self.sharer_meant(codes) if len(codes) > 1 else None
            if meant is not None:
                found[meant] = found.get(meant, frozenset()) | frozenset(codes - {meant})
        return found

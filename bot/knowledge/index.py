"""The indexes lookup needs, built once per knowledge base: names, messages, aliases, phrases."""

from __future__ import annotations

import bisect
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.domain import ErrorEntry
from bot.knowledge.loader import KnowledgeBase
from bot.normalize import fold

if TYPE_CHECKING:
    from bot.lookup.phrases import PhraseIndex

# Prefixes people leave out of a symbolic name: ERROR_IPSEC_IKE_AUTH_FAIL is also AUTH_FAIL.
_NAME_PREFIXES = (
    "ERROR_IPSEC_IKE_",
    "WARNING_IPSEC_",
    "ERROR_IPSEC_",
    "ERROR_",
    "WARNING_",
    "IPSEC_IKE_",
)


@dataclass
class LookupIndex:
    names: dict[str, ErrorEntry] = field(default_factory=dict)
    messages: dict[str, list[ErrorEntry]] = field(default_factory=lambda: defaultdict(list))
    aliases: dict[str, list[ErrorEntry]] = field(default_factory=lambda: defaultdict(list))
    sorted_messages: list[str] = field(default_factory=list)
    phrases: PhraseIndex | None = None

    def messages_starting_with(self, prefix: str) -> list[ErrorEntry]:
        """Entries whose folded message starts with `prefix`."""
        keys = self.sorted_messages
        position = bisect.bisect_left(keys, prefix)
        found: list[ErrorEntry] = []
        while position < len(keys) and keys[position].startswith(prefix):
            found += self.messages[keys[position]]
            position += 1
        return found


_INDEXES: weakref.WeakKeyDictionary[KnowledgeBase, LookupIndex] = weakref.WeakKeyDictionary()


def index_for(kb: KnowledgeBase) -> LookupIndex:
    index = _INDEXES.get(kb)
    if index is None:
        index = LookupIndex()
        for entry in kb:
            for key in name_keys(entry.name):
                index.names.setdefault(key, entry)
            index.messages[fold(entry.message)].append(entry)
            for alias in entry.aliases:
                index.aliases[fold(alias)].append(entry)
        index.sorted_messages = sorted(index.messages)
        _INDEXES[kb] = index
    return index


def phrase_index_for(kb: KnowledgeBase) -> PhraseIndex:
    from bot.lookup.phrases import PhraseIndex  # rapidfuzz loads only when a phrase needs it

    index = index_for(kb)
    if index.phrases is None:
        index.phrases = PhraseIndex(kb)
    return index.phrases


def name_keys(name: str) -> list[str]:
    """The name, and the name without each prefix people leave out."""
    return [name, *(name[len(prefix) :] for prefix in _NAME_PREFIXES if name.startswith(prefix))]

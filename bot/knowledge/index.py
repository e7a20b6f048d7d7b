"""The exact-form index of a knowledge base: names (and the short forms people type), messages,
aliases."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from bot.domain import ErrorEntry, PeerTerm
from bot.knowledge.base import KnowledgeBase
from bot.normalize import fold

# A protocol constant as peers write it: NO_PROPOSAL_CHOSEN, INVALID-KE-PAYLOAD.
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+")


class NameIndex:
    """Entries by name and short name, by folded message, by folded alias, by peer term."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.names: dict[str, ErrorEntry] = {}
        self.messages: dict[str, list[ErrorEntry]] = defaultdict(list)
        self.aliases: dict[str, list[ErrorEntry]] = defaultdict(list)
        # folded peer term (a constant's _ and - alike) -> the entries it corresponds to
        self.peer_terms: dict[str, list[tuple[ErrorEntry, PeerTerm]]] = defaultdict(list)
        for entry in kb:
            family = kb.family_of(entry)
            prefixes = family.name_prefixes if family is not None else ()
            for key in name_keys(entry.name, prefixes):
                self.names.setdefault(key, entry)
            self.messages[fold(entry.message)].append(entry)
            for alias in entry.aliases:
                self.aliases[fold(alias)].append(entry)
            for term in entry.peer_terms:
                self.peer_terms[peer_key(term.term)].append((entry, term))
        self.sorted_messages = sorted(self.messages)

    def messages_starting_with(self, prefix: str) -> list[ErrorEntry]:
        """Entries whose folded message starts with `prefix`."""
        keys = self.sorted_messages
        position = bisect.bisect_left(keys, prefix)
        found: list[ErrorEntry] = []
        while position < len(keys) and keys[position].startswith(prefix):
            found += self.messages[keys[position]]
            position += 1
        return found


def peer_key(text: str) -> str:
    """How peer terms are compared: folded, so NO_PROPOSAL_CHOSEN = no-proposal-chosen."""
    return fold(text)


def symbols_in(text: str) -> list[str]:
    """The protocol constants a text mentions (NO_PROPOSAL_CHOSEN), as peer keys."""
    return [peer_key(symbol) for symbol in _SYMBOL.findall(text)]


def names_of(kb: KnowledgeBase) -> NameIndex:
    """The knowledge base's name index, built on first use."""
    return kb.index(NameIndex)


def name_keys(name: str, prefixes: tuple[str, ...]) -> list[str]:
    """The name, and the name without each prefix people leave out."""
    return [name, *(name[len(prefix) :] for prefix in prefixes if name.startswith(prefix))]

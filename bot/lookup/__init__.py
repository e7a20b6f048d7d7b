"""Lookup: what a person types (a code in any notation, a name, a message, a phrase) to entries.

May import: `bot.knowledge`, `bot.domain`, `bot.numeric`, `bot.normalize` and rapidfuzz.
"""

from bot.lookup.query import lookup, suggest

__all__ = ["lookup", "suggest"]

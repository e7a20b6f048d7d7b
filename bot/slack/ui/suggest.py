"""Suggestions for a query that matched nothing: the closest entries, or the most common ones."""

from __future__ import annotations

from bot.domain import ErrorEntry
from bot.knowledge import KnowledgeBase
from bot.lookup.query import suggest

SUGGESTIONS = 3
# What people ask about most in practice (IKEv2 VPN, certificates, policy, timeouts): the App
# Home list, and the fallback suggestions when nothing is close.
COMMON_CODES = (13801, 13806, 13868, 13899, 13805, 13817, 13887, 13827)


def closest_entries(kb: KnowledgeBase, query: str, limit: int = SUGGESTIONS) -> list[ErrorEntry]:
    """Entries sharing the most meaning with `query`, best first; may be empty."""
    return suggest(kb, query, limit)


def common_entries(kb: KnowledgeBase) -> list[ErrorEntry]:
    """The most asked-about entries this knowledge base holds."""
    return [kb.by_code[code] for code in COMMON_CODES if code in kb.by_code]

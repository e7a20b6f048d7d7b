"""Suggestions for a query that matched nothing: the closest entries, or the most common ones."""

from __future__ import annotations

import threading
import weakref

from bot.knowledge import KnowledgeBase
from bot.models import ErrorEntry
from bot.phrase_index import PhraseIndex

SUGGESTIONS = 3
# Below this phrase score an entry has too little in common with the query to be worth a look.
SUGGEST_CUTOFF = 42.0
# What people ask about most in practice (IKEv2 VPN, certificates, policy, timeouts): the App
# Home list, and the fallback suggestions when nothing is close.
COMMON_CODES = (13801, 13806, 13868, 13899, 13805, 13817, 13887, 13827)

_INDEXES: weakref.WeakKeyDictionary[KnowledgeBase, PhraseIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def closest_entries(kb: KnowledgeBase, query: str, limit: int = SUGGESTIONS) -> list[ErrorEntry]:
    """Entries sharing the most meaning with `query`, best first; may be empty."""
    with _LOCK:
        index = _INDEXES.get(kb)
        if index is None:
            index = _INDEXES[kb] = PhraseIndex(kb)
    hits = index.search(query, limit=limit + 3)
    entries = [h.entry for h in hits if h.score >= SUGGEST_CUTOFF and not h.entry.range_marker]
    return entries[:limit]


def common_entries(kb: KnowledgeBase) -> list[ErrorEntry]:
    """The most asked-about entries this knowledge base holds."""
    return [kb.by_code[code] for code in COMMON_CODES if code in kb.by_code]

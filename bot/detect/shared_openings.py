"""The codes whose messages open with one sentence (809 and 811), saved beside the cache.

Finding them folds the first sentence of every message in every language, which costs a scan
that meets such a sentence more than reading the few pairs back.
"""

from __future__ import annotations

from bot.knowledge import KnowledgeBase

# The files whose code decides what the index holds: a saved one must match them.
INDEX_MODULES = ("detect/shared_openings.py", "knowledge/base.py", "normalize.py")


def shared_openings(kb: KnowledgeBase) -> SharedOpenings:
    """The shared openings of a knowledge base, read back from the cache when one was saved."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "shared-openings", INDEX_MODULES, SharedOpenings)


class SharedOpenings:
    """For each code a shared opening sentence is read as, the other codes that share it
    (`KnowledgeBase.sharers`)."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> SharedOpenings:
        return cls(kb, {code: sorted(others) for code, others in kb.sharers().items()})

    def __init__(self, kb: KnowledgeBase, state: dict[int, list[int]]) -> None:
        self.others = {code: frozenset(codes) for code, codes in state.items()}

    def state(self) -> dict[int, list[int]]:
        return {code: sorted(codes) for code, codes in self.others.items()}

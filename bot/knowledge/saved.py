"""Indexes saved beside the knowledge cache: built once per knowledge and code, then read back.

Building the search index tokenises every text of every entry, which costs a one-shot
`ikeerr lookup` of a phrase several times more than reading the result back. The saved form is
`marshal` data (plain dicts, lists, tuples and strings: loading it runs no code), keyed by the
knowledge's content key, the Python version and the index's own source files, so any change to
the knowledge or to how it is indexed builds afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar

from bot import __version__
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.cache import drop_older_saves


class SavedIndex(Protocol):
    """An index that can be saved: built from a knowledge base, or revived from its state."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> Self: ...

    def __init__(self, kb: KnowledgeBase, state: Any) -> None: ...

    def state(self) -> Any: ...


IndexT = TypeVar("IndexT", bound=SavedIndex)


def saved_or_built(
    kb: KnowledgeBase, name: str, modules: Sequence[str], index: type[IndexT]
) -> IndexT:
    """`index` for `kb`, read from the cache when a matching one was saved.

    `index.state()` is marshal-able data and `index(kb, state)` revives it; an unusable saved
    file (damaged, or from an index whose shape changed) is rebuilt and replaced.
    """
    if kb.cache is None:
        return index.build(kb)
    cache_dir, key = kb.cache
    target = cache_dir / f"{name}-{_key(key, modules)}.marshal"
    try:
        return index(kb, marshal.loads(target.read_bytes()))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError) as error:
        _warn(f"ignoring the unusable saved index {target} ({error!r}); rebuilding it")
    built = index.build(kb)
    _write(target, name, marshal.dumps(built.state()))
    return built


def _key(knowledge_key: str, modules: Sequence[str]) -> str:
    digest = hashlib.sha256(f"{knowledge_key}\0{__version__}\0{sys.version}".encode())
    package = Path(__file__).resolve().parent.parent
    for module in modules:
        with contextlib.suppress(OSError):  # a zipped install has no sources: the version rules
            stat = (package / module).stat()
            digest.update(f"{module}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _write(target: Path, name: str, data: bytes) -> None:
    """Store atomically and drop the oldest saves; an index that cannot be saved is only
    slower."""
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, target)
        drop_older_saves(target, f"{name}-*.marshal")
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _warn(message: str) -> None:
    import logging  # only on this rare path: importing logging costs every cold start

    logging.getLogger(__name__).warning(message)

"""The knowledge a running bot answers from, swapped whole on reload (SIGHUP)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from bot.detect import Detector
from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from bot.lookup.query import localized_of, search_of

logger = logging.getLogger(__name__)


def prepare(kb: KnowledgeBase) -> KnowledgeBase:
    """Build the indexes every answer needs, so no request pays for them (or waits on them)."""
    kb.index(Detector)  # with the name index and the code patterns it is built from
    search_of(kb)
    localized_of(kb)
    return kb


class KnowledgeSource:
    """Holds the current KnowledgeBase; a reload is validated and indexed first, all or nothing."""

    def __init__(
        self,
        kb: KnowledgeBase,
        path: Path | None = None,
        overlay: Path | None = None,
        on_reload: Callable[[bool, KnowledgeBase], None] = lambda ok, kb: None,
    ) -> None:
        self._current = prepare(kb)
        self._path = path
        self._overlay = overlay
        self._on_reload = on_reload
        self._lock = threading.Lock()

    @property
    def current(self) -> KnowledgeBase:
        """Read once per request: a reload swaps it between two requests, never within one."""
        return self._current

    def reload(self) -> bool:
        """Load the files and the overlay again; on any problem in either keep answering from
        the old knowledge and overlay."""
        with self._lock:
            try:
                fresh = prepare(load_knowledge(self._path, overlay=self._overlay))
            except KnowledgeError as error:
                for problem in error.problems:
                    logger.error("knowledge reload rejected: %s", problem)
                logger.error("keeping the %d entries loaded before", len(self._current))
                self._on_reload(False, self._current)
                return False
            self._current = fresh  # one reference swap: readers see old or new, never a mix
        logger.info("knowledge reloaded: %d entries", len(fresh))
        self._on_reload(True, fresh)
        return True

"""Shared fixtures: the shipped knowledge base, loaded once, and a clean environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from tests.support.redis_server import RedisServer, find_redis_server

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(ROOT / "knowledge")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import os

    for name in list(os.environ):
        if name.startswith(("SLACK_", "IKEERR_", "REDIS_")):
            monkeypatch.delenv(name)
    yield


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A fresh redis-server for one test (tests may stop and restart it)."""
    server = RedisServer(find_redis_server())
    server.start()
    yield server
    server.cleanup()

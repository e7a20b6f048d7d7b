"""App-test fixtures: a fresh fake Slack and a running app per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot.knowledge import KnowledgeBase
from bot.runtime.memory_store import MemoryStore
from bot.runtime.reload import KnowledgeSource
from bot.runtime.store import Store
from bot.slack.reply_rules import AutoReplyRules
from tests.app.fake_slack import FakeSlack
from tests.app.harness import Harness

MakeHarness = Callable[..., Harness]


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack()
    yield slack
    slack.close()


@pytest.fixture
def make_harness(fake: FakeSlack, kb: KnowledgeBase) -> Iterator[MakeHarness]:
    started: list[Harness] = []

    def make(
        rules: AutoReplyRules | None = None,
        store: Store | None = None,
        knowledge: KnowledgeBase | KnowledgeSource | None = None,
        api_timeout: float = 10.0,
    ) -> Harness:
        harness = Harness(
            fake,
            knowledge or kb,
            AutoReplyRules() if rules is None else rules,
            MemoryStore() if store is None else store,
            api_timeout,
        )
        started.append(harness)
        return harness

    yield make
    for harness in started:
        harness.close()


@pytest.fixture
def slack(make_harness: MakeHarness) -> Harness:
    """The app with default rules: every channel, 30-minute cooldown, no bots."""
    return make_harness()

"""One knowledge version per answer, and old versions freed once a reload replaced them."""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.runtime.reload import KnowledgeSource
from tests.app.conftest import MakeHarness
from tests.app.fake_slack import BOT_USER_ID
from tests.app.harness import CHANNEL, Answer, Harness, message

GOLDEN_KB = Path(__file__).resolve().parent.parent / "golden" / "slack-kb.yaml"


class CountingSource(KnowledgeSource):
    """A knowledge source that counts how often a request reads the current knowledge."""

    reads = 0

    @property
    def current(self) -> KnowledgeBase:
        self.reads += 1
        return super().current


def _requests(slack: Harness, thread: str) -> dict[str, Callable[[], Answer]]:
    click = {"container": {"type": "message", "channel_id": CHANNEL, "message_ts": thread}}
    shortcut = {
        "type": "message_action",
        "callback_id": "ikeerr_explain_message",
        "trigger_id": "trigger.3",
        "channel": {"id": CHANNEL},
        "message": {"text": "vpn error 13801", "ts": thread},
        "response_url": slack.fake.response_url("shortcut"),
    }
    return {
        "command": lambda: slack.command("13801"),
        "message": lambda: slack.event(message("vpn error 13801", ts=thread)),
        "mention": lambda: slack.event(
            message(f"<@{BOT_USER_ID}> 13806", ts=thread) | {"type": "app_mention"}
        ),
        "share button": lambda: slack.click("ikeerr_share:13801", "13801", **click),
        "diagnose button": lambda: slack.click("ikeerr_diagnose:13801", "13801", **click),
        "shortcut": lambda: slack.interact(shortcut),
        "home": lambda: slack.event({"type": "app_home_opened", "user": "U0ALICE", "tab": "home"}),
    }


@pytest.mark.parametrize(
    "surface",
    ["command", "message", "mention", "share button", "diagnose button", "shortcut", "home"],
)
def test_each_request_reads_the_knowledge_once(
    make_harness: MakeHarness, kb: KnowledgeBase, surface: str
) -> None:
    source = CountingSource(kb)
    slack = make_harness(knowledge=source)
    source.reads = 0
    assert _requests(slack, "1700000900.000100")[surface]().status == 200
    slack.idle()
    assert source.reads == 1


def test_a_reload_frees_the_old_knowledge_and_everything_built_on_it(
    make_harness: MakeHarness, tmp_path: Path
) -> None:
    shutil.copy(GOLDEN_KB, tmp_path / "kb.yaml")
    source = KnowledgeSource(load_knowledge(tmp_path), tmp_path)
    slack = make_harness(knowledge=source)
    old = weakref.ref(source.current)
    for number, send in enumerate(_requests(slack, "1700001000.000100").values()):
        assert send().status == 200, number
    slack.idle()
    assert source.reload()
    slack.command("13801")
    slack.idle()
    gc.collect()
    assert old() is None, "the replaced knowledge base is still referenced"

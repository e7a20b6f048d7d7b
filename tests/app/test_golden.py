"""Golden files: the exact Block Kit of a full reply and of an auto-reply, as Slack gets them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from tests.app.conftest import MakeHarness
from tests.app.harness import message

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
# Set IKEERR_UPDATE_GOLDEN=1 to rewrite golden files after a deliberate change.
UPDATE = os.environ.get("IKEERR_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def golden_kb() -> KnowledgeBase:
    """A frozen two-entry knowledge base, so edits to knowledge/ never move these files."""
    return load_knowledge(GOLDEN / "slack-kb.yaml")


def _check_golden(name: str, body: dict[str, Any]) -> None:
    actual = {"text": body["text"], "blocks": body["blocks"]}
    path = GOLDEN / name
    if UPDATE:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with IKEERR_UPDATE_GOLDEN=1 to create it"
    assert actual == json.loads(path.read_text(encoding="utf-8"))


def test_full_reply_block_kit_matches_golden(
    make_harness: MakeHarness, golden_kb: KnowledgeBase
) -> None:
    slack = make_harness(knowledge=golden_kb)
    slack.command("13801")
    _check_golden("slack_command_13801.json", slack.fake.wait_for("response/cmd")[0].body)


def test_auto_reply_block_kit_matches_golden(
    make_harness: MakeHarness, golden_kb: KnowledgeBase
) -> None:
    slack = make_harness(knowledge=golden_kb)
    slack.event(message("vpn error 13801, and 13806 on the device tunnel"))
    _check_golden("slack_auto_reply.json", slack.fake.wait_for("chat.postMessage")[0].body)

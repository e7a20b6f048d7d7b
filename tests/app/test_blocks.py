"""Block Kit limits hold whatever the entry, and echoed text can never ping anyone."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.domain import ErrorEntry, Severity
from bot.knowledge import KnowledgeBase
from bot.runtime.metrics import Metrics
from bot.slack.ui.answer import answer_query, codes_reply, note_reply
from bot.slack.ui.blocks import MESSAGE_BLOCKS, VIEW_BLOCKS, Reply
from bot.slack.ui.cards import entry_reply, steps_reply
from bot.slack.ui.mrkdwn import clip, echo, escape
from bot.slack.ui.views import explain_modal, home_view

WORDS = "certificate <profile> & chain " * 400  # ~12,000 characters, with & < > to escape


def _huge_kb() -> KnowledgeBase:
    related = tuple(range(13000, 13040))
    big = ErrorEntry(
        code=13999,
        name="ERROR_IPSEC_" + "VERY_LONG_NAME_" * 20,
        message=WORDS,
        summary=WORDS,
        severity=Severity.CRITICAL,
        severity_reason=WORDS,
        causes=tuple(WORDS[: 2000 + n] for n in range(60)),
        diagnose=tuple(WORDS for _ in range(30)),
        resolve=tuple(WORDS for _ in range(30)),
        related=related,
        component=WORDS,
    )
    others = [ErrorEntry(code=c, name=f"ERROR_IPSEC_{'X' * 90}_{c}", message="m") for c in related]
    return KnowledgeBase([big, *others])


def _check_limits(blocks: list[dict[str, Any]], limit: int) -> None:
    assert 0 < len(blocks) <= limit
    action_ids: list[str] = []
    for block in blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
            assert all(len(e["text"]) <= 3000 for e in block["elements"])
        elements = block.get("elements", []) if block["type"] == "actions" else []
        elements += [block["accessory"]] if "accessory" in block else []
        assert len(elements) <= 25
        for element in elements:
            assert len(element["text"]["text"]) <= 75
            assert len(element["action_id"]) <= 255 and len(element["value"]) <= 2000
            action_ids.append(element["action_id"])
    assert len(action_ids) == len(set(action_ids)), "action IDs are unique in a message"


def test_a_huge_entry_stays_within_every_block_kit_limit() -> None:
    kb = _huge_kb()
    entry = kb.by_code[13999]
    replies = [
        entry_reply(kb, entry, shareable=True, others=list(kb)[:5]),
        steps_reply(kb, entry, "diagnose"),
        steps_reply(kb, entry, "fix"),
        codes_reply(kb, [e.code for e in kb]),
    ]
    for reply in replies:
        _check_limits(reply.message_blocks, MESSAGE_BLOCKS)
        assert reply.fallback() and len(reply.fallback()) <= 3000
    cut = replies[0].message_blocks
    assert "longer than Slack allows" in json.dumps(cut[-1])


def test_views_stay_within_limits(kb: KnowledgeBase) -> None:
    huge = _huge_kb()
    modal = explain_modal(entry_reply(huge, huge.by_code[13999], shareable=True), {"c": "C1"})
    modal_dict = modal.to_dict()
    _check_limits(modal_dict["blocks"], VIEW_BLOCKS)
    assert len(modal_dict["title"]["text"]) <= 24
    found = answer_query(kb, "ike auth", Metrics(), shareable=False)
    _check_limits(home_view(kb, found, "ike auth").to_dict()["blocks"], VIEW_BLOCKS)


def test_every_shipped_entry_renders_within_limits(kb: KnowledgeBase) -> None:
    for entry in kb:
        reply = entry_reply(kb, entry, shareable=True)
        _check_limits(reply.message_blocks, MESSAGE_BLOCKS)
        assert len(reply.message_blocks) < MESSAGE_BLOCKS, f"{entry.code} needed cutting"


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<@U123|bob> & co", "&lt;@U123|bob&gt; &amp; co"),
        ("&lt;!here&gt;", "&amp;lt;!here&amp;gt;"),
        ("ping @here and @Channel", "ping @\u2060here and @\u2060Channel"),
        ("<!subteam^S1|@ops>", "&lt;!subteam^S1|@ops&gt;"),
    ],
)
def test_escape_neutralises_slack_control_sequences(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


def test_echo_is_one_short_line() -> None:
    assert echo("a\n\nb\tc") == "a b c"
    assert len(echo("<" * 1000)) <= 200 * len("&lt;")


def test_clip_never_cuts_inside_an_entity() -> None:
    text = escape("a" * 10 + "&")  # 'aaaaaaaaaa&amp;'
    for limit in range(11, 16):
        clipped = clip(text, limit)
        assert len(clipped) <= limit and not clipped.rstrip("…").endswith(
            ("&", "&a", "&am", "&amp")
        )


def test_a_note_that_echoes_the_query_is_escaped(kb: KnowledgeBase) -> None:
    reply: Reply = note_reply(kb, "No VPN or IPsec error matches '<!here> ping'.")
    assert "<!here>" not in json.dumps(reply.message_blocks) + reply.fallback()


def _contexts(reply: Reply) -> list[str]:
    return [
        element["text"]
        for block in reply.message_blocks
        if block["type"] == "context"
        for element in block["elements"]
    ]


def test_a_card_links_its_two_best_sources(kb: KnowledgeBase) -> None:
    entry = kb.by_code[13801]
    sources = [
        text for text in _contexts(entry_reply(kb, entry, shareable=True)) if "Sources" in text
    ]
    assert len(sources) == 1
    links = sources[0].removeprefix("Sources: ").split(" · ")
    assert [link.partition("|")[0].lstrip("<") for link in links] == [
        escape(url) for url in entry.references[:2]
    ]
    assert all(link.endswith(">") and "›" in link for link in links)


def test_a_thin_entry_says_so_on_its_card(kb: KnowledgeBase) -> None:
    from dataclasses import replace

    entry = replace(kb.by_code[13804], thin=True, notes="No Microsoft page explains <it>.")
    said = _contexts(entry_reply(KnowledgeBase([entry], kb.families), entry, shareable=False))
    assert ":warning: *Thin public knowledge.* No Microsoft page explains &lt;it&gt;." in said

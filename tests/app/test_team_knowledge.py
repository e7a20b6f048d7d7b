"""A team's overlay in every answer, per-channel rules, and questions in the bot's DM."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain import Severity
from bot.knowledge import KnowledgeBase
from bot.knowledge.overlay import load_overlay
from bot.slack.reply_rules import AutoReplyRules, ChannelRule, Channels
from tests.app.conftest import MakeHarness
from tests.app.fake_slack import BOT_ID, BOT_USER_ID
from tests.app.harness import CHANNEL, USER, Harness, codes_answered, message
from tests.conftest import DATA

MENTION = "<!subteam^S0VPNONCALL|@vpn-oncall>"


@pytest.fixture(scope="module")
def team_kb(kb: KnowledgeBase) -> KnowledgeBase:
    return load_overlay(kb, DATA / "overlay")


@pytest.fixture
def team(make_harness: MakeHarness, team_kb: KnowledgeBase) -> Harness:
    return make_harness(knowledge=team_kb)


def _buttons(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]


def _texts(body: dict[str, Any]) -> str:
    found = []
    for block in body["blocks"]:
        if "text" in block and isinstance(block["text"], dict):
            found.append(block["text"]["text"])
        found += [e.get("text", "") for e in block.get("elements", []) if isinstance(e, dict)]
    return "\n".join(str(text) for text in found)


def _assert_team_part(body: dict[str, Any]) -> None:
    links = [b for b in _buttons(body) if b["action_id"].startswith("ikeerr_link")]
    assert [(b["text"]["text"], b["url"]) for b in links] == [
        ("VPN cert runbook", "https://wiki.example.com/vpn/13801"),
        ("RRAS dashboard", "https://grafana.example.com/d/rras"),
    ]
    text = _texts(body)
    assert "*Your team*" in text and "owner @vpn-oncall" in text
    assert "<!subteam" not in text, "showing the owner notifies nobody"


def test_slash_command_shows_the_team_part_links_first(team: Harness) -> None:
    team.command("13801")
    body = team.fake.wait_for("response/cmd")[0].body
    _assert_team_part(body)
    text = _texts(body)
    assert "*Severity: CRITICAL* · _your team's level; ikeerr rates it HIGH_" in text
    assert "The device tunnel carries pre-logon traffic" in text
    ids = [b["action_id"] for b in _buttons(body)]
    assert ids.index("ikeerr_link:13801:1") < ids.index("ikeerr_diagnose:13801")
    assert text.index("*Your team*") < text.index("*Likely causes*")
    assert "Template v3 renewal" in text


def test_an_overlay_alias_is_answered_by_the_slash_command(team: Harness) -> None:
    team.command("purple walrus outage")
    answer = team.fake.wait_for("response/cmd")[0].body["text"]
    assert answer.startswith("ERROR_IPSEC_IKE_AUTH_FAIL")


def test_a_mention_and_an_auto_reply_show_the_team_part(team: Harness) -> None:
    team.event(message(f"<@{BOT_USER_ID}> 13801") | {"type": "app_mention"})
    _assert_team_part(team.fake.wait_for("chat.postMessage")[0].body)
    team.event(message("vpn error 13801 on every laptop"))
    reply = team.fake.wait_for("chat.postMessage", 2)[1].body
    _assert_team_part(reply)
    first_row = next(b for b in reply["blocks"] if b["type"] == "actions")["elements"]
    assert first_row[0]["action_id"] == "ikeerr_link:13801:1", "links come first"


def test_an_overlay_alias_is_detected_in_a_channel_message(team: Harness) -> None:
    team.event(message("13801 purple walrus outage"))
    assert codes_answered(team.fake.wait_for("chat.postMessage")[0].body) == ["13801"]


def test_the_teams_steps_come_before_the_shipped_ones(team: Harness) -> None:
    team.click("ikeerr_diagnose:13801", "13801")
    text = team.fake.wait_for("chat.postEphemeral")[0].body["text"]
    assert text.index("Check the RRAS pair's certificate") < text.index("*ikeerr*")


def test_a_link_click_is_acknowledged(team: Harness) -> None:
    assert team.click("ikeerr_link:13801:1", "13801").status == 200


def test_a_severity_override_changes_min_severity_filtering(
    make_harness: MakeHarness, kb: KnowledgeBase, team_kb: KnowledgeBase
) -> None:
    rules = AutoReplyRules(min_severity=Severity.HIGH)
    assert kb.by_code[13806].severity is Severity.HIGH  # shipped: answered at HIGH
    shipped = make_harness(rules=rules)
    shipped.event(message("vpn error 13806"))
    assert codes_answered(shipped.fake.wait_for("chat.postMessage")[0].body) == ["13806"]
    overlaid = make_harness(rules=rules, knowledge=team_kb)  # the lab overlay says info
    overlaid.event(message("vpn error 13806 and vpn error 13801"))
    assert codes_answered(overlaid.fake.wait_for("chat.postMessage", 2)[1].body) == ["13801"]


def _rules() -> AutoReplyRules:
    return AutoReplyRules(
        rules=(
            ChannelRule(Channels(patterns=("lab-*",)), auto_reply=False),
            ChannelRule(
                Channels(ids=frozenset({"C0CRIT123"}), patterns=("inc-*",)),
                min_severity=Severity.CRITICAL,
                mention_owner=True,
            ),
        )
    )


def test_channel_rules_apply_by_id_and_by_pattern(
    make_harness: MakeHarness, team_kb: KnowledgeBase
) -> None:
    slack = make_harness(rules=_rules(), knowledge=team_kb)
    slack.fake.name_channel("C0LAB1234", "lab-vpn")
    slack.fake.name_channel("C0INC1234", "inc-77-vpn")
    slack.fake.name_channel("C0GENERAL", "general")
    for channel in ("C0LAB1234", "C0INC1234", "C0CRIT123", "C0GENERAL"):
        slack.event(message("vpn error 13806, then vpn error 13801", channel=channel))
        slack.idle()
    replies = {call.body["channel"]: call.body for call in slack.fake.calls("chat.postMessage")}
    assert "C0LAB1234" not in replies, "lab-* turns auto-replies off"
    assert codes_answered(replies["C0GENERAL"]) == ["13806", "13801"], "no rule: global"
    for channel in ("C0INC1234", "C0CRIT123"):  # by pattern, by ID: critical only, owner named
        assert codes_answered(replies[channel]) == ["13801"], channel
        assert replies[channel]["blocks"][0]["text"]["text"] == f"{MENTION} owns 13801 here"
        assert replies[channel]["text"].startswith(MENTION)
    assert MENTION not in replies["C0GENERAL"]["text"], "only where a rule asks for it"


def test_a_rules_cooldown_and_mention_apply_to_mentions_too(
    make_harness: MakeHarness, team_kb: KnowledgeBase
) -> None:
    slack = make_harness(rules=_rules(), knowledge=team_kb)
    event = message(f"<@{BOT_USER_ID}> 13801", channel="C0CRIT123") | {"type": "app_mention"}
    slack.event(event)
    reply = slack.fake.wait_for("chat.postMessage")[0].body
    assert reply["text"].startswith(MENTION)


def _dm(text: str, **fields: Any) -> dict[str, Any]:
    return message(text, channel="D0DIRECT1", channel_type="im", **fields)


def test_a_dm_with_a_code_is_answered_in_the_dm(team: Harness) -> None:
    team.event(_dm("13801"))
    reply = team.fake.wait_for("chat.postMessage")[0].body
    assert reply["channel"] == "D0DIRECT1" and reply.get("thread_ts") is None
    assert reply["text"].startswith("ERROR_IPSEC_IKE_AUTH_FAIL")
    _assert_team_part(reply)
    assert not any(b["action_id"].startswith("ikeerr_share") for b in _buttons(reply))


def test_a_dm_with_a_phrase_or_several_codes_is_answered_like_the_command(team: Harness) -> None:
    team.event(_dm("purple walrus outage"))
    assert (
        team.fake.wait_for("chat.postMessage")[0]
        .body["text"]
        .startswith("ERROR_IPSEC_IKE_AUTH_FAIL")
    )
    team.event(_dm("we get 13801 and 13806", thread_ts="1700000000.000100"))
    reply = team.fake.wait_for("chat.postMessage", 2)[1].body
    assert codes_answered(reply) == ["13801", "13806"]
    assert reply["thread_ts"] == "1700000000.000100", "a DM thread is answered in the thread"
    team.event(_dm("help"))
    assert "ikeerr explains" in team.fake.wait_for("chat.postMessage", 3)[2].body["text"]


def test_dms_from_bots_edits_and_the_app_itself_get_no_answer(team: Harness) -> None:
    team.event(_dm("13801", bot_id="B0OTHER", subtype="bot_message"))
    team.event(_dm("13801", bot_id="B0OTHER", app_id="A0OTHER"))
    team.event(_dm("13801", user=BOT_USER_ID, bot_id=BOT_ID))
    edited = _dm("", subtype="message_changed", message=_dm("13806"))
    team.event(edited)
    team.event(_dm("13801", subtype="channel_join"))
    team.idle()
    assert team.fake.calls("chat.postMessage") == []
    team.event(_dm("13806", user=USER))
    assert team.fake.wait_for("chat.postMessage")[0].body["channel"] == "D0DIRECT1"


def test_a_dm_is_not_auto_replied_in_a_thread_as_a_channel_message(team: Harness) -> None:
    team.event(_dm("vpn error 13801"))
    team.idle()
    replies = team.fake.calls("chat.postMessage")
    assert len(replies) == 1 and replies[0].body.get("thread_ts") is None
    assert CHANNEL not in [r.body["channel"] for r in replies]

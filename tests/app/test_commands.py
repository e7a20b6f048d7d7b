"""/ikeerr QUERY: acked at once, answered privately through the response URL."""

from __future__ import annotations

import pytest

from tests.app.harness import Harness


def _answer(slack: Harness, text: str) -> dict:
    done = slack.command(text)
    assert done.status == 200 and done.body == ""
    call = slack.fake.wait_for("response/cmd")[0]
    assert call.body["response_type"] == "ephemeral"
    assert call.body["unfurl_links"] is False and call.body["unfurl_media"] is False
    assert call.body["text"], "a plain text fallback always comes with the blocks"
    return call.body


def _action_ids(body: dict) -> list[str]:
    blocks = body["blocks"]
    ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    return ids + [b["accessory"]["action_id"] for b in blocks if "accessory" in b]


@pytest.mark.parametrize(
    "query",
    ["13801", "0x35E9", "0x800735E9", "-2147011095", "ERROR_IPSEC_IKE_AUTH_FAIL", "ike_auth_fial"],
)
def test_command_answers_every_form_with_the_full_entry(slack: Harness, query: str) -> None:
    body = _answer(slack, query)
    header = body["blocks"][0]
    assert header == {
        "type": "header",
        "text": {"type": "plain_text", "text": "ERROR_IPSEC_IKE_AUTH_FAIL", "emoji": True},
    }
    text = str(body["blocks"])
    for part in (
        "13801",
        "0x35E9",
        "0x800735E9",
        "Severity: HIGH",
        "What it means",
        "Likely causes",
    ):
        assert part in text
    ids = _action_ids(body)
    assert {"ikeerr_diagnose:13801", "ikeerr_fix:13801", "ikeerr_share:13801"} <= set(ids)
    assert "ikeerr_show:13806" in ids, "related codes are buttons"
    assert len(ids) == len(set(ids)), "action IDs are unique within a message"
    assert body["text"].startswith("ERROR_IPSEC_IKE_AUTH_FAIL (13801, 0x35E9, HRESULT 0x800735E9)")


def test_command_acks_before_the_answer_is_sent(slack: Harness) -> None:
    slack.fake.slow_down("response/cmd", 1.5)
    done = slack.command("13899")
    assert done.status == 200 and done.seconds < 1.0
    slack.fake.wait_for("response/cmd")


def test_ambiguous_query_offers_did_you_mean_buttons(slack: Harness) -> None:
    body = _answer(slack, "ike auth")
    assert "could mean several errors" in body["blocks"][0]["text"]["text"]
    ids = _action_ids(body)
    assert len(ids) >= 2 and all(i.startswith("ikeerr_show:") for i in ids)
    assert body["text"].startswith("Did you mean:")


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP", "--help"])
def test_empty_query_or_help_shows_usage(slack: Harness, text: str) -> None:
    body = _answer(slack, text)
    usage = body["blocks"][0]["text"]["text"]
    assert "`/ikeerr 13801`" in usage and "@ikeerr" in usage and "Explain IPsec errors" in usage


def test_no_match_says_so_and_suggests_the_closest_entries(slack: Harness) -> None:
    body = _answer(slack, "the tunnel flaps all day long")
    blocks = body["blocks"]
    assert "No VPN or IPsec error matches" in blocks[0]["text"]["text"]
    assert any(b.get("text", {}).get("text") == "*Closest entries*" for b in blocks)
    assert [i for i in _action_ids(body) if i.startswith("ikeerr_show:")]
    assert blocks[-1]["type"] == "context" and "Try a code" in blocks[-1]["elements"][0]["text"]


def test_no_match_without_anything_close_still_gives_the_tip(slack: Harness) -> None:
    body = _answer(slack, "quarterly sales spreadsheet")
    assert "No VPN or IPsec error matches" in body["text"]
    assert _action_ids(body) == []


def test_a_number_of_no_family_says_why(slack: Harness) -> None:
    body = _answer(slack, "1603")
    assert "not an IPsec, RAS or HRESULT error code" in body["blocks"][0]["text"]["text"]


def test_several_codes_in_one_query_get_the_compact_list(slack: Harness) -> None:
    body = _answer(slack, "13801 then 13806")
    assert "VPN errors: 13801" in body["text"]
    assert {"ikeerr_diagnose:13801", "ikeerr_diagnose:13806"} <= set(_action_ids(body))


def test_did_you_mean_choices_say_what_they_matched(slack: Harness) -> None:
    body = _answer(slack, "ike auth")
    choices = [b["text"]["text"] for b in body["blocks"] if "accessory" in b]
    assert len(choices) >= 2
    assert all("\n_matched " in choice for choice in choices), choices


def test_a_peer_term_is_answered_with_the_windows_code_and_the_correspondence(
    slack: Harness,
) -> None:
    body = _answer(slack, "NO_PROPOSAL_CHOSEN from the azure side")
    first, header = body["blocks"][0], body["blocks"][1]
    assert first["type"] == "context"
    assert "Windows shows 13868" in first["elements"][0]["text"]
    assert header["text"]["text"] == "ERROR_IPSEC_IKE_POLICY_MATCH"
    assert "The other side may report: `NO_PROPOSAL_CHOSEN`" in str(body["blocks"])


def test_a_localized_message_names_its_language(slack: Harness) -> None:
    body = _answer(slack, "IKE 身份验证凭据不可接受")
    first = body["blocks"][0]
    assert first["type"] == "context"
    assert "Chinese (Simplified) (zh-CN)" in first["elements"][0]["text"]
    assert body["blocks"][1]["text"]["text"] == "ERROR_IPSEC_IKE_AUTH_FAIL"


def test_the_why_of_a_match_is_escaped(slack: Harness) -> None:
    body = _answer(slack, "<!channel> no machine cert on the laptop")
    assert "<!channel>" not in str(body)

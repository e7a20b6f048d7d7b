from __future__ import annotations

import pytest

from bot.domain import Outcome, Via
from bot.knowledge import KnowledgeBase
from bot.lookup.query import MAX_MATCHES, lookup, suggest


@pytest.mark.parametrize(
    ("query", "code", "via"),
    [
        ("13899", 13899, Via.CODE),
        (" 13899 ", 13899, Via.CODE),
        ("`13899`", 13899, Via.CODE),
        ("0x364B", 13899, Via.HEX),
        ("364b", 13899, Via.HEX),
        ("0x0000364B", 13899, Via.HEX),
        ("0x8007364B", 13899, Via.HRESULT),
        ("8007364B", 13899, Via.HRESULT),
        ("-2147010997", 13899, Via.HRESULT),
        ("ERROR_IPSEC_IKE_AUTH_FAIL", 13801, Via.NAME),
        ("error_ipsec_ike_auth_fail", 13801, Via.NAME),
        ("IPSEC_IKE_AUTH_FAIL", 13801, Via.NAME),
        ("IKE_AUTH_FAIL", 13801, Via.NAME),
        ("WARNING_IPSEC_MM_POLICY_PRUNED", 13024, Via.NAME),
        ("IPSEC_MM_POLICY_PRUNED", 13024, Via.NAME),
        ("IKE authentication credentials are unacceptable", 13801, Via.MESSAGE),
        ("ike AUTHENTICATION credentials   are unacceptable.", 13801, Via.MESSAGE),
        ("IKE authentication credentials are unacceptable", 13801, Via.MESSAGE),
        ("IKE failed to find valid machine certificate", 13806, Via.MESSAGE),
        ("error 13801 on the vpn", 13801, Via.CODE),
    ],
)
def test_lookup_accepts_every_exact_form(
    kb: KnowledgeBase, query: str, code: int, via: Via
) -> None:
    result = lookup(kb, query)
    assert [m.entry.code for m in result.matches] == [code]
    assert result.matches[0].via is via
    assert result.outcome in (Outcome.EXACT, Outcome.MATCH)


def test_exact_hit_stands_alone(kb: KnowledgeBase) -> None:
    result = lookup(kb, "13801")
    assert result.outcome is Outcome.EXACT
    assert len(result.matches) == 1 and result.matches[0].score == 100.0


def test_truncated_name_matches_by_prefix(kb: KnowledgeBase) -> None:
    result = lookup(kb, "ERROR_IPSEC_IKE_INNER_IP")
    assert [m.entry.code for m in result.matches] == [13899]
    assert result.matches[0].via is Via.NAME


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("ERROR_IPSEC_IKE_AUTH_FIAL", 13801),
        ("ERROR_IPSEC_IKE_INNER_IP_ASIGNMENT_FAILURE", 13899),
        ("IKE_NO_CRET", 13806),
        ("IKE failed to find valid machien certificate", 13806),
        ("diffie helman failure", 13864),
        ("error in assigning inner ip adress to initiator", 13899),
    ],
)
def test_lookup_forgives_typos(kb: KnowledgeBase, query: str, code: int) -> None:
    result = lookup(kb, query)
    assert result.matches and result.matches[0].entry.code == code
    assert result.outcome is Outcome.MATCH or result.matches[0].via is not Via.FUZZY


def test_shared_message_gives_every_candidate(kb: KnowledgeBase) -> None:
    result = lookup(kb, "Negotiation request sat in Queue too long.")
    assert result.outcome is Outcome.AMBIGUOUS
    assert [m.entry.code for m in result.matches] == [13809, 13810, 13811, 13812]


def test_ambiguous_phrase_gives_candidates(kb: KnowledgeBase) -> None:
    result = lookup(kb, "invalid certificate")
    assert result.outcome is Outcome.AMBIGUOUS
    assert 2 <= len(result.matches) <= MAX_MATCHES
    assert result.matches[0].score >= result.matches[-1].score


@pytest.mark.parametrize("query", ["0x80070005", "5", "1603", "-2147024891"])
def test_code_of_no_family_says_so(kb: KnowledgeBase, query: str) -> None:
    result = lookup(kb, query)
    assert result.outcome is Outcome.NOT_IPSEC and not result.matches
    assert "not an IPsec, RAS or HRESULT error code" in result.note


@pytest.mark.parametrize("query", ["0x80004005", "-2147467259", "2147500037", "80004005"])
def test_an_hresult_ikeerr_does_not_explain_says_so(kb: KnowledgeBase, query: str) -> None:
    result = lookup(kb, query)
    assert result.outcome is Outcome.NOT_IPSEC and not result.matches
    assert "HRESULT 0x80004005, which ikeerr does not explain" in result.note


def test_undefined_code_inside_ipsec_block_says_so(kb: KnowledgeBase) -> None:
    result = lookup(kb, "13950")
    assert result.outcome is Outcome.NOT_IPSEC
    assert "defines no IPsec error 13950" in result.note


@pytest.mark.parametrize("query", ["", "   ", "\u200b", "?!"])
def test_empty_query_matches_nothing(kb: KnowledgeBase, query: str) -> None:
    assert lookup(kb, query).outcome is Outcome.NONE


def test_nonsense_matches_nothing(kb: KnowledgeBase) -> None:
    assert lookup(kb, "quarterly sales spreadsheet").outcome is Outcome.NONE


@pytest.mark.parametrize(
    "query",
    ["1\u200b3\u200b8\u200b0\u200b1", "\uff11\uff13\uff18\uff10\uff11", "\ufeff13801\u200d"],
)
def test_unicode_is_normalised(kb: KnowledgeBase, query: str) -> None:
    result = lookup(kb, query)
    assert [m.entry.code for m in result.matches] == [13801]


def test_huge_query_is_capped_not_crashing(kb: KnowledgeBase) -> None:
    result = lookup(kb, "ike " * 50_000)
    assert len(result.matches) <= MAX_MATCHES


def test_scores_are_ranked(kb: KnowledgeBase) -> None:
    result = lookup(kb, "certificate revocation")
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True) and len(scores) <= MAX_MATCHES


def test_suggest_offers_nearby_entries_for_a_miss(kb: KnowledgeBase) -> None:
    found = suggest(kb, "certificate gateway trouble")
    assert 1 <= len(found) <= 3 and all(not e.range_marker for e in found)
    assert suggest(kb, "quarterly sales spreadsheet") == []


def test_no_match_note_is_short(kb: KnowledgeBase) -> None:
    result = lookup(kb, "zzz " * 100)
    assert result.outcome is Outcome.NONE and len(result.note) < 100


@pytest.mark.parametrize(
    ("spaced", "underscored", "code"),
    [
        ("ike auth fial", "ike_auth_fial", 13801),
        ("IKE NO CRET", "IKE_NO_CRET", 13806),
        ("ipsec ike policy mathc", "ipsec_ike_policy_mathc", 13868),
    ],
)
def test_a_misspelled_name_ranks_the_same_spaced_or_underscored(
    kb: KnowledgeBase, spaced: str, underscored: str, code: int
) -> None:
    first = [m.entry.code for m in lookup(kb, spaced).matches]
    second = [m.entry.code for m in lookup(kb, underscored).matches]
    assert first[0] == second[0] == code


@pytest.mark.parametrize("query", ["94070", "4294967296", "0x12345"])
def test_numbers_past_win32_are_no_windows_error(kb: KnowledgeBase, query: str) -> None:
    result = lookup(kb, query)
    assert result.outcome is Outcome.NOT_IPSEC and "Win32 error codes stop at 65535" in result.note


def test_a_value_beyond_32_bits_is_no_windows_error(kb: KnowledgeBase) -> None:
    assert "not a Windows error code" in lookup(kb, "4294967296").note


def test_a_message_worded_as_microsofts_error_table_has_it_is_found(kb: KnowledgeBase) -> None:
    """Old KBs and lists copy the docs table's wording, which differs from Windows' own."""
    assert kb.by_code[601].table_wordings == ("The port handle supplied is not valid.",)
    result = lookup(kb, "The port handle supplied is not valid")
    assert [m.entry.code for m in result.matches][:1] == [601]
    assert result.matches[0].score == 100.0 and result.outcome in (Outcome.EXACT, Outcome.MATCH)

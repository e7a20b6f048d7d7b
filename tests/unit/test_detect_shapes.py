"""Detection of the shapes real incident text takes: localized messages, compound labels,
self-evidence, arrows and full-width punctuation, questions; and the data that is no error."""

from __future__ import annotations

import pytest

from bot.detect.detector import find_codes
from bot.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # localized official messages, alone or with a code
        ("win10连接ikev2提示策略匹配错误", [13868]),
        ("错误 13801：IKE 身份验证凭证不可接受。", [13801]),
        ("IKE не удалось найти допустимый сертификат компьютера.", [13806]),
        ("連線失敗：IKE 協商失敗，因為使用的電腦憑證沒有私密金鑰。", [13820]),
        # compound labels and log shapes
        ("ErrorCode = 13801", [13801]),
        ("RasException (ErrorCode = 13806)", [13806]),
        ('<Data Name="ErrorCode">13801</Data>', [13801]),
        ("dwError=13868", [13868]),
        ('{"NativeErrorCode": 13843}', [13843]),
        ("errCode:13899", [13899]),
        # full-width punctuation (NFKC makes it ASCII) and arrows
        ("错误：13806", [13806]),
        ("13801 -> fixed by the new cert", [13801]),
        ("vpn down again, 13868=> fixed the proposals", [13868]),
        # questions about a code
        ("how urgent is 13868?", [13868]),
        ("anyone else seeing 13843 again", [13843]),
        # self-evidence: the code beside words of its own texts
        ("13868 | POLICY_MATCH | Policy match error", [13868]),
        ("13801 and 13806 are the codes we see", [13801, 13806]),
    ],
)
def test_real_text_shapes_are_found(kb: KnowledgeBase, text: str, codes: list[int]) -> None:
    assert find_codes(kb, text) == codes


@pytest.mark.parametrize(
    "text",
    [
        "mov eax, 0x800735E9",
        "static const DWORD table[] = { 0x8007364B, 0x80073600, 0x800735E9, 0x00000001 };",
        "code postal 13008 Marseille",
        "Adresse : 12 rue de Rome, 13006 Marseille",
        "seq=13801 ack=1 win=64240",
        "JIRA-13806 done",
        "我今天很忙，明天再说",
        "Drucker meldet einen Fehler",
    ],
)
def test_data_and_everyday_numbers_are_no_codes(kb: KnowledgeBase, text: str) -> None:
    assert find_codes(kb, text) == []


def test_a_hex_code_with_a_label_in_a_row_of_hex_still_counts(kb: KnowledgeBase) -> None:
    text = "regs 0x0 0x1 0x2 0x3 error=0x800735E9"
    assert find_codes(kb, text) == [13801]


def test_a_quoted_generic_message_counts_from_a_windows_vpn_client(kb: KnowledgeBase) -> None:
    assert find_codes(kb, 'Windows 10 client connecting says "Policy match error"') == [13868]
    assert find_codes(kb, "the group policy shows Policy match error in gpresult") == []
    assert find_codes(kb, 'got "Invalid header" from curl on windows') == []

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, check_knowledge, load_knowledge
from tests.support.entries import GUIDANCE

GOOD = (
    "- code: 13801\n"
    "  name: ERROR_IPSEC_IKE_AUTH_FAIL\n"
    "  message: IKE authentication credentials are unacceptable.\n"
    + GUIDANCE.replace("[a]", "[bad psk]")
    + "- code: 13806\n"
    "  name: ERROR_IPSEC_IKE_NO_CERT\n"
    "  message: IKE failed to find valid machine certificate.\n"
    + GUIDANCE.replace("[a]", "[no cert]")
)


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "kb.yaml").write_text(text, encoding="utf-8")
    _, problems = check_knowledge(tmp_path)
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems]


def test_valid_file_has_no_problems(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD) == []
    assert len(load_knowledge(tmp_path)) == 2


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD + "- code: [13805\n  name: X\n")
    assert len(problems) == 1
    assert problems[0].startswith("kb.yaml:24: YAML syntax error")
    assert problems[0].endswith("(the construct started on line 23)")


def test_duplicate_key_is_reported_with_both_lines(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  message: IKE failed", "  name: ERROR_IPSEC_IKE_NO_CERT\n  message: IKE failed"
    )
    assert _problems(tmp_path, text) == [
        "kb.yaml:14: duplicate key 'name' (first given on line 13)"
    ]


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    text = GOOD + "  cuases: [x]\n"
    assert _problems(tmp_path, text) == [
        "kb.yaml:23: unknown field 'cuases' (did you mean 'causes'?)"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  code: '13801'", "'code' must be an integer"),
        ("  code: 12345", "outside the IPsec block"),
        ("  code: true", "'code' must be an integer"),
    ],
)
def test_wrong_code_types_are_reported(tmp_path: Path, line: str, expected: str) -> None:
    problems = _problems(tmp_path, GOOD.replace("- code: 13801", "-" + line[1:], 1))
    assert len(problems) == 1 and expected in problems[0] and problems[0].startswith("kb.yaml:1:")


def test_wrong_list_type_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("- code: 13806", "- related: 13806\n  code: 13806")
    assert any("'related' must be a list of integer codes" in p for p in _problems(tmp_path, text))


def test_missing_required_field(tmp_path: Path) -> None:
    text = GOOD.replace("  message: IKE authentication credentials are unacceptable.\n", "")
    assert _problems(tmp_path, text) == ["kb.yaml:1: missing required field 'message'"]


def test_partial_guidance_is_rejected(tmp_path: Path) -> None:
    text = GOOD.replace("  severity: high\n", "", 1)
    assert _problems(tmp_path, text) == ["kb.yaml:1: entry 13801 lacks guidance: missing severity"]


def test_duplicate_code_and_name_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.split("- code: 13806")[0], encoding="utf-8")
    _, problems = check_knowledge(tmp_path)
    messages = [p.message for p in problems]
    assert any(m.startswith("duplicate code 13801") for m in messages)
    assert any(m.startswith("duplicate name ERROR_IPSEC_IKE_AUTH_FAIL") for m in messages)


def test_related_code_must_exist(tmp_path: Path) -> None:
    text = GOOD.replace("  related: []", "  related: [13897]", 1)
    assert _problems(tmp_path, text) == ["kb.yaml:1: 13801: related code 13897 does not exist"]


def test_guidance_repeated_in_many_entries_is_boilerplate(tmp_path: Path) -> None:
    entries = [GOOD]
    for code in (13802, 13803):
        guidance = GUIDANCE.replace("[a]", f"[alias {code}]")
        entries.append(f"- code: {code}\n  name: ERROR_IPSEC_X{code}\n  message: m.\n{guidance}")
    problems = _problems(tmp_path, "".join(entries))
    assert any("appears in 4 entries (13801, 13806, 13802, 13803)" in p for p in problems)


def test_top_level_must_be_a_list(tmp_path: Path) -> None:
    assert _problems(tmp_path, "code: 13801\n") == [
        "kb.yaml:1: the top level must be a list of entries"
    ]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no .yaml files"):
        load_knowledge(tmp_path)


def test_broken_knowledge_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text(
        GOOD + "  bogus: 1\n  range_marker: maybe\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    assert len(caught.value.problems) == 2
    assert "kb.yaml:23: unknown field 'bogus'" in str(caught.value)

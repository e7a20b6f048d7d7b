"""Team overlays: checked like the knowledge, applied over it, found by lookup and detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.detect import find_codes
from bot.domain import Severity
from bot.knowledge import KnowledgeBase, KnowledgeError, check_knowledge, load_knowledge
from bot.knowledge.overlay import load_overlay, read_overlay
from bot.lookup import lookup
from bot.render.json import entry_to_json, result_to_json
from bot.render.text import render_entry
from tests.conftest import DATA, ROOT
from tests.unit.test_cli import run

OVERLAY = DATA / "overlay"


@pytest.fixture(scope="module")
def team_kb(kb: KnowledgeBase) -> KnowledgeBase:
    return load_overlay(kb, OVERLAY)


def _problems(kb: KnowledgeBase, tmp_path: Path, text: str) -> list[str]:
    file = tmp_path / "overlay.yaml"
    file.write_text(text, encoding="utf-8")
    return [f"{p.line}: {p.message}" for p in read_overlay(file, kb)[1]]


def test_an_overlay_adds_its_part_and_overrides_the_severity(team_kb: KnowledgeBase) -> None:
    entry = team_kb.by_code[13801]
    assert entry.team is not None
    assert [link.title for link in entry.team.links] == ["VPN cert runbook", "RRAS dashboard"]
    assert entry.severity is Severity.CRITICAL
    assert entry.severity_reason.startswith("The device tunnel carries pre-logon")
    assert entry.team.shipped_severity is Severity.HIGH
    assert entry.team.source.endswith("team.yaml:2")
    assert entry.aliases[-1] == "purple walrus outage"
    assert "purple walrus outage" not in entry.shipped_aliases


def test_the_shipped_knowledge_is_untouched(kb: KnowledgeBase, team_kb: KnowledgeBase) -> None:
    assert kb.by_code[13801].team is None and kb.by_code[13801].severity is Severity.HIGH
    assert team_kb.by_code[13805] is kb.by_code[13805], "codes without an overlay are shared"
    assert len(team_kb) == len(kb)


def test_an_overlay_alias_is_found_by_lookup_and_by_detection(
    kb: KnowledgeBase, team_kb: KnowledgeBase
) -> None:
    found = lookup(team_kb, "purple walrus outage")
    assert [m.entry.code for m in found.matches] == [13801] and found.outcome.value == "exact"
    text = "13801 purple walrus outage"
    assert find_codes(kb, text) == [] and find_codes(team_kb, text) == [13801]


def test_json_shows_the_team_part_and_the_effective_severity(team_kb: KnowledgeBase) -> None:
    data = result_to_json(lookup(team_kb, "13801"))
    team = data["matches"][0]["team"]
    assert team["links"][0] == {
        "title": "VPN cert runbook",
        "url": "https://wiki.example.com/vpn/13801",
    }
    assert team["severity"] == "critical" and team["shipped_severity"] == "high"
    assert "team" not in result_to_json(lookup(team_kb, "13805"))["matches"][0]
    entry = entry_to_json(team_kb.by_code[13801])
    assert entry["severity"] == "critical" and "purple walrus outage" not in entry["aliases"]
    assert entry["team"]["aliases"] == ["purple walrus outage"]


def test_text_answers_show_the_team_part_and_the_override(team_kb: KnowledgeBase) -> None:
    text = render_entry(team_kb.by_code[13801], width=200)
    assert "Severity: CRITICAL (your team's level; ikeerr rates it HIGH)" in text
    team = text[text.index("Your team (") :]
    assert team.index("Owner:") < team.index("VPN cert runbook") < team.index("Contoso Issuing")
    assert "Template v3 renewal" in team and "Page the PKI team" in team


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- code: 13801\n  link: []\n", "2: unknown overlay field 'link' (did you mean 'links'?)"),
        ("- code: 13999\n  notes: x\n", "1: ikeerr has no entry for IPsec code 13999"),
        ("- code: 70000\n  notes: x\n", "1: code 70000 is no IPsec, RAS or HRESULT code"),
        (
            "- code: 13801\n  links:\n    - title: wiki\n      url: ftp://wiki/x\n",
            "2: 'links' item 'wiki': 'url' must be an http(s) URL",
        ),
        ("- code: 13801\n  links:\n    - url: https://x\n", "2: 'links' item '?' lacks title"),
        ("- code: 13801\n  severity: critical\n", "2: 'severity' and 'severity_reason' go"),
        ("- code: 13801\n  severity: urgent\n  severity_reason: x\n", "2: 'severity' must be one"),
        ("- code: 13801\n  owner: '<!here>'\n", "2: 'owner' is free text or one Slack mention"),
        ("- code: 13801\n  owner: '<!channel>'\n", "2: 'owner' is free text or one Slack mention"),
        ("- code: 13801\n", "1: the overlay adds nothing"),
        ("- notes: x\n", "1: missing required field 'code'"),
        ("- code: 13801\n  aliases: [IKE_NO_CERT]\n", "2: alias 'IKE_NO_CERT' already means 13806"),
        ("- code: 13801\n  notes: [a\n", "3: YAML syntax error"),
        ("code: 13801\n", "1: the top level must be a list of overlay items"),
    ],
)
def test_a_broken_overlay_names_the_line_and_what_is_wrong(
    kb: KnowledgeBase, tmp_path: Path, text: str, expected: str
) -> None:
    found = _problems(kb, tmp_path, text)
    assert any(problem.startswith(expected) for problem in found), found


def test_good_owners_and_an_alias_the_entry_already_has_are_accepted(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    for owner in ("#net-oncall", "<@U0ALICE>", "<!subteam^S0ABC|@vpn>", "<#C0NET|net>", "Ops"):
        assert _problems(kb, tmp_path, f"- code: 13801\n  owner: '{owner}'\n") == [], owner
    # Shipped knowledge that gains the team's alias on an upgrade must not break the overlay.
    shipped = kb.by_code[13806].aliases[0]
    file = tmp_path / "overlay.yaml"
    file.write_text(f"- code: 13806\n  aliases: ['{shipped}']\n", encoding="utf-8")
    entry = load_overlay(kb, file).by_code[13806]
    assert entry.aliases == kb.by_code[13806].aliases and entry.shipped_aliases == entry.aliases


def test_one_code_twice_is_a_problem_naming_both_places(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("- code: 13801\n  notes: one\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("\n- code: 13801\n  notes: two\n", encoding="utf-8")
    problems = read_overlay(tmp_path, kb)[1]
    assert [(Path(p.file).name, p.line) for p in problems] == [("b.yaml", 2)]
    assert "already has an overlay at" in problems[0].message and "a.yaml:1" in problems[0].message


def test_a_missing_or_empty_overlay_folder_is_a_problem(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such overlay file or folder"):
        load_overlay(kb, tmp_path / "nowhere")
    with pytest.raises(KnowledgeError, match="no .yaml files in this overlay folder"):
        load_overlay(kb, tmp_path)


def test_load_knowledge_applies_the_overlay_all_or_nothing(tmp_path: Path) -> None:
    team = load_knowledge(ROOT / "knowledge", overlay=OVERLAY)
    assert team.by_code[13806].severity is Severity.INFO
    broken = tmp_path / "broken.yaml"
    broken.write_text("- code: 13801\n  notes: fine\n- code: 13806\n  colour: red\n")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(ROOT / "knowledge", overlay=broken)
    assert [str(p).rpartition("/")[2] for p in error.value.problems] == [
        "broken.yaml:4: unknown overlay field 'colour' (known: code, links, owner, notes, "
        "severity, severity_reason, aliases, causes, diagnose, resolve)"
    ]


def test_saved_indexes_of_an_overlay_are_kept_apart(tmp_path: Path) -> None:
    plain = load_knowledge(ROOT / "knowledge", cache_dir=tmp_path)
    team = load_knowledge(ROOT / "knowledge", cache_dir=tmp_path, overlay=OVERLAY)
    assert plain.cache is not None and team.cache is not None
    assert plain.cache[1] != team.cache[1]
    again = load_knowledge(ROOT / "knowledge", cache_dir=tmp_path, overlay=OVERLAY)
    assert again.cache == team.cache
    assert lookup(again, "purple walrus outage").matches[0].entry.code == 13801
    assert lookup(plain, "purple walrus outage").outcome.value != "exact"


def test_check_knowledge_reports_the_overlay_problems_too(tmp_path: Path) -> None:
    broken = tmp_path / "o.yaml"
    broken.write_text("- code: 13999\n  notes: x\n", encoding="utf-8")
    entries, problems = check_knowledge(ROOT / "knowledge", broken)
    assert entries and [p.line for p in problems] == [1]


def test_cli_reads_ikeerr_overlay_and_the_overlay_option(tmp_path: Path) -> None:
    done = run("--overlay", str(OVERLAY), "lookup", "--json", "purple walrus outage")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["matches"][0]["team"]["owner"].startswith("<!subteam^")
    done = run("lookup", "13801", env={"IKEERR_OVERLAY": str(OVERLAY)})
    assert "Your team (" in done.stdout and "VPN cert runbook" in done.stdout
    listed = run("list", "--json", env={"IKEERR_OVERLAY": str(OVERLAY)})
    by_code = {entry["code"]: entry for entry in json.loads(listed.stdout)}
    assert by_code[13806]["severity"] == "info" and by_code[13806]["team"]["owner"] == "#lab-admins"
    overlay = {"IKEERR_OVERLAY": str(OVERLAY)}
    scanned = run("scan", env=overlay, stdin="13801 purple walrus outage\n")
    assert scanned.returncode == 0 and "13801" in scanned.stdout


def test_validate_checks_the_overlay_and_exits_1_with_file_and_line(tmp_path: Path) -> None:
    done = run("validate", env={"IKEERR_OVERLAY": str(OVERLAY)})
    assert done.returncode == 0 and "and the overlay" in done.stdout
    broken = tmp_path / "o.yaml"
    broken.write_text("- code: 13801\n  notes: ok\n- code: 13999\n  notes: x\n", encoding="utf-8")
    done = run("validate", env={"IKEERR_OVERLAY": str(broken)})
    assert done.returncode == 1
    assert done.stdout.strip() == f"{broken}:3: ikeerr has no entry for IPsec code 13999"
    done = run("--overlay", str(broken), "lookup", "13801")
    assert done.returncode == 3 and f"{broken}:3:" in done.stderr


def _readme_block(first_line: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(first_line)
    return text[start : text.index("```", start)]


def test_the_readme_overlay_example_is_valid(kb: KnowledgeBase, tmp_path: Path) -> None:
    file = tmp_path / "vpn.yaml"
    file.write_text(_readme_block("# overlay/vpn.yaml"), encoding="utf-8")
    team = load_overlay(kb, file)
    assert team.by_code[13801].severity is Severity.CRITICAL
    assert team.by_code[809].team is not None
    assert lookup(team, "aovpn cert storm").matches[0].entry.code == 13801


def test_the_readme_channel_rules_example_is_valid(tmp_path: Path) -> None:
    from bot.slack.reply_rules import load_rules

    file = tmp_path / "ikeerr.yaml"
    file.write_text(_readme_block("mention_owner: false"), encoding="utf-8")
    rules = load_rules(file)
    assert len(rules.rules) == 2 and rules.rules[1].mention_owner is True


def test_a_configmap_volume_is_read_once(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Kubernetes mounts a ConfigMap as symlinks into a hidden, timestamped folder."""
    hidden = tmp_path / "..2026_12_02_10_00_00.123"
    hidden.mkdir()
    (hidden / "team.yaml").write_text("- code: 13801\n  notes: ours\n", encoding="utf-8")
    (tmp_path / "..data").symlink_to(hidden.name)
    (tmp_path / "team.yaml").symlink_to("..data/team.yaml")
    notes, problems = read_overlay(tmp_path, kb)
    assert problems == [] and [item.code for item in notes] == [13801]

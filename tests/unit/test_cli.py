"""The CLI contract, driven as a user or a script would: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.reference import reference_count

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IKEERR_CACHE_DIR": "off", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_lookup_json_shape_and_exit_zero() -> None:
    done = run("lookup", "--json", "0x8007364B")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["query"] == "0x8007364B"
    assert data["matches"] == [
        {
            "code": 13899,
            "name": "ERROR_IPSEC_IKE_INNER_IP_ASSIGNMENT_FAILURE",
            "score": 100.0,
            "via": "hresult",
            "why": "",
            "language": "",
            "family": "ipsec",
        }
    ]


def test_lookup_words_form_one_query() -> None:
    done = run("lookup", "--json", "IKE", "authentication", "credentials", "are", "unacceptable")
    data = json.loads(done.stdout)
    assert data["query"] == "IKE authentication credentials are unacceptable"
    assert data["matches"][0]["code"] == 13801 and data["matches"][0]["via"] == "message"


def test_lookup_text_shows_the_entry() -> None:
    done = run("lookup", "13899")
    assert done.returncode == 0
    assert "ERROR_IPSEC_IKE_INNER_IP_ASSIGNMENT_FAILURE" in done.stdout
    assert "0x8007364B" in done.stdout


def test_lookup_no_match_exits_one() -> None:
    done = run("lookup", "--json", "quarterly sales spreadsheet")
    assert done.returncode == 1
    assert json.loads(done.stdout)["matches"] == []


def test_lookup_not_covered_exits_one_and_says_why() -> None:
    done = run("lookup", "1603")
    assert done.returncode == 1
    assert "not an IPsec, RAS or HRESULT error code" in done.stdout


def test_lookup_stdin_answers_each_line_in_order() -> None:
    done = run("lookup", "--json", "-", stdin="13801\nnothing at all here\nIKE_NO_CERT\n")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["query"] for row in rows] == ["13801", "nothing at all here", "IKE_NO_CERT"]
    assert [[m["code"] for m in row["matches"]][:1] for row in rows] == [[13801], [], [13806]]
    assert done.returncode == 0


def test_scan_json_gives_one_object_per_line() -> None:
    text = "vpn error 13801\nlunch?\n\n0x800735EE then 13899 on the tunnel\n"
    done = run("scan", "--json", "-", stdin=text)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows == [
        {"line": 1, "codes": [13801]},
        {"line": 2, "codes": []},
        {"line": 3, "codes": []},
        {"line": 4, "codes": [13806, 13899]},
    ]
    assert done.returncode == 0


def test_scan_reads_a_file(tmp_path: Path) -> None:
    log = tmp_path / "ras.log"
    log.write_text("ok\nIKE failed with error 13868\n", encoding="utf-8")
    done = run("scan", str(log))
    assert done.returncode == 0
    assert "line 2: 13868 ERROR_IPSEC_IKE_POLICY_MATCH" in done.stdout


def test_scan_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    done = run("scan", str(tmp_path / "missing.log"))
    assert done.returncode == 2 and "missing.log" in done.stderr


def test_list_json_has_every_entry_with_fields() -> None:
    done = run("list", "--json")
    entries = json.loads(done.stdout)
    assert len(entries) == reference_count()
    first = entries[0]
    for field in ("code", "name", "message", "summary", "severity", "causes", "related"):
        assert field in first


def test_validate_shipped_knowledge_passes() -> None:
    done = run("validate")
    assert done.returncode == 0, done.stdout


def test_validate_broken_file_exits_one_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- code: 13801\n  name: [unclosed\n", encoding="utf-8")
    done = run("validate", str(broken))
    assert done.returncode == 1
    assert f"{broken}:" in done.stdout and "YAML syntax error" in done.stdout


def test_broken_knowledge_stops_lookup_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "kb.yaml"
    broken.write_text("- code: 13801\n  name: ERROR_IPSEC_IKE_AUTH_FAIL\n", encoding="utf-8")
    done = run("--knowledge", str(tmp_path), "lookup", "13801")
    assert done.returncode == 3
    assert f"{broken}:1: missing required field 'message'" in done.stderr


@pytest.mark.parametrize("args", [[], ["lookup"], ["frobnicate"], ["lookup", "--bogus", "x"]])
def test_usage_errors_exit_two(args: list[str]) -> None:
    assert run(*args).returncode == 2


@pytest.mark.parametrize("command", ["lookup", "scan", "list", "validate"])
def test_every_subcommand_has_help(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0 and "usage: ikeerr" in done.stdout


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("ikeerr ")


def test_cli_never_imports_slack() -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['ikeerr', 'lookup', 'auth fail']\n"
        "from bot.cli import main\n"
        "main(sys.argv[1:])\n"
        "main(['scan', '/dev/null'])\n"
        "assert 'slack_bolt' not in sys.modules, 'slack_bolt imported'\n"
        "assert 'slack_sdk' not in sys.modules, 'slack_sdk imported'\n"
        "main(['list', '--json'])\n"
        "for name in ('redis', 'prometheus_client', 'waitress'):\n"
        "    assert name not in sys.modules, name + ' imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr

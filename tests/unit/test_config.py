"""Slack settings from the environment, and the IKEERR_CONFIG auto-reply rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_API_URL, ConfigError, load_slack_settings
from bot.domain import Severity
from bot.slack.reply_rules import AutoReplyRules, load_rules

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}


def test_http_mode_defaults() -> None:
    settings = load_slack_settings(BASE)
    assert settings.socket_mode is False
    assert settings.api_url == DEFAULT_API_URL and settings.port == 3000
    assert settings.config_path is None


def test_tokens_never_appear_in_repr() -> None:
    settings = load_slack_settings(BASE | {"SLACK_APP_TOKEN": "xapp-9"})
    assert "xoxb-1" not in repr(settings) and "secret" not in repr(settings)
    assert "xapp-9" not in repr(settings)


def test_app_token_means_socket_mode_without_signing_secret() -> None:
    settings = load_slack_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert settings.socket_mode and settings.signing_secret == ""


def test_api_url_port_and_config_path() -> None:
    env = BASE | {
        "SLACK_API_URL": "http://127.0.0.1:9/api",
        "PORT": "8080",
        "IKEERR_CONFIG": "c.yaml",
    }
    settings = load_slack_settings(env)
    assert settings.api_url == "http://127.0.0.1:9/api/"
    assert settings.port == 8080 and settings.config_path == Path("c.yaml")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SLACK_BOT_TOKEN is not set"),
        ({"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN is empty"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"),
        (BASE | {"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL must be an http"),
        (BASE | {"PORT": "99999"}, "PORT must be a number"),
        (BASE | {"PORT": "-1"}, "PORT must be a number"),
    ],
)
def test_bad_environments_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        load_slack_settings(env)
    if "TOKEN" in message or "SECRET" in message:
        assert "api.slack.com/apps" in str(raised.value)


def test_no_config_file_means_every_channel_and_a_30_minute_cooldown() -> None:
    rules = load_rules(None)
    assert rules == AutoReplyRules()
    assert rules.enabled and not rules.restricted and rules.cooldown_seconds == 1800


def test_config_file_sets_every_rule(tmp_path: Path) -> None:
    path = tmp_path / "ikeerr.yaml"
    path.write_text(
        "auto_reply: true\n"
        "channels: [C0123ABCD, 'inc-*', '#vpn-ops']\n"
        "cooldown_minutes: 10\n"
        "min_severity: High\n"
        "allowed_bots: [B0MONITOR1, A0ALERTS12]\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.channel_ids == frozenset({"C0123ABCD"})
    assert rules.channel_patterns == ("inc-*", "vpn-ops")
    assert rules.cooldown_seconds == 600 and rules.min_severity is Severity.HIGH
    assert rules.allowed_bots == frozenset({"B0MONITOR1", "A0ALERTS12"})
    assert rules.allows_channel("C0123ABCD", None) and rules.allows_channel("C9", "inc-42")
    assert not rules.allows_channel("C9", "random") and not rules.allows_channel("C9", None)


def test_an_empty_config_file_means_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_rules(path) == AutoReplyRules()


def test_invalid_config_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "channels: inc-*\n"
        "cooldown_minutes: -5\n"
        "min_severity: urgent\n"
        "allowed_bots: [monitoring]\n"
        "auto_reply: maybe\n"
        "colour: blue\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_rules(path)
    text = str(raised.value)
    for line, key in enumerate(
        ("channels", "cooldown_minutes", "min_severity", "allowed_bots", "auto_reply", "colour"),
        start=1,
    ):
        assert f"{path}:{line}: {key}" in text


@pytest.mark.parametrize(
    "content", ["channels: [unclosed\n", "- a list\n- not a mapping\n", "just text\n"]
)
def test_unreadable_config_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=f"IKEERR_CONFIG {path} is invalid"):
        load_rules(path)


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_rules(tmp_path / "missing.yaml")


RULES_CONFIG = (
    "channels: ['inc-*', 'lab-*', C0LISTED1]\n"
    "cooldown_minutes: 30\n"
    "rules:\n"
    "  - channels: [lab-*]\n"
    "    auto_reply: false\n"
    "  - channels: ['#inc-*', C0123ABCD]\n"
    "    min_severity: HIGH\n"
    "    cooldown_minutes: 60\n"
    "    mention_owner: true\n"
    "  - channels: [inc-*]\n"
    "    cooldown_minutes: 5\n"
    "  - channels: [C0EXTRA99]\n"
    "    auto_reply: true\n"
)


def test_channel_rules_override_the_global_settings_first_match_wins(tmp_path: Path) -> None:
    path = tmp_path / "ikeerr.yaml"
    path.write_text(RULES_CONFIG, encoding="utf-8")
    rules = load_rules(path)
    names = {"C0LAB": "lab-vpn", "C0INC": "inc-42", "C0123ABCD": "random", "C0LISTED1": "ops"}
    asked: list[str] = []

    def settings(channel: str):  # type: ignore[no-untyped-def]
        return rules.settings_for(channel, lambda: asked.append(channel) or names.get(channel))

    assert settings("C0LAB").auto_reply is False
    inc = settings("C0INC")
    assert inc.auto_reply and inc.min_severity is Severity.HIGH and inc.mention_owner
    assert inc.cooldown_seconds == 3600, "the first matching rule wins, not the last"
    by_id = settings("C0123ABCD")
    assert by_id.cooldown_seconds == 3600
    assert not by_id.auto_reply, "a rule without auto_reply keeps the global channel list"
    listed = settings("C0LISTED1")
    assert listed.auto_reply and listed.min_severity is None and not listed.mention_owner
    assert listed.cooldown_seconds == 1800
    assert not settings("C0OTHER").auto_reply, "outside the global list and every rule"
    assert settings("C0EXTRA99").auto_reply, "a rule's auto_reply: true adds a channel"
    assert asked.count("C0INC") == 1, "the channel name is asked once per decision"


def test_invalid_channel_rules_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "rules:\n"
        "  - channels: [lab-*]\n"
        "    auto_replies: false\n"
        "  - auto_reply: false\n"
        "  - channels: []\n"
        "    auto_reply: false\n"
        "  - channels: [inc-*]\n"
        "  - just text\n"
        "  - channels: [inc-*]\n"
        "    min_severity: urgent\n"
        "    allowed_bots: [B0X]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_rules(path)
    text = str(raised.value)
    expected = [
        "3: rules item 1: unknown setting 'auto_replies' (did you mean 'auto_reply'?)",
        "4: rules item 2: a rule needs 'channels'",
        "5: rules item 3: channels is empty",
        "7: rules item 4: the rule sets nothing",
        "8: rules item 5: must be a mapping",
        "10: rules item 6: min_severity must be one of",
        "11: rules item 6: unknown setting 'allowed_bots'",
    ]
    for problem in expected:
        assert f"{path}:{problem}" in text, text


def test_rules_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("rules:\n  channels: [lab-*]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r":1: rules: must be a list of channel rules"):
        load_rules(path)


def test_storm_and_admins_are_read_globally_and_per_rule(tmp_path: Path) -> None:
    path = tmp_path / "ikeerr.yaml"
    path.write_text(
        "admins: [U0ADMIN01, W0GRID001]\n"
        "storm: {min_people: 8, window_minutes: 5}\n"
        "rules:\n"
        "  - channels: [inc-*]\n"
        "    storm: {min_people: 3, window_minutes: 15, quiet_minutes: 30}\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.admins == frozenset({"U0ADMIN01", "W0GRID001"})
    assert (rules.storm.min_people, rules.storm.window_seconds) == (8, 300.0)
    assert rules.storm.quiet_seconds == 300.0, "quiet defaults to the window"
    inc = rules.settings_for("C0INC", lambda: "inc-9").storm
    assert (inc.min_people, inc.window_seconds, inc.quiet_seconds) == (3, 900.0, 1800.0)
    assert rules.settings_for("C0GEN", lambda: "general").storm == rules.storm


def test_bad_storm_and_admins_settings_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "admins: [alice]\n"
        "storm: {min_people: 1, window: 5}\n"
        "rules:\n"
        "  - channels: [inc-*]\n"
        "    storm: 5\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_rules(path)
    text = str(raised.value)
    assert f"{path}:1: admins: 'alice' is not a user ID" in text
    assert f"{path}:2: storm: unknown storm setting 'window' (did you mean" in text
    assert f"{path}:2: storm: min_people must be a whole number, 2 or more" in text
    assert f"{path}:5: rules item 1: storm: must be a mapping" in text

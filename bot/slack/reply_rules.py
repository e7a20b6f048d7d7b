"""Auto-reply rules from the IKEERR_CONFIG file: channels, cooldown, minimum severity, bots,
and per-channel rules that override those settings where their channels match."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.config import ConfigError
from bot.domain import Kind, Severity
from bot.knowledge import Problem

if TYPE_CHECKING:
    from bot.knowledge.yamlnodes import LineMap

T = TypeVar("T")
DEFAULT_COOLDOWN_MINUTES = 30.0
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{6,}")
_BOT_ID = re.compile(r"[BA][A-Z0-9]{6,}")
# The settings of an IKEERR_CONFIG file and what each holds (checked like knowledge fields).
_SETTINGS = {
    "auto_reply": Kind.FLAG,
    "channels": Kind.TEXTS,
    "cooldown_minutes": Kind.NUMBER,
    "min_severity": Kind.SEVERITY,
    "allowed_bots": Kind.TEXTS,
    "mention_owner": Kind.FLAG,
    "admins": Kind.TEXTS,
}
# What a channel rule may set (`channels` says where it applies); the rest stays global.
_RULE_SETTINGS = {
    key: _SETTINGS[key]
    for key in ("channels", "auto_reply", "cooldown_minutes", "min_severity", "mention_owner")
}
RULES = "rules"
# A mapping checked on its own (`storm: {min_people: 5, window_minutes: 10}`), globally and in
# a rule.
STORM = "storm"
_STORM_FIELDS = ("min_people", "window_minutes", "quiet_minutes")
_USER_ID = re.compile(r"[UW][A-Z0-9]{6,}")


@dataclass(frozen=True)
class StormSettings:
    """When one code in many messages of a channel is a storm: this many distinct people (or
    hosts) within the window; it ends after a quiet window without a new report."""

    min_people: int = 5
    window_seconds: float = 600.0
    quiet_seconds: float = 600.0


@dataclass(frozen=True)
class Channels:
    """Channels named by ID (C0123ABCD) or by name pattern (inc-*, #vpn-ops)."""

    ids: frozenset[str] = frozenset()
    patterns: tuple[str, ...] = ()

    @classmethod
    def parse(cls, listed: list[str]) -> Channels:
        channels = [channel.strip() for channel in listed]
        ids = frozenset(c for c in channels if _CHANNEL_ID.fullmatch(c))
        return cls(ids, tuple(c.lstrip("#") for c in channels if c not in ids))

    def __bool__(self) -> bool:
        return bool(self.ids or self.patterns)

    def match(self, channel_id: str, name: Callable[[], str | None]) -> bool:
        """Whether the channel is listed; `name` is asked only when a pattern must decide."""
        if channel_id in self.ids:
            return True
        if not self.patterns:
            return False
        found = name()
        return found is not None and any(fnmatch.fnmatchcase(found, p) for p in self.patterns)


@dataclass(frozen=True)
class ChannelSettings:
    """The settings that apply in one channel, after its first matching rule."""

    auto_reply: bool
    cooldown_seconds: float
    min_severity: Severity | None
    mention_owner: bool
    storm: StormSettings = StormSettings()


@dataclass(frozen=True)
class ChannelRule:
    """Settings for the channels it lists; None keeps the global setting."""

    channels: Channels
    auto_reply: bool | None = None
    cooldown_seconds: float | None = None
    min_severity: Severity | None = None
    mention_owner: bool | None = None
    storm: StormSettings | None = None


@dataclass(frozen=True)
class AutoReplyRules:
    """Where and how often the bot answers codes it spots in channel messages."""

    enabled: bool = True
    channel_ids: frozenset[str] = frozenset()
    channel_patterns: tuple[str, ...] = ()
    cooldown_seconds: float = DEFAULT_COOLDOWN_MINUTES * 60
    min_severity: Severity | None = None
    allowed_bots: frozenset[str] = frozenset()
    mention_owner: bool = False
    rules: tuple[ChannelRule, ...] = ()
    storm: StormSettings = StormSettings()
    # Who sees the gap report (what people looked up and ikeerr could not answer) in App Home.
    admins: frozenset[str] = frozenset()

    @property
    def replies_anywhere(self) -> bool:
        """False when auto-replies are off globally and no channel rule turns them on."""
        return self.enabled or any(rule.auto_reply for rule in self.rules)

    @property
    def restricted(self) -> bool:
        """True when only listed channels get auto-replies (else every channel the bot is in)."""
        return bool(self.channel_ids or self.channel_patterns)

    def allows_channel(self, channel_id: str, name: str | None) -> bool:
        listed = Channels(self.channel_ids, self.channel_patterns)
        return not listed or listed.match(channel_id, lambda: name)

    def settings_for(self, channel_id: str, name: Callable[[], str | None]) -> ChannelSettings:
        """The settings in this channel: its first matching rule over the global ones.

        `name` (the channel's name, which may cost a Web API call) is asked at most once, and
        only when a name pattern must decide.
        """
        known: list[str | None] = []

        def name_once() -> str | None:
            if not known:
                known.append(name())
            return known[0]

        rule = next((r for r in self.rules if r.channels.match(channel_id, name_once)), None)
        if rule is not None and rule.auto_reply is not None:
            auto_reply = rule.auto_reply
        else:
            listed = Channels(self.channel_ids, self.channel_patterns)
            auto_reply = self.enabled and (not listed or listed.match(channel_id, name_once))
        if rule is None:
            return ChannelSettings(
                auto_reply, self.cooldown_seconds, self.min_severity, self.mention_owner, self.storm
            )
        return ChannelSettings(
            auto_reply,
            _given(rule.cooldown_seconds, self.cooldown_seconds),
            _given(rule.min_severity, self.min_severity),
            _given(rule.mention_owner, self.mention_owner),
            _given(rule.storm, self.storm),
        )


def _given(value: T | None, default: T) -> T:
    return default if value is None else value


def load_rules(path: Path | None) -> AutoReplyRules:
    """Read the IKEERR_CONFIG YAML file (None: the defaults); ConfigError lists each problem."""
    from bot.knowledge.yamlnodes import (  # YAML loads only when a config file is used
        LineMap,
        read_yaml,
    )

    if path is None:
        return AutoReplyRules()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"IKEERR_CONFIG: cannot read {path}: {error}") from None
    data, problems = read_yaml(text, str(path))
    if data is None and not problems:
        return AutoReplyRules()
    if not problems and not isinstance(data, LineMap):
        problems.append(Problem(str(path), 1, "the file must be a mapping of settings"))
    config = _parse_config(data, str(path), problems) if isinstance(data, LineMap) else None
    if problems or config is None:
        lines = "\n".join(str(problem) for problem in problems)
        raise ConfigError(f"IKEERR_CONFIG {path} is invalid:\n{lines}")
    return config


def _parse_config(data: LineMap, file: str, problems: list[Problem]) -> AutoReplyRules:
    from bot.knowledge.checks import check_value, unknown_field_hint

    def fail(key: str, message: str) -> None:
        problems.append(Problem(file, data.key_lines.get(key, data.line), f"{key}: {message}"))

    severity = data.get("min_severity")
    if isinstance(severity, str):
        data["min_severity"] = severity.lower()  # HIGH and high alike
    channel_rules = _parse_rules(data, file, problems) if RULES in data else ()
    storm = StormSettings()
    for key, value in data.items():
        if key == RULES:
            continue
        if key == STORM:
            storm, storm_problems = parse_storm(value)
            for message in storm_problems:
                fail(key, message)
            continue
        if key not in _SETTINGS:
            known_keys = [*_SETTINGS, STORM, RULES]
            hint = unknown_field_hint(key, known_keys)
            fail(key, f"unknown setting{hint} (known: {', '.join(known_keys)})")
            continue
        found = check_value(_SETTINGS[key], value)
        for message in found:
            fail(key, message)
        if key == "allowed_bots" and not found:
            for bot in value:
                if not _BOT_ID.fullmatch(bot.strip()):
                    fail(key, f"{bot!r} is not a bot ID (B...) or app ID (A...)")
        if key == "admins" and not found:
            for user in value:
                if not _USER_ID.fullmatch(user.strip()):
                    fail(key, f"{user!r} is not a user ID (U... or W...)")
    if problems:
        return AutoReplyRules()
    channels = Channels.parse(data.get("channels", []))
    bots = [bot.strip() for bot in data.get("allowed_bots", [])]
    minutes = data.get("cooldown_minutes", DEFAULT_COOLDOWN_MINUTES)
    return AutoReplyRules(
        enabled=data.get("auto_reply", True),
        channel_ids=channels.ids,
        channel_patterns=channels.patterns,
        cooldown_seconds=float(minutes) * 60,
        min_severity=Severity(data["min_severity"]) if "min_severity" in data else None,
        allowed_bots=frozenset(bots),
        mention_owner=data.get("mention_owner", False),
        rules=channel_rules,
        storm=storm,
        admins=frozenset(user.strip() for user in data.get("admins", [])),
    )


def parse_storm(value: Any) -> tuple[StormSettings, list[str]]:
    """A `storm` mapping: min_people (a whole number, 2 or more), window_minutes and
    quiet_minutes (numbers above 0); its settings and the problems found."""
    from bot.knowledge.checks import unknown_field_hint
    from bot.knowledge.yamlnodes import LineMap

    if not isinstance(value, LineMap):
        return StormSettings(), [f"must be a mapping of {', '.join(_STORM_FIELDS)}, got {value!r}"]
    problems = [
        f"unknown storm setting '{key}'{unknown_field_hint(key, _STORM_FIELDS)} "
        f"(known: {', '.join(_STORM_FIELDS)})"
        for key in value
        if key not in _STORM_FIELDS
    ]
    people = value.get("min_people", StormSettings.min_people)
    if isinstance(people, bool) or not isinstance(people, int) or people < 2:
        problems.append(f"min_people must be a whole number, 2 or more, got {people!r}")
    minutes = {}
    for key in ("window_minutes", "quiet_minutes"):
        given = value.get(key, value.get("window_minutes", 10))
        if isinstance(given, bool) or not isinstance(given, int | float) or given <= 0:
            problems.append(f"{key} must be a number above 0, got {given!r}")
            given = 10
        minutes[key] = float(given) * 60
    if problems:
        return StormSettings(), problems
    return StormSettings(people, minutes["window_minutes"], minutes["quiet_minutes"]), []


def _parse_rules(data: LineMap, file: str, problems: list[Problem]) -> tuple[ChannelRule, ...]:
    """The `rules` list: each item a mapping of `channels` and the settings it overrides."""
    from bot.knowledge.yamlnodes import LineList, LineMap

    listed = data[RULES]
    if not isinstance(listed, LineList):
        line = data.key_lines.get(RULES, data.line)
        problems.append(Problem(file, line, f"{RULES}: must be a list of channel rules"))
        return ()
    rules = []
    for number, (raw, line) in enumerate(zip(listed, listed.item_lines, strict=True), start=1):
        if not isinstance(raw, LineMap):
            problems.append(Problem(file, line, f"{RULES} item {number}: must be a mapping"))
            continue
        rule = _parse_rule(raw, f"{RULES} item {number}", file, problems)
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


def _parse_rule(raw: LineMap, label: str, file: str, problems: list[Problem]) -> ChannelRule | None:
    from bot.knowledge.checks import check_value, unknown_field_hint

    found: list[Problem] = []

    def fail(key: str, message: str) -> None:
        found.append(Problem(file, raw.key_lines.get(key, raw.line), f"{label}: {message}"))

    if isinstance(raw.get("min_severity"), str):
        raw["min_severity"] = raw["min_severity"].lower()
    storm = None
    for key, value in raw.items():
        if key == STORM:
            storm, storm_problems = parse_storm(value)
            for message in storm_problems:
                fail(key, f"{key}: {message}")
            continue
        if key not in _RULE_SETTINGS:
            known = ", ".join([*_RULE_SETTINGS, STORM])
            fail(
                key,
                f"unknown setting '{key}'{unknown_field_hint(key, _RULE_SETTINGS)} "
                f"(a rule may set: {known})",
            )
            continue
        for message in check_value(_RULE_SETTINGS[key], value):
            fail(key, f"{key} {message}")
    if isinstance(raw.get("channels"), list) and not raw["channels"]:
        fail("channels", "channels is empty: list the channel IDs or name patterns")
    if "channels" not in raw:
        fail("channels", "a rule needs 'channels': the channel IDs or name patterns it applies to")
    elif len(raw) == 1:
        fail(
            "channels",
            "the rule sets nothing: give auto_reply, cooldown_minutes, "
            "min_severity, mention_owner or storm",
        )
    problems += found
    if found:
        return None
    minutes = raw.get("cooldown_minutes")
    return ChannelRule(
        channels=Channels.parse(raw["channels"]),
        auto_reply=raw.get("auto_reply"),
        cooldown_seconds=float(minutes) * 60 if minutes is not None else None,
        min_severity=Severity(raw["min_severity"]) if "min_severity" in raw else None,
        mention_owner=raw.get("mention_owner"),
        storm=storm,
    )

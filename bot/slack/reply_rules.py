"""Auto-reply rules from the IKEERR_CONFIG file: channels, cooldown, minimum severity, bots."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import ConfigError
from bot.domain import Kind, Severity
from bot.knowledge import Problem

if TYPE_CHECKING:
    from bot.knowledge.yamlnodes import LineMap

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
}


@dataclass(frozen=True)
class AutoReplyRules:
    """Where and how often the bot answers codes it spots in channel messages."""

    enabled: bool = True
    channel_ids: frozenset[str] = frozenset()
    channel_patterns: tuple[str, ...] = ()
    cooldown_seconds: float = DEFAULT_COOLDOWN_MINUTES * 60
    min_severity: Severity | None = None
    allowed_bots: frozenset[str] = frozenset()

    @property
    def restricted(self) -> bool:
        """True when only listed channels get auto-replies (else every channel the bot is in)."""
        return bool(self.channel_ids or self.channel_patterns)

    def allows_channel(self, channel_id: str, name: str | None) -> bool:
        if not self.restricted or channel_id in self.channel_ids:
            return True
        return name is not None and any(fnmatch.fnmatchcase(name, p) for p in self.channel_patterns)


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
    for key, value in data.items():
        if key not in _SETTINGS:
            known = f"known: {', '.join(_SETTINGS)}"
            fail(key, f"unknown setting{unknown_field_hint(key, _SETTINGS)} ({known})")
            continue
        found = check_value(_SETTINGS[key], value)
        for message in found:
            fail(key, message)
        if key == "allowed_bots" and not found:
            for bot in value:
                if not _BOT_ID.fullmatch(bot.strip()):
                    fail(key, f"{bot!r} is not a bot ID (B...) or app ID (A...)")
    if problems:
        return AutoReplyRules()
    channels = [channel.strip() for channel in data.get("channels", [])]
    ids = frozenset(c for c in channels if _CHANNEL_ID.fullmatch(c))
    bots = [bot.strip() for bot in data.get("allowed_bots", [])]
    minutes = data.get("cooldown_minutes", DEFAULT_COOLDOWN_MINUTES)
    return AutoReplyRules(
        enabled=data.get("auto_reply", True),
        channel_ids=ids,
        channel_patterns=tuple(c.lstrip("#") for c in channels if c not in ids),
        cooldown_seconds=float(minutes) * 60,
        min_severity=Severity(data["min_severity"]) if "min_severity" in data else None,
        allowed_bots=frozenset(bots),
    )

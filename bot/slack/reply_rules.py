"""Auto-reply rules from the IKEERR_CONFIG file: channels, cooldown, minimum severity, bots."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import ConfigError
from bot.domain import Severity
from bot.knowledge import Problem

if TYPE_CHECKING:
    from bot.knowledge.yamlnodes import LineMap

DEFAULT_COOLDOWN_MINUTES = 30.0
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{6,}")
_BOT_ID = re.compile(r"[BA][A-Z0-9]{6,}")
_CONFIG_KEYS = ("auto_reply", "channels", "cooldown_minutes", "min_severity", "allowed_bots")
# Reports one problem with a setting: (key, message).
_Fail = Callable[[str, str], None]


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
    def fail(key: str, message: str) -> None:
        problems.append(Problem(file, data.key_lines.get(key, data.line), f"{key}: {message}"))

    for key in data:
        if key not in _CONFIG_KEYS:
            fail(key, f"unknown setting (known: {', '.join(_CONFIG_KEYS)})")
    enabled = data.get("auto_reply", True)
    if not isinstance(enabled, bool):
        fail("auto_reply", "must be true or false")
    channels = _strings(data.get("channels", []), "channels", fail)
    ids = frozenset(c for c in channels if _CHANNEL_ID.fullmatch(c))
    patterns = tuple(c.lstrip("#") for c in channels if c not in ids)
    bots = _strings(data.get("allowed_bots", []), "allowed_bots", fail)
    for bot in bots:
        if not _BOT_ID.fullmatch(bot):
            fail("allowed_bots", f"{bot!r} is not a bot ID (B...) or app ID (A...)")
    return AutoReplyRules(
        enabled=enabled is not False,
        channel_ids=ids,
        channel_patterns=patterns,
        cooldown_seconds=_cooldown(data.get("cooldown_minutes"), fail),
        min_severity=_severity(data.get("min_severity"), fail),
        allowed_bots=frozenset(bots),
    )


def _strings(value: Any, key: str, fail: _Fail) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        fail(key, "must be a list of non-empty strings")
        return []
    return [v.strip() for v in value]


def _cooldown(value: Any, fail: _Fail) -> float:
    if value is None:
        return DEFAULT_COOLDOWN_MINUTES * 60
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        fail("cooldown_minutes", "must be a number of minutes, 0 or more")
        return DEFAULT_COOLDOWN_MINUTES * 60
    return float(value) * 60


def _severity(value: Any, fail: _Fail) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity(str(value).lower())
    except ValueError:
        fail("min_severity", f"must be one of {', '.join(s.value for s in Severity)}")
        return None

"""Settings from the environment and the IKEERR_CONFIG file; the only reader of os.environ."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.models import Severity
from bot.problem import Problem
from bot.yamlnodes import LineMap, read_yaml

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
DEFAULT_COOLDOWN_MINUTES = 30.0
APPS_PAGE = "https://api.slack.com/apps"
# Where each credential lives, for the message that stops a start without it.
WHERE_TO_GET = {
    "SLACK_BOT_TOKEN": f"your app's OAuth & Permissions page ({APPS_PAGE}): "
    "'Bot User OAuth Token', shown once the app is installed to the workspace (xoxb-...)",
    "SLACK_SIGNING_SECRET": f"your app's Basic Information page ({APPS_PAGE}): App Credentials "
    "> Signing Secret. Or set SLACK_APP_TOKEN to run in Socket Mode, which needs no public URL",
    "SLACK_APP_TOKEN": f"your app's Basic Information page ({APPS_PAGE}): App-Level Tokens > "
    "Generate Token with the connections:write scope (xapp-...)",
}
_TOKEN_PREFIX = {"SLACK_BOT_TOKEN": "xoxb-", "SLACK_APP_TOKEN": "xapp-"}
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{6,}")
_BOT_ID = re.compile(r"[BA][A-Z0-9]{6,}")
_CONFIG_KEYS = ("auto_reply", "channels", "cooldown_minutes", "min_severity", "allowed_bots")
# Reports one problem with a setting: (key, message).
_Fail = Callable[[str, str], None]


class ConfigError(Exception):
    """A setting is missing or invalid; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    knowledge_path: Path | None = None
    cache_dir: Path | None = None


@dataclass(frozen=True)
class AutoReplyConfig:
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


@dataclass(frozen=True)
class SlackSettings:
    """What `ikeerr serve` needs; tokens are kept out of repr so they never reach a log."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    api_url: str = DEFAULT_API_URL
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    auto_reply: AutoReplyConfig = AutoReplyConfig()

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)  # Socket Mode whenever an app-level token is given


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings shared by every command (the Slack server adds its own on top)."""
    env = os.environ if env is None else env
    knowledge = env.get("IKEERR_KNOWLEDGE", "").strip()
    return Settings(
        knowledge_path=Path(knowledge) if knowledge else None,
        cache_dir=_cache_dir(env),
    )


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    """IKEERR_CACHE_DIR (`off` disables the cache), else the XDG cache folder."""
    explicit = env.get("IKEERR_CACHE_DIR", "").strip()
    if explicit.lower() == "off":
        return None
    if explicit:
        return Path(explicit)
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path(env.get("HOME", "~")) / ".cache")
    return Path(base).expanduser() / "ikeerr"


def load_slack_settings(env: Mapping[str, str] | None = None) -> SlackSettings:
    """Read the Slack server's settings; raise ConfigError naming the variable at fault."""
    env = os.environ if env is None else env
    app_token = _token(env, "SLACK_APP_TOKEN", required=False)
    config_path = env.get("IKEERR_CONFIG", "").strip()
    return SlackSettings(
        bot_token=_token(env, "SLACK_BOT_TOKEN", required=True),
        signing_secret=_token(env, "SLACK_SIGNING_SECRET", required=not app_token),
        app_token=app_token,
        api_url=_api_url(env.get("SLACK_API_URL", "").strip()),
        host=env.get("IKEERR_HOST", "").strip() or "0.0.0.0",
        port=_port(env.get("PORT", "").strip()),
        auto_reply=load_auto_reply_config(Path(config_path)) if config_path else AutoReplyConfig(),
    )


def _token(env: Mapping[str, str], name: str, required: bool) -> str:
    raw = env.get(name)
    value = (raw or "").strip()
    if not value:
        if not required:
            return ""
        state = "is not set" if raw is None else "is empty"
        raise ConfigError(f"{name} {state}. Get it from {WHERE_TO_GET[name]}.")
    prefix = _TOKEN_PREFIX.get(name)
    if prefix and not value.startswith(prefix):
        raise ConfigError(f"{name} should start with '{prefix}'. Get it from {WHERE_TO_GET[name]}.")
    return value


def _api_url(value: str) -> str:
    if not value:
        return DEFAULT_API_URL
    if not re.match(r"https?://[^\s/]+", value):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL, got {value!r}.")
    return value.rstrip("/") + "/"


def _port(value: str) -> int:
    if not value:
        return DEFAULT_PORT
    if not value.isdigit() or int(value) > 65535:
        raise ConfigError(f"PORT must be a number from 0 to 65535, got {value!r}.")
    return int(value)


def load_auto_reply_config(path: Path) -> AutoReplyConfig:
    """Read the IKEERR_CONFIG YAML file; raise ConfigError listing every problem as file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"IKEERR_CONFIG: cannot read {path}: {error}") from None
    data, problems = read_yaml(text, str(path))
    if data is None and not problems:
        return AutoReplyConfig()
    if not problems and not isinstance(data, LineMap):
        problems.append(Problem(str(path), 1, "the file must be a mapping of settings"))
    config = _parse_config(data, str(path), problems) if isinstance(data, LineMap) else None
    if problems or config is None:
        lines = "\n".join(str(problem) for problem in problems)
        raise ConfigError(f"IKEERR_CONFIG {path} is invalid:\n{lines}")
    return config


def _parse_config(data: LineMap, file: str, problems: list[Problem]) -> AutoReplyConfig:
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
    return AutoReplyConfig(
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

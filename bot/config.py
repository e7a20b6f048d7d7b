"""Settings from the environment: the only module that reads os.environ."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
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


class ConfigError(Exception):
    """A setting is missing or invalid; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    knowledge_path: Path | None = None
    cache_dir: Path | None = None
    overlay_path: Path | None = None  # a team's overlay folder or file (IKEERR_OVERLAY)


@dataclass(frozen=True)
class SlackSettings:
    """What `ikeerr serve` needs; tokens are kept out of repr so they never reach a log."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(default="", repr=False)
    app_token: str = field(default="", repr=False)
    api_url: str = DEFAULT_API_URL
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    config_path: Path | None = None
    redis_url: str = field(default="", repr=False)  # may carry a password
    json_logs: bool = False
    # Tunables with production defaults; tests and benchmarks shorten them.
    api_timeout_seconds: float = 10.0
    redis_timeout_seconds: float = 0.3
    redis_retry_seconds: float = 5.0

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)  # Socket Mode whenever an app-level token is given


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings shared by every command (the Slack server adds its own on top)."""
    env = os.environ if env is None else env
    knowledge = env.get("IKEERR_KNOWLEDGE", "").strip()
    overlay = env.get("IKEERR_OVERLAY", "").strip()
    return Settings(
        knowledge_path=Path(knowledge) if knowledge else None,
        cache_dir=_cache_dir(env),
        overlay_path=Path(overlay) if overlay else None,
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
        config_path=Path(config_path) if config_path else None,
        redis_url=_redis_url(env.get("REDIS_URL", "").strip()),
        json_logs=_json_logs(env.get("IKEERR_LOG_FORMAT", "").strip().lower()),
    )


def gap_store_url(env: Mapping[str, str] | None = None) -> str:
    """REDIS_URL for `ikeerr gaps`: the store the bot records gaps in (ConfigError if unset)."""
    env = os.environ if env is None else env
    url = _redis_url(env.get("REDIS_URL", "").strip())
    if not url:
        raise ConfigError(
            "REDIS_URL is not set. The gap report lives in the Redis store that `ikeerr serve` "
            "uses: set REDIS_URL to the same URL (e.g. redis://redis:6379/0). Without Redis, "
            "gaps are kept only in the serving process and its admins' App Home shows them."
        )
    return url


def _redis_url(value: str) -> str:
    if value and not re.match(r"(rediss?|unix)://", value):
        raise ConfigError(
            "REDIS_URL must look like redis://host:6379/0 (rediss:// for TLS, unix:// for a "
            "socket); leave it unset to keep state in this process."
        )
    return value


def _json_logs(value: str) -> bool:
    if value not in ("", "text", "json"):
        raise ConfigError(f"IKEERR_LOG_FORMAT must be 'text' or 'json', got {value!r}.")
    return value == "json"


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

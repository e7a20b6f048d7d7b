"""Settings from the environment: the only module that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """A setting is missing or invalid; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    knowledge_path: Path | None = None


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings shared by every command (the Slack server adds its own on top)."""
    env = os.environ if env is None else env
    knowledge = env.get("IKEERR_KNOWLEDGE", "").strip()
    return Settings(knowledge_path=Path(knowledge) if knowledge else None)

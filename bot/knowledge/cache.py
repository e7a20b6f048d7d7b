"""A cache of validated knowledge, keyed by the files' exact content and the ikeerr version.

Parsing and checking the YAML dominates a one-shot `ikeerr lookup`; a knowledge base that
already passed validation, byte for byte, is read back from JSON instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot import __version__
from bot.domain import ErrorEntry, Severity

_TUPLE_FIELDS = ("causes", "diagnose", "resolve", "related", "aliases", "references")


def cache_key(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for file in files:
        digest.update(str(file).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def read_cached(cache_dir: Path, key: str) -> list[ErrorEntry] | None:
    """The entries stored under `key`, or None when absent or unreadable."""
    try:
        raw = json.loads((cache_dir / f"knowledge-{key}.json").read_text(encoding="utf-8"))
        return [_entry_from(item) for item in raw]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_cached(cache_dir: Path, key: str, entries: Sequence[ErrorEntry]) -> None:
    """Store entries atomically; a cache that cannot be written is skipped, never an error."""
    data = [_entry_to(entry) for entry in entries]
    target = cache_dir / f"knowledge-{key}.json"
    partial = cache_dir / f"knowledge-{key}.{os.getpid()}.tmp"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, target)
        for stale in cache_dir.glob("knowledge-*.json"):
            if stale != target:
                stale.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _entry_to(entry: ErrorEntry) -> dict[str, Any]:
    data = dataclasses.asdict(entry)
    data["severity"] = entry.severity.value if entry.severity else None
    return data


def _entry_from(data: dict[str, Any]) -> ErrorEntry:
    values = dict(data)
    values["severity"] = Severity(values["severity"]) if values["severity"] else None
    for field in _TUPLE_FIELDS:
        values[field] = tuple(values[field])
    return ErrorEntry(**values)

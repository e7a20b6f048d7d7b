"""A cache of validated knowledge, keyed by the files' content and the code that validates them.

Parsing and checking the YAML dominates a one-shot `ikeerr lookup`; a knowledge base that
already passed validation, in the same files and by the same checks, is read back from JSON.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from bot import __version__
from bot.domain import CodeRange, ErrorEntry, Family, LocalizedMessage, Numbering
from bot.knowledge.fields import from_plain, to_plain

# The modules whose code decides what a valid entry is and how it is built: a change to any
# of them (a stricter check, a new field) must never be answered from an older cache.
_VALIDATING_MODULES = (
    "domain.py",
    *(
        f"knowledge/{name}.py"
        for name in "fields schema family files yamlnodes consistency localized checks".split()
    ),
    "knowledge/loader.py",
    "knowledge/cache.py",
)


# A file modified this recently may be modified again unseen by its size and timestamp.
_RACY_SECONDS = 2.0
# Saves kept of each kind, the newest: one per install or knowledge folder that shares the
# cache folder, for the few that do.
KEPT_SAVES = 4


def cache_key(files: Sequence[Path]) -> str:
    """A key for these files as they are now, and for the code that validates them.

    A file is known by its path, size, modification time and inode, as Python knows a
    source file by its .pyc; reading and hashing the files would cost every cold start more
    than the cache saves. A file changed in the last moments is hashed instead: a second
    edit within its timestamp's resolution could otherwise go unseen (git's "racy" files).
    """
    digest = hashlib.sha256(code_fingerprint().encode())
    now = time.time()
    for file in files:
        stat = file.stat()
        digest.update(str(file.resolve()).encode() + b"\0")
        if now - stat.st_mtime < _RACY_SECONDS:
            digest.update(b"bytes:" + file.read_bytes())
        else:
            digest.update(f"stat:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}".encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


@cache
def code_fingerprint() -> str:
    """The version, and the size and modification time of each validating module.

    Any install or edit of those modules rewrites them, so this changes with the code; it
    costs a stat per module where reading and hashing them would cost every cold start more.
    """
    package = Path(__file__).resolve().parent.parent
    parts = [__version__]
    for module in _VALIDATING_MODULES:
        try:
            stat = (package / module).stat()
        except OSError:  # a zipped install has no sources: the version rules
            continue
        parts.append(f"{module}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def read_cached(cache_dir: Path, key: str) -> tuple[list[ErrorEntry], dict[str, Family]] | None:
    """The entries and families stored under `key`; None when absent or unusable.

    A cache file that exists but cannot be used is reported, and the caller rebuilds it.
    """
    target = cache_dir / f"knowledge-{key}.json"
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
        families = {f["id"]: _family_from(f) for f in raw["families"]}
        entries = [
            from_plain(e, e["family"], e["source"], families.get(e["family"]))
            for e in raw["entries"]
        ]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as error:
        _warn(f"ignoring the unusable knowledge cache {target} ({error!r}); rebuilding it")
        return None
    return entries, families


def read_cached_localized(cache_dir: Path, key: str) -> list[LocalizedMessage] | None:
    """The localized messages stored under `key` (kept apart: most lookups never read them)."""
    target = cache_dir / f"localized-{key}.json"
    try:
        return [LocalizedMessage(*message) for message in json.loads(target.read_bytes())]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as error:
        _warn(f"ignoring the unusable localized cache {target} ({error!r}); reading the files")
        return None


def write_cached(
    cache_dir: Path,
    key: str,
    entries: Sequence[ErrorEntry],
    families: Mapping[str, Family],
    localized: Sequence[LocalizedMessage] = (),
) -> None:
    """Store entries atomically; a cache that cannot be written is skipped, never an error."""
    data = {
        "families": [_family_to(family) for family in families.values()],
        "entries": [
            {**to_plain(entry), "family": entry.family, "source": entry.source} for entry in entries
        ],
    }
    # The localized file first: a knowledge file without its localized file beside it would
    # send every localized lookup back to the YAML.
    _write_json(cache_dir, "localized", key, [list(message) for message in localized])
    _write_json(cache_dir, "knowledge", key, data)


def _write_json(cache_dir: Path, kind: str, key: str, data: object) -> None:
    target = cache_dir / f"{kind}-{key}.json"
    partial = cache_dir / f"{kind}-{key}.{os.getpid()}.tmp"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)
        drop_older_saves(target, f"{kind}-*.json")
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def drop_older_saves(target: Path, pattern: str) -> None:
    """Keep the newest few saves of a kind beside `target`, the one just written: two
    installs or knowledge folders that share a cache folder (a bot and a CLI of another
    version) keep theirs, instead of each rebuilding on every start what the other deleted."""
    others = []
    for other in target.parent.glob(pattern):
        with contextlib.suppress(OSError):  # another process may drop it first
            if other != target:
                others.append((other.stat().st_mtime_ns, other))
    for _, stale in sorted(others, reverse=True)[KEPT_SAVES - 1 :]:
        stale.unlink(missing_ok=True)


def _family_to(family: Family) -> dict[str, Any]:
    return family._asdict()  # ranges are tuples: JSON lists


def _family_from(data: Mapping[str, Any]) -> Family:
    def spans(value: Any) -> tuple[CodeRange, ...]:
        return tuple(CodeRange(*span) for span in value)

    return Family(
        id=data["id"],
        title=data["title"],
        numbering=Numbering(data["numbering"]),
        block=CodeRange(*data["block"]),
        ranges=spans(data["ranges"]),
        name_pattern=data["name_pattern"],
        name_prefixes=tuple(data["name_prefixes"]),
        short_prefixes=tuple(data["short_prefixes"]),
        names_in_text=data["names_in_text"],
        error_words_only=spans(data["error_words_only"]),
        labelled_only=spans(data["labelled_only"]),
        reading=data["reading"],
    )


def _warn(message: str) -> None:
    import logging  # only on this rare path: importing logging costs every cold start

    logging.getLogger(__name__).warning(message)

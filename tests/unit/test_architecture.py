"""The package map holds: each part of `bot/` imports only what its row allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
CORE = ("bot.domain", "bot.numeric", "bot.normalize")
THIRD_PARTY_CORE = ("yaml", "rapidfuzz")
# What each package may import besides the standard library (prefixes of module names).
ALLOWED: dict[str, tuple[str, ...]] = {
    "bot": (),
    "bot.__main__": ("bot.cli",),
    "bot.domain": (),
    "bot.numeric": ("bot.domain",),
    "bot.normalize": (),
    "bot.config": (),
    "bot.knowledge": (*CORE, "bot.knowledge", "bot.__init__", "yaml"),
    "bot.lookup": (*CORE, "bot.knowledge", "bot.lookup", "rapidfuzz"),
    "bot.detect": (*CORE, "bot.knowledge", "bot.detect", "rapidfuzz"),
    "bot.render": (*CORE, "bot.knowledge.fields", "bot.render"),
    "bot.runtime": (
        *CORE,
        "bot.knowledge",
        "bot.lookup",
        "bot.detect",
        "bot.runtime",
        "redis",
        "prometheus_client",
    ),  # fmt: skip
    "bot.cli": (
        *CORE,
        "bot.config",
        "bot.knowledge",
        "bot.lookup",
        "bot.detect",
        "bot.render",
        "bot.slack.transport.server",
        "bot",
    ),  # fmt: skip
    "bot.slack": ("bot", "slack_bolt", "slack_sdk", "waitress", *THIRD_PARTY_CORE),
}
SERVER_ONLY = ("slack_bolt", "slack_sdk", "waitress", "redis", "prometheus_client")


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(BOT.rglob("*.py")):
        parts = path.relative_to(BOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _rule(module: str) -> tuple[str, ...]:
    owner = max((key for key in ALLOWED if module == key or module.startswith(key + ".")), key=len)
    return ALLOWED[owner]


def _third_party_or_bot(name: str) -> bool:
    top = name.split(".")[0]
    return top == "bot" or top in (*THIRD_PARTY_CORE, *SERVER_ONLY)


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_each_module_imports_only_what_its_package_may(module: str, path: Path) -> None:
    allowed = _rule(module)
    for name in filter(_third_party_or_bot, _imports(path)):
        ok = any(name == prefix or name.startswith(prefix + ".") for prefix in allowed)
        assert ok or name == "bot", f"{module} imports {name}"  # `from bot import __version__`


def test_only_the_server_packages_import_server_libraries() -> None:
    for module, path in _modules():
        if module.startswith(("bot.slack", "bot.runtime")):
            continue
        leaked = [n for n in _imports(path) if n.split(".")[0] in SERVER_ONLY]
        assert not leaked, f"{module} imports {leaked}"

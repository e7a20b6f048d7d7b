"""Deterministic workloads for the benchmarks: chat lines and fuzzy queries with known answers."""

from __future__ import annotations

import random
from pathlib import Path

from bot.knowledge import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"

_CHAT = [
    "morning all, standup in 5",
    "can someone review my PR #{n}?",
    "deploy of build {n}.{m} is done",
    "the VPN looks fine from here",
    "lunch at 12:30?",
    "INC-{n} is resolved, closing",
    "we have {n} users online right now",
    "pod api-{m} restarted 3 times",
    "ticket {n} assigned to network team",
    "anyone seen the new dashboards? latency p99 is {m} ms",
    "rotating the certs on the edge proxies tonight",
    "fe80::{m}:1 is the link local address",
    "merged, thanks! commit {h}",
    "the tunnel to the branch office flaps every hour",
    "disk on db-{m} at 91%",
    "please update the runbook for the firewall change",
    "room {n} is booked for the retro",
    "I like this approach, ship it",
]
_WITH_CODE = [
    "VPN down for the sales floor, error {code}",
    "Always On VPN device tunnel fails with {code}",
    "users report {hex} when connecting",
    "RasClient event 20227: the error code returned on failure is {code}.",
    "got {name} from the gateway",
    "IKE negotiation failed: {code}",
    "{code}",
]


def chat_lines(kb: KnowledgeBase, count: int, share_with_codes: float = 0.02) -> list[str]:
    """Chat-like lines, about `share_with_codes` of them mentioning an IPsec error."""
    rng = random.Random(13899)
    entries = [entry for entry in kb if not entry.range_marker]
    lines = []
    for _ in range(count):
        if rng.random() < share_with_codes:
            entry = rng.choice(entries)
            template = rng.choice(_WITH_CODE)
            lines.append(template.format(code=entry.code, hex=entry.hresult, name=entry.name))
        else:
            template = rng.choice(_CHAT)
            lines.append(
                template.format(
                    n=rng.randint(1000, 99999),
                    m=rng.randint(1, 999),
                    h=f"{rng.getrandbits(28):07x}",
                )
            )
    return lines


def _typo(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        position = rng.randrange(len(chars))
        action = rng.choice(("drop", "swap", "double", "replace"))
        if action == "drop" and len(chars) > 4:
            del chars[position]
        elif action == "swap" and position + 1 < len(chars):
            chars[position], chars[position + 1] = chars[position + 1], chars[position]
        elif action == "double":
            chars.insert(position, chars[position])
        else:
            chars[position] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def fuzzy_queries(kb: KnowledgeBase, count: int) -> list[tuple[str, frozenset[int], str]]:
    """(query, acceptable codes, category): the hand-written phrases and the evaluation set
    (symptoms, shorthand, peer terms, localized messages), topped up with typo'd messages and
    names."""
    rng = random.Random(13801)
    by_message: dict[str, set[int]] = {}
    for entry in kb:
        by_message.setdefault(entry.message.lower(), set()).add(entry.code)
    entries = [entry for entry in kb if not entry.range_marker]
    queries = _hand_written() + _evaluation_set()
    while len(queries) < count:
        entry = rng.choice(entries)
        if rng.random() < 0.6:
            query = _typo(entry.message.rstrip("."), rng)
            queries.append((query, frozenset(by_message[entry.message.lower()]), "typo message"))
        else:
            words = entry.name.split("_", 2)[-1].replace("_", " ").lower()
            queries.append((_typo(words, rng), frozenset({entry.code}), "typo name words"))
    return queries[:count]


def _hand_written() -> list[tuple[str, frozenset[int], str]]:
    rows = []
    for line in (DATA / "phrase_queries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes, _, query = line.partition("\t")
            rows.append((query, frozenset(int(code) for code in codes.split(",")), "hand-written"))
    return rows


def _evaluation_set() -> list[tuple[str, frozenset[int], str]]:
    """The labelled queries that have an answer (the `none` ones have no code to check)."""
    rows = []
    for line in (DATA / "lookup_eval.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, codes, query = line.split("\t")
            if codes != "none":
                accepted = frozenset(int(code) for code in codes.split(","))
                rows.append((query, accepted, f"eval {kind}"))
    return rows

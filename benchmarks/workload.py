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
    # typographic punctuation, emoji and other languages, as Slack clients send them
    "that’s odd — the tunnel’s up again 👍",
    "“works on my machine” – said every laptop ever",
    "VPN 又断了，大家能连上吗？",
    "Der Tunnel zur Filiale ist wieder da, danke!",
    "¿alguien más tiene problemas con la VPN esta mañana?",
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


# Long lines rich in VPN vocabulary with no code: what an incident channel mostly holds.
_VPN_TALK = [
    "the vpn tunnel to the branch came back after we restarted the ike service on the rras "
    "server, clients with the new certificate policy still take a minute to connect",
    "checked the ipsec policy on both gateways: main mode and quick mode proposals match, the "
    "certificate chain is valid and the server authentication eku is there",
    "Always On VPN device tunnel is up for most laptops, user tunnel waits for the intune "
    "profile; the machine certificate template was renewed yesterday",
    "strongswan on the azure side logs the client connecting, then nothing, the windows "
    "client says the connection was terminated by the remote computer",
    "firewall team opened udp 500 and 4500 on the edge, nat traversal works now, please "
    "retest your vpn client and tell me if the tunnel drops again",
]
# Pasted log blocks: event text and IKE daemon lines, with numbers that are no codes.
_LOG_LINES = [
    "Dec  1 10:{m:02d}:17 vpn-gw charon[{n}]: 12[IKE] IKE_SA rw[{m}] established between "
    "10.0.0.1[vpn.example.com]...203.0.113.{m}[CN=laptop{m}]",
    "Dec  1 10:{m:02d}:18 vpn-gw charon[{n}]: 05[NET] received packet: from 203.0.113.{m}[4500] "
    "to 10.0.0.1[4500] ({n} bytes)",
    "Log Name: Application Source: RasClient Date: 12/1/2026 10:{m:02d}:00 Event ID: 20225 "
    "Description: The user dialed a connection named Contoso VPN which has successfully connected.",
    "2026-12-01T10:{m:02d}:44Z INFO ipsec: SA installed spi=0x{h} reqid={m} bytes={n}",
]
# Lines with numbers near error-ish words that are no IPsec codes.
_UNRELATED_NUMBERS = [
    "invoice {n} failed to sync, status 500 from the billing api",
    "code postal 13{m:03d}, livraison prévue demain",
    "build {n} failed on step {m}, error in the linter",
    "ticket INC{n}: printer error on floor {m}",
]


def chat_lines(kb: KnowledgeBase, count: int, share_with_codes: float = 0.02) -> list[str]:
    """Chat-like lines, about `share_with_codes` of them mentioning an IPsec error, the rest a
    mix of everyday chat, VPN talk without codes, pasted logs and unrelated numbers."""
    rng = random.Random(13899)
    entries = [entry for entry in kb if not entry.range_marker]
    lines = []
    for _ in range(count):
        draw = rng.random()
        if draw < share_with_codes:
            entry = rng.choice(entries)
            template = rng.choice(_WITH_CODE)
            lines.append(template.format(code=entry.code, hex=entry.hresult, name=entry.name))
            continue
        if draw < 0.25:
            template = rng.choice(_VPN_TALK)
        elif draw < 0.45:
            template = rng.choice(_LOG_LINES)
        elif draw < 0.55:
            template = rng.choice(_UNRELATED_NUMBERS)
        else:
            template = rng.choice(_CHAT)
        lines.append(
            template.format(
                n=rng.randint(1000, 99999), m=rng.randint(1, 999), h=f"{rng.getrandbits(28):07x}"
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

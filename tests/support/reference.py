"""The reference fact tables the shipped knowledge must match (copies of the team's tables)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = ("ipsec-error-codes.tsv", "ras-error-codes.tsv", "vpn-hresults.tsv")


@cache
def reference_rows() -> dict[int, dict[str, str]]:
    """Every row of every reference table, by code."""
    rows: dict[int, dict[str, str]] = {}
    for table in TABLES:
        with (DATA / table).open(encoding="utf-8", newline="") as stream:
            rows.update({int(r["code"]): r for r in csv.DictReader(stream, delimiter="\t")})
    return rows


def reference_count() -> int:
    """How many codes the shipped knowledge must hold."""
    return len(reference_rows())

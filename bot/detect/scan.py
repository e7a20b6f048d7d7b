"""Scanning text streams line by line for IPsec codes (the `ikeerr scan` engine)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from bot.detect.detector import Detector
from bot.knowledge.loader import KnowledgeBase

_BATCH = 4096


def scan_lines(kb: KnowledgeBase, lines: Iterable[str], out: TextIO, as_json: bool) -> int:
    """Write what each line mentions; return 0 when any line held a code, else 1."""
    detector = Detector(kb)
    pending: list[str] = []
    found_any = False
    for number, line in enumerate(lines, start=1):
        codes = detector.find_codes(line)
        if codes:
            found_any = True
            if as_json:
                pending.append(json.dumps({"line": number, "codes": codes}) + "\n")
            else:
                names = ", ".join(f"{code} {kb.by_code[code].name}" for code in codes)
                pending.append(f"line {number}: {names}\n")
        elif as_json:
            pending.append(f'{{"line": {number}, "codes": []}}\n')
        if len(pending) >= _BATCH:
            out.writelines(pending)
            pending.clear()
    out.writelines(pending)
    return 0 if found_any else 1

"""The token patterns of one knowledge base, built from its families' blocks and name forms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from ahocorasick_rs import BytesAhoCorasick

from bot.detect.vocabulary import LABEL_REACH
from bot.domain import HRESULT_WIN32_PREFIX, WIN32_MAX, CodeRange, Numbering
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.index import names_of
from bot.numeric import signed_hresult_of

_DECIMAL = "0123456789"
_UINT32 = 1 << 32
# Lower-case stems of the words that write a number as an error, in the languages of the
# localized messages: a cheap superset of the labels detection accepts.
_ERROR_WORD_STEMS = (
    "err|code|fail|fehler|erreur|erro|fout|fel|b[lł][aą]d|ошиб|код|exception|hresult|status|"
    "错误|錯誤|报错|報錯|エラー|오류|代码|代碼"
)
_HEX = "0123456789abcdef"
# Edges are ASCII: in "エラー13801が" the code stands alone, though \b sees one long word.
_A, _Z = r"(?<![A-Za-z0-9_])", r"(?![A-Za-z0-9_µ°])"


class TokenKind(NamedTuple):
    """One way a code is written (decimal, 0x hex, a name...): the cheap search that must
    find something in the lower-cased text before `token` runs on the text."""

    cheap: re.Pattern[str]
    token: re.Pattern[str]
    labelled: bool = False  # numbers that count only after an error word (RAS 600-999)


class CodePatterns:
    """What detection searches for, derived from the families the knowledge declares."""

    def __init__(self, kb: KnowledgeBase) -> None:
        families = list(kb.families.values())
        win32 = [f.block for f in families if f.numbering is Numbering.WIN32]
        # Numbers that mean many things (RAS 600-999) are looked for only in text that has
        # an error word, or a code of another family to stand beside; never as bare hex.
        labelled = [s for f in families if f.numbering is Numbering.WIN32 for s in f.labelled_only]
        # Win32 codes an HRESULT entry wraps (RasClient reports 0x800705B4 as "... is 1460"):
        # as numbers they mean many things, so they too count only as labelled VPN errors.
        labelled += [CodeRange(code, code) for code in wrapped_win32_codes(kb)]
        plain = [
            f.block for f in families if f.numbering is Numbering.WIN32 and not f.labelled_only
        ]
        decimal = _union(range_pattern(span, _DECIMAL) for span in plain)
        labelled_decimal = _union(range_pattern(span, _DECIMAL) for span in labelled)
        bare_hex = _union(range_pattern(span, _HEX) for span in plain)
        labelled_loose = "|".join(loose_range_pattern(span, _DECIMAL) for span in labelled)
        signed_spans = [
            CodeRange(-signed_hresult_of(span.last), -signed_hresult_of(span.first))
            for span in win32
        ]
        signed = _union(range_pattern(span) for span in signed_spans)
        # HRESULT families: their codes as unsigned decimals, negative (signed) decimals and
        # 8 hex digits without 0x ("800B0101"); 0x forms are the prefixed kind.
        hresult_spans = [s for f in families if f.numbering is Numbering.HRESULT for s in f.ranges]
        unsigned = _union(range_pattern(span) for span in hresult_spans)
        negative = _union(range_pattern(_negated(span)) for span in hresult_spans)
        plain_hex = _union(range_pattern(span, _HEX) for span in hresult_spans)
        names = _union(f.names_in_text for f in families if f.names_in_text)
        # Each kind of token with the cheap search on the lower-cased text that must succeed
        # before the token's own pattern is run: one alternation of them all would try every
        # kind at every position of every line.
        kinds = [
            (
                "name",
                rf"{_A}{names}{_Z}" if names else "",
                "|".join(re.escape(stem) for stem in sorted(_name_stems(kb))),
            ),
            (
                "signed",
                rf"(?<![A-Za-z0-9_-])-{signed}{_Z}" if signed else "",
                "|".join(f"-{loose_range_pattern(span)}" for span in signed_spans),
            ),
            # 0x and a Win32 code (up to 4 digits) or an HRESULT (8, the first from 8: the
            # failure bit); "spi=0xabc1234" is neither
            (
                "prefixed",
                rf"{_A}0x[0-9A-Fa-f]{{1,8}}{_Z}",
                r"0x0*(?:[0-9a-f]{1,4}|[89a-f][0-9a-f]{7})(?![0-9a-z])",
            ),
            (
                "hresult_value",
                rf"(?<![A-Za-z0-9_-])(?:-{negative}|{unsigned}|{plain_hex}){_Z}"
                if hresult_spans
                else "",
                "|".join(
                    [
                        *(loose_range_pattern(span) for span in hresult_spans),
                        *(f"-{loose_range_pattern(_negated(s))}" for s in hresult_spans),
                        *(loose_range_pattern(span, _HEX) for span in hresult_spans),
                    ]
                ),
            ),
            ("hresult", rf"(?<![A-Za-z0-9_-])8007[0-9A-Fa-f]{{4}}{_Z}" if win32 else "", "8007"),
            (
                "decimal",
                rf"{_A}{decimal}{_Z}" if decimal else "",
                "|".join(loose_range_pattern(span, _DECIMAL) for span in plain),
            ),
            (
                "decimal",
                rf"{_A}{labelled_decimal}{_Z}" if labelled_decimal else "",
                "|".join(
                    [
                        # an error word with such a number close after it
                        rf"(?:{_ERROR_WORD_STEMS})(?=[\s\S]{{0,{LABEL_REACH}}}?(?<![0-9])"
                        rf"(?:{labelled_loose})"
                        r"(?![0-9]))",
                        *(loose_range_pattern(s, _DECIMAL) for s in plain),
                    ]
                )
                if labelled
                else "",
            ),
            (
                "bare_hex",
                rf"{_A}{bare_hex}{_Z}" if bare_hex else "",
                "|".join(loose_range_pattern(span, _HEX) for span in plain),
            ),
        ]
        labelled_token = rf"{_A}{labelled_decimal}{_Z}" if labelled_decimal else None
        self.kinds = tuple(
            TokenKind(
                re.compile(cheap),
                re.compile(rf"(?P<{kind}>{token})", re.IGNORECASE),
                labelled=token == labelled_token,
            )
            for kind, token, cheap in kinds
            if token and cheap
        )
        # All the cheap searches in one: most lines hold no token of any kind.
        self.maybe_token = re.compile("|".join(kind.cheap.pattern for kind in self.kinds))
        # For a block of lines (scan), the same without the error-word search, which an
        # automaton does faster: labelled numbers are then looked for after each error word.
        self.maybe_unlabelled_token = re.compile(
            "|".join(kind.cheap.pattern for kind in self.kinds if not kind.labelled)
        )
        self.error_words = BytesAhoCorasick(
            [
                stem.encode("ascii")
                for stem in _ERROR_WORD_STEMS.split("|")
                if stem.isascii() and stem.isalpha()
            ]
        )
        self.labelled_number = re.compile(rf"(?<![0-9])(?:{labelled_loose or '(?!)'})(?![0-9])")
        # Another code right across a slash: "13801/13806".
        self.code_after = re.compile(rf"(?:{decimal or '(?!)'})(?![0-9])")
        self.code_before = re.compile(rf"(?<![0-9])(?:{decimal or '(?!)'})$")
        self._strict = [span for f in families for span in f.error_words_only]
        self._labelled = labelled

    def needs_label(self, code: int) -> bool:
        """Codes whose numbers mean many things count only where written as VPN errors."""
        return any(code in span for span in self._labelled)

    def needs_error_words(self, code: int) -> bool:
        """Codes that collide with everyday numbers count only next to an error word."""
        return any(code in span for span in self._strict)


def _negated(span: CodeRange) -> CodeRange:
    """The digits of a span of HRESULTs written as negative (signed 32-bit) numbers."""
    return CodeRange(_UINT32 - span.last, _UINT32 - span.first)


def wrapped_win32_codes(kb: KnowledgeBase) -> list[int]:
    """The Win32 codes inside the HRESULT_FROM_WIN32 values that HRESULT entries are."""
    return sorted(
        {
            entry.code & WIN32_MAX
            for entry in kb
            if entry.code > WIN32_MAX and entry.code & ~WIN32_MAX == HRESULT_WIN32_PREFIX
        }
    )


def patterns_of(kb: KnowledgeBase) -> CodePatterns:
    return kb.index(CodePatterns)


def range_pattern(span: CodeRange, digits: str = _DECIMAL) -> str:
    """A regular expression matching exactly the numbers of `span`, written in `digits`."""
    low, high = _spell(span.first, digits), _spell(span.last, digits)
    parts = []
    while len(low) < len(high):
        widest = digits[-1] * len(low)
        parts.append(_same_width(low, widest, digits))
        low = digits[1] + digits[0] * len(low)
    parts.append(_same_width(low, high, digits))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def loose_range_pattern(span: CodeRange, digits: str = _DECIMAL) -> str:
    """A cheap superset of `range_pattern`: the shared leading digits, the range of the first
    digit that differs, any digits after it (13000-13999: 13, then any three digits)."""
    low, high = _spell(span.first, digits), _spell(span.last, digits)
    if len(low) != len(high):
        return f"{_digit_class(digits)}{{{len(low)},{len(high)}}}"
    shared = 0
    while shared < len(low) and low[shared] == high[shared]:
        shared += 1
    if shared == len(low):
        return low
    first, last = digits.index(low[shared]), digits.index(high[shared])
    if first == 0 and last == len(digits) - 1:
        return low[:shared] + _any(digits, len(low) - shared)
    varying = _digit_class(digits[first : last + 1])
    return low[:shared] + varying + _any(digits, len(low) - shared - 1)


def _name_stems(kb: KnowledgeBase) -> set[str]:
    """Lower-case literals, one of which every name form that detection accepts contains.

    The shortest forms go first; a longer one that already contains a stem adds none.
    """
    patterns = [re.compile(f.names_in_text) for f in kb.families.values() if f.names_in_text]
    keys = sorted(names_of(kb).names, key=len)
    stems: set[str] = set()
    for key in keys:
        lowered = key.lower()
        if not any(s in lowered for s in stems) and any(p.fullmatch(key) for p in patterns):
            stems.add(lowered.split("_")[0] + "_")
    return stems


def _spell(number: int, digits: str) -> str:
    base = len(digits)
    spelled = ""
    while True:
        number, remainder = divmod(number, base)
        spelled = digits[remainder] + spelled
        if not number:
            return spelled


def _same_width(low: str, high: str, digits: str) -> str:
    """Numbers from `low` to `high`, both of the same width (inner positions may be zero)."""
    if not low:
        return ""
    if low[0] == high[0]:
        return low[0] + _same_width(low[1:], high[1:], digits)
    first, last = digits.index(low[0]), digits.index(high[0])
    rest = len(low) - 1
    smallest, largest = digits[0] * rest, digits[-1] * rest
    parts = []
    if low[1:] != smallest:
        parts.append(low[0] + _same_width(low[1:], largest, digits))
        first += 1
    tail = high[0] + _same_width(smallest, high[1:], digits) if high[1:] != largest else ""
    if tail:
        last -= 1
    if first == 0 and last == len(digits) - 1:
        parts.append(_any(digits, rest + 1))  # every digit here: 13\d{3}, not 13\d\d{2}
    elif first <= last:
        parts.append(_digit_class(digits[first : last + 1]) + _any(digits, rest))
    if tail:
        parts.append(tail)
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _any(digits: str, count: int) -> str:
    if not count:
        return ""
    return _digit_class(digits) + (f"{{{count}}}" if count > 1 else "")


def _digit_class(chosen: str) -> str:
    """A character class for these digits, with runs written as ranges: [2-6], [0-9a-f]."""
    if len(chosen) == 1:
        return chosen
    if chosen == _DECIMAL:
        return r"\d"
    runs: list[str] = []
    start = previous = chosen[0]
    for char in [*chosen[1:], ""]:
        if char and ord(char) == ord(previous) + 1:
            previous = char
            continue
        runs.append(start if start == previous else f"{start}-{previous}")
        start = previous = char
    return f"[{''.join(runs)}]"


def _union(patterns: Iterable[str]) -> str:
    unique = list(dict.fromkeys(p for p in patterns if p))
    if len(unique) <= 1:
        return unique[0] if unique else ""
    return "(?:" + "|".join(unique) + ")"

"""What to say about a number no entry explains, from the families the knowledge declares."""

from __future__ import annotations

from bot.domain import WIN32_MAX, Family, Numbering
from bot.knowledge.base import KnowledgeBase
from bot.numeric import HRESULT_SEVERITY_BIT, NumericCode


def not_covered_note(kb: KnowledgeBase, text: str, numeric: NumericCode) -> str:
    """Why `text` has no answer: a code of a family that ikeerr does not explain, a gap in a
    family's block, an HRESULT of no family, or a number outside every family."""
    families = list(kb.families.values())
    kinds = _titles(families)
    if not numeric.win32:
        value = numeric.value if numeric.value is not None else numeric.code
        owner = next(
            (f for f in families if f.numbering is Numbering.HRESULT and value in f.block), None
        )
        if owner is not None:
            return (
                f"{text} is HRESULT 0x{value:08X}, which ikeerr does not explain: its "
                f"{owner.title} entries are the certificate, revocation, TLS and connection "
                f"codes that VPN troubleshooting cites."
            )
    if not numeric.win32 and HRESULT_SEVERITY_BIT <= numeric.code <= 0xFFFFFFFF:
        return (
            f"{text} is an HRESULT that carries no Win32 error code, so it is not "
            f"{_article(kinds)} error code."
        )
    if not numeric.win32:
        return (
            f"{text} is not a Windows error code ikeerr knows: Win32 error codes stop at "
            f"{WIN32_MAX} (0x{WIN32_MAX:X}), and larger values are HRESULTs such as 0x8007xxxx, "
            f"which ikeerr decodes when they wrap a Win32 code."
        )
    owner = kb.family_owning(numeric.code)
    if owner is not None and owner.defines(numeric.code):
        return (
            f"{text} is {owner.title} error {numeric.code}, which Windows defines but ikeerr "
            f"does not explain yet."
        )
    if owner is not None:
        return (
            f"{text} is in the {owner.title} block ({owner.block}), but Windows defines no "
            f"{owner.title} error {numeric.code}. {owner.title} codes are "
            f"{owner.describe_ranges()}."
        )
    win32 = [f for f in families if f.numbering is Numbering.WIN32]
    covered = "; ".join(f"{f.title}: {f.describe_ranges()}" for f in win32)
    if len(win32) == 1:
        covered = f"those are {win32[0].describe_ranges()}"
    return f"{text} is Windows error {numeric.code}, which is not {_article(kinds)} error code" + (
        f" ({covered})." if covered else "."
    )


def _titles(families: list[Family]) -> str:
    titles = [family.title for family in families] or ["a known"]
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} or {titles[-1]}"


def _article(words: str) -> str:
    if words.startswith("a "):
        return words
    return f"an {words}" if words[:1].upper() in "AEIOU" else f"a {words}"

"""What to say about a number no entry explains, from the families the knowledge declares."""

from __future__ import annotations

from bot.domain import Family
from bot.knowledge.base import KnowledgeBase
from bot.numeric import HRESULT_SEVERITY_BIT, WIN32_MAX, NumericCode


def not_covered_note(kb: KnowledgeBase, text: str, numeric: NumericCode) -> str:
    """Why `text` has no answer: not a Win32 code, a gap in a family's block, or no family."""
    families = list(kb.families.values())
    kinds = _titles(families)
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
    if owner is not None:
        return (
            f"{text} is in the {owner.title} block ({owner.block}), but Windows defines no error "
            f"{numeric.code}. {owner.title} codes are {owner.describe_ranges()}."
        )
    covered = "; ".join(f"{f.title}: {f.describe_ranges()}" for f in families)
    if len(families) == 1:
        covered = f"those are {families[0].describe_ranges()}"
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

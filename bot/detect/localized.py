"""Localized official messages in text: what a Windows in another display language shows.

A pasted message is found whole (or its first sentence) after spacing and punctuation are
folded away, the same folding lookup uses, so "错误 13801：IKE 身份验证凭证不可接受。" and
"IKE身份验证凭证不可接受" are one text. Only texts that name exactly one code count, and
only text with non-ASCII letters is searched: the localized messages that are plain ASCII
(a few German ones) are left to their code or their English original.
"""

from __future__ import annotations

import re
import unicodedata

from ahocorasick_rs import AhoCorasick

from bot.detect import vocabulary as rules
from bot.knowledge import KnowledgeBase
from bot.normalize import ascii_letters, first_sentence, has_cjk, squeeze

# Shorter texts are too generic to identify a code alone (after folding). CJK says more
# per character.
MIN_CJK_CHARS = 4
MIN_OTHER_CHARS = 20
SPECIFIC_CJK_CHARS = 10
SPECIFIC_OTHER_CHARS = 40
_SENTENCE_ENDS = ".!?。！？"
# A long CJK message is often pasted a clause at a time, the part a dialog shows: its clauses
# after the first, without the word that joins them ("因为" because), are keys too.
_CJK_CLAUSE_BREAK = re.compile(r"[，,；;：:]\s*")
_CJK_JOINING_WORDS = re.compile(r"^(?:因为|因為|由于|由於|或者|或|但是|但|并且|而且|所以|因此|因)")
MIN_CLAUSE_CHARS = 16
_LATIN = "abcdefghijklmnopqrstuvwxyz0123456789"


def _opens_the_text(normalized: str, first: int, last: int) -> bool:
    """The message is the text's first sentence: pasted as such, maybe with a remark after."""
    rest = normalized[last + 1 :].lstrip()
    return not normalized[:first].strip() and (not rest or rest[0] in _SENTENCE_ENDS)


def _keys_of(key: str) -> list[str]:
    """The folded text, and for CJK after a Latin word ("IKE 无法找到…") the CJK part too:
    people write the word their own way ("ikev2无法找到…")."""
    cjk = has_cjk(key)
    keys = [key] if len(key) >= (MIN_CJK_CHARS if cjk else MIN_OTHER_CHARS) else []
    if cjk and key[0].isascii():
        rest = key.lstrip(_LATIN)
        if len(rest) >= SPECIFIC_CJK_CHARS and has_cjk(rest[0]):
            keys.append(rest)
    return keys


def _later_clauses(message: str) -> list[str]:
    """The folded clauses after the first of a CJK message, long enough to name it alone."""
    if not has_cjk(message):
        return []
    clauses = [squeeze(_CJK_JOINING_WORDS.sub("", c)) for c in _CJK_CLAUSE_BREAK.split(message)[1:]]
    return [c for c in clauses if len(c) >= MIN_CLAUSE_CHARS and has_cjk(c)]


# The files whose code decides what the finder holds: a saved one must match them.
FINDER_MODULES = ("detect/localized.py", "normalize.py")


def localized_finder(kb: KnowledgeBase) -> LocalizedFinder:
    """The localized finder of a knowledge base, read back from the cache when one was saved."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "detect-localized", FINDER_MODULES, LocalizedFinder)


class LocalizedFinder:
    """The localized messages of a knowledge base, folded, longest first."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> LocalizedFinder:
        owners: dict[str, set[int]] = {}
        for message in kb.localized:
            if kb.get(message.code) is None or ascii_letters(message.text):
                continue  # unknown, or the message finder's (ASCII letters)
            first = first_sentence(message.text)
            for text in (message.text, first):
                for key in _keys_of(squeeze(text)):
                    owners.setdefault(key, set()).add(message.code)
            for clause in _later_clauses(message.text):
                owners.setdefault(clause, set()).add(message.code)
        unique = [(key, codes.pop()) for key, codes in owners.items() if len(codes) == 1]
        return cls(kb, sorted(unique, key=lambda item: -len(item[0])))

    def __init__(self, kb: KnowledgeBase, keys: list[tuple[str, int]]) -> None:
        self._keys = [(key, code) for key, code in keys]
        # One pass finds every key in a text, where a search per key would cost a scan of
        # every non-English line per localized message.
        self._automaton = AhoCorasick([key for key, _ in self._keys])

    def state(self) -> list[tuple[str, int]]:
        return self._keys

    @staticmethod
    def _specific(key: str) -> bool:
        """Long enough to name its error anywhere; shorter ones ("策略匹配错误") need VPN
        words nearby, as a generic English message does."""
        return len(key) >= (SPECIFIC_CJK_CHARS if has_cjk(key) else SPECIFIC_OTHER_CHARS)

    def find(self, text: str) -> list[tuple[int, int]]:
        """(position, code) for each localized message the text quotes."""
        if text.isascii():
            return []
        normalized = unicodedata.normalize("NFKC", text).casefold()
        kept = [(i, ch) for i, ch in enumerate(normalized) if ch.isalnum()]
        squeezed = "".join(ch for _, ch in kept)
        first_seen: dict[int, int] = {}
        for index, start, _ in self._automaton.find_matches_as_indexes(squeezed, overlapping=True):
            first_seen.setdefault(index, start)
        found: list[tuple[int, int]] = []
        taken: list[tuple[int, int]] = []
        vpn_words: bool | None = None  # searched for once, and only if a short text needs it
        for index in sorted(first_seen):  # the keys are longest first
            key, code = self._keys[index]
            start = first_seen[index]
            end = start + len(key)
            # A first sentence inside its whole message, already found, is the same quote.
            if any(start < other_end and end > other_start for other_start, other_end in taken):
                continue
            first, last = kept[start][0], kept[end - 1][0]
            if not (self._specific(key) or _opens_the_text(normalized, first, last)):
                if vpn_words is None:
                    vpn_words = bool(
                        rules.IPSEC_CONTEXT.search(text) or rules.VPN_WORDS_ANYWHERE.search(text)
                    )
                if not vpn_words:
                    continue
            taken.append((start, end))
            found.append((kept[start][0], code))
        return found

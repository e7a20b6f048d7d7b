"""Self-evidence: a number beside words of its own entry is that entry's code.

"13806 no machine cert", "13868 POLICY_MATCH" or a table of codes and their messages name no
error word, yet the words next to each number say which error it is. A code is confirmed when
the text near it holds most of the words of one of its own short texts (its name without the
family prefix, its message's first sentence, an alias, a peer term), at least two of them;
"cert" counts for "certificate".
"""

from __future__ import annotations

import re

from bot.detect import vocabulary as rules
from bot.knowledge import KnowledgeBase
from bot.normalize import first_sentence, has_cjk

_WORD = re.compile(r"[a-z0-9]+")
# Words of a localized message: letters of any alphabet ("überprüft", "пароль").
_ANY_WORD = re.compile(r"[^\W\d_]+")
# Humps of CamelCase: NegotiationTimedOut, and an acronym before a word: InvalidDHGroup.
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Words every IPsec name starts with: they say nothing about which error it is.
_FAMILY_WORDS = frozenset("error warning ipsec ike".split())
_MIN_SHARE = 0.6
_MIN_WORDS = 2
# Words of one own text that confirm a number heading a row, however long the text.
_ROW_WORDS = 3
_MIN_ABBREVIATION = 4
# Letters two words must share to count as one word with different endings.
_STEM = 7


# The files whose code decides what the index holds: a saved one must match them.
OWN_WORDS_MODULES = ("detect/own_words.py", "detect/vocabulary.py")
_OwnWordsState = tuple[dict[int, list[tuple[str, ...]]], dict[int, tuple[str, ...]]]


def own_words(kb: KnowledgeBase) -> OwnWords:
    """The own words of a knowledge base's codes, read back from the cache when saved
    (building them tokenises every name, message and alias: most of a scan's start)."""
    from bot.knowledge.saved import saved_or_built

    return saved_or_built(kb, "detect-own-words", OWN_WORDS_MODULES, OwnWords)


class OwnWords:
    """For each code, the word sets of its own short texts."""

    @classmethod
    def build(cls, kb: KnowledgeBase) -> OwnWords:
        texts: dict[int, list[tuple[str, ...]]] = {}
        message_words: dict[int, tuple[str, ...]] = {}
        for entry in kb:
            if entry.range_marker:
                continue
            own = [entry.name.replace("_", " "), entry.message.split(". ")[0], *entry.aliases]
            # the wordings of Microsoft's error tables, which old lists and KBs copy
            own += [wording.split(". ")[0] for wording in entry.table_wordings]
            # CamelCase terms count as their words, as in the text: InvalidDHGroup.
            own += [_CAMEL_HUMP.sub(" ", t.term).replace("_", " ") for t in entry.peer_terms]
            sets = []
            for text in own:
                words = _words_of(text)
                if len(words) >= _MIN_WORDS:
                    sets.append(words)
            texts[entry.code] = sets
            message_words[entry.code] = _words_of(entry.message)
        return cls(kb, (texts, message_words))

    def __init__(self, kb: KnowledgeBase, state: _OwnWordsState) -> None:
        self._texts, self._message_words = state
        self._kb = kb
        self._localized: dict[int, list[tuple[str, ...]]] | None = None  # built when needed

    def state(self) -> _OwnWordsState:
        return self._texts, self._message_words

    def confirm(self, code: int, near: str, enough: int | None = None) -> bool:
        """True when the text near the number holds most of one of this code's own texts, or
        `enough` of its words."""
        # CamelCase names count as their words: NegotiationTimedOut, DropNoResponse.
        seen = set(_WORD.findall(_CAMEL_HUMP.sub(" ", near).lower()))
        for words in self._texts.get(code, ()):
            matched = _count_present(words, seen)
            if _holds_most(matched, len(words)) or (enough is not None and matched >= enough):
                return True
        return False

    def confirm_row(self, code: int, after: str) -> bool:
        """For a number heading a row of a table or list: the text after it holds most of one
        of the code's own texts, or at least three of its words (a long old wording cut by
        the window: "782 – Network Address Translation (NAT) is currently installed as...")."""
        return self.confirm(code, after, enough=_ROW_WORDS)

    def confirm_message_start(self, code: int, after: str) -> bool:
        """True when the text after a labelled number ("Error 691: The remote connection
        was denied because...") begins as this code's message does, however long it is."""
        if self.confirm(code, after):
            return True
        written = _words_of(after)
        expected = self._message_words.get(code, ())[: len(written)]
        seen = set(written)
        matched = _count_present(expected, seen)
        if _holds_most(matched, len(expected)):
            return True
        if after.isascii() and not any(ch.isalpha() for ch in after):
            return False
        localized = self._localized_words().get(code)
        if not localized:
            return False
        seen = set(_ANY_WORD.findall(after.lower()))
        return any(_holds_most(_count_present(words, seen), len(words)) for words in localized)

    def _localized_words(self) -> dict[int, list[tuple[str, ...]]]:
        """Per code, the words of the first sentence of each of its localized messages:
        "Fehler 708 - Konto abgelaufen" (CJK writes no spaces between its words)."""
        if self._localized is None:
            self._localized = {}
            for message in self._kb.localized:
                if message.code in self._texts and not has_cjk(message.text):
                    words = _any_words_of(first_sentence(message.text))
                    if len(words) >= _MIN_WORDS:
                        self._localized.setdefault(message.code, []).append(words)
        return self._localized


def _holds_most(matched: int, total: int) -> bool:
    """Enough of a text's words were seen: at least two, and most of them."""
    return matched >= _MIN_WORDS and matched >= _MIN_SHARE * total


def _words_of(text: str) -> tuple[str, ...]:
    """The words that tell texts apart, in order, once each."""
    return tuple(
        w
        for w in dict.fromkeys(_WORD.findall(text.lower()))
        if w not in rules.STOPWORDS and w not in _FAMILY_WORDS and not w.isdigit()
    )


def _any_words_of(text: str) -> tuple[str, ...]:
    """The words of a localized text that tell texts apart, in order, once each."""
    words = _ANY_WORD.findall(text.lower())
    return tuple(w for w in dict.fromkeys(words) if w not in _LOCALIZED_STOPWORDS)


# Articles, prepositions and auxiliaries of the localized messages' languages.
_LOCALIZED_STOPWORDS = frozenset(
    "der die das den dem des ein eine einen einer ist sind wurde wurden werden zu von mit "
    "le la les l un une du des de d est a été en et "
    "el los las un una del es se ha y al "
    "il lo gli i di è e un una della del al "
    "o os as um uma do da dos das é foi e no na "
    "и в на не с".split()
)


def _count_present(words: tuple[str, ...], seen: set[str]) -> int:
    """How many of the words were seen (`_present`)."""
    return sum(1 for word in words if _present(word, seen))


def _present(word: str, seen: set[str]) -> bool:
    """The word, an abbreviation of it ("cert"), or the same stem with another ending
    ("disconnected" for "disconnection", "responding" for "respond")."""
    if word in seen:
        return True
    return any(_same_stem(word, other) for other in seen)


def _same_stem(word: str, other: str) -> bool:
    shorter = min(len(word), len(other))
    if shorter < _MIN_ABBREVIATION:
        return False
    if word.startswith(other):
        return True  # "cert" for "certificate"
    needed = min(shorter, _STEM)
    return word[:needed] == other[:needed]

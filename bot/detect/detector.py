"""Detection: the error codes that a chat message or log text really mentions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice

from bot.detect import vocabulary as rules
from bot.detect.localized import localized_finder
from bot.detect.messages import message_finder, number_before
from bot.detect.own_words import own_words
from bot.detect.patterns import CodePatterns, patterns_of, wrapped_win32_hresults
from bot.detect.shared_openings import shared_openings
from bot.domain import HRESULT_WIN32_PREFIX, WIN32_MAX, Numbering, Via
from bot.knowledge import KnowledgeBase
from bot.knowledge.index import names_of
from bot.normalize import MAX_SCAN_CHARS, ascii_letters, clean_text
from bot.numeric import NumericCode, parse_numeric

# Between codes, a message that is "just codes" holds only punctuation, symbols, emoji and
# Slack's :emoji_names:.
_JUST_CODES = re.compile(r"(?:[^\w]|_|:[a-z0-9_+\-]+:)*", re.IGNORECASE)
# A number between two other numbers is part of a phone number or a list of figures.
_DIGITS_BEFORE = re.compile(r"[+\d][\d]* $")
_DIGITS_AFTER = re.compile(r" \d")
_CELL_CODES = re.compile(r"[,/&]|\band\b|\bor\b")
# Where a sentence ends, and how far back the opening of one holding a position is looked for.
_SENTENCE_END = re.compile(r"\n|[.!?;]\s")
_SENTENCE_REACH = 160
# A cause and the arrow to its error: "account expired -> 708".
_ARROW_BEFORE = re.compile(r"\s(?:-+>|=>|→)\s*$")
# A process's id with its name between: "PID charon 13860".
_PID_OF_PROCESS = re.compile(r"\bpid[ \t]+[\w.-]+[ \t]+$", re.IGNORECASE)
# What the text says a number is: "(13868 = pid)", "809 is just the port".
_DEFINED_AS = re.compile(
    r"[ \t]*(?:=|is\s+(?:the\s+|a\s+|an\s+|just\s+(?:the\s+|a\s+)?)?)[ \t]*(\w+)"
)
# An HRESULT written in hex: "0x80070005".
_HRESULT_HEX = re.compile(r"(?<![0-9A-Za-z])0x8[0-9A-Fa-f]{7}(?![0-9A-Za-z])")
# What may stand before a number that heads a row: a bullet or a table's pipe; or the slash
# of a list on one line ("629 The port was... / 632 The structure size...").
# The row may be quoted, follow a colon ("Error table row: 691 | ..."), or hold several codes
# ("734, 732 | PPP link control protocol termination...").
_ROW_HEAD = re.compile(
    r"(?:[ \t]*(?:(?:[-*•|]|\d{1,3}[.)])[ \t]*)?|.*[|/:][ \t]*)[\"'“]?[ \t]*"
    r"(?:\d{3,5}[ \t]*[,/&][ \t]*)*"
)
# (a number alone on its line has its words on the next: "645\nInternal authentication error.")
_CELL_SEPARATOR = re.compile(
    r"(?:[ \t]*[,/&][ \t]*\d{3,5}(?![0-9]))*[ \t]*(?:[|:\-–—=][ \t]*)?(?:\r?\n[ \t]*)?"
)
_NEXT_IN_LIST = re.compile(r"\d{3}(?!\d)")
# Words of its own message before a number in brackets that confirm it, however long the
# message ("... Windows cannot verify the digital certificate sent by the server (801)").
_BRACKETED_OWN_WORDS = 4
# Between a number and the words of its own that follow: a comma, colon, dash or bracket,
# or a quote mark ('798, no certificate ...', '647 "The account is disabled."'); not a full
# stop, after which another sentence starts.
_OWN_WORDS_LEAD = re.compile(r"[`\"'”]?[ \t]*(?:[,:;(]|[-–—]+|->|→)?[ \t]*[`\"'“(]?(?=\w)")
# A gloss in brackets right after a number, and how many of its own words it needs.
_BRACKETED_GLOSS = re.compile(r" ?\(([^()\n]{3,60})\)")
_GLOSS_OWN_WORDS = 2
# Two codes weighed against each other: "691 vs 812 — which one does the client show ...".
_COMPARED_AFTER = re.compile(r"[ \t]+(?:vs\.?|versus|or)[ \t]+(\d{3})(?!\d)", re.IGNORECASE)
_COMPARED_BEFORE = re.compile(r"(?<![\d.,])(\d{3})[ \t]+(?:vs\.?|versus|or)[ \t]+$", re.IGNORECASE)
_LIST_BEFORE = re.compile(r"(?<![\d,.])(?:\d{3,5}[ \t]*(?:,|/|&|\band\b|\bor\b)[ \t]*)+$")
# An item of a bulleted list that says what a number is ("- **651** → WAN Miniport ..."),
# and the heading it stands under.
_BULLET = r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]"
_LIST_ITEM_LINE = re.compile(_BULLET)
_LIST_ITEM_HEAD = re.compile(_BULLET + r"[ \t]*(?:\*\*|__|`)?")
_LIST_ITEM_AFTER = re.compile(r"(?:\*\*|__|`)?[ \t]*(?:→|->|=>|[:\-–—=|])[ \t]*[^\W\d]")
_HEADING_REACH = 30  # lines
# A number that keys an arm of a switch or an entry of a map in source code ("case 691:",
# "789 => ...", '"623": "..."'), and the line that opens the switch or map.
_KEY_BEFORE = re.compile(r"[ \t]*(?:case[ \t]*\(?[ \t]*|case[ \t]+)?[\"']?")
_KEY_AFTER = re.compile(r"[\"']?[ \t]*\)?[ \t]*(?::|=>|->)")
# A switch over what a call returned: "switch(ret)", "switch (dwResult)".
_RETURNED_VALUE = re.compile(
    r"\bswitch\s*\(\s*(?:ret|retval|rc|res|result|dw(?:ret|result))\s*\)", re.I
)
_KEYED_OPENER = re.compile(
    r"^.*(?:\b(?:switch|match|select\s+case)\b.*|[=:(]\s*[{\[(]\s*)$", re.MULTILINE
)
_KEYED_REACH = 800
# What else a program switches over or maps, inside identifiers too ("httpStatus"); unlike
# a heading's `_OTHER_CODES`, "status" is no sign (Win32Status is an error).
_OTHER_KEYS = re.compile(
    r"http|response|exit|zip|postal|country|phone|promo|coupon|currency|language|price",
    re.IGNORECASE,
)
_OTHER_CODES = re.compile(
    r"\b(?:http|status|response|exit|return|zip|post(?:al)?|area|country|dialing|phone|"
    r"promo|discount|coupon|tax|currency|language)\b",
    re.IGNORECASE,
)
_ASCII_DIGITS = frozenset("0123456789")
_PER_UNIT = re.compile(
    r"(?:udp|tcp|ip|esp|gre|s|sec|min|h|hr|d|day|wk|week|mo|month|y|yr|year|user|seat|"
    r"[kmgt]i?b|[kmgt]?bps)(?![a-z])",
    re.IGNORECASE,
)
# What stands between two codes of a list: "633, 676", "789/790", "800 or 809", "840 and 841".
_LIST_GAP = re.compile(
    r"\s*(?:[,/;|&+、，]|\s(?:and|or|und|et|y|и|или)\s|->|=>)?\s*", re.IGNORECASE
)
# Figures each after a name, three or more in a list: "Toluca 7813, Songdo 13806, Debrecen
# 13817" (phone extensions by site), "(SSTP 612, IKEv2 197, L2TP 88)".
_FIGURES_BY_NAME = re.compile(
    r"(?:[^\W\d_][\w.'-]*[ \t]+\d+[ \t]*[,;][ \t]*){2,}[^\W\d_][\w.'-]*[ \t]+\d+(?!\w|[.,]\d)"
)
_NAMED_FIGURE = re.compile(r"[ \t](\d+)(?!\w|[.,]\d)")
# A tag of a documentation comment at the start of its line: " * @error 13806", "# @code".
_DOC_TAG_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:/\*\*?|\*|///?|#+)?[ \t]*@[A-Za-z]+[ \t]+$")
_DOC_TAG_REACH = 40
_MARKUP_ROLE_BEFORE = re.compile(r":[a-z]+:`$")
_NUMBER_AFTER_NAME = re.compile(r"[\s:=(]*(\d+|0x[0-9a-fA-F]+)\b")
_ISSUE_AT_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*)?#$")
_THOUSANDS_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}[,.\u00a0\u202f ]$")
# How far before a number its identifier word can start ("apartment no. " is 14).
_IDENTIFIER_REACH = 32


_FindTokens = Callable[[str], Iterator[re.Match[str]]]


@dataclass(frozen=True)
class _Found:
    position: int
    code: int


class Detector:
    """Finds codes in text for one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._by_code = kb.by_code
        # The same name forms lookup accepts (with and without ERROR_/WARNING_ and the like).
        self._names = names_of(kb).names
        self._patterns = patterns_of(kb)
        # Bound once: find_codes runs on every line of a log, most of which hold no code.
        self._kinds = [(kind.gate.search, kind.token.finditer) for kind in self._patterns.kinds]
        self._find_messages = message_finder(kb)
        # HRESULTs that other software reports too (certificates, TLS), unlike the IPsec and
        # RAS codes, which only the VPN stack does.
        self._shared_codes = frozenset(
            e.code for e in kb if e.family_spec and e.family_spec.numbering is Numbering.HRESULT
        )
        # The topics each labelled number's message names (`rules.TOPIC_WORDS`, by the stem
        # its words start with: "encrypt" for "encryption" and "failure to encrypt data"),
        # for the numbers whose message names one.
        self._topics: dict[int, tuple[rules.LowerCasePattern, ...]] = {}
        for e in kb:
            if not e.brief and self._patterns.needs_label(e.code):
                named = tuple(
                    pattern
                    for topic, pattern in rules.TOPIC_WORDS.items()
                    if re.search(rf"\b{topic}", e.message, re.IGNORECASE)
                )
                if named:
                    self._topics[e.code] = named
        # Warnings report a call that worked, with a remark ("the policy was added, but ...").
        self._warnings = frozenset(e.code for e in kb if e.name.startswith("WARNING_"))
        self._own_words = own_words(kb)
        # codes a shared opening sentence may be read as (`KnowledgeBase.sharer_meant`)
        self._common = frozenset(e.code for e in kb if e.common)
        self._wrapped_win32 = wrapped_win32_hresults(kb)
        self._kb = kb

    def find_codes(self, text: str) -> list[int]:
        """Codes in order of first appearance, without duplicates."""
        if not text.isascii() or len(text) > MAX_SCAN_CHARS:
            text = clean_text(text, MAX_SCAN_CHARS)
        lowered = text.lower()
        kinds = [finditer for gate, finditer in self._kinds if gate(lowered)]
        # a localized message has letters outside ASCII ("d’authentification" has none)
        localized = not ascii_letters(text)
        return self._codes_in(text, lowered, kinds, messages=None, localized=localized)

    def _codes_in(
        self,
        text: str,
        lowered: str,
        kinds: Sequence[_FindTokens],
        messages: set[int] | None,
        localized: bool,
    ) -> list[int]:
        """The codes of a (cleaned) text, given the token kinds, the official messages to
        compare with (None: all that the message gates pass) and whether localized ones may
        be in it, as the gates found."""
        found: list[_Found] = []
        if localized:
            # Built on the first such text: most logs never need it.
            finder = self._kb.index(localized_finder)
            found += [
                _Found(pos, code)
                for pos, code in finder.find(text)
                if not _after_another_errors_number(text, pos, code)
                and (code not in self._wrapped_win32 or _vpn_text(text))
            ]
        by_message = len(found)  # found[:by_message] (and the quoted below) are messages
        tokens = [m for finditer in kinds for m in finditer(text)]
        if tokens:
            tokens.sort(key=lambda m: m.start())
            # "13696, 13881, 13939" is a list of figures (bug numbers, widths), not a paste of
            # codes: a pasted list holds codes only.
            just_codes = _only_tokens(text, tokens) and all(map(self._a_code, tokens))
            accepted = [self._accept(text, m, just_codes) for m in tokens]
            if found or any(accepted):
                accepted = self._companions(text, tokens, accepted, just_codes)
            found += [f for f in accepted if f is not None]
        quoted = []
        if messages is None or messages:
            quoted = self._find_messages.find(text, lowered, bool(found), messages)
            found += [_Found(pos, code) for pos, code in quoted]
        if "\n" in text.rstrip():  # a table has lines; a scanned line ends in one
            found += self._table_codes(text)
        if not found:
            return []
        read = {f.code for f in found[:by_message]} | {code for _, code in quoted}
        if read & self._common:
            found = self._without_misread_openings(found, read)
        if any(f.code in self._shared_codes for f in found):
            if _not_about_a_vpn(text):
                found = [f for f in found if f.code not in self._shared_codes]
            else:
                found = [
                    f
                    for f in found
                    if f.code not in self._shared_codes or not _tool_sentence(text, f.position)
                ]
        if any(f.code in self._warnings for f in found) and rules.SUCCESS_WORDS.search(text):
            found = [f for f in found if f.code not in self._warnings]
        ordered: dict[int, None] = {}
        for item in sorted(found, key=lambda f: f.position):
            ordered.setdefault(item.code, None)
        return list(ordered)

    def find_codes_in_lines(self, lines: Sequence[str]) -> list[list[int]]:
        """`find_codes` for each of many single lines, as `scan` reads them: one pass of each
        gate over a block of them, then the full search only for the lines a gate flags."""
        texts = [line.rstrip("\r\n") for line in lines]
        joined = "\n".join(texts)
        if (
            joined.isascii()
            and joined.count("\n") == len(texts) - 1
            and max(map(len, texts), default=0) <= MAX_SCAN_CHARS
        ):
            return self._codes_in_block(texts) if texts else []  # a log's usual block
        found: list[list[int]] = [[] for _ in lines]
        # ASCII lines make one block, which the gates read as bytes; the others, cleaned as
        # find_codes cleans them, make another. Lines a block cannot stand for (too long,
        # several lines) get the full search alone.
        plain: list[int] = []
        other: list[int] = []
        for number, line in enumerate(texts):
            if len(line) <= MAX_SCAN_CHARS and "\n" not in line:
                if line.isascii():
                    plain.append(number)
                    continue
                texts[number] = clean_text(line, MAX_SCAN_CHARS)
                if "\n" not in texts[number]:
                    (plain if texts[number].isascii() else other).append(number)
                    continue
            found[number] = self.find_codes(lines[number])
        for group in (plain, other):
            if group:
                codes = self._codes_in_block([texts[number] for number in group])
                for number, line_codes in zip(group, codes, strict=True):
                    found[number] = line_codes
        return found

    def _codes_in_block(self, texts: list[str]) -> list[list[int]]:
        block = "\n".join(texts).lower()
        starts = list(accumulate((len(line) + 1 for line in block.split("\n")), initial=0))
        # Per line, the kinds of token whose gates passed on it, in the kinds' order.
        kinds: dict[int, list[_FindTokens]] = defaultdict(list)
        for kind, (_, finditer) in zip(self._patterns.kinds, self._kinds, strict=True):
            for number in {bisect_right(starts, start) - 1 for start in kind.gate.starts(block)}:
                kinds[number].append(finditer)
        with_messages = self._find_messages.candidates_in_block(block)
        found: list[list[int]] = [[] for _ in texts]
        # each line with letters outside ASCII may hold a localized message
        localized = (
            set()
            if block.isascii()
            else {number for number, text in enumerate(texts) if not ascii_letters(text)}
        )
        for number in kinds.keys() | with_messages.keys() | localized:
            lowered = block[starts[number] : starts[number + 1] - 1]
            messages = with_messages.get(number, set())
            found[number] = self._codes_in(
                texts[number], lowered, kinds[number], messages, number in localized
            )
        return found

    def _companions(
        self,
        text: str,
        tokens: list[re.Match[str]],
        accepted: list[_Found | None],
        just_codes: bool,
    ) -> list[_Found | None]:
        """Beside a code the text reports, another number that stands like a code is one
        too: "13825/13868 IkePolicyMismatch", "MM: 13885, QM: 13895". A list grows from its
        codes ("(Errors 633, 676, 678)"): one pass forward and one back reach every member,
        where repeating until nothing changes would cost a long paste quadratic time."""
        accepted = list(accepted)
        forward = range(len(tokens))
        for number in (*forward, *reversed(forward)):
            if accepted[number] is None:
                listed = _listed(text, number, tokens, accepted)
                accepted[number] = self._accept(
                    text, tokens[number], just_codes, companion=True, listed=listed
                )
        return accepted

    def _row_with_own_words(self, text: str, start: int, end: int, code: int) -> bool:
        """'| 604 | Wrong information specified...', '621 Cannot open the phone book file.',
        '0x00000259 | An invalid port handle was detected.': a number heading a row of a list
        or table, followed by its own words (its name, message or aliases), old wordings
        included, with no error word needed."""
        line_start = text.rfind("\n", 0, start) + 1
        if not _ROW_HEAD.fullmatch(text, line_start, start):
            return False
        after = _CELL_SEPARATOR.match(text, end)
        if after is None or after.end() == end and end < len(text) and text[end] != " ":
            return False
        words = text[after.end() : after.end() + rules.OWN_WORDS_WINDOW]
        return self._own_words.confirm_row(code, words)

    def _reported_vpn_error(self, text: str, start: int, end: int, code: int) -> bool:
        """'Users are getting 812', '858 again for the whole office', 'how urgent is a
        691?': a code that VPNs produce, reported or asked about with no error word, in
        VPN context or followed by its own words."""
        if self._by_code[code].brief or _glued_after(text, end):
            return False
        # the report may head a list the number is in: "events show 651, 628, 618, 691"
        listed = _LIST_BEFORE.search(text, max(0, start - rules.LABEL_REACH), start)
        head = listed.start() if listed is not None else start
        opens_clause = _opens_clause(text, start)
        reported = (
            rules.RAS_REPORT_BEFORE.ends(text, max(0, head - rules.LABEL_REACH), head)
            or rules.RAS_REPORT_AFTER.match(text, end)
            or _asked_about(text, end)
            or (
                opens_clause
                and _status_subject(text, start, end, defined=code not in self._wrapped_win32)
            )
            or self._compared(text, start, end)
        )
        if (
            reported
            and not rules.UNIT_AFTER.match(text, end)
            and not _identifier_before(text, start)
        ):
            window = text[max(0, start - rules.CONTEXT_WINDOW) : end + rules.CONTEXT_WINDOW]
            if rules.RAS_CONTEXT.occurs(window):
                return True
            # or the topic of its own message: "drivers getting 807 drops mid-scan"
            if self._names_its_topic(code, window):
                return True
        # Reported or opening a clause, and followed by its own words, it needs no VPN word:
        # "lab PCs: 798, no certificate that can be used with this EAP", "login fails with 647
        # "The account is disabled."", "another 786 (no valid machine certificate)".
        return bool(reported or opens_clause) and self._own_words_follow(text, end, code)

    def _wrapped_near_vpn(self, text: str, start: int, end: int, code: int) -> bool:
        """'the VPN: 0x800702B3': a RAS number in its HRESULT form is an error as it stands;
        that it is the VPN's, not another program's, a VPN word nearby says."""
        if self._by_code[code].brief or _glued_after(text, end):
            return False
        window = text[max(0, start - rules.CONTEXT_WINDOW) : end + rules.CONTEXT_WINDOW]
        if not rules.RAS_CONTEXT.occurs(window):
            return False
        # among another program's HRESULTs it is that program's: an app installer's log
        # "(0x80070004), (0x8007026B), Access is denied.(0x80070005)" on the VPN client
        _, line = _line_of(text, start, end)
        return not any(
            (numeric := parse_numeric(other)) is None or self._code_of(numeric) is None
            for other in _HRESULT_HEX.findall(line)
        )

    def _cited_after_own_words(self, text: str, start: int, end: int, code: int) -> bool:
        """'Windows cannot verify the digital certificate sent by the server (801)': the
        number in brackets right after words of its own message, as a note cites it; or
        after an arrow from them, as a cause leads to its error ('account expired -> 708')."""
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            words = text[max(0, start - 1 - rules.OWN_WORDS_WINDOW) : start - 1]
            return self._own_words.confirm(code, words, enough=_BRACKETED_OWN_WORDS)
        arrow = _ARROW_BEFORE.search(text, max(0, start - 6), start)
        if arrow is None or _glued_after(text, end) or rules.UNIT_AFTER.match(text, end):
            return False
        line_start = text.rfind("\n", 0, arrow.start()) + 1
        words = text[max(line_start, arrow.start() - rules.OWN_WORDS_WINDOW) : arrow.start()]
        return self._own_words.confirm(code, words)

    def _glossed_in_brackets(self, text: str, start: int, end: int, code: int) -> bool:
        """'14 users with 853 (cert invalid)': brackets right after the number gloss it with
        at least two words of its own name or message; not 'PR #853 (cert invalid fix)'."""
        gloss = _BRACKETED_GLOSS.match(text, end)
        if gloss is None or text[start - 1 : start] in rules.GLUE_BEFORE:
            return False
        return not _identifier_before(text, start) and self._own_words.confirm(
            code, gloss.group(1), enough=_GLOSS_OWN_WORDS
        )

    def _own_words_follow(self, text: str, end: int, code: int) -> bool:
        """The number's own words follow it, after a comma, colon, dash, bracket or quote."""
        lead = _OWN_WORDS_LEAD.match(text, end)
        if lead is None:
            return False
        words = text[lead.end() : lead.end() + rules.OWN_WORDS_WINDOW]
        return self._own_words.confirm_message_start(code, words)

    def _compared(self, text: str, start: int, end: int) -> bool:
        """'691 vs 812', 'is it 789 or 809': the number weighed against another RAS code."""
        after = _COMPARED_AFTER.match(text, end)
        if after is not None:
            other, other_end = int(after.group(1)), after.end()
        else:
            before = _COMPARED_BEFORE.search(text, max(0, start - 16), start)
            if before is None:
                return False
            other, other_end = int(before.group(1)), end
        if rules.UNIT_AFTER.match(text, other_end):
            return False  # "700 or 800 users"
        entry = self._by_code.get(other)
        return entry is not None and self._patterns.needs_label(other) and not entry.brief

    def _titled_windows_error(self, text: str, start: int, end: int, code: int) -> bool:
        """'Windows Error 809', as VPN how-tos title the client's errors: a code VPNs produce
        (not 740, which Windows shows for elevation, as the RAS code of a TAPI device)."""
        if self._by_code[code].brief or _glued_after(text, end):
            return False
        reach = max(0, start - rules.LABEL_REACH)
        return rules.WINDOWS_ERROR_BEFORE.ends(text, reach, start)

    def _after_its_protocol(self, text: str, start: int, end: int, code: int) -> bool:
        """'L2TP 789, compte verrouillé': a VPN protocol right before the number names the
        error it gave; not '- 700 sessions'."""
        if (
            self._by_code[code].brief
            or _glued_after(text, end)
            or rules.UNIT_AFTER.match(text, end)
        ):
            return False
        if not rules.PROTOCOL_BEFORE.ends(text, max(0, start - 14), start):
            return False
        # a breakdown of figures by protocol names one that is no code: "(SSTP 612, IKEv2 197)"
        _, line = _line_of(text, start, end)
        return all(
            int(pair.group(1)) in self._by_code for pair in rules.PROTOCOL_AND_NUMBER.finditer(line)
        )

    def _labelled_with_own_words(self, text: str, end: int, code: int) -> bool:
        """'Error 721: The remote computer is not responding.': after an error label (the
        caller found it), the number's own message, with no VPN word needed."""
        return self._own_words.confirm_message_start(code, text[end : end + rules.OWN_WORDS_WINDOW])

    def _labelled_with_its_topic(self, text: str, start: int, end: int, code: int) -> bool:
        """'errore 691 da stamattina, password cambiata ieri': after an error label (the caller
        found it), the topic its own message names (the password, encryption) in the same
        line, with no VPN word needed."""
        if code not in self._topics or _glued_after(text, end) or rules.UNIT_AFTER.match(text, end):
            return False
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        window_start = max(line_start, start - rules.CONTEXT_WINDOW)
        window_end = min(line_end if line_end >= 0 else len(text), end + rules.CONTEXT_WINDOW)
        return self._names_its_topic(code, text, window_start, window_end)

    def _names_its_topic(
        self, code: int, text: str, start: int = 0, end: int | None = None
    ) -> bool:
        """text[start:end] names a topic of the code's own message (`rules.TOPIC_WORDS`)."""
        return any(topic.occurs(text, start, end) for topic in self._topics.get(code, ()))

    def _without_misread_openings(self, found: list[_Found], read: set[int]) -> list[_Found]:
        """A sentence several messages open with is read as the code people meet most (809),
        unless the text names another code that shares it (811's number or its later words)
        and names the first in no other way."""
        # (built on first use: it reads every localized message, which most scans never need)
        sharers = self._kb.index(shared_openings).others
        codes = {f.code for f in found}
        named_otherwise = {f.code for f in found if f.code not in read}
        misread = {
            code
            for code in read & sharers.keys()
            if code not in named_otherwise and codes & sharers[code]
        }
        return [f for f in found if f.code not in misread]

    def _accept(
        self,
        text: str,
        match: re.Match[str],
        just_codes: bool,
        companion: bool = False,
        listed: bool = False,
    ) -> _Found | None:
        kind, token = match.lastgroup, match.group()
        if kind == "name":
            entry = self._names.get(token.upper())
            if entry is None or _defined_otherwise(text, match.end(), token, entry.code):
                return None
            if _other_message_file(text, match.start(), entry.code):
                return None
            if entry.code in self._wrapped_win32 and not (
                rules.WINDOWS_VPN.search(text) or _own_number_after(text, match.end(), entry.code)
            ):
                return None  # "ERROR_NETNAME_DELETED" is every Windows program's constant
            return _Found(match.start(), entry.code)
        if _markup_before(text, match.start()):
            return None
        numeric = parse_numeric(token)
        read = None if numeric is None else self._code_of(numeric)
        if numeric is None or read is None:
            return None
        code, as_hresult = read
        if as_hresult:
            kind = "hresult"
        if kind == "prefixed" and _another_codes_hex(text, match.start(), numeric.code):
            return None
        if self._patterns.needs_label(numeric.code) and kind not in ("signed", "hresult"):
            # A number that means many things: only written as a VPN error is it this code,
            # or beside a code the text reports ("13806, user tunnel gives 812").
            start, end = match.start(), match.end()
            if _thousands(text, start, end):
                return None
            wrapped = code != numeric.code
            if text[end : end + 1] == "s":  # "the 809s": the code's occurrences, or not a code
                accepted = _occurrences(text, start, end)
            else:
                accepted = self._written_as_vpn_error(
                    text, start, end, code, wrapped, companion, listed
                ) or (numeric.via is Via.HRESULT and self._wrapped_near_vpn(text, start, end, code))
            if accepted and wrapped and not listed:
                # a wrapped Win32 number (64, 1460) that a Windows tool prints over a tunnel
                # ("robocopy ... ERROR 64 (0x00000040) Copying File") is that tool's
                accepted = rules.WIN32_TOOL.search(text) is None
            # (looked for last: most candidates are refused before it)
            if not accepted or _foreign_error(text, numeric.code):
                return None
            return _Found(start, code)
        if kind == "prefixed" and len(token) <= 6:
            if _identifier_before(text, match.start()):
                return None  # a short 0x number is data after a field name: "seq=0x35ee"
            if _constant_value(text, match.start(), match.end()):
                return None
        if kind in ("signed", "prefixed", "hresult"):
            accepted = not _glued(
                text, match.start(), match.end(), self._patterns, hex_token=True
            ) and not (kind != "signed" and _hex_data(text, match.start(), match.end()))
        elif kind == "bare_hex":
            # "35E9" alone is too weak to be a code-only message; it needs context like a number.
            letters = any(ch.isalpha() for ch in token)
            accepted = letters and self._in_context(text, match.start(), match.end(), code)
        elif text[match.end() : match.end() + 1] == "s":  # "the 13899s": its occurrences
            accepted = _occurrences(text, match.start(), match.end())
        else:
            accepted = just_codes or self._in_context(
                text, match.start(), match.end(), code, companion
            )
        return _Found(match.start(), code) if accepted else None

    def _written_as_vpn_error(
        self,
        text: str,
        start: int,
        end: int,
        code: int,
        wrapped: bool,
        companion: bool,
        listed: bool,
    ) -> bool:
        """The number that means many things (a RAS code, or a Win32 one an HRESULT entry
        wraps) is written as this VPN error, or stands beside a code the text reports."""
        # (searched once: both labelled readings need it, and most numbers have none)
        label_before = rules.RAS_LABEL_BEFORE.ends(text, max(0, start - rules.LABEL_REACH), start)
        labelled = label_before or rules.RAS_LABEL_AFTER.match(text, end) is not None
        return bool(
            _mschap_failure(text, start, end)
            or _labelled_vpn_error(text, start, end, labelled)
            or (label_before and self._labelled_with_own_words(text, end, code))
            or (labelled and self._labelled_with_its_topic(text, start, end, code))
            or self._reported_vpn_error(text, start, end, code)
            or self._titled_windows_error(text, start, end, code)
            or self._after_its_protocol(text, start, end, code)
            or self._row_with_own_words(text, start, end, code)
            or self._cited_after_own_words(text, start, end, code)
            or self._glossed_in_brackets(text, start, end, code)
            or _item_under_codes_heading(text, start, end)
            or _keyed_in_code(text, start, end)
            # a wrapped Win32 number (64, 1460) is so common that it stands beside a
            # code only in a list of codes: "(Errors 633, 64)", not "centos6 64"
            or (
                companion
                and (listed or not wrapped)
                and self._in_context(text, start, end, code, companion)
            )
        )

    def _code_of(self, numeric: NumericCode) -> tuple[int, bool] | None:
        """The code a number stands for, and whether it is read as an HRESULT family's."""
        if numeric.win32 and numeric.code in self._by_code:
            return numeric.code, False
        if numeric.value is not None and numeric.value in self._by_code:
            return numeric.value, True  # an HRESULT family's code: 0x800B0101, -2146762495
        if numeric.win32 and (HRESULT_WIN32_PREFIX | numeric.code) in self._by_code:
            # A Win32 code an HRESULT entry wraps (RasClient's "The error code returned on
            # failure is 1460." is 0x800705B4); its number is labelled-only, as RAS numbers are.
            return HRESULT_WIN32_PREFIX | numeric.code, False
        return None

    def _a_code(self, token: re.Match[str]) -> bool:
        """The token names or numbers a code of the knowledge, wherever it stands."""
        if token.lastgroup == "name":
            return token.group().upper() in self._names
        numeric = parse_numeric(token.group())
        return numeric is not None and self._code_of(numeric) is not None

    def _table_codes(self, text: str) -> list[_Found]:
        """Codes in the error column of a table: "host,error_code,count\nLT-001,13806,14"."""
        header, _, body = text.partition("\n")
        separator = next((s for s in rules.TABLE_SEPARATORS if header.count(s) >= 1), None)
        if separator is None:
            return []
        columns = [name.strip(" \"'|") for name in header.split(separator)]
        wanted = [i for i, name in enumerate(columns) if rules.ERROR_COLUMN.fullmatch(name)]
        if not wanted:
            return []
        found = []
        position = len(header) + 1
        for line in body.split("\n"):
            cells = line.split(separator)
            for index in wanted:
                # a cell may hold several codes: "734, 732", "720 / 619"
                parts = _CELL_CODES.split(cells[index]) if index < len(cells) else []
                for part in parts:
                    numeric = parse_numeric(part.strip(" \"'|"))
                    if (
                        numeric is not None
                        and numeric.win32
                        and numeric.code in self._by_code
                        and not self._described_otherwise(numeric.code, cells, index)
                    ):
                        found.append(_Found(position, numeric.code))
            position += len(line) + 1
        return found

    def _described_otherwise(self, code: int, cells: list[str], column: int) -> bool:
        """A row that describes its code in words that are not the code's own: another
        product's table of errors ("| 900 | Internal error, such as database connection |"),
        for a number that means many things."""
        if not self._patterns.needs_label(code):
            return False
        described = [
            cell
            for position, cell in enumerate(cells)
            if position != column and len(rules.DESCRIPTION_WORD.findall(cell)) >= 3
        ]
        return bool(described) and not any(
            self._own_words.confirm_row(code, cell) for cell in described
        )

    def _in_context(
        self, text: str, start: int, end: int, code: int, companion: bool = False
    ) -> bool:
        """A bare number counts as a code only with words around it that make it one, or
        as the `companion` of a code the text reports, unless it is something else."""
        if _glued(text, start, end, self._patterns):
            return False
        if _DIGITS_BEFORE.search(text, max(0, start - 12), start) and _DIGITS_AFTER.match(
            text, end
        ):
            return False
        if _identifier_before(text, start) or _defined_as_identifier(text, end):
            return False
        if rules.CONTACT_GLOSS.match(text, end) or rules.CONTACT_BEFORE.ends(
            text, max(0, start - 24), start
        ):
            return False  # a pager or phone: "page me on 13806 (new pager)"
        if rules.COMPARISON_BEFORE.ends(text, max(0, start - 24), start):
            return False  # a bound: "codes higher than 900"
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if rules.LISTING_LINE.match(text, line_start) or (
            not text[end : line_end if line_end >= 0 else len(text)].strip()
            and rules.SAMPLE_LINE.fullmatch(text, line_start, start)
        ):
            return False  # a file size in a listing, a metric's value
        if rules.UNIT_AFTER.match(text, end):
            return False
        if self._figure_by_name(text, start, end, line_start, line_end):
            return False
        window_start = max(0, start - rules.CONTEXT_WINDOW)
        window = text[window_start : end + rules.CONTEXT_WINDOW]
        if _data_field(text, line_start, line_end, start):
            # a value in a data literal: only its own field says what it is, not the others
            # ('status: "done",\n location: "Marseille 13001",')
            window = text[line_start : line_end if line_end >= 0 else len(text)]
        strict = self._patterns.needs_error_words(code)
        context = rules.ERROR_CONTEXT if strict else rules.CONTEXT
        if _postcode(text, start, end, window, strict) or _reference(text, start, end):
            return False
        if companion and not strict:
            return True
        window = rules.POSTCODE_NAME.sub(" ", window)
        if context.search(window) is not None or rules.CAMEL_LABEL.search(window):
            return True
        if not strict and (_asked_about(text, end) or _cited(text, start, end)):
            return True
        # A code beside words of its own name, message or aliases ("13806 no machine cert",
        # a table row "13868 | POLICY_MATCH") is confirmed by them.
        near = text[max(0, start - rules.OWN_WORDS_WINDOW) : end + rules.OWN_WORDS_WINDOW]
        return self._own_words.confirm(code, near)

    def _figure_by_name(
        self, text: str, start: int, end: int, line_start: int, line_end: int
    ) -> bool:
        """The number is one of figures listed by name, some of them no code: the list is of
        something else (extensions, counts per site), not of errors."""
        if "," not in text[line_start:start] and "," not in text[end:line_end]:
            return False  # the usual case: no list on the line
        line_stop = line_end if line_end >= 0 else len(text)
        for run in _FIGURES_BY_NAME.finditer(text, line_start, line_stop):
            if run.start() <= start and end <= run.end():
                figures = _NAMED_FIGURE.finditer(text, run.start(), run.end())
                return any(int(figure.group(1)) not in self._by_code for figure in figures)
        return False


def _listed(
    text: str, number: int, tokens: list[re.Match[str]], accepted: list[_Found | None]
) -> bool:
    """Token `number` is in a list with an accepted code right before or after it."""
    before = number > 0 and accepted[number - 1] is not None
    after = number + 1 < len(tokens) and accepted[number + 1] is not None
    here = tokens[number]
    return bool(
        (before and _LIST_GAP.fullmatch(text, tokens[number - 1].end(), here.start()))
        or (after and _LIST_GAP.fullmatch(text, here.end(), tokens[number + 1].start()))
    )


def _other_message_file(text: str, start: int, code: int) -> bool:
    """'MessageId=702 ... SymbolicName=IPSEC_BAD_SPI': another message file's entry (an old
    driver's events), whose name only looks like a current code's."""
    if not rules.SYMBOLIC_NAME_BEFORE.search(text, max(0, start - 20), start):
        return False
    ids = list(rules.MESSAGE_ID.finditer(text, 0, start))
    if not ids:
        return False
    numeric = parse_numeric(ids[-1].group("number"))
    return numeric is None or numeric.code != code


def _defined_otherwise(text: str, end: int, name: str, code: int) -> bool:
    """The name is defined right here as something else: another protocol's constant of the
    same name ("ERROR_IDLE_TIMEOUT: u64 = ERROR_CLASS + 51"). A definition as the code
    itself ("= 828", "= (RASBASE+228)", "= unchecked((int)0x800B0109)", "= 809  # comment")
    or as the same name of another module is the code."""
    defined = rules.DEFINED_AS.match(text, end)
    if defined is None:
        return False
    value = defined.group("value")
    if not any(ch.isdigit() for ch in value):
        return False  # prose, not a definition: "ERROR_VPN_TIMEOUT = the server did not answer"
    if name.upper() in value.upper():
        return False  # "ERROR_VPN_TIMEOUT = windows.ERROR_VPN_TIMEOUT"
    for based in rules.BASE_OFFSET.finditer(value):
        if rules.SDK_BASES[based.group("base").upper()] + int(based.group("offset")) == code:
            return False
    for number in rules.CODE_NUMBER.finditer(value):
        numeric = parse_numeric(number.group("number"))
        if numeric is not None and code in (numeric.code, numeric.value):
            return False
    return True


def _foreign_error(text: str, number: int) -> bool:
    """The number is another product's error in this text: "Error Code : 942" beside
    "ORA-00942: table or view does not exist"."""
    return any(
        int(m.group("number") or m.group("sql")) == number
        for m in rules.FOREIGN_ERROR.finditer(text)
    )


def _not_about_a_vpn(text: str) -> bool:
    """The text is about other software's certificate trouble, or is a program's source, with
    no VPN in it: "winget: 0x800B0101", "curl: (35) schannel ... (0x80092013)", "case
    -2146762495: // CERT_E_EXPIRED"."""
    mentions = list(rules.VPN_MENTIONED.finditer(text))
    if mentions:
        # "the IIS cert, not the VPN one": it says itself that it is not about a VPN
        return all(_vpn_denied(text, m.start(), m.end()) for m in mentions)
    if rules.OTHER_SOFTWARE.search(text):
        return True
    markers = [m.group() for m in rules.CODE_MARKERS.finditer(text)]
    return len(set(markers)) >= rules.MIN_CODE_MARKERS or len(markers) > rules.MIN_CODE_MARKERS


def _tool_sentence(text: str, position: int) -> bool:
    """The sentence the HRESULT is in opens with another program, the one that reports it,
    whatever VPN the text also names: "Windows Update on the RRAS box threw 0x800B0101 too",
    "signtool sign on the AOVPN install script fails with 0x800B0101"."""
    reach = max(0, position - _SENTENCE_REACH)
    start = None
    for ended in _SENTENCE_END.finditer(text, reach, position):
        start = ended.end()  # the last sentence to end before the position
    if start is None:
        if reach > 0:
            return False  # the sentence opens too far back to say
        start = 0
    return rules.TOOL_OPENING.match(text, start, position) is not None


def _vpn_text(text: str) -> bool:
    """A Win32 message every Windows program shows ("Der angegebene Netzwerkname ist nicht
    mehr verfügbar.", 64) is a VPN's only in text about one."""
    return bool(rules.WINDOWS_VPN.search(text) or rules.VPN_WORDS_ANYWHERE.search(text))


def _vpn_denied(text: str, start: int, end: int) -> bool:
    """The VPN named at text[start:end] is named as not involved: "not related to the VPN
    ticket", "VPN unaffected"."""
    reach = max(0, start - rules.VPN_DENIED_REACH)
    return bool(
        rules.VPN_DENIED_BEFORE.search(text, reach, start)
        or rules.VPN_DENIED_AFTER.match(text, end)
    )


def _in_ras_context(text: str, start: int, end: int, reach: int) -> bool:
    """A VPN, its client or its server is named within `reach` of the number, and not as
    uninvolved ("Error 740: The requested operation requires elevation. ... not related to
    the VPN ticket"); "keine Verbindung" (no connection) is the error's own complaint."""
    window_start = max(0, start - reach)
    window = text[window_start : end + reach]
    return any(
        not (
            rules.VPN_MENTIONED.fullmatch(m.group())
            and _vpn_denied(text, window_start + m.start(), window_start + m.end())
        )
        for m in rules.RAS_CONTEXT.finditer(window)
    )


def _after_another_errors_number(text: str, start: int, code: int) -> bool:
    """A localized message right after another error's number is what that error showed
    ("PPPoE错误619：指定的端口未连接" is 619 as one program words it, not 606)."""
    before = number_before(text, start)
    return before is not None and before[0] != code


def _constant_value(text: str, start: int, end: int) -> bool:
    """A short hex number that is a program's constant: the value of its line in an array,
    an enum or a list of arguments ("    0x35E9,", "CMSG_PLAYER_LOGIN = 0x35EA, // 7.3.5"),
    among other such lines, in a text that names no VPN; "ErrorCode = 0x35E9" is labelled,
    and stays an error."""
    line_start, line = _line_of(text, start, end)
    shape = rules.CONSTANT_LINE.fullmatch(line)
    if shape is None or shape.start("value") != start - line_start:
        return False
    name = shape.group("name")
    if name and (rules.LABEL_BEFORE.ends(name) or rules.CAMEL_LABEL.search(name)):
        return False
    if rules.VPN_MENTIONED.search(text):
        return False
    # another such line (an array's next element) is near in any program: stop at it
    constants = (other for other in text.split("\n") if rules.CONSTANT_LINE.fullmatch(other))
    return next(islice(constants, 1, None), None) is not None


def _line_of(text: str, start: int, end: int) -> tuple[int, str]:
    """Where the line holding text[start:end] starts, and the line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, text[line_start : line_end if line_end >= 0 else len(text)]


def _data_field(text: str, line_start: int, line_end: int, start: int) -> bool:
    """The number is a value in a data literal of several fields (a JavaScript object, a
    PHP array, YAML)."""
    field = rules.DATA_FIELD.match(text, line_start, start)
    if field is None or "\n" not in text:
        return False
    if not rules.DATA_FIELD_LINE.match(text, line_start, line_end if line_end >= 0 else len(text)):
        return False
    return len(rules.DATA_FIELD_LINE.findall(text)) >= 2


def _another_codes_hex(text: str, start: int, code: int) -> bool:
    """A hex number in brackets after a decimal code is that code's hex form ("13843
    (0x3613)"): one that is not, such as a docs page's broken "13816 (0x35f 8)", is no code
    of its own."""
    before = rules.DECIMAL_BEFORE_HEX.search(text, max(0, start - 12), start)
    return before is not None and int(before.group("number")) != code


def _only_tokens(text: str, tokens: list[re.Match[str]]) -> bool:
    rest, last = [], 0
    for match in tokens:
        rest.append(text[last : match.start()])
        last = match.end()
    rest.append(text[last:])
    return all(_JUST_CODES.fullmatch(part) for part in rest)


def _glued(
    text: str, start: int, end: int, patterns: CodePatterns, hex_token: bool = False
) -> bool:
    """True when the number is part of a larger identifier, version, address or quantity."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in rules.ATTACHED_BRACKETS and start >= 2:
        # "rw[13806]", "(unnamed)[13843]": an index; "MS_STATUS(13868)", "错误(13801)": not.
        attached = text[start - 2]
        word = attached.isascii() and attached.isalnum() or attached in ")]}>"
        if word and not _labelled(text, start - 1):
            return True
    if before == "/" and patterns.listed_decimal(_digits_ending(text, start - 1)):
        return False
    if text.startswith("%%", start - 2):
        return False  # a Windows event's message reference: <Data>%%13817</Data>
    if before == "-" and rules.SLUG_LABEL_BEFORE.search(text, max(0, start - 16), start):
        return False  # a slug: "fix-ikev2-error-13801-win7", "#error-code-13806"
    if before in rules.GLUE_BEFORE:
        label = before in ":=" and _labelled(text, start - 1)
        if not label and not (hex_token and before in ":=("):
            return True
    if text.startswith(("->", "=>"), end):
        return False  # an arrow: "13801 -> fixed by the new cert"
    if after == "-" and rules.HUNGARIAN_SUFFIX.match(text, end):
        return False  # "13801-es hiba": error 13801, in Hungarian
    if after in rules.GLUE_AFTER:
        # "13801/13806" lists two codes; "13801/udp" or "/13801/" is something else.
        return not (after == "/" and patterns.listed_decimal(_digits_starting(text, end + 1)))
    following = text[end + 1] if end + 1 < len(text) else ""
    if after not in ".,:" or not following.isalnum() or not following.isascii():
        return False  # "13868,换了..." and "13801：Проверка" go on in words
    # "1.13801.2" and "13801:0" are one token; "Error 13801:IKE authentication" is not.
    return after != ":" or following.isdigit()


def _digits_ending(text: str, end: int) -> str:
    start = end
    while start and text[start - 1] in _ASCII_DIGITS:
        start -= 1
    return text[start:end]


def _digits_starting(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end] in _ASCII_DIGITS:
        end += 1
    return text[start:end]


def _identifier_before(text: str, number_start: int) -> bool:
    """The word right before the number names an identifier: "ticket 13806", "Nr. 13819"."""
    line_start = text.rfind("\n", 0, number_start) + 1
    tail = text[max(line_start, number_start - _IDENTIFIER_REACH) : number_start]
    backwards = tail[::-1]
    for pattern in rules.IDENTIFIER_TAILS_REVERSED:
        found = pattern.match(backwards)
        if found is None:
            continue
        name = found.group(1)[::-1]
        word = name.lower()
        if (
            rules.CAMEL_PART.findall(name)[-1].lower() in rules.IDENTIFIER_WORDS
            or word in rules.IDENTIFIER_WORDS
            or name in rules.IDENTIFIER_CAPITALS
            or word.startswith(rules.IDENTIFIER_STEMS)
            or word.endswith(rules.IDENTIFIER_CJK)
        ):
            return True
    if tail.rstrip().endswith(rules.IDENTIFIER_CJK):
        return True
    # a process named between its id and the number: "PID charon 13860"
    return _PID_OF_PROCESS.search(tail) is not None


def _defined_as_identifier(text: str, end: int) -> bool:
    """The text says what the number is, and it is an identifier: "(13868 = pid)"."""
    defined = _DEFINED_AS.match(text, end)
    return defined is not None and defined.group(1).lower() in rules.DEFINED_IDENTIFIERS


def _thousands(text: str, start: int, end: int) -> bool:
    """Three digits that continue a larger number: "$13,801", "13 806 ₽"."""
    return end - start == 3 and _THOUSANDS_BEFORE.search(text, max(0, start - 5), start) is not None


def _item_under_codes_heading(text: str, start: int, end: int) -> bool:
    """'Common codes to watch for:\n- **651** → WAN Miniport / ...': a number heading an item
    of a list that says what it is, under a heading about error codes, in VPN text."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _LIST_ITEM_HEAD.fullmatch(text, line_start, start):
        return False
    if not _LIST_ITEM_AFTER.match(text, end):
        return False
    above = text[:line_start].split("\n")[-_HEADING_REACH - 1 : -1]
    heading = next((line for line in reversed(above) if not _LIST_ITEM_LINE.match(line)), "")
    if rules.ERROR_CONTEXT.search(heading) is None or _OTHER_CODES.search(heading):
        return False
    return rules.RAS_CONTEXT.occurs(text)


def _keyed_in_code(text: str, start: int, end: int) -> bool:
    """'var guidance = code switch {\n  789 => ...', '_RAS_ERROR_DESCRIPTIONS = {\n "623":
    ...': a number keying an arm of a switch over an error code, or an entry of a map named
    for errors, in a VPN program."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _KEY_BEFORE.fullmatch(text, line_start, start) or not _KEY_AFTER.match(text, end):
        return False
    openers = list(_KEYED_OPENER.finditer(text, max(0, line_start - _KEYED_REACH), line_start))
    if not openers:
        return False
    opener = openers[-1].group()
    if (
        rules.ERROR_CONTEXT.search(opener) is None
        and not rules.CAMEL_LABEL.search(opener)
        and not _RETURNED_VALUE.search(opener)
    ):
        return False
    if _OTHER_KEYS.search(opener):
        return False
    return rules.RAS_CONTEXT.occurs(text)


def _mschap_failure(text: str, start: int, end: int) -> bool:
    """'E=691 R=0 C=... V=3': the error of an MS-CHAP failure packet, which RADIUS servers,
    pppd and VPN servers send and log."""
    return bool(
        rules.MSCHAP_FAILURE_BEFORE.search(text, max(0, start - 3), start)
        and rules.MSCHAP_FAILURE_AFTER.match(text, end)
    )


def _labelled_vpn_error(text: str, start: int, end: int, labelled: bool) -> bool:
    """'Error 809:' or '809 error' with a VPN, rasdial or RRAS nearby, a RasClient or RAS
    API shape ('The error code returned on failure is 809'), or a value of a RasClient event's
    XML (<Data>809</Data>); not '809/udp', 'build 809'. `labelled`: an error label ends right
    before the number or follows it (`rules.RAS_LABEL_BEFORE`, `rules.RAS_LABEL_AFTER`)."""
    if _glued_after(text, end):
        return False
    reach = max(0, start - rules.LABEL_REACH)
    if rules.RAS_SHAPE_BEFORE.ends(text, reach, start):
        return True
    if rules.EVENT_DATA_BEFORE.search(text, max(0, start - 64), start):
        return text.startswith("</", end) and rules.RAS_EVENT.search(text) is not None
    if rules.UNIT_AFTER.match(text, end):
        return False  # "VPN portal error: 809 users affected" counts people
    if not labelled:
        return False
    return _in_ras_context(text, start, end, rules.LABELLED_CONTEXT_WINDOW)


def _own_number_after(text: str, end: int, code: int) -> bool:
    """The name is followed by its Win32 number, as a pasted error is: "ERROR_NETNAME_DELETED
    64 (0x40) The specified network name is no longer available."."""
    number = _NUMBER_AFTER_NAME.match(text, end)
    numeric = parse_numeric(number.group(1)) if number is not None else None
    return numeric is not None and numeric.code == code & WIN32_MAX


def _markup_before(text: str, start: int) -> bool:
    """What stands before the number makes it no error: a documentation comment's tag
    (" * @error 13806" is that project's), a list of issues ("#642: ipsec_xmit.c ... compile
    issue"), reStructuredText's inline code ("By default n is :code:`64`")."""
    before = text[start - 1 : start]
    reach = max(0, start - _DOC_TAG_REACH)
    if before == "#":
        return _ISSUE_AT_LINE_START.search(text, reach, start) is not None
    if before == "`":
        return _MARKUP_ROLE_BEFORE.search(text, reach, start) is not None
    return (
        before in (" ", "\t")
        and "@" in text[reach:start]
        and _DOC_TAG_BEFORE.search(text, reach, start) is not None
    )


def _occurrences(text: str, start: int, end: int) -> bool:
    """'the 809s are gone since ...', 'status: 691s back to baseline', '807s spiking from
    eduroam': a code's occurrences, in VPN text; not a duration ('after 900s', 'timeout
    900s') or a decade."""
    if not rules.PLURAL_BEFORE.ends(text, max(0, start - 16), start):
        return False
    if not rules.PLURAL_AFTER.match(text, end + 1):
        return False
    window = text[max(0, start - rules.CONTEXT_WINDOW) : end + rules.CONTEXT_WINDOW]
    return rules.RAS_CONTEXT.occurs(window)


def _opens_clause(text: str, start: int) -> bool:
    """The number opens its line or a clause ("AOVPN user tunnel: 853", "-> 806", "now 939"),
    where the subject of a status line stands (`rules.RAS_STATUS_BEFORE`)."""
    line_start = text.rfind("\n", 0, start) + 1
    return rules.RAS_STATUS_BEFORE.ends(text, max(line_start, start - 12), start)


def _status_subject(text: str, start: int, end: int, defined: bool) -> bool:
    """'853 for three users', 'AOVPN user tunnel: 853 on ~40 machines': for a number that
    opens a status line or clause (`_opens_clause`, the caller found it), what follows says
    whom or since when it hits, or (where `defined` may) what it stands for ('pin: 628 = the
    L2TP/ESP thing')."""
    if text[start - 1 : start] == "#":
        return False  # an issue's number: "#935: Openswan refuses to start"
    after = rules.RAS_STATUS_AFTER.match(text, end) or (
        rules.RAS_DEFINED_AFTER.match(text, end) if defined else None
    )
    if after is None:
        return _endpoint_status(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    # "795: NPS policy ...": a colon after the number only where the number opens its line
    return not after.group().lstrip("`\"'”").startswith(":") or not text[line_start:start].strip()


def _endpoint_status(text: str, start: int, end: int) -> bool:
    """'the clinic router: 919, it wants CHAP': the number alone names what a device gets."""
    return rules.CLAUSE_END_AFTER.match(text, end) is not None and rules.ENDPOINT_COLON_BEFORE.ends(
        text, max(0, start - 16), start
    )


def _glued_after(text: str, end: int) -> bool:
    """'809/udp', '809.5', '809x': the number goes on; '800/806/807' is a list of codes."""
    after = text[end] if end < len(text) else ""
    if after.isascii() and after.isalnum():
        return True  # but "809错误" is error 809
    if after == "/":
        # a port's protocol or a rate ("809/udp", "600/min"); not a list ("800/806/807") or
        # what else the text calls it ("Fehler 691/Policy", "错误 628/在连接完成前")
        if _NEXT_IN_LIST.match(text, end + 1):
            return False
        return text[end + 1 : end + 2].isdigit() or _PER_UNIT.match(text, end + 1) is not None
    if after == "-" and rules.HUNGARIAN_SUFFIX.match(text, end):
        return False
    return after in ".-_" and text[end + 1 : end + 2].isalnum()


def _labelled(text: str, end: int) -> bool:
    """An error label ends at `end`: "error", "ErrorCode", "MS_STATUS", "错误代码"."""
    return bool(
        rules.LABEL_BEFORE.ends(text, max(0, end - 40), end)
        or rules.CAMEL_LABEL_BEFORE.search(text, max(0, end - 40), end)
    )


def _hex_data(text: str, start: int, end: int) -> bool:
    """A hex constant that is data: after an instruction or an address label, on a line of
    disassembly, or among many on its line."""
    line_start, line = _line_of(text, start, end)
    if rules.OPCODE_BEFORE.search(text, max(line_start, start - 80), start):
        return True
    if rules.DATA_LABEL_BEFORE.ends(text, max(0, start - 30), start):
        return True
    if rules.DISASSEMBLY_LINE.match(line):
        return True
    if len(rules.PREFIXED_HEX.findall(line)) >= rules.HEX_DATA_TOKENS:
        label_end = start - 1 if start and text[start - 1] in ":=" else start
        return not rules.LABEL_BEFORE.ends(text, line_start, label_end)
    return False


def _postcode(text: str, start: int, end: int, window: str, strict: bool) -> bool:
    """'13004 Marseille' in an address, 'Marseille (13013)': a postcode, not a code.

    Any code before a town in text with address words; the codes whose numbers are also
    postcodes (the strict ones) beside a town's name alone.
    """
    if rules.TOWN_AFTER.match(text, end) and rules.ADDRESS_WORDS.search(window):
        return True
    before = max(0, start - 60)
    if rules.PLACE_BEFORE_BRACKET.search(text, before, start):
        return True
    return strict and bool(
        rules.TOWN_ALONE_AFTER.match(text, end)
        or rules.TOWN_BEFORE_BRACKET.search(text, before, start)
    )


def _reference(text: str, start: int, end: int) -> bool:
    """'[13801] closed as won't fix': a number in square brackets is a ticket or footnote."""
    before = text[start - 1] if start else ""
    return before == "[" and text.startswith("]", end)


def _cited(text: str, start: int, end: int) -> bool:
    """The number alone in backticks or quotes, cited as a literal: "`13801` on every client"."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before not in rules.CITE_MARKS or after != rules.CITE_MARKS.get(before):
        return False
    return not (
        _next_visible(text, start - 1, -1) in rules.LITERAL_BEFORE
        or _next_visible(text, end + 1, 1) in rules.LITERAL_AFTER
    )


def _next_visible(text: str, position: int, step: int) -> str:
    """The first character that is not whitespace from `position` on (backwards for a
    negative step, starting before `position`), or "" at the text's edge."""
    index = position - 1 if step < 0 else position
    while 0 <= index < len(text) and text[index].isspace():
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _asked_about(text: str, end: int) -> bool:
    """The number is in a question: "how urgent is 13868?", "what does 13843 mean?"."""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    mark = rest.find("?")
    if not 0 <= mark <= rules.QUESTION_WINDOW:
        return False
    # " ? ... : " is a conditional in code: stryMutAct("13827") ? a : b
    return not (rest[mark - 1 : mark] == " " and " : " in rest[mark:])


def find_codes(kb: KnowledgeBase, text: str) -> list[int]:
    """The codes `text` mentions, in order of first appearance."""
    return kb.index(Detector).find_codes(text)

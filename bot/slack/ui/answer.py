"""Answers to what people ask: a query, a set of detected codes, or a request for help."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from slack_sdk.models.blocks import Block, SectionBlock

from bot.detect import find_codes
from bot.domain import ErrorEntry, LookupResult, Outcome, matched_on
from bot.knowledge import KnowledgeBase
from bot.lookup import lookup, suggest
from bot.runtime.gaps import GapLog
from bot.runtime.metrics import Metrics
from bot.slack import ids
from bot.slack.payload import strip_mention
from bot.slack.ui.blocks import Button, Reply, context, section_with_button, sections
from bot.slack.ui.cards import entry_reply, steps_reply, summary_reply
from bot.slack.ui.mrkdwn import clip, echo, escape

# Closest entries offered when a query matches nothing.
SUGGESTIONS = 3
# What a match was found by, as shown under a did-you-mean choice.
WHY_CHARS = 240
NO_CODES = "I found no VPN or IPsec error codes in this message."
HELP_WORDS = frozenset({"help", "-h", "--help", "?", "usage"})
TIP = (
    "Try a code (`13801`), hex (`0x35E9`), HRESULT (`0x800735E9`), a name (`IKE_AUTH_FAIL`), "
    "the error message, or a few words (`no machine cert`). `/ikeerr help` shows everything."
)
HELP = (
    "*ikeerr explains Windows VPN and IPsec errors: IPsec/IKE codes, RAS codes and the "
    "certificate HRESULTs.*\n"
    "• `/ikeerr 13801`: a code, hex (`0x35E9`), HRESULT (`0x800735E9`, `-2147011095`), a name "
    "(`IKE_AUTH_FAIL`), the error message or a few words (`no machine cert`). Only you see the "
    "answer; *Share in channel* posts it for everyone.\n"
    "• `@ikeerr 13801`: the same, in any channel or thread the app is in (slash commands do "
    "not work in threads).\n"
    "• *Explain IPsec errors*: in a message's ⋮ menu, explains every code in that message.\n"
    "• In channels I'm in, I answer VPN and IPsec codes in the message's thread, once per code and "
    "thread for a while."
)


# The lookup outcomes as the metrics report them.
_OUTCOME_LABEL = {
    Outcome.EXACT: "hit",
    Outcome.MATCH: "hit",
    Outcome.AMBIGUOUS: "ambiguous",
    Outcome.NOT_IPSEC: "miss",
    Outcome.NONE: "miss",
}


def answer_query(
    kb: KnowledgeBase,
    query: str,
    metrics: Metrics,
    *,
    shareable: bool,
    gaps: GapLog | None = None,
) -> Reply:
    """Whatever a person typed after /ikeerr or @ikeerr; what it could not answer well is
    recorded in `gaps`."""
    if query.strip().lower() in HELP_WORDS or not query.strip():
        return help_reply()
    with metrics.lookup_seconds.time():
        result = lookup(kb, query)
    metrics.lookups.labels(_OUTCOME_LABEL[result.outcome]).inc()
    if gaps is not None:
        gaps.record_result(result)
    return result_reply(kb, result, shareable=shareable)


def result_reply(kb: KnowledgeBase, result: LookupResult, *, shareable: bool) -> Reply:
    match result.outcome:
        case Outcome.EXACT | Outcome.MATCH:
            entries = [m.entry for m in result.matches]
            if len(entries) > 1 and all(m.score >= 100.0 for m in result.matches):
                return summary_reply(kb, entries, shareable=shareable)  # several codes named
            card = entry_reply(kb, entries[0], shareable=shareable, others=entries[1:])
            return _with_matched_on(result, card)
        case Outcome.AMBIGUOUS:
            return choices_reply(kb, result)
        case Outcome.NOT_IPSEC:
            return note_reply(kb, result.note or "Not a VPN or IPsec error code.")
        case Outcome.NONE:
            return note_reply(
                kb, result.note or "No match.", suggest(kb, result.query, SUGGESTIONS)
            )
        case _:
            assert_never(result.outcome)


def help_reply() -> Reply:
    return Reply((*sections(HELP),), HELP)


def choices_reply(kb: KnowledgeBase, result: LookupResult) -> Reply:
    """One line and an Explain button for each "did you mean" candidate."""
    blocks: list[Block] = [
        *sections(f"“{echo(result.query)}” could mean several errors. Did you mean:")
    ]
    blocks += [_explain_line(match.entry, match.why) for match in result.matches]
    names = ", ".join(f"{m.entry.code} {kb.short_name(m.entry)}" for m in result.matches)
    return Reply(tuple(blocks), f"Did you mean: {names}?")


def note_reply(kb: KnowledgeBase, note: str, suggestions: Sequence[ErrorEntry] = ()) -> Reply:
    """No answer: why (the note echoes the query, so it is escaped), the closest entries, a tip."""
    blocks: list[Block] = [*sections(f":mag: {escape(note)}")]
    text = escape(note)
    if suggestions:
        blocks += sections("*Closest entries*")
        blocks += [_explain_line(entry) for entry in suggestions]
        text += " Closest: " + ", ".join(f"{e.code} {kb.short_name(e)}" for e in suggestions)
    blocks.append(context(TIP))
    return Reply(tuple(blocks), text)


def codes_reply(kb: KnowledgeBase, codes: list[int], *, shareable: bool = True) -> Reply:
    """The compact answer to codes spotted in a message (auto-replies, mentions, the shortcut)."""
    entries = [kb.by_code[code] for code in codes if code in kb.by_code]
    return summary_reply(kb, entries, shareable=shareable)


def explain_codes(kb: KnowledgeBase, codes: list[int]) -> Reply:
    """The shortcut's answer: the full card for one code, the compact list for several."""
    entries = [kb.by_code[code] for code in codes if code in kb.by_code]
    if not entries:
        return note_reply(kb, NO_CODES)
    if len(entries) == 1:
        return entry_reply(kb, entries[0], shareable=True)
    return summary_reply(kb, entries, shareable=True)


def mention_answer(
    kb: KnowledgeBase, text: str, bot_user_id: str, metrics: Metrics, gaps: GapLog | None = None
) -> tuple[Reply, list[int]]:
    """The answer to an @-mention (already public, so no Share button) and the codes it covers."""
    query = strip_mention(text, bot_user_id)
    codes = find_codes(kb, query)
    if len(codes) > 1:
        return codes_reply(kb, codes), codes
    reply = answer_query(kb, query, metrics, shareable=False, gaps=gaps)
    return reply, codes


def direct_answer(
    kb: KnowledgeBase, text: str, metrics: Metrics, gaps: GapLog | None = None
) -> Reply:
    """The answer to a message in the bot's DM: like /ikeerr, but already private, so no
    Share button; several codes get the compact list, as in a mention."""
    codes = find_codes(kb, text)
    if len(codes) > 1:
        return codes_reply(kb, codes, shareable=False)
    return answer_query(kb, text, metrics, shareable=False, gaps=gaps)


def button_answer(
    kb: KnowledgeBase, family: str, entry: ErrorEntry, user: str, *, shareable: bool
) -> tuple[Reply, bool]:
    """What a button click shows, and whether it is for everyone (Share) or the clicker only."""
    if family == ids.ACTION_DIAGNOSE:
        return steps_reply(kb, entry, "diagnose"), False
    if family == ids.ACTION_FIX:
        return steps_reply(kb, entry, "fix"), False
    if family == ids.ACTION_SHARE:
        return entry_reply(kb, entry, shareable=False, shared_by=user), True
    return entry_reply(kb, entry, shareable=shareable), False


def _explain_line(entry: ErrorEntry, why: str = "") -> SectionBlock:
    line = f"*{entry.code}* `{entry.name}`\n{escape(entry.message)}"
    if why:
        line += f"\n_matched {escape(clip(why, WHY_CHARS))}_"
    return section_with_button(line, Button("Explain", ids.ACTION_SHOW, entry.code))


def _with_matched_on(result: LookupResult, card: Reply) -> Reply:
    """The card, headed by what a query that was no code or name matched on."""
    first = result.matches[0]
    said = result.note or matched_on(first.why)
    if not said:
        return card
    return Reply((context(escape(clip(said, WHY_CHARS))), *card.blocks), card.text)

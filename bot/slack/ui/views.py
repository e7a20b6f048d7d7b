"""Slack views: the modal the shortcut opens, the detail modals on top, and the App Home tab."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.blocks.basic_components import DispatchActionConfig
from slack_sdk.models.views import View

from bot.domain import ErrorEntry
from bot.knowledge import KnowledgeBase
from bot.runtime.gaps import COMMENT_CHARS, Comment, Gap
from bot.slack import ids
from bot.slack.ui.answer import HELP
from bot.slack.ui.blocks import (
    VIEW_BLOCKS,
    Button,
    Reply,
    context,
    divider,
    fit,
    header,
    section_with_button,
    sections,
)
from bot.slack.ui.cards import SEVERITY_EMOJI
from bot.slack.ui.mrkdwn import echo, escape

TITLE_LIMIT = 24
METADATA_LIMIT = 3000
SEARCH_HINT = "13801, 0x800735E9, IKE_AUTH_FAIL, no machine cert"


def explain_modal(reply: Reply, metadata: Mapping[str, str]) -> View:
    """What the "Explain IPsec errors" shortcut shows."""
    return _modal(ids.VIEW_EXPLAIN, "Explain IPsec errors", reply, metadata)


def detail_modal(reply: Reply, metadata: Mapping[str, str] | None = None) -> View:
    """A button's answer inside a modal (or from the Home tab)."""
    return _modal(ids.VIEW_DETAIL, "ikeerr", reply, metadata or {})


def home_view(
    kb: KnowledgeBase,
    found: Reply | None = None,
    query: str = "",
    admin: Sequence[Block] = (),
) -> View:
    """The App Home tab: how to use the bot, a search box, the result, the common codes, and
    for admins the gap report."""
    blocks: list[Block] = [
        header("ikeerr: Windows VPN and IPsec errors, explained"),
        *sections(HELP),
    ]
    blocks.append(_search_box())
    if found is not None:
        blocks += [divider(), context(f"Results for “{echo(query)}”"), *found.blocks]
    blocks += [divider(), *sections("*Most asked about*")]
    for entry in kb.common_entries():
        emoji = SEVERITY_EMOJI[entry.severity] if entry.severity is not None else ""
        line = f"{emoji} *{entry.code}* `{entry.name}`\n{escape(entry.message)}"
        button = Button("Explain", ids.ACTION_SHOW, entry.code, slot="top")
        blocks.append(section_with_button(line, button))
    blocks += admin
    return View(type="home", blocks=fit(blocks, VIEW_BLOCKS))


def feedback_modal(entry: ErrorEntry) -> View:
    """What "Not helpful" opens: what was wrong or missing, optional, kept without a name."""
    prompt = (
        f"What was wrong or missing in the answer for *{entry.code}* `{entry.name}`? "
        "Your words go to the maintainers' gap report, without your name."
    )
    box = InputBlock(
        block_id=ids.FEEDBACK_INPUT,
        label=PlainTextObject(text="What was wrong or missing?"),
        optional=True,
        element=PlainTextInputElement(
            action_id=ids.FEEDBACK_INPUT, multiline=True, max_length=COMMENT_CHARS
        ),
    )
    return View(
        type="modal",
        callback_id=ids.VIEW_FEEDBACK,
        title=PlainTextObject(text="Not helpful"),
        submit=PlainTextObject(text="Send"),
        close=PlainTextObject(text="Skip"),
        blocks=[*sections(prompt), box],
        private_metadata=json.dumps({"code": entry.code}),
    )


def gap_report(gaps: Sequence[Gap], comments: Sequence[Comment], days: int) -> list[Block]:
    """The admins' part of App Home: what ikeerr could not answer, what people said."""
    blocks: list[Block] = [divider(), *sections(f"*Gaps of the last {days} days* (admins only)")]
    if gaps:
        lines = [f"{g.count} × _{g.kind.value.replace('_', ' ')}_: {echo(g.text)}" for g in gaps]
        blocks += sections("\n".join(lines))
    else:
        blocks.append(context("Nothing recorded yet."))
    if comments:
        said = [f"{c.day} · *{c.code}*: {echo(c.text)}" for c in comments]
        blocks += [*sections("*Latest “not helpful” comments*"), *sections("\n".join(said))]
    return blocks


def _modal(callback_id: str, title: str, reply: Reply, metadata: Mapping[str, str]) -> View:
    encoded = json.dumps(dict(metadata), separators=(",", ":"))
    return View(
        type="modal",
        callback_id=callback_id,
        title=PlainTextObject(text=title[:TITLE_LIMIT]),
        close=PlainTextObject(text="Close"),
        blocks=fit(reply.blocks, VIEW_BLOCKS),
        private_metadata=encoded if len(encoded) <= METADATA_LIMIT else "{}",
    )


def _search_box() -> InputBlock:
    return InputBlock(
        block_id=ids.ACTION_SEARCH,
        label=PlainTextObject(text="Look up an error"),
        dispatch_action=True,
        element=PlainTextInputElement(
            action_id=ids.ACTION_SEARCH,
            placeholder=PlainTextObject(text=SEARCH_HINT),
            dispatch_action_config=DispatchActionConfig(trigger_actions_on=["on_enter_pressed"]),
        ),
    )

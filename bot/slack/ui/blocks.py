"""Block Kit building blocks that always stay within Slack's limits, and the Reply they form."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.slack.ids import action_id
from bot.slack.ui.mrkdwn import ELLIPSIS, chunk_lines, clip

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
SECTION_TEXT = 3000
CONTEXT_TEXT = 3000
HEADER_TEXT = 150
BUTTON_LABEL = 75
ACTIONS_ELEMENTS = 25
CONTEXT_ELEMENTS = 10
# The fallback `text` feeds notifications and screen readers; it never needs to be long.
FALLBACK_TEXT = 3000
CUT_NOTE = "The answer is longer than Slack allows; run `ikeerr lookup CODE` for all of it."


@dataclass(frozen=True)
class Reply:
    """One answer: Block Kit blocks, plus the plain `text` shown where blocks cannot be."""

    blocks: tuple[Block, ...]
    text: str

    @cached_property
    def message_blocks(self) -> list[dict[str, Any]]:
        """The blocks as a message's JSON, at most MESSAGE_BLOCKS; built once (read, never edit)."""
        return [block.to_dict() for block in fit(self.blocks, MESSAGE_BLOCKS)]

    def fallback(self) -> str:
        return clip(self.text, FALLBACK_TEXT)


@dataclass(frozen=True)
class Button:
    label: str
    family: str
    code: int
    style: str | None = None
    slot: str = ""
    url: str = ""  # a link button opens this page (Slack still sends the click, to be acked)


def header(text: str) -> HeaderBlock:
    """A header; plain text, so nothing in it is ever parsed as markup."""
    return HeaderBlock(text=PlainTextObject(text=_shorten(text, HEADER_TEXT), emoji=True))


def sections(mrkdwn: str) -> list[SectionBlock]:
    """Escaped mrkdwn as one or more sections of at most SECTION_TEXT characters."""
    return [
        SectionBlock(text=MarkdownTextObject(text=piece, verbatim=True))
        for piece in chunk_lines(mrkdwn, SECTION_TEXT)
    ]


def section_with_button(mrkdwn: str, button: Button) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=clip(mrkdwn, SECTION_TEXT), verbatim=True),
        accessory=_button(button),
    )


def context(*mrkdwn: str) -> ContextBlock:
    elements = [
        MarkdownTextObject(text=clip(text, CONTEXT_TEXT), verbatim=True)
        for text in mrkdwn[:CONTEXT_ELEMENTS]
    ]
    return ContextBlock(elements=elements)


def actions(buttons: Sequence[Button]) -> list[ActionsBlock]:
    """Rows of buttons, at most ACTIONS_ELEMENTS to a row."""
    return [
        ActionsBlock(elements=[_button(b) for b in buttons[start : start + ACTIONS_ELEMENTS]])
        for start in range(0, len(buttons), ACTIONS_ELEMENTS)
    ]


def divider() -> DividerBlock:
    return DividerBlock()


def fit(blocks: Iterable[Block], limit: int) -> list[Block]:
    """At most `limit` blocks; a cut answer says so in its last block."""
    kept = list(blocks)
    if len(kept) <= limit:
        return kept
    return [*kept[: limit - 1], context(CUT_NOTE)]


def _button(button: Button) -> ButtonElement:
    return ButtonElement(
        text=PlainTextObject(text=_shorten(button.label, BUTTON_LABEL), emoji=True),
        action_id=action_id(button.family, button.code, button.slot),
        value=str(button.code),
        style=button.style,
        url=button.url or None,
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS

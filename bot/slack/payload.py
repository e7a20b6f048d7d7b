"""Reading Slack payloads: message text, threads, mentions, and where an interaction came from."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from bot.slack.block_text import block_texts
from bot.slack.ids import family_of

OriginKind = Literal["ephemeral", "message", "modal", "home"]
# Monitoring bots often put the error in attachments rather than in `text`.
_ATTACHMENT_FIELDS = ("pretext", "title", "text", "fallback")
# Attachment keys that only link previews (unfurls) carry.
_PREVIEW_KEYS = ("from_url", "original_url", "is_app_unfurl", "app_unfurl_url")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


@dataclass(frozen=True)
class BotIdentity:
    """Who the app is in this workspace (from auth.test), to recognise its own messages."""

    user_id: str
    bot_id: str


@dataclass(frozen=True)
class Origin:
    """Where an interaction came from, which decides how its answer is delivered."""

    kind: OriginKind
    user: str
    channel: str = ""
    thread_ts: str = ""
    message_ts: str = ""
    response_url: str = ""
    trigger_id: str = ""
    view_id: str = ""
    metadata: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Click:
    family: str
    code: int | None
    value: str


def message_text(message: Mapping[str, Any]) -> str:
    """What the message shows people: its text, its Block Kit, and its attachments.

    Link previews that Slack (or an app) added to a person's message are left out: they quote
    the linked page, not the person. Block text that only repeats `text` is not added twice.
    """
    parts: list[object] = [message.get("text")]
    human = not message.get("bot_id") and message.get("subtype") != "bot_message"
    parts += block_texts(message.get("blocks"))
    for attachment in _dicts(message.get("attachments")):
        if _is_preview(attachment, human):
            continue
        parts += [attachment.get(field) for field in _ATTACHMENT_FIELDS]
        parts += [f.get("value") for f in _dicts(attachment.get("fields"))]
        parts += block_texts(attachment.get("blocks"))
    return "\n".join(_without_repeats(part for part in parts if isinstance(part, str) and part))


def _is_preview(attachment: Mapping[str, Any], human: bool) -> bool:
    """An unfurl: Slack's link preview or an app's, not something the sender wrote."""
    if any(attachment.get(key) for key in _PREVIEW_KEYS):
        return True
    return human and bool(attachment.get("service_name"))


def _without_repeats(parts: Iterable[str]) -> list[str]:
    """Each part once; a part already contained in an earlier one (spacing aside) is dropped."""
    kept: list[str] = []
    seen: list[str] = []
    for part in parts:
        folded = " ".join(part.split())
        if folded and not any(folded in earlier for earlier in seen):
            kept.append(part)
            seen.append(folded)
    return kept


def thread_of(message: Mapping[str, Any]) -> str:
    """The thread a reply belongs in: the message's thread, or the message itself."""
    return str(message.get("thread_ts") or message.get("ts") or "")


@lru_cache(maxsize=8)
def mention_pattern(user_id: str) -> re.Pattern[str]:
    """`<@U123>` or `<@U123|name>` for one user."""
    return re.compile(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>")


def strip_mention(text: str, user_id: str) -> str:
    """The text of an @-mention without the bot's own mention."""
    return mention_pattern(user_id).sub(" ", text).strip()


def safe_user_id(value: object) -> str:
    """A Slack user ID, or "" when the value is anything else (it is embedded in mrkdwn)."""
    return value if isinstance(value, str) and _USER_ID.fullmatch(value) else ""


def click_of(body: Mapping[str, Any]) -> Click | None:
    """The button (or search box) a block_actions payload reports."""
    action = next(iter(_dicts(body.get("actions"))), None)
    if action is None:
        return None
    value = str(action.get("value") or "")
    code = int(value) if value.isdigit() and len(value) <= 10 else None  # HRESULTs: 10 digits
    return Click(family_of(str(action.get("action_id", ""))), code, value)


def origin_of(body: Mapping[str, Any]) -> Origin:
    """Where a block_actions or shortcut payload came from."""
    container = _dict(body.get("container"))
    user = safe_user_id(_dict(body.get("user")).get("id"))
    trigger = str(body.get("trigger_id", ""))
    if container.get("type") == "view" or "view" in body:
        view = _dict(body.get("view"))
        kind: OriginKind = "home" if view.get("type") == "home" else "modal"
        view_id = str(view.get("id", ""))
        return Origin(kind, user, trigger_id=trigger, view_id=view_id, metadata=_metadata(view))
    message = _dict(body.get("message"))
    channel = str(container.get("channel_id") or _dict(body.get("channel")).get("id") or "")
    return Origin(
        "ephemeral" if container.get("is_ephemeral") else "message",
        user,
        channel=channel,
        thread_ts=str(container.get("thread_ts") or message.get("thread_ts") or ""),
        message_ts=str(container.get("message_ts") or message.get("ts") or ""),
        response_url=str(body.get("response_url", "")),
        trigger_id=trigger,
    )


def shortcut_target(body: Mapping[str, Any]) -> dict[str, str]:
    """Where "Share in channel" posts from the shortcut's modal: the message's thread."""
    message = _dict(body.get("message"))
    return {
        "channel": str(_dict(body.get("channel")).get("id", "")),
        "thread_ts": thread_of(message),
        "response_url": str(body.get("response_url", "")),
    }


def _metadata(view: Mapping[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _dict(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _dicts(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []

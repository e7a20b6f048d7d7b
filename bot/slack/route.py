"""Where an interaction's answer goes: privately to the person who clicked, or to everyone."""

from __future__ import annotations

from typing import assert_never

from slack_sdk import WebClient

from bot.slack.delivery import Delivery
from bot.slack.payload import Origin
from bot.slack.ui.blocks import Reply
from bot.slack.ui.views import detail_modal


def answer_privately(send: Delivery, client: WebClient, origin: Origin, reply: Reply) -> bool:
    """Only the person who asked sees it, next to what they clicked."""
    match origin.kind:
        case "ephemeral":
            return send.post_response(origin.response_url, reply)
        case "message":
            # In the thread of the message clicked; the response URL is the fallback.
            sent = send.post_ephemeral(client, origin.channel, origin.user, reply, origin.thread_ts)
            return sent or send.post_response(origin.response_url, reply)
        case "modal":
            view = detail_modal(reply, origin.metadata)
            return send.push_view(client, origin.trigger_id, view, origin.view_id)
        case "home":
            return send.open_view(client, origin.trigger_id, detail_modal(reply))
        case _:
            assert_never(origin.kind)


def share_publicly(send: Delivery, client: WebClient, origin: Origin, reply: Reply) -> bool:
    """Everyone in the conversation sees it, in the thread the interaction started from."""
    match origin.kind:
        case "ephemeral":
            return send.post_response(
                origin.response_url, reply, public=True, thread_ts=origin.thread_ts
            )
        case "message":
            thread = origin.thread_ts or origin.message_ts
            return send.post_message(client, origin.channel, reply, thread)
        case "modal":
            meta = origin.metadata or {}
            url, thread = meta.get("response_url", ""), meta.get("thread_ts", "")
            if url and send.post_response(url, reply, public=True, thread_ts=thread):
                return True
            channel = meta.get("channel", "")
            return bool(channel) and send.post_message(client, channel, reply, thread)
        case "home":
            return answer_privately(send, client, origin, reply)  # the Home tab has no audience
        case _:
            assert_never(origin.kind)

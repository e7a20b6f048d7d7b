"""Sending answers to Slack: Web API calls and response URLs, retried, counted, never raising."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    RetryHandler,
)
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.models.views import View
from slack_sdk.web import SlackResponse
from slack_sdk.webhook import WebhookClient

from bot.runtime.metrics import Metrics
from bot.slack.ui.blocks import Reply

logger = logging.getLogger(__name__)

# A busy workspace can be rate-limited for a few seconds; two waits cover the usual case.
RATE_LIMIT_RETRIES = 2
CONNECTION_RETRIES = 2
SERVER_ERROR_RETRIES = 2
TIMEOUT_SECONDS = 10.0


def retry_handlers() -> list[RetryHandler]:
    """Retry on connection errors, on 500/503, and on 429 after the Retry-After Slack asks for.

    A read timeout is not retried: the request may have been handled, and a retry could post
    the same answer twice.
    """
    return [
        ConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
        ServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
    ]


class Delivery:
    """Every way the app sends an answer; each returns whether Slack took it."""

    def __init__(self, metrics: Metrics, timeout: float = TIMEOUT_SECONDS) -> None:
        self._metrics = metrics
        self._timeout = timeout

    def post_message(
        self, client: WebClient, channel: str, reply: Reply, thread_ts: str = ""
    ) -> bool:
        """Post for everyone in the channel (in `thread_ts` when given)."""
        return bool(self.post_message_ts(client, channel, reply, thread_ts))

    def post_message_ts(
        self, client: WebClient, channel: str, reply: Reply, thread_ts: str = ""
    ) -> str:
        """Post like `post_message`; the posted message's ts, or "" when it was not posted."""
        response = self._send(
            "chat.postMessage",
            lambda: client.chat_postMessage(
                channel=channel, thread_ts=thread_ts or None, **_message(reply)
            ),
        )
        return str(response.get("ts") or "") if isinstance(response, SlackResponse) else ""

    def permalink(self, client: WebClient, channel: str, ts: str) -> str:
        """A link to a message ("" when Slack does not give one: the answer goes without it)."""
        response = self._send(
            "chat.getPermalink", lambda: client.chat_getPermalink(channel=channel, message_ts=ts)
        )
        return str(response.get("permalink") or "") if isinstance(response, SlackResponse) else ""

    def update_message(self, client: WebClient, channel: str, ts: str, reply: Reply) -> bool:
        """Replace a message the app posted (chat.update on its own ts)."""
        return self._call(
            "chat.update", lambda: client.chat_update(channel=channel, ts=ts, **_message(reply))
        )

    def delete_message(self, client: WebClient, channel: str, ts: str) -> bool:
        """Delete a message the app posted; one already gone counts as deleted."""
        return (
            self._send(
                "chat.delete",
                lambda: client.chat_delete(channel=channel, ts=ts),
                done_if=("message_not_found",),
            )
            is not None
        )

    def post_ephemeral(
        self, client: WebClient, channel: str, user: str, reply: Reply, thread_ts: str = ""
    ) -> bool:
        """Post for one person only."""
        return self._call(
            "chat.postEphemeral",
            lambda: client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts or None, **_message(reply)
            ),
        )

    def post_response(
        self,
        url: str,
        reply: Reply,
        *,
        public: bool = False,
        thread_ts: str = "",
        replace: bool = False,
    ) -> bool:
        """Answer through an interaction's response URL: private by default, or in the channel."""
        if not url:
            logger.warning("no response_url to answer through")
            return False
        body: dict[str, Any] = {
            "response_type": "in_channel" if public else "ephemeral",
            "replace_original": replace,
            **_message(reply),
        }
        if thread_ts:
            body["thread_ts"] = thread_ts
        # urllib takes fractional seconds, whatever the int annotation says.
        timeout: Any = self._timeout
        webhook = WebhookClient(url, timeout=timeout, retry_handlers=retry_handlers())
        try:
            response = webhook.send_dict(body)
        except (SlackClientError, OSError) as error:
            self._count_error("response_url", type(error).__name__)
            logger.warning("response_url post failed: %s", error)
            return False
        if response.status_code != 200:
            self._count_error("response_url", str(response.status_code))
            logger.warning("response_url post failed: %s %s", response.status_code, response.body)
            return False
        return True

    def open_view(self, client: WebClient, trigger_id: str, view: View) -> bool:
        return self._call("views.open", lambda: client.views_open(trigger_id=trigger_id, view=view))

    def push_view(self, client: WebClient, trigger_id: str, view: View, view_id: str = "") -> bool:
        """Stack a modal on the current one; past Slack's stack limit, replace the current one."""
        try:
            client.views_push(trigger_id=trigger_id, view=view)
            return True
        except SlackApiError as error:
            if error.response.get("error") != "push_limit_reached" or not view_id:
                self._log_api_error("views.push", error)
                return False
        return self._call("views.update", lambda: client.views_update(view_id=view_id, view=view))

    def publish_home(self, client: WebClient, user: str, view: View) -> bool:
        return self._call("views.publish", lambda: client.views_publish(user_id=user, view=view))

    def _call(self, method: str, send: Callable[[], object]) -> bool:
        """Run one Web API call; log (never raise) what Slack or the network refused."""
        return self._send(method, send) is not None

    def _send(
        self, method: str, send: Callable[[], object], done_if: tuple[str, ...] = ()
    ) -> object | None:
        """The call's response, or None (logged and counted) when Slack or the network refused;
        an error in `done_if` (still logged and counted) means the work is done anyway."""
        try:
            return send()
        except SlackApiError as error:
            self._log_api_error(method, error)
            if error.response.get("error") in done_if:
                return error  # the refusal itself: what was to be done is already so
        except (SlackClientError, OSError) as error:
            self._count_error(method, type(error).__name__)
            logger.warning("%s failed: %s", method, error)
        return None

    def _log_api_error(self, method: str, error: SlackApiError) -> None:
        # not_in_channel, channel_not_found, is_archived, expired_trigger_id...: the answer is
        # lost, the app is fine.
        code = str(error.response.get("error") or error.response.status_code)
        self._count_error(method, code)
        logger.warning("%s failed: %s", method, code)

    def _count_error(self, method: str, error: str) -> None:
        self._metrics.slack_errors.labels(method, error).inc()


def _message(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.fallback(),
        "blocks": reply.message_blocks,
        "unfurl_links": False,
        "unfurl_media": False,
    }

"""Channel names for name-pattern rules (inc-*): conversations.info, cached for a while."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

logger = logging.getLogger(__name__)

# Renames are rare; an hour-old name at worst delays a rule change by an hour.
NAME_TTL = 3600.0
# A channel Slack would not describe is asked about again after this long, not on every message.
MISS_TTL = 300.0


class ChannelNames:
    """Channel ID to name, through conversations.info, remembered for NAME_TTL seconds."""

    def __init__(self, client: WebClient, clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._clock = clock
        self._cache: dict[str, tuple[str | None, float]] = {}
        self._lock = threading.Lock()

    def name_of(self, channel_id: str) -> str | None:
        now = self._clock()
        with self._lock:
            cached = self._cache.get(channel_id)
        if cached is not None and cached[1] > now:
            return cached[0]
        name = self._fetch(channel_id)
        with self._lock:
            self._cache[channel_id] = (name, now + (NAME_TTL if name else MISS_TTL))
        return name

    def _fetch(self, channel_id: str) -> str | None:
        try:
            response = self._client.conversations_info(channel=channel_id)
        except SlackApiError as error:
            logger.warning(
                "conversations.info %s failed: %s", channel_id, error.response.get("error")
            )
            return None
        except (SlackClientError, OSError) as error:
            logger.warning("conversations.info %s failed: %s", channel_id, error)
            return None
        channel = response.get("channel")
        name = channel.get("name") if isinstance(channel, dict) else None
        return name if isinstance(name, str) else None

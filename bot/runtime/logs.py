"""Log setup for the server: plain or JSON lines, with secrets scrubbed from every record."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable

# Slack tokens, and response URLs (anyone holding one can post as the app for 30 minutes).
_SECRET_PATTERNS = (
    r"xox[abposre]-[0-9A-Za-z-]+",
    r"xapp-[0-9A-Za-z-]+",
    r"https?://[^\s/]+/(?:commands|actions)/[^\s\"'<>]+",
)
REDACTED = "[redacted]"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Rewrites each record's final message so no token, secret or response URL is kept."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        literal = [re.escape(secret) for secret in secrets if len(secret) >= 8]
        self._pattern = re.compile("|".join([*_SECRET_PATTERNS, *literal]))

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = self._pattern.sub(REDACTED, message)
        if record.exc_info and record.exc_text is None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._pattern.sub(REDACTED, record.exc_text)
        record.msg, record.args = scrubbed, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the traceback, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def configure_logging(json_lines: bool, secrets: Iterable[str] = ()) -> None:
    """Route every logger to stderr through the secret filter, as text or JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactSecrets(secrets))
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)

"""Detection: the error codes that chat text or a log really mentions, at regex speed.

May import: `bot.knowledge`, `bot.domain`, `bot.numeric`, `bot.normalize` and rapidfuzz.
"""

from bot.detect.detector import Detector, find_codes

__all__ = ["Detector", "find_codes"]

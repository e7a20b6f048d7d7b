"""Handing a listener's work to the pool: at once, or held until the HTTP response is sent."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Start = Callable[[], object]

_held = threading.local()


def hand_off(start: Start) -> None:
    """Start the work now, or, inside `holding()`, once the response has gone out.

    Starting a worker thread while the request thread still writes the ack makes the two
    fight over the GIL; holding the start until the WSGI body is closed keeps acks as fast as
    a Bolt app that does nothing.
    """
    held: list[Start] | None = getattr(_held, "starts", None)
    if held is None:
        start()
    else:
        held.append(start)


@contextmanager
def holding() -> Iterator[list[Start]]:
    """Collect the work handed off in this thread; the caller runs it with `start_all`."""
    previous = getattr(_held, "starts", None)
    held: list[Start] = []
    _held.starts = held
    try:
        yield held
    finally:
        _held.starts = previous


def start_all(starts: list[Start]) -> None:
    for start in starts:
        start()

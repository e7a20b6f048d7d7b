"""The HTTP server: waitress serving one WSGI app on a port until stopped from any thread."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from bot.slack.transport.wsgi import SlackWSGI

# waitress threads only verify, parse and ack (the answers run on the worker pool), so a
# handful serve a busy workspace.
HTTP_THREADS = 8


class HttpServer:
    """waitress serving one WSGI app until stop(); port 0 picks a free port (tests, benchmarks).

    waitress has no public API to stop a server it serves: `serve()` runs until the process
    ends. This class runs waitress's own loop on a socket map of its own and ends it through
    `pull_trigger()` and `task_dispatcher`, which is why pyproject.toml pins waitress below
    its next major version; check these two internals before raising that bound.
    """

    def __init__(self, wsgi: SlackWSGI, host: str, port: int) -> None:
        self._map: dict[int, Any] = {}  # our own socket map, so stop() can end just this server
        server = create_server(
            wsgi, map=self._map, host=host, port=port, threads=HTTP_THREADS, ident="ikeerr"
        )
        assert isinstance(server, BaseWSGIServer) and server.socket is not None  # one socket
        self._server = server
        self._stopping = threading.Event()
        self.host = host
        self.port: int = server.socket.getsockname()[1]

    def run(self) -> None:
        """Serve until stop() is called from any thread; then close everything, here."""
        adj = self._server.adj
        try:
            while not self._stopping.is_set():
                wasyncore.loop(adj.asyncore_loop_timeout, adj.asyncore_use_poll, self._map, 1)
        finally:
            self._server.task_dispatcher.shutdown()
            wasyncore.close_all(self._map)

    def stop(self) -> None:
        self._stopping.set()
        # wake the loop now rather than at its next timeout; a loop that has ended has closed
        # its trigger already, and has nothing to wake
        with contextlib.suppress(OSError):
            self._server.pull_trigger()

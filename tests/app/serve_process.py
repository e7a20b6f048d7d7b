"""`ikeerr serve` in a child process, as a deployment runs it, with its log lines collected."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# HTTP mode logs where it takes events; Socket Mode where its health endpoints are.
LISTENING = re.compile(r"(?:listening on|health on) http://127\.0\.0\.1:(\d+)/")


def serve_env(api_url: str, **values: str) -> dict[str, str]:
    """The parent's environment without Slack or ikeerr settings, plus `values`."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "IKEERR_", "REDIS_", "PORT"))
    }
    # faulthandler prints every thread's stack on SIGABRT: what a process that won't stop waits on
    base = {
        "IKEERR_HOST": "127.0.0.1",
        "PORT": "0",
        "SLACK_API_URL": api_url,
        "PYTHONFAULTHANDLER": "1",
    }
    return keep | base | {"IKEERR_CACHE_DIR": "off"} | values


class ServeProcess:
    """Starts `ikeerr serve`, waits until it listens, and keeps every stderr line."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            env=env,
            cwd=ROOT,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: list[str] = []
        self._new: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._collect, daemon=True).start()
        found = self.wait_for_line(LISTENING, timeout=60)
        self.port = int(found.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    def _collect(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            self._new.put(line)

    def wait_for_line(self, pattern: re.Pattern[str], timeout: float = 15) -> re.Match[str]:
        """The first log line (seen or to come) that matches `pattern`."""
        for line in list(self.lines):
            if found := pattern.search(line):
                return found
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = self._new.get(timeout=remaining)
            except queue.Empty:
                break
            if found := pattern.search(line):
                return found
        raise AssertionError(f"no log line matching {pattern.pattern!r}:\n{''.join(self.lines)}")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, body: str, headers: dict[str, str]) -> int:
        request = urllib.request.Request(
            self.url + "/slack/events", data=body.encode(), headers=headers
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)

    def signal(self, number: signal.Signals) -> None:
        self.process.send_signal(number)

    def wait_for_exit(self, timeout: float = 30) -> int:
        """The exit status; a process still running after `timeout` fails with its thread stacks."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)
            self.process.wait(timeout=10)
            time.sleep(0.5)  # the collector thread reads the last lines
            raise AssertionError(
                f"still running {timeout:.0f} s later:\n{''.join(self.lines)}"
            ) from None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

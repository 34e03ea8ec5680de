"""A real ``factcheck serve`` for the tests that need one: its own process, on 127.0.0.1.

``running_server(*args)`` starts ``python -m factcheck.cli serve --port 0 …``, waits for its
"ready on URL" line, yields the URL and stops the server (SIGTERM, then SIGKILL) afterwards.
Its stderr is drained by a thread all along (one line per request would otherwise fill the
pipe) and kept in ``Server.log``. ``post``/``get`` are stdlib HTTP calls on one connection.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120.0


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 80

    def connection(self, timeout: float = 60.0) -> http.client.HTTPConnection:
        """A connection with Nagle's algorithm off, as curl and browsers have it: http.client
        sends a body over 2,920 bytes after its headers, and the second send would otherwise
        wait for the server's delayed ACK (40 ms on Linux)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        conn.connect()
        assert conn.sock is not None
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn


@contextmanager
def running_server(*args: str, cwd: Path = ROOT) -> Iterator[Server]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("FACTCHECK_SERVE_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli", "serve", "--port", "0", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stderr is not None
    lines: list[str] = []
    ready = threading.Event()
    url: list[str] = []

    def drain() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            if "factcheck serve: ready on " in line and not url:
                url.append(line.split("ready on ", 1)[1].split()[0])
                ready.set()
        ready.set()  # the server exited

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready.wait(0.1):
            if time.monotonic() > deadline:
                raise AssertionError("factcheck serve did not start:\n" + "\n".join(lines))
        if not url:
            raise AssertionError("factcheck serve exited:\n" + "\n".join(lines))
        yield Server(url[0], proc, lines)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(20)
        reader.join(5)


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, dict[str, str]]:
    """One request on ``conn`` (kept alive); returns status, body text and headers."""
    data = json.dumps(body).encode("utf-8") if body is not None else None
    sent = {"Content-Type": "application/json"} if data is not None else {}
    conn.request(method, path, body=data, headers={**sent, **(headers or {})})
    response = conn.getresponse()
    text = response.read().decode("utf-8")
    return response.status, text, {k.lower(): v for k, v in response.getheaders()}

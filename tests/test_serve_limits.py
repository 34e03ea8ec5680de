"""The service's limits, on a real server on 127.0.0.1 whose checker processes run a stand-in
checker (``sleep N``, ``crash``): checks run off the event loop (``/healthz`` answers while one
runs), past the time budget a check is a 503 and its process is replaced, past the bound of
checks in flight a request is a 503 with ``Retry-After``, a checker that dies is a 500 and is
replaced, and the bearer token is required everywhere but ``/healthz``.

The stand-in replaces only what a checker process computes; the pool, its processes, pipes,
kills and restarts, the app and uvicorn are the real ones. (Real checks are in
``test_serve_api.py`` and ``test_serve_load.py``.)
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra is in the test extra")
uvicorn = pytest.importorskip("uvicorn", reason="the serve extra is in the test extra")

from factcheck.serve.app import ServeOptions, create_app  # noqa: E402
from factcheck.serve.job import CheckJob  # noqa: E402
from factcheck.serve.pool import PoolLimits, WorkerPool  # noqa: E402
from factcheck.serve.worker import Reply  # noqa: E402

TOKEN = "s3cret-t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BUDGET = 1.5  # seconds; the stand-in's sleeps are far longer, so a time-out is certain
LONG = 120  # a sleep that only a kill ends


def stand_in_setup(arg: object) -> object:
    return arg


def stand_in_handle(state: object, job: CheckJob) -> Reply:
    """Echo the text; ``sleep N`` sleeps first; ``crash`` dies as a segfault would."""
    if job.text.startswith("sleep "):
        time.sleep(float(job.text.split()[1]))
    if job.text == "crash":
        os._exit(11)
    return Reply(200, json.dumps({"echo": job.text, "pid": os.getpid()}))


def _pool(options: ServeOptions) -> WorkerPool:
    return WorkerPool(stand_in_setup, None, stand_in_handle, options.limits)


class Live:
    def __init__(self, port: int) -> None:
        self.port = port

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=LONG)
        try:
            data = json.dumps(body).encode() if body is not None else None
            sent = {"Content-Type": "application/json"} if data is not None else {}
            conn.request(method, path, body=data, headers={**sent, **(headers or {})})
            r = conn.getresponse()
            got = {k.lower(): v for k, v in r.getheaders()}
            return r.status, json.loads(r.read() or b"null"), got
        finally:
            conn.close()

    def check(self, text: str) -> tuple[int, dict[str, Any], dict[str, str]]:
        return self.call("POST", "/v1/check", {"text": text}, AUTH)

    def health(self) -> dict[str, Any]:
        return self.call("GET", "/healthz")[1]

    def wait_for(self, key: str, value: int) -> dict[str, Any]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            h = self.health()
            if h[key] == value:
                return h
            time.sleep(0.05)
        raise AssertionError(f"/healthz never showed {key}={value}: {h}")


@pytest.fixture(scope="module")
def live() -> Iterator[Live]:
    options = ServeOptions(
        limits=PoolLimits(workers=1, max_pending=2, timeout=BUDGET), token=TOKEN, retry_after=7
    )
    app = create_app(options, pool=_pool)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield Live(sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def test_a_check_answers(live: Live) -> None:
    status, data, _ = live.check("hello")
    assert status == 200 and data["echo"] == "hello"


def test_healthz_answers_while_a_check_runs_and_the_budget_ends_it(live: Live) -> None:
    with ThreadPoolExecutor(1) as ex:
        slow = ex.submit(live.check, f"sleep {LONG}")
        busy = live.wait_for("busy", 1)  # answered while the only checker is busy
        assert busy["status"] == "ok" and busy["in_flight"] == 1
        status, data, headers = slow.result(timeout=LONG)
    assert status == 503 and data["error"]["code"] == "timeout"
    assert "retry-after" not in headers  # the same story would overrun again
    after = live.wait_for("idle", 1)
    assert after["restarts"] >= 1
    status, data, _ = live.check("after")
    assert status == 200 and data["echo"] == "after"


def test_past_the_bound_a_request_is_refused_at_once(live: Live) -> None:
    with ThreadPoolExecutor(2) as ex:
        first = [ex.submit(live.check, f"sleep {LONG}") for _ in range(2)]
        live.wait_for("in_flight", 2)
        status, data, headers = live.check("one too many")
        assert status == 503 and data["error"]["code"] == "overloaded"
        assert headers["retry-after"] == "7"
        results = [f.result(timeout=LONG) for f in first]
    assert [(s, d["error"]["code"]) for s, d, _ in results] == [(503, "timeout")] * 2
    live.wait_for("idle", 1)
    assert live.check("again")[0] == 200


def test_a_checker_that_dies_is_replaced(live: Live) -> None:
    pid = live.check("who")[1]["pid"]
    status, data, _ = live.check("crash")
    assert status == 500 and data["error"]["code"] == "checker-died"
    live.wait_for("idle", 1)
    status, data, _ = live.check("who")
    assert status == 200 and data["pid"] != pid


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/v1/check"), ("GET", "/v1/rules"), ("GET", "/"), ("GET", "/static/page.js")],
)
def test_the_token_is_required(live: Live, headers: dict[str, str], method: str, path: str) -> None:
    status, data, sent = live.call(
        method, path, {"text": "x"} if method == "POST" else None, headers
    )
    assert status == 401 and data["error"]["code"] == "unauthorized"
    assert sent["www-authenticate"] == "Bearer"


def test_healthz_needs_no_token(live: Live) -> None:
    status, data, _ = live.call("GET", "/healthz")
    assert status == 200 and data["status"] == "ok"

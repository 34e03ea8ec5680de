"""Load: 200 requests from 20 concurrent clients against a real ``factcheck serve`` started here
on 127.0.0.1 (two checker processes, the default limits). Every response is the right report
for its story, byte for byte, and none is lost or refused. (No timing is asserted: speed is
``benchmarks/serve_bench.py``'s.)
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from serving import Server, request, running_server

pytest.importorskip("starlette", reason="the serve extra is in the test extra")
pytest.importorskip("uvicorn", reason="the serve extra is in the test extra")

from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 20
REQUESTS = 200
SEED = (ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt").read_text(encoding="utf-8")
STORIES = {  # name → text: the seed, the examples, and small stories with and without findings
    "seed.txt": SEED,
    "rail-fine.md": (ROOT / "examples/articles/rail-fine.md").read_text(encoding="utf-8"),
    "energy-deal.html": (ROOT / "examples/articles/energy-deal.html").read_text(encoding="utf-8"),
    "slip.txt": "The deal was worth $5billion (£3.5m), the company said.\n",
    "clean.txt": "The club paid £10m for the striker, its biggest signing since 2012.\n",
    "growth.txt": "Sales rose 20% from 100,000 to 150,000 units in a year.\n",
}


def expected(name: str, text: str) -> str:
    """What ``factcheck -f json --stdin-filename NAME -`` prints for ``text``, in-process."""
    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    try:
        with redirect_stdout(out):
            main(["-f", "json", "--isolated", "--stdin-filename", name, "-"])
    finally:
        sys.stdin = saved
    return out.getvalue()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("--workers", "2", "--isolated", "--log-level", "warning") as s:
        yield s


def test_200_requests_from_20_clients(server: Server) -> None:
    wanted = {name: expected(name, text) for name, text in STORIES.items()}
    names = sorted(STORIES)
    plan = [names[i % len(names)] for i in range(REQUESTS)]

    def client(k: int) -> list[tuple[str, int, str]]:
        conn = server.connection()
        try:
            mine = plan[k::CLIENTS]  # ten requests each, kept alive on one connection
            return [
                (n, *request(conn, "POST", "/v1/check", {"text": STORIES[n], "path": n})[:2])
                for n in mine
            ]
        finally:
            conn.close()

    with ThreadPoolExecutor(CLIENTS) as pool:
        answers = [a for batch in pool.map(client, range(CLIENTS)) for a in batch]
    assert len(answers) == REQUESTS
    statuses = Counter(status for _, status, _ in answers)
    assert statuses == {200: REQUESTS}, statuses
    wrong = [n for n, _, body in answers if body != wanted[n]]
    assert wrong == []
    assert Counter(n for n, _, _ in answers) == Counter(plan)  # each story answered as often
    health = json.loads(request(server.connection(), "GET", "/healthz")[1])
    assert health["restarts"] == 0 and health["in_flight"] == 0
    assert not any("error" in line.lower() for line in server.log)

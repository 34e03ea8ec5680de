"""``factcheck serve`` under load: requests per second and p50/p99 latency for the seed article
at 1, 8 and 32 concurrent clients.

Starts a real server on 127.0.0.1 (``--workers``, default 2: one per core of the development
machine), warms it up, then for each concurrency sends ``--requests`` POST /v1/check of the
seed, each client on its own kept-alive connection (stdlib ``http.client`` in threads of this
process, which shares the machine's cores with the server). Every answer is checked against
the command line's report of the seed; a wrong or refused one is counted and reported.

    python benchmarks/serve_bench.py [--requests 400] [--workers 2] [--clients 1,8,32]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serving import request, running_server  # noqa: E402

from factcheck.cli import main as cli  # noqa: E402

SEED_PATH = "seeds/facebook-cambridge-analytica-2018.txt"
SEED = (ROOT / SEED_PATH).read_text(encoding="utf-8")


def expected() -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        cli(["-f", "json", "--isolated", SEED_PATH])
    return out.getvalue()


def run(server: object, clients: int, total: int, want: str) -> dict[str, float]:
    latencies: list[float] = []
    wrong = [0]
    lock = threading.Lock()
    body = {"text": SEED, "path": SEED_PATH}

    def client(share: int) -> None:
        conn = server.connection()  # type: ignore[attr-defined]
        mine: list[float] = []
        bad = 0
        try:
            for _ in range(share):
                t = time.perf_counter()
                status, text, _ = request(conn, "POST", "/v1/check", body)
                mine.append(time.perf_counter() - t)
                bad += status != 200 or text != want
        finally:
            conn.close()
        with lock:
            latencies.extend(mine)
            wrong[0] += bad

    shares = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, shares))
    elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "clients": clients,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p99": q[98] * 1000,
        "wrong": wrong[0],
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--requests", type=int, default=400, help="per concurrency (default 400)")
    p.add_argument("--workers", type=int, default=2, help="checker processes (default 2)")
    p.add_argument("--clients", default="1,8,32", help="concurrencies (default 1,8,32)")
    args = p.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    want = expected()
    with running_server(
        "--workers",
        str(args.workers),
        "--isolated",
        "--log-level",
        "warning",
        "--max-in-flight",
        str(max(levels)),
    ) as server:
        run(server, 2, 40, want)  # warm-up: connections, caches, both checkers
        health = json.loads(request(server.connection(), "GET", "/healthz")[1])
        print(
            f"factcheck serve on {server.url}: {health['workers']} checker processes; "
            f"seed {len(SEED.encode()):,} bytes in, {len(want.encode()):,} bytes out"
        )
        print(
            f"{'clients':>7}  {'requests':>8}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}"
            f"  {'wrong':>5}"
        )
        for clients in levels:
            r = run(server, clients, args.requests, want)
            print(
                f"{r['clients']:>7}  {r['requests']:>8}  {r['rps']:>7.1f}  {r['p50']:>7.1f}"
                f"  {r['p99']:>7.1f}  {r['wrong']:>5}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

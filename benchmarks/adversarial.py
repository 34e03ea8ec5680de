"""Time extract + check + JSON render on adversarial inputs: worst seconds per MB per family.

    python benchmarks/adversarial.py                  # every family at 1 MB, then a size sweep
    python benchmarks/adversarial.py --size 100000 --no-sweep
    python benchmarks/adversarial.py --family digit-run --family md-quotes

The families are ``tests/test_adversarial.ADVERSARIAL`` (long digit runs, thousands of brackets,
``1,1,1,…`` chains, ``$$$…``, megabyte-long lines of number words, nested HTML/Markdown …).
Each input runs in a forked child that is killed after ``--limit`` seconds, so a catastrophic
case is reported as ``> limit`` rather than hanging the run. ``s/MB`` is check (which extracts)
plus the JSON render, per MB of UTF-8 input; ``extract`` alone is shown for information.
Target: no input over 1 s per MB, nor over 20 times its size in memory: ``peak MB`` is the
child's peak resident set, ``+MB`` its growth over what it had when forked (the parent's
warm tables), ``x in`` that growth over the input's size. Inputs with more than
``scan.MAX_MENTIONS`` figures (or ``numerals.MAX_NUMBER_WORDS`` number words) stop being read
there, one rule reports at most ``engine.MAX_FINDINGS`` findings, and Markdown past its budgets
(``from_markdown.MAX_INLINE_MARKUP`` markup characters, ``MAX_MARKDOWN_LINES`` lines,
``MAX_TABLE_PIPES`` table pipes) is read as plain text, so for the densest families the per-MB
time falls with size.

The sweep runs each family at 10 KB → 1 MB and prints the time per MB at each size and the
growth exponent between the two largest sizes (1.0 is linear, 2.0 quadratic).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_adversarial import ADVERSARIAL, Family

import factcheck
from factcheck.reporters import RenderContext, render

TARGET = 1.0  # seconds per MB
MEMORY = 20.0  # peak memory growth, times the input size
SWEEP = (10_000, 30_000, 100_000, 300_000, 1_000_000)
FAMILIES = {f.name: f for f in ADVERSARIAL}


def run(family: Family, text: str) -> dict[str, float]:
    """Seconds for each stage of one input (``extract`` on plain text only)."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    if family.fmt == "text":
        factcheck.extract(text)
    t1 = time.perf_counter()
    report = factcheck.check(text, input_format=family.fmt)
    t2 = time.perf_counter()
    render(report, "json", RenderContext())
    t3 = time.perf_counter()
    times["extract"], times["check"], times["render"] = t1 - t0, t2 - t1, t3 - t2
    times["claims"] = len(report.claims)
    times["findings"] = len(report.findings)
    return times


def _rss_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(name: str, size: int, conn: Connection) -> None:
    family = FAMILIES[name]
    try:
        text = family.build(size)
        before = _rss_kib()  # the forked child starts with its parent's pages: counted apart
        times = run(family, text)
        times["rss_kib"] = _rss_kib()
        times["growth_kib"] = times["rss_kib"] - before
        conn.send(times)
    except Exception as exc:
        conn.send({"error": f"{type(exc).__name__}: {exc}"[:200]})


def measure(name: str, size: int, limit: float) -> dict[str, float] | str:
    """Stage times of family ``name`` at ``size`` characters, or why there are none."""
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(name, size, there))
    proc.start()
    ready = here.poll(limit)
    result: dict[str, float] | str = here.recv() if ready else f"> {limit:g} s"
    proc.kill() if not ready else None
    proc.join()
    if isinstance(result, dict) and "error" in result:
        return str(result["error"])
    return result


def warm_up() -> None:
    """Load lexicon, rules, pint and rates before forking, so no child pays for them."""
    text = "It slashed its value by $50billion (£35m), 5 miles (8km), 60 per cent, in 2015."
    for fmt in ("text", "markdown", "html"):
        render(factcheck.check(text, input_format=fmt), "json", RenderContext())
    factcheck.extract(text)


def mb(name: str, size: int) -> float:
    return len(FAMILIES[name].build(size).encode("utf-8")) / 1e6


def pipeline(result: dict[str, float]) -> float:
    """Seconds for one input through the whole pipeline: check (which extracts) + render."""
    return result["check"] + result["render"]


def per_mb(result: dict[str, float] | str, megabytes: float) -> float:
    if isinstance(result, str):
        return math.inf
    return pipeline(result) / megabytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds before a kill")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES))
    parser.add_argument("--no-sweep", action="store_true")
    args = parser.parse_args(argv)
    names = args.family or [f.name for f in ADVERSARIAL]
    warm_up()
    print(
        f"{'family':28} {'fmt':8} {'MB':>5} {'extract':>8} {'check':>8} {'render':>7} "
        f"{'s/MB':>7} {'claims':>7} {'peak MB':>8} {'+MB':>6} {'x in':>5}  verdict"
    )
    over = []
    for name in names:
        size_mb = mb(name, args.size)
        got = measure(name, args.size, args.limit)
        rate = per_mb(got, size_mb)
        if isinstance(got, str):
            print(f"{name:28} {FAMILIES[name].fmt:8} {size_mb:5.2f} {got:>34}  FAIL")
            over.append(name)
            continue
        growth_mb = got["growth_kib"] / 1024
        times_input = growth_mb / size_mb if size_mb else 0.0
        verdict = "ok" if rate <= TARGET and times_input <= MEMORY else "OVER"
        print(
            f"{name:28} {FAMILIES[name].fmt:8} {size_mb:5.2f} {got['extract']:8.3f} "
            f"{got['check']:8.3f} {got['render']:7.3f} {rate:7.2f} {int(got['claims']):7} "
            f"{got['rss_kib'] / 1024:8.0f} {growth_mb:6.0f} {times_input:5.1f}  {verdict}"
        )
        if verdict != "ok":
            over.append(name)
    print(f"\nover {TARGET:g} s/MB or {MEMORY:g}x the input in memory: {', '.join(over) or 'none'}")
    if not args.no_sweep:
        sweep(names, args.limit)
    return 1 if over else 0


def sweep(names: list[str], limit: float) -> None:
    """Seconds per MB at each size; the exponent between the two largest sizes that finished."""
    print(
        "\nsize sweep: s/MB at "
        + ", ".join(f"{s // 1000} KB" for s in SWEEP)
        + "; growth exponent (1 = linear)"
    )
    for name in names:
        cells, points = [], []
        for size in SWEEP:
            got = measure(name, size, limit)
            if isinstance(got, str):
                cells.append("fail")
                break
            total = pipeline(got)
            cells.append(f"{total / mb(name, size):.2f}")
            points.append((size, total))
        exp = "?"
        if len(points) >= 2 and points[-2][1] > 0:
            (s1, t1), (s2, t2) = points[-2], points[-1]
            exp = f"{math.log(max(t2, 1e-6) / t1) / math.log(s2 / s1):.2f}"
        print(f"{name:28} " + " ".join(f"{c:>7}" for c in cells) + f"   exp {exp}")


if __name__ == "__main__":
    sys.exit(main())

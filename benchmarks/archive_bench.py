"""Benchmark ``factcheck archive``: throughput on a local Dask cluster, and where time goes.

    python benchmarks/archive_bench.py                      # 100,000 articles, 2 workers
    python benchmarks/archive_bench.py --articles 20000 --sweep 100,500,2000

Prints articles per second, MB of article text per second, the peak memory of every worker
(the Dask worker process and its checking helper), and the speed-up over one process (the
library's own loop, no Dask, no helper, on the first ``--baseline`` articles). Wall-clock
figures suffer from anything else running on the machine, so the CPU time per article is
printed too: the cluster's (workers, helpers, driver and scheduler) against one process's.
The cluster is started before the clock starts. ``--profile``
breaks one partition's time down into reading, checking, building rows, the helper's pipe and
writing the file; ``--sweep`` reruns the cluster on the first ``--sweep-articles`` articles
with several partition sizes. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus

from factcheck.archive.batch import check_partition
from factcheck.archive.cluster import RunConfig, RunResult, connect, run
from factcheck.archive.rows import ArchiveSettings, check_record


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def corpus(workdir: Path, n: int, seed: int) -> tuple[Path, int]:
    """The generated corpus (reused when present) and its bytes of article text."""
    path = workdir / f"corpus-{n}-{seed}.jsonl"
    meta = path.with_suffix(".bytes")
    if not (path.exists() and meta.exists()):
        t0 = time.perf_counter()
        text_bytes = make_corpus.write(path, n, seed)
        meta.write_text(str(text_bytes))
        print(
            f"generated {n:,} articles ({text_bytes / 1e6:,.1f} MB of text) in "
            f"{time.perf_counter() - t0:.1f} s -> {path}"
        )
    return path, int(meta.read_text())


def head(path: Path, n: int) -> list[dict[str, object]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) == n:
                break
    return out


def baseline(records: list[dict[str, object]]) -> tuple[float, float]:
    """Articles per second of one process running the library loop, and CPU s per article."""
    settings = ArchiveSettings(article_timeout=None)
    check_record(records[0], settings)  # caches
    t0, c0 = time.perf_counter(), time.process_time()
    for r in records:
        check_record(r, settings)
    cpu = (time.process_time() - c0) / len(records)
    return len(records) / (time.perf_counter() - t0), cpu


def profile(path: Path, records: list[dict[str, object]], workdir: Path) -> None:
    """Where one partition's time goes, per article."""
    from factcheck.api import check_document
    from factcheck.archive import outputs
    from factcheck.archive.rows import _document, check_options, result_row

    settings = ArchiveSettings(article_timeout=None)
    options = check_options(settings)
    lines = [json.dumps(r) for r in records]
    n = len(records)
    t = time.perf_counter()
    for line in lines:
        json.loads(line)
    t_read = time.perf_counter() - t
    docs = [_document(r, settings) for r in records]
    t = time.perf_counter()
    results = [check_document(d, options) for d in docs]
    t_check = time.perf_counter() - t
    t = time.perf_counter()
    rows = [result_row(r, res, None) for r, res in zip(records, results, strict=True)]
    t_rows = time.perf_counter() - t
    check_partition(records[:1], ArchiveSettings())  # start and warm the helper process
    t = time.perf_counter()
    check_partition(records, ArchiveSettings())  # through the helper process
    t_helper = time.perf_counter() - t
    timings = {}
    for fmt in ("parquet", "jsonl"):
        outputs.write_rows(rows[:10], workdir / f"warm.{fmt}", fmt)  # imports, first-use setup
        t = time.perf_counter()
        outputs.write_rows(rows, workdir / f"profile.{fmt}", fmt)
        timings[fmt] = time.perf_counter() - t
    t_check_all = t_check + t_rows
    print(f"\nprofile of {n:,} articles (per article):")
    print(f"  parse JSON line         {t_read / n * 1e3:8.3f} ms")
    print(f"  check_document          {t_check / n * 1e3:8.3f} ms")
    print(f"  build row (findings)    {t_rows / n * 1e3:8.3f} ms")
    print(
        f"  helper process pipe     {(t_helper - t_check_all) / n * 1e3:8.3f} ms "
        f"(check_partition with the helper, minus the two lines above)"
    )
    print(f"  write Parquet           {timings['parquet'] / n * 1e3:8.3f} ms")
    print(f"  write JSON Lines        {timings['jsonl'] / n * 1e3:8.3f} ms")


def _worker_cpu() -> tuple[float, float]:
    """CPU seconds used so far by this worker process, and by its checking helpers."""
    import psutil

    me = psutil.Process()
    helpers = sum(sum(p.cpu_times()[:2]) for p in me.children(recursive=True))
    return sum(me.cpu_times()[:2]), helpers


def _cpu(client: Any) -> tuple[float, float]:
    both = client.run(_worker_cpu).values()
    return sum(w for w, _ in both), sum(h for _, h in both)


def cluster_run(
    path: Path, out: Path, workers: int, size: int, timeout: float | None
) -> tuple[RunResult, tuple[float, float], float]:
    """The run, the CPU seconds of its workers and helpers, and of the driver and scheduler."""
    shutil.rmtree(out, ignore_errors=True)
    config = RunConfig(
        corpus=str(path),
        out=str(out),
        partition_size=size,
        workers=workers,
        settings=ArchiveSettings(article_timeout=timeout),
    )
    with connect(config) as client:  # started here so that its CPU time can be read
        w0, h0 = _cpu(client)
        c0 = time.process_time()
        result = run(config, client=client)
        driver = time.process_time() - c0
        w1, h1 = _cpu(client)
    return result, (w1 - w0, h1 - h0), driver


def idle_cpu(workers: int, seconds: float) -> None:
    """CPU an idle local cluster takes, with Dask's defaults and with factcheck's settings."""
    from factcheck.archive import cluster

    print(f"\nidle local cluster of {workers} workers, {seconds:g} s:")
    ours = cluster.LOCAL_CLUSTER_CONFIG
    for label, settings in (("Dask defaults", {}), ("factcheck settings", ours)):
        cluster.LOCAL_CLUSTER_CONFIG = settings
        try:
            config = RunConfig(corpus=".", out=".", workers=workers)
            with connect(config) as client:
                time.sleep(1.0)  # let start-up settle
                w0, h0 = _cpu(client)
                c0 = time.process_time()
                time.sleep(seconds)
                driver = time.process_time() - c0
                w1, h1 = _cpu(client)
        finally:
            cluster.LOCAL_CLUSTER_CONFIG = ours
        print(
            f"  {label:20s} {(w1 - w0 + h1 - h0 + driver) / seconds:.3f} CPUs "
            f"(workers {(w1 - w0) / seconds:.3f}, driver and scheduler {driver / seconds:.3f})"
        )


def report(
    run_: tuple[RunResult, tuple[float, float], float],
    text_bytes: int,
    articles: int,
    one_cpu: float,
) -> float:
    result, (worker_cpu, helper_cpu), driver_cpu = run_
    rate = articles / result.seconds
    print(
        f"  {articles:,} articles in {result.seconds:,.1f} s: {rate:,.1f} articles/s, "
        f"{text_bytes / result.seconds / 1e6:,.2f} MB/s of article text "
        f"({result.partitions} partitions; {result.tally.failed} failed articles)"
    )
    for worker, (own, helper) in sorted(result.peaks.items()):
        print(
            f"  peak memory {worker}: worker {own / 1024:,.0f} MB, helper {helper / 1024:,.0f} MB"
        )
    per = (worker_cpu + helper_cpu + driver_cpu) / articles
    print(
        f"  CPU per article: {per * 1e3:.3f} ms (helpers {helper_cpu / articles * 1e3:.3f}, "
        f"workers {worker_cpu / articles * 1e3:.3f}, driver and scheduler "
        f"{driver_cpu / articles * 1e3:.3f}); one process {one_cpu * 1e3:.3f} ms: "
        f"{one_cpu / per:.0%} efficient"
    )
    return rate


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--partition-size", type=int, default=500)
    p.add_argument("--article-timeout", type=float, default=30.0, help="0: no helper process")
    p.add_argument("--baseline", type=int, default=5000, help="articles for the 1-process rate")
    p.add_argument("--profile", action="store_true")
    p.add_argument("--sweep", default="", help="partition sizes to compare, e.g. 100,500,2000")
    p.add_argument("--sweep-articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--idle",
        type=float,
        default=0.0,
        help="also measure an idle local cluster's CPU for this many seconds",
    )
    p.add_argument("--workdir", help="keep the corpus and results here (default: a temp dir)")
    args = p.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, load average {_load()} (other work skews figures)")
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="factcheck-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path, text_bytes = corpus(workdir, args.articles, args.seed)
    sample = head(path, min(args.baseline, args.articles))
    one, one_cpu = baseline(sample)
    print(
        f"one process (library loop, {len(sample):,} articles): {one:,.1f} articles/s, "
        f"{one_cpu * 1e3:.3f} ms CPU per article"
    )
    if args.profile:
        profile(path, sample[:1000], workdir)
    if args.idle:
        idle_cpu(args.workers, args.idle)
    timeout = args.article_timeout or None
    print(
        f"\nfactcheck archive, local cluster of {args.workers} workers, partitions of "
        f"{args.partition_size}:"
    )
    result = cluster_run(
        path, workdir / "results.parquet", args.workers, args.partition_size, timeout
    )
    rate = report(result, text_bytes, args.articles, one_cpu)
    print(
        f"  speed-up over one process: {rate / one:.2f}x wall-clock "
        f"(target 1.7x on 2 cores; target rate 1,000 articles/s)"
    )
    print(f"  load average after the run: {_load()}")
    if args.sweep:
        n = min(args.sweep_articles, args.articles)
        sub = workdir / f"sweep-{n}.jsonl"
        with path.open("rb") as src, sub.open("wb") as dst:
            for i, line in enumerate(src):
                if i == n:
                    break
                dst.write(line)
        sub_bytes = sum(len(str(r["text"]).encode()) for r in head(sub, n))
        for size in (int(s) for s in args.sweep.split(",")):
            print(f"\npartitions of {size}:")
            report(
                cluster_run(sub, workdir / f"sweep-{size}.parquet", args.workers, size, timeout),
                sub_bytes,
                n,
                one_cpu,
            )
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Running an archive on Dask: plan on the driver, one task per partition, tallies back.

The same code runs on a local cluster (started here, ``workers`` processes of one thread each:
checking is CPU-bound Python, so threads would only queue for the GIL) and on an existing
cluster (``scheduler="tcp://host:port"``). Workers read their partition from the corpus and
write its result file themselves, so only small descriptions and tallies cross the network;
on a real cluster the corpus and the output directory must be on a file system every worker
sees, at the same path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import factcheck
from factcheck.archive import inputs, outputs
from factcheck.archive.batch import check_partition
from factcheck.archive.rows import ArchiveSettings, Tally, warm_up
from factcheck.archive.sandbox import sandbox_pool


@dataclass(frozen=True)
class Job:
    """What every task needs besides its partition."""

    out: str
    fmt: str
    settings: ArchiveSettings


@dataclass
class PartResult:
    index: int
    tally: Tally
    worker: str
    worker_rss_kib: int  # peak resident size of the worker process so far
    helper_rss_kib: int  # peak of its checking helpers (see sandbox.py)
    bytes_read: int
    skipped: bool = False


def _peaks(settings: ArchiveSettings) -> tuple[int, int]:
    import resource

    helper = 0
    if settings.article_timeout is not None:
        helper = sandbox_pool().peak_rss_kib
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, helper


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def read_tally(path: Path, fmt: str, count: int) -> Tally | None:
    """The tally of a partition already written (a Dask retry, or a resumed run); None, and
    the file removed, when its ``count`` rows cannot be read back: it is then checked again."""
    rows = outputs.read_back(path, fmt, count)
    if rows is None:
        with contextlib.suppress(OSError):  # else the atomic rewrite replaces it all the same
            path.unlink()
        return None
    return Tally.of(rows)


def process_partition(part: inputs.Partition, job: Job) -> PartResult:
    """The task: read one partition, check it, write its file. Idempotent."""
    path = outputs.part_path(Path(job.out), part.index, job.fmt)
    # written by an earlier attempt whose worker then died
    tally = read_tally(path, job.fmt, part.count) if path.exists() else None
    if tally is not None:
        skipped, size = True, 0
    else:
        records = list(inputs.read(part))
        rows = check_partition(records, job.settings)
        outputs.write_rows(rows, path, job.fmt)
        tally, skipped = Tally.of(rows), False
        size = part.stop - part.start if part.kind == "jsonl" else 0
    worker_rss, helper_rss = _peaks(job.settings)
    return PartResult(part.index, tally, _worker_name(), worker_rss, helper_rss, size, skipped)


def warm_worker(settings: ArchiveSettings, dask_worker: Any = None) -> str:
    """Run on every worker before the first task: build the caches once (in its helpers)."""
    if settings.article_timeout is None:
        warm_up(settings)
    else:
        sandbox_pool().warm(settings, helpers=int(getattr(dask_worker, "nthreads", 1) or 1))
    return factcheck.__version__


@dataclass(frozen=True)
class RunConfig:
    corpus: str
    out: str
    input_format: str = "auto"
    out_format: str | None = None
    partition_size: int = 500
    workers: int | None = None  # local cluster size (default: one per CPU)
    scheduler: str | None = None  # an existing cluster instead
    settings: ArchiveSettings = field(default_factory=ArchiveSettings)


@dataclass
class RunResult:
    out: Path
    fmt: str
    partitions: int
    skipped: int  # partitions found already written
    tally: Tally
    seconds: float
    bytes_read: int = 0
    skipped_articles: int = 0  # rows of the partitions found already written
    failed_partitions: dict[int, str] = field(default_factory=dict)
    peaks: dict[str, tuple[int, int]] = field(default_factory=dict)  # worker → (own, helpers)
    dashboard: str | None = None

    @property
    def complete(self) -> bool:
        return not self.failed_partitions


class Watcher(Protocol):
    """Told what happens, for progress display (the library itself never prints)."""

    def started(self, total: int, done: int, dashboard: str | None) -> None: ...

    def advanced(self, articles: int) -> None: ...


def cpu_count() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


# What a local cluster started here changes in Dask's defaults. Its processes share the
# machine with the checking, so their housekeeping is made rarer: the statistical profiler
# (a stack sample of every thread each 10 ms; nobody reads it here), the dashboard's system
# monitor (every 0.5 s → 2 s), the memory monitor (0.1 s → 0.5 s) and the event-loop watchdog
# (20 ms → 0.2 s) (``benchmarks/archive_bench.py --idle 20`` measures the idle cluster's CPU). Its
# workers leave Ctrl-C to the driver (``worker_setup.py``). A cluster given by ``--scheduler``
# keeps its own settings.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.tick.interval": "200ms",
    "distributed.worker.preload": ["factcheck.archive.worker_setup"],
}


@contextmanager
def connect(config: RunConfig) -> Iterator[Any]:
    """A Dask client: to ``config.scheduler``, or to a local cluster started and stopped here."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if config.scheduler:
        with Client(config.scheduler, timeout="30s") as client:  # type: ignore[no-untyped-call]
            yield client
        return
    n = config.workers or cpu_count()
    # the settings are read as the cluster starts (each nanny keeps a copy for the worker it
    # restarts), so the caller's own Dask config is left as it was
    with dask.config.set(LOCAL_CLUSTER_CONFIG), _interrupts_held() as release:
        local = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,  # type: ignore[no-untyped-call]
            # not even errors: the driver reports failed partitions itself, and the only
            # errors left are workers losing the scheduler as a run is stopped (Ctrl-C)
            silence_logs=logging.CRITICAL,
        )
    try:
        with local as cluster:
            release()  # a Ctrl-C held back while the cluster started is raised here: it closes
            with Client(cluster) as client:  # type: ignore[no-untyped-call]
                yield client
    finally:
        release()


@contextmanager
def _interrupts_held() -> Iterator[Callable[[], None]]:
    """SIGINT blocked in this thread while a local cluster starts; ``release()`` unblocks it.

    Ctrl-C on a terminal sends SIGINT to every process of the foreground group, Dask's worker
    processes too, and each printed a traceback as it died before the driver could stop it. A
    blocked signal stays blocked in the threads started meanwhile (Dask's event loop, which
    starts the worker processes, again when one is restarted) and across fork and exec, so the
    workers never take it; ``worker_setup.py`` then ignores it in each worker for good. A Ctrl-C
    while the cluster starts is not lost: it waits, and is raised in the driver on release.
    """
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # not POSIX: nothing to hold
        yield lambda: None
        return
    # multiprocessing starts its resource tracker with signals blocked, then unblocks them in the
    # thread that started it: started now, before blocking, it leaves the block alone
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    held = [True]

    def release() -> None:
        if held[0]:
            held[0] = False
            signal.pthread_sigmask(signal.SIG_SETMASK, before)

    try:
        yield release
    except BaseException:
        release()
        raise


def _run_info(config: RunConfig, corpus: Path, parts: list[inputs.Partition]) -> dict[str, Any]:
    return {
        "corpus": str(corpus),
        "input_format": config.input_format,
        "partition_size": config.partition_size,
        "partitions": len(parts),
        "articles": sum(p.count for p in parts),
        "fingerprint": inputs.digest(parts, corpus),
        "settings": dataclasses.asdict(config.settings),
        "factcheck": factcheck.__version__,
    }


def run(config: RunConfig, watcher: Watcher | None = None, client: Any = None) -> RunResult:
    """Check a corpus; resume where an earlier run with the same ``out`` stopped."""
    t0 = time.perf_counter()
    corpus = Path(config.corpus).resolve()
    out = Path(config.out).resolve()
    fmt = outputs.out_format(out, config.out_format)
    parts = inputs.plan(corpus, config.input_format, config.partition_size)
    info = _run_info(config, corpus, parts)
    info["settings"]["rule_dirs"] = [str(Path(d).resolve()) for d in config.settings.rule_dirs]
    outputs.claim_directory(out, info)
    outputs.remove_temporaries(out)
    count = {p.index: p.count for p in parts}
    tallies = {
        index: read_tally(outputs.part_path(out, index, fmt), fmt, count[index])
        for index in sorted(outputs.written(out, fmt) & count.keys())
    }
    done = {index for index, t in tallies.items() if t is not None}  # the rest: written again
    result = RunResult(
        out=out, fmt=fmt, partitions=len(parts), skipped=len(done), tally=Tally(), seconds=0.0
    )
    for t in tallies.values():
        if t is not None:
            result.tally += t
    result.skipped_articles = result.tally.articles
    todo = [p for p in parts if p.index not in done]
    job = Job(out=str(out), fmt=fmt, settings=config.settings)
    if client is not None:
        _submit(client, todo, job, result, watcher)
    else:
        with connect(config) as own:
            _submit(own, todo, job, result, watcher)
    result.seconds = time.perf_counter() - t0
    summary = {
        "complete": result.complete,
        "partitions": result.partitions,
        **result.tally.as_dict(),
    }
    outputs.write_json(out / outputs.SUMMARY_FILE, summary)
    return result


def _submit(
    client: Any, todo: list[inputs.Partition], job: Job, result: RunResult, watcher: Watcher | None
) -> None:
    from distributed import as_completed

    result.dashboard = client.dashboard_link if _has_dashboard(client) else None
    if todo:
        _warm(client, job)
    if watcher is not None:  # after the warm-up: the progress clock times the checking
        watcher.started(
            result.tally.articles + sum(p.count for p in todo),
            result.tally.articles,
            result.dashboard,
        )
    if not todo:
        return
    token = uuid.uuid4().hex[:8]
    futures = client.map(
        process_partition,
        todo,
        job=job,
        pure=False,
        retries=1,
        key=[f"factcheck-partition-{p.index}-{token}" for p in todo],
    )
    index_of = {f.key: p.index for f, p in zip(futures, todo, strict=True)}
    for fut in as_completed(futures):  # type: ignore[no-untyped-call]
        if fut.status != "finished":
            err = fut.exception()
            result.failed_partitions[index_of[fut.key]] = f"{type(err).__name__}: {err}"
            continue
        res: PartResult = fut.result()
        result.tally += res.tally
        result.bytes_read += res.bytes_read
        own, helpers = result.peaks.get(res.worker, (0, 0))
        result.peaks[res.worker] = (max(own, res.worker_rss_kib), max(helpers, res.helper_rss_kib))
        if watcher is not None:
            watcher.advanced(res.tally.articles)


def _warm(client: Any, job: Job) -> None:
    try:
        versions = client.run(warm_worker, job.settings)
    except Exception as exc:
        raise RuntimeError(
            f"the workers could not load factcheck and build its tables: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    stale = {w: v for w, v in versions.items() if v != factcheck.__version__}
    if stale:
        raise RuntimeError(f"workers run another factcheck version: {stale}")


def _has_dashboard(client: Any) -> bool:
    try:
        info = client.scheduler_info()
    except Exception:
        return False
    return "dashboard" in info.get("services", {}) or "bokeh" in info.get("services", {})

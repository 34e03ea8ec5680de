"""The checker processes behind ``factcheck serve``: checks off the event loop, each on a budget.

Why processes and not threads? A check is pure Python: in a thread it would hold the GIL, so
two checks would not use two cores, and the event loop (``/healthz``, the next request) would
wait for the interpreter's switch interval behind every check. And a thread cannot be stopped:
a story that overruns its time budget in a regular expression stuck in C code would go on
using its core. A process is stopped with ``kill``, and that gives back whatever memory a
hostile story made it take.

Each :class:`WorkerPool` starts ``workers`` processes (``multiprocessing``'s *spawn*, safe with
the server's threads); each builds its caches once (``setup``), tells the pool it is ready, and
then answers one job at a time (``handle``) over its pipe. A job is sent and its reply awaited
in a thread of the pool's own (the event loop never blocks on a pipe). Limits:

* **in flight**: at most ``max_pending`` jobs at once, being checked or waiting for a process;
  one more is refused at once with :class:`Overloaded` (the service answers 503, Retry-After);
* **time budget**: a job still running ``timeout`` seconds after its process took it raises
  :class:`CheckTimeout`; that process is killed and a fresh one started in its place;
* a process that dies mid-job (a crash, the kernel's OOM killer) raises :class:`WorkerLost`
  and is replaced the same way.

A process exits when its pipe closes, so none outlives the server, even one killed with -9.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

__all__ = ["CheckTimeout", "Overloaded", "PoolLimits", "Unavailable", "WorkerLost", "WorkerPool"]

log = logging.getLogger("factcheck.serve")
STARTUP_TIMEOUT = 120.0  # seconds for a fresh process to import factcheck and build its caches


class Overloaded(Exception):
    """Every slot for a check is taken: try again shortly."""


class CheckTimeout(Exception):
    """The check took longer than the time budget; its process was killed."""


class WorkerLost(Exception):
    """The checker process died while checking (it has been replaced)."""


class Unavailable(Exception):
    """No checker process is running, and none could be started."""


@dataclass(frozen=True)
class PoolLimits:
    workers: int = 2  # checker processes
    max_pending: int = 32  # jobs in flight: being checked, or waiting for a free process
    timeout: float = 10.0  # seconds a job may take once its process has taken it


def _serve(
    conn: Connection, setup: Callable[[Any], Any], arg: Any, handle: Callable[[Any, Any], Any]
) -> None:
    """A checker process: build the state, say ready, answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    state = setup(arg)
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(handle(state, job))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One checker process and the parent's end of its pipe."""

    def __init__(
        self, ctx: Any, setup: Callable[[Any], Any], arg: Any, handle: Callable[[Any, Any], Any]
    ) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_serve, args=(child, setup, arg, handle), daemon=True, name="factcheck-checker"
        )
        self.proc.start()
        child.close()
        self.conn: Connection = parent

    def wait_ready(self, timeout: float) -> bool:
        try:
            return bool(self.conn.poll(timeout)) and self.conn.recv() == ("ready",)
        except (EOFError, OSError):
            return False

    def call(self, job: Any) -> Any:
        """Send a job and wait for its reply (in a pool thread). EOFError if the process died."""
        self.conn.send(job)
        return self.conn.recv()

    def kill(self) -> None:
        """Stop the process; a thread waiting in :meth:`call` then sees EOF and returns."""
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5.0)

    def close(self) -> None:
        self.kill()
        self.conn.close()


class WorkerPool:
    """``workers`` checker processes, each running ``handle(setup(arg), job)`` for its jobs."""

    def __init__(
        self,
        setup: Callable[[Any], Any],
        arg: Any,
        handle: Callable[[Any, Any], Any],
        limits: PoolLimits | None = None,
    ) -> None:
        self.limits = limits or PoolLimits()
        self._setup, self._arg, self._handle = setup, arg, handle
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._starting = 0
        self._pending = 0
        self._busy = 0
        self._closed = False
        self._threads = ThreadPoolExecutor(
            max_workers=self.limits.workers + 2, thread_name_prefix="factcheck-pool"
        )
        self._tasks: set[asyncio.Task[bool]] = set()
        self.restarts = 0  # processes replaced after a time-out or a death

    # --- starting and stopping ------------------------------------------------------------

    def _start_one(self) -> _Worker | None:
        worker = _Worker(self._ctx, self._setup, self._arg, self._handle)
        if worker.wait_ready(STARTUP_TIMEOUT):
            return worker
        worker.close()
        return None

    async def _add_worker(self, counted: bool = False) -> bool:
        """Start one process; ``counted``: ``_starting`` already counts it (a replacement,
        counted from the moment its predecessor was killed)."""
        loop = asyncio.get_running_loop()
        if not counted:
            self._starting += 1
        try:
            worker = await loop.run_in_executor(None, self._start_one)
        finally:
            self._starting -= 1
        if worker is None:
            log.error("a checker process did not start")
            return False
        if self._closed:
            worker.close()
            return False
        self._all.add(worker)
        self._idle.put_nowait(worker)
        return True

    async def start(self) -> None:
        """Start every process and wait until each is ready; RuntimeError if none starts."""
        started = await asyncio.gather(*(self._add_worker() for _ in range(self.limits.workers)))
        if not any(started):
            raise RuntimeError("no checker process could be started")

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` (it overran or died) and start another in its place."""
        self._all.discard(worker)
        worker.close()
        self.restarts += 1
        if not self._closed:
            self._starting += 1
            task = asyncio.get_running_loop().create_task(self._add_worker(counted=True))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.close()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)

    # --- running jobs ---------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        alive = len(self._all)
        return {
            "workers": alive,
            "busy": self._busy,
            "idle": alive - self._busy,
            "starting": self._starting,
            "in_flight": self._pending,
            "max_in_flight": self.limits.max_pending,
            "restarts": self.restarts,
        }

    async def run(self, job: Any) -> Any:
        """The reply to ``job``; Overloaded, CheckTimeout or WorkerLost when there is none."""
        if self._pending >= self.limits.max_pending:
            raise Overloaded
        self._pending += 1
        try:
            worker = await self._free_worker()
            while not worker.proc.is_alive():  # died while idle: never sent a job
                self._replace(worker)
                worker = await self._free_worker()
            # the job goes on even if the request is given up, so the process is always
            # either handed back or replaced: never lost to a cancelled request
            return await asyncio.shield(self._dispatch(worker, job))
        finally:
            self._pending -= 1

    async def _free_worker(self) -> _Worker:
        """The next idle process; Unavailable when none is alive or starting, or none comes
        within ``STARTUP_TIMEOUT`` (replacements that keep failing to start)."""
        if not self._all and not self._starting:
            raise Unavailable
        try:
            return await asyncio.wait_for(self._idle.get(), STARTUP_TIMEOUT)
        except TimeoutError:
            raise Unavailable from None

    async def _dispatch(self, worker: _Worker, job: Any) -> Any:
        loop = asyncio.get_running_loop()
        self._busy += 1
        try:
            future: Future[Any] = self._threads.submit(worker.call, job)
            wrapped = asyncio.wrap_future(future, loop=loop)
            done, _ = await asyncio.wait({wrapped}, timeout=self.limits.timeout)
            if not done:
                worker.kill()  # the waiting thread sees EOF and finishes
                with contextlib.suppress(Exception):
                    await wrapped
                self._replace(worker)
                raise CheckTimeout
            try:
                reply = wrapped.result()
            except (EOFError, OSError):
                self._replace(worker)
                raise WorkerLost from None
        finally:
            self._busy -= 1
        self._idle.put_nowait(worker)
        return reply

"""The per-article time budget: articles are checked in a helper process that can be killed.

Why a process and not a cooperative deadline, a signal or a thread? ``factcheck archive`` runs
inside Dask worker threads, possibly on a cluster it did not start. ``signal.alarm`` only works
in a process's main thread; an exception injected into a thread is only seen between bytecodes,
so it cannot stop a regular expression stuck in C code; a cooperative deadline would need a
check in every loop of every extractor and rule, including code written later. A process can
always be stopped, and killing it also gives back whatever memory a hostile article made it
take. The cost is the pickled rows and records (under a tenth of the checking time), and a
fresh helper's warm-up (under a second) after each article that overran.

Rows come back in chunks (every ``FLUSH_ROWS`` rows or ``FLUSH_SECONDS``), not one message per
article: a message per article woke the worker for every article (worker CPU 0.16 against 0.10
ms an article in chunks, ``benchmarks/archive_bench.py``). Which article is being checked the
helper writes to 8 bytes of memory it shares with its parent (an unlinked file, mapped by both;
one aligned 64-bit store, so never read half-written); the parent times each article from when
it first sees its index, holds it to its budget, and knows which one overran or was being
checked when the helper died. Rows finished but not yet sent when that happens are checked
again by the next helper.

Each Dask worker thread borrows a helper from the process's :func:`sandbox_pool`; a helper
lives as long as its worker and builds the lexicon, rules, pint and the ECB table once.

The helper is ``python -m factcheck.archive.sandbox READ_FD WRITE_FD STATE_FD``; messages are
pickled tuples framed by :mod:`multiprocessing.connection`::

    parent → helper   ("warm", settings)              helper → parent   ("ready",)
                      ("batch", settings, records)                      ("rows", [row, …]) …
                                                                        ("done", peak_rss_kib)

and the shared block holds the index in the batch of the article being checked (-1 before the
first).

The helper exits when its pipe closes or its parent dies.
"""

from __future__ import annotations

import atexit
import functools
import mmap
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from factcheck.archive.rows import ArchiveSettings, Record, Row, check_record, failure_row, oversize
from factcheck.archive.rows import warm_up as _warm_up

STARTUP_TIMEOUT = 120.0  # seconds for a fresh helper to import and build its caches
_ATTEMPTS = 3  # helpers that may die before a batch is sent before the batch is given up
FLUSH_ROWS = 64  # the helper sends its rows at least this often …
FLUSH_SECONDS = 0.05  # … and at least this often (seconds), so progress stays visible
_STATE_BYTES = 8  # one int64: the index in the batch of the article being checked
_WATCH = 0.05  # seconds: how often a waiting parent looks at which article is being checked


def _index_view(state: mmap.mmap) -> memoryview:
    """The shared index as a native int64: item access is one aligned 8-byte load or store
    (``struct.pack_into`` writes byte by byte, and a reader could see half of it)."""
    return memoryview(state).cast("q")


class HelperError(RuntimeError):
    """The helper process could not be started or warmed up (not an article's fault)."""


class _Helper:
    """One helper process and its two pipes."""

    def __init__(self) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        state_fd, state_path = tempfile.mkstemp(
            prefix="factcheck-helper-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
        )
        os.unlink(state_path)  # nothing to clean up: the block lives as long as the mappings
        os.ftruncate(state_fd, _STATE_BYTES)
        self.state = mmap.mmap(state_fd, _STATE_BYTES)
        self.index = _index_view(self.state)
        self.seen_index, self.seen_at = -1, time.monotonic()  # the parent's clock only
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "factcheck.archive.sandbox",
                str(to_child_r),
                str(from_child_w),
                str(state_fd),
            ],
            pass_fds=(to_child_r, from_child_w, state_fd),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        os.close(state_fd)
        self.outbox = Connection(to_child_w, readable=False)
        self.inbox = Connection(from_child_r, writable=False)
        self.warmed: set[ArchiveSettings] = set()

    def current(self) -> int:
        """Index in the batch of the article being checked; -1 before the first."""
        return int(self.index[0])

    def start_batch(self) -> None:
        self.index[0] = -1
        self.seen_index, self.seen_at = -1, time.monotonic()

    def get(self, timeout: float | None) -> tuple[Any, ...]:
        """The next message; TimeoutError when none comes in time, EOFError when it died."""
        if not self.inbox.poll(timeout):
            raise TimeoutError
        msg: tuple[Any, ...] = self.inbox.recv()
        return msg

    def warm(self, settings: ArchiveSettings) -> None:
        if settings in self.warmed:
            return
        self.outbox.send(("warm", settings))
        try:
            self.get(STARTUP_TIMEOUT)
        except (TimeoutError, EOFError, OSError) as exc:
            status = self.proc.poll()
            raise HelperError(
                f"the checker process did not start ({type(exc).__name__}, exit status {status})"
            ) from None
        self.warmed.add(settings)

    def status(self) -> str:
        try:
            code = self.proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return "still running"
        return f"killed by signal {-code}" if code < 0 else f"exit status {code}"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.outbox.close()
        self.inbox.close()
        self.index.release()
        self.state.close()


class SandboxPool:
    """Helpers of this process, lent to one batch at a time (one per busy worker thread)."""

    def __init__(self) -> None:
        self._idle: list[_Helper] = []
        self._lock = threading.Lock()
        self.peak_rss_kib = 0  # the largest resident size any helper reached
        atexit.register(self.close)

    def _acquire(self) -> _Helper:
        while True:
            with self._lock:
                if not self._idle:
                    return _Helper()
                helper = self._idle.pop()
            if helper.proc.poll() is None:
                return helper
            helper.close()  # died while idle

    def _release(self, helper: _Helper) -> None:
        with self._lock:
            self._idle.append(helper)

    def warm(self, settings: ArchiveSettings, helpers: int = 1) -> None:
        """Start and warm ``helpers`` helpers now, so no article pays for it."""
        started = [self._acquire() for _ in range(helpers)]
        for h in started:
            h.outbox.send(("warm", settings))
        for h in started:
            h.get(STARTUP_TIMEOUT)
            h.warmed.add(settings)
            self._release(h)

    def check(self, batch: Sequence[Record], settings: ArchiveSettings) -> list[Row]:
        """One row per record; an article that overruns or kills its helper gets an error row."""
        rows: list[Row | None] = [oversize(r, settings.max_bytes) for r in batch]
        pending = [i for i, row in enumerate(rows) if row is None]
        budget = settings.article_timeout
        assert budget is not None, "the helper is for checks with a time budget"
        attempts = 0
        while pending:
            helper = self._acquire()
            try:
                helper.warm(settings)
                helper.start_batch()
                helper.outbox.send(("batch", settings, [batch[i] for i in pending]))
            except (OSError, HelperError):
                helper.close()
                attempts += 1
                if attempts >= _ATTEMPTS:
                    raise
                continue
            done = 0  # rows received, in order
            try:
                while True:
                    msg = _next(helper, budget)
                    if msg[0] == "done":
                        self.peak_rss_kib = max(self.peak_rss_kib, int(msg[1]))
                        break
                    for row in msg[1]:
                        rows[pending[done]] = row
                        done += 1
            except (TimeoutError, EOFError, OSError) as exc:
                index = helper.current()
                overran = isinstance(exc, TimeoutError)
                how = "" if overran else helper.status()
                helper.close()
                # the article in flight is the culprit; the ones after ``done`` that finished
                # but were not sent yet are checked again by the next helper
                in_flight = max(index, done)
                if in_flight >= len(pending):  # every row had arrived: nothing was lost
                    pending = []
                    continue
                culprit = pending[in_flight]
                if overran:
                    why = f"checking took longer than {budget:g} s; skipped"
                    rows[culprit] = failure_row(batch[culprit], "timeout", why)
                else:
                    why = f"the checker process died ({how})"
                    rows[culprit] = failure_row(batch[culprit], "crash", why)
                pending = [i for i in pending[done:] if rows[i] is None]
                continue
            self._release(helper)
            pending = []
        return [r for r in rows if r is not None]

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for h in idle:
            h.close()


def _next(helper: _Helper, budget: float) -> tuple[Any, ...]:
    """The helper's next message; TimeoutError once the article it is on has run for longer
    than ``budget`` seconds (timed from when the parent first saw it start), EOFError if it
    died."""
    while True:
        index, now = helper.current(), time.monotonic()
        if index != helper.seen_index:
            helper.seen_index, helper.seen_at = index, now
        left = helper.seen_at + budget - now
        if left <= 0:
            raise TimeoutError
        if helper.inbox.poll(min(left, _WATCH)):
            msg: tuple[Any, ...] = helper.inbox.recv()
            return msg


@functools.cache
def sandbox_pool() -> SandboxPool:
    """This process's helpers (built on first need)."""
    return SandboxPool()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(3)


def serve(read_fd: int, write_fd: int, state_fd: int) -> None:
    """The helper's loop: answer messages until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    inbox = Connection(read_fd, writable=False)
    outbox = Connection(write_fd, readable=False)
    state = mmap.mmap(state_fd, _STATE_BYTES)
    try:
        _answer(inbox, outbox, _index_view(state))
    except (EOFError, BrokenPipeError):
        return  # the parent closed the pipe or died (a worker stopped): nothing left to do


def _answer(inbox: Connection, outbox: Connection, index: memoryview) -> None:
    while True:
        msg = inbox.recv()
        if msg[0] == "warm":
            _warm_up(msg[1])
            outbox.send(("ready",))
        elif msg[0] == "batch":
            settings, records = msg[1], msg[2]
            out: list[Row] = []
            sent = time.monotonic()
            for i, rec in enumerate(records):
                index[0] = i
                out.append(check_record(rec, settings))
                if len(out) >= FLUSH_ROWS or time.monotonic() - sent >= FLUSH_SECONDS:
                    outbox.send(("rows", out))
                    out, sent = [], time.monotonic()
            if out:
                outbox.send(("rows", out))
            outbox.send(("done", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))

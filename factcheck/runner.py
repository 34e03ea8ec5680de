"""Checks many inputs, in this process or in a pool of processes, and keeps input order.

Each input is a :class:`Task` (what to read and how to check it). A file that cannot be read —
or, should a bug slip through, one that makes the checker raise — becomes a
:class:`~factcheck.models.FileFailure` and every other file is still checked. Nothing here
prints: progress is reported through a callback.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.api import CheckOptions, check_document
from factcheck.errors import InputError
from factcheck.models import Document, FileError, FileFailure, FileResult, Finding, Severity
from factcheck.sources import DEFAULT_MAX_BYTES, load_document

if TYPE_CHECKING:
    from concurrent.futures import Executor


@dataclass(frozen=True)
class Task:
    """One input: ``path`` to read ("-" for stdin), ``display`` as it is reported."""

    path: str
    display: str
    options: CheckOptions
    input_format: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    skip_blockquotes: bool = False
    keep_source: bool = False
    keep_claims: bool = True  # False: only the claims a finding involves (saves memory)


@dataclass(frozen=True)
class Outcome:
    """What checking one input gave: the result, its source text when asked for, how many
    claims were found (``result.claims`` may hold only those involved in findings), and for an
    internal error the traceback (shown with ``-v``)."""

    result: FileResult | FileFailure
    source: str | None = None
    detail: str | None = None
    claims: int = 0


def _load(task: Task) -> Document:
    return load_document(
        task.path,
        input_format=task.input_format,
        max_bytes=task.max_bytes,
        display_path=task.display,
        skip_blockquotes=task.skip_blockquotes,
    )


def check_task(task: Task) -> Outcome:
    """Read and check one input. Never raises for a bad input."""
    try:
        doc = _load(task)
    except InputError as exc:
        return Outcome(
            FileFailure(path=task.display, error=FileError(code=exc.code, message=exc.problem))
        )
    except Exception as exc:  # one bad file must not stop the run
        return _internal(task, exc)
    try:
        result = check_document(doc, task.options)
    except Exception as exc:  # one bad file must not stop the run
        return _internal(task, exc)
    found = len(result.claims)
    if not task.keep_claims:
        involved = {cid for f in result.findings for cid in f.claims}
        result = result.model_copy(
            update={"claims": [c for c in result.claims if c.id in involved]}
        )
    return Outcome(result, doc.source if task.keep_source else None, claims=found)


def _internal(task: Task, exc: Exception) -> Outcome:
    problem = f"internal error ({type(exc).__name__}: {exc}); please report it"
    error = FileError(code="internal-error", message=problem.replace("\n", " "))
    return Outcome(FileFailure(path=task.display, error=error), detail=traceback.format_exc())


def _pool(jobs: int) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork keeps the parent's loaded rules and lexicon (Linux); elsewhere the platform default
    ctx = None
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)


def run(
    tasks: Sequence[Task], *, jobs: int = 1, progress: Callable[[int], None] | None = None
) -> list[Outcome]:
    """Check every task; outcomes in task order. ``progress(n)`` is called after each one."""
    local = [t for t in tasks if t.path == "-"]  # stdin can only be read here
    remote = [t for t in tasks if t.path != "-"]
    done: dict[int, Outcome] = {}
    for t in local:
        done[id(t)] = check_task(t)
        if progress:
            progress(1)
    for t, outcome in zip(remote, _outcomes(remote, jobs), strict=True):
        done[id(t)] = outcome
        if progress:
            progress(1)
    return [done[id(t)] for t in tasks]


def _outcomes(tasks: Sequence[Task], jobs: int) -> Iterator[Outcome]:
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(check_task, tasks)
        return
    if tasks:  # load rules and lexicon once here; forked workers inherit them
        tasks[0].options.rules()
        tasks[0].options.lexicon()
    chunk = max(1, min(32, len(tasks) // (jobs * 8)))
    with _pool(min(jobs, len(tasks))) as pool:
        yield from pool.map(check_task, tasks, chunksize=chunk)


def at_least(result: FileResult | FileFailure, minimum: Severity) -> FileResult | FileFailure:
    """``result`` without its findings below ``minimum`` (what ``--min-severity`` shows)."""
    if not isinstance(result, FileResult):
        return result
    kept = [f for f in result.findings if f.severity.rank >= minimum.rank]
    if len(kept) == len(result.findings):
        return result
    return result.model_copy(update={"findings": kept})


def failing(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether a finding is at or above ``fail_on`` ("never" never fails)."""
    if fail_on == "never":
        return False
    bar = Severity(fail_on).rank
    return any(f.severity.rank >= bar for f in findings)

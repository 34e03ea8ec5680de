"""The progress bar of ``factcheck archive``: articles per second and the time left.

Results come back a partition at a time (500 articles by default), and the first ones come
back together, one per worker. A rate taken over the last few updates, as progress bars
usually take it, swings between nothing and thousands of articles a second: at 10% after 5 s
it said one second was left. Here the rate is the articles this run has checked over the
time since checking started, measured when each partition comes in; the time left counts
down between partitions and is corrected at the next one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Throughput:
    """Articles checked by this run so far, and when; ``todo`` articles were left at ``start``."""

    todo: int
    start: float
    done: int = 0
    last: float | None = None  # when the latest partition came in

    def add(self, articles: int, now: float) -> None:
        self.done += articles
        self.last = now

    def rate(self) -> float | None:
        """Articles per second, once a partition is in."""
        if not self.done or self.last is None or self.last <= self.start:
            return None
        return self.done / (self.last - self.start)

    def seconds_left(self, now: float) -> float | None:
        rate = self.rate()
        if rate is None or self.last is None:
            return None
        return max(0.0, (self.todo - self.done) / rate - (now - self.last))


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    s = round(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class Display:
    """The dashboard link, and a rich progress bar on a terminal (stderr)."""

    def __init__(
        self,
        quiet: bool,
        *,
        console: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet = quiet
        self.console = console  # tests render into their own; default: stderr if a terminal
        self.clock = clock
        self.bar: Any = None
        self.task: Any = None
        self.throughput: Throughput | None = None

    def started(self, total: int, done: int, dashboard: str | None) -> None:
        if self.quiet:
            return
        if dashboard:
            print(f"Dask dashboard: {dashboard}", file=sys.stderr, flush=True)
        if self.console is None and not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.text import Text

        self.throughput = speed = Throughput(todo=total - done, start=self.clock())
        clock = self.clock

        class Left(ProgressColumn):
            def render(self, task: Any) -> Text:
                left = _clock(speed.seconds_left(clock()))
                return Text(f"eta {left}", style="progress.remaining")

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                rate = speed.rate()
                shown = "…" if rate is None else f"{rate:,.0f}"
                return Text(f"{shown} articles/s", style="progress.data.speed")

        self.bar = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            Left(),
            Rate(),
            console=self.console or Console(stderr=True),
            get_time=clock,
        )
        self.bar.start()
        self.task = self.bar.add_task("archive", total=total, completed=done)

    def advanced(self, articles: int) -> None:
        if self.bar is not None and self.throughput is not None:
            self.throughput.add(articles, self.clock())
            self.bar.advance(self.task, articles)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()

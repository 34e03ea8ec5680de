"""Fuzz extract + check + one render with generated news-like and hostile inputs.

    python benchmarks/fuzz.py                    # 100,000 inputs on 2 processes
    python benchmarks/fuzz.py -n 5000 --start 1000000 --jobs 1

Input number ``k`` is ``tests/strategies.generate(k)``: the same input on every machine (for one
version of that module), so a failure is reproduced by its number. Each input goes through the
properties of ``tests/test_properties.violations`` (no exception, claim and finding spans inside
the text, ``text[start:end] == claim.text``, line/column right, finite values, the same report
twice, the JSON report valid and round-tripping) and one output format, chosen by the number.
An input that takes more than ``--slow`` seconds of CPU time (not wall time: a busy machine does
not make it fail) is stopped and counted as a failure.

Prints: inputs, crashes (exceptions), property violations, slow inputs, inputs/second; then each
distinct failure once, with a minimised example (``repr``) and the traceback's last frames.
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from strategies import generate
from test_properties import violations

from factcheck.reporters import FORMATS

RENDERERS = sorted(FORMATS)
WARM_UP = "It slashed its value by $50billion (£35m), 5 miles (8km) and 60 per cent in 2015."


class SlowInput(Exception):
    pass


@dataclass
class Failure:
    """One kind of failure: how often, and the shortest input that showed it."""

    kind: str
    detail: str
    count: int = 0
    seed: int = -1
    fmt: str = "text"
    render: str = "json"
    text: str = ""


@dataclass
class Tally:
    inputs: int = 0
    chars: int = 0
    crashes: int = 0
    violated: int = 0
    slow: int = 0
    seconds: float = 0.0
    slowest: list[tuple[float, int]] = field(default_factory=list)
    failures: dict[str, Failure] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.chars += other.chars
        self.crashes += other.crashes
        self.violated += other.violated
        self.slow += other.slow
        self.slowest = sorted(self.slowest + other.slowest, reverse=True)[:5]
        for key, f in other.failures.items():
            mine = self.failures.get(key)
            if mine is None:
                self.failures[key] = f
                continue
            mine.count += f.count
            if len(f.text) < len(mine.text):
                mine.seed, mine.fmt, mine.render, mine.text = f.seed, f.fmt, f.render, f.text


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+")


def _frames(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "factcheck" in f.filename] or frames
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in ours[::-1][:4])


def outcome(fmt: str, text: str, render: str) -> tuple[str, str] | None:
    """``(kind, detail)`` of the first failure of one input, or ``None``."""
    try:
        problems = violations(fmt, text, render_as=render)
    except SlowInput:
        return "slow", "over the time limit"
    except Exception as exc:
        where = _frames(exc)
        return f"crash {type(exc).__name__} at {where.split(' <- ')[0]}", f"{exc!r:.300} @ {where}"
    if problems:
        return "violation " + _QUOTED.sub("_", problems[0]), problems[0][:300]
    return None


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise SlowInput


def run_range(args: tuple[int, int, float]) -> Tally:
    start, stop, slow = args
    signal.signal(signal.SIGPROF, _alarm)
    tally = Tally()
    began = time.perf_counter()
    for seed in range(start, stop):
        fmt, text = generate(seed)
        render = RENDERERS[seed % len(RENDERERS)]
        t0 = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, slow)
        try:
            result = outcome(fmt, text, render)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        took = time.process_time() - t0
        tally.inputs += 1
        tally.chars += len(text)
        tally.slowest = sorted([*tally.slowest, (took, seed)], reverse=True)[:5]
        if result is None:
            continue
        kind, detail = result
        if kind == "slow":
            tally.slow += 1
        elif kind.startswith("crash"):
            tally.crashes += 1
        else:
            tally.violated += 1
        f = tally.failures.setdefault(kind, Failure(kind, detail))
        f.count += 1
        if f.seed < 0 or len(text) < len(f.text):
            f.seed, f.fmt, f.render, f.text, f.detail = seed, fmt, render, text, detail
    tally.seconds = time.perf_counter() - began
    return tally


def _chunks(text: str) -> Iterator[str]:
    """Ever smaller deletions of ``text``, largest first (a simple delta debugging)."""
    size = len(text) // 2
    while size >= 1:
        for at in range(0, len(text), size):
            yield text[:at] + text[at + size :]
        size //= 2


def minimise(text: str, fails: Callable[[str], bool], budget: int = 3000) -> str:
    """A shorter input that still ``fails`` (same kind of failure)."""
    tries = 0
    improved = True
    while improved and tries < budget:
        improved = False
        for candidate in _chunks(text):
            tries += 1
            if tries >= budget:
                break
            if len(candidate) < len(text) and fails(candidate):
                text, improved = candidate, True
                break
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=100_000)
    parser.add_argument("--start", type=int, default=0, help="first input number")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument(
        "--slow", type=float, default=5.0, help="CPU seconds before an input fails (default 5)"
    )
    parser.add_argument("--no-minimise", action="store_true")
    args = parser.parse_args(argv)
    step = 500
    ranges = [
        (s, min(s + step, args.start + args.count), args.slow)
        for s in range(args.start, args.start + args.count, step)
    ]
    for warm, name in enumerate(RENDERERS):  # load lexicon, rules, pint, rates, rich: once
        outcome("text", WARM_UP, name)
        outcome(*generate(warm), name)
    total = Tally()
    began = time.perf_counter()
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            for part in pool.imap_unordered(run_range, ranges):
                total.add(part)
    else:
        for r in ranges:
            total.add(run_range(r))
    wall = time.perf_counter() - began
    print(
        f"inputs:      {total.inputs:,} ({total.chars / 1e6:.1f} M characters), "
        f"{args.jobs} process(es)"
    )
    print(f"crashes:     {total.crashes}")
    print(f"violations:  {total.violated}")
    print(f"slow:        {total.slow} (over {args.slow:g} s of CPU time)")
    print(f"speed:       {total.inputs / wall:,.0f} inputs/s ({wall:.1f} s wall)")
    print("slowest:     " + ", ".join(f"#{s} {t:.2f}s" for t, s in total.slowest) + " (CPU)")
    signal.signal(signal.SIGPROF, _alarm)
    for f in sorted(total.failures.values(), key=lambda f: -f.count):
        small = f.text
        if not args.no_minimise and f.kind != "slow":

            def same(candidate: str, f: Failure = f) -> bool:
                signal.setitimer(signal.ITIMER_PROF, args.slow)
                try:
                    got = outcome(f.fmt, candidate, f.render)
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
                return got is not None and got[0] == f.kind

            small = minimise(f.text, same)
        print(
            f"\n[{f.count}x] {f.kind}\n  first seen: input #{f.seed} ({f.fmt}, render {f.render})"
            f"\n  minimal:    {small!r:.500}\n  {outcome(f.fmt, small, f.render) or f.detail}"
        )
    return 1 if total.failures else 0


if __name__ == "__main__":
    sys.exit(main())

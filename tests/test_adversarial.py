"""Adversarial inputs finish, and their reports keep every property of test_properties.

Each family of :data:`ADVERSARIAL` (100,000 digits, thousands of brackets, ``1,1,1,…``
chains, ``$$$…``, ``1.1.1…``, a line of "two hundred and …", "1 2 3 …", nested HTML and
Markdown …) is built at about 100 KB and run through extract + check + a JSON render in a
forked child process.

This is not a timing test. The benchmark target is 1 s per MB (``benchmarks/adversarial.py``
measures it at 1 MB); the guard here is ten times that, and never under ``FLOOR`` seconds, so
only a catastrophic case (exponential backtracking, a quadratic loop over the text) fails it.
The guard counts the child's CPU time, not wall time, so a busy machine does not fail it; the
kernel ends the child soon after it is spent (``RLIMIT_CPU``), so a hang costs the suite a
few seconds, not forever, even inside a C regex engine that never checks for signals.
``FACTCHECK_ADVERSARIAL_SIZE=1000000`` runs the families at benchmark size.

Families that are known to fail are listed in ``KNOWN`` with the module that owns the fix;
they run as ``xfail(strict=True)``: a fix turns the test red until its entry is removed.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pytest
from strategies import NBSP
from test_properties import claim_problems, report_problems

import factcheck
from factcheck.reporters import RenderContext, render

SIZE = int(os.environ.get("FACTCHECK_ADVERSARIAL_SIZE", "100000"))
TARGET = 1.0  # seconds per MB: the benchmark's target
GUARD = 10 * TARGET  # seconds per MB before a test fails: ten times the target
FLOOR = 2.0  # seconds: the guard never goes below this (process noise, a slow CI machine)
BACKSTOP = 10  # wall-clock kill at this many guards (+30 s): only a machine stalled for minutes
JOBS = 2

# --- the families: shapes that make a backtracking regex or a pairwise loop blow up -----------


@dataclass(frozen=True)
class Family:
    name: str
    fmt: str  # "text", "markdown" or "html"
    build: Callable[[int], str]  # approximate size in characters → input


def _cycle(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nest(open_: str, middle: str, close: str) -> Callable[[int], str]:
    def build(n: int) -> str:
        k = max(1, (n - len(middle)) // (len(open_) + len(close)))
        return open_ * k + middle + close * k

    return build


def _counting(n: int) -> str:
    out, i, size = [], 1, 0
    while size < n:
        piece = f"{i} "
        out.append(piece)
        size += len(piece)
        i += 1
    return "".join(out)


def _line(n: int) -> str:
    sent = (
        "The scandal slashed the network's value by $50billion (£35m), nearly £13billion "
        "in 2015 from £500million in 2009; some 8 percent, about $46 billion, 60 per cent. "
    )
    return _cycle(sent)(n)


def _wide_table(columns: int) -> Callable[[int], str]:
    def build(n: int) -> str:
        head = "|" + "|".join(f"c{i}" for i in range(columns)) + "|\n"
        rule = "|" + "-|" * columns + "\n"
        row = "|" + "|".join(str(i % 97) for i in range(columns)) + "|\n"
        return head + rule + row * max(1, (n - len(head) - len(rule)) // len(row))

    return build


ADVERSARIAL: tuple[Family, ...] = (
    Family("digit-run", "text", lambda n: "1" * n),
    Family("digit-run-scaled", "text", lambda n: "$" + "9" * (n - 3) + "bn"),
    Family("decimal-run", "text", lambda n: "0." + "1" * (n - 2)),
    Family("comma-chain", "text", _cycle("1,")),
    Family("thousands-chain", "text", lambda n: "1" + _cycle(",000")(n - 1)),
    Family("dot-chain", "text", _cycle("1.")),
    Family("space-grouped", "text", _cycle(f"1{NBSP}000 ")),
    Family("dash-chain", "text", _cycle("1-")),
    Family("open-brackets", "text", lambda n: "(" * (n - 4) + "£35m"),
    Family("nested-brackets", "text", _nest("(", "$50billion", ")")),
    Family("conversion-chain", "text", _cycle("$50billion (£35m) ")),
    Family("unclosed-conversions", "text", _cycle("$5bn (£3.5m ")),
    Family("dollar-run", "text", _cycle("$")),
    Family("currency-chain", "text", _cycle("$1£2€3")),
    Family("percent-chain", "text", _cycle("1% ")),
    Family("counting", "text", _counting),
    Family("number-words", "text", _cycle("two hundred and ")),
    Family("scale-words", "text", _cycle("million ")),
    Family("hedge-chain", "text", _cycle("more than about nearly ")),
    Family("between-chain", "text", _cycle("between 1 and ")),
    Family("from-to-chain", "text", _cycle("from $1m to ")),
    Family("vague-chain", "text", _cycle("tens of ")),
    Family("one-long-line", "text", _line),
    Family(
        "figures-in-one-sentence",
        "text",
        _cycle("the company and its network said that " * 12 + "$5m "),
    ),
    Family("sentences", "text", _cycle("Mr. A. 1. ")),
    Family("newlines", "text", _cycle("\r\n")),
    Family("combining-marks", "text", lambda n: "5" + "\u0301" * (n - 3) + "bn"),
    Family("zero-width", "text", _cycle("1\u200b")),
    Family("emoji-figures", "text", _cycle("💷5m ")),
    Family("url-figures", "text", _cycle("http://x.y/1 ")),
    Family("email-figures", "text", _cycle("a1@b.co 5m ")),
    Family("md-quotes", "markdown", lambda n: ">" * (n - 4) + " 5m"),
    Family(
        "md-list-nesting",
        "markdown",
        lambda n: "".join("  " * i + "- £5m\n" for i in range(int((n / 2) ** 0.5))),
    ),
    Family("md-emphasis", "markdown", _cycle("**1")),
    Family("md-emphasis-paragraphs", "markdown", _cycle("**1" * 150 + "\n\n")),
    Family("md-brackets", "markdown", _cycle("[$5m](")),
    Family("md-backticks", "markdown", _cycle("`1")),
    Family("md-escaped-backticks", "markdown", _cycle("\\``")),
    Family("md-angles", "markdown", _cycle("<>")),
    Family("md-link-parens", "markdown", _cycle("[ (](")),
    Family("md-inline-cdata", "markdown", _cycle("a <![CDATA[")),
    Family("md-list-lines", "markdown", _cycle("- 1\n")),
    Family("md-number-paragraphs", "markdown", _cycle("1\n\n")),
    Family("md-heading-lines", "markdown", _cycle("# 1\n")),
    Family("md-short-lines", "markdown", _cycle("a\n")),
    Family("md-quote-lines", "markdown", _cycle("> 1\n")),
    Family("md-table-rows", "markdown", lambda n: "|a|b|\n|-|-|\n" + _cycle("|1|2|\n")(n - 12)),
    # issue 16, items 7 and 8: findings, number words, figures in one sentence, wide tables
    Family("weekday-dates", "text", _cycle("On Tuesday, March 22, 2018 ")),
    Family("malformed-numbers", "text", _cycle("1,00,0 ")),
    Family("number-word-one", "text", _cycle("one ")),
    Family("number-words-hyphened", "text", _cycle("twenty-one ")),
    Family("number-words-scaled", "text", _cycle("a million ")),
    Family("growth-words", "text", _cycle("doubled ")),
    Family(
        "thousand-figures-sentence",
        "text",
        _cycle("The figures were " + ", ".join(f"${i}m" for i in range(1000)) + ". "),
    ),
    Family("md-wide-table-20", "markdown", _wide_table(20)),
    Family("md-wide-table-200", "markdown", _wide_table(200)),
    Family("md-wide-table-1000", "markdown", _wide_table(1000)),
    Family("md-list-deep", "markdown", _cycle("".join("  " * i + "- £5m\n" for i in range(12)))),
    Family("md-quote-deep", "markdown", _cycle(">" * 30 + " £5m\n\n")),
    Family("md-nested-emphasis", "markdown", _nest("*a **", "£5m", "** a*")),
    Family("html-nested", "html", _nest("<div>", "$50billion (£35m)", "</div>")),
    Family("html-unclosed", "html", _cycle("<p><b>£3.5m ")),
    Family("html-entities", "html", _cycle("&pound;5m&nbsp;")),
    Family("html-comments", "html", _cycle("<!--")),
    Family("html-lt", "html", _cycle("<1")),
    Family("html-cdata", "html", _cycle("<![CDATA[")),
    Family("html-processing", "html", _cycle("<?")),
    Family("html-bad-end-tags", "html", _cycle("</ 1")),
    Family("html-formatting", "html", _nest("<b 1><i 1>", "£5m", "x</b>")),
    Family("html-unterminated-start-tags", "html", _cycle("<a\n")),
    Family("html-unclosed-attribute", "html", _cycle('<p x="1')),
)


# --- the test -----------------------------------------------------------------------------------

# family → (owner, what goes wrong), e.g. "html-unclosed-attribute": ("factcheck/markup/
# from_html.py", "'<p x=\"1' * 14,000: 11 s at 100 KB"); each a finding of the benchmarks
KNOWN: dict[str, tuple[str, str]] = {}


def _run(family: Family, limit: float, conn: Connection) -> None:
    """In the child: the kernel ends it (SIGXCPU) once it has used ``limit`` s of CPU time."""
    cap = math.ceil(limit) + 2  # the property checks after the timed part need a little too
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cap, cap + 5))
    text = family.build(SIZE)
    try:
        began = time.process_time()
        if family.fmt == "text":
            claims = factcheck.extract(text)
        report = factcheck.check(text, input_format=family.fmt)
        render(report, "json", RenderContext())
        cpu = time.process_time() - began
        problems = list(report_problems(text, report, exact=family.fmt == "text"))
        if family.fmt == "text":
            problems += claim_problems(text, claims, exact=True)
        conn.send({"cpu": cpu, "problems": problems[:5], "claims": len(report.claims)})
    except BaseException as exc:
        conn.send({"error": f"{type(exc).__name__}: {exc}"[:300]})


def guard(family: Family) -> float:
    """CPU seconds allowed for one input of ``family``: ten times the target, at least FLOOR."""
    megabytes = len(family.build(SIZE).encode("utf-8")) / 1e6
    return max(FLOOR, GUARD * megabytes)


def _finish(proc: Any, conn: Connection, limit: float) -> dict[str, Any]:
    try:
        got: dict[str, Any] = conn.recv()
    except EOFError:  # the child died without a word: the CPU limit, or a crash
        proc.join()
        if proc.exitcode == -signal.SIGXCPU:
            return {"timeout": limit}
        return {"error": f"the child process died (exit code {proc.exitcode})"}
    proc.join()
    if got.get("cpu", 0) > limit:
        return {"timeout": limit}
    return got


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, Any]]:
    """Every family's outcome, two children at a time, each stopped at its CPU guard."""
    warm = "It slashed its value by $50billion (£35m), 5 miles (8km), 60 per cent."
    for fmt in ("text", "markdown", "html"):  # forked children inherit what this loads
        render(factcheck.check(warm, input_format=fmt), "json", RenderContext())
    ctx = multiprocessing.get_context("fork")
    pending = list(ADVERSARIAL)
    running: list[tuple[Family, Any, Connection, float, float]] = []
    results: dict[str, dict[str, Any]] = {}
    while pending or running:
        while pending and len(running) < JOBS:
            family = pending.pop(0)
            limit = guard(family)
            here, there = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_run, args=(family, limit, there), daemon=True)
            proc.start()
            there.close()  # the child's end: EOF here once the child is gone
            backstop = time.monotonic() + BACKSTOP * limit + 30  # a machine stalled for long
            running.append((family, proc, here, limit, backstop))
        for item in list(running):
            family, proc, conn, limit, backstop = item
            if conn.poll(0.01):
                results[family.name] = _finish(proc, conn, limit)
            elif time.monotonic() > backstop:
                proc.kill()
                proc.join()
                results[family.name] = {"timeout": limit}
            else:
                continue
            running.remove(item)
    return results


def _params() -> list[Any]:
    params = []
    for family in ADVERSARIAL:
        marks = []
        if family.name in KNOWN:
            owner, what = KNOWN[family.name]
            marks.append(pytest.mark.xfail(strict=True, reason=f"{owner}: {what}"))
        params.append(pytest.param(family, id=family.name, marks=marks))
    return params


@pytest.mark.parametrize("family", _params())
def test_adversarial_input(family: Family, outcomes: dict[str, dict[str, Any]]) -> None:
    got = outcomes[family.name]
    assert "error" not in got, f"{family.name} raised {got.get('error')}"
    assert "timeout" not in got, (
        f"{family.name} ({SIZE:,} characters) used more than {got.get('timeout')} s of CPU: "
        f"catastrophic backtracking or a quadratic loop"
    )
    assert got["problems"] == []


def test_known_failures_name_real_families() -> None:
    names = {f.name for f in ADVERSARIAL}
    assert set(KNOWN) <= names
    assert len(names) == len(ADVERSARIAL)

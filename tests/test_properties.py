"""Properties that hold for any text at all: no exception, exact spans, deterministic reports.

For every input: ``extract`` and ``check`` (text, Markdown, HTML) never raise; every claim span
lies inside the text it was read from, is non-empty and, for plain text, is exactly
``claim.text``; line and column agree with the offset; values are finite; every finding,
related span and suggestion points inside the source; the JSON report matches its schema and is
the same twice in one process and in two processes with different hash seeds; and in every
output format nothing raises.

:func:`violations` states the properties once; ``benchmarks/fuzz.py`` applies it to 100,000
generated inputs. Inputs that once failed live in ``tests/data/fuzz_regressions.toml``.
Hypothesis runs derandomized (the same examples on every run, no example database);
``FACTCHECK_FUZZ_EXAMPLES=5000`` runs more locally.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import html_texts, markdown_texts, texts

import factcheck
from factcheck.models import Claim, FileResult, Report
from factcheck.reporters import FORMATS, RenderContext, render

HERE = Path(__file__).resolve().parent
REGRESSIONS = HERE / "data" / "fuzz_regressions.toml"
EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


class Lines:
    """Offset → 1-based (line, column) counted in characters, lines ended by ``\\n`` only."""

    def __init__(self, text: str) -> None:
        self.breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        before = bisect.bisect_left(self.breaks, offset)
        line_start = self.breaks[before - 1] + 1 if before else 0
        return before + 1, offset - line_start + 1


_MARKUP = frozenset("<>&\\*_`[]|#~!\r\ufeff\0=-+:")


def _plain(written: str) -> bool:
    """A source span with no character markup could have changed: it must read as the claim."""
    return _MARKUP.isdisjoint(written)


def _number_ok(value: float | None) -> bool:
    return value is None or math.isfinite(value)


def claim_problems(source: str, claims: Sequence[Claim], *, exact: bool) -> Iterator[str]:
    """What is wrong with ``claims`` read from ``source`` (``exact``: plain text, no markup)."""
    lines = Lines(source)
    ids = [c.id for c in claims]
    if len(set(ids)) != len(ids):
        yield f"duplicate claim ids {ids}"
    starts = [c.start for c in claims]
    if starts != sorted(starts):
        yield f"claims out of order: {starts}"
    for c in claims:
        where = f"claim {c.id} {c.text!r} [{c.start}:{c.end}]"
        if not 0 <= c.start < c.end <= len(source):
            yield f"{where}: span outside the text (length {len(source)}) or empty"
            continue
        written = source[c.start : c.end]
        if exact and written != c.text:
            yield f"{where}: text[start:end] is {written!r}"
        if not exact and _plain(written) and " ".join(written.split()) != " ".join(c.text.split()):
            yield f"{where}: the source span reads {written!r}"
        if (c.line, c.column) != lines.at(c.start):
            yield f"{where}: line:column {c.line}:{c.column}, expected {lines.at(c.start)}"
        if (c.end_line, c.end_column) != lines.at(c.end):
            yield f"{where}: end {c.end_line}:{c.end_column}, expected {lines.at(c.end)}"
        if not (_number_ok(c.value) and _number_ok(c.low) and _number_ok(c.high)):
            yield f"{where}: NaN or infinity in value/low/high ({c.value}, {c.low}, {c.high})"
        for ref in (c.converts, c.from_claim):
            if ref is not None and ref not in ids:
                yield f"{where}: refers to missing claim {ref}"


def _span_problems(what: str, span: tuple[int, int], source: str) -> Iterator[str]:
    if not 0 <= span[0] <= span[1] <= len(source):
        yield f"{what}: span {span} outside the text (length {len(source)})"


def report_problems(source: str, report: Report, *, exact: bool) -> Iterator[str]:
    """What is wrong with the one-file ``report`` of ``source``."""
    if len(report.files) != 1 or not isinstance(report.files[0], FileResult):
        yield f"expected one FileResult, got {report.files!r:.200}"
        return
    result = report.files[0]
    yield from claim_problems(source, result.claims, exact=exact)
    lines = Lines(source)
    ids = {c.id for c in result.claims}
    for f in result.findings:
        what = f"finding {f.code} {f.span}"
        bad = list(_span_problems(what, f.span, source))
        yield from bad
        if bad:
            continue
        if (f.line, f.column) != lines.at(f.span[0]) and "source_span" not in f.values:
            yield f"{what}: line:column {f.line}:{f.column}, expected {lines.at(f.span[0])}"
        if not set(f.claims) <= ids:
            yield f"{what}: names missing claims {sorted(set(f.claims) - ids)}"
        for r in f.related:
            yield from _span_problems(f"{what} related {r.claim}", r.span, source)
            if exact and source[r.span[0] : r.span[1]] != r.text:
                yield f"{what} related {r.claim}: text {r.text!r} is not the span's"
        if f.suggestion is not None:
            s = f.suggestion
            yield from _span_problems(f"{what} suggestion", s.span, source)
            if exact and s.original and source[s.span[0] : s.span[1]] != s.original:
                yield f"{what} suggestion: original {s.original!r} is not the span's"


@functools.cache
def _schema_validator() -> Any:
    import jsonschema

    from factcheck.reporters.schema import report_schema

    return jsonschema.Draft202012Validator(report_schema())


def check_json(text: str, fmt: str) -> str:
    return factcheck.check(text, input_format=fmt).model_dump_json()


def violations(fmt: str, text: str, *, render_as: str | None = "json") -> list[str]:
    """Every property broken by ``text`` read as ``fmt``; an exception propagates (a crash)."""
    problems: list[str] = []
    exact = fmt == "text"
    if exact:
        claims = factcheck.extract(text)
        problems += claim_problems(text, claims, exact=True)
    report = factcheck.check(text, input_format=fmt)
    problems += report_problems(text, report, exact=exact)
    if exact and [c.model_dump() for c in claims] != [c.model_dump() for c in report.claims]:
        problems.append("extract() and check() disagree on the claims")
    again = factcheck.check(text, input_format=fmt)
    if again.model_dump_json() != report.model_dump_json():
        problems.append("two checks of the same text give different reports")
    data = report.model_dump(mode="json")
    errors = sorted(str(e.message)[:200] for e in _schema_validator().iter_errors(data))
    if errors:
        problems.append(f"the JSON report does not match its schema: {errors[0]}")
    if render_as is not None:
        out = render(report, render_as, RenderContext(sources={"<text>": text}, show_claims=True))
        if render_as == "json" and json.loads(out) != data:
            problems.append("the json report does not round-trip")
    return problems


# --- properties --------------------------------------------------------------------------------


@FUZZ
@given(texts())
def test_extract_any_text(text: str) -> None:
    claims = factcheck.extract(text)
    assert not list(claim_problems(text, claims, exact=True))


@FUZZ
@given(texts())
def test_check_plain_text(text: str) -> None:
    assert violations("text", text) == []


@FUZZ
@given(markdown_texts())
def test_check_markdown(text: str) -> None:
    assert violations("markdown", text) == []


@FUZZ
@given(html_texts())
def test_check_html(text: str) -> None:
    assert violations("html", text) == []


@settings(FUZZ, max_examples=max(20, EXAMPLES // 3))
@given(texts(), st.sampled_from(sorted(FORMATS)))
def test_every_output_format_renders(text: str, fmt: str) -> None:
    report = factcheck.check(text)
    out = render(report, fmt, RenderContext(sources={"<text>": text}, show_claims=True))
    assert isinstance(out, str)


@settings(FUZZ, max_examples=max(20, EXAMPLES // 3))
@given(texts(), texts())
def test_no_state_carried_between_texts(first: str, second: str) -> None:
    before = [c.model_dump() for c in factcheck.extract(first)]
    factcheck.check(second)
    factcheck.extract(second)
    assert [c.model_dump() for c in factcheck.extract(first)] == before


_DIGEST = """
import hashlib, sys
sys.path.insert(0, {tests!r})
from strategies import generate
from test_properties import check_json
inputs = [("seed", "text", open({seed_file!r}, encoding="utf-8").read())]
inputs += [(str(seed), *generate(seed)) for seed in range({count})]
for name, fmt, text in inputs:
    print(name, hashlib.sha256(check_json(text, fmt).encode()).hexdigest())
"""


def test_same_report_under_any_hash_seed() -> None:
    """Set and dict order must not leak into reports: two processes, two hash seeds."""
    seed_file = str(HERE.parent / "seeds" / "facebook-cambridge-analytica-2018.txt")
    script = _DIGEST.format(tests=str(HERE), count=60, seed_file=seed_file)
    outs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        outs.append(done.stdout.splitlines())
    differ = [a.split()[0] for a, b in zip(*outs, strict=True) if a != b]
    assert len(outs[0]) == 61
    assert not differ, f"reports differ between hash seeds for inputs {differ} (generate(n))"


# --- inputs that once failed -------------------------------------------------------------------


def _cases() -> list[Any]:
    data = tomllib.loads(REGRESSIONS.read_text(encoding="utf-8"))
    params = []
    for case in data["case"]:
        marks = []
        if case.get("status") == "open":
            marks.append(pytest.mark.xfail(strict=True, reason=f"{case['owner']}: {case['what']}"))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def case_text(case: dict[str, Any]) -> str:
    return (
        str(case.get("prefix", ""))
        + str(case["text"]) * int(case.get("repeat", 1))
        + str(case.get("suffix", ""))
    )


@pytest.mark.parametrize("case", _cases())
def test_regression(case: dict[str, Any]) -> None:
    fmt = case.get("format", "text")
    text = case_text(case)
    assert violations(fmt, text, render_as=case.get("render", "json")) == []


def test_regressions_table_is_well_formed() -> None:
    data = tomllib.loads(REGRESSIONS.read_text(encoding="utf-8"))
    allowed = {
        "id",
        "text",
        "format",
        "prefix",
        "repeat",
        "suffix",
        "render",
        "status",
        "owner",
        "what",
        "found",
    }
    ids = [c["id"] for c in data["case"]]
    assert len(ids) == len(set(ids))
    for case in data["case"]:
        assert set(case) <= allowed, case["id"]
        assert {"id", "text", "status", "owner", "what", "found"} <= set(case), case["id"]
        assert case["status"] in ("open", "fixed"), case["id"]
        assert case.get("format", "text") in ("text", "markdown", "html"), case["id"]

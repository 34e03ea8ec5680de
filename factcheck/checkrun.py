"""The ``check`` command's work, minus the printing: paths → files → outcomes → a filtered report
→ the text to write, the lines for stderr and the exit status. ``cli.py`` prints what this returns.

Order of filtering, per file: per-file-ignores switch rules off before checking; then the
baseline hides known findings; then ``min-severity`` decides what is shown. The exit status is
1 when a shown finding is at or above its file's ``fail-on``, 2 when any input could not be read
(whatever the findings), else 0.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import __version__
from factcheck import baseline as baselines
from factcheck.api import CheckOptions, make_report
from factcheck.config import Overrides, Resolver, Settings
from factcheck.discover import ARTICLE_SUFFIXES, discover
from factcheck.errors import ConfigError
from factcheck.models import FileError, FileFailure, FileResult, Finding, Report
from factcheck.runner import Outcome, Task, at_least, failing, run
from factcheck.sources import DEFAULT_MAX_BYTES, display_name

STDIN_NAME = "<stdin>"
MACHINE_FORMATS = frozenset({"json", "json-lines", "sarif", "github", "gitlab", "junit"})
# formats that show only findings: the claims no finding involves need not be kept
FINDINGS_ONLY = frozenset({"concise", "sarif", "github", "gitlab", "junit"})
SHOWS_CLAIMS = ("full", "html")  # the formats --show-claims changes (html shows them anyway)
Progress = Callable[[int], Callable[[int], None] | None]


@dataclass(frozen=True)
class CheckRequest:
    """The command line of ``factcheck check``, decided (terminal questions answered)."""

    paths: Sequence[str]
    overrides: Overrides = field(default_factory=Overrides)
    output_format: str | None = None
    terminal: bool = False  # the report goes to a terminal (picks the default format)
    color: bool = False
    width: int = 100
    date: str | None = None
    stdin_filename: str | None = None
    input_format: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    force_exclude: bool = False
    jobs: int = 1
    config: str | None = None
    isolated: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    statistics: bool = False
    diff: bool = False
    show_claims: bool = False
    exit_zero: bool = False
    verbose: int = 0


@dataclass
class CheckRun:
    """What the command prints and returns.

    ``parts()`` renders the output piece by piece as it is written (``json`` one file at a
    time); ``output`` is the whole text at once, for callers that want a string.
    """

    parts: Callable[[], Iterable[str]]
    fmt: str
    status: int
    report: Report
    failures: list[str] = field(default_factory=list)  # one line per unreadable input
    notes: list[str] = field(default_factory=list)  # warnings and -v information, for stderr

    @property
    def output(self) -> str:
        return "".join(self.parts())


def _plan(
    req: CheckRequest, resolver: Resolver, files: Sequence[str], fmt: str
) -> tuple[list[Task], dict[str, Settings]]:
    """One task per file, each with the settings of the configuration nearest to it."""
    import datetime as dt

    date = dt.date.fromisoformat(req.date) if req.date else None
    show_claims = req.show_claims and fmt in SHOWS_CLAIMS
    keep_source = req.diff or show_claims or fmt not in (*MACHINE_FORMATS, "concise")
    keep_claims = show_claims or not (req.statistics or req.diff or fmt in FINDINGS_ONLY)
    settings_of: dict[str, Settings] = {}
    tasks = []
    for path in files:
        if path == "-":
            display = display_name(req.stdin_filename or STDIN_NAME)
            settings = (
                resolver.for_file(req.stdin_filename)
                if req.stdin_filename
                else resolver.for_dir(Path.cwd())
            )
        else:
            display, settings = display_name(path), resolver.for_file(path)
        settings_of[display] = settings
        options = CheckOptions(
            date=date, selection=settings.selection_for(display), rule_dirs=settings.rule_dirs
        )
        tasks.append(
            Task(
                path=path,
                display=display,
                options=options,
                input_format=req.input_format,
                max_bytes=req.max_bytes,
                skip_blockquotes=settings.skip_blockquotes,
                keep_source=keep_source,
                keep_claims=keep_claims,
            )
        )
    return tasks, settings_of


def _baseline(
    req: CheckRequest,
    results: list[FileResult | FileFailure],
    known: Counter[baselines.Key] | None,
    notes: list[str],
) -> list[FileResult | FileFailure]:
    """Write the baseline if asked, then hide what the baseline (read or written) records."""
    if req.write_baseline:
        n = baselines.write(req.write_baseline, results, __version__)
        notes.append(f"recorded {n} finding(s) in {req.write_baseline}")
        base = Path(os.path.abspath(req.write_baseline)).parent
        known = baselines.keys(results, base)
    elif req.baseline and known is not None:
        base = Path(os.path.abspath(req.baseline)).parent
    else:
        return results
    return baselines.apply(results, known, base)[0]


def execute(req: CheckRequest, progress: Progress | None = None) -> CheckRun:
    """Check ``req.paths`` and build everything the command prints."""
    resolver = Resolver(req.overrides, config=req.config, isolated=req.isolated)
    top = resolver.for_dir(Path.cwd())
    known = baselines.read(req.baseline) if req.baseline else None  # fails before any work
    found = discover(req.paths, resolver, force_exclude=req.force_exclude)
    notes = [f"warning: {p}: no article files found" for p in found.empty]
    if not found.files and not found.unreadable:
        raise ConfigError(
            ", ".join(req.paths),
            f"nothing to check: no article files ({', '.join(ARTICLE_SUFFIXES)}) found",
        )
    fmt = req.output_format or top.output_format or ("full" if req.terminal else "concise")
    tasks, settings_of = _plan(req, resolver, found.files, fmt)
    advance = progress(len(tasks)) if progress and fmt not in MACHINE_FORMATS else None
    outcomes = run(tasks, jobs=req.jobs or os.cpu_count() or 1, progress=advance)
    results = [o.result for o in outcomes]
    for folder, code, problem in found.unreadable:  # inputs that failed, like unreadable files
        shown = display_name(folder)
        results.append(FileFailure(path=shown, error=FileError(code=code, message=problem)))
        settings_of[shown] = top
    shown_before = _shown_count(results, settings_of)
    results = _baseline(req, results, known, notes)
    results = [at_least(r, settings_of[r.path].min_severity) for r in results]
    report = _report(results, sum(o.claims for o in outcomes))
    hidden = shown_before - len(report.findings)
    if hidden and req.baseline and not req.write_baseline:
        notes.append(f"{hidden} finding(s) hidden by the baseline {req.baseline}")
    if req.show_claims and fmt not in SHOWS_CLAIMS and not (req.statistics or req.diff):
        notes.append(
            f"warning: --show-claims applies to the {' and '.join(SHOWS_CLAIMS)} formats "
            f"only; it does nothing with -f {fmt}"
        )
    if req.verbose:
        notes += _verbose_notes(outcomes, settings_of)
        if not report.findings:
            s = report.summary
            notes.append(
                f"No findings: {s.files - s.failed:,} file(s) checked, {s.claims:,} claims, "
                f"{s.cross_checked:,} cross-checked"
            )
    failed = any(
        isinstance(r, FileResult) and failing(r.findings, settings_of[r.path].fail_on)
        for r in results
    )
    status = 2 if report.summary.failed else (1 if failed and not req.exit_zero else 0)
    parts = _output(report, fmt, req, top, outcomes, settings_of, notes)
    failures = [_failure_line(r) for r in results if isinstance(r, FileFailure)]
    return CheckRun(
        parts=parts, fmt=fmt, status=status, report=report, failures=failures, notes=notes
    )


def _report(results: Sequence[FileResult | FileFailure], claims: int) -> Report:
    """The report, its claim count taken from before claims were left out to save memory."""
    report = make_report(results)
    if report.summary.claims == claims:
        return report
    return report.model_copy(
        update={"summary": report.summary.model_copy(update={"claims": claims})}
    )


def _output(
    report: Report,
    fmt: str,
    req: CheckRequest,
    top: Settings,
    outcomes: Sequence[Outcome],
    settings_of: dict[str, Settings],
    notes: list[str],
) -> Callable[[], Iterable[str]]:
    """What to print, as a function that renders it in pieces (called when it is written)."""
    sources = {o.result.path: o.source for o in outcomes if o.source is not None}
    if req.statistics:
        text = statistics(report, as_json=fmt in ("json", "json-lines"))
        return lambda: (text,)
    if req.diff:
        from factcheck.fixdiff import unified_diff

        text, n = unified_diff(report.files, sources)
        if not n:
            notes.append("no suggested replacements")
        return lambda: (text,)
    from factcheck.reporters import FORMATS, RenderContext, render_parts

    if fmt not in FORMATS:
        raise ConfigError("--output-format", f"unknown output format {fmt!r}")
    rules = {r.code: r for s in {id(s): s for s in settings_of.values()}.values() for r in s.rules}
    ctx = RenderContext(
        rules=rules,
        sources=sources,
        min_severity=top.min_severity,
        color=req.color,
        width=req.width,
        show_claims=req.show_claims,
        verbose=req.verbose > 0,
    )
    try:
        first = render_parts(report, fmt, ctx)  # imports the reporter now: errors come early
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("factcheck.reporters."):
            raise ConfigError(
                "--output-format", f"the {fmt!r} format is not available in this installation"
            ) from None
        raise
    unused = [first]

    def parts() -> Iterator[str]:
        yield from unused.pop() if unused else render_parts(report, fmt, ctx)

    return parts


def _shown_count(
    results: Sequence[FileResult | FileFailure], settings_of: dict[str, Settings]
) -> int:
    return sum(
        len(r.findings)
        for r in (at_least(x, settings_of[x.path].min_severity) for x in results)
        if isinstance(r, FileResult)
    )


def _failure_line(failure: FileFailure) -> str:
    line = f"{failure.path}: {failure.error.message}"
    if failure.error.code == "too-large" or "size limit" in failure.error.message:
        line += " (option --max-bytes)"
    return line


def statistics(report: Report, *, as_json: bool = False) -> str:
    """A count per rule, most frequent first (``--statistics``)."""
    import json
    from collections import Counter

    counts = Counter(f.code for f in report.findings)
    first: dict[str, Finding] = {}
    for f in report.findings:
        first.setdefault(f.code, f)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if as_json:
        data = [
            {"code": c, "name": first[c].name, "severity": first[c].severity.value, "count": n}
            for c, n in rows
        ]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(
        f"{n:>{width}}  {c}  {first[c].name}  [{first[c].severity.value}]\n" for c, n in rows
    )


def _verbose_notes(outcomes: Sequence[Outcome], settings_of: dict[str, Settings]) -> list[str]:
    out = []
    for o in outcomes:
        r = o.result
        cfg = settings_of[r.path].source or "defaults"
        if isinstance(r, FileResult):
            d = r.date
            when = (
                f"date {d.value} ({d.source}" + (f": {d.text!r})" if d.text else ")")
                if d and d.value
                else "no date (rates over the period the article allows)"
            )
            rates = sorted(
                {str(f.values["rate_source"]) for f in r.findings if "rate_source" in f.values}
            )
            out.append(  # o.claims: r.claims may hold only those a finding involves
                f"{r.path}: {r.format}, {o.claims} claims, {when}"
                + (f", rates: {'; '.join(rates)}" if rates else "")
                + f", config: {cfg}"
            )
        elif o.detail:
            out.append(f"{r.path}: {o.detail.rstrip()}")
    return out

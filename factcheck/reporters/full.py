"""``full``: the annotated report an editor reads in a terminal (rich-rendered).

For each finding: ``path:line:col: CODE name [severity]``, the message, every line holding one
of its claims with the blamed claim underlined ``^`` and the others ``-`` (see
:mod:`factcheck.reporters._snippet`), and the suggested fix. Then a summary: files checked,
claims found and cross-checked, findings by severity and by rule, the date and rate source
used. With ``show_claims`` each finding also names the relations it read, and each article
follows, every claim highlighted by kind, with a legend, a table of the claims and a table of
the relations between them (:mod:`factcheck.reporters._claims_view`).

:class:`FullReport` is a rich renderable, so tests render it into a fixed-width console; text
from the article is neutralised (:func:`~factcheck.reporters._common.terminal_safe`) and always
added as plain text, never as markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.text import Text

from factcheck.models import Claim, FileFailure, FileResult, Finding, Report, Severity
from factcheck.reporters import RenderContext
from factcheck.reporters._common import claims_by_id, one_line, terminal_safe
from factcheck.reporters._snippet import Mark, excerpt_rows

SEVERITY_STYLE: Mapping[Severity, str] = MappingProxyType(
    {
        Severity.ERROR: "bold red",
        Severity.WARNING: "bold yellow",
        Severity.INFO: "bold blue",
    }
)
RELATED_STYLE = "bold cyan"
GUTTER_STYLE = "blue"
DATE_SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "option": "from --date",
        "front-matter": "from the front matter",
        "meta": "from <meta>",
        "time": "from <time>",
        "dateline": "from the dateline",
        "none": "none found",
    }
)


def _marks(finding: Finding, claims: Mapping[str, Claim], lines: list[str]) -> list[Mark]:
    """Where each claim of ``finding`` is written, split per line (0-based columns)."""
    spans: list[tuple[int, int, int, int, bool]] = []
    for n, cid in enumerate(finding.claims):
        c = claims.get(cid)
        if c is not None:
            spans.append((c.line, c.column, c.end_line, c.end_column, n == 0))
    if not spans:  # claims not in the report: fall back on the finding's own positions
        spans.append((finding.line, finding.column, finding.end_line, finding.end_column, True))
        spans += [
            (r.line, r.column, r.line, r.column + len(r.text), False) for r in finding.related
        ]
    marks: list[Mark] = []
    for line, col, end_line, end_col, primary in spans:
        if not 1 <= line <= len(lines):
            continue
        length = len(lines[line - 1])
        if end_line > line:  # a claim broken over lines: mark the rest of its first line
            end_col = length + 1
        start = min(max(0, col - 1), length)
        marks.append(Mark(line, start, min(length, max(start + 1, end_col - 1)), primary))
    return marks


class FindingView:
    """One finding: header, message, source excerpt, fix."""

    def __init__(
        self,
        path: str,
        finding: Finding,
        claims: Mapping[str, Claim],
        lines: list[str] | None,
        show_relations: bool = False,
    ) -> None:
        self.path, self.finding, self.claims, self.lines = path, finding, claims, lines
        self.show_relations = show_relations  # with --show-claims: the relation ids it read

    def header(self) -> Text:
        f = self.finding
        text = Text()
        text.append(f"{one_line(self.path)}:{f.line}:{f.column}:", style="bold")
        text.append(" ")
        text.append(f.code, style=SEVERITY_STYLE[f.severity])
        text.append(f" {one_line(f.name)} ")
        text.append(f"[{f.severity.value}]", style=SEVERITY_STYLE[f.severity])
        return text

    def excerpt(self, width: int) -> Iterator[Text]:
        lines = self.lines
        if lines is None:
            return
        marks = _marks(self.finding, self.claims, lines)
        if not marks:
            return
        numbers = sorted({m.line for m in marks})
        gutter = len(str(numbers[-1]))
        blank = Text(f"{' ' * (gutter + 1)}│", style=GUTTER_STYLE)
        budget = max(20, width - gutter - 3)
        yield blank
        previous = 0
        style = SEVERITY_STYLE[self.finding.severity]
        for n in numbers:
            if previous and n > previous + 1:
                yield Text(f"{' ' * (gutter + 1)}⋮", style=GUTTER_STYLE)
            previous = n
            line = terminal_safe(lines[n - 1])
            for row, under in excerpt_rows(
                line, [m for m in marks if m.line == n], budget, style, RELATED_STYLE
            ):
                yield Text.assemble((f"{n:>{gutter}} │ ", GUTTER_STYLE), row)
                yield Text.assemble((f"{' ' * (gutter + 1)}│ ", GUTTER_STYLE), under)
        yield blank

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        f = self.finding
        yield self.header()
        for line in Text(terminal_safe(f.message)).wrap(console, max(20, options.max_width - 2)):
            line.rstrip()
            yield Text.assemble("  ", line)
        yield from self.excerpt(options.max_width)
        if f.suggestion is not None:
            fix = Text.assemble(("  fix: ", "bold green"))
            if f.suggestion.original:
                fix.append(one_line(f.suggestion.original), style=SEVERITY_STYLE[f.severity])
                fix.append(" → ")
            fix.append(one_line(f.suggestion.replacement), style="bold green")
            yield fix
        if self.show_relations and f.relations:
            yield Text.assemble(("  relations: ", "bold"), one_line(", ".join(f.relations)))
        yield Text()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


class SummaryView:
    """Files checked, claims found and cross-checked, findings by severity and rule."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def rows(self) -> list[tuple[str, Text]]:
        s = self.report.summary
        checked = f"{s.files - s.failed}" + (f" ({s.failed} could not be read)" if s.failed else "")
        rows = [
            ("Files checked", Text(checked)),
            ("Claims found", Text(f"{s.claims} ({s.cross_checked} cross-checked)")),
        ]
        severities = Text()
        for i, sev in enumerate((Severity.ERROR, Severity.WARNING, Severity.INFO)):
            n = s.findings.get(sev.value, 0)
            if i:
                severities.append(", ")
            severities.append(_plural(n, sev.value), style=SEVERITY_STYLE[sev] if n else "")
        rows.append(("Findings", severities))
        if s.by_rule:
            rows.append(("By rule", Text(", ".join(f"{c} ×{n}" for c, n in s.by_rule.items()))))
        results = [r for r in self.report.files if isinstance(r, FileResult)]
        if len(results) == 1 and results[0].date is not None:
            d = results[0].date
            where = DATE_SOURCES.get(d.source, d.source)
            rows.append(("Date", Text(one_line(f"{d.value or '—'} ({where})"))))
        rate_sources = sorted(
            {
                str(f.values["rate_source"])
                for r in results
                for f in r.findings
                if f.values.get("rate_source")
            }
        )
        if rate_sources:
            rows.append(("Exchange rates", Text(one_line("; ".join(rate_sources)))))
        return rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Rule("Summary", style="dim")
        rows = self.rows()
        label_width = max(len(label) for label, _ in rows) + 2
        for label, value in rows:
            yield Text.assemble((label.ljust(label_width), "bold"), value)


class FullReport:
    """The whole annotated report as one rich renderable."""

    def __init__(self, report: Report, ctx: RenderContext | None = None) -> None:
        self.report = report
        self.ctx = ctx or RenderContext()

    def _file(self, entry: FileResult | FileFailure) -> Iterator[RenderableType]:
        if isinstance(entry, FileFailure):
            yield Text.assemble(
                (f"{one_line(entry.path)}: ", "bold"),
                ("could not be read", "bold red"),
                f": {one_line(entry.error.message)} [{one_line(entry.error.code)}]",
            )
            yield Text()
            return
        source = self.ctx.sources.get(entry.path)
        lines = None
        if source is not None and entry.findings:  # CRLF: the CR is not part of the line
            lines = [ln[:-1] if ln.endswith("\r") else ln for ln in source.split("\n")]
        claims = claims_by_id(entry)
        for finding in entry.findings:
            yield FindingView(entry.path, finding, claims, lines, self.ctx.show_claims)
        if self.ctx.show_claims:
            from factcheck.reporters._claims_view import ClaimsView

            yield ClaimsView(entry, source)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for entry in self.report.files:
            yield from self._file(entry)
        if not self.report.findings:
            yield Text("No findings.", style="bold green")
        yield SummaryView(self.report)


def render(report: Report, ctx: RenderContext) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=ctx.width,
        color_system="standard" if ctx.color else None,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},
    )
    console.print(Group(FullReport(report, ctx)))
    return buffer.getvalue()

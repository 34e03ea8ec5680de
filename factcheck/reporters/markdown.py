"""``markdown``: a pull-request comment or a ``$GITHUB_STEP_SUMMARY`` section.

A heading with the counts, one sentence of summary, a table of findings (severity, where, rule,
message, suggested fix) and a list of files that could not be read. In every piece of text from
the report — paths, messages, claim texts — the punctuation GitHub-flavoured Markdown acts on
is backslash-escaped (valid CommonMark for any ASCII punctuation), and so is the dot of
``www.``, so an article cannot open a link, an autolink, an HTML tag or entity, emphasis, a
``$`` maths span, an emoji shortcode, a table cell or an ``@`` mention; line breaks and control
characters become visible marks. The table stops after :data:`MAX_ROWS` rows (GitHub caps the
size of a comment).
"""

from __future__ import annotations

import re

from factcheck.models import Report
from factcheck.reporters import RenderContext
from factcheck.reporters._common import by_severity, failures, located, one_line, suggestion_text

MAX_ROWS = 200
_ACTIVE = "\\`*_{}[]<>#!|~$&@:^"  # characters GFM gives a meaning to anywhere in a line
_ESCAPE = str.maketrans({c: "\\" + c for c in _ACTIVE})
_WWW = re.compile(r"(?i)\b(www)\.")


def escape(text: str) -> str:
    """Text that renders literally in CommonMark/GFM, on one line and inside a table cell."""
    return _WWW.sub(r"\1\\.", one_line(text).translate(_ESCAPE))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def render(report: Report, ctx: RenderContext) -> str:
    s = report.summary
    counts = ", ".join(_plural(s.findings.get(k, 0), k) for k in ("error", "warning", "info"))
    out = [f"## factcheck: {counts}", ""]
    out.append(
        f"Checked {_plural(s.files - s.failed, 'file')}: {_plural(s.claims, 'claim')} found, "
        f"{s.cross_checked} cross-checked."
        + (f" {_plural(s.failed, 'file')} could not be read." if s.failed else "")
    )
    items = by_severity(located(report))
    if items:
        out += [
            "",
            "| Severity | Where | Rule | Message | Suggested fix |",
            "|---|---|---|---|---|",
        ]
        for x in items[:MAX_ROWS]:
            f = x.finding
            fix = suggestion_text(f)
            out.append(
                f"| **{f.severity.value}** | {escape(f'{x.path}:{f.line}:{f.column}')} "
                f"| {f.code} {escape(f.name)} | {escape(f.message)} "
                f"| {escape(fix) if fix else ''} |"
            )
        if len(items) > MAX_ROWS:
            out += ["", f"… and {len(items) - MAX_ROWS} more; see the full report."]
    else:
        out += ["", "No findings."]
    bad = failures(report)
    if bad:
        out += ["", "**Could not be read:**", ""]
        out += [
            f"- {escape(f.path)}: {escape(f.error.message)} ({escape(f.error.code)})" for f in bad
        ]
    return "\n".join(out) + "\n"

"""``concise``: one finding per line, ``path:line:col: CODE [severity] message`` (grep, editors).

A file that could not be read is one line too: ``path: error: [code] message``. Control
characters and line breaks from the article are shown as visible marks, so every record stays
on its own line and no escape sequence reaches the terminal.
"""

from __future__ import annotations

from factcheck.models import Report
from factcheck.reporters import RenderContext
from factcheck.reporters._common import failures, located, one_line


def render(report: Report, ctx: RenderContext) -> str:
    lines = [
        f"{one_line(x.path)}:{x.finding.line}:{x.finding.column}: {x.finding.code} "
        f"[{x.finding.severity.value}] {one_line(x.finding.message)}"
        for x in located(report)
    ]
    lines += [
        f"{one_line(f.path)}: error: [{one_line(f.error.code)}] {one_line(f.error.message)}"
        for f in failures(report)
    ]
    return "".join(line + "\n" for line in lines)

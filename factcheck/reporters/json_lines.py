"""``json-lines``: one JSON object per line, for streaming into jq, log pipelines or databases.

Each finding is one line: ``{"path": …, "fingerprint": …, <every Finding field>}`` — the
fields of :class:`factcheck.models.Finding` in their order, after the file's ``path`` and the
finding's stable ``fingerprint`` (the one SARIF and GitLab use). A file that could not be read
is one line ``{"path": …, "error": {"code": …, "message": …}}``; tell the two apart by the
``error`` key. There is no summary line: count the lines. Findings come in report order,
failures after them. Text is escaped as in the ``json`` format.
"""

from __future__ import annotations

from factcheck.models import Report
from factcheck.reporters import RenderContext
from factcheck.reporters._common import failures, located
from factcheck.reporters.json_report import dumps


def render(report: Report, ctx: RenderContext) -> str:
    lines = [
        dumps(
            {"path": x.path, "fingerprint": x.fingerprint, **x.finding.model_dump(mode="json")},
            indent=None,
        )
        for x in located(report)
    ]
    lines += [
        dumps({"path": f.path, "error": f.error.model_dump(mode="json")}, indent=None)
        for f in failures(report)
    ]
    return "".join(line + "\n" for line in lines)

"""``gitlab``: a GitLab Code Quality report (the Code Climate JSON subset GitLab reads).

A JSON array; each finding is ``{description, check_name, fingerprint, severity, location:
{path, lines: {begin, end}}}`` plus the Code Climate ``type``/``categories``. Severities map to
GitLab's scale: error → ``critical``, warning → ``major``, info → ``info``. ``fingerprint`` is
the stable finding fingerprint (path, code and normalised claim texts), unique in the report,
so GitLab's merge-request widget tracks a finding across edits. A file that could not be read
is an entry with ``check_name`` ``factcheck/unreadable-file`` and severity ``blocker``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from factcheck.models import Report, Severity
from factcheck.reporters import RenderContext
from factcheck.reporters._common import failures, located, one_line
from factcheck.reporters.json_report import dumps

SEVERITY: Mapping[Severity, str] = MappingProxyType(
    {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}
)


def render(report: Report, ctx: RenderContext) -> str:
    entries: list[dict[str, Any]] = [
        {
            "type": "issue",
            "description": f"{x.finding.code} {x.finding.name}: {one_line(x.finding.message)}",
            "check_name": x.finding.code,
            "categories": ["Bug Risk"],
            "fingerprint": x.fingerprint,
            "severity": SEVERITY[x.finding.severity],
            "location": {
                "path": x.path,
                "lines": {"begin": x.finding.line, "end": max(x.finding.end_line, x.finding.line)},
            },
        }
        for x in located(report)
    ]
    for f in failures(report):
        fp = hashlib.sha256(f"{f.path}\x1f{f.error.code}".encode()).hexdigest()[:32]
        entries.append(
            {
                "type": "issue",
                "description": f"factcheck could not read this file: {one_line(f.error.message)}",
                "check_name": "factcheck/unreadable-file",
                "categories": ["Bug Risk"],
                "fingerprint": fp,
                "severity": "blocker",
                "location": {"path": f.path, "lines": {"begin": 1, "end": 1}},
            }
        )
    return dumps(entries) + "\n"

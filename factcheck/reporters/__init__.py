"""Reporters: one module per output format, each ``render(report, ctx) -> str``. rich only here.

The CLI filters the report (``--min-severity``, baseline, per-file ignores) *before* rendering;
a reporter renders every finding it is given and never changes exit status or prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from factcheck.models import Report, Severity
from factcheck.ruleset import RuleSpec


@dataclass(frozen=True)
class RenderContext:
    """What a reporter may need beyond the report itself."""

    rules: Mapping[str, RuleSpec] = field(default_factory=dict)  # by code (SARIF, docs)
    sources: Mapping[str, str] = field(default_factory=dict)  # path → source text (lines shown)
    min_severity: Severity = Severity.WARNING
    color: bool = False
    width: int = 100
    show_claims: bool = False
    verbose: bool = False
    # URL of a rule's documentation, formatted with ``code`` and ``name`` (SARIF helpUri, links)
    docs_url: str | None = None


# format name → module in factcheck.reporters exposing ``render(report, ctx) -> str``
FORMATS: dict[str, str] = {
    "full": "full",
    "concise": "concise",
    "json": "json_report",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
    "markdown": "markdown",
    "html": "html_report",
}


def render(report: Report, fmt: str, ctx: RenderContext | None = None) -> str:
    """Render ``report`` in output format ``fmt`` (a key of :data:`FORMATS`)."""
    module = importlib.import_module(f"factcheck.reporters.{FORMATS[fmt]}")
    out: str = module.render(report, ctx or RenderContext())
    return out


def render_parts(report: Report, fmt: str, ctx: RenderContext | None = None) -> Iterator[str]:
    """``render`` in pieces, each made when it is asked for: a format that can (``json``, one
    file at a time) never holds the whole text, so a large run writes as it goes. The pieces
    join to exactly ``render(report, fmt, ctx)``."""
    module = importlib.import_module(f"factcheck.reporters.{FORMATS[fmt]}")  # fails here, early
    parts = getattr(module, "render_parts", None)
    if parts is None:
        return iter((module.render(report, ctx or RenderContext()),))
    found: Iterator[str] = parts(report, ctx or RenderContext())
    return found

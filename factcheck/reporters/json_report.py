"""``json``: the report's models dumped as they are (``report.model_dump(mode="json")``).

The document is versioned (``"version": 1``) and described by ``schema/report-v1.schema.json``,
exported from the models by ``python -m factcheck.reporters.schema``. Keys come in the models'
field order, which is part of the contract; indent 2. Non-ASCII text is kept readable, but
every character a terminal could act on (C0/C1 controls, DEL, bidi overrides, U+2028/2029)
is written as a ``\\uXXXX`` escape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from factcheck.models import Report
from factcheck.reporters import RenderContext

# json.dumps already escapes C0; these are the others a terminal or a JS parser acts on.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON text of ``data`` with terminal-unsafe characters escaped (used by other formats)."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _nested(text: str, spaces: int) -> str:
    """Indent every line but the first, to nest a dumped value inside an indented document."""
    return text.replace("\n", "\n" + " " * spaces)


def render(report: Report, ctx: RenderContext) -> str:
    """The whole report; identical to ``dumps(report.model_dump(mode="json"))``."""
    return "".join(render_parts(report, ctx))


def render_parts(report: Report, ctx: RenderContext) -> Iterator[str]:
    """The report one file at a time, each dumped only when the writer asks for it: a large
    run never holds the whole text (a thousand dense articles made 1.2 GB of it), nor all its
    dicts."""
    yield '{\n  "version": '
    yield dumps(report.version)
    yield ',\n  "tool": '
    yield _nested(dumps(report.tool.model_dump(mode="json")), 2)
    yield ',\n  "files": ['
    for i, result in enumerate(report.files):
        yield ("\n    " if i == 0 else ",\n    ") + _nested(
            dumps(result.model_dump(mode="json")), 4
        )
    yield "\n  ]" if report.files else "]"
    yield ',\n  "summary": '
    yield _nested(dumps(report.summary.model_dump(mode="json")), 2)
    yield "\n}\n"

"""Suggested replacements → a unified diff (``--diff``). Input files are never modified.

A suggestion replaces a span of the source. It is applied only where the source still reads
what the finding blamed (``suggestion.original``), and never where two suggestions overlap, so a
diff is always safe to apply with ``git apply`` or ``patch -p1``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from factcheck.models import FileFailure, FileResult


def fixed_text(result: FileResult, source: str) -> tuple[str, int]:
    """The source with every applicable suggestion applied, and how many were applied."""
    edits: list[tuple[int, int, str]] = []
    for f in result.findings:
        s = f.suggestion
        if s is None:
            continue
        start, end = s.span
        if not 0 <= start <= end <= len(source):
            continue
        if s.original and source[start:end] != s.original:
            continue
        if not s.original and result.format != "text":
            continue  # cannot verify the span points into the source
        edits.append((start, end, s.replacement))
    edits.sort()
    applied: list[tuple[int, int, str]] = []
    for e in edits:
        if applied and e[0] < applied[-1][1]:
            continue
        applied.append(e)
    out = source
    for start, end, replacement in reversed(applied):
        out = out[:start] + replacement + out[end:]
    return out, len(applied)


def unified_diff(
    results: Sequence[FileResult | FileFailure], sources: Mapping[str, str]
) -> tuple[str, int]:
    """One unified diff for every file with applicable suggestions, and the count of fixes."""
    chunks: list[str] = []
    total = 0
    for r in results:
        if not isinstance(r, FileResult) or r.path not in sources:
            continue
        before = sources[r.path]
        after, n = fixed_text(r, before)
        if not n:
            continue
        total += n
        chunks.append(
            "".join(
                difflib.unified_diff(
                    _lines(before), _lines(after), fromfile=f"a/{r.path}", tofile=f"b/{r.path}"
                )
            )
        )
    return "".join(chunks), total


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines

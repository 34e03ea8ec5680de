"""Positions in the checked text → positions in the file as written (Markdown, HTML, CRLF).

Claims and findings are made on ``Document.text``; editors and CI annotate the source file.
:func:`relocate` rewrites every span to source offsets and every line/column to the 1-based
line and column of the source, through the document's :class:`~factcheck.models.OffsetMap`.
A claim's ``source[start:end]`` is then its text as written, markup and entities included
(``**$50billion**`` keeps its inner ``$50billion``; ``&pound;35m`` is ``£35m``).

A finding about the source itself rather than the text (an unused or malformed suppression
comment) puts its source span in ``values["source_span"]``; it is placed there, unmapped.
"""

from __future__ import annotations

from factcheck.models import Claim, Document, Finding, RelatedSpan, Relation, Suggestion
from factcheck.segment import LineIndex

__all__ = ["relocate"]


class _Mapper:
    __slots__ = ("doc", "lines")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines = LineIndex(doc.source)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.doc.offsets.to_source_span(start, end)

    def where(self, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end_line, end_column) of a *source* span."""
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        return line, column, end_line, end_column

    def claim(self, c: Claim) -> Claim:
        start, end = self.span(c.start, c.end)
        line, column, end_line, end_column = self.where(start, end)
        return c.model_copy(
            update={
                "start": start,
                "end": end,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
            }
        )

    def relation(self, r: Relation) -> Relation:
        start, end = self.span(*r.span)
        line, column = self.lines.position(start)
        return r.model_copy(update={"span": (start, end), "line": line, "column": column})

    def related(self, r: RelatedSpan) -> RelatedSpan:
        start, end = self.span(*r.span)
        line, column = self.lines.position(start)
        return r.model_copy(update={"span": (start, end), "line": line, "column": column})

    def suggestion(self, s: Suggestion | None) -> Suggestion | None:
        if s is None:
            return None
        return s.model_copy(update={"span": self.span(*s.span)})

    def finding(self, f: Finding) -> Finding:
        fixed = _source_span(f)
        start, end = fixed if fixed is not None else self.span(*f.span)
        line, column, end_line, end_column = self.where(start, end)
        return f.model_copy(
            update={
                "span": (start, end),
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "related": [self.related(r) for r in f.related],
                "suggestion": self.suggestion(f.suggestion),
            }
        )


def _source_span(f: Finding) -> tuple[int, int] | None:
    raw = f.values.get("source_span")
    if isinstance(raw, (list, tuple)) and len(raw) == 2 and all(isinstance(v, int) for v in raw):
        return int(raw[0]), int(raw[1])
    return None


def relocate(
    doc: Document, claims: list[Claim], relations: list[Relation], findings: list[Finding]
) -> tuple[list[Claim], list[Relation], list[Finding]]:
    """``claims``, ``relations`` and ``findings`` with spans, lines and columns in
    ``doc.source``."""
    mapper = _Mapper(doc)
    return (
        [mapper.claim(c) for c in claims],
        [mapper.relation(r) for r in relations],
        [mapper.finding(f) for f in findings],
    )

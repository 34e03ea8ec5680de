"""Text offsets → source offsets, lines and columns (OffsetMap and relocate)."""

from __future__ import annotations

import pytest

from factcheck.markup import to_document
from factcheck.models import (
    Claim,
    ClaimKind,
    Document,
    Finding,
    OffsetMap,
    RelatedSpan,
    Severity,
    Suggestion,
)
from factcheck.relocate import relocate

# source: "**$5bn** (&pound;3m)\n\nNext"   text: "$5bn (£3m)\n\nNext"
SOURCE = "**$5bn** (&pound;3m)\n\nNext"
MAP = OffsetMap(
    text_starts=[0, 4, 6, 7, 12],
    text_ends=[4, 6, 7, 10, 16],
    source_starts=[2, 8, 10, 17, 23],
    source_ends=[6, 10, 17, 20, 27],
)


@pytest.mark.parametrize(
    ("offset", "start", "end", "why"),
    [
        (0, 2, 2, "first character of a copy"),
        (3, 5, 5, "inside a copy"),
        (4, 8, 6, "a copy's end is its source end, not past the markup after it"),
        (6, 10, 10, "an entity starts where it is written; the end before it is past '('"),
        (7, 17, 17, "just after the entity: its end covers all of &pound;"),
        (10, 23, 20, "an inserted separator maps to the next segment's start"),
        (11, 23, 20, "still inside the separator"),
        (12, 23, 20, "the next block"),
        (16, 27, 27, "the very end"),
    ],
)
def test_offset_map(offset: int, start: int, end: int, why: str) -> None:
    assert MAP.to_source(offset) == start, why
    assert MAP.to_source_end(offset) == end, why


def test_offset_map_spans() -> None:
    assert MAP.to_source_span(0, 4) == (2, 6)
    assert SOURCE[slice(*MAP.to_source_span(6, 9))] == "&pound;3m"
    assert MAP.to_source_span(5, 5) == (9, 9)
    assert OffsetMap().to_source_span(3, 7) == (3, 7)


def test_legacy_map_without_ends() -> None:
    m = OffsetMap(text_starts=[0, 10], source_starts=[5, 30])
    assert (m.to_source(3), m.to_source(12), m.to_source_end(10)) == (8, 32, 15)


def _claim(cid: str, start: int, end: int, text: str) -> Claim:
    return Claim(
        id=cid,
        start=start,
        end=end,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        text=text,
        kind=ClaimKind.MONEY,
        value=1.0,
        sentence=0,
    )


def test_relocate_claims_and_findings() -> None:
    source = "---\ndate: 2018-03-22\n---\n# Head\n\nFell by **$5bn**\n(&pound;3m) today.\n"
    doc = to_document("a.md", source, "markdown")
    assert doc.text == "Head\n\nFell by $5bn\n(£3m) today."
    usd, gbp = doc.text.index("$5bn"), doc.text.index("£3m")
    claims = [_claim("c1", usd, usd + 4, "$5bn"), _claim("c2", gbp, gbp + 3, "£3m")]
    finding = Finding(
        code="SCL001",
        name="conversion-scale-slip",
        severity=Severity.ERROR,
        message="m",
        claims=["c2", "c1"],
        span=(gbp, gbp + 3),
        line=3,
        column=2,
        end_line=3,
        end_column=5,
        related=[RelatedSpan(claim="c1", span=(usd, usd + 4), line=3, column=9, text="$5bn")],
        suggestion=Suggestion(replacement="£3bn", span=(gbp, gbp + 3), original="£3m"),
    )
    moved_claims, _, [moved] = relocate(doc, claims, [], [finding])
    c1, c2 = moved_claims
    assert source[c1.start : c1.end] == "$5bn"
    assert (c1.line, c1.column, c1.end_line, c1.end_column) == (6, 11, 6, 15)
    assert source[c2.start : c2.end] == "&pound;3m"
    assert (c2.line, c2.column, c2.end_line, c2.end_column) == (7, 2, 7, 11)
    assert moved.span == (c2.start, c2.end)
    assert (moved.line, moved.column, moved.end_line, moved.end_column) == (7, 2, 7, 11)
    assert moved.related[0].span == (c1.start, c1.end)
    assert (moved.related[0].line, moved.related[0].column) == (6, 11)
    assert moved.suggestion is not None and moved.suggestion.span == (c2.start, c2.end)
    assert moved.suggestion.replacement == "£3bn" and moved.message == "m"


def test_relocate_keeps_a_source_span_given_by_the_check() -> None:
    source = "Intro.\n\n<!-- factcheck: ignore[SCL001] -->\nText.\n"
    doc = to_document("a.md", source, "markdown")
    comment = doc.suppressions[0].span
    finding = Finding(
        code="SUP001",
        name="unused-suppression",
        severity=Severity.WARNING,
        message="m",
        claims=[],
        span=(8, 8),
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        values={"source_span": list(comment)},
    )
    [moved] = relocate(doc, [], [], [finding])[2]
    assert moved.span == comment and (moved.line, moved.column) == (3, 1)
    assert (moved.end_line, moved.end_column) == (3, 35)


def test_crlf_plain_text() -> None:
    source = "Line one.\r\nIt fell by $5bn (£3m).\r\n"
    doc = to_document("a.txt", source, "text")
    assert doc.text == "Line one.\nIt fell by $5bn (£3m).\n"
    at = doc.text.index("£3m")
    [c] = relocate(doc, [_claim("c1", at, at + 3, "£3m")], [], [])[0]
    assert source[c.start : c.end] == "£3m" and (c.line, c.column) == (2, 18)


def test_plain_text_needs_no_map() -> None:
    doc = to_document("a.txt", "plain\n", "text")
    assert doc.offsets == OffsetMap() and doc == Document(
        path="a.txt", source="plain\n", text="plain\n"
    )

"""Checks on the numerals of the copy as a whole rather than on claims: a malformed numeral,
more figures than one document is read for, more findings of one rule than are reported."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.registry import MAX_FINDINGS, CheckContext, Hit, NoParams, check


@check("numerals.malformed_number", provides=("numeral",))
def malformed_number(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A numeral whose thousands separators are misplaced ("1,00,0", "12,3456")."""
    for start, end in ctx.malformed:
        yield Hit((), {"numeral": ctx.text[start:end]}, {}, span=(start, end))


@check("numerals.too_many_figures", provides=("limit",))
def too_many_figures(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """The text has more figures than factcheck reads in one document; the rest went unchecked."""
    if ctx.truncated_at is not None:
        from factcheck.extractors.scan import MAX_MENTIONS

        at = ctx.truncated_at
        yield Hit(
            (), {"limit": f"{MAX_MENTIONS:,}"}, {"limit": MAX_MENTIONS, "offset": at}, span=(at, at)
        )


@check("numerals.too_many_findings", provides=("code", "limit"), stage="suppressions")
def too_many_findings(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A rule found more in this text than the engine reports of one rule; the rest is unsaid."""

    for code, at in sorted(ctx.capped.items()):
        yield Hit(
            (),
            {"code": code, "limit": f"{MAX_FINDINGS:,}"},
            {"code": code, "limit": MAX_FINDINGS, "offset": at},
            span=(at, at),
        )


CHECKS = (malformed_number, too_many_figures, too_many_findings)

"""Checks on the copy itself rather than on claims: malformed numerals, stale suppressions."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.registry import MAX_FINDINGS, CheckContext, Hit, NoParams, check


@check("hygiene.malformed_number", provides=("numeral",))
def malformed_number(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A numeral whose thousands separators are misplaced ("1,00,0", "12,3456")."""
    for start, end in ctx.malformed:
        yield Hit((), {"numeral": ctx.text[start:end]}, {}, span=(start, end))


@check(
    "hygiene.unused_suppression", provides=("action", "codes", "comment_line"), stage="suppressions"
)
def unused_suppression(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """An inline suppression comment that suppressed no finding.

    The finding is placed where the comment's region begins (the comment itself is not part of
    the checked text); the message names the comment's own line.
    """
    for s in ctx.unused_suppressions:
        at = s.applies[0]
        yield Hit(
            (),
            {"action": s.action, "codes": ", ".join(s.codes), "comment_line": str(s.line)},
            {"codes": list(s.codes), "reason": s.reason, "source_span": list(s.span)},
            span=(at, at),
        )


@check("hygiene.invalid_suppression", provides=("comment", "problem", "comment_line"))
def invalid_suppression(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A ``<!-- factcheck: … -->`` comment that cannot be applied (no codes, bad syntax)."""
    for bad in ctx.invalid_suppressions:
        yield Hit(
            (),
            {"comment": bad.text, "problem": bad.message, "comment_line": str(bad.line)},
            {"source_span": list(bad.span)},
            span=(0, 0),
        )


@check("hygiene.too_many_figures", provides=("limit",))
def too_many_figures(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """The text has more figures than factcheck reads in one document; the rest went unchecked."""
    if ctx.truncated_at is not None:
        from factcheck.extractors.scan import MAX_MENTIONS

        at = ctx.truncated_at
        yield Hit(
            (), {"limit": f"{MAX_MENTIONS:,}"}, {"limit": MAX_MENTIONS, "offset": at}, span=(at, at)
        )


@check("hygiene.too_many_findings", provides=("code", "limit"), stage="suppressions")
def too_many_findings(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A rule found more in this text than the engine reports of one rule; the rest is unsaid."""

    for code, at in sorted(ctx.capped.items()):
        yield Hit(
            (),
            {"code": code, "limit": f"{MAX_FINDINGS:,}"},
            {"code": code, "limit": MAX_FINDINGS, "offset": at},
            span=(at, at),
        )


CHECKS = (
    malformed_number,
    unused_suppression,
    invalid_suppression,
    too_many_figures,
    too_many_findings,
)

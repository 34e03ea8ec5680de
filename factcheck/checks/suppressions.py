"""Checks on the inline suppression comments (``<!-- factcheck: … -->``): one that suppressed
nothing, one that cannot be applied."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.registry import CheckContext, Hit, NoParams, check


@check("suppressions.unused", provides=("action", "codes", "comment_line"), stage="suppressions")
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


@check("suppressions.invalid", provides=("comment", "problem", "comment_line"))
def invalid_suppression(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A ``<!-- factcheck: … -->`` comment that cannot be applied (no codes, bad syntax)."""
    for bad in ctx.invalid_suppressions:
        yield Hit(
            (),
            {"comment": bad.text, "problem": bad.message, "comment_line": str(bad.line)},
            {"source_span": list(bad.span)},
            span=(0, 0),
        )


CHECKS = (unused_suppression, invalid_suppression)

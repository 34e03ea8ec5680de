"""What the percent and the points checks share: the change relations with both values and a
stated change, the stated change as a signed interval, and the parameters both families take."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import ChangeView, change_views, comparable, plausible_interval
from factcheck.models import Claim
from factcheck.registry import CheckContext, Params


def with_pair(ctx: CheckContext, stated: str) -> Iterator[tuple[ChangeView, Claim, Claim, Claim]]:
    """(change, from, to, stated) for each change with both values and a ``stated`` change."""
    for ch in change_views(ctx):
        s = getattr(ch, stated)
        if s is None or ch.start is None or ch.end is None:
            continue
        if not comparable(ch.start, ch.end) or "quote" in ch.relation.tags:
            continue
        yield ch, ch.start, ch.end, s


def stated_interval(ctx: CheckContext, c: Claim, falling: bool = False) -> tuple[float, float]:
    """The stated change as a signed interval; a change with no direction word ("a change of
    50 per cent") takes the sign of the movement it describes (``falling``)."""
    lo, hi = plausible_interval(c, ctx.lexicon)
    down = c.direction == "down" or (c.direction is None and falling)
    sign = -1.0 if down else 1.0
    a, b = sign * lo, sign * hi
    return (min(a, b), max(a, b))


class PercentParams(Params):
    slack_points: float = Field(
        0.5,
        ge=0,
        le=10,
        description="Absolute slack in percent (or points) beyond the rounding of every figure.",
    )
    max_ratio: float = Field(
        20.0,
        gt=1,
        le=1e6,
        description="Before and after values further apart than this factor are taken as a "
        "misreading of the sentence (a date or a label read as a value), not a slip.",
    )


def fmt_change(v: float) -> str:
    return f"{'+' if v > 0 else ''}{fmt.sig(v, 3)}%"

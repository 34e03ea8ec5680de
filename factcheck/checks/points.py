"""Percent against percentage points: "from 4% to 6%, up 2%" (2 points, or 50%); "up 3 points
from 4% to 6%" (2 points); "raised interest rates by 0.25% to 4.75%" (a rate moved by points).
Each reads one change relation (``factcheck.relations``).
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck import fmt
from factcheck.checks._common import change_views, half_unit
from factcheck.checks._percent import PercentParams, fmt_change, stated_interval, with_pair
from factcheck.registry import CheckContext, Hit, NoParams, check


@check(
    "points.percent_for_points",
    params=PercentParams,
    provides=("stated", "start", "end", "points", "relative"),
)
def percent_for_points(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A change between two percentages given in percent that is really in points."""
    for ch, f, t, s in with_pair(ctx, "percent"):
        if f.kind != "percent" or f.value <= 0:
            continue
        points = t.value - f.value
        relative = (t.value / f.value - 1) * 100
        ctx.mark(s, f, t)
        close_to_points = abs(abs(points) - s.value) <= half_unit(s) + p.slack_points / 2
        close_to_relative = abs(abs(relative) - s.value) <= half_unit(s) + p.slack_points
        if close_to_points and not close_to_relative:
            yield Hit(
                (s, f, t),
                {
                    "stated": s.text,
                    "start": f.text,
                    "end": t.text,
                    "points": fmt.sig(abs(points), 3),
                    "relative": fmt_change(relative),
                },
                {"points": round(points, 4), "relative": round(relative, 4)},
                relations=(ch.id,),
            )


@check("points.mismatch", params=PercentParams, provides=("stated", "start", "end", "points"))
def points_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A change in percentage points that the two percentages do not give."""
    for ch, f, t, s in with_pair(ctx, "points"):
        if f.kind != "percent":
            continue
        ctx.mark(s, f, t)
        points = t.value - f.value
        # read as the reader does: the two rates as written, the stated change to its last digit
        tol = max(half_unit(s), 0.05) + p.slack_points / 5
        lo, hi = stated_interval(ctx, s)
        if lo - tol <= points <= hi + tol or (
            s.direction is None and lo - tol <= abs(points) <= hi + tol
        ):
            continue
        yield Hit(
            (s, f, t),
            {"stated": s.text, "start": f.text, "end": t.text, "points": fmt.sig(points, 3)},
            {"points": round(points, 4), "stated": s.value},
            relations=(ch.id,),
        )


def _rate_like(ctx: CheckContext, measure: str | None) -> bool:
    """Is this a measure whose values are percentages ("interest rates", "turnout")?"""
    if not measure:
        return False
    m = measure.lower()
    rates = ctx.lexicon.rate_measures
    words = m.split()
    return m in rates or words[-1] in rates or " ".join(words[-2:]) in rates


@check(
    "points.rate_moved_by_percent",
    provides=("stated", "end", "measure", "points_start", "relative_start"),
)
def rate_moved_by_percent(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A rate that is a percentage moved "by X%" to a stated level: X is almost surely points."""
    for ch in change_views(ctx):
        s, t = ch.percent, ch.end
        if s is None or t is None or ch.start is not None or ch.points is not None:
            continue
        if t.kind != "percent" or s.vague or t.vague or s.per or t.per:
            continue
        measure = s.measure or t.measure
        if not _rate_like(ctx, measure) or not 0 < s.value < t.value:
            continue
        ctx.mark(s, t)
        sign = -1.0 if s.direction == "down" else 1.0
        points_start = t.value - sign * s.value
        relative_start = t.value / (1 + sign * s.value / 100)
        yield Hit(
            (s, t),
            {
                "stated": s.text,
                "end": t.text,
                "measure": measure or "the rate",
                "points_start": f"{fmt.sig(points_start, 3)}%",
                "relative_start": f"{fmt.sig(relative_start, 4)}%",
            },
            {"points_start": points_start, "relative_start": relative_start},
            relations=(ch.id,),
        )


CHECKS = (percent_for_points, points_mismatch, rate_moved_by_percent)

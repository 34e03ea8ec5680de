"""Percent changes against their own before and after values, and percent vs percentage points.

"rose 20% from 100 to 150" (it is 50%); "from 4% to 6%, up 2%" (2 points, or 50%);
"up 3 points from 4% to 6%" (2 points); "raised interest rates by 0.25% to 4.75%" (a rate moved
by points). Each reads one change relation (``factcheck.relations``): the change and its values
are the ones the sentence ties together.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import (
    ChangeView,
    change_views,
    comparable,
    half_unit,
    literal_interval,
    plausible_interval,
)
from factcheck.checks._fixes import renumbered
from factcheck.models import Claim, Role
from factcheck.registry import CheckContext, Hit, NoParams, Params, check


def _with_pair(ctx: CheckContext, stated: str) -> Iterator[tuple[ChangeView, Claim, Claim, Claim]]:
    """(change, from, to, stated) for each change with both values and a ``stated`` change."""
    for ch in change_views(ctx):
        s = getattr(ch, stated)
        if s is None or ch.start is None or ch.end is None:
            continue
        if not comparable(ch.start, ch.end) or "quote" in ch.relation.tags:
            continue
        yield ch, ch.start, ch.end, s


def _far_apart(f: Claim, t: Claim, limit: float) -> bool:
    lo, hi = sorted((abs(f.value), abs(t.value)))
    return lo == 0 or hi / lo > limit


def _ratio_interval(ctx: CheckContext, f: Claim, t: Claim) -> tuple[float, float] | None:
    lex = ctx.lexicon
    f_lo, f_hi = literal_interval(f, lex)
    t_lo, t_hi = literal_interval(t, lex)
    if f_lo <= 0:
        return None
    return (t_lo / f_hi - 1) * 100, (t_hi / f_lo - 1) * 100


def _stated_interval(ctx: CheckContext, c: Claim, falling: bool = False) -> tuple[float, float]:
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


def _fmt_change(v: float) -> str:
    return f"{'+' if v > 0 else ''}{fmt.sig(v, 3)}%"


@check(
    "percent.change_mismatch",
    params=PercentParams,
    provides=("stated", "start", "end", "actual", "actual_points", "fixed"),
)
def change_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A percent change that its own before and after values do not give."""
    for ch, f, t, s in _with_pair(ctx, "percent"):
        if _far_apart(f, t, p.max_ratio):
            continue
        actual = _ratio_interval(ctx, f, t)
        if actual is None:
            continue
        ctx.mark(s, f, t)
        stated = _stated_interval(ctx, s, falling=t.value < f.value)
        if stated[0] - p.slack_points <= actual[1] and actual[0] <= stated[1] + p.slack_points:
            continue
        if f.kind == "percent":
            points = t.value - f.value
            if abs(abs(points) - s.value) <= half_unit(s) + p.slack_points:
                continue  # the percent-for-points confusion has its own rule
        mid = (t.value / f.value - 1) * 100
        points_text = fmt.sig(t.value - f.value, 3) if f.kind == "percent" else ""
        text = {
            "stated": s.text,
            "start": f.text,
            "end": t.text,
            "actual": _fmt_change(mid),
            "actual_points": points_text,
        }
        # the percentage, unless the direction word disagrees or the change between two
        # percentages may have meant points
        if f.kind != "percent" and s.direction in (None, "up" if mid > 0 else "down"):
            fixed = renumbered(s, abs(mid), p.slack_points)
            if fixed:
                text["fixed"] = fixed
        values = {"stated": s.value if s.direction != "down" else -s.value, "actual": round(mid, 4)}
        yield Hit((s, f, t), text, values, relations=(ch.id,))


def _amount_changes(ctx: CheckContext) -> Iterator[tuple[ChangeView, Claim, Claim, Claim]]:
    """(change, percent, amount, level): "rose by £50m, or 5%, to £1.05bn" / "…, from £1bn"."""
    for ch in change_views(ctx):
        pc, amount = ch.percent, ch.amount
        if pc is None or amount is None or (ch.start is None) == (ch.end is None):
            continue  # both levels: PCT001 and AMT001 judge them
        level = ch.end or ch.start
        assert level is not None
        if not comparable(amount, level):
            continue
        yield ch, pc, amount, level


@check(
    "percent.amount_change_mismatch",
    params=PercentParams,
    provides=("stated", "amount", "level", "actual", "base"),
)
def amount_change_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A percent change that the amount of change and the level it reached do not give."""
    lex = ctx.lexicon
    for ch, pc, amount, level in _amount_changes(ctx):
        a_lo, a_hi = literal_interval(amount, lex)
        l_lo, l_hi = literal_interval(level, lex)
        if level.role == Role.FROM:
            base_lo, base_hi = l_lo, l_hi
        elif pc.direction == "down":
            base_lo, base_hi = l_lo + a_lo, l_hi + a_hi
        else:
            base_lo, base_hi = l_lo - a_hi, l_hi - a_lo
        if base_lo <= 0:
            continue
        ctx.mark(pc, amount, level)
        actual_lo, actual_hi = a_lo / base_hi * 100, a_hi / base_lo * 100
        s_lo, s_hi = plausible_interval(pc, lex)
        if s_lo - p.slack_points <= actual_hi and actual_lo <= s_hi + p.slack_points:
            continue
        base = (base_lo + base_hi) / 2
        actual = amount.value / base * 100
        yield Hit(
            (pc, amount, level),
            {
                "stated": pc.text,
                "amount": amount.text,
                "level": level.text,
                "actual": f"{fmt.sig(actual, 3)}%",
                "base": fmt.claim_value(level, base),
            },
            {"stated": pc.value, "actual": round(actual, 4), "base": base},
            relations=(ch.id,),
        )


@check(
    "percent.points_confusion",
    params=PercentParams,
    provides=("stated", "start", "end", "points", "relative"),
)
def points_confusion(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A change between two percentages given in percent that is really in points."""
    for ch, f, t, s in _with_pair(ctx, "percent"):
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
                    "relative": _fmt_change(relative),
                },
                {"points": round(points, 4), "relative": round(relative, 4)},
                relations=(ch.id,),
            )


@check(
    "percent.points_mismatch", params=PercentParams, provides=("stated", "start", "end", "points")
)
def points_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A change in percentage points that the two percentages do not give."""
    for ch, f, t, s in _with_pair(ctx, "points"):
        if f.kind != "percent":
            continue
        ctx.mark(s, f, t)
        points = t.value - f.value
        # read as the reader does: the two rates as written, the stated change to its last digit
        tol = max(half_unit(s), 0.05) + p.slack_points / 5
        lo, hi = _stated_interval(ctx, s)
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
    "percent.rate_moved_by_percent",
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


CHECKS = (
    change_mismatch,
    amount_change_mismatch,
    points_confusion,
    points_mismatch,
    rate_moved_by_percent,
)

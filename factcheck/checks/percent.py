"""Percent changes against their own before and after values: "rose 20% from 100 to 150" (it is
50%), and a percent of an amount of change ("up £50m, or 10%, to £600m"). Each reads one change
relation (``factcheck.relations``): the change and its values are the ones the sentence ties
together. Percent against percentage points is :mod:`factcheck.checks.points`.
"""

from __future__ import annotations

from collections.abc import Iterator

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
from factcheck.checks._percent import PercentParams, fmt_change, stated_interval, with_pair
from factcheck.models import Claim, Role
from factcheck.registry import CheckContext, Hit, check


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


@check(
    "percent.change_mismatch",
    params=PercentParams,
    provides=("stated", "start", "end", "actual", "actual_points", "fixed"),
)
def change_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A percent change that its own before and after values do not give."""
    for ch, f, t, s in with_pair(ctx, "percent"):
        if _far_apart(f, t, p.max_ratio):
            continue
        actual = _ratio_interval(ctx, f, t)
        if actual is None:
            continue
        ctx.mark(s, f, t)
        stated = stated_interval(ctx, s, falling=t.value < f.value)
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
            "actual": fmt_change(mid),
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


CHECKS = (change_mismatch, amount_change_mismatch)

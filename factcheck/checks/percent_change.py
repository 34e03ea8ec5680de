"""Percent changes against their own before and after values, and percent vs percentage points.

"rose 20% from 100 to 150" (it is 50%); "from 4% to 6%, up 2%" (2 points, or 50%);
"up 3 points from 4% to 6%" (2 points). The change and the pair must share a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import half_unit, literal_interval, plausible_interval
from factcheck.models import Claim, Role
from factcheck.registry import CheckContext, Hit, Params, check


@dataclass(frozen=True, slots=True)
class Change:
    """A stated change with the before/after values it describes."""

    stated: Claim  # "20%", "2 points"
    start: Claim  # the "from" value
    end: Claim  # the "to" value


def _pairs_in_sentence(ctx: CheckContext, c: Claim) -> list[tuple[Claim, Claim]]:
    by_id = ctx.by_id
    return [
        (by_id[t.from_claim], t)
        for t in ctx.sentence_claims(c)
        if t.from_claim is not None and t.from_claim in by_id
    ]


_TRAILING_CHANGE = regex.compile(
    r"\s*(?:(?:in|by)\s+\d{4}\s*)?(?:(?:a|the)\s+year\s+(?:earlier|before)\s*)?[,;(–—-]?\s*"
    r"(?:(?:up|down|higher|lower)\s+(?:by\s+)?|an?\s+(?:\w+\s+)?(?:rise|fall|drop|increase"
    r"|decrease|gain|jump|decline|cut|reduction|surge|slump|change|movement|swing|shift"
    r"|difference)\s+of\s+|or\s+)?",
    regex.IGNORECASE,
)


def changes(ctx: CheckContext, kinds: tuple[str, ...]) -> Iterator[Change]:
    """Each stated change (percent or points) with the from/to pair it describes.

    The pair must be the only one in the sentence; a change written after the pair must be
    appended to it ("…to 6%, up 2%"), not a clause of its own ("…, and shares rose 3%"); a
    change and a pair that name different measures are not related.
    """
    lex = ctx.lexicon
    for c in ctx.claims:
        if c.kind not in kinds or c.role != Role.CHANGE or c.converts is not None:
            continue
        cands = _pairs_in_sentence(ctx, c)
        if len(cands) != 1:
            continue  # none, or ambiguous: which pair does the change describe?
        f, t = cands[0]
        if not (ctx.same_clause(c, t) or ctx.same_clause(c, f)):
            continue  # "sales rose 5%, though costs fell from …"
        if c.direction is not None and t.direction is not None and c.direction != t.direction:
            continue  # a change of something else ("shares fell 3% as sales rose from …")
        last = max(f.end, t.end)
        if c.start > last and not _TRAILING_CHANGE.fullmatch(ctx.text[last : c.start]):
            continue
        measure = t.measure or f.measure
        if (
            c.measure
            and measure
            and not (
                lex.same_measure(c.measure, measure)
                or lex.measure_group(c.measure) == lex.measure_group(measure) is not None
            )
        ):
            continue
        yield Change(c, f, t)


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


def _fmt_change(v: float) -> str:
    return f"{'+' if v > 0 else ''}{fmt.sig(v, 3)}%"


@check(
    "percent.change_mismatch",
    params=PercentParams,
    provides=("stated", "start", "end", "actual", "actual_points"),
)
def change_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A percent change that its own before and after values do not give."""
    for ch in changes(ctx, ("percent",)):
        f, t, s = ch.start, ch.end, ch.stated
        if f.kind != t.kind or f.unit != t.unit or f.vague or t.vague:
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
        yield Hit(
            (s, f, t),
            {
                "stated": s.text,
                "start": f.text,
                "end": t.text,
                "actual": _fmt_change(mid),
                "actual_points": points_text,
            },
            {"stated": s.value if s.direction != "down" else -s.value, "actual": round(mid, 4)},
        )


_AMOUNT_THEN_PERCENT = regex.compile(
    r"\s*,?\s*(?:or|representing|equivalent\s+to|equal\s+to|i\.e\.)?\s*\(?\s*", regex.IGNORECASE
)


def _amount_changes(ctx: CheckContext) -> Iterator[tuple[Claim, Claim, Claim]]:
    """(percent, amount, level): "rose by £50m, or 5%, to £1.05bn" / "…, from £1bn".

    The amount and the percentage must be written together ("£50m, or 5%", "5%, or £50m").
    """
    for pc in ctx.claims:
        if pc.kind != "percent" or pc.role != Role.CHANGE:
            continue
        same = [c for c in ctx.sentence_claims(pc) if c is not pc]
        amounts = [
            c
            for c in same
            if c.role == Role.CHANGE
            and c.kind in ("money", "count")
            and c.converts is None
            and c.direction == pc.direction
        ]
        levels = [
            c
            for c in same
            if c.role in (Role.TO, Role.FROM) and c.converts is None and ctx.same_clause(c, pc)
        ]
        if len(amounts) != 1 or len(levels) != 1:
            continue
        amount, level = amounts[0], levels[0]
        first, second = (amount, pc) if amount.start < pc.start else (pc, amount)
        if not _AMOUNT_THEN_PERCENT.fullmatch(ctx.text[first.end : second.start]):
            continue
        if amount.kind != level.kind or amount.unit != level.unit or amount.vague or level.vague:
            continue
        yield pc, amount, level


@check(
    "percent.amount_change_mismatch",
    params=PercentParams,
    provides=("stated", "amount", "level", "actual", "base"),
)
def amount_change_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A percent change that the amount of change and the level it reached do not give."""
    lex = ctx.lexicon
    for pc, amount, level in _amount_changes(ctx):
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
        )


@check(
    "percent.points_confusion",
    params=PercentParams,
    provides=("stated", "start", "end", "points", "relative"),
)
def points_confusion(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A change between two percentages given in percent that is really in points."""
    for ch in changes(ctx, ("percent",)):
        f, t, s = ch.start, ch.end, ch.stated
        if f.kind != "percent" or t.kind != "percent" or f.value <= 0:
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
            )


@check(
    "percent.points_mismatch", params=PercentParams, provides=("stated", "start", "end", "points")
)
def points_mismatch(ctx: CheckContext, p: PercentParams) -> Iterator[Hit]:
    """A change in percentage points that the two percentages do not give."""
    for ch in changes(ctx, ("percentage_point",)):
        f, t, s = ch.start, ch.end, ch.stated
        if f.kind != "percent" or t.kind != "percent":
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
        )


CHECKS = (change_mismatch, amount_change_mismatch, points_confusion, points_mismatch)

"""One figure stated twice with different values: "$50billion" off its value, later "about $46
billion" off its market value.

Reads restatement relations (``factcheck.relations.restatements``): two mentions the text ties
to one referent — the same measure of the same owner, level or change, period and place, and
nothing that tells them apart. The check is the arithmetic: do the two values agree, given
rounding and hedges?
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import gap, plausible_interval
from factcheck.models import Claim, HedgeDirection, RelationKind, Role
from factcheck.registry import CheckContext, Hit, Params, check


class RepeatedParams(Params):
    tolerance: float = Field(
        0.02,
        ge=0,
        le=0.5,
        description="Relative gap allowed beyond rounding and hedges before two figures disagree.",
    )
    approx_cap: float = Field(
        0.03,
        ge=0,
        le=0.5,
        description="How far 'about'/'around' may stretch a figure when comparing restatements.",
    )
    max_gap: float = Field(
        0.5,
        gt=0,
        le=1,
        description="Figures further apart than this "
        "(relative) are taken as different things, not a slip.",
    )


def _bounded(c: Claim, interval: tuple[float, float]) -> tuple[float, float]:
    """ "up to 6.3m", "at least 5.1m": a bound, open on one side."""
    if c.hedge_direction == HedgeDirection.AT_MOST:
        return (0.0, interval[1])
    if c.hedge_direction == HedgeDirection.AT_LEAST:
        return (interval[0], float("inf"))
    return interval


def _digits(c: Claim) -> str:
    return "".join(ch for ch in c.text if ch.isdigit()).lstrip("0")


def _transposed(a: Claim, b: Claim, g: float) -> bool:
    """ "£2.6m" and "£6.2m": the same digits in another order, the commonest slip of all, is
    a restatement gone wrong however far apart the values land (short of another scale)."""
    da, db = _digits(a), _digits(b)
    return len(da) >= 2 and da != db and sorted(da) == sorted(db) and g <= 0.75


def _what(c: Claim) -> str:
    measure = c.measure or "figure"
    if c.role == Role.CHANGE and c.direction is not None:
        noun = "fall" if c.direction == "down" else "rise"
        return f"{noun} in {measure}"
    if c.kind == "count":
        return f"number of {measure}"
    return measure


@check(
    "repeated.mismatch",
    params=RepeatedParams,
    provides=("this", "other", "other_line", "what", "gap_percent"),
)
def repeated_mismatch(ctx: CheckContext, p: RepeatedParams) -> Iterator[Hit]:
    """The same measure of the same thing is given two different values."""
    for r in ctx.relations_of(RelationKind.RESTATEMENT):
        a, b = ctx.slot(r, "first"), ctx.slot(r, "again")
        if a is None or b is None:
            continue
        hit = _compare(ctx, p, a, b)
        if hit is not None:
            yield Hit(hit.claims, hit.text, hit.values, relations=(r.id,))


def _compare(ctx: CheckContext, p: RepeatedParams, a: Claim, b: Claim) -> Hit | None:
    lex = ctx.lexicon
    ctx.mark(a, b)
    ia = _bounded(a, plausible_interval(a, lex, cap=p.approx_cap))
    ib = _bounded(b, plausible_interval(b, lex, cap=p.approx_cap))
    if ia[1] >= ib[0] and ib[1] >= ia[0]:
        return None  # intervals overlap: consistent
    lo_gap = gap(ia[1], ib[0]) if ia[1] < ib[0] else gap(ib[1], ia[0])
    if lo_gap <= p.tolerance:
        return None
    if a.vague and b.vague:
        return None  # "dozens" and "tens of thousands": nothing to hold either to
    g = gap(a.value, b.value)
    far = (max(g, lo_gap) > p.max_gap and not (a.vague or b.vague)) or lo_gap > p.max_gap
    if far and not _transposed(a, b, g):
        return None  # an order apart is another figure, not a misremembered one
    return Hit(
        (b, a),
        {
            "this": b.text,
            "other": a.text,
            "other_line": str(a.line),
            "what": _what(b),
            "gap_percent": fmt.sig(g * 100, 2),
        },
        {
            "gap": round(g, 4),
            "this_value": b.value,
            "other_value": a.value,
            "measure": b.measure,
            "other_measure": a.measure,
        },
    )


CHECKS = (repeated_mismatch,)

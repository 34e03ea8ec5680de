"""Growth claims against the start and end values: "tripled from $2m to $4m" (×2), "doubled
every year" from £500million (2009) to nearly £13billion (2015) (×1.72 a year, not ×2).

"Tripled" is checked against the values its own relation holds ("tripled from $2m to $4m"); a
per-year multiplier against a dated change in its sentence, or within a few sentences when both
name a measure of one synonym group.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import (
    change_views,
    comparable,
    hedge_tolerance,
    plausible_interval,
)
from factcheck.checks._fixes import regrown
from factcheck.models import Claim, HedgeDirection, RelationKind
from factcheck.registry import CheckContext, Hit, Params, check


class GrowthParams(Params):
    window: int = Field(
        4,
        ge=0,
        le=20,
        description="Sentences between a growth claim and the "
        "figures it describes (when both name the same measure).",
    )
    tolerance: float = Field(
        0.10,
        ge=0,
        le=1,
        description="Relative slack on the multiplier ('doubled' for ×1.9 is fair).",
    )
    hedge_cap: float = Field(
        0.10,
        ge=0,
        le=1,
        description="Most a hedge ('practically', 'nearly') may stretch the multiplier.",
    )


def _dated_pair_for(
    ctx: CheckContext, m: Claim, window: int
) -> tuple[str, tuple[Claim, Claim]] | None:
    """The dated from/to pair a "doubled every year" describes, nearest first: a change in its
    own sentence, or within ``window`` sentences when both name a measure of one group."""
    lex = ctx.lexicon
    best: tuple[int, str, tuple[Claim, Claim]] | None = None
    own = [
        (r.id, ctx.slot(r, "from"), ctx.slot(r, "to"))
        for r in ctx.relations_of(RelationKind.MULTIPLIER)
        if m.id in r.slots.get("factor", ())
    ]
    for rid, f, t in [*own, *((ch.id, ch.start, ch.end) for ch in change_views(ctx))]:
        if f is None or t is None or not comparable(f, t) or f.value <= 0:
            continue
        if not (f.anchor_year and t.anchor_year and t.anchor_year > f.anchor_year):
            continue
        distance = abs(t.sentence - m.sentence)
        if distance > window:
            continue
        gm, gt = lex.measure_group(m.measure), lex.measure_group(t.measure or f.measure)
        # in its own sentence an unnamed measure is the same one; across sentences it is named
        same = gm is None or gt is None or gm == gt
        ok = same if distance == 0 else (gm is not None and gm == gt)
        if ok and (best is None or distance < best[0]):
            best = (distance, rid, (f, t))
    return (best[1], best[2]) if best else None


def _factor_interval(ctx: CheckContext, m: Claim, p: GrowthParams) -> tuple[float, float]:
    """What the multiplier allows: ±tolerance, or the hedge's reach when that is larger."""
    reach = max(p.tolerance, min(hedge_tolerance(m, ctx.lexicon), p.hedge_cap))
    lo, hi = m.value * (1 - reach), m.value * (1 + reach)
    d = m.hedge_direction
    if d in (HedgeDirection.BELOW, HedgeDirection.AT_MOST):
        hi = m.value * (1 + p.tolerance)
    elif d in (HedgeDirection.ABOVE, HedgeDirection.AT_LEAST):
        lo, hi = m.value * (1 - p.tolerance), math.inf
    return lo, hi


def _ratio(ctx: CheckContext, f: Claim, t: Claim) -> tuple[float, float]:
    f_lo, f_hi = plausible_interval(f, ctx.lexicon)
    t_lo, t_hi = plausible_interval(t, ctx.lexicon)
    return t_lo / max(f_hi, 1e-300), t_hi / max(f_lo, 1e-300)


@check(
    "growth.multiplier_mismatch",
    params=GrowthParams,
    provides=("claim", "start", "end", "actual", "stated_factor", "fixed"),
)
def multiplier_mismatch(ctx: CheckContext, p: GrowthParams) -> Iterator[Hit]:
    """'Doubled', 'tripled', 'halved', 'x-fold' against the start and end values given."""
    for r in ctx.relations_of(RelationKind.MULTIPLIER):
        m, f, t = ctx.slot(r, "factor"), ctx.slot(r, "from"), ctx.slot(r, "to")
        if m is None or f is None or t is None or m.per is not None or m.value <= 0:
            continue
        if not comparable(f, t) or f.value <= 0:
            continue
        ctx.mark(m, f, t)
        lo, hi = _factor_interval(ctx, m, p)
        r_lo, r_hi = _ratio(ctx, f, t)
        if r_hi >= lo and r_lo <= hi:
            continue
        actual = t.value / f.value
        text = {
            "claim": m.text,
            "start": f.text,
            "end": t.text,
            "actual": fmt.factor(actual),
            "stated_factor": fmt.factor(m.value),
        }
        fixed = regrown(m, actual, ctx.lexicon.growth, p.tolerance)  # "tripled" → "doubled"
        if fixed:
            text["fixed"] = fixed
        values = {"stated_factor": m.value, "actual_factor": round(actual, 4)}
        yield Hit((m, f, t), text, values, relations=(r.id,))


@check(
    "growth.compound_mismatch",
    params=GrowthParams,
    provides=(
        "claim",
        "per",
        "start",
        "start_year",
        "end",
        "end_year",
        "years",
        "projected",
        "stated_total",
        "actual_total",
        "actual_rate",
    ),
)
def compound_mismatch(ctx: CheckContext, p: GrowthParams) -> Iterator[Hit]:
    """'Doubled every year' against dated start and end values: compounding does not fit."""
    for m in ctx.claims:
        if m.kind != "multiplier" or m.per != "year" or m.value <= 0:
            continue
        found = _dated_pair_for(ctx, m, p.window)
        if found is None:
            continue
        rel, (f, t) = found
        assert f.anchor_year is not None and t.anchor_year is not None
        years = t.anchor_year - f.anchor_year
        ctx.mark(m, f, t)
        lo, hi = _factor_interval(ctx, m, p)
        r_lo, r_hi = _ratio(ctx, f, t)
        a_lo, a_hi = r_lo ** (1 / years), r_hi ** (1 / years)
        if a_hi >= lo and a_lo <= hi:
            continue
        actual_total = t.value / f.value
        rate = actual_total ** (1 / years)
        projected = f.value * m.value**years
        projected_text = fmt.claim_value(t, projected)
        yield Hit(
            (m, f, t),
            {
                "claim": m.text,
                "per": m.per or "year",
                "start": f.text,
                "start_year": str(f.anchor_year),
                "end": t.text,
                "end_year": str(t.anchor_year),
                "years": str(years),
                "projected": projected_text,
                "stated_total": fmt.factor(m.value**years),
                "actual_total": fmt.factor(actual_total),
                "actual_rate": fmt.factor(rate),
            },
            {
                "years": years,
                "stated_factor": m.value,
                "actual_rate": round(rate, 4),
                "actual_total": round(actual_total, 4),
                "projected": projected,
            },
            relations=(rel,),
        )


CHECKS = (multiplier_mismatch, compound_mismatch)

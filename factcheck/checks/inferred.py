"""Derived facts, reported as info: what the figures imply, for a reporter to sanity-check."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck import fmt
from factcheck.checks._common import change_views
from factcheck.registry import CheckContext, Hit, NoParams, check


@check("inferred.implied_base", provides=("percent", "amount", "base", "measure", "noun"))
def implied_base(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A percent change and the amount it equals imply the size of the whole before the change."""
    for ch in change_views(ctx):
        pc, amt = ch.percent, ch.amount
        if pc is None or amt is None or pc.value <= 0 or ch.start is not None:
            continue  # "fell 8%, lopping $46bn off" (with a base given, PCT002 checks it)
        if amt.kind not in ("money", "count") or amt.per is not None:
            continue
        base = amt.value / (pc.value / 100.0)
        noun = "drop" if ch.relation.direction == "down" else "rise"
        percent = (
            pc.text[len(pc.hedge) :].strip()
            if pc.hedge and pc.text.lower().startswith(pc.hedge)
            else pc.text
        )
        measure = amt.measure or pc.measure or "the whole"
        yield Hit(
            (amt, pc),
            {
                "percent": percent,
                "amount": amt.text,
                "base": fmt.claim_value(amt, base),
                "measure": measure,
                "noun": noun,
            },
            {"implied_base": base},
            relations=(ch.id,),
        )


@check("inferred.annual_growth", provides=("start", "end", "years", "rate", "total", "factor"))
def annual_growth(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A dated from/to pair implies a compound annual growth rate."""
    for ch in change_views(ctx):
        f, t = ch.start, ch.end
        if f is None or t is None:
            continue
        if f.anchor_year is None or t.anchor_year is None or f.value <= 0 or t.value <= 0:
            continue
        years = t.anchor_year - f.anchor_year
        if years <= 0 or f.kind != t.kind or f.unit != t.unit:
            continue
        total = t.value / f.value
        rate = total ** (1 / years)
        yield Hit(
            (t, f),
            {
                "start": f.text,
                "end": t.text,
                "years": str(years),
                "rate": f"{fmt.sig((rate - 1) * 100, 2)}%",
                "total": fmt.factor(total),
                "factor": fmt.factor(rate),
            },
            {"annual_factor": round(rate, 4), "total_factor": round(total, 4), "years": years},
            relations=(ch.id,),
        )


CHECKS = (implied_base, annual_growth)

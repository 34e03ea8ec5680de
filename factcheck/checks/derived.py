"""Derived facts, reported as info: what the figures imply, for a reporter to sanity-check."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck import fmt
from factcheck.models import Role
from factcheck.registry import CheckContext, Hit, NoParams, check

_ADJACENT = re.compile(
    r"\s*,?\s*(?:or\s+|worth\s+|equal\s+to\s+|equivalent\s+to\s+|[a-z]+ing\s+)?"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+|around\s+|roughly\s+|more\s+than\s+)?",
    re.IGNORECASE,
)


@check("derived.implied_base", provides=("percent", "amount", "base", "measure", "noun"))
def implied_base(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A percent change and the amount it equals imply the size of the whole before the change."""
    for pc in ctx.claims:
        if pc.kind != "percent" or pc.role != Role.CHANGE or pc.value <= 0:
            continue
        for amt in ctx.sentence_claims(pc):
            if amt.start < pc.end or not _ADJACENT.fullmatch(ctx.text, pc.end, amt.start):
                continue  # "fell 8%, lopping $46bn off": the amount right after the percent
            if amt.kind not in ("money", "count") or amt.per is not None:
                continue
            if amt.role != Role.CHANGE or amt.direction != pc.direction or amt.converts:
                continue
            base = amt.value / (pc.value / 100.0)
            noun = "drop" if pc.direction == "down" else "rise"
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
            )
            break


@check("derived.annual_growth", provides=("start", "end", "years", "rate", "total", "factor"))
def annual_growth(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A dated from/to pair implies a compound annual growth rate."""
    for t in ctx.claims:
        if t.from_claim is None or t.from_claim not in ctx.by_id:
            continue
        f = ctx.by_id[t.from_claim]
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
        )


CHECKS = (implied_base, annual_growth)

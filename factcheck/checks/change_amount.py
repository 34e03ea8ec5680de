"""An amount of change against its own before and after values: "rose by £50m from £1bn to
£1.1bn" (the change is £100m)."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck import fmt
from factcheck.checks._common import literal_interval
from factcheck.models import Claim, Role
from factcheck.registry import CheckContext, Hit, NoParams, check


def _triples(ctx: CheckContext) -> Iterator[tuple[Claim, Claim, Claim]]:
    by_id = ctx.by_id
    for t in ctx.claims:
        if t.from_claim is None or t.from_claim not in by_id:
            continue
        f = by_id[t.from_claim]
        if t.kind not in ("money", "count", "quantity"):
            continue  # a change between percentages is in points or percent: other rules
        amounts = [
            c
            for c in ctx.sentence_claims(t)
            if c.role == Role.CHANGE
            and c.kind == t.kind
            and c.unit == t.unit
            and c.converts is None
            and not c.vague
        ]
        amounts = [a for a in amounts if ctx.same_clause(a, t) or ctx.same_clause(a, f)]
        if len(amounts) == 1 and not (f.vague or t.vague):
            yield amounts[0], f, t


@check("change.amount_mismatch", provides=("amount", "start", "end", "actual"))
def amount_mismatch(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """The stated amount of a change is not the difference of its before and after values."""
    lex = ctx.lexicon
    for amount, f, t in _triples(ctx):
        f_lo, f_hi = literal_interval(f, lex)
        t_lo, t_hi = literal_interval(t, lex)
        diff_lo, diff_hi = abs(t_lo - f_hi), abs(t_hi - f_lo)
        if diff_lo > diff_hi:
            diff_lo, diff_hi = diff_hi, diff_lo
        if t_lo <= f_hi and f_lo <= t_hi:
            diff_lo = 0.0
        a_lo, a_hi = literal_interval(amount, lex)
        ctx.mark(amount, f, t)
        if a_lo <= diff_hi * 1.01 and diff_lo * 0.99 <= a_hi:
            continue
        actual = abs(t.value - f.value)
        yield Hit(
            (amount, f, t),
            {
                "amount": amount.text,
                "start": f.text,
                "end": t.text,
                "actual": fmt.claim_value(t, actual),
            },
            {"stated": amount.value, "actual": actual},
        )


CHECKS = (amount_mismatch,)

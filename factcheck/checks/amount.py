"""An amount of change against its own before and after values: "rose by £50m from £1bn to
£1.1bn" (the change is £100m). Reads change relations with all three."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck import fmt
from factcheck.checks._common import change_views, comparable, literal_interval
from factcheck.checks._fixes import renumbered
from factcheck.registry import CheckContext, Hit, NoParams, check


@check("amount.change_mismatch", provides=("amount", "start", "end", "actual", "fixed"))
def change_mismatch(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """The stated amount of a change is not the difference of its before and after values."""
    lex = ctx.lexicon
    for ch in change_views(ctx):
        f, t, amount = ch.start, ch.end, ch.amount
        if f is None or t is None or amount is None:
            continue
        if t.kind not in ("money", "count", "quantity"):
            continue  # a change between percentages is in points or percent: other rules
        if not (comparable(f, t) and comparable(amount, t)):
            continue
        if "quote" in ch.relation.tags:
            continue  # an exchange rate quoted per dollar moves against its currency
        f_lo, f_hi = literal_interval(f, lex)
        t_lo, t_hi = literal_interval(t, lex)
        diff_lo, diff_hi = abs(t_lo - f_hi), abs(t_hi - f_lo)
        if diff_lo > diff_hi:
            diff_lo, diff_hi = diff_hi, diff_lo
        if t_lo <= f_hi and f_lo <= t_hi:
            diff_lo = 0.0
        a_lo, a_hi = literal_interval(amount, lex)
        diff = abs(t.value - f.value)
        if amount.scale is None and (f.scale or t.scale) and diff > 100 * abs(amount.value):
            continue  # "by about two mln bpd to 45.2 mln": the scale word not read with it
        ctx.mark(amount, f, t)
        if a_lo <= diff_hi * 1.01 and diff_lo * 0.99 <= a_hi:
            continue
        actual = abs(t.value - f.value)
        text = {
            "amount": amount.text,
            "start": f.text,
            "end": t.text,
            "actual": fmt.claim_value(t, actual),
        }
        fixed = renumbered(amount, actual, actual * 0.005)  # the amount, written like itself
        if fixed:
            text["fixed"] = fixed
        values = {"stated": amount.value, "actual": actual}
        yield Hit((amount, f, t), text, values, relations=(ch.id,))


CHECKS = (change_mismatch,)

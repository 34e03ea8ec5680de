"""Currency conversions that are wrong other than by a slipped scale word: the rate applied the
wrong way round, a conversion into another currency, or plainly the wrong figure. The diagnosis
of each pair is :mod:`factcheck.checks._conversion`."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.checks._conversion import PROVIDES, ConversionParams, diagnosed, text_of, values_of
from factcheck.registry import CheckContext, Hit, check


@check(
    "currency.inverted_rate",
    params=ConversionParams,
    provides=PROVIDES,
)
def inverted_rate(ctx: CheckContext, p: ConversionParams) -> Iterator[Hit]:
    """The converted figure matches the rate applied the wrong way round (divided, not
    multiplied)."""
    for rid, an in diagnosed(ctx, p.slack, "inverted", prices=False):
        yield Hit((an.converted, an.original), text_of(an), values_of(an), relations=(rid,))


@check(
    "currency.wrong_currency",
    params=ConversionParams,
    provides=(*PROVIDES, "other_currency"),
)
def wrong_currency(ctx: CheckContext, p: ConversionParams) -> Iterator[Hit]:
    """The converted figure matches a conversion into another currency: a swapped symbol."""
    for rid, an in diagnosed(ctx, p.slack, "currency", prices=False):
        if an.other_currency is None:
            continue
        text = {**text_of(an), "other_currency": an.other_currency}
        values = {**values_of(an), "other_currency": an.other_currency}
        yield Hit((an.converted, an.original), text, values, relations=(rid,))


@check(
    "currency.mismatch",
    params=ConversionParams,
    provides=PROVIDES,
)
def mismatch(ctx: CheckContext, p: ConversionParams) -> Iterator[Hit]:
    """The converted figure is outside what any rate of the period gives, beyond rounding."""
    for rid, an in diagnosed(ctx, p.slack, "mismatch", prices=False):
        yield Hit((an.converted, an.original), text_of(an), values_of(an), relations=(rid,))


CHECKS = (inverted_rate, wrong_currency, mismatch)

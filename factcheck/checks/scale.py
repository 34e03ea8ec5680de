"""A converted figure off by a factor of 1,000 or 1,000,000: a slipped scale word ("$50billion
(£35m)"). The diagnosis of each pair is :mod:`factcheck.checks._conversion`."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck import fmt
from factcheck.checks._common import rewrite_scale
from factcheck.checks._conversion import PROVIDES, ConversionParams, diagnosed, text_of, values_of
from factcheck.registry import CheckContext, Hit, check

_SLIP_WORDS = {
    1e3: ("a thousand", "too small"),
    1e6: ("a million", "too small"),
    1e-3: ("a thousand", "too large"),
    1e-6: ("a million", "too large"),
}


@check(
    "scale.conversion_slip",
    params=ConversionParams,
    provides=(*PROVIDES, "factor_words", "too", "written_scale", "suggested"),
)
def conversion_slip(ctx: CheckContext, p: ConversionParams) -> Iterator[Hit]:
    """The converted figure is off by a factor of 1,000 or 1,000,000: a slipped scale word."""
    for rid, an in diagnosed(ctx, p.slack, "scale"):
        b = an.converted
        words, too = _SLIP_WORDS[an.factor]
        text = text_of(an)
        fixed = rewrite_scale(b, an.factor)
        if fixed is None and b.unit:
            fixed = fmt.money(b.value * an.factor, b.unit, like=b)
        text.update(factor_words=words, too=too, written_scale=b.scale or "", suggested=fixed or "")
        if not fixed:
            del text["suggested"]
        yield Hit((b, an.original), text, {**values_of(an), "factor": an.factor}, relations=(rid,))


CHECKS = (conversion_slip,)

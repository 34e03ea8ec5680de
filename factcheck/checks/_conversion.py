"""Money conversions ("$50billion (£35m)") analysed against the ECB rate of the article's date.

Every pair is analysed once (:func:`analyse`) and given one diagnosis: consistent, a scale slip
(m for bn), an inverted rate, the wrong currency, or plainly the wrong figure. Each check reports
only its own diagnosis, so one pair never gets two findings: the scale slip is
:mod:`factcheck.checks.scale`, the others :mod:`factcheck.checks.currency`. Which rate a pair is
judged at (the day's, a year's, an undated band, an estimate before 1999) is
:mod:`factcheck.checks._rateband`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import overlap, plausible_interval
from factcheck.checks._rateband import RateUsed, looks_ahead, rate_band
from factcheck.models import Claim, RelationKind
from factcheck.registry import CheckContext, Params

_SCALE_FACTORS = (1e3, 1e6, 1e-3, 1e-6)
_MAJOR = ("USD", "GBP", "EUR", "JPY", "CNY", "CAD", "AUD", "CHF", "INR")


@dataclass(frozen=True, slots=True)
class Analysis:
    original: Claim
    converted: Claim
    rate: RateUsed
    expected: tuple[float, float]  # where the converted figure should lie (rounding included)
    stated: tuple[float, float]  # where the converted figure says it lies
    diagnosis: str  # ok | scale | inverted | currency | mismatch | unknown
    factor: float = 1.0
    other_currency: str | None = None
    base: str | None = None  # the reading of an ambiguous name that explains a slip ("francs")
    quote: str | None = None

    @property
    def codes(self) -> tuple[str, str]:
        a, b = self.base or self.original.unit, self.quote or self.converted.unit
        assert a is not None and b is not None
        return a, b


def _consistent(exp: tuple[float, float], stated: tuple[float, float], slack: float) -> bool:
    return overlap(exp, stated, slack)


def _readings(ctx: CheckContext, c: Claim) -> tuple[str, ...]:
    """The currencies a claim's symbol may stand for: its own, then the other readings of an
    ambiguous symbol ("$": Canadian, Australian… dollars) unless the text pins it ("US$").

    Another reading counts only where the document hints at it (``_hinted``).
    """
    readings = [c.unit or ""]
    lowered = c.text.lower()
    for sym, codes in ctx.lexicon.ambiguous_currency.items():
        if c.unit not in codes or sym not in c.text:
            continue
        if sym.isalpha():  # a bare "francs", not "Swiss francs" (a longer name of the lexicon)
            m = regex.search(rf"(?:([\w-]+)\s+)?\b{sym}\b", lowered)
            if m is None or (m.group(1) and f"{m.group(1)} {sym}" in ctx.lexicon.currency_words):
                continue
        if any(p + sym in c.text for p in ("US", "C", "A", "HK", "NZ", "S", "R", "MX", "NT")):
            continue
        readings.extend(code for code in codes if code != c.unit)
    return tuple(readings)


def _hinted(ctx: CheckContext, c: Claim, code: str) -> bool:
    """A bare "$" is US dollars; Canadian dollars too only when the document mentions Canada
    (the hint words of ``rules/lexicon/hints.toml``)."""
    return code == c.unit or ctx.hints(code)


def analyse(ctx: CheckContext, a: Claim, b: Claim, slack: float = 0.03) -> Analysis | None:
    """Diagnose one pair "a (b)" where b restates a in another currency (once per context)."""
    key = ("currency", a.id, b.id, slack)
    if key not in ctx.memo:
        ctx.memo[key] = _analyse(ctx, a, b, slack)
    result: Analysis | None = ctx.memo[key]
    return result


def _analyse(ctx: CheckContext, a: Claim, b: Claim, slack: float) -> Analysis | None:
    if a.unit is None or b.unit is None or a.vague or b.vague or a.value <= 0 or b.value < 0:
        return None  # a zero or negative original converts to nothing worth checking
    year = a.anchor_year or b.anchor_year
    on = ctx.article_date
    until = False
    if on is not None and year is not None and year > on.year:
        year = None  # "will be worth $336m (£178m) by 2009": converted at the day's rate
    elif on is None and year is not None and looks_ahead(ctx, a):
        until = True  # undated: any rate from the table's start to the target year
    used = rate_band(ctx, a.unit, b.unit, year, until)
    if used is None:
        return None
    lex = ctx.lexicon
    # hedges approximate both sides alike ("about $50bn (£35bn)"): judge the digits written
    a_lo, a_hi = plausible_interval(a, lex, cap=0.0)
    stated = plausible_interval(b, lex, cap=0.0)
    expected = (a_lo * used.low, a_hi * used.high)
    ctx.mark(a, b)
    if _consistent(expected, stated, slack):
        return Analysis(a, b, used, expected, stated, "ok")
    # Another reading of an ambiguous symbol ($ = CAD, AUD…) that fits: not ours to judge.
    # (Before the table, any reading: "francs" in 1987 were as often French as Swiss.)
    readings = [(base, quote) for base in _readings(ctx, a) for quote in _readings(ctx, b)]
    for base, quote in readings[1:]:
        alt = rate_band(ctx, base, quote, year, until)
        if (
            alt is not None
            and _consistent((a_lo * alt.low, a_hi * alt.high), stated, slack)
            and (alt.before_table or (_hinted(ctx, a, base) and _hinted(ctx, b, quote)))
        ):
            return Analysis(a, b, used, expected, stated, "ok")
    for k in _SCALE_FACTORS:
        if _consistent(expected, (stated[0] * k, stated[1] * k), slack + 0.02):
            return Analysis(a, b, used, expected, stated, "scale", factor=k)
    if used.before_table:
        for base, quote in readings[1:]:
            alt = rate_band(ctx, base, quote, year, until)
            if alt is None or not alt.before_table:
                continue
            exp = (a_lo * alt.low, a_hi * alt.high)
            for k in _SCALE_FACTORS:
                if _consistent(exp, (stated[0] * k, stated[1] * k), slack + 0.02):
                    return Analysis(
                        a, b, alt, exp, stated, "scale", factor=k, base=base, quote=quote
                    )
    if used.outside:
        return Analysis(a, b, used, expected, stated, "unknown")  # a rate of no day we know
    if used.estimated:
        return Analysis(a, b, used, expected, stated, "mismatch")  # no rate of the era
    inverted = (a_lo / used.high, a_hi / used.low)
    if _consistent(inverted, stated, 0.01) and not _consistent(expected, stated, 0.15):
        return Analysis(a, b, used, expected, stated, "inverted")
    for other in _MAJOR:
        if other in (a.unit, b.unit):
            continue
        alt = rate_band(ctx, a.unit, other, year)
        if alt is None or (alt.high - alt.low) / alt.high > 0.25:
            continue
        if _consistent((a_lo * alt.low, a_hi * alt.high), stated, 0.01):
            return Analysis(a, b, used, expected, stated, "currency", other_currency=other)
    return Analysis(a, b, used, expected, stated, "mismatch")


def _expected_text(an: Analysis) -> str:
    b = an.converted
    assert b.unit is not None
    mid_lo = an.original.value * an.rate.low
    mid_hi = an.original.value * an.rate.high
    if an.rate.date is not None or fmt.money(mid_lo, b.unit) == fmt.money(mid_hi, b.unit):
        return fmt.money(mid_lo, b.unit, like=b)
    low = fmt.money(mid_lo, b.unit, like=b, digits=2)
    return f"{low}–{fmt.money(mid_hi, b.unit, like=b, digits=2)}"


def values_of(an: Analysis) -> dict[str, object]:
    r = an.rate
    values: dict[str, object] = {
        "rate": round(r.low, 6) if r.date else None,
        "rate_low": round(r.low, 6),
        "rate_high": round(r.high, 6),
        "rate_date": r.date.isoformat() if r.date else None,
        "rate_period": list(r.period) if r.period else None,
        "rate_source": r.source,
        "base": an.codes[0],
        "quote": an.codes[1],
        "expected": an.original.value * (r.low + r.high) / 2,
        "expected_low": an.original.value * r.low,
        "expected_high": an.original.value * r.high,
        "stated": an.converted.value,
        "ratio": an.converted.value / (an.original.value * (r.low + r.high) / 2),
    }
    return values


# The placeholders :func:`text_of` fills, which every conversion check provides.
PROVIDES = ("original", "converted", "rate_text", "expected", "percent_off", "high_low")


def text_of(an: Analysis) -> dict[str, str]:
    a, b = an.original, an.converted
    assert a.unit is not None and b.unit is not None
    ratio = b.value / (a.value * (an.rate.low + an.rate.high) / 2)
    off = fmt.sig(abs(ratio - 1) * 100, 2)
    if an.rate.estimated:  # a range of an era, not a rate: how far past its nearer end
        edge = an.rate.high if ratio > 1 else an.rate.low
        off = "at least " + fmt.sig(abs(b.value / (a.value * edge) - 1) * 100, 2)
    return {
        "original": a.text,
        "converted": b.text,
        "rate_text": an.rate.describe(*an.codes),
        "expected": _expected_text(an),
        "percent_off": off,
        "high_low": "too high" if ratio > 1 else "too low",
    }


def diagnosed(
    ctx: CheckContext, slack: float, diagnosis: str, *, prices: bool = True
) -> Iterator[tuple[str, Analysis]]:
    """(relation id, analysis) of the text's money conversions ("$50bn (£35bn)") with this
    diagnosis. ``prices=False`` leaves out prices ("priced at $149 (£99)"), which a seller may
    set per market rather than convert."""
    for r in ctx.relations_of(RelationKind.CONVERSION):
        if "incompatible" in r.tags or (not prices and "price" in r.tags):
            continue
        a, b = ctx.slot(r, "original"), ctx.slot(r, "converted")
        if a is None or b is None or a.kind != "money" or b.kind != "money":
            continue
        an = analyse(ctx, a, b, slack)
        if an is not None and an.diagnosis == diagnosis:
            yield r.id, an


class ConversionParams(Params):
    slack: float = Field(0.03, ge=0, le=0.5, description="Extra relative slack beyond rounding.")

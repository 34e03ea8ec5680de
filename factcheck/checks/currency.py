"""Currency conversions: "$50billion (£35m)" checked against the ECB rate of the article's date.

Every pair is analysed once (:func:`analyse`) and given one diagnosis: consistent, a scale slip
(m for bn), an inverted rate, the wrong currency, or plainly the wrong figure. Each check reports
only its own diagnosis, so one pair never gets two findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import overlap, plausible_interval, rewrite_scale
from factcheck.models import Claim, RelationKind
from factcheck.ratehistory import EURO_FIXED, before_table, is_legacy
from factcheck.registry import CheckContext, Hit, Params, check

_EURO_CASH = dt.date(2002, 2, 28)  # the last day marks, francs and lire were legal tender
_SCALE_FACTORS = (1e3, 1e6, 1e-3, 1e-6)
_MAJOR = ("USD", "GBP", "EUR", "JPY", "CNY", "CAD", "AUD", "CHF", "INR")
_SLIP_WORDS = {
    1e3: ("a thousand", "too small"),
    1e6: ("a million", "too small"),
    1e-3: ("a thousand", "too large"),
    1e-6: ("a million", "too large"),
}


@dataclass(frozen=True, slots=True)
class RateUsed:
    low: float
    high: float
    date: dt.date | None  # the day of the rate, when the article's date is known
    period: tuple[int, int] | None  # years of the band, when it is not
    source: str
    outside: bool = False  # before the table, and no estimate for the pair: only scale slips
    estimated: bool = False  # before the table: the range of any rate of the era (ratehistory)
    before_table: bool = False  # no rate of the day can be known (estimated, or only scale slips)
    why: str | None = None  # what the band is, when not the plain case (shown in brackets)

    def describe(self, base: str, quote: str) -> str:
        if self.date is not None:
            return (
                f"{fmt.money(1, base)} = {_quote(self.low, quote)} (ECB reference rate, "
                f"{self.date.isoformat()})"
            )
        assert self.period is not None
        first, last = self.period
        if self.why is not None:
            why = self.why
        elif first == last:
            why = f"ECB reference rates of {first}, the year the sentence is about"
        else:
            why = f"ECB reference rates {first}–{last}; no article date found"
        if _quote(self.low, quote) == _quote(self.high, quote):  # a fixed rate (francs to euros)
            return f"{fmt.money(1, base)} = {_quote(self.low, quote)} ({why})"
        return (
            f"{fmt.money(1, base)} = {_quote(self.low, quote)}–{_quote(self.high, quote)} ({why})"
        )


def _quote(r: float, code: str) -> str:
    sym = fmt.money(1, code).replace("1", "", 1)
    if sym.strip() == code:
        return f"{fmt.rate(r)} {code}"
    return f"{sym}{fmt.rate(r)}"


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


def _rate_band(
    ctx: CheckContext, base: str, quote: str, year: int | None = None, until: bool = False
) -> RateUsed | None:
    """The rate of the article's date; of a year the sentence is about ("In 2007, …"), when
    it names one other than the article's; with no date, the band since the latest year the
    article mentions, or up to the year a sentence looks ahead to (``until``: "by 2009"). Before
    the table (an article of 1987, a sentence about 1987, or undated marks and francs), an
    estimate: the range of any rate of that era. Once per document and pair: every reading of
    "$" asks again."""
    key = ("rate", base, quote, year, until)
    if key not in ctx.memo:
        ctx.memo[key] = _find_rate_band(ctx, base, quote, year, until)
    found: RateUsed | None = ctx.memo[key]
    return found


def _find_rate_band(
    ctx: CheckContext, base: str, quote: str, year: int | None, until: bool
) -> RateUsed | None:
    rates = ctx.rates
    if not (rates.knows(base) and rates.knows(quote)):
        return None
    on = ctx.article_date
    first, last = rates.coverage()
    if year is not None and year < first.year and (on is None or year != on.year):
        return _before_table(ctx, base, quote, f"the sentence is about {year}, before them")
    if on is not None and on < first:
        return _before_table(ctx, base, quote, f"the article is dated {on.year}, before them")
    if year is not None and until and on is None:
        # undated, about a target year ("will be worth … by 2009"): written before it
        end = dt.date(min(max(year, first.year), last.year), 12, 31)
        return _undated_band(ctx, base, quote, first, end)
    if year is not None and (on is None or year != on.year) and first.year <= year <= last.year:
        band = rates.band(base, quote, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if band is None:
            return None
        return RateUsed(band[0], band[1], None, (year, year), rates.name)
    euro_only = {base, quote} <= {"EUR", *EURO_FIXED}  # francs to euros: the fixed rate
    legacy = base if is_legacy(base) else quote if is_legacy(quote) else None
    if on is not None and legacy and not euro_only and on > _EURO_CASH:
        # a 2018 article's francs are of an earlier year: no rate of the article's day
        return _before_table(
            ctx, base, quote, f"the article is dated {on.year}, after the euro replaced {legacy}"
        )
    if on is not None:
        q = rates.rate(base, quote, on)
        if q is None:
            return None
        return RateUsed(q.rate, q.rate, q.date, None, rates.name)
    if legacy and not euro_only:
        # undated marks or francs: most likely written before the euro replaced them
        return _before_table(
            ctx, base, quote, f"no article date found, and the euro replaced {legacy} in 1999"
        )
    start_year = max(ctx.latest_year or first.year, first.year)
    start = dt.date(min(start_year, last.year), 1, 1)
    return _undated_band(ctx, base, quote, start, last)


def _undated_band(
    ctx: CheckContext, base: str, quote: str, start: dt.date, end: dt.date
) -> RateUsed | None:
    rates = ctx.rates
    first, _ = rates.coverage()
    band = rates.band(base, quote, start, end)
    if band is None:
        return None
    # the table lacks the first years of some currencies (rupiah and yuan from 2005): an
    # undated article may be older than the band, so only a scale slip can be judged
    begins = max(rates.series_start(base), rates.series_start(quote))
    partial = begins > max(start, first)
    period = (max(start, begins).year, max(end, begins).year)
    why = None
    if end.year < rates.coverage()[1].year:
        why = (
            f"ECB reference rates {period[0]}–{period[1]}; no article date found, and the "
            f"sentence looks ahead to {end.year}"
        )
    return RateUsed(band[0], band[1], None, period, rates.name, outside=partial, why=why)


def _before_table(ctx: CheckContext, base: str, quote: str, when: str) -> RateUsed | None:
    """Before the ECB table: no rate of the day. The range any rate of the era gave, where
    :mod:`factcheck.ratehistory` knows both currencies (joined with the table's whole band);
    else the table's band, against which only a ×1,000 slip can be judged."""
    rates = ctx.rates
    first, last = rates.coverage()
    band = rates.band(base, quote, first, last)
    if band is None:
        return None
    era = before_table(base, quote)
    if era is None:
        why = f"ECB reference rates {first.year}–{last.year}; {when}"
        return RateUsed(
            band[0],
            band[1],
            None,
            (first.year, last.year),
            rates.name,
            outside=True,
            before_table=True,
            why=why,
        )
    low, high = min(band[0], era[0]), max(band[1], era[1])
    why = f"estimated: the range of rates since 1971 and the ECB's since {first.year}; {when}"
    return RateUsed(
        low, high, None, (1971, last.year), rates.name, estimated=True, before_table=True, why=why
    )


_FUTURE = regex.compile(
    r"\b(?:will|would|shall|forecasts?|forecast\s+to|expected\s+to|projected|predicted|"
    r"set\s+to|due\s+to|targets?|aims?\s+to|plans?\s+to|could\s+reach|by\s+(?:19|20)\d\d)\b",
    regex.IGNORECASE,
)


def _looks_ahead(ctx: CheckContext, a: Claim) -> bool:
    """ "will be worth $336m (£178m) by 2009", "is forecast to reach … in 2009": a target."""
    if (a.anchor or "").lower().startswith("by "):
        return True
    lo, hi = ctx.sentences.bounds(a.sentence)
    return bool(_FUTURE.search(ctx.text, lo, hi))


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
    elif on is None and year is not None and _looks_ahead(ctx, a):
        until = True  # undated: any rate from the table's start to the target year
    used = _rate_band(ctx, a.unit, b.unit, year, until)
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
        alt = _rate_band(ctx, base, quote, year, until)
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
            alt = _rate_band(ctx, base, quote, year, until)
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
        alt = _rate_band(ctx, a.unit, other, year)
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


def _values(an: Analysis) -> dict[str, object]:
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


def _text(an: Analysis) -> dict[str, str]:
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


def _diagnosed(
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


class ScaleSlipParams(Params):
    slack: float = Field(0.03, ge=0, le=0.5, description="Extra relative slack beyond rounding.")


@check(
    "currency.scale_slip",
    params=ScaleSlipParams,
    provides=(
        "original",
        "converted",
        "rate_text",
        "expected",
        "factor_words",
        "too",
        "written_scale",
        "suggested",
        "percent_off",
        "high_low",
    ),
)
def scale_slip(ctx: CheckContext, p: ScaleSlipParams) -> Iterator[Hit]:
    """The converted figure is off by a factor of 1,000 or 1,000,000: a slipped scale word."""
    for rid, an in _diagnosed(ctx, p.slack, "scale"):
        b = an.converted
        words, too = _SLIP_WORDS[an.factor]
        text = _text(an)
        fixed = rewrite_scale(b, an.factor)
        if fixed is None and b.unit:
            fixed = fmt.money(b.value * an.factor, b.unit, like=b)
        text.update(factor_words=words, too=too, written_scale=b.scale or "", suggested=fixed or "")
        if not fixed:
            del text["suggested"]
        yield Hit((b, an.original), text, {**_values(an), "factor": an.factor}, relations=(rid,))


@check(
    "currency.inverted_rate",
    params=ScaleSlipParams,
    provides=("original", "converted", "rate_text", "expected", "percent_off", "high_low"),
)
def inverted_rate(ctx: CheckContext, p: ScaleSlipParams) -> Iterator[Hit]:
    """The converted figure matches the rate applied the wrong way round (divided, not
    multiplied)."""
    for rid, an in _diagnosed(ctx, p.slack, "inverted", prices=False):
        yield Hit((an.converted, an.original), _text(an), _values(an), relations=(rid,))


@check(
    "currency.wrong_currency",
    params=ScaleSlipParams,
    provides=(
        "original",
        "converted",
        "rate_text",
        "expected",
        "other_currency",
        "percent_off",
        "high_low",
    ),
)
def wrong_currency(ctx: CheckContext, p: ScaleSlipParams) -> Iterator[Hit]:
    """The converted figure matches a conversion into another currency: a swapped symbol."""
    for rid, an in _diagnosed(ctx, p.slack, "currency", prices=False):
        if an.other_currency is None:
            continue
        text = {**_text(an), "other_currency": an.other_currency}
        values = {**_values(an), "other_currency": an.other_currency}
        yield Hit((an.converted, an.original), text, values, relations=(rid,))


@check(
    "currency.mismatch",
    params=ScaleSlipParams,
    provides=("original", "converted", "rate_text", "expected", "percent_off", "high_low"),
)
def mismatch(ctx: CheckContext, p: ScaleSlipParams) -> Iterator[Hit]:
    """The converted figure is outside what any rate of the period gives, beyond rounding."""
    for rid, an in _diagnosed(ctx, p.slack, "mismatch", prices=False):
        yield Hit((an.converted, an.original), _text(an), _values(an), relations=(rid,))


CHECKS = (scale_slip, inverted_rate, wrong_currency, mismatch)

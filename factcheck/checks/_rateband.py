"""Which exchange rate a conversion is judged at: the day's, a year's band, an undated band, or
before the ECB table an estimated range (:mod:`factcheck.ratehistory`).

One job, apart from the diagnosis in :mod:`factcheck.checks._conversion`: given a pair of
currencies and what the sentence and the article say about time, the :class:`RateUsed` — the
band the converted figure should fall in, and the words that say where it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from factcheck import fmt
from factcheck.models import Claim
from factcheck.ratehistory import EURO_FIXED, before_table, is_legacy
from factcheck.registry import CheckContext

__all__ = ["RateUsed", "looks_ahead", "rate_band"]

_EURO_CASH = dt.date(2002, 2, 28)  # the last day marks, francs and lire were legal tender


@dataclass(frozen=True, slots=True)
class RateUsed:
    """The band a conversion is judged against (quote per base), and where it comes from."""

    low: float
    high: float
    date: dt.date | None  # the day of the rate, when the article's date is known
    period: tuple[int, int] | None  # years of the band, when it is not
    source: str
    outside: bool = False  # only scale slips: no estimate before the table, or a currency's
    # series begins after the years an undated article may be from (yuan, rupiah)
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


def rate_band(
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


def looks_ahead(ctx: CheckContext, a: Claim) -> bool:
    """ "will be worth $336m (£178m) by 2009", "is forecast to reach … in 2009": a target."""
    if (a.anchor or "").lower().startswith("by "):
        return True
    lo, hi = ctx.sentences.bounds(a.sentence)
    return bool(_FUTURE.search(ctx.text, lo, hi))

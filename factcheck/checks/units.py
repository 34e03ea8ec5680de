"""Unit conversions: "5 miles (8km)", "100F (38C)", "6ft 2in (1.88m)", judged by the digits
written."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import half_unit
from factcheck.models import Claim, RelationKind
from factcheck.registry import CheckContext, Hit, NoParams, Params, check


class UnitParams(Params):
    slack: float = Field(0.02, ge=0, le=0.5, description="Relative slack beyond rounding.")


def _expected(ctx: CheckContext, a: Claim, b: Claim) -> list[tuple[float, float, str]]:
    """Expected intervals of b for each reading of a's and b's units."""
    units = ctx.units
    out = []
    ha = half_unit(a)
    names_a = [a.unit] if a.unit else []
    names_b = [b.unit] if b.unit else []
    for ua in names_a + _alternatives(ctx, a):
        for ub in names_b + _alternatives(ctx, b):
            lo = units.convert(a.value - ha, ua, ub)
            hi = units.convert(a.value + ha, ua, ub)
            mid = units.convert(a.value, ua, ub)
            if lo is None or hi is None or mid is None:
                continue
            out.append((min(lo, hi), max(lo, hi), ub))
    return out


def _alternatives(ctx: CheckContext, c: Claim) -> list[str]:
    """The other readings of the unit as written ("gallons": imperial as well as US)."""
    forms = ctx.lexicon.unit_readings.get(c.unit or "", ())
    if forms:
        written = c.text.lower()
        for form, others in forms:
            if form in written:
                return list(others)
    return []


@check(
    "units.conversion_mismatch",
    params=UnitParams,
    provides=("original", "converted", "expected", "percent_off", "high_low"),
)
def conversion_mismatch(ctx: CheckContext, p: UnitParams) -> Iterator[Hit]:
    """A unit conversion in brackets that does not match the original measurement."""
    for r in ctx.relations_of(RelationKind.CONVERSION):
        a, b = ctx.slot(r, "original"), ctx.slot(r, "converted")
        if a is None or b is None or "incompatible" in r.tags:
            continue
        if a.kind != "quantity" or b.kind != "quantity" or not a.unit or not b.unit:
            continue
        readings = _expected(ctx, a, b)
        if not readings:
            continue
        ctx.mark(a, b)
        hb = _rounding(b)
        # a hedge ("roughly 5 litres (1.1 gallons)") approximates both sides alike: the
        # conversion itself is judged by the digits written
        tol = 0.0
        ok = False
        for lo, hi, _ in readings:
            width = max(abs(lo), abs(hi)) * (p.slack + tol)
            if lo - width - hb <= b.value <= hi + width + hb:
                ok = True
                break
        if ok:
            continue
        lo, hi, unit = readings[0]
        mid = (lo + hi) / 2
        off = abs(b.value - mid) / abs(mid) * 100 if mid else 0.0
        expected = (
            f"{fmt.sig(mid, max(2, fmt.significant_digits(b.text)))} {ctx.units.symbol(unit)}"
        )
        yield Hit(
            (b, a),
            {
                "original": a.text,
                "converted": b.text,
                "expected": expected,
                "percent_off": fmt.sig(off, 2),
                "high_low": "too high" if b.value > mid else "too low",
            },
            {
                "expected": mid,
                "stated": b.value,
                "unit": unit,
                "ratio": b.value / mid if mid else None,
            },
            relations=(r.id,),
        )


def _rounding(c: Claim) -> float:
    """How far a converted figure may be from the exact conversion as written: to its last
    digit, and a round figure ("30ft (10m)", "60mph (100km/h)") to a tenth of itself."""
    h = half_unit(c)
    m = _NUMERAL.search(c.text)
    if m is None or "." in m.group(0):
        return h
    significant = m.group(0).replace(",", "").lstrip("0").rstrip("0")
    if len(significant) == 1 or (len(significant) == 2 and significant.endswith("5")):
        return max(h, abs(c.value) * ROUND_FIGURE)
    return h


_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
ROUND_FIGURE = 0.10  # a round converted figure is honest to within 10% of itself


_DIMENSION_NAMES = {
    "length": "a length",
    "mass": "a weight",
    "temperature": "a temperature",
    "area": "an area",
    "volume": "a volume",
    "speed": "a speed",
    "energy": "an amount of energy",
    "power": "a power",
    "data": "an amount of data",
    "pressure": "a pressure",
    "duration": "a duration",
}


@check("units.incompatible", provides=("original", "converted", "original_is", "converted_is"))
def incompatible(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A figure in brackets that cannot restate the one before it: another dimension ("40 miles
    per hour (17 kilometres per litre)"), or an amount of money after a count."""
    for r in ctx.relations_of(RelationKind.CONVERSION):
        if "incompatible" not in r.tags:
            continue
        a, b = ctx.slot(r, "original"), ctx.slot(r, "converted")
        if a is None or b is None:
            continue
        ctx.mark(a, b)
        yield Hit(
            (b, a),
            {
                "original": a.text,
                "converted": b.text,
                "original_is": _what_it_is(ctx, a),
                "converted_is": _what_it_is(ctx, b),
            },
            {"original_unit": a.unit, "converted_unit": b.unit},
            relations=(r.id,),
        )


def _what_it_is(ctx: CheckContext, c: Claim) -> str:
    if c.kind == "money":
        return "an amount of money"
    if c.kind == "count":
        return "a count"
    dim = ctx.lexicon.unit_dimension.get(c.unit or "")
    return _DIMENSION_NAMES.get(dim or "", f"a measure in {c.unit}")


CHECKS = (conversion_mismatch, incompatible)

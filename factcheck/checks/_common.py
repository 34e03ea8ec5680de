"""Arithmetic the checks share: how precisely a figure was written, and what a hedge allows."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.lexicon import Lexicon
from factcheck.models import Claim, HedgeDirection, Relation, RelationKind
from factcheck.numparse import parse_digits

if TYPE_CHECKING:
    from factcheck.registry import CheckContext

_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


@functools.lru_cache(maxsize=4096)
def _written(text: str) -> tuple[str | None, float | None]:
    """The first numeral in digits of a claim's text and its value (cached: every check that
    weighs a figure's rounding asks again)."""
    m = _NUMERAL.search(text)
    if m is None:
        return None, None
    return m.group(0), parse_digits(m.group(0))


MAX_ROUNDING = 0.05  # a written figure is taken as exact to within 5% at worst


def half_unit(c: Claim) -> float:
    """Half the place value of the last digit written, in the claim's units, at most 5%.

    "£3.5m" → 0.05e6; "nearly £13billion" → 0.5e9; "500million" → 25e6 (round hundreds, capped
    at 5%); spelled-out figures ("two billion") are taken as exact to 5%. The cap keeps a figure
    as a reader takes it: "£100m" is not "anything from £50m to £150m".
    """
    return min(_half_unit(c), abs(c.value) * MAX_ROUNDING) if c.value else _half_unit(c)


def _half_unit(c: Claim) -> float:
    w, mantissa = _written(c.text)
    if not w or not mantissa:
        return abs(c.value) * 0.05
    factor = abs(c.value / mantissa) if c.low is None else 1.0
    if "." in w:
        decimals = len(w.split(".", 1)[1])
        return 0.5 * 10.0**-decimals * factor
    digits = w.replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    if c.unit and c.unit.startswith("degree"):
        return 0.5 * factor
    if mantissa >= 100 and zeros > 0:
        return 0.5 * 10.0**zeros * factor
    return 0.5 * factor


def last_digit_half(c: Claim) -> float:
    """Half the place value of the last digit as written, trailing zeros counted ("700" → 0.5)."""
    w, mantissa = _written(c.text)
    if not w or not mantissa:
        return abs(c.value) * 0.005
    factor = abs(c.value / mantissa) if c.low is None else 1.0
    decimals = len(w.split(".", 1)[1]) if "." in w else 0
    return 0.5 * 10.0**-decimals * factor


def hedge_tolerance(c: Claim, lex: Lexicon) -> float:
    if c.hedge is None:
        return 0.0
    h = c.hedge.lower()
    entry = (
        lex.hedges_before.get(h) or lex.hedges_after.get(h) or lex.hedges_after.get(h.lstrip("-"))
    )
    return entry[1] if entry else 0.1


_UPWARD = frozenset({HedgeDirection.ABOVE.value, HedgeDirection.AT_LEAST.value})
_DOWNWARD = frozenset({HedgeDirection.BELOW.value, HedgeDirection.AT_MOST.value})


def plausible_interval(
    c: Claim, lex: Lexicon, *, cap: float | None = None, rounding: bool = True
) -> tuple[float, float]:
    """Where the true value may lie, given the hedge, a range or vagueness, and rounding.

    ``cap`` limits the hedge's tolerance (a rule may read "about" more strictly).
    """
    if c.low is not None and c.high is not None:
        lo, hi = c.low, c.high
    else:
        lo = hi = c.value
    tol = hedge_tolerance(c, lex)
    if cap is not None:
        tol = min(tol, cap)
    d = c.hedge_direction
    if d is not None:
        if d == "approx":
            lo, hi = lo * (1 - tol), hi * (1 + tol)
        elif d in _UPWARD:
            hi = hi * (1 + tol)
        elif d in _DOWNWARD:
            lo = lo * (1 - tol)
    if rounding and not c.vague:
        h = half_unit(c)
        lo, hi = lo - h, hi + h
    if lo > hi:
        lo, hi = hi, lo
    return lo, hi


def gap(a: float, b: float) -> float:
    """Relative gap between two values, as a fraction of the larger."""
    top = max(abs(a), abs(b))
    return 0.0 if top == 0 else abs(a - b) / top


def overlap(x: tuple[float, float], y: tuple[float, float], slack: float = 0.0) -> bool:
    """Do two intervals overlap once each is widened by ``slack`` (relative)?"""
    return x[0] * (1 - slack) <= y[1] * (1 + slack) and y[0] * (1 - slack) <= x[1] * (1 + slack)


def rewrite_scale(c: Claim, factor: float) -> str | None:
    """The claim's text with its scale word changed by ``factor`` ("£35m", 1e3 → "£35bn")."""
    if not c.scale:
        return None
    ladders = (
        ["k", "m", "bn", "tn"],
        ["K", "M", "B", "T"],
        ["thousand", "million", "billion", "trillion"],
        ["k", "m", "b", "t"],
        ["k", "mn", "bn", "tn"],
        ["k", "mln", "bln", "tln"],
    )
    steps = {1e3: 1, 1e6: 2, 1e-3: -1, 1e-6: -2}.get(factor)
    if steps is None:
        return None
    word = c.scale.split()[0]
    plural = word.endswith("s") and word.lower() not in ("bns",)
    base = (
        word[:-1]
        if plural and word.lower().rstrip("s") in ("million", "billion", "thousand", "trillion")
        else word
    )
    for ladder in ladders:
        if base in ladder:
            i = ladder.index(base) + steps
            if 0 <= i < len(ladder):
                new = ladder[i] + ("s" if plural and base != word else "")
                pos = c.text.rfind(word)
                return c.text[:pos] + new + c.text[pos + len(word) :]
    return None


def literal_interval(c: Claim, lex: Lexicon, *, cap: float | None = None) -> tuple[float, float]:
    """Like :func:`plausible_interval`, but the digits read literally: "£120m" is 119.5–120.5.

    For figures a sentence gives as the exact ends of a change ("from £120m to £150m"), where a
    reader takes each digit at face value.
    """
    lo, hi = plausible_interval(c, lex, rounding=False, cap=cap)
    if c.vague:
        return lo, hi
    h = last_digit_half(c)
    return lo - h, hi + h


@dataclass(frozen=True, slots=True)
class ChangeView:
    """A change relation with its claims looked up: from, to, and the stated change."""

    relation: Relation
    start: Claim | None  # the "from" value
    end: Claim | None  # the "to" value
    amount: Claim | None
    percent: Claim | None
    points: Claim | None

    @property
    def id(self) -> str:
        return self.relation.id

    def measure(self) -> str | None:
        for c in (self.end, self.start, self.percent, self.amount, self.points):
            if c is not None and c.measure:
                return c.measure
        return None


def change_views(ctx: CheckContext) -> list[ChangeView]:
    """Every change relation of the text, its claims looked up (once per text)."""
    key = ("changes",)
    if key not in ctx.memo:
        ctx.memo[key] = [
            ChangeView(
                r,
                ctx.slot(r, "from"),
                ctx.slot(r, "to"),
                ctx.slot(r, "amount"),
                ctx.slot(r, "percent"),
                ctx.slot(r, "points"),
            )
            for r in ctx.relations_of(RelationKind.CHANGE)
        ]
    views: list[ChangeView] = ctx.memo[key]
    return views


def comparable(a: Claim, b: Claim) -> bool:
    """Two values of one measure: same kind and unit, neither vague."""
    return a.kind == b.kind and a.unit == b.unit and not a.vague and not b.vague

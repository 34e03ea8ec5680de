"""Suggested replacements, written the way the article wrote the figure or word they replace.

Each function returns ``None`` when the replacement is not unambiguous: a figure written in
words, a claim with two numerals, a value the claim's style cannot write closely enough, a word
the lexicon has no counterpart for, a hedge that points one way ("nearly £50m" → "nearly
£100m" would say less than £100m). A check then gives no fix (its message still states the
consistent value).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from factcheck.models import Claim, HedgeDirection
from factcheck.numparse import parse_digits

_NUMERAL = re.compile(r"\d+(?:[,\u00a0\u202f\u2009]\d{3})*(?:\.\d+)?")
_MAX_DECIMALS = 3


def renumbered(c: Claim, value: float, within: float) -> str | None:
    """``c``'s text with its one numeral written for ``value`` (in the claim's units) instead.

    The claim's own scale, symbol, hedge and unit words stay ("nearly £50m", 1e8 → "nearly
    £100m"; "20 per cent", 50 → "50 per cent"). The new numeral has the decimals of the old one,
    or as many more (up to three) as it takes to write ``value`` to within ``within``.
    """
    found = list(_NUMERAL.finditer(c.text))
    if len(found) != 1 or c.low is not None or c.high is not None or value <= 0 or _leans(c):
        return None
    m = found[0]
    written = parse_digits(m.group())
    if not written or c.value <= 0:
        return None
    scale = c.value / written  # "£50m": 1e6
    new, tolerance = value / scale, within / scale  # in the numeral's own units
    _, dot, frac = m.group().partition(".")
    decimals = len(frac) if dot else 0
    while abs(round(new, decimals) - new) > tolerance and decimals < _MAX_DECIMALS:
        decimals += 1
    if abs(round(new, decimals) - new) > tolerance or round(new, decimals) <= 0:
        return None
    grouped = any(sep in m.group() for sep in ",\u00a0\u202f\u2009")
    numeral = f"{new:,.{decimals}f}" if grouped else f"{new:.{decimals}f}"
    if numeral == m.group():
        return None
    return c.text[: m.start()] + numeral + c.text[m.end() :]


def _leans(c: Claim) -> bool:
    """A hedge that says more or less than the figure ("nearly", "more than"), not "about"."""
    return c.hedge_direction not in (None, HedgeDirection.APPROX, HedgeDirection.EXACT)


def _form(word: str) -> str:
    for ending in ("ing", "ed", "s"):
        if word.endswith(ending):
            return ending
    return ""


def regrown(c: Claim, factor: float, growth: Mapping[str, float], tolerance: float) -> str | None:
    """``c``'s text with its growth word changed to the one of the same form for ``factor``
    ("practically tripled", 2 → "practically doubled"); None if the lexicon has none.

    ``growth`` is the lexicon's word → factor table; its first word for a factor wins
    ("tripled" before "trebled").
    """
    head, _, word = c.text.rpartition(" ")
    if word.lower() not in growth or _leans(c):
        return None
    form = _form(word.lower())
    for candidate, f in growth.items():
        if _form(candidate) == form and f > 0 and abs(factor / f - 1) <= tolerance:
            new = candidate.capitalize() if word[:1].isupper() else candidate
            return f"{head} {new}" if head else new
    return None


def opposite_word(word: str, opposites: Mapping[str, str]) -> str | None:
    """The direction word that says the other way ("fell" → "rose"), in the same case."""
    other = opposites.get(word.lower())
    if other is None:
        return None
    if word.isupper():
        return other.upper()
    return other.capitalize() if word[:1].isupper() else other

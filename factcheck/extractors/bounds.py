"""Bounds that make one range: "more than 20 but fewer than 50", "no more than 50 and no less
than 20". (Relations between claims are read by :mod:`factcheck.relations`.)"""

from __future__ import annotations

import regex

from factcheck.extractors.mention import Mention
from factcheck.models import HedgeDirection

_BOUND_GAP = regex.compile(r"\s*,?\s*(?:and|but)?\s*")
_LOWER_BOUNDS = (HedgeDirection.ABOVE, HedgeDirection.AT_LEAST)
_UPPER_BOUNDS = (HedgeDirection.BELOW, HedgeDirection.AT_MOST)


def merge_bounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "more than 20 but fewer than 50", "no more than 50 and no less than 20": one range."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            b is not None
            and a.kind == b.kind
            and a.unit == b.unit
            and not a.vague
            and not b.vague
            and a.low is None
            and b.low is None
            and a.sentence == b.sentence
            and _BOUND_GAP.fullmatch(text, a.end, b.start)
        ):
            lower, upper = (a, b) if a.hedge_direction in _LOWER_BOUNDS else (b, a)
            if (
                lower.hedge_direction in _LOWER_BOUNDS
                and upper.hedge_direction in _UPPER_BOUNDS
                and lower.value < upper.value
            ):
                a.low, a.high = lower.value, upper.value
                a.value = (lower.value + upper.value) / 2
                a.end = a.num_end = b.end
                a.hedge = None
                a.hedge_direction = None
                out.append(a)
                i += 2
                continue
        out.append(a)
        i += 1
    return out

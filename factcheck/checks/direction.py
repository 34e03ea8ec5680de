"""Direction words that contradict the numbers: "fell from 5 to 7", "$8bn, up from $10bn".

Reads change relations with both values and a word of rise or fall: the word is the one the
sentence ties to the pair, never a verb of another clause. A place in a ranking ("climbed from
13th place to fifth place") rises as its number falls: silent.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from factcheck.checks._common import (
    change_views,
    comparable,
    half_unit,
    hedge_tolerance,
    plausible_interval,
)
from factcheck.checks._fixes import opposite_word
from factcheck.models import Claim
from factcheck.registry import CheckContext, Hit, Params, check

_NUMERAL = regex.compile(r"\d[\d,]*(?:\.\d+)?")


class DirectionParams(Params):
    max_ratio: float = Field(
        10.0,
        gt=1,
        le=1e6,
        description="Values further apart than this factor are taken as a misreading of the "
        "sentence (a figure paired with the wrong one), not a direction word slipped.",
    )
    hedge_cap: float = Field(
        0.05,
        ge=0,
        le=1,
        description="Most a hedge ('about', 'around') may move a figure either way: 'around "
        "20,000' is not 22,000.",
    )


def _clearly(ctx: CheckContext, f: Claim, t: Claim, p: DirectionParams) -> str | None:
    """'up' or 'down' when the two values differ beyond rounding and hedges, else None.

    Two plain figures move the way their digits do, however little: "to 3.0 from 2.9" rises,
    and so does "to 14.5 pct from 14 pct" (a figure written beside a finer one is as exact as
    it, unless it is a round number: "to 2,000 from 1,990" may be a rounding). A hedged figure
    stands for its hedge's reach (at most ``hedge_cap``), and no rounding on top of it.
    """
    if _plain(f) and _plain(t):
        hf, ht = half_unit(f), half_unit(t)
        fine = min(hf, ht)
        hf = hf if _round(f, hf, fine) else fine
        ht = ht if _round(t, ht, fine) else fine
        eps = 1e-9 * max(abs(f.value), abs(t.value))
        if t.value - ht >= f.value + hf - eps and t.value != f.value:
            return "up"
        if t.value + ht <= f.value - hf + eps and t.value != f.value:
            return "down"
        return None
    f_lo, f_hi = _interval(ctx, f, p)
    t_lo, t_hi = _interval(ctx, t, p)
    if t_lo > f_hi:
        return "up"
    if t_hi < f_lo:
        return "down"
    return None


def _plain(c: Claim) -> bool:
    return c.hedge is None and c.low is None and c.high is None


def _round(c: Claim, h: float, fine: float) -> bool:
    """Is the coarser figure a round one ("2,000", "500 million"), rounded more than it shows?"""
    if h <= fine:
        return False
    m = _NUMERAL.search(c.text)
    if m is None:
        return True  # spelled out ("two million"): taken as round
    digits = m.group(0).replace(",", "")
    return "." not in digits and len(digits) >= 3 and digits.endswith("0")


def _interval(ctx: CheckContext, c: Claim, p: DirectionParams) -> tuple[float, float]:
    if c.hedge is not None and hedge_tolerance(c, ctx.lexicon) > 0:
        return plausible_interval(c, ctx.lexicon, cap=p.hedge_cap, rounding=False)
    return plausible_interval(c, ctx.lexicon)


@check(
    "direction.contradiction",
    params=DirectionParams,
    provides=("word", "start", "end", "moved", "fixed"),
)
def contradiction(ctx: CheckContext, p: DirectionParams) -> Iterator[Hit]:
    """A rise or fall word whose own from/to values move the other way."""
    ranks = ctx.lexicon.rank_measures
    for ch in change_views(ctx):
        f, t, r = ch.start, ch.end, ch.relation
        if f is None or t is None or r.direction is None or r.word is None:
            continue
        if not comparable(f, t):
            continue
        if "quote" in r.tags:
            continue  # "the yen rose to 161 from 221 to the dollar": quoted per dollar
        measure = (ch.measure() or "").lower()
        if measure in ranks or measure.rsplit(" ", 1)[-1] in ranks:
            continue
        lo, hi = sorted((abs(f.value), abs(t.value)))
        if lo == 0 or hi / lo > p.max_ratio:
            continue
        ctx.mark(f, t)
        moved = _clearly(ctx, f, t, p)
        if moved is None or moved == r.direction:
            continue
        text = {
            "word": r.word,
            "start": f.text,
            "end": t.text,
            "moved": "rises" if moved == "up" else "falls",
        }
        span = _word_span(ctx, r.span, r.word)  # the fix: the opposite word, where it stands
        fixed = opposite_word(ctx.text[span[0] : span[1]], ctx.lexicon.opposites) if span else None
        if fixed:
            text["fixed"] = fixed
        values = {"said": str(r.direction), "moved": moved}
        yield Hit((t, f), text, values, fix_span=span if fixed else None, relations=(r.id,))


def _word_span(ctx: CheckContext, where: tuple[int, int], word: str) -> tuple[int, int] | None:
    """Where ``word`` stands in the relation's evidence, if it stands there once."""
    pattern = rf"(?<!\w){regex.escape(word)}(?!\w)"
    found = [
        m.span()
        for m in regex.finditer(pattern, ctx.text, regex.IGNORECASE, pos=where[0], endpos=where[1])
    ]
    return found[0] if len(found) == 1 else None


CHECKS = (contradiction,)

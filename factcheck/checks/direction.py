"""Direction words that contradict the numbers: "fell from 5 to 7", "$8bn, up from $10bn".

Reads change relations with both values and a word of rise or fall: the word is the one the
sentence ties to the pair, never a verb of another clause. A place in a ranking ("climbed from
13th place to fifth place") rises as its number falls: silent.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from factcheck.checks._common import change_views, comparable, plausible_interval
from factcheck.checks._fixes import opposite_word
from factcheck.models import Claim
from factcheck.registry import CheckContext, Hit, Params, check


class DirectionParams(Params):
    max_ratio: float = Field(
        10.0,
        gt=1,
        le=1e6,
        description="Values further apart than this factor are taken as a misreading of the "
        "sentence (a figure paired with the wrong one), not a direction word slipped.",
    )


def _clearly(ctx: CheckContext, f: Claim, t: Claim) -> str | None:
    """'up' or 'down' when the two values differ beyond rounding and hedges, else None."""
    f_lo, f_hi = plausible_interval(f, ctx.lexicon)
    t_lo, t_hi = plausible_interval(t, ctx.lexicon)
    if t_lo > f_hi:
        return "up"
    if t_hi < f_lo:
        return "down"
    return None


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
        moved = _clearly(ctx, f, t)
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

"""Direction words that contradict the numbers: "fell from 5 to 7", "$8bn, up from $10bn"."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.checks._common import plausible_interval
from factcheck.models import Claim
from factcheck.registry import CheckContext, Hit, NoParams, check


def _clearly(ctx: CheckContext, f: Claim, t: Claim) -> str | None:
    """'up' or 'down' when the two values differ beyond rounding and hedges, else None."""
    f_lo, f_hi = plausible_interval(f, ctx.lexicon)
    t_lo, t_hi = plausible_interval(t, ctx.lexicon)
    if t_lo > f_hi:
        return "up"
    if t_hi < f_lo:
        return "down"
    return None


@check("direction.contradiction", provides=("word", "start", "end", "moved"))
def contradiction(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A rise or fall word whose own from/to values move the other way."""
    for t in ctx.claims:
        if t.from_claim is None or t.from_claim not in ctx.by_id:
            continue
        f = ctx.by_id[t.from_claim]
        if f.kind != t.kind or f.unit != t.unit or f.vague or t.vague:
            continue
        word = t.direction_word or f.direction_word
        said = t.direction or f.direction
        if said is None or word is None:
            continue
        ctx.mark(f, t)
        moved = _clearly(ctx, f, t)
        if moved is None or moved == said:
            continue
        yield Hit(
            (t, f),
            {
                "word": word,
                "start": f.text,
                "end": t.text,
                "moved": "rises" if moved == "up" else "falls",
            },
            {"said": str(said), "moved": moved},
        )


CHECKS = (contradiction,)

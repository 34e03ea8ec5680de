"""Parts and wholes: shares of one whole over 100%, "X, or Y% of Z" where X/Z is not Y%,
a part larger than its whole, and listed parts that do not add up to their whole.

Each reads a relation the sentence states (``factcheck.relations.parts``): "Of the 7,300
posts, …", "The £67bn plan includes …", "…, a total of …", "3,000 jobs, or 25% of its 12,000
staff", "45% said yes, 38% no …".
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import (
    comparable,
    last_digit_half,
    literal_interval,
    plausible_interval,
)
from factcheck.models import Claim, RelationKind
from factcheck.registry import CheckContext, Hit, Params, check


def _share_value(c: Claim) -> float:
    return c.value * 100.0 if c.kind == "fraction" else c.value


class TotalsParams(Params):
    slack_points: float = Field(
        1.0, ge=0, le=20, description="Slack in percentage points beyond rounding."
    )
    slack: float = Field(0.01, ge=0, le=0.5, description="Relative slack for sums.")
    max_ratio: float = Field(
        3.0,
        gt=1,
        le=1000,
        description="A part (or a sum of parts) more than this many times its whole is taken as "
        "a misreading of the sentence — another figure — not a slip.",
    )
    under_ratio: float = Field(
        100.0,
        gt=1,
        le=1e6,
        description="Parts adding up to less than the whole divided by this are taken as a "
        "misreading too (a price and a count read as parts of a number of shares).",
    )


@check("totals.share_mismatch", params=TotalsParams, provides=("part", "share", "whole", "actual"))
def share_mismatch(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """'X, or Y% of Z' (or 'X of the Z (Y%)') where X/Z is not Y%."""
    for r in ctx.relations_of(RelationKind.SHARE):
        part, s, whole = ctx.slot(r, "part"), ctx.slot(r, "share"), ctx.slot(r, "whole")
        if part is None or s is None or whole is None or whole.value <= 0:
            continue
        if not comparable(part, whole):
            continue
        ctx.mark(part, s, whole)
        p_lo, p_hi = plausible_interval(part, ctx.lexicon)
        w_lo, w_hi = plausible_interval(whole, ctx.lexicon)
        actual_lo, actual_hi = p_lo / w_hi * 100, p_hi / w_lo * 100
        s_lo, s_hi = plausible_interval(s, ctx.lexicon)
        if s.kind == "fraction":
            s_lo, s_hi = s_lo * 100 * 0.95, s_hi * 100 * 1.05
        if s_lo - p.slack_points <= actual_hi and actual_lo <= s_hi + p.slack_points:
            continue
        actual = part.value / whole.value * 100
        yield Hit(
            (s, part, whole),
            {
                "part": part.text,
                "share": s.text,
                "whole": whole.text,
                "actual": f"{fmt.sig(actual, 3)}%",
            },
            {"actual_percent": round(actual, 4), "stated_percent": _share_value(s)},
            relations=(r.id,),
        )


@check("totals.part_exceeds_whole", params=TotalsParams, provides=("part", "whole"))
def part_exceeds_whole(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """'60 of the 50 firms', 'Of the 50 firms, 60 …': a part larger than its whole."""
    lex = ctx.lexicon
    for r in ctx.relations_of(RelationKind.PARTS):
        whole = ctx.slot(r, "whole")
        if whole is None:
            continue
        for part in ctx.slot_all(r, "parts"):
            if not comparable(part, whole):
                continue
            ctx.mark(part, whole)
            if part.value > whole.value * p.max_ratio:
                continue
            if literal_interval(part, lex, cap=0.05)[0] > literal_interval(whole, lex, cap=0.05)[1]:
                yield Hit(
                    (part, whole),
                    {"part": part.text, "whole": whole.text},
                    {"part": part.value, "whole": whole.value},
                    relations=(r.id,),
                )


@check("totals.parts_sum", params=TotalsParams, provides=("parts", "total", "sum", "difference"))
def parts_sum(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """Listed parts that do not add up to their whole: more than it always, less than it only
    when the text says the parts make it up ("a total of", "split between", "the rest")."""
    lex = ctx.lexicon
    for r in ctx.relations_of(RelationKind.PARTS):
        total = ctx.slot(r, "whole")
        parts = ctx.slot_all(r, "parts")
        if total is None or len(parts) < 2 or total.vague:
            continue
        if any(not comparable(x, total) for x in parts):
            continue
        ctx.mark(total, *parts)
        if any(
            literal_interval(x, lex, cap=0.05)[0] > literal_interval(total, lex, cap=0.05)[1]
            for x in parts
        ):
            continue  # one part alone exceeds the whole: TOT003 says so
        lo = sum(plausible_interval(x, lex, rounding=False)[0] - last_digit_half(x) for x in parts)
        hi = sum(plausible_interval(x, lex, rounding=False)[1] + last_digit_half(x) for x in parts)
        t_lo, t_hi = plausible_interval(total, lex, rounding=False)
        slack = p.slack * t_hi + last_digit_half(total)
        over = lo - slack > t_hi
        under = hi + slack < t_lo
        if not over and not (under and r.exhaustive and r.shape != "whole-colon"):
            continue
        if over and not (r.exhaustive or "parallel" in r.tags):
            continue  # "Of the 12 victims, 10 were women and 8 were under 30": they overlap
        s = sum(x.value for x in parts)
        if s > total.value * p.max_ratio or s * p.under_ratio < total.value:
            continue  # values an order apart: another figure read as a part, not a slip
        yield Hit(
            (total, *parts),
            {
                "parts": ", ".join(x.text for x in parts),
                "total": total.text,
                "sum": fmt.claim_value(total, s),
                "difference": fmt.claim_value(total, abs(total.value - s)),
            },
            {"sum": s, "total": total.value, "exhaustive": bool(r.exhaustive)},
            relations=(r.id,),
        )
    yield from _complete_shares_short(ctx, p)


def _complete_shares_short(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """Shares of one whole that the sentence says are all of it ("… and the rest, 12%",
    "split between …") but that add up to clearly less than 100%. Without such words a list
    under 100% is silent: the others refused, did not know, or were not named. Over 100% is
    TOT001's."""
    lex = ctx.lexicon
    for r in ctx.relations_of(RelationKind.SHARES):
        shares = ctx.slot_all(r, "shares")
        if not r.exhaustive or len(shares) < 2 or any(c.vague for c in shares):
            continue
        highs = [
            plausible_interval(c, lex)[1] * (100 if c.kind == "fraction" else 1) for c in shares
        ]
        if sum(highs) + p.slack_points * len(shares) >= 100:
            continue
        s = sum(_share_value(c) for c in shares)
        yield Hit(
            tuple(shares),
            {
                "parts": ", ".join(c.text for c in shares),
                "total": "100%",
                "sum": f"{fmt.sig(s, 3)}%",
                "difference": f"{fmt.sig(100 - s, 3)} points",
            },
            {"sum": s, "total": 100.0, "exhaustive": True},
            relations=(r.id,),
        )


@check("totals.shares_exceed_whole", params=TotalsParams, provides=("shares", "sum", "whole"))
def shares_exceed_whole(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """Shares of one whole (poll answers, the vote, a market, a budget) over 100%."""
    lex = ctx.lexicon
    for r in ctx.relations_of(RelationKind.SHARES):
        shares = ctx.slot_all(r, "shares")
        if len(shares) < 2:
            continue
        lows = [
            plausible_interval(c, lex)[0] * (100 if c.kind == "fraction" else 1) for c in shares
        ]
        ctx.mark(*shares)
        if sum(lows) <= 100 + p.slack_points * len(shares):
            continue
        whole = next((c.measure for c in shares if c.measure), None)
        if r.shape == "poll" or whole is None:
            whole = "the answers"
        yield Hit(
            tuple(shares),
            {
                "shares": ", ".join(c.text for c in shares),
                "sum": f"{fmt.sig(sum(_share_value(c) for c in shares), 3)}%",
                "whole": whole,
            },
            {"sum_percent": sum(_share_value(c) for c in shares)},
            relations=(r.id,),
        )


CHECKS = (share_mismatch, part_exceeds_whole, parts_sum, shares_exceed_whole)

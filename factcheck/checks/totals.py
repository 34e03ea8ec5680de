"""Parts and wholes: shares of one whole over 100%, "X, or Y% of Z" where X/Z is not Y%,
a part larger than its whole, and listed parts that do not add up to their stated total.

Each pattern is read from the words between the claims of one sentence, so a rule fires only on
phrasing that states the relation ("or 10% of its 20,000 staff", "a total of", "split between").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import last_digit_half, literal_interval, plausible_interval
from factcheck.models import Claim, Role
from factcheck.registry import CheckContext, Hit, Params, check

_DET = r"(?:the|its|their|his|her|our|all|a|an|this|these|those|[\w-]+(?:’s|'s))"
_SHARE_GAP = regex.compile(
    r"\s*[,(–—-]?\s*(?:or|representing|accounting\s+for|equivalent\s+to|equal\s+to|that\s+is"
    r"|which\s+is|i\.e\.|nearly|almost|about|around|some|roughly)?\s*$",
    regex.IGNORECASE,
)
_OF_WHOLE = regex.compile(
    rf"\s+(?:of|out\s+of)\s+(?:{_DET}\s+)?(?:[\w-]+\s+){{0,3}}?$", regex.IGNORECASE
)
_A_OF_Z = regex.compile(rf"\s+(?:of|out\s+of)\s+(?:{_DET}\s+)?$", regex.IGNORECASE)
_SHARE_AFTER = regex.compile(r"^[^.;:]{0,40}?[(,–—-]\s*(?:or\s+|about\s+|some\s+|nearly\s+)?$")
_OF_LEAD = regex.compile(rf"^\W*of\s+(?:{_DET}\s+)?$", regex.IGNORECASE)
_TOTAL_AFTER = regex.compile(
    r"(?:\s+[^\d\s,;.]+){0,4}?\s*[,(–—-]?\s*(?:making\s+|for\s+|to\s+give\s+|giving\s+)?(?:a\s+(?:combined\s+|grand\s+)?"
    r"total\s+of|in\s+total|in\s+all|altogether|combined|together)\s*$",
    regex.IGNORECASE,
)
_TOTAL_BEFORE_PARTS = regex.compile(
    r"(?:\s+[^\W\d_][\w’'-]*){0,3}?\s*[,:(–—-]?\s*"
    r"(?:(?:is|are|was|were|will\s+be|has\s+been|have\s+been|being)\s+)?(?:made\s+up\s+of|comprising|consisting\s+of|split\s+(?:between|into)"
    r"|divided\s+(?:between|into)|broken\s+down\s+into)\s+(?:[\w-]+\s+){0,2}?$",
    regex.IGNORECASE,
)
_LIST_GAP = regex.compile(
    r"^(?:\s+[^\d\s,;.]+){0,4}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[^\d,;.]{0,30}?\s)?$",
    regex.IGNORECASE,
)

_AMOUNTS = ("count", "money", "quantity")


def _between(ctx: CheckContext, a: Claim, b: Claim) -> str:
    return ctx.text[a.end : b.start]


def _share_value(c: Claim) -> float:
    return c.value * 100.0 if c.kind == "fraction" else c.value


class TotalsParams(Params):
    slack_points: float = Field(
        1.0, ge=0, le=20, description="Slack in percentage points beyond rounding."
    )
    slack: float = Field(0.01, ge=0, le=0.5, description="Relative slack for sums.")


@check("totals.share_mismatch", params=TotalsParams, provides=("part", "share", "whole", "actual"))
def share_mismatch(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """'X, or Y% of Z' (or 'X of the Z (Y%)') where X/Z is not Y%."""
    claims = ctx.claims
    for i, s in enumerate(claims):
        if s.kind not in ("percent", "fraction") or s.role in (Role.FROM, Role.TO):
            continue
        trio = _share_trio(ctx, claims, i)
        if trio is None:
            continue
        part, whole = trio
        if whole.value <= 0 or part.kind != whole.kind or part.unit != whole.unit:
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
        )


_OF_NAMED_WHOLE = regex.compile(
    r"^\s+of\s+(?:its|their|his|her|our)\s+(?:total\s+|entire\s+|whole\s+)?"
    r"(?P<noun>[a-z][a-z-]+)(?=\s*(?:[,.;:)!?]|$))",
    regex.IGNORECASE,
)


def _named_whole(ctx: CheckContext, part: Claim, s: Claim) -> Claim | None:
    """ "…cut 900 jobs, or 25% of its workforce": the workforce given earlier in the sentence
    (4,500 staff). Only a possessive whole that ends the phrase ("of its workforce", not "of
    the price of a home of £280,000") and a figure of the same measure group in the sentence."""
    nm = _OF_NAMED_WHOLE.match(ctx.text[s.end : s.end + 40])
    if nm is None:
        return None
    lex = ctx.lexicon
    group = lex.measure_group(nm.group("noun"))
    if group is None:
        return None
    wholes = [
        w
        for w in ctx.sentence_claims(part)
        if w.start < part.start
        and w.kind == part.kind
        and w.unit == part.unit
        and w.value > part.value
        and not w.vague
        and lex.measure_group(w.measure) == group
    ]
    return wholes[-1] if len(wholes) >= 1 else None


def _share_trio(ctx: CheckContext, claims: list[Claim], i: int) -> tuple[Claim, Claim] | None:
    s = claims[i]
    prev = claims[i - 1] if i > 0 else None
    nxt = claims[i + 1] if i + 1 < len(claims) else None
    # "900 jobs, or 25% of its workforce" (the workforce given earlier)
    if (
        prev is not None
        and prev.sentence == s.sentence
        and prev.kind in _AMOUNTS
        and _SHARE_GAP.fullmatch(_strip_measure(_between(ctx, prev, s)))
    ):
        whole = _named_whole(ctx, prev, s)
        if whole is not None:
            return prev, whole
    # "3,000 jobs, or 10% of its 20,000 staff"
    if (
        prev is not None
        and nxt is not None
        and prev.sentence == s.sentence == nxt.sentence
        and prev.kind in _AMOUNTS
        and nxt.kind == prev.kind
        and _SHARE_GAP.fullmatch(_strip_measure(_between(ctx, prev, s)))
        and _OF_WHOLE.fullmatch(_between(ctx, s, nxt))
    ):
        return prev, nxt
    # "1,200 of the 5,000 staff (24%)"
    if i >= 2:
        a, z = claims[i - 2], claims[i - 1]
        if (
            a.sentence == z.sentence == s.sentence
            and a.kind in _AMOUNTS
            and z.kind == a.kind
            and _A_OF_Z.fullmatch(_between(ctx, a, z))
            and _SHARE_AFTER.match(_between(ctx, z, s))
        ):
            return a, z
    return None


_MEASURE_WORDS = regex.compile(r"^(?:\s+[^\W\d_][\w’'-]*){0,3}")


def _strip_measure(gap: str) -> str:
    """Drop the measure words between a part and its share ("3,000 jobs, or" → ", or")."""
    m = _MEASURE_WORDS.match(gap)
    return gap[m.end() :] if m else gap


@check("totals.part_exceeds_whole", params=TotalsParams, provides=("part", "whole"))
def part_exceeds_whole(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """'60 of the 50 firms', 'Of the 50 firms, 60 …': a part larger than its whole."""
    claims = ctx.claims
    for i in range(len(claims) - 1):
        a, z = claims[i], claims[i + 1]
        if a.sentence != z.sentence or a.kind not in _AMOUNTS or z.kind != a.kind:
            continue
        pairs: list[tuple[Claim, Claim]] = []
        if _A_OF_Z.fullmatch(_between(ctx, a, z)):
            pairs.append((a, z))
        start, _ = ctx.sentences.bounds(a.sentence)
        lex = ctx.lexicon
        gz, ga = lex.measure_group(z.measure), lex.measure_group(a.measure)
        if (
            a.start - start <= 40
            and _OF_LEAD.match(ctx.text[start : a.start])
            and (z.unit == a.unit)
            and (gz is None or ga is None or gz == ga)
        ):
            pairs.append((z, a))  # "Of the 50 firms, 60 …": a is the whole
        for part, whole in pairs:
            ctx.mark(part, whole)
            lex = ctx.lexicon
            if literal_interval(part, lex, cap=0.05)[0] > literal_interval(whole, lex, cap=0.05)[1]:
                yield Hit(
                    (part, whole),
                    {"part": part.text, "whole": whole.text},
                    {"part": part.value, "whole": whole.value},
                )


@check("totals.parts_sum", params=TotalsParams, provides=("parts", "total", "sum", "difference"))
def parts_sum(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """Listed parts that do not add up to the total the sentence states."""
    claims = ctx.claims
    for i, total in enumerate(claims):
        if total.kind not in _AMOUNTS or total.vague or total.role == Role.CHANGE:
            continue
        parts = _parts_before(ctx, claims, i) or _parts_after(ctx, claims, i)
        if len(parts) < 2:
            continue
        if any(x.vague or x.kind != total.kind or x.unit != total.unit for x in parts):
            continue
        ctx.mark(total, *parts)
        lex = ctx.lexicon
        lo = sum(plausible_interval(x, lex, rounding=False)[0] - last_digit_half(x) for x in parts)
        hi = sum(plausible_interval(x, lex, rounding=False)[1] + last_digit_half(x) for x in parts)
        t_lo, t_hi = plausible_interval(total, lex, rounding=False)
        slack = p.slack * t_hi + last_digit_half(total)
        if lo - slack <= t_hi and t_lo <= hi + slack:
            continue
        s = sum(x.value for x in parts)
        yield Hit(
            (total, *parts),
            {
                "parts": ", ".join(x.text for x in parts),
                "total": total.text,
                "sum": fmt.claim_value(total, s),
                "difference": fmt.claim_value(total, abs(total.value - s)),
            },
            {"sum": s, "total": total.value},
        )


def _parts_before(ctx: CheckContext, claims: list[Claim], i: int) -> list[Claim]:
    total = claims[i]
    if i == 0 or not _TOTAL_AFTER.fullmatch(
        _between(ctx, claims[i - 1], total) if claims[i - 1].sentence == total.sentence else "x"
    ):
        return []
    return _chain(ctx, claims, i - 1, -1, total.sentence)


def _parts_after(ctx: CheckContext, claims: list[Claim], i: int) -> list[Claim]:
    total = claims[i]
    if i + 1 >= len(claims) or claims[i + 1].sentence != total.sentence:
        return []
    gap = _between(ctx, total, claims[i + 1])
    if not _TOTAL_BEFORE_PARTS.fullmatch(gap):
        return []
    return _chain(ctx, claims, i + 1, 1, total.sentence)


def _chain(ctx: CheckContext, claims: list[Claim], j: int, step: int, sentence: int) -> list[Claim]:
    """Claims of a list "A, B and C" starting at j and walking by step (at most 12)."""
    out = [claims[j]]
    k = j + step
    while 0 <= k < len(claims) and claims[k].sentence == sentence and len(out) < 12:
        a, b = (claims[k], out[-1]) if step < 0 else (out[-1], claims[k])
        if not _LIST_GAP.match(_between(ctx, a, b)):
            break
        out.append(claims[k])
        k += step
    return out if step > 0 else list(reversed(out))


@check("totals.shares_exceed_whole", params=TotalsParams, provides=("shares", "sum", "whole"))
def shares_exceed_whole(ctx: CheckContext, p: TotalsParams) -> Iterator[Hit]:
    """Shares of one whole (the vote, a market, a budget) that add up to more than 100%."""
    lex = ctx.lexicon
    for claims in ctx.by_sentence.values():
        shares = [
            c
            for c in claims
            if c.kind in ("percent", "fraction") and c.role is None and c.direction is None
        ]
        if len(shares) < 2:
            continue
        whole = next((c.measure for c in shares if c.measure), None)
        if whole is None or whole.lower() not in lex.exclusive_wholes:
            continue
        if any(c.measure and c.measure != whole for c in shares):
            continue
        lows = [
            plausible_interval(c, lex)[0] * (100 if c.kind == "fraction" else 1) for c in shares
        ]
        ctx.mark(*shares)
        total = sum(lows)
        if total <= 100 + p.slack_points * len(shares):
            continue
        yield Hit(
            tuple(shares),
            {
                "shares": ", ".join(c.text for c in shares),
                "sum": f"{fmt.sig(sum(_share_value(c) for c in shares), 3)}%",
                "whole": whole,
            },
            {"sum_percent": sum(_share_value(c) for c in shares)},
        )


CHECKS = (share_mismatch, part_exceeds_whole, parts_sum, shares_exceed_whole)

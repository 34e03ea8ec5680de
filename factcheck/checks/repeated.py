"""One figure stated twice with different values: "$50billion" off its value, later "about $46
billion" off its market value.

Two claims are taken as the same figure only when everything says so: the same kind and unit,
the same measure (equal phrases or one synonym group), compatible owners, the same role (both
changes or both levels) and direction, the same time anchor and qualifiers, and no word saying
the second is another instance ("a further", "another", "on Tuesday alone"). Otherwise silent.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from factcheck import fmt
from factcheck.checks._common import gap, plausible_interval
from factcheck.models import Claim, Role
from factcheck.registry import CheckContext, Hit, Params, check

_KINDS = ("money", "count")
_WORD = regex.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")


class RepeatedParams(Params):
    tolerance: float = Field(
        0.02,
        ge=0,
        le=0.5,
        description="Relative gap allowed beyond rounding and hedges before two figures disagree.",
    )
    approx_cap: float = Field(
        0.03,
        ge=0,
        le=0.5,
        description="How far 'about'/'around' may stretch a figure when comparing restatements.",
    )
    max_gap: float = Field(
        0.5,
        gt=0,
        le=1,
        description="Figures further apart than this "
        "(relative) are taken as different things, not a slip.",
    )
    lookback: int = Field(
        20,
        ge=1,
        le=1000,
        description="How many earlier figures of the same "
        "measure a figure is compared with (nearest first).",
    )


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


_STOP = regex.compile(
    r"[.,;:!?()]|\b(?:would|will|was|were|is|are|had|has|have|said|says|and|but|which|who"
    r"|that|after|before|because|as|while|when|to|could|should|may|might)\b",
    regex.IGNORECASE,
)
_PREP = frozenset(
    [
        "from",
        "on",
        "in",
        "during",
        "since",
        "by",
        "last",
        "this",
        "next",
        "over",
        "for",
        "a",
        "per",
        "each",
        "every",
        "of",
    ]
)


def _tail(text: str) -> str:
    """Text up to the first clause break or function word ("users worldwide, the firm…")."""
    m = _STOP.search(text)
    return text[: m.start()] if m else text


_PERIOD_ADJECTIVES = {
    "quarterly": "quarter",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
}


def _around(ctx: CheckContext, c: Claim) -> tuple[list[str], list[str]]:
    """The lower-case words before a figure (60 characters of its sentence) and after it (40
    characters, up to the first clause break or function word: ``_tail``)."""
    before = _WORD.findall(ctx.before(c, 60).lower())
    after = _WORD.findall(_tail(ctx.after(c, 40)).lower())
    return before, after


def _qualifiers(ctx: CheckContext, around: tuple[list[str], list[str]]) -> frozenset[str]:
    """Time and place qualifiers attached to a figure: "on Monday", "in Europe", "worldwide"."""
    lex = ctx.lexicon
    out: set[str] = set()
    for words in around:
        for i, w in enumerate(words):
            if w in _PERIOD_ADJECTIVES:  # "quarterly net income" = "net income for the quarter"
                out.add(_PERIOD_ADJECTIVES[w])
                continue
            if w not in lex.time_words and w not in lex.place_words:
                continue
            led = any(words[j] in _PREP for j in range(max(0, i - 3), i))
            if led or w in _ADVERBS:
                out.add(w)
    return frozenset(out)


_ADVERBS = frozenset(
    [
        "worldwide",
        "globally",
        "nationally",
        "nationwide",
        "domestically",
        "overseas",
        "abroad",
        "internationally",
        "locally",
        "regionally",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
    ]
)


def _owner_ok(ctx: CheckContext, a: Claim, b: Claim) -> bool:
    if not a.owner or not b.owner or a.owner == b.owner:
        return True
    generic = ctx.lexicon.generic_owners
    return a.owner in generic and b.owner in generic


def _another_instance(ctx: CheckContext, around: tuple[list[str], list[str]]) -> bool:
    """ "a further $10bn", "another 500 jobs", "$10bn more", "on Tuesday alone"."""
    before, after = around
    return not ctx.lexicon.instance_markers.isdisjoint([*before[-3:], *after[:3]])


def _key(ctx: CheckContext, c: Claim) -> tuple[object, ...]:
    """What two claims must share to be the same figure, but for the words around them
    (``_qualifiers``, read only for figures that share the rest; owners are compared pairwise)."""
    lex = ctx.lexicon
    measure = (c.measure or "").lower()
    group = lex.measure_group_of.get(measure) or measure
    return (c.kind, c.unit, c.per, group, c.role == Role.CHANGE, c.direction, c.anchor_year)


def _what(c: Claim) -> str:
    measure = c.measure or "figure"
    if c.role == Role.CHANGE and c.direction is not None:
        noun = "fall" if c.direction == "down" else "rise"
        return f"{noun} in {measure}"
    if c.kind == "count":
        return f"number of {measure}"
    return measure


@check(
    "repeated.mismatch",
    params=RepeatedParams,
    provides=("this", "other", "other_line", "what", "gap_percent"),
)
def repeated_mismatch(ctx: CheckContext, p: RepeatedParams) -> Iterator[Hit]:
    """The same measure of the same thing is given two different values."""
    coarse: dict[tuple[object, ...], list[Claim]] = {}
    for c in ctx.claims:
        linked = c.converts is not None or c.role in (Role.FROM, Role.TO)
        if c.kind in _KINDS and c.measure and not linked:
            coarse.setdefault(_key(ctx, c), []).append(c)
    # the words around a figure are read only where another figure shares its key
    groups: dict[tuple[object, ...], list[Claim]] = {}
    for key, same in coarse.items():
        if len(same) < 2:
            continue
        for c in same:
            around = _around(ctx, c)
            if not _another_instance(ctx, around):
                groups.setdefault((key, _qualifiers(ctx, around)), []).append(c)
    for members in groups.values():
        for i, b in enumerate(members):
            # a restatement refers back to a figure given before it: the nearest earlier ones
            for a in reversed(members[max(0, i - p.lookback) : i]):
                if a.sentence == b.sentence or not _owner_ok(ctx, a, b):
                    continue  # one sentence: two things ("$5bn in the US and $3bn…")
                hit = _compare(ctx, p, a, b)
                if hit is not None:
                    yield hit
                    break  # one finding per figure


def _compare(ctx: CheckContext, p: RepeatedParams, a: Claim, b: Claim) -> Hit | None:
    lex = ctx.lexicon
    ctx.mark(a, b)
    ia = plausible_interval(a, lex, cap=p.approx_cap)
    ib = plausible_interval(b, lex, cap=p.approx_cap)
    if ia[1] >= ib[0] and ib[1] >= ia[0]:
        return None  # intervals overlap: consistent
    lo_gap = gap(ia[1], ib[0]) if ia[1] < ib[0] else gap(ib[1], ia[0])
    if lo_gap <= p.tolerance:
        return None
    if a.vague and b.vague:
        return None  # "dozens" and "tens of thousands": nothing to hold either to
    g = gap(a.value, b.value)
    if (max(g, lo_gap) > p.max_gap and not (a.vague or b.vague)) or lo_gap > p.max_gap:
        return None  # an order apart is another figure, not a misremembered one
    return Hit(
        (b, a),
        {
            "this": b.text,
            "other": a.text,
            "other_line": str(a.line),
            "what": _what(b),
            "gap_percent": fmt.sig(g * 100, 2),
        },
        {
            "gap": round(g, 4),
            "this_value": b.value,
            "other_value": a.value,
            "measure": b.measure,
            "other_measure": a.measure,
        },
    )


CHECKS = (repeated_mismatch,)

"""Pairs of claims: a figure restated in another currency or unit, and changes from X to Y."""

from __future__ import annotations

import regex

from factcheck.extractors.mention import Mention
from factcheck.models import ClaimKind, HedgeDirection, Role

_PAREN_GAP = regex.compile(
    r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|approximately\s+|approx\.?\s+|roughly\s+|some\s+"
    r"|c\.\s*|ca\.\s*|~\s*|equivalent\s+to\s+|equal\s+to\s+|i\.e\.\s+)?"
)
_PAREN_CLOSE = regex.compile(r"\s*[)\]]")
_APPOSITIVE_GAP = regex.compile(
    r"\s*(?:,|—|–|\s-)?\s*(?:or|equivalent\s+to|equal\s+to|which\s+is|i\.e\.|roughly|about)"
    r"\s+(?:about\s+|around\s+|roughly\s+|some\s+|approximately\s+)?"
)
_APPOSITIVE_END = regex.compile(r"\s*(?:[,.;:)—–]|\s-\s|$)")
_SLASH_GAP = regex.compile(r"\s?/\s?")

_CONVERTIBLE = (ClaimKind.MONEY, ClaimKind.QUANTITY)


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
                a.hedge_tolerance = 0.0
                out.append(a)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _compatible(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind or a.kind not in _CONVERTIBLE:
        return False
    if a.kind == ClaimKind.MONEY:
        return a.unit != b.unit
    return a.dimension == b.dimension and a.unit != b.unit


_LIST_IN_BRACKETS = regex.compile(r"\s*[;,/]\s*(?:or\s+|about\s+|some\s+)?")


def link_conversions(text: str, mentions: list[Mention]) -> None:
    """Mark b.converts_index = a for "A (B)", "A, or B,", "A/B" and "A (B; C)" restatements."""
    amounts = [i for i, m in enumerate(mentions) if m.kind != ClaimKind.YEAR]
    for k in range(len(amounts) - 1):
        ia, ib = amounts[k], amounts[k + 1]
        a, b = mentions[ia], mentions[ib]
        if not _compatible(a, b) or b.converts_index is not None:
            continue
        gap = text[a.end : b.start]
        bracketed = bool(_PAREN_GAP.fullmatch(gap))
        if bracketed and _PAREN_CLOSE.match(text, b.end):
            pass
        elif bracketed and _LIST_IN_BRACKETS.match(text, b.end):
            pass  # "€1.2bn (£1.05bn; $1.4bn)": the first of several conversions
        elif (
            _APPOSITIVE_GAP.fullmatch(gap) and _APPOSITIVE_END.match(text, b.end)
        ) or _SLASH_GAP.fullmatch(gap):
            pass
        else:
            continue
        _restate(mentions, ia, ib)
        if bracketed:  # further conversions in the same brackets restate the same original
            prev = b
            for ic in amounts[k + 2 : k + 6]:
                c = mentions[ic]
                lm = _LIST_IN_BRACKETS.match(text, prev.end)
                if lm is None or lm.end() != c.start or not _compatible(a, c) or c.unit == b.unit:
                    break
                _restate(mentions, ia, ic)
                prev = c


def _restate(mentions: list[Mention], ia: int, ib: int) -> None:
    """b restates a: it says the same thing (measure, owner, change and time)."""
    a, b = mentions[ia], mentions[ib]
    b.converts_index = ia
    for attr in (
        "measure",
        "owner",
        "direction",
        "direction_word",
        "role",
        "anchor",
        "anchor_year",
        "per",
    ):
        if getattr(b, attr) is None:
            setattr(b, attr, getattr(a, attr))
    if a.converts_index is None and a.role is None and b.role is not None:
        a.role = b.role


def _same_family(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == ClaimKind.MONEY:
        return a.unit == b.unit or True  # a change may be written in one currency only
    if a.kind == ClaimKind.QUANTITY:
        return a.dimension == b.dimension
    return True


_CLAUSE_BREAK = regex.compile(
    r"[;:!?]|\.\s|\b(?:while|whereas|but|although|though|however|meanwhile)\b", regex.IGNORECASE
)


def _nearest_from(
    text: str, mentions: list[Mention], i: int, step: int, m: Mention, taken: set[int]
) -> int | None:
    """The "from" claim paired with "to" claim ``m`` (index ``i``), searching by ``step``.

    Never across a clause break ("sales fell to £1bn, while losses widened from £45m…"), never
    a "from" already paired, never one that names another measure, and forwards ("rose to
    £13bn from £5bn") only to the very next amount.
    """
    j = i + step
    while 0 <= j < len(mentions) and mentions[j].sentence == m.sentence and abs(j - i) <= 8:
        p = mentions[j]
        lo, hi = (p.end, m.start) if step < 0 else (m.end, p.start)
        if _CLAUSE_BREAK.search(text, lo, hi):
            return None
        if p.kind == ClaimKind.YEAR:
            j += step
            continue
        if (
            p.role == Role.FROM
            and p.converts_index is None
            and j not in taken
            and _same_family(p, m)
            and _same_subject(p, m)
        ):
            return j
        if step > 0 and p.converts_index is None:
            return None
        j += step
    return None


def _same_subject(a: Mention, b: Mention) -> bool:
    """Unless both name what they measure, and name different things."""
    return not (a.measure and b.measure and a.measure != b.measure)


_PERCENT_FROM = regex.compile(r"\s+from\s+")


def _mark_percent_from(text: str, mentions: list[Mention]) -> None:
    """ "561, down 14% from 653": a change in percent *from* a figure works like "down from"."""
    for k in range(1, len(mentions)):
        prev, p = mentions[k - 1], mentions[k]
        if (
            p.role == Role.FROM
            and p.kind != ClaimKind.PERCENT
            and prev.kind == ClaimKind.PERCENT
            and prev.role == Role.CHANGE
            and prev.direction is not None
            and _PERCENT_FROM.fullmatch(text, prev.end, p.start)
        ):
            p.extra["up_from"] = True
            p.direction, p.direction_word = prev.direction, prev.direction_word


def link_changes(text: str, mentions: list[Mention]) -> None:
    """Pair "Y, up from X" and "Y, down 14% from X" first, then "from X … to Y" and "to Y
    from X", all within a clause of one sentence."""
    _mark_percent_from(text, mentions)
    # "sales of $10bn, up from $8bn": the figure before "up from" is the end value
    for j, p in enumerate(mentions):
        if p.role != Role.FROM or not p.extra.get("up_from"):
            continue
        for i in range(j - 1, max(-1, j - 9), -1):
            q = mentions[i]
            if q.sentence != p.sentence:
                break
            if q.converts_index is not None or q.kind == ClaimKind.YEAR or q.from_index is not None:
                continue
            rate = q.kind == p.kind == ClaimKind.PERCENT and q.role == Role.CHANGE
            if _same_family(q, p) and (q.role in (None, Role.TO) or rate):
                q.role = Role.TO
                q.from_index = j
                # "up from"/"down from" states the movement of this pair, whatever verb
                # came earlier ("grew by 0.3%, down from 0.2%": the pair claims a fall)
                q.direction, q.direction_word = p.direction, p.direction_word
                break
    taken = {m.from_index for m in mentions if m.from_index is not None}
    for i, m in enumerate(mentions):
        if m.role != Role.TO or m.from_index is not None or m.converts_index is not None:
            continue
        # nearest FROM before it in the same sentence, else after it ("rose to £13bn from £5bn")
        near = _nearest_from(text, mentions, i, -1, m, taken)
        if near is None:
            near = _nearest_from(text, mentions, i, 1, m, taken)
        if near is not None:
            m.from_index = near
            taken.add(near)
    # a "from" with no "to" is a source ("data harvested from 50 million profiles")
    # unless the sentence states the change ("rose by $1.2bn, or 30%, from $6bn")
    partnered = {m.from_index for m in mentions if m.from_index is not None}
    changes = {
        (q.sentence, q.direction)
        for q in mentions
        if q.role == Role.CHANGE and q.direction is not None
    }
    for j, p in enumerate(mentions):
        unpaired = j not in partnered and not p.extra.get("up_from")
        if p.role == Role.FROM and unpaired and (p.sentence, p.direction) not in changes:
            p.role = None
    # share measure and direction across a pair
    for m in mentions:
        if m.from_index is None:
            continue
        f = mentions[m.from_index]
        if m.measure is None:
            m.measure, m.owner = f.measure, f.owner
        elif f.measure is None:
            f.measure, f.owner = m.measure, m.owner
        if m.direction is None:
            m.direction, m.direction_word = f.direction, f.direction_word
        elif f.direction is None:
            f.direction, f.direction_word = m.direction, m.direction_word

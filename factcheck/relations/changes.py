"""Changes and multipliers: "rose 20% from £1bn to £1.2bn", "£1.2bn, up from £1bn", "doubled".

Each clause of a sentence's skeleton is matched against the change shapes (``shapes.py``), left
to right; a match is one relation. After a change, a gapped continuation ("…by $50bn and his own
fortune by $5bn") is a change of the same direction.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from factcheck.extractors.mention import Mention
from factcheck.models import ClaimKind, Direction, RelationKind
from factcheck.relations.draft import Draft
from factcheck.relations.sentence import Reading, Vocabulary
from factcheck.relations.shapes import Shapes

_BY_SLOT = {
    ClaimKind.PERCENT: "percent",
    ClaimKind.PERCENTAGE_POINT: "points",
    ClaimKind.FRACTION: "fraction",
}


def _direction(code: str | None, v: Vocabulary) -> tuple[Direction | None, str | None]:
    """The direction and word of a skeleton token (``+rose``, ``-cut``, ``~went``)."""
    if not code:
        return None, None
    code = code.lstrip("^")
    word = code[1:]
    if code[0] == "+":
        return Direction.UP, word
    if code[0] == "-":
        return Direction.DOWN, word
    return None, word


def _groups(m: re.Match[str]) -> dict[str, list[str]]:
    """Named groups of a shape match, suffixes dropped: ``s2__by_4`` → ``by``."""
    out: dict[str, list[str]] = {}
    for name, value in m.groupdict().items():
        if value is None or "__" not in name:
            continue
        slot = name.split("__", 1)[1].split("_", 1)[0]
        out.setdefault(slot, []).append(value)
    return out


def _shape(m: re.Match[str]) -> str:
    for name, value in m.groupdict().items():
        if value is not None and name.startswith("shape"):
            return name.split("_", 1)[1].replace("_", "-")
    return ""


# after a change: it is measured on another basis than the figures around it
_BASIS = re.compile(
    r"(?:on\ an?\ [^\s]+(?:\ [^\s]+)?\ basis|on\ a\ like-for-like|like-for-like|excluding|"
    r"in\ real\ terms|at\ constant|adjusted\ for|underlying|on\ an?\ (?:comparable|same-store)"
    r"|in\ local\ currency|in\ volume)"
)
# "the yen rose to 161 from 221 against the dollar": an exchange rate quoted as units of the
# currency per dollar falls as the currency rises
_QUOTE = re.compile(
    r"\b(?:against|to|per|versus)\ the\ [+~-]?(?:dollar|dollars|yen|mark|marks|pound|sterling"
    r"|franc|francs|euro|euros)\b|\bexchange\ rate\b"
    r"|\b[+~-]?value\ of\ the\ (?:yen|dollar|mark|pound|franc)"
    r"|\b(?:yen|dollar|sterling|mark|franc|pound|euro)\ (?:yen|dollar|sterling|mark|franc|pound"
    r"|euro)\ rate\b"  # "the yen/dollar rate rose to 158 yen from 207"
)
# between a figure and the word of a "noun-by" shape: a verb follows, not a noun ("a tax of 0.5
# percent would raise from 8.5 to 17 billion dlrs" is no "0.5 percent rise")
_MODALS = frozenset(
    ["would", "will", "could", "can", "may", "might", "should", "must", "shall", "to"]
)


class ClauseSpans:
    """Offsets of a clause string's tokens, to map a match back to the text."""

    def __init__(self, clause: str, spans: list[tuple[int, int]]) -> None:
        self.clause = clause
        self.starts: list[int] = []
        pos = 0
        for tok in clause.split(" "):
            self.starts.append(pos)
            pos += len(tok) + 1
        self.spans = spans

    def text_span(self, a: int, b: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self.starts, a) - 1
        j = bisect.bisect_right(self.starts, max(a, b - 1)) - 1
        return self.spans[max(i, 0)][0], self.spans[max(j, 0)][1]


def read_changes(
    reading: Reading, mentions: Sequence[Mention], shapes: Shapes, v: Vocabulary
) -> Iterator[Draft]:
    """The changes and multipliers of one sentence, clause by clause, left to right."""
    for c, clause in enumerate(reading.clauses):
        if "#" not in clause:
            continue
        cs = ClauseSpans(clause, reading.clause_spans[c])
        text = clause + " "
        pos = 0
        # the next match of each shape at or after ``pos``, searched again only once ``pos``
        # has passed its start (None: no more)
        m = shapes.change.search(text)
        x = shapes.multiplier.search(text)
        while pos < len(text):
            if m is not None and m.start() < pos:
                m = shapes.change.search(text, pos)
            if x is not None and x.start() < pos:
                x = shapes.multiplier.search(text, pos)
            if x is not None and (m is None or x.start() <= m.start()):
                draft = _multiplier(reading, x, cs, mentions)
                if draft is not None:
                    yield draft
                pos = max(x.end(), pos + 1)
                continue
            if m is None:
                break
            draft = _change(reading, m, cs, mentions, v)
            pos = max(m.end(), pos + 1)
            if draft is None:
                continue
            yield draft
            g = shapes.gapped.match(text, m.end())
            while g is not None and g.end() > pos - 1:
                got = list(_gapped(reading, g, draft, cs, mentions))
                if not got:
                    break
                yield from got
                pos = g.end()
                g = shapes.gapped.match(text, pos)


def _change(
    reading: Reading,
    m: re.Match[str],
    cs: ClauseSpans,
    mentions: Sequence[Mention],
    v: Vocabulary,
) -> Draft | None:
    g = _groups(m)
    shape = _shape(m)
    direction, word = _direction(g["d"][0] if g.get("d") else None, v)
    slots: dict[str, list[int]] = {}
    by_dir: Direction | None = None
    by_word: str | None = None
    for code in g.get("from", [])[:1]:
        slots["from"] = [reading.mention(code)]
    for code in g.get("to", [])[:1]:
        slots["to"] = [reading.mention(code)]
    for code in g.get("by", []):
        i = reading.mention(code)
        slot = _BY_SLOT.get(mentions[i].kind, "amount")
        if slot not in slots:
            slots[slot] = [i]
    if shape == "by" and "to" not in slots and "from" in slots:
        # "grew by 0.3%, down from 0.2%": the pair is the two rates, and "down" its word
        adverb = _before_from(m.group(0), g["from"][0])
        if adverb is not None:
            others = [i for k, v in slots.items() if k not in ("from", "to") for i in v]
            by = others[0] if others else None
            if by is not None and mentions[by].kind == mentions[slots["from"][0]].kind:
                slots = {"from": slots["from"], "to": [by]}
                direction, word = _direction(adverb, v)
    if shape == "noun-by" and g.get("by") and g.get("d"):
        toks = m.group(0).split()
        if g["by"][0] in toks and g["d"][0] in toks:
            between = toks[toks.index(g["by"][0]) + 1 : toks.index(g["d"][0])]
            if any(w in _MODALS for w in between):
                return None
    if shape != "by" and "from" in slots and g.get("from") and _verb_at(m.group(0), g):
        adverb = _before_from(m.group(0), g["from"][0])
        if adverb is not None:
            # "was growing at about 7%, down from 9.5%": the verb gives the pace, "down" the
            # way the pace moved
            direction, word = _direction(adverb, v)
    if "from" in slots and g.get("to") and _at_then_from(m.group(0), g["to"][0], g["from"][0]):
        # "July was up 13.1 cents at 6.785 dlrs from 6.84 dlrs": in market reports the "from"
        # after a level "at" may be the session's high, not the change's base; not paired
        del slots["from"]
    if shape == "to-from" and "from" in slots and _compared_across(reading, m, g):
        # "The rig count fell to 758 last week, against 723 a year ago": the fall is on the
        # week before; the year-ago figure is another comparison
        del slots["from"]
    if len(g.get("d", [])) > 1 and shape in ("from-to", "to-from", "level-up"):
        by_dir, by_word = _direction(g["d"][1], v)  # ", a rise of 3%": the change's own word
    if "percent" in slots and _basis_after(cs.clause, m, g):
        # "rose to $167.4m from $147.5m, or one pct on a comparable store basis": the change
        # measured on another basis than the figures around it
        del slots["percent"]
    if not slots:
        return None
    f, t = slots.get("from"), slots.get("to")
    if f and t:
        codes = (_code(reading, cs.clause, f[0]), _code(reading, cs.clause, t[0]))
        _share_unit(cs.clause, codes, (mentions[f[0]], mentions[t[0]]))
    if f and t and not _comparable(mentions[f[0]], mentions[t[0]]):
        # "net of $2.8m or 9 cts a share, up from $301,000": which value pairs with which is
        # not said; a per-share figure never pairs with a total
        del slots["to"]
        if not any(k in slots for k in ("amount", "percent", "points", "fraction")):
            return None
    if shape == "level-up" and set(slots) == {"to"}:
        return None  # "£5bn, up sharply": nothing to check
    if set(slots) == {"to"} and direction is None:
        return None  # "went to 5": too little to say
    if shape == "comparison":
        word = m.group(0).split()[-2] if len(m.group(0).split()) > 1 else None
    start, end = cs.text_span(m.start(), m.end() - 1)
    tags = ["quote"] if _QUOTE.search(cs.clause) else []
    return Draft(
        kind=RelationKind.CHANGE,
        slots=slots,
        start=start,
        end=end,
        sentence=reading.index,
        shape=shape,
        direction=direction,
        word=word,
        by_direction=by_dir,
        by_word=by_word,
        extra={"tags": tags},
    )


def _comparable(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind or a.per != b.per:
        return False
    return a.unit == b.unit or a.kind not in (ClaimKind.MONEY, ClaimKind.QUANTITY)


_TAKES_UNIT = (ClaimKind.MONEY, ClaimKind.QUANTITY, ClaimKind.PERCENT, ClaimKind.COUNT)
_SCALES = (1e3, 1e6, 1e9, 1e12)
_NEAR = math.log(10.0)  # two ends of one change lie within a factor of ten


def _share_unit(clause: str, codes: tuple[str, str], ends: tuple[Mention, Mention]) -> None:
    """One unit for both ends of a change: "to 18 billion dlrs from 6 billion" is 6 billion
    dollars, "to 20,000 tonnes from 22,000" 22,000 tonnes.

    Reuters writes the unit once; the bare number (a count with no unit and no noun of its own
    after it) takes the other end's kind, unit and currency, and its scale word when read
    without it the two ends would be more than ten times apart ("to 3.1 mln from 2.9" is 2.9
    mln). "To 20,000 tonnes from 22,000 farms" counts another thing: left alone.
    """
    nouns = [_noun_after(clause, code) for code in codes]
    for (bare, full), (own, other) in (
        (ends, nouns),
        ((ends[1], ends[0]), (nouns[1], nouns[0])),
    ):
        if not _bare(bare) or own not in (None, other) or full.kind not in _TAKES_UNIT:
            continue
        if full.vague or (full.kind == ClaimKind.COUNT and full.unit is None and not full.scale):
            return  # two bare numbers: nothing to share
        if full.scale and not bare.scale and bare.value and full.value:
            ratio = abs(full.value / bare.value)
            if abs(math.log(ratio)) > _NEAR:
                k = min(_SCALES, key=lambda s: abs(math.log(ratio / s)))
                if abs(math.log(ratio / k)) > _NEAR:
                    return  # no scale word brings them together: not one measure
                _scaled(bare, k)
                bare.scale = full.scale
        bare.kind, bare.unit, bare.per = full.kind, full.unit, full.per
        bare.unit_alternatives, bare.dimension = full.unit_alternatives, full.dimension
        bare.currency_symbol = full.currency_symbol
        return


# words that may follow a figure without naming what it counts
_LINKS = frozenset(
    [
        "from",
        "to",
        "in",
        "at",
        "on",
        "by",
        "and",
        "or",
        "a",
        "an",
        "the",
        "this",
        "that",
        "last",
        "next",
        "for",
        "against",
        "versus",
        "vs",
        "earlier",
        "ago",
        "previously",
        "before",
    ]
)


def _code(reading: Reading, clause: str, i: int) -> str:
    """The skeleton token of mention ``i`` in a clause ("#c1"), or "" if it is not there."""
    for tok in clause.split(" "):
        if tok.startswith("#") and tok[2:].isdigit() and reading.mention(tok) == i:
            return tok
    return ""


def _noun_after(clause: str, code: str) -> str | None:
    """The word right after a figure in the skeleton, when it may name what the figure counts
    ("#c1 farms" → "farms"; "#c1 in 1985" → None)."""
    toks = clause.split(" ")
    if code not in toks:
        return None
    k = toks.index(code) + 1
    if k >= len(toks):
        return None
    word = toks[k].lstrip("+-~^").lower()
    if not word[:1].isalpha() or word in _LINKS:
        return None
    return word


def _bare(m: Mention) -> bool:
    """A plain number: a count with no unit, rate or vagueness."""
    return m.kind == ClaimKind.COUNT and m.unit is None and m.per is None and not m.vague


def _scaled(m: Mention, k: float) -> None:
    m.value *= k
    if m.low is not None:
        m.low *= k
    if m.high is not None:
        m.high *= k


def _basis_after(clause: str, m: re.Match[str], g: dict[str, list[str]]) -> bool:
    """Is the stated percent followed by another basis ("on a comparable store basis")?"""
    for code in g.get("by", []):
        if code.startswith("#p"):
            at = clause.find(code + " ", m.start())
            if at != -1 and _BASIS.match(clause, at + len(code) + 1):
                return True
    return False


def _at_then_from(matched: str, to_code: str, from_code: str) -> bool:
    """Is the level linked by a bare "at" and the base given after it ("at X from Y")?"""
    toks = matched.split()
    if to_code not in toks or from_code not in toks:
        return False
    t, f = toks.index(to_code), toks.index(from_code)
    if not (t > 0 and toks[t - 1] == "at" and f > t):
        return False
    # "up 8% at $950m, up from $800m": a base said to be one is one
    return not any(w in (",", "+up", "-down") for w in toks[t + 1 : f])


_SHORT_PERIODS = frozenset(["week", "weeks", "day", "days", "yesterday", "today", "overnight"])


def _compared_across(reading: Reading, m: re.Match[str], g: dict[str, list[str]]) -> bool:
    """Is the base a comparison ("against", "compared with", not "from") in a clause that
    dates the level to a week or a day? Such a change is on the period before, and the figure
    compared is of another period ("against 723 a year ago")."""
    toks = m.group(0).split()
    code = g["from"][0]
    if code not in toks or toks[toks.index(code) - 1] == "from":
        return False
    site = reading.sites.get(reading.mention(code))
    times = site.times if site is not None else ()
    return any(t in _SHORT_PERIODS for t in times)


def _verb_at(matched: str, g: dict[str, list[str]]) -> bool:
    """Is the word of change followed by "at" ("growing at 7%": a pace, not a move)?"""
    toks = matched.split()
    d = g.get("d", [""])[0]
    return d in toks and toks.index(d) + 1 < len(toks) and toks[toks.index(d) + 1] == "at"


def _before_from(matched: str, code: str) -> str | None:
    """The ``+up``/``-down`` right before "from <code>" in a match, if any."""
    toks = matched.split()
    for k in range(2, len(toks)):
        if toks[k] == code and toks[k - 1] == "from" and toks[k - 2] in ("+up", "-down"):
            return toks[k - 2]
    return None


def _gapped(
    reading: Reading, g: re.Match[str], prev: Draft, cs: ClauseSpans, mentions: Sequence[Mention]
) -> Iterator[Draft]:
    """ "…by $50bn and his own fortune by $5bn": a change of the same direction."""
    groups: dict[str, list[str]] = {}
    for name, value in g.groupdict().items():
        if value is not None:
            groups.setdefault(name.split("_", 1)[0], []).append(value)
    slots: dict[str, list[int]] = {}
    for code in groups.get("from", [])[:1]:
        slots["from"] = [reading.mention(code)]
    for code in groups.get("to", [])[:1]:
        slots["to"] = [reading.mention(code)]
    for code in groups.get("by", [])[:1]:
        i = reading.mention(code)
        slots[_BY_SLOT.get(mentions[i].kind, "amount")] = [i]
    if not slots or prev.direction is None:
        return
    start, end = cs.text_span(g.start(), g.end() - 1)
    yield Draft(
        kind=RelationKind.CHANGE,
        slots=slots,
        start=start,
        end=end,
        sentence=reading.index,
        shape="gapped",
        direction=prev.direction,
        word=prev.word,
    )


def _multiplier(
    reading: Reading, m: re.Match[str], cs: ClauseSpans, mentions: Sequence[Mention]
) -> Draft | None:
    g = _groups(m)
    factor = reading.mention(g["x"][0])
    slots: dict[str, list[int]] = {"factor": [factor]}
    for code in g.get("from", [])[:1]:
        slots["from"] = [reading.mention(code)]
    for code in g.get("to", [])[:1]:
        slots["to"] = [reading.mention(code)]
    if "from" in slots and "to" in slots:
        ends = (mentions[slots["from"][0]], mentions[slots["to"][0]])
        _share_unit(cs.clause, (g["from"][0], g["to"][0]), ends)
    start, end = cs.text_span(m.start(), m.end() - 1)
    value = mentions[factor].value
    return Draft(
        kind=RelationKind.MULTIPLIER,
        slots=slots,
        start=start,
        end=end,
        sentence=reading.index,
        shape="multiplier",
        direction=Direction.UP if value > 1 else Direction.DOWN,
        word=None,
    )

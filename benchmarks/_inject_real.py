"""Errors planted into real news: find a relation the checker reads and passes, alter its figures.

The real-corpus half of ``inject_errors.py``. A *site* is a relation in the JSON report of one
real article (``FileResult.relations``) whose sentence has no finding at warning or above; a
*mutation* alters the figures of that very sentence so that they contradict each other in the way
of one error family, and returns the edits. Every mutation here is a pure function of the
article's text, its report and a ``random.Random``; nothing reads the network or the corpus.

Families and what is altered (the checker's codes that count as a catch are in ``CODES``):

- conversion: the bracketed money figure, its scale word swapped (m ↔ bn) or its number ×1,000,
  or its number scaled by a wrong-rate factor (×2.5 or ×0.4);
- unit conversion: the bracketed quantity scaled by ×0.5, ×2 or ×3;
- direction: the rise/fall word swapped for its opposite, or the from and to figures swapped;
- percent change: the stated percent set to the true change + max(5, 60%) of it;
- growth: "doubled" → "tripled" (the next multiplier word clearly off the true ratio to/from);
- totals: one part raised so that the parts exceed the whole by a quarter of it (shares: over
  100% by 15 points);
- percent vs points: "N points" → "N%" ("N basis points" → "N/100 %") on a change whose level is
  a percentage;
- repeated figure: the later mention of a figure stated twice (same value) scaled ×1.3 or ×0.7.

Where the corpus has too few sites of a family, ``insert_sentence`` puts one of the synthetic
statements of ``inject_errors.py`` into a real article instead; those are counted apart.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from factcheck.models import Claim, FileResult, Finding, Relation
from factcheck.segment import Sentences

CODES: dict[str, frozenset[str]] = {
    "conversion": frozenset({"SCL001", "CUR001", "CUR002", "CUR003"}),
    "unit conversion": frozenset({"UNT001", "UNT002"}),
    "growth": frozenset({"GRW001", "GRW002"}),
    "direction": frozenset({"DIR001"}),
    "percent change": frozenset({"PCT001", "PCT002"}),
    "repeated figure": frozenset({"REP001"}),
    "percent vs points": frozenset({"PPT001", "PPT002", "PPT003"}),
    "totals": frozenset({"TOT001", "TOT002", "TOT003", "TOT004"}),
}
FAMILIES = tuple(CODES)

_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
_WORD_NUM = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.I)
_SCALE = re.compile(r"(?<=\d)(m|mn|bn)\b|\b(million|mln|billion|bln)\b", re.I)
_SCALE_SWAP = {
    "m": "bn",
    "mn": "bn",
    "bn": "m",
    "million": "billion",
    "mln": "billion",
    "billion": "million",
    "bln": "mln",
}
_POINTS_AFTER = re.compile(r"\s*(?:percentage |basis )?points?\b", re.I)
_ANTONYM = {
    "rose": "fell",
    "fell": "rose",
    "up": "down",
    "down": "up",
    "increased": "decreased",
    "decreased": "increased",
    "declined": "increased",
    "rise": "fall",
    "fall": "rise",
    "dropped": "rose",
    "raised": "lowered",
    "lowered": "raised",
    "cut": "raised",
    "reduced": "increased",
    "increase": "decrease",
    "decrease": "increase",
    "risen": "fallen",
    "fallen": "risen",
    "rising": "falling",
    "falling": "rising",
    "climbed": "fell",
    "jumped": "fell",
    "gained": "lost",
    "grew": "shrank",
    "advanced": "fell",
    "higher": "lower",
    "lower": "higher",
    "eased": "rose",
    "rises": "falls",
    "falls": "rises",
    "dipped": "rose",
    "plunged": "soared",
    "soared": "plunged",
    "raise": "lower",
    "reduce": "increase",
    "decline": "increase",
    "drop": "rise",
}
# after a determiner the word is a noun: "the government's cut in its top rate" → "rise"
_DETERMINER = re.compile(r"(?:\b(?:a|an|the|its|their|his|her|this|that)|'s)\s+$", re.I)
_NOUN_ANTONYM = {
    "cut": "rise",
    "rise": "fall",
    "fall": "rise",
    "increase": "decrease",
    "decrease": "increase",
    "decline": "rise",
    "drop": "rise",
    "raise": "cut",
}
# a figure the extractor took for an amount that is a clock time, a year or the end of a range
# ("after 1530 EST", "fiscal 1987", "the May 28-29 meeting"): altering it plants no error
_NOT_AMOUNT_AFTER = re.compile(r"\s*(?:EST|EDT|CST|CDT|PST|PDT|GMT|BST|hrs|hours)\b", re.I)
# multiplier words by form, with their factors (up only: a planted "halved" would be a direction
# error as much as a growth one)
_MULT_FORMS: tuple[dict[str, float], ...] = (
    {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4},
    {"doubling": 2, "tripling": 3, "trebling": 3, "quadrupling": 4},
    {"double": 2, "triple": 3, "treble": 3, "quadruple": 4},
    {f"{w}fold": float(i) for i, w in enumerate(_WORDS) if 2 <= i <= 10},
    {f"{w}-fold": float(i) for i, w in enumerate(_WORDS) if 2 <= i <= 10},
)
_MULT_CHOICE: tuple[dict[str, float], ...] = (
    {"doubled": 2, "tripled": 3, "quadrupled": 4},
    {"doubling": 2, "tripling": 3, "quadrupling": 4},
    {"double": 2, "triple": 3, "quadruple": 4},
    _MULT_FORMS[3],
    _MULT_FORMS[4],
)


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mutation:
    family: str
    variant: str  # "scale swapped", "word swapped", …
    edits: tuple[Edit, ...]
    note: str = ""  # for the triage: a conversion's currencies ("DEM USD")


@dataclass(frozen=True)
class Plant:
    family: str
    variant: str
    source: str  # "corpus" (a corpus sentence altered) or "inserted" (a sentence of ours)
    article: str
    text: str  # the whole altered article
    span: tuple[int, int]  # the altered sentence(s) in ``text``
    before: str
    after: str
    note: str = ""


# ---------------------------------------------------------------------------- figures in text


@dataclass(frozen=True)
class Figure:
    """The number written in a claim's text: where, its value, how it was written."""

    start: int  # offset in the claim text
    end: int
    value: float
    decimals: int
    commas: bool


def figure_of(text: str) -> Figure | None:
    """The first number of a claim's text ("about 1,250.5 mln" → 1250.5); a number word up to
    twenty counts ("six miles"). None for fractions ("1/16"), which are not scaled here."""
    if "/" in text:
        return None
    m = _NUM.search(text)
    if m is not None:
        raw = m.group()
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        return Figure(m.start(), m.end(), float(raw.replace(",", "")), decimals, "," in raw)
    w = _WORD_NUM.search(text)
    if w is not None:
        return Figure(w.start(), w.end(), float(_WORDS.index(w.group().lower())), 0, False)
    return None


def write_number(value: float, decimals: int, commas: bool) -> str:
    text = f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"
    return text


def rescaled(text: str, factor: float, min_change: float = 0.15) -> str | None:
    """``text`` with its number × ``factor``, written as the original was (decimals, commas);
    None when no number or when rounding leaves the figure within ``min_change`` of itself."""
    fig = figure_of(text)
    if fig is None or fig.value == 0:
        return None
    return _with_value(text, fig, fig.value * factor, min_change)


def _with_value(text: str, fig: Figure, value: float, min_change: float = 0.15) -> str | None:
    if not text[fig.start].isdigit() and round(value) < len(_WORDS) and round(value) != fig.value:
        word = _WORDS[round(value)]  # "three were in Florida" → "five were in Florida"
        if text[fig.start].isupper():
            word = word.capitalize()
        if min_change == 0 or abs(round(value) / fig.value - 1) >= min_change:
            return text[: fig.start] + word + text[fig.end :]
    decimals = fig.decimals
    written = write_number(value, decimals, fig.commas or value >= 10_000)
    while float(written.replace(",", "")) == 0 or (
        fig.value and abs(float(written.replace(",", "")) / fig.value - 1) < min_change
    ):
        if decimals >= 3:
            return None
        decimals += 1
        written = write_number(value, decimals, fig.commas)
    return text[: fig.start] + written + text[fig.end :]


def with_value(text: str, value: float) -> str | None:
    """``text`` with its number replaced by ``value`` (same decimals and commas)."""
    fig = figure_of(text)
    if fig is None:
        return None
    return _with_value(text, fig, value, 0.0)


# ---------------------------------------------------------------------------- sites


class Article:
    """One real article's text and report, indexed for the mutations."""

    def __init__(self, ident: str, text: str, result: FileResult) -> None:
        self.id = ident
        self.text = text
        self.result = result
        self.claims: dict[str, Claim] = {c.id: c for c in result.claims}
        self.sentences = Sentences(text)
        self.blocked: set[int] = set()  # sentences touched by a finding at warning or above
        for f in result.findings:
            if f.severity.value in ("warning", "error"):
                for span in _spans(f):
                    self.blocked.update(self._sentences_of(span))
        self.pct_word = " pct" if re.search(r"\d pct\b", text, re.I) else "%"

    def _sentences_of(self, span: tuple[int, int]) -> range:
        return range(
            self.sentences.index(span[0]), self.sentences.index(max(span[1] - 1, span[0])) + 1
        )

    def slot(self, rel: Relation, name: str) -> list[Claim]:
        return [self.claims[i] for i in rel.slots.get(name, [])]

    def one(self, rel: Relation, name: str) -> Claim | None:
        got = self.slot(rel, name)
        return got[0] if len(got) == 1 else None

    def clean(self, rel: Relation) -> bool:
        """No finding at warning or above in the relation's sentences."""
        spans = [
            rel.span,
            *(
                (c.start, c.end)
                for ids in rel.slots.values()
                for c in (self.claims[i] for i in ids)
            ),
        ]
        return not any(s in self.blocked for span in spans for s in self._sentences_of(span))


def _spans(f: Finding) -> Iterator[tuple[int, int]]:
    yield f.span
    for r in f.related:
        yield r.span


def _plain(c: Claim | None) -> bool:
    """A single figure written with a number (no range, no vague amount)."""
    return (
        c is not None
        and c.low is None
        and c.high is None
        and not c.vague
        and (figure_of(c.text) is not None)
    )


def _amount(art: Article, c: Claim) -> bool:
    """Not a clock time, a year or the end of a range misread as an amount (see the report)."""
    if _NOT_AMOUNT_AFTER.match(art.text, c.end) or art.text[c.start - 1 : c.start] in "-/":
        return False
    return not (c.kind.value == "count" and 1900 <= c.value <= 2100 and "," not in c.text)


def _replace(c: Claim, new: str | None) -> Edit | None:
    return None if new is None or new == c.text else Edit(c.start, c.end, new)


def family_of(art: Article, rel: Relation) -> str | None:
    """The family a relation can host a planted error of, if any."""
    kind = rel.kind.value
    if kind == "conversion":
        c = art.one(rel, "converted")
        return (
            None
            if c is None
            else {"money": "conversion", "quantity": "unit conversion"}.get(c.kind.value)
        )
    if kind == "multiplier":
        return "growth" if {"factor", "from", "to"} <= set(rel.slots) else None
    if kind in ("parts", "share", "shares"):
        return "totals"
    if kind == "restatement":
        return "repeated figure"
    if kind == "change":
        if "points" in rel.slots:
            return "percent vs points"
        if "percent" in rel.slots:
            return "percent change"
        if rel.direction is not None and {"from", "to"} <= set(rel.slots):
            return "direction"
    return None


def sites(art: Article) -> Iterator[tuple[str, Relation]]:
    """(family, relation) for each relation of the article a family's mutation may apply to.

    A change with a percent and from/to can host either a percent-change or a direction error:
    it is offered to both."""
    for rel in art.result.relations:
        fam = family_of(art, rel)
        if fam is None or not art.clean(rel):
            continue
        yield fam, rel
        if (
            fam == "percent change"
            and rel.direction is not None
            and {"from", "to"} <= set(rel.slots)
        ):
            yield "direction", rel


# ---------------------------------------------------------------------------- mutations


def mutate_conversion(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    orig, conv = art.one(rel, "original"), art.one(rel, "converted")
    if not (_plain(orig) and _plain(conv)) or orig is None or conv is None:
        return None
    if conv.kind.value == "quantity":
        factor = rng.choice([0.5, 2.0, 3.0])
        edit = _replace(conv, rescaled(conv.text, factor))
        return None if edit is None else Mutation("unit conversion", f"factor ×{factor:g}", (edit,))
    if rng.random() < 0.5:
        m = _SCALE.search(conv.text)
        if m is not None:
            word = m.group()
            new = _SCALE_SWAP[word.lower()]
            new = new.upper() if word.isupper() else new
            variant, text = (
                "scale word swapped",
                conv.text[: m.start()] + new + conv.text[m.end() :],
            )
        else:
            variant, text = "×1,000", rescaled(conv.text, 1000.0)  # type: ignore[assignment]
    else:
        factor = rng.choice([2.5, 0.4])
        variant, text = f"wrong rate ×{factor:g}", rescaled(conv.text, factor)  # type: ignore[assignment]
    edit = _replace(conv, text)
    note = f"{orig.unit} {conv.unit}"
    return None if edit is None else Mutation("conversion", variant, (edit,), note)


def _word_edit(art: Article, rel: Relation) -> Edit | None:
    if rel.word is None or rel.word.lower() not in _ANTONYM:
        return None
    lo, hi = rel.span
    s0, s1 = art.sentences.bounds(art.sentences.index(lo))
    for a, b in ((lo, hi), (s0, s1)):
        m = re.search(rf"\b{re.escape(rel.word)}\b", art.text[a:b], re.I)
        if m is not None:
            word = m.group()
            noun = _DETERMINER.search(art.text[max(0, a + m.start() - 12) : a + m.start()])
            new = (_NOUN_ANTONYM if noun else _ANTONYM).get(word.lower(), _ANTONYM[word.lower()])
            new = new.capitalize() if word[0].isupper() else new
            return Edit(a + m.start(), a + m.end(), new)
    return None


def mutate_direction(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    f, t = art.one(rel, "from"), art.one(rel, "to")
    if f is None or t is None or rel.direction is None:
        return None
    if abs(t.value - f.value) <= 0.03 * max(abs(f.value), abs(t.value)):
        return None  # "unchanged at": no direction to contradict
    if (t.value > f.value) != (rel.direction.value == "up"):
        return None  # the sentence already says the opposite of its figures: misread, or a quote
    word = _word_edit(art, rel)
    if word is not None and rng.random() < 0.5:
        return Mutation("direction", "word swapped", (word,))
    if f.text == t.text or f.hedge or t.hedge:
        return None  # a hedge would move with its figure ("to around 20,000 from 22,000")
    if bool(_SCALE.search(f.text)) != bool(_SCALE.search(t.text)):
        return None  # "to six mln from 60 mln" read as "six" and "60 mln": a swap would garble it
    return Mutation(
        "direction", "from/to swapped", (Edit(f.start, f.end, t.text), Edit(t.start, t.end, f.text))
    )


def _levels(art: Article, rel: Relation) -> tuple[float, float] | None:
    """(from, to) of a change, from the from/to slots or one of them and the amount."""
    f, t, a = art.one(rel, "from"), art.one(rel, "to"), art.one(rel, "amount")
    up = rel.direction is not None and rel.direction.value == "up"
    down = rel.direction is not None and rel.direction.value == "down"
    if f is not None and t is not None:
        if f.unit != t.unit or f.kind.value in ("percent", "percentage_point"):
            return None
        return f.value, t.value
    if a is not None and t is not None and (up or down) and a.unit == t.unit:
        return (t.value - a.value if up else t.value + a.value), t.value
    if a is not None and f is not None and (up or down) and a.unit == f.unit:
        return f.value, (f.value + a.value if up else f.value - a.value)
    return None


def mutate_percent_change(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    p = art.one(rel, "percent")
    levels = _levels(art, rel)
    if not _plain(p) or p is None or levels is None or levels[0] <= 0:
        return None
    true = abs(levels[1] - levels[0]) / levels[0] * 100
    if true == 0 or abs(p.value - true) > max(1.0, 0.15 * true):
        return None  # the written percent does not fit its figures already: misread, or a quote
    edit = _replace(p, with_value(p.text, true + max(5.0, 0.6 * true)))
    return None if edit is None else Mutation("percent change", "percent off", (edit,))


def _mult_edit(c: Claim, true: float) -> Edit | None:
    low = c.text.lower()
    for forms, choice in zip(_MULT_FORMS, _MULT_CHOICE, strict=True):
        for word in sorted(forms, key=len, reverse=True):
            i = low.find(word)
            if i == -1:
                continue
            over = [w for w, f in sorted(choice.items(), key=lambda x: x[1]) if f > true * 1.35]
            under = [w for w, f in sorted(choice.items(), key=lambda x: x[1]) if f < true / 1.35]
            pick = over[0] if over else under[-1] if under else None
            if pick is None:
                return None
            written = pick.capitalize() if c.text[i].isupper() else pick
            return Edit(c.start + i, c.start + i + len(word), written)
    return None


def mutate_growth(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    x, f, t = art.one(rel, "factor"), art.one(rel, "from"), art.one(rel, "to")
    if x is None or f is None or t is None or f.value <= 0 or t.value <= f.value:
        return None
    if not x.value / 1.35 <= t.value / f.value <= x.value * 1.6:
        return None  # the multiplier does not fit its figures already
    edit = _mult_edit(x, t.value / f.value)
    return None if edit is None else Mutation("growth", "multiplier word", (edit,))


def mutate_totals(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    kind = rel.kind.value
    if kind == "shares":
        shares = [c for c in art.slot(rel, "shares") if _plain(c)]
        if len(shares) < 2 or len(shares) != len(rel.slots["shares"]):
            return None
        c = rng.choice(shares)
        total = sum(s.value for s in shares)
        edit = _replace(c, with_value(c.text, c.value + (100 - total) + 15))
        return None if edit is None else Mutation("totals", "shares over 100%", (edit,))
    if kind == "share":
        part, whole = art.one(rel, "part"), art.one(rel, "whole")
        parts = [part] if part is not None else []
    else:
        parts, whole = art.slot(rel, "parts"), art.one(rel, "whole")
    if not parts or whole is None or not _plain(whole) or whole.value <= 0:
        return None
    if any(p.kind != whole.kind or p.unit != whole.unit for p in parts):
        return None
    usable = [p for p in parts if _plain(p) and p.value > 0]
    if not usable:
        return None
    c = rng.choice(usable)
    total = sum(p.value for p in parts)
    new = c.value + (whole.value - total) + 0.25 * whole.value
    if new <= c.value * 1.05:
        return None
    edit = _replace(c, rescaled(c.text, new / c.value, 0.0))
    return None if edit is None else Mutation("totals", "parts exceed whole", (edit,))


def mutate_points(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    p = art.one(rel, "points")
    levels = [*art.slot(rel, "from"), *art.slot(rel, "to")]
    if not _plain(p) or p is None or not any(c.kind.value == "percent" for c in levels):
        return None
    fig = figure_of(p.text)
    assert fig is not None
    end = p.end
    after = _POINTS_AFTER.match(art.text, end)
    if not re.search(r"points?\b", p.text, re.I):
        if after is None:
            return None
        end = after.end()
    basis = p.unit == "basis_point"
    value = fig.value / 100 if basis else fig.value
    written = f"{value:g}{art.pct_word}"
    given = "from and to given" if art.slot(rel, "from") and art.slot(rel, "to") else "level given"
    variant = f"{'basis points' if basis else 'points'} → % ({given})"
    return Mutation("percent vs points", variant, (Edit(p.start + fig.start, end, written),))


def mutate_repeated(art: Article, rel: Relation, rng: random.Random) -> Mutation | None:
    first, again = art.one(rel, "first"), art.one(rel, "again")
    if not (_plain(first) and _plain(again)) or first is None or again is None:
        return None
    if first.value <= 0 or abs(again.value / first.value - 1) > 0.05:
        return None  # the reader paired two different figures: not a restatement to break
    if not (_amount(art, first) and _amount(art, again)):
        return None
    factor = rng.choice([1.3, 0.7])
    edit = _replace(again, rescaled(again.text, factor))
    return None if edit is None else Mutation("repeated figure", f"recap ×{factor:g}", (edit,))


MUTATORS: dict[str, Callable[[Article, Relation, random.Random], Mutation | None]] = {
    "conversion": mutate_conversion,
    "unit conversion": mutate_conversion,
    "growth": mutate_growth,
    "direction": mutate_direction,
    "percent change": mutate_percent_change,
    "repeated figure": mutate_repeated,
    "percent vs points": mutate_points,
    "totals": mutate_totals,
}


def apply(art: Article, m: Mutation) -> tuple[str, tuple[int, int], str, str]:
    """(altered text, altered sentences' span in it, sentence(s) before, after)."""
    edits = sorted(m.edits, key=lambda e: e.start)
    lo = art.sentences.bounds(art.sentences.index(edits[0].start))[0]
    hi = art.sentences.bounds(art.sentences.index(max(edits[-1].end - 1, edits[-1].start)))[1]
    text = art.text
    for e in reversed(edits):
        text = text[: e.start] + e.text + text[e.end :]
    delta = sum(len(e.text) - (e.end - e.start) for e in edits)
    return text, (lo, hi + delta), _norm(art.text[lo:hi]), _norm(text[lo : hi + delta])


def plant(art: Article, family: str, rel: Relation, rng: random.Random) -> Plant | None:
    m = MUTATORS[family](art, rel, rng)
    if m is None or m.family != family:
        return None
    text, span, before, after = apply(art, m)
    return Plant(family, m.variant, "corpus", art.id, text, span, before, after, m.note)


def insert_sentence(text: str, sentence: str, rng: random.Random) -> tuple[str, tuple[int, int]]:
    """``sentence`` put between two sentences of ``text`` (never first); its span in the result."""
    starts = [s for s in Sentences(text).starts if s > 0]
    at = rng.choice(starts) if starts else len(text)
    piece = sentence + " " if starts else " " + sentence
    lead = 0 if starts else 1
    return text[:at] + piece + text[at:], (at + lead, at + lead + len(sentence))


def caught(findings: list[Finding], family: str, span: tuple[int, int]) -> bool:
    """A finding of the family's codes touching the altered sentence."""
    return any(f.code in CODES[family] and _touches(f, span) for f in findings)


def codes_near(findings: list[Finding], span: tuple[int, int]) -> list[str]:
    return sorted({f.code for f in findings if _touches(f, span)})


def _touches(f: Finding, span: tuple[int, int]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in _spans(f))


def _norm(text: str) -> str:
    return " ".join(text.split())

"""Restatements: one figure given twice, in two sentences — "The fund raised $11.8bn … the
$11.8bn it raised"; "slashed the social network's value by $50bn … lopping about $46bn off the
company's market value".

Two mentions are the same figure only when they share a *referent key* — the kind and unit, what
is measured, whether it is a level or a change (and which way), its period — and the text ties
them together more than it tells them apart. What ties them (each adds to a score; two mentions
with a score of at least 2 are a restatement):

- the later one is a recap: a definite or possessive word before it and a noun or a relative
  clause after it ("the $9bn it raised", "the 27% figure", "its 2.1 billion users") — 2;
- both belong to the same named owner ("Apple's revenue", "Apple … revenue of") — 2;
- an owner that points back ("its", "the company's") on one, with no other named owner — 1;
- the same measure phrase — 1; only the same synonym group — 0.5;
- the same verb before both ("raised … raised") — 1;
- both are changes the same way ("fell 8%… a fall of 8%") — 1.

What tells them apart (any one is enough): different named owners, periods, years or places;
a word saying the second is another instance ("a further", "another", "more", "each", "all",
"only"); either one in a comparison ("than", "vs", a before value) or in a list of three or more
figures of its kind (box scores, rankings, tables); the later one being the sum of others
("Amicus has 1.2m members and the TGWU 800,000 … two million members").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factcheck.extractors.mention import Mention
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind, Direction, RelationKind, Role
from factcheck.relations.draft import Draft
from factcheck.relations.sentence import FigureSite

_KINDS = (ClaimKind.MONEY, ClaimKind.COUNT, ClaimKind.PERCENT)
_RECAP_LEADS = frozenset(["the", "its", "their", "this", "that", "these", "those", "his", "her"])
_POSSESSIVE = frozenset(["its", "their", "his", "her", "our"])
_QUANTIFIERS = frozenset(["all", "only", "just", "each", "every", "per", "some", "any", "both"])
_AFTER_INSTANCE = frozenset(["more", "alone", "each", "apiece", "extra", "apiece", "less", "fewer"])
_RELATIVE = frozenset(["it", "they", "he", "she", "we", "which", "that", "who", "the"])
# "how many of the 2,200 workers", "most of the 500 jobs": the whole a part is taken from
_PARTITIVE = frozenset(
    ["many", "much", "most", "some", "half", "all", "none", "few", "several", "majority",
     "part", "share", "proportion", "rest", "remainder", "bulk", "third", "quarter"]
)  # fmt: skip
_PARTITIVE_NUMBER = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundreds?|thousands?|millions?|dozens?))\s+of\s+the\s+$",
    re.I,
)
_FORECAST = frozenset(
    ["expected", "expects", "expect", "expecting", "forecast", "forecasts", "forecasting",
     "predicted", "predicts", "predict", "projected", "projects", "targets", "targeted", "aims",
     "aiming", "estimated", "budgeted"]
)  # fmt: skip
_FORECAST_NOUNS = frozenset(
    ["forecast", "forecasts", "target", "targets", "estimate", "estimates", "projection",
     "projections", "prediction", "predictions", "goal", "budget"]
)  # fmt: skip
_RECORD_SINCE = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|best|worst|most|least|fastest|slowest"
    r"|strongest|weakest|first|sharpest|steepest)\b(?:\s+[a-z]+){0,3}\s+(?:since|in)\s+"
    r"(?:at\s+least\s+)?((?:18|19|20)\d\d)\b",
    re.I,
)
_YEAR_ON_YEAR = re.compile(
    r"\b(?:year-(?:ago|earlier|on-year)|a year (?:ago|earlier|before)|on the year)\b", re.I
)
_PARTICIPLE_LINKS = frozenset(["to", "by", "in", "at", "for", "from", "on", "under", "abroad"])
_IRREGULAR_PARTICIPLES = frozenset(
    ["sold", "held", "owned", "paid", "made", "built", "bought", "given", "taken", "kept", "left",
     "lent", "spent", "sent", "shipped", "won", "lost", "set", "put", "cut", "brought", "grown"]
)  # fmt: skip
_CHANGE_OBJECT = frozenset(["in", "of", "for", "on", "among"])
_GENERIC_RECAPS = frozenset(["figure", "figures", "sum", "amount", "total", "number", "tally"])
_FUNCTION = frozenset(
    ["the", "a", "an", "of", "to", "by", "in", "on", "at", "for", "from", "with", "and", "or",
     "is", "was", "were", "are", "be", "been", "has", "have", "had", "its", "their", "his",
     "her", "about", "some", "around", "nearly", "almost", "than", "over", "under", "up", "down"]
)  # fmt: skip
SMALL_COUNT = 12  # counts this small restated differently are nearly always subsets
_OTHER = frozenset(
    ["other", "another", "remaining", "further", "additional", "separate", "addition", "besides"]
)
_LOWER_BOUNDS = frozenset(["above", "at_least"])
_UPPER_BOUNDS = frozenset(["below", "at_most"])
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][a-z’'-]*")
MIN_SCORE = 2.0


@dataclass(slots=True)
class _Ref:
    index: int
    mention: Mention
    site: FigureSite
    measure: str  # synonym group or phrase; "*" for a generic recap ("the 27% figure")
    phrase: str
    entity: str | None  # who: a possessive owner or the clause subject
    named: bool  # the entity names someone (not "its", "the company")
    recap: bool
    relative: str | None  # the verb of "the $9bn it raised"
    level: str  # "level" or "change-up" / "change-down"
    years: frozenset[str]
    times: frozenset[str]
    places: frozenset[str]
    barred: bool  # another instance, a quantifier, a comparison, a list item
    another: bool  # "a £20m loan": a new instance, never the restatement of an earlier one
    yoy: bool = False  # a change on a year before ("up 8.2bn from the year-ago level")
    place_near: bool = False  # a place just after it ("its 80 pct interest in Standard")
    title: bool = False  # in a headline ("Council to cut 1,200 jobs"), which drops dates


class RestatementReader:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.generic = lex.generic_owners
        self.instance = lex.instance_markers
        self.recap_nouns = frozenset(lex.relations.recaps.nouns)
        self.label_nouns = lex.label_nouns
        self.modifiers = frozenset(lex.relations.recaps.modifiers)
        self.unit_words = frozenset(
            [*(w.lower() for w in lex.units), *lex.currency_words, *lex.currency_subunits,
             *(w.lower() for w in lex.scales), *lex.relations.recaps.units]
        )  # fmt: skip

    def read(
        self, text: str, mentions: Sequence[Mention], sites: dict[int, FigureSite]
    ) -> Iterator[Draft]:
        refs: dict[tuple[object, ...], list[_Ref]] = {}
        common: set[str] | None = None
        for i, m in enumerate(mentions):
            if m.kind not in _KINDS or m.converts_index is not None or i not in sites:
                continue
            if m.role == Role.FROM:
                continue  # a before value is a comparison, not a statement of the figure
            site = sites[i]
            if site.subject_initial and site.subject is not None:
                if common is None:
                    common = set(_LOWER_WORD.findall(text))
                if site.subject.split()[0] in common:
                    site.subject = None  # "Sales rose …": a capital for the sentence only
            ref = self._ref(i, m, site)
            if ref is None:
                continue
            if _PARTITIVE_NUMBER.search(text, max(0, m.start - 40), m.start):
                ref.barred = True  # "Nine of the 35 billion schillings": the whole of a part
            ref.title = _in_title(text, m.start, m.end)
            if ref.years:
                # "64.2%, the highest since 1997": a record's year, not the figure's
                ref.years = ref.years - {
                    y.group(1) for y in _RECORD_SINCE.finditer(text, m.end, m.end + 80)
                }
            if ref.places:
                near = text[m.end : m.end + 40].lower()
                ref.place_near = any(p in near for p in ref.places)
            if ref.level != "level":
                rest = text[m.end : m.end + 80]
                stop = rest.find(". ")
                ref.yoy = bool(_YEAR_ON_YEAR.search(rest if stop < 0 else rest[:stop]))
            key = (m.kind, m.unit, m.per, ref.level)
            refs.setdefault(key, []).append(ref)
        for same in refs.values():
            if len(same) < 2:
                continue
            yield from self._pairs(same, mentions, _series(same))

    def _ref(self, i: int, m: Mention, site: FigureSite) -> _Ref | None:
        lex = self.lex
        before, after = site.before, site.after
        recap = (bool(before) and before[-1] in _RECAP_LEADS) or (
            len(before) >= 2 and before[-2] in _RECAP_LEADS and before[-1] not in _FUNCTION
        )
        if recap:
            nxt = after[0].lstrip("^+-~") if after else ""
            recap = (
                nxt.isalpha()
                and (nxt in _RELATIVE or (nxt not in _FUNCTION and nxt not in lex.not_measures))
            ) or nxt in self.recap_nouns
        if m.kind == ClaimKind.COUNT and abs(m.value) <= SMALL_COUNT:
            return None  # "the two Japanese firms", "four of the five institutes": subsets
        phrase = (m.measure or "").lower()
        if (
            phrase
            and phrase.split()[0] in self.label_nouns
            and not (recap and phrase in _GENERIC_RECAPS)
        ):
            return None  # "the 300 series", "model 60": labels, not amounts ("the 27% figure" is)
        change_recap = None
        if recap and not phrase and after and after[0][:2] in ("^+", "^-"):
            # "the 3.4% rise", "the $2bn cut": a change named by its noun refers back to a
            # change the same way (unless the noun has its own object: "the 3.4% rise in wages")
            change_recap = Direction.UP if after[0][1] == "+" else Direction.DOWN
            if len(after) >= 2 and after[1] in _CHANGE_OBJECT:
                # "the 21% rise in sales": a change of what its noun names
                nxt = after[2].lstrip("^+-~") if len(after) >= 3 else ""
                if not nxt.isalpha() or nxt in lex.not_measures:
                    change_recap = None
                else:
                    phrase = nxt
        if phrase and phrase.split()[0] in self.unit_words:
            phrase = ""  # "376 mln stg", "2.2 mln bpd": a unit, not what is measured
        relative = None
        if recap and not phrase and len(after) >= 2 and after[0] in _RELATIVE:
            relative = after[1]  # "the $9bn it raised": refers back to a figure it "raised"
        if change_recap is not None and phrase:
            measure = lex.measure_group(phrase) or phrase
        elif recap and (
            phrase in _GENERIC_RECAPS or relative or phrase in self.recap_nouns or change_recap
        ):
            if not phrase or phrase in _GENERIC_RECAPS:
                measure = "*"
            else:
                measure = lex.measure_group(phrase) or phrase
        elif phrase:
            measure = lex.measure_group(phrase) or phrase
        else:
            return None
        owner = m.owner
        if owner is None and before and before[-1].endswith(("'s", "’s")) and len(before[-1]) > 2:
            owner = before[-1][:-2]  # "Brazil's 111 billion dlr debt"
        entity = owner or site.subject
        if entity and not owner and (entity == phrase or lex.measure_group(entity) == measure):
            entity = None  # "Unemployment stands at 5.2%": the measure opens its sentence
        if owner in _POSSESSIVE:
            # "OSR … sell its 80 pct interest": OSR's; "Toyota said its exports fell": Toyota's
            if site.subject and not site.subject_generic:
                entity = site.subject
            elif site.speaker:
                entity = site.speaker
        named = (
            bool(entity)
            and entity not in self.generic
            and entity not in _POSSESSIVE
            and not (entity == site.subject and site.subject_generic)
        )
        if change_recap is not None:
            level = f"change-{change_recap.value}"
        elif m.role == Role.CHANGE and m.direction is not None:
            level = f"change-{m.direction.value}"
        elif m.role == Role.CHANGE:
            return None
        else:
            level = "level"
        words = set(before[-3:]) | set(after[:2])
        barred = (
            bool(words & self.instance)
            or bool(set(site.clause_before) & _OTHER)
            or bool(set(before[-2:]) & _QUANTIFIERS)
            or (before[-2:] == ("of", "the") and len(before) >= 3 and before[-3] in _PARTITIVE)
            or bool(set(after[:1]) & _AFTER_INSTANCE)
            or site.comparison
            or site.in_list
            or m.vague
        )
        years = frozenset(w for w in site.times if w.isdigit())
        if m.anchor_year:
            years |= {str(m.anchor_year)}
        # "a 20 mln dlr loan" after "a 40 mln dlr loan": another one (but the first "a £47bn
        # deal" is what "the £43bn deal" refers back to)
        another = bool(before) and before[-1] in ("a", "an", "another")
        return _Ref(
            index=i,
            relative=relative,
            mention=m,
            site=site,
            measure=measure,
            phrase=phrase,
            entity=entity,
            named=named,
            recap=recap,
            level=level,
            years=years,
            times=frozenset(w for w in site.times if not w.isdigit()),
            places=frozenset(site.places),
            barred=barred,
            another=another,
        )

    def _pairs(
        self, refs: list[_Ref], mentions: Sequence[Mention], series: set[str]
    ) -> Iterator[Draft]:
        for j, b in enumerate(refs):
            if b.mention.role == Role.TO:
                continue  # "lower its stake to 19.9%": a new level, not the earlier one again
            if b.barred or b.another or (b.measure in series and not b.recap):
                continue  # a series (a breakdown, a table): only a recap refers back
            best: tuple[float, _Ref] | None = None
            scored = [
                (a, self._score(a, b))
                for a in reversed(refs[max(0, j - 20) : j])
                if not (a.barred or a.mention.sentence == b.mention.sentence or a.measure == "*")
            ]
            open_ = [a for a, score in scored if score is not None]
            for a, score in scored:
                if (
                    score is not None
                    and b.recap
                    and len(open_) == 1
                    and a.phrase != b.phrase
                    and b.site.before[-1:] == ("the",)
                ):
                    score += 0.5  # "the $4.5bn acquisition" and the one deal before it
                if score is None or score < MIN_SCORE:
                    continue
                if _agrees(a.mention, b.mention):
                    score += 10  # a figure restated as given: that is the one it restates
                if (
                    best is None
                    or score > best[0]
                    or (score == best[0] and _nearer(b.mention, a.mention, best[1].mention))
                ):
                    best = (score, a)  # a tie: "the $52m loan" after "a $40m … a $20m loan"
            if best is None:
                continue
            a = best[1]
            if _is_sum(b, refs, mentions):
                continue
            yield Draft(
                kind=RelationKind.RESTATEMENT,
                slots={"first": [a.index], "again": [b.index]},
                start=b.mention.start,
                end=b.mention.end,
                sentence=b.mention.sentence,
                shape="recap" if b.recap else "same-referent",
                extra={"score": best[0]},
            )

    def _qualifier(self, r: _Ref) -> str | None:
        """The word before a measure written ahead of its figure: "personal" of "personal
        incomes rose by $15.6bn", "farmers" of "farmers' incomes rose …"."""
        before, head = r.site.clause_before, r.phrase.split()[:1]
        if not head or head[0] not in before:
            return None
        k = len(before) - 1 - before[::-1].index(head[0])
        if k == 0:
            return None
        word = before[k - 1].lstrip("^+-~").removesuffix("'s").removesuffix("’s").rstrip("'’")
        if not word.isalpha() or word in self.lex.not_measures or word in _RECAP_LEADS:
            return None
        lead = before[k - 2] if k >= 2 else ","
        if lead.isalpha() and lead not in self.lex.not_measures:
            return None  # "Amazon reported net income": a verb, not a qualifier
        return word

    def _score(self, a: _Ref, b: _Ref) -> float | None:
        """How strongly the text ties ``b`` back to ``a``; ``None`` when it tells them apart."""
        if b.measure != "*" and a.measure != b.measure:
            return None
        if b.measure == "*" and b.relative and b.relative not in (a.site.verb, a.site.verb_after):
            return None  # "the $9bn it raised" refers to a figure raised
        if a.named and b.named and a.entity != b.entity:
            return None
        if a.years and b.years and a.years != b.years:
            return None
        if a.times and b.times and a.times != b.times:
            return None
        if a.places and b.places and a.places != b.places:
            return None
        if bool(a.places) != bool(b.places) and (b.place_near or not b.recap):
            # "12.6m shares in the U.S." is part of the 15.8m offered; a recap may drop the
            # place, but one that adds it ("its 80 pct interest in Standard") is another figure
            return None
        if b.recap and b.mention.owner is None and b.site.before[-1:] == ("the",):
            pass  # "Managers blamed the £48m debt": a recap's subject need not own the figure
        elif b.named and not a.named and not _mentions(a, b.entity or ""):
            return None  # "its 37 seats" (the Centre Party's) after "they hold 57 seats"
        if _forecast(a) != _forecast(b):
            return None  # "he expected a March deficit of around 900 mln": a forecast, not it
        if a.level != "level" and a.yoy != b.yoy:
            return None  # a rise on the month and a rise "from the year-ago level"
        qa, qb = self._qualifier(a), self._qualifier(b)
        if qa and qb and qa != qb:
            return None  # "farmers' incomes" and "personal incomes": two measures
        if not b.recap and _nouns_differ(a, b):
            return None  # "the parks had profit of $48.6m" and "the clubs unit posted $60.4m"
        if _bounds_alike(a.mention, b.mention):
            return None  # "over 10%" and "more than 5%": two lower bounds agree
        if _part_phrase(a.phrase, b.phrase) or _modifiers_differ(a, b, self.modifiers):
            return None  # "foreign bank debt" within "foreign debt"; "pretax" vs "net" earnings
        if b.recap and _participle(b) not in (None, _participle(a)):
            return None  # "the 15.5 mln bags sold to members" after "exports of 17 mln bags"
        if b.recap and _lead_adjective(b) not in (None, _lead_adjective(a)):
            return None  # "the 6.0 cent limit", then "the expanded 9.0 cent limit": another one
        if not (b.recap or a.title or b.title) and (
            bool(a.years) != bool(b.years) or bool(a.times) != bool(b.times)
        ):
            return None  # one dated, the other not: a recap may drop the date, a statement not
        score = 0.0
        if b.recap:
            # a recap of the same phrase ("the 40 mln dlr loan"), or of a generic noun ("the
            # 27% figure", "the $9bn it raised"); one of a related noun says less
            score += 2 if b.measure == "*" or a.phrase == b.phrase else 1
        if a.named and b.named:
            score += 2
        elif (a.entity or b.entity) and not (a.named and b.named):
            points = 0.0
            for r in (a, b):
                if r.entity and not r.named:
                    # an owner that points back ("its value", "the company's value") says more
                    # than a generic subject ("the company said …")
                    points = max(points, 1.0 if r.entity == r.mention.owner else 0.5)
            score += points
        if a.phrase and a.phrase == b.phrase:
            score += 1
        elif b.measure != "*":
            score += 0.5
        if (a.site.verb and a.site.verb == b.site.verb and a.site.verb not in _FUNCTION) or (
            a.site.verb_after and a.site.verb_after == b.site.verb_after
        ):
            score += 1
        if (a.years and a.years == b.years) or (a.times and a.times == b.times):
            score += 1  # the same period, stated both times
        if a.level != "level" and a.level == b.level:
            score += 1
        return score


def _participle(r: _Ref) -> str | None:
    """ "bags sold to members", "shares held by insiders": a participle that narrows the noun."""
    after = r.site.after
    if len(after) >= 3 and after[2] in _PARTICIPLE_LINKS:
        word = after[1].lstrip("^+-~")
        if word.endswith("ed") or word in _IRREGULAR_PARTICIPLES:
            return word
    return None


def _forecast(r: _Ref) -> bool:
    """Is the figure a forecast or a target ("expected a deficit of", "its 3.5 pct forecast")?"""
    before = {w.lstrip("^+-~") for w in r.site.clause_before[-6:]}
    after = {w.lstrip("^+-~") for w in r.site.after[:2]}
    return bool(before & _FORECAST or after & _FORECAST_NOUNS)


def _in_title(text: str, start: int, end: int) -> bool:
    """Is the figure in a headline: a short line of its own, without a full stop, that opens
    the text or stands between blank lines?"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    line = text[lo:hi].strip().rstrip(",")  # a stray comma after an aside
    if not line or len(line) > 120 or line[-1] in '.!?"”’:;':
        return False
    return (lo == 0 or text[max(0, lo - 2) : lo] == "\n\n") and text[hi : hi + 2] in ("\n\n", "")


def _nearer(b: Mention, a: Mention, other: Mention) -> bool:
    """Is ``a`` nearer in value to ``b`` than ``other`` is (by ratio)?"""

    def ratio(x: Mention) -> float:
        lo, hi = sorted((abs(x.value), abs(b.value)))
        return lo / hi if hi else 1.0

    return ratio(a) > ratio(other)


def _lead_adjective(r: _Ref) -> str | None:
    """The word between a recap's "the" and its figure ("the expanded 9.0 cent limit")."""
    before = r.site.before
    word = before[-1].lstrip("^+-~") if before else ""
    if (
        len(before) >= 2
        and before[-2] in _RECAP_LEADS
        and word.isalpha()
        and word not in _RECAP_LEADS
        and word not in _FUNCTION
    ):
        return word
    return None


def _nouns_differ(a: _Ref, b: _Ref) -> bool:
    """Two clauses opened by different common nouns, neither of them what is measured."""
    na, nb = a.site.subject_noun, b.site.subject_noun
    if not na or not nb or na == nb or a.named or b.named:
        return False
    return na not in a.phrase.split() and nb not in b.phrase.split()


def _mentions(a: _Ref, name: str) -> bool:
    """Does the earlier figure's own text (its site) name ``name``?"""
    words = {*a.site.clause_before, *a.site.after, a.site.subject or "", a.entity or ""}
    return bool(name) and (name in words or any(name in w for w in words if w))


def _bounds_alike(a: Mention, b: Mention) -> bool:
    da = a.hedge_direction.value if a.hedge_direction else ""
    db = b.hedge_direction.value if b.hedge_direction else ""
    return (da in _LOWER_BOUNDS and db in _LOWER_BOUNDS) or (
        da in _UPPER_BOUNDS and db in _UPPER_BOUNDS
    )


def _part_phrase(a: str, b: str) -> bool:
    """ "foreign bank debt" and "foreign debt": one phrase is the other with a word more."""
    wa, wb = set(a.split()), set(b.split())
    if len(wa) < 2 or len(wb) < 2:
        return False  # "value" and "market value" may well be one thing
    return wa != wb and (wa < wb or wb < wa)


def _modifiers_differ(a: _Ref, b: _Ref, modifiers: frozenset[str]) -> bool:
    """ "pretax earnings fell 27%" and "net earnings fell 22.8%": another measure."""
    ma, mb = _modifier(a, modifiers), _modifier(b, modifiers)
    return bool(ma and mb and ma != mb)


def _modifier(r: _Ref, modifiers: frozenset[str]) -> str | None:
    """A word of ``[recaps] modifiers`` just before the measure ("pretax", "net")."""
    words = [*r.site.clause_before, *r.phrase.split()]
    head = r.phrase.split()[-1] if r.phrase else ""
    if not head or head not in words:
        return None
    k = len(words) - 1 - words[::-1].index(head)
    for w in words[max(0, k - 3) : k]:
        if w in modifiers:
            return w
    return None


def _agrees(a: Mention, b: Mention) -> bool:
    """Do two mentions give the same value (to 3%)?"""
    top = max(abs(a.value), abs(b.value))
    return top == 0 or abs(a.value - b.value) <= 0.03 * top


def _series(refs: list[_Ref]) -> set[str]:
    """Measures given three or more different values: a breakdown by segment, a table, a run
    of results — two of them are not restatements unless the later one says so."""
    values: dict[str, list[float]] = {}
    for r in refs:
        values.setdefault(r.measure, []).append(r.mention.value)
    out = set()
    for measure, vs in values.items():
        distinct: list[float] = []
        for v in sorted(vs):
            if not distinct or abs(v - distinct[-1]) > 0.02 * max(abs(v), abs(distinct[-1])):
                distinct.append(v)
        if len(distinct) >= 3:
            out.add(measure)
    return out


def _is_sum(b: _Ref, refs: list[_Ref], mentions: Sequence[Mention]) -> bool:
    """Is ``b`` the sum of two or three figures of its kind given before it ("Amicus has 1.2m
    members and the TGWU 800,000 … two million members")?"""
    mb = b.mention
    earlier = [
        m.value
        for m in mentions[max(0, b.index - 30) : b.index]
        if m.kind == mb.kind
        and m.unit == mb.unit
        and m.converts_index is None
        and 0 < m.value < mb.value
    ]
    if len(earlier) < 2:
        return False
    target = mb.value
    tol = abs(target) * 0.03
    n = len(earlier)
    for x in range(n):
        for y in range(x + 1, n):
            if abs(earlier[x] + earlier[y] - target) <= tol:
                return True
            for z in range(y + 1, n):
                if abs(earlier[x] + earlier[y] + earlier[z] - target) <= tol:
                    return True
    return False


def direction_of(level: str) -> Direction | None:
    if level == "change-up":
        return Direction.UP
    if level == "change-down":
        return Direction.DOWN
    return None

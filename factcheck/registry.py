"""The catalogue's building blocks: what a check is, what it is given, and what it yields.

A check is a small pure function ``(CheckContext, Params) -> Iterable[Hit]`` registered under a
dotted name with :func:`check`. It knows nothing of its rule's code, severity or wording: the
engine fills the rule file's templates from the hit's ``text`` placeholders.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from factcheck.models import (
    Claim,
    DateInfo,
    InvalidSuppression,
    Relation,
    RelationKind,
    Suppression,
)

if TYPE_CHECKING:
    from factcheck.lexicon import Lexicon
    from factcheck.rates import RateProvider
    from factcheck.segment import Sentences
    from factcheck.units import UnitConverter


class Params(BaseModel):
    """Base for a check's parameters (``[params]`` of a rule file)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class NoParams(Params):
    pass


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found: the claims involved (blamed first) and the figures."""

    claims: tuple[Claim, ...]
    text: Mapping[str, str]  # placeholders for the message/fix templates, already formatted
    values: Mapping[str, Any] = field(default_factory=dict)  # raw figures for the report
    fix_span: tuple[int, int] | None = None  # defaults to the blamed claim's span
    span: tuple[int, int] | None = None  # for findings about no claim (a malformed numeral)
    relations: tuple[str, ...] = ()  # ids of the relations the hit is about


CheckFunc = Callable[["CheckContext", Any], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class CheckDef:
    name: str
    func: CheckFunc
    params: type[Params]
    provides: frozenset[str]
    doc: str = ""
    stage: str = "claims"  # "claims": over the claims; "suppressions": after they are applied


def check(
    name: str, *, params: type[Params] = NoParams, provides: Iterable[str], stage: str = "claims"
) -> Callable[[CheckFunc], CheckDef]:
    """Declare a check. The module lists its checks in ``CHECKS``; nothing global is mutated."""

    def wrap(func: CheckFunc) -> CheckDef:
        return CheckDef(
            name=name,
            func=func,
            params=params,
            provides=frozenset(provides),
            doc=(func.__doc__ or "").strip(),
            stage=stage,
        )

    return wrap


MAX_FINDINGS = 100  # findings of one rule in one text; past it the rule stops (NUM003 says so)
MAX_PER_SENTENCE = 40  # more figures than this in one sentence: a table, not prose


class CheckContext:
    """Everything a check may read: the claims of one text, the lexicon, and lazy providers."""

    def __init__(
        self,
        text: str,
        claims: list[Claim],
        lexicon: Lexicon,
        *,
        relations: list[Relation] | None = None,
        date: DateInfo | None = None,
        rates: Callable[[], RateProvider] | None = None,
        units: Callable[[], UnitConverter] | None = None,
        clause_breaks: Sequence[int] | None = None,
        text_lower: str | None = None,
    ) -> None:
        self.text = text
        # found by the extractor: not worth finding twice
        if clause_breaks is not None:
            self.__dict__["_clause_breaks"] = clause_breaks
        if text_lower is not None:
            self.__dict__["text_lower"] = text_lower
        self.claims = claims
        self.by_id = {c.id: c for c in claims}
        self.relations = relations or []
        self.lexicon = lexicon
        self.date = date or DateInfo(value=None, source="none")
        self._rates_factory = rates
        self._units_factory = units
        self._rates: RateProvider | None = None
        self._units: UnitConverter | None = None
        self.compared: set[str] = set()
        self.memo: dict[tuple[object, ...], Any] = {}  # analyses shared by checks of one family
        self._hints: dict[str, bool] = {}
        self._sentences: Sentences | None = None
        self.malformed: list[tuple[int, int]] = []  # spans of numerals that do not parse
        self.truncated_at: int | None = None  # where extraction stopped (too many figures)
        self.unused_suppressions: list[Suppression] = []  # set by the engine before that stage
        self.invalid_suppressions: list[InvalidSuppression] = []  # comments that cannot apply
        self.capped: dict[str, int] = {}  # code → offset where the engine stopped the rule

    @property
    def rates(self) -> RateProvider:
        if self._rates is None:
            if self._rates_factory is None:
                from factcheck.rates import default_rates

                self._rates = default_rates()
            else:
                self._rates = self._rates_factory()
        return self._rates

    @property
    def units(self) -> UnitConverter:
        if self._units is None:
            if self._units_factory is None:
                from factcheck.units import default_units

                self._units = default_units()
            else:
                self._units = self._units_factory()
        return self._units

    @functools.cached_property
    def article_date(self) -> dt.date | None:
        if self.date.value is None:
            return None
        return dt.date.fromisoformat(self.date.value)

    @functools.cached_property
    def latest_year(self) -> int | None:
        """The latest year the text mentions (years and time anchors), if any."""
        years = [
            int(c.high if c.high is not None else c.value) for c in self.claims if c.kind == "year"
        ]
        years += [c.anchor_year for c in self.claims if c.anchor_year is not None]
        plausible = [y for y in years if 1990 <= y <= dt.date.today().year]
        return max(plausible) if plausible else None

    @functools.cached_property
    def text_lower(self) -> str:
        return self.text.lower()

    @functools.cached_property
    def by_sentence(self) -> dict[int, list[Claim]]:
        """Claims grouped by sentence. A "sentence" with more than ``MAX_PER_SENTENCE`` figures
        is not prose (a table, a list, a hostile input): it maps to no claims, so checks that
        compare the figures of one sentence stay linear and quiet there."""
        out: dict[int, list[Claim]] = {}
        for c in self.claims:
            out.setdefault(c.sentence, []).append(c)
        return {k: v for k, v in out.items() if len(v) <= MAX_PER_SENTENCE}

    @functools.cached_property
    def _clause_breaks(self) -> Sequence[int]:
        from factcheck.extractors.context import clause_breaks

        return clause_breaks(self.text, self.lexicon.clause_break_words)

    def clause(self, c: Claim) -> int:
        """Index of the clause a claim starts in (clauses end at ; : . ? ! — "but", "while"…)."""
        import bisect

        return bisect.bisect_right(self._clause_breaks, c.start)

    def same_clause(self, *claims: Claim) -> bool:
        return len({self.clause(c) for c in claims}) == 1

    def sentence_claims(self, c: Claim) -> list[Claim]:
        """The other figures of a claim's sentence (empty for an over-full sentence)."""
        return self.by_sentence.get(c.sentence, [])

    def hints(self, code: str) -> bool:
        """Does the text hint at currency ``code`` ("Canadian", "Sydney", "C$")?"""
        if code not in self._hints:
            lowered = self.text_lower
            self._hints[code] = any(
                hint in lowered and _has_word(lowered, hint)
                for hint in self.lexicon.currency_hints.get(code, ())
            )
        return self._hints[code]

    @property
    def sentences(self) -> Sentences:
        if self._sentences is None:
            from factcheck.segment import Sentences

            self._sentences = Sentences(self.text)
        return self._sentences

    def before(self, c: Claim, chars: int = 80) -> str:
        """Text of the claim's sentence before it (at most ``chars``)."""
        start, _ = self.sentences.bounds(c.sentence)
        return self.text[max(start, c.start - chars) : c.start]

    def after(self, c: Claim, chars: int = 80) -> str:
        """Text of the claim's sentence after it (at most ``chars``)."""
        _, end = self.sentences.bounds(c.sentence)
        return self.text[c.end : min(end, c.end + chars)]

    def relations_of(self, *kinds: RelationKind) -> list[Relation]:
        """The relations of these kinds, in text order."""
        return [r for r in self.relations if r.kind in kinds]

    def slot(self, r: Relation, name: str) -> Claim | None:
        """The claim in a relation's one-claim slot (``None`` when the slot is empty)."""
        ids = r.slots.get(name)
        return self.by_id.get(ids[0]) if ids else None

    def slot_all(self, r: Relation, name: str) -> list[Claim]:
        return [self.by_id[i] for i in r.slots.get(name, ()) if i in self.by_id]

    def mark(self, *claims: Claim) -> None:
        """Record that these claims took part in a comparison (for the summary)."""
        self.compared.update(c.id for c in claims)


def _has_word(text: str, word: str) -> bool:
    """``word`` (a phrase like "new zealand" or "c$") in ``text`` on word boundaries."""
    i = text.find(word)
    while i != -1:
        before = text[i - 1] if i else " "
        j = i + len(word)
        after = text[j] if j < len(text) else " "
        if not (before.isalnum() or before == "$") and not after.isalnum():
            return True
        i = text.find(word, i + 1)
    return False


def pairs(
    claims: list[Claim], link: Callable[[Claim], str | None]
) -> Iterable[tuple[Claim, Claim]]:
    """(target, claim) for every claim whose ``link`` names another claim."""
    by_id = {c.id: c for c in claims}
    for c in claims:
        other = link(c)
        if other is not None and other in by_id:
            yield by_id[other], c


def catalogue(*modules_checks: Iterable[CheckDef]) -> Mapping[str, CheckDef]:
    out: dict[str, CheckDef] = {}
    for checks in modules_checks:
        for c in checks:
            if c.name in out:
                raise ValueError(f"check {c.name!r} registered twice")
            out[c.name] = c
    return out

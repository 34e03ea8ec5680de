"""Metamorphic tests: every rule case of ``tests/rules/`` rewritten in ways that keep its meaning.

Real copy puts adjuncts everywhere, orders the values of a change either way and spells a
percentage four ways. Each ``[[fire]]`` and ``[[silent]]`` case is rewritten mechanically:

- **adjuncts** (``tests/data/adjuncts.toml``): a time, place, attribution or aside phrase at the
  start of each sentence, after each figure's phrase and before each sentence's full stop. A
  figure's phrase is the figure with its noun ("3,000 jobs"), its whole ("25% of its staff"),
  its conversion ("$50bn (£35bn)", "£10m, or $14bn") and its own date ("in 2009"): an adjunct
  never goes inside a figure, its unit or its conversion, nor after a multiplier ("doubled" is a
  verb before its object);
- **order**: "from A to B" ↔ "to B from A", and "rose from A to B" → "rose to B, up from A";
- **percent spellings**: every percentage written "N%", "N percent", "N per cent", "N pct" and
  "N pc".

The verdict must not change: a fire case gives exactly its codes, a silent case stays silent. A
few rewrites do change the meaning; they are listed in :data:`EXCLUSIONS`, each with its reason.
Known misses are ``xfail(strict=True)`` in :data:`KNOWN_MISSES`. A failure is named by the
case and the rewrite: ``points-fire-3[after-c1:at 10.45pm last night]``.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from rulecases import codes, rule_cases

import factcheck
from factcheck.lexicon import load_lexicon
from factcheck.models import ClaimKind
from factcheck.segment import Sentences

ADJUNCTS = tomllib.loads(
    (Path(__file__).resolve().parent / "data" / "adjuncts.toml").read_text(encoding="utf-8")
)
KINDS = ("time", "place", "attribution", "aside")


@dataclass(frozen=True)
class Variant:
    case_id: str
    kind: str  # "fire" or "silent"
    case: dict[str, Any]
    rewrite: str  # "time", "place", "attribution", "aside", "order", "percent"
    slot: str  # "start-s0", "after-c2", "end-s1", "from-to-c1", "pct", …
    phrase: str  # the adjunct or the new spelling
    text: str
    tags: frozenset[str] = frozenset()  # "dated": after a figure's own date ("in 2009")

    @property
    def id(self) -> str:
        return f"{self.case_id}[{self.slot}:{self.phrase.strip(' ,')}]"


# ---------------------------------------------------------------------- exclusions
@dataclass(frozen=True)
class Exclusion:
    """Rewrites of ``rewrite`` kind at slots starting ``slot`` (and carrying ``tag``, if given)
    of cases expecting any of ``codes`` (fire cases; "*" any case) change the meaning: they are
    not generated."""

    rewrite: str
    slot: str
    codes: frozenset[str]
    reason: str
    tag: str | None = None

    def applies(self, v: Variant) -> bool:
        if v.rewrite != self.rewrite or not v.slot.startswith(self.slot):
            return False
        if self.tag is not None and self.tag not in v.tags:
            return False
        return "*" in self.codes or (v.kind == "fire" and bool(self.codes & set(v.case["expect"])))


EXCLUSIONS = (
    Exclusion("time", "", frozenset({"REP001"}),
              "a time beside one of two repeated figures makes them figures of two periods"),
    Exclusion("place", "", frozenset({"REP001"}),
              "a place beside one of two repeated figures makes them figures of two places"),
    Exclusion("time", "after", frozenset({"*"}),
              "a figure's own date says when: a second time after it contradicts it", tag="dated"),
)  # fmt: skip

# Variants that are known misses: id → reason (each must fail: strict).
KNOWN_MISSES: dict[str, str] = {}


# ---------------------------------------------------------------------- generation
_LEX = load_lexicon()
_DIRECTION = _LEX.up_words | _LEX.down_words | _LEX.up_nouns | _LEX.down_nouns
# words that end a figure's noun phrase: the adjunct goes before them
_PHRASE_END = frozenset(
    [
        "last", "next", "ago", "earlier", "to", "from", "by", "at", "in", "on", "of", "for",
        "and", "or", "but", "than", "as",
        "with", "into", "over", "under", "after", "before", "since", "against", "compared",
        "versus", "vs", "up", "down", "higher", "lower", "more", "less", "fewer", "while", "when",
        "which", "who", "that", "the", "a", "an", "its", "their", "his", "her", "this", "these",
        "those", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
        "could", "can", "may", "might", "should", "said", "says", "say", "according", "per",
        "each", "year", "years", "month", "months", "week", "weeks", "day", "days", "earlier",
        "ago", "off", "out",
    ]
)  # fmt: skip
# figures an adjunct may follow (not a multiplier: "doubled" is a verb before its object)
_AFTER_KINDS = frozenset(
    [ClaimKind.MONEY, ClaimKind.COUNT, ClaimKind.PERCENT, ClaimKind.PERCENTAGE_POINT,
     ClaimKind.QUANTITY, ClaimKind.FRACTION]
)  # fmt: skip
_WORD = re.compile(r"\s([a-z][a-z'’-]*)(?=[\s,.;:)]|$)")
_OWN_DATE = re.compile(
    r"\s(?:in|by|at\ the\ end\ of|since|for)\s(?:[A-Z][a-z]+\s)?(?:19|20)\d\d\b(?![-–/]\d)"
)
_OF = re.compile(r"\sof(?:\s(?:the|its|their|his|her|all|a|an))?(?=\s)")
_FIGURE = re.compile(r"\s([$£€¥]?\d[\d,.]*(?:%|bn|m|k)?)(?=[\s,.;:)]|$)")
_BRACKET = re.compile(r"\s?\([^()]{0,40}\d[^()]{0,40}\)")
_PERCENT = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(%|\s(?:percent|per\scent|pct|pc)\b)")
_SPELLINGS = ("%", " percent", " per cent", " pct", " pc")


def _turn(case_id: str, slot: str, n: int) -> int:
    """A deterministic choice among ``n`` phrases for this case and slot."""
    return zlib.crc32(f"{case_id}/{slot}".encode()) % n


# names that open a case and are written with a capital anywhere (the rest are common words,
# put in lower case after an opening adjunct: "In June, unions said …")
_NAMES = frozenset(["Amazon", "Apple", "Britain", "France", "Germany", "Labour", "Mark", "Samsung"])


def _names(texts: list[str]) -> frozenset[str]:
    """Capitalised words the tables write mid-sentence and never in lower case, and _NAMES."""
    lower = {w for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
    mid = {w for t in texts for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]+\b", t)}
    return frozenset(w for w in mid if w.lower() not in lower) | _NAMES


def _insert(text: str, at: int, phrase: str) -> str:
    """``phrase`` written at ``at``, with no doubled comma nor a comma before a full stop."""
    rest = text[at:]
    if phrase.endswith(",") and rest[:1] in (",", ".", ";", ")"):
        phrase = phrase[:-1]
    return text[:at] + phrase + rest


def _phrase_end(text: str, end: int) -> tuple[int, bool] | None:
    """Where an adjunct may follow the figure ending at ``end``: after a conversion in brackets,
    up to three words of its noun and its own date ("in 2009"; then True); None when the figure
    runs on into a word or a unit."""
    if end < len(text) and (text[end].isalnum() or text[end] in "-–/'’%"):
        return None
    if text.count("(", 0, end) > text.count(")", 0, end):
        return None  # inside brackets: "12 kilograms (26 miles)" restates, whatever it says
    if re.search(r",\s+or\s+(?:an?\s+|about\s+)?\S*$", text[max(0, end - 30) : end]):
        return None  # "two of its 12 principals, or a third": a restatement, like a conversion
    m = _BRACKET.match(text, end)
    if m:
        end = m.end()
    end = _noun_end(text, end)
    of = _OF.match(text, end)
    if of:  # "25% of its workforce", "1,200 of the 5,000 staff": one noun phrase
        end = _noun_end(text, of.end(), figures=True)
    m = _BRACKET.match(text, end)
    if m:  # "1,200 of the 5,000 staff (40%)": the share restated in brackets
        end = m.end()
    m = _OWN_DATE.match(text, end)
    return (m.end(), True) if m else (end, False)


def _noun_end(text: str, end: int, figures: bool = False) -> int:
    """After up to three words of a noun ("jobs", "mln dlrs"; figures too after "of")."""
    for _ in range(4 if figures else 3):
        w = _WORD.match(text, end) or (_FIGURE.match(text, end) if figures else None)
        if not w or w.group(1) in _PHRASE_END or w.group(1) in _DIRECTION:
            break
        end = w.end()
    return end


def _sentences(text: str) -> list[tuple[int, int]]:
    s = Sentences(text)
    return [s.bounds(i) for i in range(len(s.starts))]


def _adjunct_variants(
    case_id: str, kind: str, case: dict[str, Any], names: frozenset[str]
) -> Iterator[Variant]:
    text = case["text"]

    def make(rewrite: str, slot: str, at: int, phrase: str) -> Variant:
        return Variant(case_id, kind, case, rewrite, slot, phrase, _insert(text, at, phrase))

    for adj in KINDS:
        for k, (start, end) in enumerate(_sentences(text)[:3]):
            body = text[start:end]
            lead = len(body) - len(body.lstrip())
            at = start + lead
            phrases = ADJUNCTS[adj]["start"]
            if phrases and at < len(text) and text[at].isalpha():
                phrase = phrases[_turn(case_id, f"start-s{k}", len(phrases))]
                first = re.match(r"[A-Za-z]+", text[at:])
                word = first.group(0) if first else ""
                v = make(adj, f"start-s{k}", at, phrase)
                if word[:1].isupper() and word not in names and word != "I":
                    # "In June, the company …": a common word is not capitalised mid-sentence
                    v = Variant(
                        case_id,
                        kind,
                        case,
                        adj,
                        f"start-s{k}",
                        phrase,
                        _insert(text[:at] + word[0].lower() + text[at + 1 :], at, phrase),
                    )
                yield v
            stop = body.rstrip()
            if stop.endswith((".", "!", "?")):
                phrases = ADJUNCTS[adj]["end"]
                phrase = phrases[_turn(case_id, f"end-s{k}", len(phrases))]
                yield make(adj, f"end-s{k}", start + len(stop) - 1, phrase)
        claims = factcheck.extract(text)
        converted = {c.converts: c for c in claims if c.converts is not None}
        for claim in claims:
            if claim.kind not in _AFTER_KINDS or claim.converts is not None:
                continue  # a conversion's slot is its original's, after both
            conversion = converted.get(claim.id)
            end = claim.end if conversion is None else conversion.end
            if conversion is not None and text[end : end + 1] == ")":
                end += 1
            found = _phrase_end(text, end)
            if found is None:
                continue
            at, dated = found
            phrases = ADJUNCTS[adj]["after"]
            phrase = phrases[_turn(case_id, f"after-{claim.id}", len(phrases))]
            v = make(adj, f"after-{claim.id}", at, phrase)
            yield replace(v, tags=frozenset({"dated"})) if dated else v


def _order_variants(case_id: str, kind: str, case: dict[str, Any]) -> Iterator[Variant]:
    text = case["text"]
    claims = [c for c in factcheck.extract(text) if c.kind not in (ClaimKind.YEAR,)]
    for a, b in itertools.pairwise(claims):
        pa, pb = a.text, b.text
        if text[a.end : b.start] == " to " and text[max(0, a.start - 5) : a.start] == "from ":
            s = a.start - 5
            swapped = f"to {pb} from {pa}"
            yield Variant(
                case_id,
                kind,
                case,
                "order",
                f"from-to-{a.id}",
                "to B from A",
                text[:s] + swapped + text[b.end :],
            )
            verb = re.search(r"([a-z]+) $", text[:s])
            if verb and verb.group(1) in (_LEX.up_words | _LEX.down_words):
                word = "up" if verb.group(1) in _LEX.up_words else "down"
                yield Variant(
                    case_id,
                    kind,
                    case,
                    "order",
                    f"from-to-{a.id}",
                    f"to B, {word} from A",
                    text[:s] + f"to {pb}, {word} from {pa}" + text[b.end :],
                )
        if text[a.end : b.start] == " from " and text[max(0, a.start - 3) : a.start] == "to ":
            s = a.start - 3
            yield Variant(
                case_id,
                kind,
                case,
                "order",
                f"to-from-{a.id}",
                "from A to B",
                text[:s] + f"from {pb} to {pa}" + text[b.end :],
            )


def _percent_variants(case_id: str, kind: str, case: dict[str, Any]) -> Iterator[Variant]:
    text = case["text"]
    if not _PERCENT.search(text):
        return
    for spelling in _SPELLINGS:
        new = _PERCENT.sub(lambda m, s=spelling: m.group(1) + s, text)
        if new != text:
            yield Variant(case_id, kind, case, "percent", "pct", f"N{spelling.strip()}", new)


@functools.cache
def variants() -> list[Variant]:
    cases = rule_cases()
    names = _names([c["text"] for _, _, c in cases])
    out: list[Variant] = []
    makers: list[Callable[[str, str, dict[str, Any]], Iterator[Variant]]] = [
        lambda i, k, c: _adjunct_variants(i, k, c, names),
        _order_variants,
        _percent_variants,
    ]
    for case_id, kind, case in cases:
        seen = {case["text"]}
        for make in makers:
            for v in make(case_id, kind, case):
                if v.text in seen or any(e.applies(v) for e in EXCLUSIONS):
                    continue
                seen.add(v.text)
                out.append(v)
    return out


def _params() -> list[Any]:
    params = []
    for v in variants():
        marks = []
        if v.id in KNOWN_MISSES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[v.id]))
        params.append(pytest.param(v, id=v.id, marks=marks))
    return params


@pytest.mark.parametrize("v", _params())
def test_rewrite_keeps_verdict(v: Variant) -> None:
    got = codes({**v.case, "text": v.text})
    want = sorted(v.case["expect"]) if v.kind == "fire" else []
    assert got == want, f"{v.text!r} (from {v.case['text']!r})"


def test_every_case_gets_every_kind_of_adjunct() -> None:
    """Every case is rewritten with each kind of adjunct at least once (unless excluded)."""
    got: dict[str, set[str]] = {}
    for v in variants():
        got.setdefault(v.case_id, set()).add(v.rewrite)
    for case_id, kind, case in rule_cases():
        missing = set(KINDS) - got.get(case_id, set())
        expect = set(case["expect"]) if kind == "fire" else set()
        excluded = {e.rewrite for e in EXCLUSIONS if e.codes & expect}
        assert missing <= excluded, f"{case_id}: no {sorted(missing)} variant"


def test_an_exclusion_is_used() -> None:
    """Every exclusion keeps out some rewrite: none lingers after its reason is gone."""
    probe = _unfiltered_adjunct_variants()
    for e in EXCLUSIONS:
        assert any(e.applies(v) for v in probe), e.reason


def _unfiltered_adjunct_variants() -> list[Variant]:
    cases = rule_cases()
    names = _names([c["text"] for _, _, c in cases])
    return [v for i, k, c in cases for v in _adjunct_variants(i, k, c, names)]

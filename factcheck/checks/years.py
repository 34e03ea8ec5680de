"""Year arithmetic against the article's date or a second year in the same sentence: "the 25th
anniversary of the 1995 floods" in a story of 2019 (the 24th), "in 2001, 15 years after the 1990
merger" (11). Only digits are read ("30th", "15 years"); a hedge before the figure ("nearly 20
years", "more than a decade") and a sentence with a third year skip the sentence."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from factcheck.registry import CheckContext, Hit, Params, check

_YEAR = r"(?:1[6-9]|20)\d\d"
_ANNIV = regex.compile(
    rf"\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:[^.;:?!\d]{{0,60}}?\s)?"
    rf"(?P<y>{_YEAR})\b(?!\s*[-–/]\s*\d)",
    regex.IGNORECASE,
)
_SINCE = regex.compile(
    rf"\b(?P<n>\d{{1,3}})\s+years\s+(?P<k>since|after)\s+(?:[^.;:?!\d]{{0,40}}?\s)?"
    rf"(?P<y>{_YEAR})\b(?!\s*[-–/]\s*\d)",
    regex.IGNORECASE,
)
_AGO = regex.compile(rf"\b(?:in\s+)?(?P<y>{_YEAR}),\s+(?P<n>\d{{1,3}})\s+years\s+ago\b", regex.I)
_ANY_YEAR = regex.compile(rf"(?<![\d$£€]|\d[,.])\b{_YEAR}\b(?![\d%]|[,.]\d)")
_IN_YEAR = regex.compile(rf"\b(?:in|by)\s+(?P<y>{_YEAR})\b", regex.I)


class YearParams(Params):
    hedges: tuple[str, ...] = (
        "nearly",
        "almost",
        "about",
        "around",
        "roughly",
        "some",
        "over",
        "more than",
        "less than",
        "at least",
        "close to",
        "just over",
        "just under",
        "under",
        "barely",
        "approximately",
        "up to",
        "well over",
        "only",
    )
    # words that put the anniversary in another year than the article's, or make it hypothetical
    next_year: tuple[str, ...] = ("next year",)
    last_year: tuple[str, ...] = ("last year",)
    unsure: tuple[str, ...] = (
        "next month",
        "coming",
        "upcoming",
        "approach",
        "ahead of",
        "run-up",
        "would have",
        "would be",
        "until",
        "years later",
        "every",
        "each",
    )
    # "N years since/ago" against the article's year: the month is unknown, so one year either way
    since_slack: int = 1


def _hedged(low: str, start: int, hedges: tuple[str, ...]) -> bool:
    before = low[max(0, start - 20) : start].rstrip()
    return any(
        before.endswith(h) and (len(before) == len(h) or not before[-len(h) - 1].isalpha())
        for h in hedges
    )


def _has(low: str, words: tuple[str, ...]) -> bool:
    return any(regex.search(rf"\b{regex.escape(w)}", low) for w in words)


@check(
    "years.arithmetic",
    params=YearParams,
    provides=("written", "stated", "expected", "suggested", "year", "reference"),
)
def year_arithmetic(ctx: CheckContext, p: YearParams) -> Iterator[Hit]:
    """An anniversary or a count of years that the years written (or the article's) contradict."""
    if "year" not in ctx.text_lower and "anniversar" not in ctx.text_lower:
        return
    ref = ctx.article_date
    sents = ctx.sentences
    for i in range(len(sents.starts)):
        start, end = sents.bounds(i)
        sent = ctx.text[start:end]
        low = sent.lower()
        if "anniversar" not in low and "years" not in low:
            continue
        years = {m.group(0) for m in _ANY_YEAR.finditer(sent)}
        for pat, kind in ((_ANNIV, "anniversary"), (_SINCE, "since"), (_AGO, "ago")):
            for m in pat.finditer(sent):
                if _hedged(low, m.start("n"), p.hedges):
                    continue
                n, y = int(m.group("n")), int(m.group("y"))
                others = years - {m.group("y")}
                slack = 0
                if others:
                    # a second year: the one the count runs to ("in 2001, 15 years after 1990")
                    if kind == "anniversary" or len(others) != 1:
                        continue
                    anchor = _IN_YEAR.search(sent[: m.start()])
                    if anchor is None or anchor.group("y") not in others:
                        continue
                    target, reference = int(anchor.group("y")), anchor.group("y")
                elif ref is None or _has(low, p.unsure):
                    continue
                elif kind == "anniversary":
                    target = ref.year
                    if _has(low, p.next_year):
                        target += 1
                    elif _has(low, p.last_year):
                        target -= 1
                    elif _has(low, ("will ",)):
                        continue
                    reference = f"{target} (from the article's date, {ref.isoformat()})"
                else:
                    if _has(low, ("will ",)):
                        continue
                    target, slack = ref.year, p.since_slack
                    reference = f"{target} (the article's date, {ref.isoformat()})"
                expected = target - y
                if expected <= 0 or abs(expected - n) <= slack:
                    continue
                span = (start + m.start(), start + m.end())
                stated = m.group("n")
                ordinal = kind == "anniversary"
                yield Hit(
                    (),
                    {
                        "written": m.group(0),
                        "stated": f"the {_ordinal(n)}" if ordinal else f"{n} years",
                        "expected": f"the {_ordinal(expected)}" if ordinal else f"{expected} years",
                        "suggested": str(expected),
                        "year": str(y),
                        "reference": reference,
                    },
                    {
                        "kind": kind,
                        "stated": n,
                        "expected": expected,
                        "year": y,
                        "target_year": target,
                        "stated_text": stated,
                    },
                    fix_span=(start + m.start("n"), start + m.end("n")),
                    span=span,
                )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


CHECKS = (year_arithmetic,)

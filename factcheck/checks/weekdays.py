"""A weekday that does not fall on the date written beside it: "Wednesday, March 22, 2018"
(a Thursday). The year is the one written, else the article's year nearest to its date."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

import regex

from factcheck.lexicon import Lexicon
from factcheck.registry import CheckContext, Hit, NoParams, check


@functools.cache
def _date_pattern(weekdays: str, months: str) -> regex.Pattern[str]:
    """Weekday-and-date forms ("Wednesday, March 22, 2018", "Tuesday, the 12th of March"), with
    the weekday and month names of the lexicon (``calendar.toml``)."""
    day, mon = rf"(?P<wd>{weekdays})", rf"(?P<mon>{months})\.?"
    return regex.compile(
        rf"\b{day},?\s+(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}"
        rf"(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b"
        rf"|\b(?P<wd2>{weekdays}),?\s+(?P<mon2>{months})\.?\s+(?P<d2>[0-3]?\d)"
        rf"(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b",
        regex.IGNORECASE,
    )


def _year(ctx: CheckContext, month: int, day: int) -> int | None:
    """The article's year, or the one before/after when that puts the date nearer."""
    ref = ctx.article_date
    if ref is None:
        return None
    best: tuple[int, int] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            gap = abs((dt.date(y, month, day) - ref).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, y)
    return best[1] if best and best[0] <= 183 else None


def _dates(text: str, low: str, lex: Lexicon) -> Iterator[regex.Match[str]]:
    """Weekday-and-date expressions, tried only where a weekday name is written."""
    pattern = _date_pattern(lex.weekday_names_re, lex.month_names_re)
    days = lex.weekdays
    # "İ" lower-cases to two characters, so offsets in ``low`` shift
    if len(low) != len(text) or not all(d.endswith("day") for d in days):
        yield from pattern.finditer(text)
        return
    starts = []
    i = low.find("day")  # every weekday name ends in "day": one scan of the text, not seven
    while i != -1:
        for name in days:
            at = i + 3 - len(name)
            if at >= 0 and low.startswith(name, at):
                starts.append(at)
                break
        i = low.find("day", i + 3)
    for i in starts:
        m = pattern.match(text, i)
        if m is not None:
            yield m


@check("calendar.weekday_mismatch", provides=("written", "date", "actual", "stated"))
def weekday_mismatch(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A weekday written with a date it does not fall on."""
    lex = ctx.lexicon
    for m in _dates(ctx.text, ctx.text_lower, lex):
        wd = (m.group("wd") or m.group("wd2")).lower()
        mon = lex.months[(m.group("mon") or m.group("mon2")).lower()]
        day = int(m.group("d1") or m.group("d2"))
        written_year = m.group("y1") or m.group("y2")
        year = int(written_year) if written_year else _year(ctx, mon, day)
        if year is None:
            continue
        try:
            date = dt.date(year, mon, day)
        except ValueError:
            continue
        actual = lex.weekdays[date.weekday()]
        if actual == wd:
            continue
        span = (m.start(), m.end())
        yield Hit(
            (),
            {
                "written": m.group(0),
                "date": f"{date.day} {date:%B} {date.year}",
                "actual": actual.capitalize(),
                "stated": wd.capitalize(),
            },
            {"date": date.isoformat(), "weekday": actual, "year_written": bool(written_year)},
            span=span,
        )


CHECKS = (weekday_mismatch,)

"""A weekday that does not fall on the date written beside it: "Wednesday, March 22, 2018"
(a Thursday). The year is the one written; without one, the date's occurrences before and after
the article's date (within half a year) are both tried, so only a weekday that fits neither is
reported."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

import regex

from factcheck.lexicon import Lexicon
from factcheck.registry import CheckContext, Hit, NoParams, check

# "Tuesday, 1 March 2000 GMT": a kick-off at 20:00, not the year 2000
_ZONE = r"(?:gmt|bst|utc|est|edt|cst|cdt|pst|pdt|cet|cest|hrs)\b"


@functools.cache
def _date_pattern(weekdays: str, months: str) -> regex.Pattern[str]:
    """Weekday-and-date forms ("Wednesday, March 22, 2018", "Tuesday, the 12th of March"), with
    the weekday and month names of the lexicon (``calendar.toml``)."""
    day, mon = rf"(?P<wd>{weekdays})", rf"(?P<mon>{months})\.?"
    return regex.compile(
        rf"\b{day},?\s+(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}"
        rf"(?:,?\s+(?P<y1>(?:19|20)\d\d)(?!\s?{_ZONE}))?\b"
        rf"|\b(?P<wd2>{weekdays}),?\s+(?P<mon2>{months})\.?\s+(?P<d2>[0-3]?\d)"
        rf"(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d)(?!\s?{_ZONE}))?\b",
        regex.IGNORECASE,
    )


def _occurrences(ctx: CheckContext, month: int, day: int) -> list[dt.date]:
    """The date's last occurrence before the article and its next one on or after it, nearest
    first (the next one on a tie), within half a year; none without an article date."""
    ref = ctx.article_date
    if ref is None:
        return []
    found: list[dt.date] = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            found.append(dt.date(y, month, day))
        except ValueError:
            continue
    before = [d for d in found if d < ref][-1:]
    after = [d for d in found if d >= ref][:1]
    near = sorted(before + after, key=lambda d: (abs((d - ref).days), d < ref))
    return [d for d in near if abs((d - ref).days) <= 183]


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


@check("dates.weekday_mismatch", provides=("written", "date", "actual", "stated"))
def weekday_mismatch(ctx: CheckContext, p: NoParams) -> Iterator[Hit]:
    """A weekday written with a date it does not fall on."""
    lex = ctx.lexicon
    for m in _dates(ctx.text, ctx.text_lower, lex):
        wd = (m.group("wd") or m.group("wd2")).lower()
        mon = lex.months[(m.group("mon") or m.group("mon2")).lower()]
        day = int(m.group("d1") or m.group("d2"))
        written_year = m.group("y1") or m.group("y2")
        if written_year:
            try:
                dates = [dt.date(int(written_year), mon, day)]
            except ValueError:
                continue
        else:
            # no year: the story may look back or ahead ("on Sunday, January 8" in a story of
            # 20 December is next month's), so a weekday that fits either occurrence stands
            dates = _occurrences(ctx, mon, day)
        if not dates or any(lex.weekdays[d.weekday()] == wd for d in dates):
            continue
        date = dates[0]
        actual = lex.weekdays[date.weekday()]
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

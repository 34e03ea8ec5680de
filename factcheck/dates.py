"""The article's date from its own text: a dateline or a "Published" line near the top."""

from __future__ import annotations

import datetime as dt
import functools
import re

import regex

from factcheck.lexicon import Lexicon, load_lexicon
from factcheck.models import DateInfo


@functools.cache
def _date_forms(month_names: str) -> regex.Pattern[str]:
    """ISO dates, "22 March 2018" and "March 22, 2018", months named as the lexicon names them."""
    return regex.compile(
        r"\b(?P<iso>(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d))\b"
        rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon2>{month_names})\.?"
        r"\s+(?P<y2>(?:19|20)\d\d)\b"
        rf"|\b(?P<mon3>{month_names})\.?\s+(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?,?"
        r"\s+(?P<y3>(?:19|20)\d\d)\b",
        regex.IGNORECASE,
    )


_HEAD = 600  # a dateline sits at the top of the copy
_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_date(text: str, lex: Lexicon | None = None) -> dt.date | None:
    """The first full date written in ``text`` ("22 March 2018", "March 22, 2018", ISO).

    Month names come from the lexicon (``rules/lexicon/calendar.toml``; the shipped one by
    default)."""
    lex = lex or load_lexicon()
    m = _date_forms(lex.month_names_re).search(text)
    if m is None:
        return None
    try:
        if m.group("iso"):
            return dt.date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        if m.group("d2"):
            mon = lex.months[m.group("mon2").lower()]
            return dt.date(int(m.group("y2")), mon, int(m.group("d2")))
        mon = lex.months[m.group("mon3").lower()]
        return dt.date(int(m.group("y3")), mon, int(m.group("d3")))
    except (ValueError, KeyError):
        return None


_PUBLISHED = regex.compile(
    r"^\W*(?:published|updated|posted|last\s+updated|first\s+published|date[sd]?)\b",
    regex.IGNORECASE,
)


_PLACE_LEAD = regex.compile(r"^\W*[A-Z][A-Z .'’-]{2,},\s*(?:[A-Z][a-z]+,?\s*)?$")


def dateline(text: str, lex: Lexicon | None = None) -> DateInfo:
    """The copy's own date: on a short line at the top (a dateline or byline), or after
    "Published"/"Updated" near the top; ``source="none"`` otherwise.

    A date inside the story ("born on 12 March 1932") is not the article's date.
    """
    lex = lex or load_lexicon()
    forms = _date_forms(lex.month_names_re)
    lines = [ln for ln in text[:_HEAD].splitlines() if ln.strip()][:4]
    for line in lines:
        # every date form has a year: the cheap test spares most lines the big pattern
        m = forms.search(line) if _YEAR.search(line) else None
        if m is None:
            continue
        label = _PUBLISHED.search(line)
        byline = len(line.strip()) <= 80 and not line.rstrip().endswith((".", "!", "?"))
        place = _PLACE_LEAD.match(line[: m.start()]) is not None  # "LONDON, 22 March 2018 —"
        if byline or place or label is not None:
            d = parse_date(m.group(0), lex)
            if d is not None:
                return DateInfo(value=d.isoformat(), source="dateline", text=m.group(0))
    return DateInfo(value=None, source="none")

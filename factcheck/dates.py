"""The article's date from its own text: a dateline or a "Published" line near the top."""

from __future__ import annotations

import datetime as dt
import re

import regex

from factcheck.models import DateInfo

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for m in names.split()
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_FORMS = regex.compile(
    r"\b(?P<iso>(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d))\b"
    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH.replace('mon', 'mon2')}"
    r"\s+(?P<y2>(?:19|20)\d\d)\b"
    rf"|\b{_MONTH.replace('mon', 'mon3')}\s+(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?,?"
    r"\s+(?P<y3>(?:19|20)\d\d)\b",
    regex.IGNORECASE,
)
_HEAD = 600  # a dateline sits at the top of the copy
_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_date(text: str) -> dt.date | None:
    """The first full date written in ``text`` ("22 March 2018", "March 22, 2018", ISO)."""
    m = _DATE_FORMS.search(text)
    if m is None:
        return None
    try:
        if m.group("iso"):
            return dt.date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        if m.group("d2"):
            mon = _MONTHS[
                m.group("mon2").lower().rstrip(".")[:3]
                if m.group("mon2").lower()[:4] != "sept"
                else "sep"
            ]
            return dt.date(int(m.group("y2")), mon, int(m.group("d2")))
        mon = _MONTHS[m.group("mon3").lower().rstrip(".")[:3]]
        return dt.date(int(m.group("y3")), mon, int(m.group("d3")))
    except (ValueError, KeyError):
        return None


_PUBLISHED = regex.compile(
    r"^\W*(?:published|updated|posted|last\s+updated|first\s+published|date[sd]?)\b",
    regex.IGNORECASE,
)


_PLACE_LEAD = regex.compile(r"^\W*[A-Z][A-Z .'’-]{2,},\s*(?:[A-Z][a-z]+,?\s*)?$")


def dateline(text: str) -> DateInfo:
    """The copy's own date: on a short line at the top (a dateline or byline), or after
    "Published"/"Updated" near the top; ``source="none"`` otherwise.

    A date inside the story ("born on 12 March 1932") is not the article's date.
    """
    lines = [ln for ln in text[:_HEAD].splitlines() if ln.strip()][:4]
    for line in lines:
        # every date form has a year: the cheap test spares most lines the big pattern
        m = _DATE_FORMS.search(line) if _YEAR.search(line) else None
        if m is None:
            continue
        label = _PUBLISHED.search(line)
        byline = len(line.strip()) <= 80 and not line.rstrip().endswith((".", "!", "?"))
        place = _PLACE_LEAD.match(line[: m.start()]) is not None  # "LONDON, 22 March 2018 —"
        if byline or place or label is not None:
            d = parse_date(m.group(0))
            if d is not None:
                return DateInfo(value=d.isoformat(), source="dateline", text=m.group(0))
    return DateInfo(value=None, source="none")

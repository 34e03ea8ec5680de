"""Conversions about another year than the article's, against the real ECB table (issue 12).

The rule tables use a fixed rate for every day, so they cannot tell one year's rate from
another's; these cases need the real table: a sentence about a future year is converted at the
article's date (the only rate the writer had), a sentence about a past year at that year's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.api import CheckOptions, check_document
from factcheck.models import Document
from factcheck.rates import default_rates


def _codes(text: str, date: str) -> list[str]:
    options = CheckOptions(date=dt.date.fromisoformat(date), rates=default_rates)
    doc = Document(path="case.txt", source=text, text=text)
    result = check_document(doc, options)
    return sorted(f.code for f in result.findings if f.severity.value in ("warning", "error"))


@pytest.mark.parametrize(
    ("text", "date", "expect"),
    [
        # $1 = £0.53 in May 2006; £0.64 in 2009: converted at the article's date, £178m is right
        ("Analysts say the market will be worth $336m (£178m) by 2009.", "2006-05-01", []),
        ("The market is forecast to reach $336m (£178m) in 2009.", "2006-05-01", []),
        # at the 2009 rate instead: about 17% too high for the article's date
        ("Analysts say the market will be worth $336m (£215m) by 2009.", "2006-05-01", ["CUR003"]),
        # a past year: its own rate
        ("In 2009 the deal was worth $336m (£215m).", "2018-03-22", []),
    ],
)
def test_future_year_is_converted_at_the_article_date(
    text: str, date: str, expect: list[str]
) -> None:
    assert _codes(text, date) == expect

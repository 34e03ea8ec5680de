"""Conversions about another year than the article's, against the real ECB table (issue 12).

The rule tables use a fixed rate for every day, so they cannot tell one year's rate from
another's; these cases need the real table: a sentence about a future year is converted at the
article's date (the only rate the writer had), a sentence about a past year at that year's.
Round 2: undated sentences about a target year; articles dated before the table (Reuters-21578,
1987), judged against the range of rates since 1971; the currencies the euro replaced.
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


def _undated(text: str) -> list[str]:
    options = CheckOptions(rates=default_rates)
    doc = Document(path="case.txt", source=text, text=text)
    result = check_document(doc, options)
    return sorted(f.code for f in result.findings if f.severity.value in ("warning", "error"))


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say the market will be worth $336m (£178m) by 2009.",  # $1 = £0.53 in 2006
        "The market is forecast to reach $336m (£178m) in 2009.",
        "Analysts say the market will be worth $336m (£215m) by 2009.",  # at the 2009 rate
    ],
)
def test_undated_target_year_is_any_rate_up_to_it(text: str) -> None:
    """No article date: a sentence looking ahead to 2009 was written before 2009, at a rate of
    any year up to it, not at the rates of 2009 (or of the years since)."""
    assert _undated(text) == []


def test_undated_target_year_still_catches_a_wrong_figure() -> None:
    assert _undated("Analysts say the market will be worth $336m (£100m) by 2009.") == ["CUR003"]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # Reuters-21578 (March-June 1987) as published: rates of 1987, all silent
        (
            "Bonn will provide nearly 850 million marks (470 million dollars) to retrain workers.",
            [],
        ),
        ("Trade amounted to 6.2 billion sterling (9.8 billion dlrs) last year.", []),
        ("The government will make available 2.4 billion francs (396 mln dlrs) to farmers.", []),
        ("It earned 2.53 billion Swedish crowns, or 371.1 mln dlrs, in 1986.", []),
        ("Japanese exports rose to 3.4 trillion yen (23.4 billion dlrs) in the year.", []),
        ("Losses were around 27 billion pesetas, or about 386 mln marks, the paper said.", []),
        # no rate history for the rupee (it fell from 13 to 90 a dollar): never an estimate
        ("The plan will cost 13 billion rupees (one billion dlrs), officials said.", []),
        ("The plan will cost 13 billion rupees (2.5 billion dlrs), officials said.", []),
        # the same sentences with a planted error
        (
            "Bonn will grant 100 mln marks (54.9 billion US dlrs) in credits to the smelter.",
            ["SCL001"],
        ),
        (
            "The government will make available 2.4 billion francs (396 billion dlrs) to farmers.",
            ["SCL001"],
        ),
        ("Trade amounted to 6.2 billion sterling (24.5 billion dlrs) last year.", ["CUR003"]),
        (
            "Losses were around 27 billion pesetas, or about 386 billion marks, the paper said.",
            ["SCL001"],
        ),
        ("Its 1986 sales were two billion French francs (131 mln dlrs), it said.", ["CUR003"]),
    ],
)
def test_before_the_table_real_rates(text: str, expect: list[str]) -> None:
    """Dated 1987, before the ECB's rates: scale slips, and figures no rate since 1971 gives."""
    assert _codes(text, "1987-04-01") == expect


def test_before_the_table_message_says_estimated() -> None:
    text = "Trade amounted to 6.2 billion sterling (24.5 billion dlrs) last year."
    options = CheckOptions(date=dt.date(1987, 3, 11), rates=default_rates)
    doc = Document(path="case.txt", source=text, text=text)
    (finding,) = check_document(doc, options).findings
    assert "estimated" in finding.message and "1987" in finding.message


@pytest.mark.parametrize(
    ("text", "date", "expect"),
    [
        # 1999-2001: a mark was 1/1.95583 euro, so its dollar rate is the euro's, exactly
        ("The deal is worth 100 million marks (48 million dollars).", "2000-06-01", []),
        ("The deal is worth 100 million marks (60 million dollars).", "2000-06-01", ["CUR003"]),
        ("The deal is worth 100 million marks (€51 million).", "2015-06-01", []),
        # a 2018 article's marks are of an earlier year: not at the 2018 rate ($0.63)
        ("The deal was worth 850 million marks (470 million dollars).", "2018-03-22", []),
    ],
)
def test_legacy_currencies_after_the_euro(text: str, date: str, expect: list[str]) -> None:
    assert _codes(text, date) == expect


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # "¥" right for yuan, not yen: another reading counts only where the text hints at it
        # (before the table any reading counts; in an undated article, not)
        ("Investors poured ¥500bn ($70bn) into the fund.", ["CUR003"]),
        ("Chinese investors poured ¥500bn ($70bn) into the fund.", []),
    ],
)
def test_undated_other_readings_need_a_hint(text: str, expect: list[str]) -> None:
    assert _undated(text) == expect

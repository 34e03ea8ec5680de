"""The seed article: the claims and findings the project was created to produce."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck

SEED = Path(__file__).resolve().parent.parent / "seeds" / "facebook-cambridge-analytica-2018.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_amount_claims(seed_text: str) -> None:
    claims = factcheck.extract(seed_text)
    got = {(c.text, c.kind.value, c.value, c.unit) for c in claims if c.kind != "year"}
    expected = {
        ("50million", "count", 5e7, None),
        ("$50billion", "money", 5e10, "USD"),
        ("£35m", "money", 3.5e7, "GBP"),
        ("$5billion", "money", 5e9, "USD"),
        ("£3.5m", "money", 3.5e6, "GBP"),
        ("around 3,000", "count", 3000, None),
        ("60 per cent", "percent", 60, "percent"),
        ("five days", "duration", 5, "day"),
        ("two billion", "count", 2e9, None),
        ("50 million", "count", 5e7, None),
        ("practically doubled", "multiplier", 2, None),
        ("£500million", "money", 5e8, "GBP"),
        ("nearly £13billion", "money", 1.3e10, "GBP"),
        ("some 8 percent", "percent", 8, "percent"),
        ("about $46 billion", "money", 4.6e10, "USD"),
        ("$6million", "money", 6e6, "USD"),
        ("33", "age", 33, "year"),
    }
    vague = {(c.text, c.low, c.high) for c in claims if c.vague}
    assert expected <= got
    assert ("tens of millions", 1e7, 1e8) in vague
    assert ("tens of thousands", 1e4, 1e5) in vague
    assert any(c.text == "billions of pounds" and c.unit == "GBP" for c in claims)
    for c in claims:
        assert seed_text[c.start : c.end] == c.text
        if c.text in ("2009", "2014", "2015", "2016"):
            assert c.kind == "year"
    assert not any(c.text == "2" for c in claims), "version 2 is not a claim"


def test_seed_links(seed_text: str) -> None:
    claims = {c.text: c for c in factcheck.extract(seed_text)}
    assert claims["£35m"].converts == claims["$50billion"].id
    assert claims["£3.5m"].converts == claims["$5billion"].id
    assert claims["nearly £13billion"].from_claim == claims["£500million"].id
    assert claims["£500million"].anchor_year == 2009
    assert claims["nearly £13billion"].anchor_year == 2015
    assert claims["about $46 billion"].measure == "market value"
    assert claims["around 3,000"].measure == "firms"
    assert claims["practically doubled"].per == "year"


@pytest.mark.parametrize("date", ["2018-03-22", None])
def test_seed_scale_slips(seed_text: str, date: str | None) -> None:
    report = factcheck.check(seed_text, date=date)
    scl = [f for f in report.findings if f.code == "SCL001"]
    assert [f.suggestion.replacement for f in scl if f.suggestion] == ["£35bn", "£3.5bn"]
    assert all(f.severity == "error" for f in scl)


@pytest.mark.parametrize("date", ["2018-03-22", None])
def test_seed_exactly_four_findings_at_warning_or_above(seed_text: str, date: str | None) -> None:
    """Issue 4, acceptance 1: two scale slips (errors), the two figures of the fall in value
    and the 'doubled every year' claim (warnings), and nothing else."""
    report = factcheck.check(seed_text, date=date)
    shown = [f for f in report.findings if f.severity != "info"]
    assert sorted(f.code for f in shown) == ["GRW002", "REP001", "SCL001", "SCL001"]
    by_code = {f.code: f for f in shown}
    assert by_code["REP001"].severity == "warning"
    assert {c.text for c in report.claims if c.id in by_code["REP001"].claims} == {
        "$50billion",
        "about $46 billion",
    }
    grw = by_code["GRW002"]
    assert grw.severity == "warning"
    assert {c.text for c in report.claims if c.id in grw.claims} == {
        "practically doubled",
        "£500million",
        "nearly £13billion",
    }
    for f in (f for f in shown if f.code == "SCL001"):
        assert f.values["rate_source"].startswith("ECB")
        if date:
            assert f.values["rate_date"] == date and "2018-03-22" in f.message
        else:
            assert f.values["rate_period"][0] == 2016  # the latest year the article mentions

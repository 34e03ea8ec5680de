"""Digits inside URLs and e-mail addresses are not numerals; the lookup that says so is a
bisection over the sorted spans, equal to testing every span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.extractors.numerals import _blocked_spans, _inside


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["http://a.b/1", "www.x.y/22", "a1@b.co", " 5m ", "3", " "]), max_size=20
    ).map("".join),
    st.integers(min_value=-1, max_value=200),
)
def test_inside_equals_a_scan_of_every_span(text: str, pos: int) -> None:
    spans = _blocked_spans(text)
    assert spans == sorted(spans)
    assert _inside(spans, pos) == any(a <= pos < b for a, b in spans)


def test_figures_in_links_are_not_claims_but_the_prose_around_them_is() -> None:
    text = "See https://example.com/report/2018/50 and mail press1@example.org: profits were £5m."
    claims = factcheck.extract(text)
    assert [c.text for c in claims] == ["£5m"]

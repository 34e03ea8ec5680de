"""What keeps the Markdown and HTML readers fast on hostile pages, and normal pages as they were.

- HTML: a '<' that starts no markup is parsed as a stand-in character and given back as '<': the
  same text, positions, dates and comments as the page parsed as it is.

Speed itself is measured in ``benchmarks/adversarial.py``, not here.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_markup import assert_maps_back, options

from factcheck.api import check_document
from factcheck.markup import to_document
from factcheck.markup.from_html import HtmlWalk
from factcheck.models import Document


def _claims_in_place(doc: Document) -> list[str]:
    claims = check_document(doc, options()).claims
    for c in claims:
        assert doc.source[c.start : c.end] == c.text, c
    return [c.text for c in claims]


# -- HTML: a '<' that starts no markup -----------------------------------------------------------

LT_PAGES = [
    "<p>Turnover fell <5% (from <£3m) to 1<2 and a < b.</p>",
    "<p>a <1 <b>$50billion</b> (<i>£35m</i>) <<< end <",
    '<p title="<1" data-x=\'a<b\'>x <1</p><a<1>tag</a<1> after',
    "<!-- factcheck: ignore[SCL001] under <5 -->\n<p>It fell by $50billion (£35m).</p>",
    "<p>Intro <5.</p><!-- factcheck: disable[SCL001] <1 --><p>$50billion (£35m)</p>",
    '<script type="application/ld+json">{"a": "<1", "datePublished": "2018-03-20"}</script><p>',
    '<meta name="pubdate" content="2018-03-18 <1"><time datetime="2018-03-19">x <1</time>',
    "<title>a <1</title><style>a<b{}</style><script>if (a<b) {}</script><p>c <2</p>",
    "<p>\ue000 <1 \ue001</p>",
    "<p>\ue000\ue001\ue002\ue003 all stand-ins taken: <1 as it is</p>",
    "<!DOCTYPE html [<1]><p>after <2</p>",
    "<p>x</p><",
]


def _as_parsed(source: str) -> Document:
    """The page through the parser as it is, with no stand-in for a text '<'."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(HtmlWalk, "feed_page", HtmlWalk.feed)
        return to_document("a.html", source, "html")


@pytest.mark.parametrize("source", LT_PAGES)
def test_text_lt_reads_as_the_page_as_it_is(source: str) -> None:
    doc = to_document("a.html", source, "html")
    assert doc == _as_parsed(source)
    assert_maps_back(doc)


def test_text_lt_claims_stay_in_place() -> None:
    doc = to_document("a.html", LT_PAGES[0], "html")
    assert doc.text == "Turnover fell <5% (from <£3m) to 1<2 and a < b."
    assert "£3m" in " ".join(_claims_in_place(doc))
    [ignore] = to_document("a.html", LT_PAGES[3], "html").suppressions
    assert ignore.reason == "under <5"


_BITS = st.sampled_from(
    ["<", "<1", "< ", "<<", "<a", "</", "<!--", "-->", "<p>", "</p>", "<b x='<1'>", "</b>", "&lt;",
     "\ue000", "<script>", "</script>", "<!-- factcheck: ignore[SCL001] <2 -->", "$5m", " ", "\n",
     ">", '"', "<br>", "<li>", "<meta name=date content='<3'>"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.lists(st.one_of(_BITS, st.text(max_size=3)), max_size=30).map("".join))
def test_any_page_reads_as_the_page_as_it_is(source: str) -> None:
    assert to_document("a.html", source, "html") == _as_parsed(source)

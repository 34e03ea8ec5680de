"""What keeps the Markdown and HTML readers fast on hostile pages, and normal pages as they were.

- Markdown: the inline markup of ``MAX_INLINE_MARKUP`` markup characters per document is parsed;
  a paragraph that would go over is read as plain text, markup left in, every character at its
  place in the source. Text runs end only where an enabled inline rule can start.
- HTML: a '<' that starts no markup is parsed as a stand-in character and given back as '<': the
  same text, positions, dates and comments as the page parsed as it is.
- Markdown: past markdown-it's nesting limit (ten lists, twenty quotes deep), a block is one
  paragraph of its lines as written, instead of the rest of the quote or document being skipped.
- Both: the cyclic garbage collector is paused while converting, and left as it was found.

Speed itself is measured in ``benchmarks/adversarial.py``, not here.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_markup import assert_maps_back, options

from factcheck.api import check_document
from factcheck.markup import from_markdown, to_document
from factcheck.markup.from_html import HtmlWalk
from factcheck.models import Document

ROOT = Path(__file__).resolve().parent.parent
BUDGET = from_markdown.MAX_INLINE_MARKUP


def _markup(source: str) -> int:
    return sum(source.count(c) for c in "*_`[]<&\\!~\n")


def _claims_in_place(doc: Document) -> list[str]:
    claims = check_document(doc, options()).claims
    for c in claims:
        assert doc.source[c.start : c.end] == c.text, c
    return [c.text for c in claims]


# -- Markdown: the inline markup budget ----------------------------------------------------------


def test_articles_are_far_under_the_budget() -> None:
    articles = [ROOT / "tests" / "data" / "seed.md", *sorted(ROOT.glob("examples/**/*.md"))]
    for path in articles:
        assert _markup(path.read_text("utf-8")) * 20 < BUDGET, path


def test_a_paragraph_over_the_budget_is_plain_text_in_place() -> None:
    hostile = " ".join(["**£5m**"] * (BUDGET // 4 + 1))  # 4 markup characters each
    source = f"Before *£1m*.\n\n{hostile}\n\nAfter *£6m*.\n"
    doc = to_document("a.md", source, "markdown")
    assert doc.text == f"Before £1m.\n\n{hostile}\n\nAfter £6m."
    assert_maps_back(doc)
    claims = _claims_in_place(doc)
    assert claims[0] == "£1m" and "£5m" in claims


def test_the_budget_is_per_document_and_spent_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(from_markdown, "MAX_INLINE_MARKUP", 6)
    source = "*a* b\n\n*c* **d**\n\n*e*\n\n| x |\n|---|\n| *f* _g_ |\n"
    doc = to_document("a.md", source, "markdown")
    # markup characters: 2 (4 left), 6 (over: plain), 2 (2 left), 0, 4 (over: plain)
    assert doc.text == "a b\n\n*c* **d**\n\ne\n\nx\n\n*f* _g_"
    assert_maps_back(doc)


# -- Markdown: the line budget ------------------------------------------------------------------


def test_articles_are_far_under_the_line_budget() -> None:
    articles = [ROOT / "tests" / "data" / "seed.md", ROOT / "README.md"]
    for path in articles:
        lines = path.read_text("utf-8").count("\n")
        assert lines * 20 < from_markdown.MAX_MARKDOWN_LINES, path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_lines_past_the_budget_are_plain_text_in_place(
    monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    monkeypatch.setattr(from_markdown, "MAX_MARKDOWN_LINES", 4)
    lines = [
        "# Results",
        "",
        "Profit *rose* to £5m.",
        "",
        "```",
        "It cost $50billion (£35m).",
        "```",
        "- *Sales* hit £6m",
    ]
    source = newline.join(lines) + newline
    doc = to_document("a.md", source, "markdown")
    # the first four lines are Markdown (heading, paragraph); from line 5 on, text as written
    assert doc.text.startswith("Results\n\nProfit rose to £5m.\n\n```")
    assert "- *Sales* hit £6m" in doc.text
    assert_maps_back(doc)
    assert _claims_in_place(doc) == ["£5m", "$50billion", "£35m", "£6m"]


def test_under_the_line_budget_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    source = (ROOT / "tests" / "data" / "seed.md").read_text("utf-8")
    before = to_document("a.md", source, "markdown")
    lines = source.count("\n")
    monkeypatch.setattr(from_markdown, "MAX_MARKDOWN_LINES", lines + 2)
    after = to_document("a.md", source, "markdown")
    assert (after.text, after.offsets) == (before.text, before.offsets)


def test_a_table_past_the_pipe_budget_is_plain_text_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(from_markdown, "MAX_TABLE_PIPES", 10)
    source = "# Results\n\n|a|b|\n|-|-|\n|£5m|£6m|\n|£7m|£8m|\n\nAfter *it*: £9m.\n"
    doc = to_document("a.md", source, "markdown")
    # the 10th "|" is on the row of £7m: from that line on, text as written
    assert doc.text.startswith("Results\n\na\n\nb\n\n£5m\n\n£6m\n\n|£7m|£8m|")
    assert doc.text.endswith("After *it*: £9m.\n")
    assert_maps_back(doc)
    assert _claims_in_place(doc) == ["£5m", "£6m", "£7m", "£8m", "£9m"]


def test_lines_past_the_nesting_budget_are_plain_text_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(from_markdown, "MAX_NESTING_MARKS", 10)
    source = "> > It rose to £5m.\n\n> > > > It fell to £4m.\n\n> > > > It is £3m.\n"
    doc = to_document("a.md", source, "markdown")
    # prefixes "> > " (4) and "> > > > " (8): past 10 on the second quote, text from there on
    assert doc.text.startswith("It rose to £5m.\n\n> > > > It fell to £4m.")
    assert_maps_back(doc)
    assert _claims_in_place(doc) == ["£5m", "£4m", "£3m"]
    monkeypatch.undo()
    assert from_markdown.split_at_line_budget("  - a\n" * 100) == 600  # silent: far under


def test_tables_under_the_pipe_budget_are_cells() -> None:
    assert from_markdown.MAX_TABLE_PIPES >= 4 * 1_100  # ten columns, a hundred rows, four times
    row = "|" + "|".join(f"£{i}m" for i in range(10)) + "|\n"
    source = "|" + "|".join("c" * 10) + "|\n|" + "-|" * 10 + "\n" + row * 100
    doc = to_document("a.md", source, "markdown")
    assert "|" not in doc.text and doc.text.count("£9m") == 100


# -- Markdown: the nesting limit ------------------------------------------------------------------

SLIP = "It slashed its value by $50billion (£35m)."


def _list(depth: int, last: str) -> str:
    return "".join("  " * i + "- level\n" for i in range(depth)) + "  " * depth + f"- {last}\n"


@pytest.mark.parametrize(
    ("source", "claims"),
    [
        # a list ten deep: its last item and the rest of the document were skipped, exit 0
        (_list(10, SLIP) + f"\nAfter the list: {SLIP}\n", ["$50billion", "£35m"] * 2),
        (_list(14, SLIP) + "- back at the top, £6m\n", ["$50billion", "£35m", "£6m"]),
        # a quote twenty deep lost its own text
        (">" * 20 + f" {SLIP}\n\nAfter the quote: {SLIP}\n", ["$50billion", "£35m"] * 2),
        ("> " * 1000 + f"{SLIP}\n> {SLIP}\n\nnext £6m\n", ["$50billion", "£35m"] * 2 + ["£6m"]),
    ],
)
def test_text_past_the_nesting_limit_is_checked_in_place(source: str, claims: list[str]) -> None:
    doc = to_document("a.md", source, "markdown")
    assert_maps_back(doc)
    assert _claims_in_place(doc) == claims


def test_under_the_nesting_limit_nothing_changes() -> None:
    """Silent: the rule is only tried two levels below markdown-it's limit, so a page nested
    less deeply reads exactly as markdown-it reads it (markers out, one block per item)."""
    shallow = _list(8, SLIP) + ">" * 17 + f" {SLIP}\n"
    doc = to_document("a.md", shallow, "markdown")
    assert doc.text == "\n\n".join(["level"] * 8 + [SLIP, SLIP])


def test_a_deep_block_keeps_its_markers_as_text() -> None:
    doc = to_document("a.md", ">" * 25 + " £5m\n", "markdown")
    assert doc.text == ">" * 7 + " £5m"  # the 18 quotes markdown-it opened are not in the text
    assert_maps_back(doc)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("a *b*\n   c [d](http://e)\n", "a *b*\nc [d](http://e)"),
        ("> a *b*\n>   c\n> d\n", "a *b*\nc\nd"),
        ("- a *b*\n  c\n", "a *b*\nc"),
        ("a *b*\r\n  c\r\n", "a *b*\nc"),
        ("# a *b* #\n", "a *b*"),
        ("a <!-- factcheck: ignore[SCL001] --> *b*\n", "a <!-- factcheck: ignore[SCL001] --> *b*"),
    ],
)
def test_plain_text_keeps_lines_and_places(
    monkeypatch: pytest.MonkeyPatch, source: str, text: str
) -> None:
    monkeypatch.setattr(from_markdown, "MAX_INLINE_MARKUP", 0)
    doc = to_document("a.md", source, "markdown")
    assert doc.text == text
    assert doc.suppressions == []
    assert_maps_back(doc)


def test_text_runs_end_only_where_a_rule_can_start() -> None:
    """The narrower set of text ends changes no token, only how often the rules are tried."""
    source = (ROOT / "tests" / "data" / "seed.md").read_text("utf-8") + (
        "\n\n$5m-$6m: 50% +3 = #1 @x ^y {z} a>b <http://x.y> [a]: b *c* [d] `e` &amp; ~~f~~ \\g\n"
    )
    plain = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    narrow = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    narrow.inline.terminator_re = from_markdown.TEXT_ENDS
    assert [t.as_dict() for t in narrow.parse(source)] == [t.as_dict() for t in plain.parse(source)]


# -- HTML: a '<' that starts no markup -----------------------------------------------------------

LT_PAGES = [
    "<p>Turnover fell <5% (from <£3m) to 1<2 and a < b.</p>",
    "<p>a <1 <b>$50billion</b> (<i>£35m</i>) <<< end <",
    "<p title=\"<1\" data-x='a<b'>x <1</p><a<1>tag</a<1> after",
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
    [
        "<",
        "<1",
        "< ",
        "<<",
        "<a",
        "</",
        "<!--",
        "-->",
        "<p>",
        "</p>",
        "<b x='<1'>",
        "</b>",
        "&lt;",
        "\ue000",
        "<script>",
        "</script>",
        "<!-- factcheck: ignore[SCL001] <2 -->",
        "$5m",
        " ",
        "\n",
        ">",
        '"',
        "<br>",
        "<li>",
        "<meta name=date content='<3'>",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.lists(st.one_of(_BITS, st.text(max_size=3)), max_size=30).map("".join))
def test_any_page_reads_as_the_page_as_it_is(source: str) -> None:
    assert to_document("a.html", source, "html") == _as_parsed(source)


# -- both: the cyclic garbage collector ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("enabled", [True, False])
def test_gc_is_left_as_it_was(fmt: str, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        to_document("a", "<p>It rose by *£5m*.</p>", fmt)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def _line_starts_reference(source: str) -> list[int]:
    starts, i, n = [0], 0, len(source)
    while i < n:
        ch = source[i]
        if ch in "\r\n":
            i += 2 if ch == "\r" and i + 1 < n and source[i + 1] == "\n" else 1
            starts.append(i)
        else:
            i += 1
    return starts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\r\n ", max_size=40))
def test_line_starts_follow_commonmark_line_endings(source: str) -> None:
    assert from_markdown.line_starts(source) == _line_starts_reference(source)

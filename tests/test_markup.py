"""Markdown and HTML → checked text: conversion, positions in the source, dates, suppressions.

The seed article exists as text, Markdown and HTML (tests/data/seed.md, seed.html): all three
must give the same claims and findings, each at its own line and column of its own file.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.api import CheckOptions, check_document
from factcheck.markup import to_document
from factcheck.models import Document, FileResult
from factcheck.rates import FixedRates
from factcheck.segment import LineIndex

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_TEXT = (ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt").read_text("utf-8")
SEED = {
    "text": SEED_TEXT,
    "markdown": (DATA / "seed.md").read_text("utf-8"),
    "html": (DATA / "seed.html").read_text("utf-8"),
}
CASES = tomllib.loads((DATA / "markup_cases.toml").read_text("utf-8"))
RATES = {("USD", "GBP"): 0.7075, ("EUR", "GBP"): 0.8703, ("EUR", "USD"): 1.2301}
_TAG = re.compile(r"<[^>]*>")
_MD_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|\\(?=[^\w\s])")
_SPACES = re.compile(r"\s+")
_LINE_REF = re.compile(r"\(line (\d+)\)")


def options() -> CheckOptions:
    return CheckOptions(date=dt.date(2018, 3, 22), rates=lambda: FixedRates(RATES))


def check(fmt: str, source: str | None = None, **kw: Any) -> tuple[Document, FileResult]:
    doc = to_document(f"seed.{fmt}", SEED[fmt] if source is None else source, fmt, **kw)
    return doc, check_document(doc, options())


def assert_maps_back(doc: Document) -> None:
    """Every piece of the text came from its source span, in order."""
    m = doc.offsets
    prev_end = 0
    for ts, te, ss, se in zip(
        m.text_starts, m.text_ends, m.source_starts, m.source_ends, strict=True
    ):
        text, src = doc.text[ts:te], doc.source[ss:se]
        assert ss >= prev_end, "pieces are in source order"
        assert se > ss, f"text {text!r} is pinned to no source"
        prev_end = se
        if len(text) == len(src):
            same = [" " if a.isspace() else a for a in text]
            written = [" " if b.isspace() else "\ufffd" if b == "\0" else b for b in src]
            assert same == written, (text, src)
        else:
            if src.lower().startswith("<br"):
                assert text == "\n"
                continue
            assert src.startswith(("&", "\\")) or not src.strip(), (text, src)
            assert html.unescape(src) == text or not src.strip() or src[1:] == text


# -- the seed in three formats ------------------------------------------------------------


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[Document, FileResult]]:
    return {fmt: check(fmt) for fmt in SEED}


def _as_written(fmt: str, source: str) -> str:
    """A claim's source span as it reads: markup and entities removed."""
    if fmt == "html":
        source = _TAG.sub("", source)
    elif fmt == "markdown":
        source = _MD_MARKUP.sub("", source)
    return _SPACES.sub(" ", html.unescape(source))


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_same_claims(results: dict[str, tuple[Document, FileResult]], fmt: str) -> None:
    plain = [(c.text, c.kind, c.value, c.unit, c.converts) for c in results["text"][1].claims]
    got = [(c.text, c.kind, c.value, c.unit, c.converts) for c in results[fmt][1].claims]
    assert got == plain


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_same_findings(results: dict[str, tuple[Document, FileResult]], fmt: str) -> None:
    def key(r: FileResult) -> list[tuple[object, ...]]:
        texts = {c.id: c.text for c in r.claims}
        return [
            (
                f.code,
                f.severity,
                tuple(texts[i] for i in f.claims),
                _LINE_REF.sub("(line N)", f.message),
                f.suggestion.replacement if f.suggestion else None,
            )
            for f in r.findings
        ]

    plain = key(results["text"][1])
    assert {k[0] for k in plain} >= {"SCL001"}
    assert key(results[fmt][1]) == plain


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_seed_positions_in_source(
    results: dict[str, tuple[Document, FileResult]], fmt: str
) -> None:
    doc, result = results[fmt]
    lines = LineIndex(doc.source)
    for c in result.claims:
        assert _as_written(fmt, doc.source[c.start : c.end]) == c.text
        assert (c.line, c.column) == lines.position(c.start)
        assert (c.end_line, c.end_column) == lines.position(c.end)
    by_id = {c.id: c for c in result.claims}
    for f in result.findings:
        blamed = by_id[f.claims[0]]
        assert f.span == (blamed.start, blamed.end)
        assert (f.line, f.column, f.end_line, f.end_column) == (
            blamed.line,
            blamed.column,
            blamed.end_line,
            blamed.end_column,
        )
        for r in f.related:
            assert (r.span, r.line, r.column) == (
                (by_id[r.claim].start, by_id[r.claim].end),
                by_id[r.claim].line,
                by_id[r.claim].column,
            )
        if f.suggestion is not None:
            assert _as_written(fmt, doc.source[slice(*f.suggestion.span)]) == blamed.text


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_seed_message_lines_are_source_lines(
    results: dict[str, tuple[Document, FileResult]], fmt: str
) -> None:
    _, result = results[fmt]
    by_id = {c.id: c for c in result.claims}
    refs = [(f, int(m.group(1))) for f in result.findings for m in _LINE_REF.finditer(f.message)]
    assert refs
    for f, line in refs:
        assert line in {by_id[i].line for i in f.claims}, f.message


def test_seed_scale_slips_where_written(results: dict[str, tuple[Document, FileResult]]) -> None:
    spots = {
        fmt: [(f.line, f.column) for f in r.findings if f.code == "SCL001"]
        for fmt, (_, r) in results.items()
    }
    assert spots == {
        "text": [(8, 179), (8, 219)],
        "markdown": [(15, 258), (15, 306)],
        "html": [(26, 67), (27, 24)],
    }
    doc, result = results["html"]
    first = next(f for f in result.findings if f.code == "SCL001")
    assert doc.source[slice(*first.span)] == "&pound;35m"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_code_comments_and_chrome_give_nothing(
    results: dict[str, tuple[Document, FileResult]], fmt: str
) -> None:
    doc, result = results[fmt]
    assert SEED[fmt].count("$50billion (£35m)") >= 3
    for skipped in (
        "Correction log",
        "Wire copy",
        "Draft note",
        "Chart",
        "teaser",
        "Save 50%",
        "Subscriptions",
        "Related",
        "Enable JavaScript",
    ):
        assert skipped not in doc.text
    assert [c.text for c in result.claims].count("$50billion") == 1
    assert_maps_back(doc)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_skip_blockquotes(fmt: str) -> None:
    kept = {c.text for c in check(fmt)[1].claims}
    skipped = {c.text for c in check(fmt, skip_blockquotes=True)[1].claims}
    assert kept - skipped == {"60 per cent"}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_crlf(fmt: str) -> None:
    doc, result = check(fmt, SEED[fmt].replace("\n", "\r\n"))
    _, lf = check(fmt)
    assert [(c.text, c.line, c.column) for c in result.claims] == [
        (c.text, c.line, c.column) for c in lf.claims
    ]
    assert_maps_back(doc)


def test_seed_dates() -> None:
    assert to_document("a.md", SEED["markdown"], "markdown").date.model_dump() == {
        "value": "2018-03-22",
        "source": "front-matter",
        "text": "2018-03-22",
    }
    assert to_document("a.html", SEED["html"], "html").date.model_dump() == {
        "value": "2018-03-22",
        "source": "meta",
        "text": "2018-03-22T09:14:00+00:00",
    }


# -- conversion cases ------------------------------------------------------------------------


def _cases(fmt: str) -> list[Any]:
    return [
        pytest.param(c["source"], c["text"], id=f"{c['group']}: {c['why']}") for c in CASES[fmt]
    ]


@pytest.mark.parametrize(("source", "text"), _cases("markdown"))
def test_markdown_case(source: str, text: str) -> None:
    doc = to_document("case.md", source, "markdown")
    assert doc.text == text
    assert_maps_back(doc)


@pytest.mark.parametrize(("source", "text"), _cases("html"))
def test_html_case(source: str, text: str) -> None:
    doc = to_document("case.html", source, "html")
    assert doc.text == text
    assert_maps_back(doc)


@pytest.mark.parametrize(
    ("source", "fmt"),
    [
        ("```\nslashed its value by $50billion (£35m)\n```\n", "markdown"),
        ("    slashed its value by $50billion (£35m)\n", "markdown"),
        ("Quoted: `slashed its value by $50billion (£35m)`\n", "markdown"),
        ("<!--\nslashed its value by $50billion (£35m)\n-->\n", "markdown"),
        ("<pre><code>slashed its value by $50billion (£35m)</code></pre>", "html"),
        ("<p>Quoted: <code>slashed its value by $50billion (&pound;35m)</code></p>", "html"),
        ("<script>slashed its value by $50billion (£35m)</script><p>Fine.</p>", "html"),
    ],
)
def test_code_gives_nothing(source: str, fmt: str) -> None:
    _, result = check(fmt, source)
    assert result.claims == [] and result.findings == []
    prose = check("text", "It slashed its value by $50billion (£35m).\n")[1]
    assert [f.code for f in prose.findings] == ["SCL001"]


# -- dates from metadata ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "source", "expected"),
    [
        (
            "markdown",
            "---\npublished: '2018-03-21T10:00:00Z'\ndate: 2018-01-01\n---\nx\n",
            ("2018-03-21", "front-matter"),
        ),
        ("markdown", "+++\ndate = 2018-03-22T09:00:00Z\n+++\nx\n", ("2018-03-22", "front-matter")),
        ("markdown", "---\ndate: 22 March 2018\n---\nx\n", ("2018-03-22", "front-matter")),
        ("markdown", "---\ndate: soon\n---\nx\n", (None, "none")),
        ("markdown", "---\ndate: 2018-03-22\nno closing fence\n", (None, "none")),
        (
            "html",
            '<script type="application/ld+json">{"@graph": [{"datePublished": '
            '"2018-03-20T08:00:00Z"}]}</script><p>x</p>',
            ("2018-03-20", "meta"),
        ),
        ("html", '<script type="application/ld+json">{not json</script><p>x</p>', (None, "none")),
        (
            "html",
            '<article><time datetime="2018-03-19">19 March</time><p>x</p></article>',
            ("2018-03-19", "time"),
        ),
        (
            "html",
            '<meta name="pubdate" content="2018-03-18"><time datetime="2018-03-19">',
            ("2018-03-18", "meta"),
        ),
        ("html", "<p>No date here.</p>", (None, "none")),
    ],
)
def test_metadata_date(fmt: str, source: str, expected: tuple[str | None, str]) -> None:
    date = to_document("x", source, fmt).date
    assert (date.value, date.source) == expected


def test_dateline_still_found_in_markdown_body() -> None:
    doc = to_document("a.md", "# Story\n\nLONDON, 22 March 2018 — It fell by $5bn.\n", "markdown")
    assert doc.date.source == "none"
    result = check_document(doc, CheckOptions(rates=lambda: FixedRates(RATES)))
    assert result.date is not None
    assert (result.date.value, result.date.source) == ("2018-03-22", "dateline")


# -- robustness ------------------------------------------------------------------------------

_MARKUP_BITS = st.sampled_from(
    [
        "**",
        "*",
        "_",
        "`",
        "```",
        "~~",
        "[",
        "](",
        ")",
        "![",
        "<",
        ">",
        "&",
        "&pound;",
        "&#",
        "\\",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "    ",
        "> ",
        "- ",
        "1. ",
        "# ",
        "---",
        "+++",
        "|",
        "<!--",
        "-->",
        "<p>",
        "</p>",
        "<b>",
        "<script>",
        "</script>",
        "<br>",
        "&amp",
        "\x00",
        "\ufeff",
        "$50billion",
        "(£35m)",
        " ",
        "<!-- factcheck: ignore[SCL001] -->",
        "[x]: http://y\n",
    ]
)
_SOURCES = st.lists(st.one_of(_MARKUP_BITS, st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_SOURCES, fmt=st.sampled_from(["markdown", "html", "text"]))
def test_any_source_converts(source: str, fmt: str) -> None:
    doc = to_document("fuzz", source, fmt)
    m = doc.offsets
    for i in range(len(doc.text) + 1):
        assert 0 <= m.to_source(i) <= len(source)
        assert 0 <= m.to_source_end(i) <= len(source)
    for s in doc.suppressions:
        assert 0 <= s.applies[0] <= s.applies[1] <= len(doc.text)
    result = check_document(doc, options())
    for c in result.claims:
        assert 0 <= c.start <= c.end <= len(source)


# -- inline suppression comments -------------------------------------------------------------

SLIP = "It slashed its value by $50billion (£35m)."


def _covered(doc: Document) -> list[tuple[str, list[str], str]]:
    return [(s.action, s.codes, doc.text[s.applies[0] : s.applies[1]]) for s in doc.suppressions]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_ignore_covers_the_next_block(fmt: str) -> None:
    comment = "<!-- factcheck: ignore[SCL001] checked with the desk -->"
    if fmt == "markdown":
        source = f"Intro.\n\n{comment}\n{SLIP}\n\nAlso: {SLIP}\n"
    else:
        source = f"<p>Intro.</p>\n{comment}\n<p>{SLIP}</p>\n<p>Also: {SLIP}</p>"
    doc, result = check(fmt, source)
    assert _covered(doc) == [("ignore", ["SCL001"], SLIP)]
    s = doc.suppressions[0]
    assert (s.line, s.column, s.reason) == (
        3 if fmt == "markdown" else 2,
        1,
        "checked with the desk",
    )
    assert source[s.span[0] : s.span[1]] == comment
    assert [(f.code, f.line) for f in result.findings if f.code == "SCL001"] == [
        ("SCL001", 6 if fmt == "markdown" else 4)
    ]


def test_ignore_covers_the_whole_next_block_at_its_level() -> None:
    source = (
        "<!-- factcheck: ignore[SCL] -->\n- one £1\n- two £2\n\nAfter £3.\n\n"
        "- x\n  <!-- factcheck: ignore[REP] -->\n- y\n\n"
        "<!-- factcheck: ignore[CUR] -->\n```\ncode\n```\n\nEnd.\n\n"
        "> <!-- factcheck: ignore[TOT] -->\n\nOut.\n"
    )
    doc = to_document("a.md", source, "markdown")
    assert _covered(doc) == [
        ("ignore", ["SCL"], "one £1\n\ntwo £2"),
        ("ignore", ["REP"], ""),  # the last thing in its list item: nothing follows
        ("ignore", ["CUR"], ""),  # a code block takes it and has no prose
        ("ignore", ["TOT"], ""),  # the quote ends first
    ]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_ignore_inside_a_paragraph_covers_it(fmt: str) -> None:
    if fmt == "markdown":
        source = f"First.\n\n{SLIP} <!-- factcheck: ignore[SCL001] -->\nmore.\n\nLast.\n"
    else:
        source = f"<p>First.</p><p>{SLIP} <!-- factcheck: ignore[SCL001] --> more.</p><p>Last."
    doc, result = check(fmt, source)
    assert _covered(doc)[0][2].startswith(SLIP)
    assert not [f for f in result.findings if f.code == "SCL001"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_disable_enable_range(fmt: str) -> None:
    parts = [
        "<!-- factcheck: disable[SCL001,REP] -->",
        f"A: {SLIP}",
        "<!-- factcheck: enable[REP] -->",
        f"B: {SLIP}",
        "<!-- factcheck: enable[SCL001] -->",
        f"C: {SLIP}",
        "<!-- factcheck: disable[CUR] not this file -->",
        "D.",
    ]
    if fmt == "markdown":
        source = "\n\n".join(parts) + "\n"
    else:
        source = "\n".join(p if p.startswith("<!--") else f"<p>{p}</p>" for p in parts)
    doc, result = check(fmt, source)
    assert _covered(doc) == [
        ("disable", ["SCL001"], f"A: {SLIP}\n\nB: {SLIP}\n\n"),
        ("disable", ["REP"], f"A: {SLIP}\n\n"),
        ("enable", ["REP"], ""),
        ("enable", ["SCL001"], ""),
        ("disable", ["CUR"], "D."),
    ]
    assert doc.suppressions[-1].reason == "not this file"
    texts = {c.id: c.text for c in result.claims}
    slips = [f for f in result.findings if f.code == "SCL001"]
    assert len(slips) == 1 and texts[slips[0].claims[0]] == "£35m"
    assert slips[0].line == (11 if fmt == "markdown" else 6)


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("<!-- factcheck: ignore -->", "codes are mandatory: write ignore[CODE]"),
        ("<!-- factcheck: disable[] -->", "codes are mandatory: disable[] names no rule"),
        ("<!-- factcheck: ignore[scl001] -->", "'scl001' is not a rule code or prefix"),
        ("<!-- factcheck: ignore[SCL001 reason -->", "unclosed '[' after ignore"),
        ("<!-- factcheck: ignroe[SCL001] -->", "unknown action 'ignroe'"),
        ("<!-- factcheck ignore[SCL001] -->", "a colon is needed after factcheck"),
        ("<!-- factcheck: ignore[SCL001]reason -->", "malformed"),
        ("<!-- factcheck: enable[SCL001] -->", "enable[SCL001] has no earlier disable[SCL001]"),
    ],
)
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_invalid_suppressions_are_recorded(fmt: str, comment: str, message: str) -> None:
    source = (
        f"Intro.\n\n  {comment}\n\n{SLIP}\n"
        if fmt == "markdown"
        else (f"<p>Intro.</p>\n  {comment}<p>{SLIP}</p>")
    )
    doc, result = check(fmt, source)
    assert doc.suppressions == []
    [bad] = doc.invalid_suppressions
    assert bad.message.startswith(message)
    assert "\n" not in bad.message
    assert (bad.text, bad.line, bad.column) == (comment, 3 if fmt == "markdown" else 2, 3)
    assert source[bad.span[0] : bad.span[1]] == comment
    assert [f.code for f in result.findings if f.code == "SCL001"] == ["SCL001"]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- factchecked by the desk -->",
        "<!-- factcheck by Jane -->",
        "<!-- TODO: factcheck -->",
        "<!-- a note -->",
    ],
)
def test_other_comments_are_not_directives(comment: str) -> None:
    for fmt, source in (("markdown", f"{comment}\n\nText.\n"), ("html", f"{comment}<p>Text.")):
        doc = to_document("x", source, fmt)
        assert doc.suppressions == [] and doc.invalid_suppressions == [], fmt


def test_comments_in_code_or_skipped_quotes_are_not_directives() -> None:
    source = (
        "```\n<!-- factcheck: ignore -->\n```\n\n    <!-- factcheck: ignore -->\n\n"
        "`<!-- factcheck: ignore -->`\n\n> <!-- factcheck: ignore -->\n"
    )
    assert (
        len(to_document("a.md", source, "markdown", skip_blockquotes=False).invalid_suppressions)
        == 1
    )
    assert to_document("a.md", source, "markdown", skip_blockquotes=True).invalid_suppressions == []
    page = "<pre><!-- factcheck: ignore --></pre><script><!-- factcheck: ignore --></script>"
    assert to_document("a.html", page, "html").invalid_suppressions == []


def test_bare_tags_share_stack_entries_but_never_an_ignore() -> None:
    """Tags without attributes share one stack entry per tag (from_html.HtmlWalk._bare); an
    entry an ignore comment covers is its own, so the cover stays on its element."""
    para = f"<p><b>{SLIP}</b></p>\n"
    source = (
        para
        + "<!-- factcheck: ignore[SCL001] -->\n"
        + para
        + para
        + '<div><p hidden="">'
        + SLIP
        + "</p></div>\n<header><p>"
        + SLIP
        + "</p></header>\n"
        + "<p><i>"
        + SLIP
        + "</i></p>"
        + para
    )
    doc, result = check("html", source)
    assert _covered(doc) == [("ignore", ["SCL001"], SLIP)]
    lines = [f.line for f in result.findings if f.code == "SCL001"]
    assert lines == [1, 4, 7, 7]  # not the covered line 3, the hidden <p> or the page <header>

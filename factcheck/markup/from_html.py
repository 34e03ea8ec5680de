"""HTML → checked text, with the standard library's tolerant ``html.parser``.

The article body only: when the page has ``<article>`` (else ``<main>``) only its text is kept.
Left out: ``script``, ``style``, ``template``, ``noscript``, ``nav``, ``footer``, ``aside``,
``form`` controls, ``pre``/``code``, struck-out text (``del``, ``s``), hidden elements, the
``<head>``, a page ``<header>`` outside the article, comments, and ``blockquote`` when asked.
Whitespace collapses as a browser shows it; each block element (``p``, ``h1``, ``li``, ``td`` …)
is its own block. Entities are decoded, each mapped to its whole source span (``&pound;``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from types import MappingProxyType

from factcheck.markup.directives import Collector, Directive
from factcheck.markup.metadata import HtmlDates
from factcheck.markup.pieces import Block

BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "optgroup",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    }
)
SKIPPED = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "nav",
        "footer",
        "aside",
        "head",
        "title",
        "form",
        "button",
        "select",
        "textarea",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "pre",
        "code",
        "kbd",
        "samp",
        "del",
        "s",
        "strike",
    }
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# A start tag of the key closes an open element of the value (the browser's implied end tags).
_CLOSES = MappingProxyType(
    {
        "li": frozenset({"li"}),
        "dt": frozenset({"dt", "dd"}),
        "dd": frozenset({"dt", "dd"}),
        "tr": frozenset({"tr", "td", "th"}),
        "td": frozenset({"td", "th"}),
        "th": frozenset({"td", "th"}),
        "option": frozenset({"option"}),
    }
)
_NOTHING: frozenset[str] = frozenset()
_BARE_TAGS = 64  # distinct bare tags given a shared stack entry (a page may invent thousands)
_REGIONS = MappingProxyType({"article": 2, "main": 1})  # the others: 0
_END_TAG_SEARCH = 512  # how deep an end tag looks for its start tag
# A '<' that starts no markup: html.parser (and HTML5) reads it as text, one call per '<'.
_TEXT_LT = re.compile(r"<(?![A-Za-z!/?]|\Z)")
_MARKS = ("\ue000", "\ue001", "\ue002", "\ue003")  # private use: stands in for such a '<'
# A whitespace run (it collapses to one space), or words with single spaces between them and
# perhaps one after (copied as they are, one piece).
_WS = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+(?: [^ \t\n\r\f]+)*(?: (?![\t\n\r\f ]))?")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def line_starts(source: str) -> list[int]:
    """Line starts as ``html.parser`` counts lines (by ``\\n``)."""
    starts = [0]
    i = source.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = source.find("\n", i + 1)
    return starts


@dataclass(slots=True)
class _Open:
    tag: str
    skip: bool
    region: int  # 2 article, 1 main, 0 other
    covers: Sequence[Directive] = ()  # the ignore comments that cover it (usually none)


class HtmlWalk(HTMLParser):
    """Feeds on one page; afterwards ``blocks``, ``dates`` and the collector hold the results."""

    def __init__(self, source: str, *, skip_blockquotes: bool, collector: Collector) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = line_starts(source)
        self.skip_blockquotes = skip_blockquotes
        self.collector = collector
        self.blocks: list[Block] = []
        self.current = Block()
        self.current_covers: list[Directive] = []
        self.stack: list[_Open] = []
        self.skipping = 0
        self.regions = [0, 0, 0]  # open elements per region kind
        self.dates = HtmlDates.empty()
        self.json_ld: list[str] | None = None
        self.pending: list[tuple[int, Directive]] = []  # (depth, ignore) awaiting its block
        self.covering = 0  # open elements whose covers are not empty (usually none)
        self.has_text = False  # the block being built has more than blanks (str.strip)
        self.mark = ""  # the character that stands in for a text '<' in what the parser reads
        self.bare: dict[str, _Open] = {}  # the shared entries of tags without attributes

    def feed_page(self, page: str) -> None:
        """Parse ``page`` (the source, or a cut of it) with every text '<' as one stand-in.

        "a <1 b" costs the parser a call per '<', which is slow on "<1<1<1…". Each '<' that
        starts no markup becomes a private-use character the page does not hold (same length,
        so every offset holds); the callbacks turn it back into '<'. Without a free character
        the page is parsed as it is.
        """
        mark = next((m for m in _MARKS if m not in page), "")
        if mark:
            page, count = _TEXT_LT.subn(mark, page)
            self.mark = mark if count else ""
        self.feed(page)

    def _restore(self, text: str) -> str:
        return text.replace(self.mark, "<") if self.mark and self.mark in text else text

    # -- positions and text ----------------------------------------------------------------

    def _here(self) -> int:
        return self.starts[min(self.lineno, len(self.starts)) - 1] + self.offset

    def _emit(self, text: str, start: int, end: int) -> None:
        if self.skipping:
            return
        visible = bool(text.strip())
        if visible and self.pending:
            depth = len(self.stack)
            self.current_covers.extend(d for lv, d in self.pending if lv == depth)
            self.pending = [(lv, d) for lv, d in self.pending if lv != depth]
        if not visible and not text.strip(" \t\n\r\f"):
            if self.current.pieces and not self.current.ends_with_space():
                self.current.add(" ", start, end)
            return
        self.current.add(text, start, end)
        self.has_text = self.has_text or visible

    def flush(self) -> None:
        """End the block being built (at a block element's start or end, and at the end)."""
        if not self.current.pieces:  # nothing begun: the same empty block goes on
            if self.current_covers:
                self.current_covers = []
            return
        self.current.strip_trailing()
        if self.has_text:
            index = len(self.blocks)
            self.current.region = 2 if self.regions[2] else 1 if self.regions[1] else 0
            self.blocks.append(self.current)
            for d in self.current_covers:
                d.covers.add(index)
            if self.covering:  # never a walk over a deep stack of unclosed tags otherwise
                for entry in self.stack:
                    for d in entry.covers:
                        d.covers.add(index)
        self.current = Block()
        if self.current_covers:
            self.current_covers = []
        self.has_text = False

    # -- parser callbacks ----------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.mark and self.mark in data:
            data = self._restore(data)
        if self.json_ld is not None:
            self.json_ld.append(data)
        if self.skipping:
            return
        at, emit = self._here(), self._emit
        for m in _WS.finditer(data):
            start, end = m.span()
            emit(m.group(), at + start, at + end)

    def _reference(self, prefix: str, name: str) -> None:
        if self.skipping:
            return
        start = self._here()
        end = start + len(prefix) + len(name)
        if self.source.startswith(";", end):
            end += 1
        text = html.unescape(self.source[start:end])
        if text:  # a few invalid references decode to nothing
            self._emit(text, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def handle_comment(self, data: str) -> None:
        if self.skipping:
            return
        start = self._here()
        close = self.source.find(">", start + 4 + len(data))
        end = len(self.source) if close == -1 else close + 1
        inline = self.has_text
        data = self._restore(data)
        d = self.collector.comment(self.source[start:end], data, (start, end), len(self.blocks))
        if d is None:
            return
        if d.action == "ignore":
            if inline:  # inside a paragraph: covers that paragraph
                self.current_covers.append(d)
            else:
                self.pending.append((len(self.stack), d))
        elif d.action == "enable" and inline:
            d.boundary += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.mark and self.mark in (self.get_starttag_text() or ""):
            tag = self._restore(tag)
            attrs = [(self._restore(k), self._restore(v or "")) for k, v in attrs]
        values = {k.lower(): v or "" for k, v in attrs} if attrs else {}
        if tag == "meta":
            self.dates.add_meta(values)
        elif tag == "time" and not self.skipping:
            self.dates.add_time(values, self.regions[2] > 0)
        elif tag == "script" and "ld+json" in values.get("type", "").lower():
            self.json_ld = []
        if tag in VOID:
            if tag == "br" and not self.skipping and self.has_text:
                start = self._here()
                self.current.add("\n", start, start + len(self.get_starttag_text() or ""))
            elif tag == "hr":
                self.flush()
            return
        block = tag in BLOCKS
        closes = _CLOSES.get(tag, _NOTHING)
        while self.stack and (
            self.stack[-1].tag in closes or (block and self.stack[-1].tag == "p")
        ):
            self._pop()
        if block:
            self.flush()
        skip = self._skips(tag, values)
        if not (skip or values or self.pending):
            # a bare <b>, <p>, <span> kept and not covered: one shared entry per tag
            entry = self.bare.get(tag) or self._bare(tag)
        else:
            entry = _Open(tag, skip, _REGIONS.get(tag, 0))
        if self.pending:
            depth = len(self.stack)
            entry.covers = [d for lv, d in self.pending if lv == depth]
            self.pending = [(lv, d) for lv, d in self.pending if lv != depth]
            self.covering += bool(entry.covers)
        self.stack.append(entry)
        self.skipping += entry.skip
        self.regions[entry.region] += 1

    def handle_endtag(self, tag: str) -> None:
        tag = self._restore(tag)
        if tag == "script" and self.json_ld is not None:
            self.dates.add_json_ld("".join(self.json_ld))
            self.json_ld = None
        if tag in VOID:
            return
        low = max(0, len(self.stack) - _END_TAG_SEARCH)
        index = next(
            (i for i in range(len(self.stack) - 1, low - 1, -1) if self.stack[i].tag == tag), None
        )
        if index is None:
            return
        while len(self.stack) > index:
            self._pop()

    def _pop(self) -> None:
        entry = self.stack[-1]
        if entry.tag in BLOCKS:
            self.flush()
        elif entry.covers and self.has_text:
            self.current_covers.extend(entry.covers)
        self.stack.pop()
        self.covering -= bool(entry.covers)
        self.skipping -= entry.skip
        self.regions[entry.region] -= 1
        if self.pending:
            depth = len(self.stack)
            self.pending = [(lv, d) for lv, d in self.pending if lv <= depth]

    def parse_html_declaration(self, i: int) -> int:
        """As the standard parser, but a malformed ``<![…`` is a bogus comment, as in browsers
        (Python 3.11's parser raises AssertionError on it)."""
        where = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = where  # the failed scan moved the position
            end = self.rawdata.find(">", i + 2)
            return -1 if end == -1 else end + 1

    def close(self) -> None:
        super().close()
        # The elements still open end here. Only the innermost block can hold text, so unless an
        # ignore comment covers one of them, one flush ends them all (a page of unclosed tags).
        while self.covering and self.stack:
            self._pop()
        self.flush()

    def _bare(self, tag: str) -> _Open:
        entry = _Open(tag, False, _REGIONS.get(tag, 0))
        if len(self.bare) < _BARE_TAGS:
            self.bare[tag] = entry
        return entry

    def _skips(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in SKIPPED or (tag == "blockquote" and self.skip_blockquotes):
            return True
        if tag == "header" and not (self.regions[1] or self.regions[2]):
            return True
        if not attrs:
            return False
        if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
            return True
        return _HIDDEN_STYLE.search(attrs.get("style", "")) is not None


def keep_article(blocks: list[Block]) -> list[bool]:
    """Keep the blocks of ``<article>`` if any, else of ``<main>``, else everything."""
    best = max((b.region for b in blocks), default=0)
    return [b.region >= best for b in blocks]

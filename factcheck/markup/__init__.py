"""Markdown / HTML / plain text → the :class:`~factcheck.models.Document` that is checked.

``to_document(path, source, fmt)`` reduces a decoded file to its prose (``Document.text``) and
keeps an :class:`~factcheck.models.OffsetMap` from every character of that text back to its
exact place in ``source``, so findings are reported at the line and column of the file as
written. It also reads the article's date from metadata and the inline suppression comments.

Modules: ``pieces`` (text + offsets, assembled), ``from_markdown``, ``from_html``,
``directives`` (suppression comments), ``metadata`` (front matter, ``<meta>`` dates).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from factcheck.formats import check_format, sniff_format
from factcheck.markup.directives import Collector, resolve
from factcheck.markup.pieces import Block, Layout, assemble
from factcheck.models import DateInfo, Document

__all__ = ["plain_document", "to_document"]

Format = Literal["text", "markdown", "html"]


def to_document(path: str, source: str, fmt: str, *, skip_blockquotes: bool = False) -> Document:
    """Reduce ``source`` (already decoded) in format ``fmt`` to the document to check.

    ``fmt`` is ``"markdown"``, ``"html"``, ``"text"`` or ``"auto"`` (from the file name and the
    first bytes); another is a ConfigError naming those. Never raises on any ``source``.
    """
    if check_format(fmt) == "auto":
        fmt = sniff_format(path, source)
    if fmt == "markdown":
        with _no_cyclic_gc():
            return _markdown(path, source, skip_blockquotes)
    if fmt == "html":
        with _no_cyclic_gc():
            return _html(path, source, skip_blockquotes)
    return plain_document(path, source)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a page is converted.

    The parsers make a few small objects per tag or token and keep them until the text is
    assembled; none of them is cyclic garbage, yet each full collection meanwhile walks them all
    again: a quarter of the time on a large page. Reference counting still frees everything. A
    collector found paused (by the caller, or by another thread converting) is left paused.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def plain_document(path: str, source: str) -> Document:
    """Plain text is checked as written; CRLF line ends and a BOM are mapped away."""
    if "\r" not in source and not source.startswith("\ufeff"):
        return Document(path=path, format="text", source=source, text=source)
    block = Block()
    start = 1 if source.startswith("\ufeff") else 0
    while start < len(source):
        cr = source.find("\r\n", start)
        if cr == -1:
            block.add(source[start:], start)
            break
        block.add(source[start:cr], start)
        block.add("\n", cr, cr + 2)
        start = cr + 2
    text = block.text
    if text == source:
        return Document(path=path, format="text", source=source, text=text)
    return Document(
        path=path,
        format="text",
        source=source,
        text=text,
        offsets=assemble([block], keep_blank=True).offsets,
    )


def _finish(
    path: str, fmt: Format, source: str, layout: Layout, collector: Collector, date: DateInfo | None
) -> Document:
    suppressions, invalid = resolve(collector, layout, source)
    return Document(
        path=path,
        format=fmt,
        source=source,
        text=layout.text,
        offsets=layout.offsets,
        date=date or DateInfo(value=None, source="none"),
        suppressions=suppressions,
        invalid_suppressions=invalid,
    )


def _markdown(path: str, source: str, skip_blockquotes: bool) -> Document:
    # here, not at the top: plain text, most of what is checked, never loads the parsers
    from markdown_it import MarkdownIt

    from factcheck.markup.from_markdown import (
        TEXT_ENDS,
        Lines,
        MarkdownWalk,
        inline_within_budget,
        split_at_line_budget,
        too_deep_as_text,
    )
    from factcheck.markup.metadata import front_matter

    # The parsed copy keeps every offset of the source: NUL → U+FFFD as markdown-it does, and
    # the BOM and front matter blanked out (newlines kept, so line numbers stay right).
    work = source.replace("\0", "\ufffd")
    if work.startswith("\ufeff"):
        work = " " + work[1:]
    meta = front_matter(work)
    if meta is not None:
        head = work[: meta.end]
        work = "".join(c if c in "\r\n" else " " for c in head) + work[meta.end :]
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    md.core.ruler.at("inline", inline_within_budget)
    md.block.ruler.before("table", "too_deep", too_deep_as_text)
    md.inline.terminator_re = TEXT_ENDS
    env: dict[str, object] = {}
    cut = split_at_line_budget(work)
    parsed = work[:cut] if cut < len(work) else work
    tokens = md.parse(parsed, env)
    refs = env.get("references")
    collector = Collector()
    walk = MarkdownWalk(
        Lines(parsed),  # the lines past the budgets are never looked up
        frozenset(refs) if isinstance(refs, dict) else frozenset(),
        skip_blockquotes,
        collector,
    )
    walk.run(tokens)
    del tokens  # about 1 KB a table cell: freed before the text is assembled
    if cut < len(work):  # past the budgets: plain text, every character where it stands
        walk.new_block().add(work[cut:], cut)
    layout = assemble(walk.blocks)
    return _finish(
        path, "markdown", source, layout, collector, meta.date if meta is not None else None
    )


def _html(path: str, source: str, skip_blockquotes: bool) -> Document:
    # here, not at the top: plain text never loads the HTML walker (start-up)
    from factcheck.markup.from_html import HtmlWalk, keep_article

    collector = Collector()
    work = source.replace("\0", "\ufffd")
    if work.startswith("\ufeff"):
        work = " " + work[1:]
    walk = HtmlWalk(work, skip_blockquotes=skip_blockquotes, collector=collector)
    walk.feed_page(_without_unclosed_tag(_without_unclosed_comment(walk.source)))
    walk.close()
    layout = assemble(walk.blocks, keep_article(walk.blocks))
    return _finish(path, "html", source, layout, collector, walk.dates.best())


def _without_unclosed_comment(source: str) -> str:
    """The page up to an unterminated ``<!--``: the rest is comment (as browsers read it).

    Fed whole, Python's HTML parser searches for the missing ``-->`` again at every later
    ``<!--``, which is quadratic on a page of unclosed comments.
    """
    last_close = source.rfind("-->")
    cut = source.find("<!--", last_close + 3 if last_close >= 0 else 0)
    return source if cut == -1 else source[:cut]


def _without_unclosed_tag(source: str) -> str:
    """The page up to a tag that never closes (no ``>`` after it): the rest is inside the tag.

    Python 3.11's HTML parser retries such a tag from every later ``<`` to the end of the
    input, which is quadratic on "<a\n<a\n…" or '<p x="1<p x="1…'.
    """
    last_close = source.rfind(">")
    cut = source.find("<", last_close + 1)
    while cut != -1 and not (
        cut + 1 < len(source) and (source[cut + 1].isalpha() or source[cut + 1] in "!/?")
    ):
        cut = source.find("<", cut + 1)
    return source if cut == -1 else source[:cut]

"""Markdown → checked text, parsed by markdown-it-py (CommonMark, plus tables).

Prose is kept — paragraphs, headings, list items, table cells, block quotes (unless skipped) —
one block each. Code (fenced, indented, inline), front matter, raw HTML, images, autolinks and
struck-out text are left out; links keep their text. markdown-it gives each block its source
lines (``token.map``); inside a block the walker below follows the inline tokens through the
block's source text, so every character of the checked text keeps the source offset it came from.

markdown-it-py is pure Python: each inline delimiter (``*``, ``[``, ``<`` …) costs it several
microseconds, so a megabyte of "**1**1**1…" would take seconds. :func:`inline_within_budget`
parses the inline markup of :data:`MAX_INLINE_MARKUP` markup characters per document, far more
than any article holds; a paragraph (heading, cell) that would go over is read as plain text,
markup left in, each character at its place in the source.

Block parsing costs it several microseconds per line too (every line is offered to every block
rule), so a megabyte of "- 1" lines would take seconds: markdown-it parses the first
:data:`MAX_MARKDOWN_LINES` lines of a document, again far more than any article has, and the
rest is checked as plain text (:func:`split_at_line_budget`). A table cell costs it more than a
line of text and keeps its own tokens, and a line of a wide table holds hundreds of cells: the
Markdown part also ends at the line holding the :data:`MAX_TABLE_PIPES`-th ``|``, so a
megabyte of table does not take seconds and hundreds of megabytes
(``benchmarks/adversarial.py`` times it); and at the line where the block prefixes (quote marks
and indentation at line starts) pass :data:`MAX_NESTING_MARKS` characters, for lines that are
each in many containers.

markdown-it stops at its nesting limit (``maxNesting``, 20 levels: ten nested lists, twenty
nested quotes) by skipping *everything* left in the block it is in: the rest of a deep quote,
or, from a list item, the rest of the document. :func:`too_deep_as_text` is a block rule tried
before the others: a block that starts just above the limit becomes one paragraph of its lines
as written (markers such as ``>`` or ``-`` left in), so nothing goes unchecked.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from factcheck.markup.directives import COMMENT, Collector, Directive
from factcheck.markup.pieces import Block

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_SEEK_WINDOW = 1024  # how far past the expected place a token's text is looked for
_SPACE = " \t"
_CELLS = MappingProxyType({"th_open": True, "td_open": True, "th_close": False, "td_close": False})
# Inline markup characters parsed per document: far more than an article or the project's README
# holds. However they are arranged, each has a bounded cost in markdown-it (autolinks cost most;
# ``benchmarks/adversarial.py`` times documents at each limit).
MAX_INLINE_MARKUP = 20_000
# Lines parsed as Markdown per document: a long feature is a few hundred lines (the cost of a
# line in markdown-it is timed by ``benchmarks/adversarial.py``).
MAX_MARKDOWN_LINES = 10_000
# Table cell separators parsed as Markdown per document: a results table of 10 columns and 100
# rows has about 1,100. markdown-it keeps about 1 KB of tokens per cell.
MAX_TABLE_PIPES = 5_000
# Characters of block prefixes (quote marks and indentation at line starts) parsed as Markdown
# per document: each line costs markdown-it time and tokens for every container it is in, so a
# page of lines thirty quotes deep would take seconds and 60 times its size in memory. An article
# with a long nested list spends a few thousand.
MAX_NESTING_MARKS = 40_000
_LEADING = re.compile(r"^[ \t>]+", re.MULTILINE)
_MARKUP = ("*", "_", "`", "[", "]", "<", "&", "\\", "!", "~", "\n")  # where inline rules start
# Where a run of text ends for markdown-it: where one of the rules enabled here can start, or a
# link text ends. Its default set adds characters kept for plugins ($ % - : …): in "$5m-$6m" or
# "$$$…" the rules would be tried, and fail, at each of them.
TEXT_ENDS = re.compile(r"[\n!&*<\[\\\]_`~]")


def inline_within_budget(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with the budget: an inline token whose markup
    characters would go over what is left of :data:`MAX_INLINE_MARKUP` gets no children and
    ``meta["plain"]``, and the walker copies it as it is written."""
    left = MAX_INLINE_MARKUP
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        cost = sum(map(token.content.count, _MARKUP))
        if cost > left:
            token.meta["plain"] = True
            continue
        left -= cost
        state.md.inline.parse(token.content, state.md, state.env, token.children)


def too_deep_as_text(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block rule: at two levels below markdown-it's nesting limit, the lines of the block
    (up to a blank line or one indented less) are a paragraph, nested no deeper."""
    if silent or state.level < state.md.options["maxNesting"] - 2:
        return False
    line = start + 1
    while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
        line += 1
    state.line = line
    opened = state.push("paragraph_open", "p", 1)
    opened.map = [start, line]
    inline = state.push("inline", "", 0)
    inline.content = state.getLines(start, line, state.blkIndent, False).strip()
    inline.map = [start, line]
    inline.children = []
    state.push("paragraph_close", "p", -1)
    return True


def split_at_line_budget(work: str) -> int:
    """Where the Markdown part of ``work`` ends: the start of line ``MAX_MARKDOWN_LINES``, or
    of the line holding ``|`` number ``MAX_TABLE_PIPES``, whichever is first; else the end."""
    cut = len(work)
    if work.count("\n") + work.count("\r") >= MAX_MARKDOWN_LINES:
        starts = line_starts(work)
        cut = starts[MAX_MARKDOWN_LINES] if len(starts) > MAX_MARKDOWN_LINES else len(work)
    if work.count("|", 0, cut) >= MAX_TABLE_PIPES:  # the common case skips this
        at = -1
        for _ in range(MAX_TABLE_PIPES):
            at = work.find("|", at + 1)
        cut = max(work.rfind("\n", 0, at), work.rfind("\r", 0, at)) + 1
    if work.count(">", 0, cut) + work.count("  ", 0, cut) >= MAX_NESTING_MARKS // 2:
        spent = 0
        for m in _LEADING.finditer(work, 0, cut):
            spent += m.end() - m.start()
            if spent > MAX_NESTING_MARKS:
                cut = m.start()
                break
    return cut


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(source: str) -> list[int]:
    """Offsets where lines start, with CommonMark's line endings (\\n, \\r\\n, \\r)."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(source))]


class Lines:
    """The parsed copy of the source (same offsets) and its lines as markdown-it counts them."""

    def __init__(self, work: str) -> None:
        self.work = work
        self.starts = line_starts(work)

    def span(self, line: int) -> tuple[int, int]:
        """[start, end) of 0-based ``line``, without its line ending."""
        if line >= len(self.starts):
            return len(self.work), len(self.work)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.work)
        while end > start and self.work[end - 1] in "\r\n":
            end -= 1
        return start, end


class _Located:
    """Where an inline token's ``content`` lies in the source, line by line.

    markdown-it strips each line's block prefix (indent, ``>``, list marker) and trims the ends;
    each content line is found again in its source line: as its tail (paragraphs, list items,
    quotes) or, for a table cell or a heading with a closing ``#``, by search.
    """

    def __init__(
        self, content: str, lines: Lines, span: list[int], in_cell: bool, floor: int
    ) -> None:
        self.content = content
        self.cbase: list[int] = []  # per content line: content offset of its first non-blank
        self.sbase: list[int] = []  # … and the source offset of that character
        cstart, cursor = 0, floor  # blocks come in source order: never look before ``floor``
        line = span[0]
        for k, cline in enumerate(content.split("\n")):
            lead = len(cline) - len(cline.lstrip(_SPACE))
            core = cline.strip(_SPACE)
            # A table cell's content has its escaped pipes (\\|) unescaped by markdown-it.
            written = core.replace("|", "\\|") if in_cell else core
            at = self._find(lines, line, cursor, core, written, in_cell)
            # Leading lines of Unicode blanks (U+00A0 …) are stripped off with the content.
            while at is None and k == 0 and line + 1 < span[1]:
                line += 1
                at = self._find(lines, line, cursor, core, written, in_cell)
            if at is None:
                at = max(lines.span(line)[0], min(cursor, lines.span(line)[1]))
            self.cbase.append(cstart + lead)
            self.sbase.append(at)
            if written != core:
                shift = 0
                for i, ch in enumerate(core):
                    if ch == "|":
                        shift += 1
                        self.cbase.append(cstart + lead + i)
                        self.sbase.append(at + i + shift)
            cursor = at + len(written)
            cstart += len(cline) + 1
            line += 1
        self.end = cursor

    @staticmethod
    def _find(
        lines: Lines, line: int, cursor: int, core: str, written: str, in_cell: bool
    ) -> int | None:
        ls, le = lines.span(line)
        lo = max(ls, min(cursor, le))
        if not core:
            return lo
        tail = lines.work[lo:le].rstrip(_SPACE)
        if not in_cell and tail.endswith(core):
            return lo + len(tail) - len(core)
        found = lines.work.find(written, lo, le)
        return None if found == -1 else found

    def src(self, i: int) -> int:
        """The source offset of content offset ``i``."""
        k = max(0, bisect.bisect_right(self.cbase, i) - 1)
        return max(0, self.sbase[k] + (i - self.cbase[k]))

    def runs(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[start, end)`` cut where the content stops running parallel to the source."""
        cuts = [start]
        k = bisect.bisect_right(self.cbase, start)
        while k < len(self.cbase) and self.cbase[k] < end:
            if self.cbase[k] > cuts[-1]:
                cuts.append(self.cbase[k])
            k += 1
        cuts.append(end)
        return list(itertools.pairwise(cuts))


@dataclass(slots=True)
class MarkdownWalk:
    """Walks markdown-it's block tokens, making one :class:`Block` per inline token."""

    lines: Lines
    references: frozenset[str]
    skip_blockquotes: bool
    collector: Collector
    blocks: list[Block] = field(default_factory=list)
    quote_depth: int = 0
    in_cell: bool = False
    floor: int = 0  # source offset where the last inline token ended
    # ignore comments waiting for the next block at their level: (level, directive)
    pending: list[tuple[int, Directive]] = field(default_factory=list)
    # open blocks an ignore covers: (closing token type, level, directives)
    covering: list[tuple[str, int, list[Directive]]] = field(default_factory=list)

    def run(self, tokens: list[Token]) -> None:
        for tok in tokens:
            self._cover(tok)
            if tok.type == "blockquote_open":
                self.quote_depth += 1
            elif tok.type == "blockquote_close":
                self.quote_depth -= 1
            self.in_cell = _CELLS.get(tok.type, self.in_cell)
            if self.skip_blockquotes and self.quote_depth > 0:
                continue
            if tok.type == "inline" and tok.map is not None:
                located = _Located(tok.content, self.lines, tok.map, self.in_cell, self.floor)
                self.floor = located.end
                inline = _InlineWalk(self, located, self.new_block())
                if tok.meta.get("plain"):
                    inline.plain()
                else:
                    inline.run(tok.children or [])
            elif tok.type == "html_block" and tok.map is not None:
                self._html_block(tok.map, tok.level)

    def _cover(self, tok: Token) -> None:
        """Give waiting ignore comments to the block that follows them at their level."""
        if tok.nesting == -1:
            if self.covering and self.covering[-1][:2] == (tok.type, tok.level):
                self.covering.pop()
            self.pending = [(lv, d) for lv, d in self.pending if lv <= tok.level]
            return
        if tok.type in ("html_block", "inline"):
            return
        here = [d for lv, d in self.pending if lv == tok.level]
        if not here:
            return
        self.pending = [(lv, d) for lv, d in self.pending if lv != tok.level]
        if tok.nesting == 1:  # a leaf (code, rule) takes the comment but covers no prose
            self.covering.append((tok.type.replace("_open", "_close"), tok.level, here))

    def new_block(self) -> Block:
        block = Block()
        self.blocks.append(block)
        for _, _, directives in self.covering:
            for d in directives:
                d.covers.add(len(self.blocks) - 1)
        return block

    def _html_block(self, span: list[int], level: int) -> None:
        start = self.lines.span(span[0])[0]
        end = self.lines.span(max(span[0], span[1] - 1))[1]
        for m in COMMENT.finditer(self.lines.work, start, end):
            d = self.collector.comment(
                m.group(0), m.group("body"), (m.start(), m.end()), len(self.blocks)
            )
            if d is not None and d.action == "ignore":
                self.pending.append((level, d))


class _InlineWalk:
    """Follows one inline token's children through its content, adding text to ``block``."""

    __slots__ = ("block", "content", "index", "located", "mute", "pos", "walk")

    def __init__(self, walk: MarkdownWalk, located: _Located, block: Block) -> None:
        self.walk = walk
        self.located = located
        self.content = located.content
        self.block = block
        self.index = len(walk.blocks) - 1
        self.pos = 0
        self.mute = 0  # > 0 inside text that is not checked (autolinks, struck-out, images)

    def run(self, children: list[Token]) -> None:
        for tok in children:
            kind = tok.type
            if kind == "text":
                self._text(tok.content)
            elif kind == "text_special":
                self._special(tok.content, tok.markup)
            elif kind in ("softbreak", "hardbreak"):
                self._break()
            elif kind == "code_inline":
                self._code(tok.markup)
            elif kind == "html_inline":
                self._html(tok.content)
            elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
                self._expect(tok.markup)
            elif kind in ("s_open", "s_close"):
                self._expect(tok.markup)
                self.mute += 1 if kind == "s_open" else -1
            elif kind == "link_open":
                auto = tok.markup == "autolink"
                self._expect("<" if auto else "[")
                self.mute += auto
            elif kind == "link_close":
                if tok.markup == "autolink":
                    self._expect(">")
                    self.mute -= 1
                else:
                    self._expect("]")
                    self.pos = _link_tail(self.content, self.pos, self.walk.references)
            elif kind == "image":
                self._expect("![")
                self.mute += 1
                self.run(tok.children or [])
                self.mute -= 1
                self._expect("]")
                self.pos = _link_tail(self.content, self.pos, self.walk.references)

    def plain(self) -> None:
        """The content as written, line by line, without the blanks that start a line (as a
        soft break skips them); comments in it are text too."""
        content, n = self.content, len(self.content)
        while self.pos < n:
            nl = content.find("\n", self.pos)
            end = n if nl == -1 else nl + 1
            self._copy(self.pos, end)
            self.pos = end
            while self.pos < n and content[self.pos] in _SPACE:
                self.pos += 1

    def _seek(self, s: str) -> int | None:
        if self.content.startswith(s, self.pos):
            return self.pos
        found = self.content.find(s, self.pos, self.pos + len(s) + _SEEK_WINDOW)
        return None if found == -1 else found

    def _expect(self, s: str) -> None:
        if self.content.startswith(s, self.pos):
            self.pos += len(s)

    def _copy(self, start: int, end: int) -> None:
        if self.mute:
            return
        for a, b in self.located.runs(start, end):
            self.block.add(self.content[a:b], self.located.src(a))

    def _text(self, s: str) -> None:
        at = self._seek(s)
        if at is None:  # not found where expected: keep the text, pinned to the cursor
            if not self.mute:
                here = self.located.src(self.pos)
                self.block.add(s, here, here)
            return
        self._copy(at, at + len(s))
        self.pos = at + len(s)

    def _special(self, text: str, markup: str) -> None:
        at = self._seek(markup)
        if at is None:
            return self._text(text)
        if text == markup:
            self._copy(at, at + len(markup))
        elif not self.mute:
            src = self.located.src
            self.block.add(text, src(at), src(at + len(markup) - 1) + 1)
        self.pos = at + len(markup)

    def _break(self) -> None:
        nl = self.content.find("\n", self.pos, self.pos + _SEEK_WINDOW)
        if nl == -1:
            return
        self._copy(nl, nl + 1)
        self.pos = nl + 1
        while self.pos < len(self.content) and self.content[self.pos] in _SPACE:
            self.pos += 1

    def _code(self, ticks: str) -> None:
        at = self._seek(ticks)
        if at is None:
            return
        i, n = at + len(ticks), len(self.content)
        while (k := self.content.find(ticks, i)) != -1:
            run_end = k
            while run_end < n and self.content[run_end] == "`":
                run_end += 1
            if run_end - k == len(ticks):
                self.pos = run_end
                return
            i = run_end
        self.pos = at + len(ticks)

    def _html(self, html: str) -> None:
        at = self._seek(html)
        if at is None:
            return
        self.pos = at + len(html)
        m = COMMENT.fullmatch(html)
        if m is None or self.mute:
            return
        src = self.located.src
        d = self.walk.collector.comment(
            html, m.group("body"), (src(at), src(self.pos - 1) + 1), self.index
        )
        if d is None:
            return
        if d.action == "ignore":  # inside a paragraph: covers that paragraph
            d.covers.add(self.index)
        elif d.action == "enable":
            d.boundary = self.index + 1


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\n":
        i += 1
    return i


def _link_tail(s: str, pos: int, references: frozenset[str]) -> int:
    """Past ``(destination "title")`` or ``[label]`` after a link's ``]``; ``pos`` if neither."""
    from markdown_it.common.utils import normalizeReference
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    n = len(s)
    if pos < n and s[pos] == "(":
        p = _skip_space(s, pos + 1)
        if p < n and s[p] == ")":
            return p + 1
        dest = parseLinkDestination(s, p, n)
        if not dest.ok:
            return pos
        q = _skip_space(s, dest.pos)
        if q > dest.pos and q < n and s[q] in "\"'(":
            title = parseLinkTitle(s, q, n)
            if title.ok:
                q = _skip_space(s, title.pos)
        return q + 1 if q < n and s[q] == ")" else pos
    if pos < n and s[pos] == "[":
        j = pos + 1
        while j < n and s[j] != "]":
            if s[j] == "[":
                return pos
            j += 2 if s[j] == "\\" else 1
        if j >= n:
            return pos
        label = s[pos + 1 : j]
        if not label.strip() or normalizeReference(label) in references:
            return j + 1
    return pos

"""Checked text built from pieces of the source, and the offset map that leads back to it.

A converter (Markdown, HTML, plain text) emits :class:`Block` s of :class:`Piece` s; each piece is
text plus the source span it came from: a verbatim copy, or a replacement taken as a whole (an
entity, a collapsed whitespace run). :func:`assemble` joins the kept blocks with blank lines so
sentences never run together, and returns the text, its :class:`OffsetMap` and where each block
landed in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.models import OffsetMap

SEPARATOR = "\n\n"


@dataclass(slots=True)
class Piece:
    """``text`` came from ``source[src_start:src_end]``: verbatim when the lengths agree."""

    text: str
    src_start: int
    src_end: int

    @property
    def verbatim(self) -> bool:
        return len(self.text) == self.src_end - self.src_start


@dataclass(slots=True)
class Block:
    """One paragraph, heading, list item, table cell … of checked text."""

    pieces: list[Piece] = field(default_factory=list)
    region: int = 0  # HTML: 2 inside <article>, 1 inside <main>, 0 elsewhere

    def add(self, text: str, src_start: int, src_end: int | None = None) -> None:
        """Append text from ``source[src_start:src_end]`` (a verbatim copy when no end)."""
        if text:
            end = src_start + len(text) if src_end is None else src_end
            self.pieces.append(Piece(text, src_start, end))

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def ends_with_space(self) -> bool:
        return bool(self.pieces) and self.pieces[-1].text[-1:] in (" ", "\n")

    def strip_trailing(self) -> None:
        """Drop trailing spaces and line breaks (HTML collapses them)."""
        while self.pieces:
            last = self.pieces[-1]
            kept = last.text.rstrip(" \n")
            if not kept:
                self.pieces.pop()
                continue
            if last.verbatim:
                last.src_end -= len(last.text) - len(kept)
                last.text = kept
            return


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each block landed in the checked text (``None``: dropped or empty)."""

    text: str
    offsets: OffsetMap
    ranges: list[tuple[int, int] | None]
    next_start: list[int]  # per block index (and one past the last): start of the next kept

    def boundary(self, index: int) -> int:
        """Text offset of the point before block ``index`` (the end when none follows)."""
        return self.next_start[max(0, min(index, len(self.next_start) - 1))]

    def cover(self, blocks: set[int], at: int) -> tuple[int, int]:
        """The text span of ``blocks``; an empty span at boundary ``at`` when none was kept."""
        spans = [r for i in sorted(blocks) if i < len(self.ranges) and (r := self.ranges[i])]
        if not spans:
            point = self.boundary(at)
            return point, point
        return spans[0][0], spans[-1][1]


def assemble(
    blocks: list[Block], keep: list[bool] | None = None, *, keep_blank: bool = False
) -> Layout:
    """Join the kept, non-empty blocks with blank lines into the checked text."""
    parts: list[str] = []
    text_starts: list[int] = []
    text_ends: list[int] = []
    source_starts: list[int] = []
    source_ends: list[int] = []
    ranges: list[tuple[int, int] | None] = []
    pos = 0
    for i, block in enumerate(blocks):
        blank = not keep_blank and not any(p.text.strip() for p in block.pieces)
        if (keep is not None and not keep[i]) or blank or not block.pieces:
            ranges.append(None)
            continue
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        start = pos
        for piece in block.pieces:
            parts.append(piece.text)
            if (
                piece.verbatim
                and text_ends
                and text_ends[-1] == pos
                and source_ends[-1] == piece.src_start
                and text_ends[-1] - text_starts[-1] == source_ends[-1] - source_starts[-1]
            ):
                pos += len(piece.text)  # continues the previous verbatim segment
                text_ends[-1] = pos
                source_ends[-1] = piece.src_end
                continue
            text_starts.append(pos)
            pos += len(piece.text)
            text_ends.append(pos)
            source_starts.append(piece.src_start)
            source_ends.append(piece.src_end)
        ranges.append((start, pos))
    offsets = OffsetMap(
        text_starts=text_starts,
        source_starts=source_starts,
        text_ends=text_ends,
        source_ends=source_ends,
    )
    next_start = [pos] * (len(ranges) + 1)
    for i in range(len(ranges) - 1, -1, -1):
        r = ranges[i]
        next_start[i] = r[0] if r is not None else next_start[i + 1]
    return Layout("".join(parts), offsets, ranges, next_start)

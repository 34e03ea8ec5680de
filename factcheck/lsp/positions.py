"""Offsets in a document ↔ LSP positions (0-based line, character in the negotiated units).

The Language Server Protocol ends lines at ``\\n``, ``\\r\\n`` and ``\\r`` only, and counts
characters in UTF-16 code units unless client and server agreed on UTF-8 or UTF-32
(``positionEncoding``). Python's ``str.splitlines`` also breaks at ``\\v``, ``\\f``,
``\\x1c``–``\\x1e``, ``\\x85``, U+2028 and U+2029, and Python counts code points: an article
with a line separator or an emoji would get every later range wrong. Offsets here are the
pipeline's: code points into the document's source (``Claim.start``, ``Finding.span``).
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

__all__ = ["Lines"]

_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    if text.isascii() or encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class Lines:
    """The line starts of ``source``, and conversions both ways in ``encoding`` units."""

    def __init__(self, source: str, encoding: str = "utf-16") -> None:
        self.source = source
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _BREAK.finditer(source))]
        # where each line's text ends (before its line break)
        self.ends = [m.start() for m in _BREAK.finditer(source)] + [len(source)]

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.ends[line])  # inside a "\r\n": at the line's end
        return types.Position(line=line, character=_units(self.source[start:offset], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        """The offset of a client's position (past the line's end: its end)."""
        if position.line >= len(self.starts):
            return len(self.source)
        start, end = self.starts[position.line], self.ends[position.line]
        text = self.source[start:end]
        if text.isascii() or self.encoding == "utf-32":
            return start + min(position.character, len(text))
        units = 0
        for i, c in enumerate(text):
            if units >= position.character:
                return start + i
            units += _units(c, self.encoding)
        return end

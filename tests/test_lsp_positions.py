"""Offsets ↔ LSP positions: the protocol's three line breaks only, and UTF-16 (or the
negotiated UTF-8 / UTF-32) units, both ways."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol", reason="the lsp extra is in the test extra")
from lsprotocol import types

from factcheck.lsp.positions import Lines

TEXT = "a\r\nb🙂c\rd\ne\u2028f\x0cg\x85h"
CASES = [  # offset, (line, utf-16, utf-8, utf-32)
    (0, (0, 0, 0, 0)),
    (1, (0, 1, 1, 1)),  # before "\r\n"
    (3, (1, 0, 0, 0)),  # "b"
    (4, (1, 1, 1, 1)),  # the emoji
    (5, (1, 3, 5, 2)),  # "c": after two UTF-16 units, four UTF-8 bytes
    (7, (2, 0, 0, 0)),  # after a lone "\r"
    (9, (3, 0, 0, 0)),  # "e"
    (11, (3, 2, 4, 2)),  # "f": U+2028 does not end a line in LSP (3 UTF-8 bytes)
    (13, (3, 4, 6, 4)),  # "g": nor does a form feed
    (15, (3, 6, 9, 6)),  # "h": nor NEL (2 UTF-8 bytes)
    (len(TEXT), (3, 7, 10, 7)),
]


@pytest.mark.parametrize(("offset", "where"), CASES)
def test_both_ways_in_every_encoding(offset: int, where: tuple[int, int, int, int]) -> None:
    line, *units = where
    for encoding, character in zip(("utf-16", "utf-8", "utf-32"), units, strict=True):
        lines = Lines(TEXT, encoding)
        assert lines.position(offset) == types.Position(line=line, character=character)
        assert lines.offset(types.Position(line=line, character=character)) == offset


def test_out_of_range_positions_clamp() -> None:
    lines = Lines("ab\ncd")
    assert lines.offset(types.Position(line=0, character=99)) == 2
    assert lines.offset(types.Position(line=7, character=0)) == 5
    assert lines.position(99) == types.Position(line=1, character=2)
    assert lines.position(2) == types.Position(line=0, character=2)  # a line end: that line
    assert Lines("a\r\nb").position(2) == types.Position(line=0, character=1)  # inside \r\n

"""Sentences and positions: where each sentence starts, and offset → line:column."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

import regex

# A sentence ends at . ! ? (with closing quotes/brackets) before whitespace and a capital, digit
# or opening quote; at a blank line; or at a line break after a line without final punctuation
# (headlines, list items). Abbreviations ("Mr.", "U.S.", "approx.") do not end sentences.
_END = regex.compile(
    r"(?<=[.!?…][\"'’”)\]]{0,3})\s+(?=[\"'‘“(\[]?[\p{Lu}\d£$€])"
    r"|\n[ \t]*\n\s*"
    r"|(?<=[^\s.!?:;,…\"'’”])[ \t]*\n(?=[ \t]*[\p{Lu}\"'‘“\d#*>-])",
    regex.VERSION1,
)
_ABBREV = re.compile(  # plain ``re``: ASCII only, and faster per call than ``regex``
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Co|Corp|Inc|Ltd|Jr|Sr|vs|Gov|Sen|Rep|Prof|Gen|Capt|Col|Lt"
    r"|Sgt|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|etc|ca|c|cf|al|Mt"
    r"|Ave|Rd|Bros|Hon|Rev)|\b(?:[A-Z]\.){1,3}[A-Z]|\b[A-Z]|\be\.g|\bi\.e|\ba\.m|\bp\.m)\.$",
)


# Every match of _END starts at whitespace after . ! ? … (and closers), at a line break, or at
# the spaces before one: scanning for those characters and trying _END only there gives the
# matches of _END.finditer at half the cost (tests/test_segment.py checks they are the same).
_CANDIDATE = re.compile(r"[.!?…\n]")
_CLOSERS = "\"'’”)]"
_NEWLINE = re.compile("\n")
_DENSE_FROM = 2_000  # characters: below this the choice does not matter
_DENSE_GAP = 12  # fewer characters than this per candidate: scan with _END itself


def _ends(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_END.finditer(text)``, tried only where one can start."""
    n = len(text)
    if n > _DENSE_FROM and (text.count("\n") + text.count(".")) * _DENSE_GAP > n:
        # candidates every few characters (a list of one-word lines): the single scan is
        # cheaper than a match attempt at each of them
        yield from _END.finditer(text)
        return
    cands: list[int] = []
    for m in _CANDIDATE.finditer(text):
        c = m.start()
        if text[c] == "\n":
            q = c
            while q > 0 and text[q - 1] in " \t":
                q -= 1
            if q != c:
                cands.append(q)  # "Headline  \n": the spaces before the break
            cands.append(c)
        else:
            q = c + 1
            while q < n and q - c <= 3 and text[q] in _CLOSERS:
                q += 1
            if q < n and text[q].isspace():
                cands.append(q)  # 'said."  Next': the space after the closers
    cands.sort()
    last = 0
    for q in cands:
        if q < last:
            continue
        m = _END.match(text, q)
        if m is not None:
            yield m
            last = m.end()


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is always 0)."""
    starts = [0]
    for m in _ends(text):
        cut = m.end()
        if cut >= len(text):
            break
        head = text[max(0, m.start() - 12) : m.start()]
        if head.endswith(".") and _ABBREV.search(head) and "\n" not in m.group(0):
            continue
        starts.append(cut)
    return starts


@functools.lru_cache(maxsize=4)
def _starts(text: str) -> tuple[int, ...]:
    """Sentence starts of a text, kept for the few texts in flight (extract, then check)."""
    return tuple(sentence_starts(text))


class Sentences:
    """Sentence boundaries of a text; ``index(offset)`` gives the sentence of an offset."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _starts(text)

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def bounds(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end


class LineIndex:
    """Offsets → 1-based (line, column) in a text, columns counted in characters."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0, *[m.end() for m in _NEWLINE.finditer(text)]]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

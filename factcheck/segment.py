"""Sentences and positions: where each sentence starts, and offset → line:column."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections.abc import Iterator

import regex

# A sentence ends at . ! ? (with closing quotes/brackets) before whitespace and a capital, digit
# or opening quote; at a blank line; or at a line break after a line without final punctuation
# (headlines, list items) — unless that line ends in a word no headline ends in ("fell to six
# pct from\n5.5 pct": wire copy wraps its lines). Abbreviations ("Mr.", "U.S.", "approx.") do
# not end sentences.
_WRAPS = (
    "from", "to", "of", "by", "the", "a", "an", "and", "or", "than", "at", "with", "for", "in",
    "on", "per", "its", "their", "his", "her", "was", "were", "is", "are", "about", "some",
    "nearly", "almost", "around", "over", "under",
)  # fmt: skip
_WRAP_WORDS = frozenset(_WRAPS)
_END = regex.compile(
    r"(?<=[.!?…][\"'’”)\]]{0,3})\s+(?=[\"'‘“(\[]?[\p{Lu}\d£$€])"
    r"|\n[ \t]*\n\s*"
    r"|(?<=[^\s.!?:;,…\"'’”])(?<!(?i:\b(?:" + "|".join(_WRAPS) + r")))"
    r"[ \t]*\n(?=[ \t]*[\p{Lu}\"'‘“\d#*>-])",
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
_CANDIDATES = ".!?…\n"
_CLOSERS = "\"'’”)]"
_NEWLINE = re.compile("\n")
_DENSE_FROM = 2_000  # characters: below this the choice does not matter
_DENSE_GAP = 12  # fewer characters than this per candidate: scan with _END itself


def positions_of(text: str, chars: str) -> list[int]:
    """Offsets of every character of ``chars`` in ``text``, in order. ``str.find`` looks for one
    character as fast as ``memchr``; a character class in ``re`` tests every character, and
    took about three times as long on the archive benchmark's articles."""
    out: list[int] = []
    find, add = text.find, out.append
    for ch in chars:
        i = find(ch)
        while i != -1:
            add(i)
            i = find(ch, i + 1)
    out.sort()
    return out


def _ends(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_END.finditer(text)``, tried only where one can start."""
    n = len(text)
    if n > _DENSE_FROM and (text.count("\n") + text.count(".")) * _DENSE_GAP > n:
        # candidates every few characters (a list of one-word lines): the single scan is
        # cheaper than a match attempt at each of them
        for m in _END.finditer(text):
            yield m.span()
        return
    cands: list[int] = []
    for c in positions_of(text, _CANDIDATES):
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
        end = _end_at(text, q)
        if end is None:  # a character the plain reading cannot judge: the pattern decides
            m = _END.match(text, q)
            end = m.end() if m is not None else -1
        if end >= 0:
            yield q, end
            last = end


# _END read by hand where every character it looks at is plain ASCII, the common case: twice as
# fast as a match attempt. Anything else (a no-break space, a curly quote, "£", an accented
# capital) returns None and the pattern itself decides.
_PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("\t\n\r\f\v")
_SPACE = frozenset(" \t\n\r\f\v")
_ENDS_SENTENCE = frozenset(".!?…")
_OPENS = frozenset("\"'([")  # ‘ “ too, but those are not plain
_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$")  # \p{Lu}, \d, £$€ in plain ASCII
_NOT_BEFORE_BREAK = frozenset(".!?:;,\"'") | _SPACE
_STARTS_LINE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"'#*>-")  # not "$"


def _end_at(text: str, q: int) -> int | None:
    """``_END.match(text, q)``'s end, -1 for no match, None when a character is not plain."""
    n = len(text)
    # 1: after . ! ? … and up to three closers, whitespace, then a capital, digit or currency
    k, closers = q - 1, 0
    while k >= 0 and closers < 3 and text[k] in _CLOSERS:
        k -= 1
        closers += 1
    if k >= 0 and text[k] in _ENDS_SENTENCE:
        r = q
        while r < n and text[r] in _SPACE:
            r += 1
        if r < n and text[r] not in _PLAIN:
            return None
        if r > q and r < n:
            c = text[r]
            if c in _STARTS:
                return r
            if c in _OPENS and r + 1 < n:
                c2 = text[r + 1]
                if c2 not in _PLAIN:
                    return None
                if c2 in _STARTS:
                    return r
        elif r == q and q < n and text[q] not in _PLAIN:
            return None
    if q >= n or text[q] not in _PLAIN:
        return None
    # 2: a blank line
    if text[q] == "\n":
        i = q + 1
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
            while i < n and text[i] in _SPACE:
                i += 1
            if i < n and text[i] not in _PLAIN:
                return None
            return i
    # 3: a line break after a line without final punctuation, before a capital, digit, mark
    if q == 0:
        return -1
    before = text[q - 1]
    if before not in _PLAIN:
        return None
    if before in _NOT_BEFORE_BREAK:
        return -1
    i = q
    while i < n and text[i] in " \t":
        i += 1
    if i >= n or text[i] != "\n":
        return -1 if i >= n or text[i] in _PLAIN else None
    j = i + 1
    while j < n and text[j] in " \t":
        j += 1
    if j >= n:
        return -1
    if text[j] not in _PLAIN:
        return None
    if text[j] not in _STARTS_LINE:
        return -1
    w = q
    while w > 0 and text[w - 1].isalpha():
        w -= 1
    if (
        w < q
        and (w == 0 or (not text[w - 1].isalnum() and text[w - 1] != "_"))
        and text[w:q].isascii()
        and text[w:q].lower() in _WRAP_WORDS
    ):
        return -1  # "from\n5.5 pct": a wrapped line, not a headline
    return i + 1


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is always 0)."""
    starts = [0]
    n = len(text)
    for start, cut in _ends(text):
        if cut >= n:
            break
        if text[start - 1 : start] == "." and "\n" not in text[start:cut]:
            head = text[max(0, start - 12) : start]
            if _ABBREV.search(head):
                continue
        starts.append(cut)
    return starts


@functools.lru_cache(maxsize=4)
def _starts(text: str) -> array[int]:
    """Sentence starts of a text, kept for the few texts in flight (extract, then check); an
    array of machine integers, a quarter of the memory of a tuple of ints."""
    return array("q", sentence_starts(text))


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


def unwrap(text: str) -> str:
    """``text`` with each line break inside a sentence read as a space: the same length, so
    every offset stays the same. Wire copy wraps its lines ("doubled to 31,600\ntonnes"); a
    blank line, or a break that ends a sentence (a headline), stays.
    """
    if "\n" not in text:
        return text
    sentences = Sentences(text)
    chars: list[str] | None = None
    n = len(text)
    for p in positions_of(text, "\n"):
        a = p
        while a > 0 and text[a - 1] in " \t\r":
            a -= 1
        b = p + 1
        while b < n and text[b] in " \t\r":
            b += 1
        if a == 0 or b >= n or text[a - 1] == "\n" or text[b] == "\n":
            continue  # a blank line, or the text's edge
        if sentences.index(a - 1) != sentences.index(b):
            continue  # the break ends a sentence
        if chars is None:
            chars = list(text)
        chars[p] = " "
        if p > 0 and text[p - 1] == "\r":
            chars[p - 1] = " "
    return text if chars is None else "".join(chars)


class LineIndex:
    """Offsets → 1-based (line, column) in a text, columns counted in characters."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        # 8 bytes a line (a list of ints is 36): a megabyte of short table rows has 80,000
        self.starts = array("q", itertools.chain((0,), (m.end() for m in _NEWLINE.finditer(text))))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

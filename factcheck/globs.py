"""``.gitignore``-style globs, matched in time linear in the path.

The configuration's ``exclude``, ``extend-exclude`` and ``per-file-ignores`` globs, and the
patterns of ``.gitignore`` files met in a folder walk, follow git's rules (``gitignore(5)``):
``*``, ``?`` and ``[…]`` within one path segment, ``**`` across segments, a leading or middle
``/`` anchors the glob at its folder, a trailing ``/`` matches folders only, ``!`` negates, and
a glob that matches a folder matches everything in it.

Translated into one regular expression (as pathspec does), a glob with several ``**`` costs a
backtracking engine time exponential in their number: ``"**/a/" * 10`` against a path 40
folders deep ran past 100 s. Here a glob is a list of segments and a path is matched as by a
small automaton over its segments: every path segment is compared once with each glob segment
it can reach, and each comparison is linear too (``*`` within a segment by the usual
backtrack-to-the-last-star walk), so a match costs at most (path segments × glob segments ×
segment lengths), whatever the glob. ``tests/test_globs.py`` checks the verdicts against
pathspec's ``GitIgnoreSpec`` on generated globs and paths.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Glob", "compile_glob", "last_verdict"]

# a segment's tokens: a literal character, _ANY (?), _STAR (*), or a class (chars, negated)
_ANY = 1
_STAR = 2
Token = str | int | tuple[frozenset[str], tuple[tuple[str, str], ...], bool]
Segment = tuple[Token, ...] | None  # None: "**", any number of whole segments


@dataclass(frozen=True, slots=True)
class Glob:
    """One compiled glob. ``include`` is False for a negated one (``!pattern``)."""

    segments: tuple[Segment, ...]
    dir_only: bool
    include: bool
    never: bool = False  # a blank line or a comment: matches nothing

    def matches(self, rel: str, is_dir: bool = False) -> bool:
        """Whether the glob matches ``rel`` (``/``-separated, relative to its folder) or a
        folder above it; ``is_dir``: ``rel`` is itself a folder."""
        if self.never or not rel:
            return False
        parts = rel.strip("/").split("/")
        segs = self.segments
        m = len(segs)
        states = _closure({0}, segs)
        for k, part in enumerate(parts, start=1):
            nxt: set[int] = set()
            for i in states:
                if i == m:
                    continue
                seg = segs[i]
                if seg is None:
                    nxt.add(i)
                elif _segment_matches(seg, part):
                    nxt.add(i + 1)
            states = _closure(nxt, segs)
            if m in states and (k < len(parts) or is_dir or not self.dir_only):
                return True
            if not states:
                return False
        return False


def _closure(states: set[int], segs: Sequence[Segment]) -> set[int]:
    out = set(states)
    for i in sorted(states):
        j = i
        while j < len(segs) and segs[j] is None:
            j += 1
            out.add(j)
    return out


@functools.lru_cache(maxsize=4096)
def compile_glob(text: str) -> Glob:
    """A glob from one ``.gitignore`` line (or one configuration glob)."""
    if not text.strip() or text.startswith("#"):
        return Glob((), False, True, never=True)
    end = len(text)
    while end > 0 and text[end - 1] == " " and not _escaped(text, end - 1):
        end -= 1  # trailing blanks are dropped unless escaped
    text = text[:end]
    include = True
    if text.startswith("!"):
        include, text = False, text[1:]
    dir_only = text.endswith("/") and not _escaped(text, len(text) - 1)
    text = text.rstrip("/") if dir_only else text
    if not text:
        return Glob((), False, include, never=True)
    anchored = "/" in text
    pieces = [p for p in text.lstrip("/").split("/") if p] if anchored else [text]
    segments: list[Segment] = [] if anchored else [None]
    for piece in pieces:
        seg = None if piece == "**" else _tokens(piece)
        if not (seg is None and segments and segments[-1] is None):
            segments.append(seg)
    if len(segments) > 1 and segments[-1] is None:  # "a/**": what is inside a, = "a/"
        segments.pop()
        dir_only = True
    return Glob(tuple(segments), dir_only, include)


def _escaped(text: str, i: int) -> bool:
    n = 0
    while i > 0 and text[i - 1] == "\\":
        n += 1
        i -= 1
    return n % 2 == 1


def _tokens(piece: str) -> tuple[Token, ...]:
    out: list[Token] = []
    i, n = 0, len(piece)
    while i < n:
        ch = piece[i]
        if ch == "\\" and i + 1 < n:
            out.append(piece[i + 1])
            i += 2
            continue
        if ch == "*":
            if not out or out[-1] != _STAR:
                out.append(_STAR)
        elif ch == "?":
            out.append(_ANY)
        elif ch == "[":
            found = _char_class(piece, i)
            if found is not None:
                token, i = found
                out.append(token)
                continue
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return tuple(out)


def _char_class(piece: str, start: int) -> tuple[Token, int] | None:
    """``[…]`` at ``start``: the token and where it ends, or None if it never closes."""
    i = start + 1
    negated = i < len(piece) and piece[i] in "!^"
    if negated:
        i += 1
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    first = True
    while i < len(piece):
        ch = piece[i]
        if ch == "]" and not first:
            return (frozenset(chars), tuple(ranges), negated), i + 1
        first = False
        if ch == "\\" and i + 1 < len(piece):
            ch = piece[i + 1]
            i += 1
        if i + 2 < len(piece) and piece[i + 1] == "-" and piece[i + 2] != "]":
            hi = piece[i + 2]
            if hi == "\\" and i + 3 < len(piece):
                hi = piece[i + 3]
                i += 1
            ranges.append((ch, hi))
            i += 3
            continue
        chars.add(ch)
        i += 1
    return None


def _one(token: Token, ch: str) -> bool:
    if isinstance(token, str):
        return token == ch
    if token == _ANY:
        return True
    assert isinstance(token, tuple)
    chars, ranges, negated = token
    hit = ch in chars or any(lo <= ch <= hi for lo, hi in ranges)
    return hit != negated


def _segment_matches(tokens: tuple[Token, ...], s: str) -> bool:
    """Wildcard match of one segment: greedy, backtracking only to the last ``*`` seen."""
    t = i = 0
    star_t = star_i = -1
    while i < len(s):
        if t < len(tokens) and tokens[t] == _STAR:
            star_t, star_i = t, i
            t += 1
        elif t < len(tokens) and _one(tokens[t], s[i]):
            t += 1
            i += 1
        elif star_t >= 0:
            t = star_t + 1
            star_i += 1
            i = star_i
        else:
            return False
    while t < len(tokens) and tokens[t] == _STAR:
        t += 1
    return t == len(tokens)


def last_verdict(globs: Iterable[Glob], rel: str, is_dir: bool) -> bool | None:
    """As in a ``.gitignore``: the last glob that matches decides (True: ignored, False: a
    ``!`` glob took it back); None when none matches."""
    verdict = None
    for g in globs:
        if g.matches(rel, is_dir):
            verdict = g.include
    return verdict

"""Source excerpts for the terminal report: the lines of a finding with its claims underlined.

A finding names its claims (the blamed one first); each becomes a *mark* on the line where it
is written: ``^`` under the blamed claim, ``-`` under the others. Every line holding a mark is
shown, even when the two halves of a pair are many lines apart (a ``⋮`` row stands for the
lines between). A line too long for the width is cut to a window around its marks, with ``…``
at each cut; marks too far apart for one window get a row each. Widths are measured in
terminal cells, so wide characters keep the underline aligned; the text has already been
neutralised one character for one (:func:`factcheck.reporters._common.terminal_safe`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

PRIMARY = "^"
SECONDARY = "-"
_ELLIPSIS = "…"
_CONTEXT = 8  # cells of context kept on each side of a group of marks


@dataclass(frozen=True)
class Mark:
    """Characters ``[start, end)`` (0-based, in the line) of a claim on 1-based ``line``."""

    line: int
    start: int
    end: int
    primary: bool


def _window(line: str, lo: int, hi: int, budget: int) -> tuple[int, int]:
    """A character range holding ``[lo, hi)``, centred on it, that fits ``budget`` cells
    (two cells are kept for the ellipses)."""
    room = budget - 2
    a, b = lo, hi
    used = cell_len(line[lo:hi])
    while used > room and b > a + 1:  # a single mark wider than the screen: cut it
        b -= 1
        used -= cell_len(line[b])
    grew = True
    while grew:
        grew = False
        if a > 0 and used + cell_len(line[a - 1]) <= room:
            a -= 1
            used += cell_len(line[a])
            grew = True
        if b < len(line) and used + cell_len(line[b]) <= room:
            used += cell_len(line[b])
            b += 1
            grew = True
    return a, b


def _clusters(marks: list[Mark], line: str, budget: int) -> list[list[Mark]]:
    """Marks of one line grouped so each group fits one window."""
    groups: list[list[Mark]] = []
    for m in sorted(marks, key=lambda m: (m.start, m.end)):
        if groups:
            lo = groups[-1][0].start
            if cell_len(line[lo : max(m.end, groups[-1][-1].end)]) + 2 * _CONTEXT <= budget - 2:
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def excerpt_rows(
    line: str, marks: list[Mark], budget: int, primary_style: str, secondary_style: str
) -> list[tuple[Text, Text]]:
    """(text row, underline row) pairs showing ``marks`` on ``line`` within ``budget`` cells."""
    rows: list[tuple[Text, Text]] = []
    for group in _clusters(marks, line, budget):
        lo = group[0].start
        hi = max(m.end for m in group)
        a, b = _window(line, lo, hi, budget)
        text = Text(no_wrap=True, overflow="crop")
        under = Text(no_wrap=True, overflow="crop")
        if a > 0:
            text.append(_ELLIPSIS, style="dim")
            under.append(" ")
        text.append(line[a:b])
        lead = 1 if a > 0 else 0
        chars: list[str] = []
        for i in range(a, b):
            mark = next((m for m in group if m.start <= i < m.end), None)
            symbol = " " if mark is None else PRIMARY if mark.primary else SECONDARY
            chars.append(symbol * cell_len(line[i]))
        for m in group:
            lo_, hi_ = max(m.start, a), min(m.end, b)
            if hi_ > lo_:
                text.stylize(
                    primary_style if m.primary else secondary_style, lead + lo_ - a, lead + hi_ - a
                )
        if b < len(line):
            text.append(_ELLIPSIS, style="dim")
        for run in _runs("".join(chars).rstrip()):
            style = (
                primary_style
                if run[0] == PRIMARY
                else secondary_style
                if run[0] == SECONDARY
                else ""
            )
            under.append(run, style=style)
        rows.append((text, under))
    return rows


def _runs(s: str) -> list[str]:
    """'  ^^^ --' → ['  ', '^^^', ' ', '--']."""
    out: list[str] = []
    for ch in s:
        if out and out[-1][0] == ch:
            out[-1] += ch
        else:
            out.append(ch)
    return out

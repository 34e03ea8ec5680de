"""``--show-claims``: an article with every extracted claim highlighted by kind, and a legend.

Kinds map to styles here, as data (rich's habit: highlighters are named groups → styles).
Without colour the highlight would vanish, so on a colourless console each claim is wrapped in
``⟦…⟧`` instead. A list of the claims (id, position, kind, text, value) follows the article,
then a list of the relations the sentences state between them (:mod:`._relations`): id,
position, kind, shape, the word that states it, tags and the findings that used it, and on a
line of its own each slot with its claims' ids and texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.rule import Rule
from rich.text import Text

from factcheck.fmt import scaled
from factcheck.models import Claim, ClaimKind, FileResult
from factcheck.reporters._common import (
    claims_by_id,
    line_starts,
    one_line,
    source_span,
    terminal_safe,
)
from factcheck.reporters._relations import relation_rows

KIND_STYLE: Mapping[ClaimKind, str] = MappingProxyType(
    {
        ClaimKind.MONEY: "bold green",
        ClaimKind.COUNT: "bold cyan",
        ClaimKind.PERCENT: "bold magenta",
        ClaimKind.PERCENTAGE_POINT: "magenta",
        ClaimKind.MULTIPLIER: "bold yellow",
        ClaimKind.QUANTITY: "bold blue",
        ClaimKind.DURATION: "blue",
        ClaimKind.AGE: "cyan",
        ClaimKind.YEAR: "dim",
        ClaimKind.FRACTION: "yellow",
    }
)
OPEN, CLOSE = "⟦", "⟧"


def _number(value: float, kind: ClaimKind) -> str:
    if kind == ClaimKind.YEAR:
        return str(int(value))
    return scaled(value, digits=4)


def value_text(c: Claim) -> str:
    """'50bn USD', '10m–100m', '60%', '2 per year' (years as written)."""
    if c.low is not None and c.high is not None and c.low != c.high:
        value = f"{_number(c.low, c.kind)}–{_number(c.high, c.kind)}"
    else:
        value = _number(c.value, c.kind)
    if c.unit == "percent":
        value += "%"
    parts = [value, "" if c.unit == "percent" else c.unit or "", f"per {c.per}" if c.per else ""]
    return one_line(" ".join(p for p in parts if p))


def _row(cells: tuple[str, ...], widths: list[int]) -> str:
    """Cells padded to ``widths``; the last cell (no width) is not padded."""
    padded = [v + " " * (w - cell_len(v)) for v, w in zip(cells, widths, strict=False)]
    return "".join(padded) + cells[-1]


class ClaimsView:
    """One file's article, claims highlighted, then its legend and claims table."""

    def __init__(self, result: FileResult, source: str | None) -> None:
        self.result, self.source = result, source

    def _spans(self, source: str) -> list[tuple[int, int, Claim]]:
        starts = line_starts(source)
        spans = sorted(
            ((*source_span(starts, source, c), c) for c in self.result.claims),
            key=lambda t: (t[0], t[1]),
        )
        kept: list[tuple[int, int, Claim]] = []
        for a, b, c in spans:  # overlapping claims: the first one wins the highlight
            if b > a and (not kept or a >= kept[-1][1]):
                kept.append((a, b, c))
        return kept

    def article(self, color: bool) -> Text:
        assert self.source is not None
        # CRLF line ends shown as a space, so offsets stay those of the file; a lone CR is ␍
        source = terminal_safe(self.source.replace("\r\n", " \n"))
        text = Text()
        pos = 0
        for a, b, c in self._spans(source):
            text.append(source[pos:a])
            if color:
                text.append(source[a:b], style=KIND_STYLE.get(c.kind, "bold"))
            else:
                text.append(f"{OPEN}{source[a:b]}{CLOSE}")
            pos = b
        text.append(source[pos:])
        return text

    def legend(self, color: bool) -> Text:
        kinds = sorted({c.kind for c in self.result.claims}, key=list(ClaimKind).index)
        text = Text("Claims by kind: ", style="bold")
        if not color:
            text.append(f"{OPEN}…{CLOSE} marks a claim; ")
        for i, kind in enumerate(kinds):
            if i:
                text.append("  ")
            text.append(kind.value, style=KIND_STYLE.get(kind, "bold"))
        return text

    def table(self) -> list[Text]:
        """The claims as aligned rows (no padding after the last column)."""
        rows = [
            (c.id, f"{c.line}:{c.column}", c.kind, one_line(c.text), value_text(c))
            for c in self.result.claims
        ]
        head = ("id", "where", "kind", "text", "value")
        widths = [max([len(head[i]), *(cell_len(str(r[i])) for r in rows)]) + 2 for i in range(4)]
        out = [
            Text(
                "".join(h.ljust(w) for h, w in zip(head, widths, strict=False)) + head[4],
                style="bold",
            )
        ]
        for cid, where, kind, text, value in rows:
            line = Text(cid.ljust(widths[0]) + where.ljust(widths[1]))
            line.append(kind.value.ljust(widths[2]), style=KIND_STYLE.get(kind, ""))
            line.append(text + " " * (widths[3] - cell_len(text)))
            line.append(value)
            out.append(line)
        return out

    def relations(self, console: Console, width: int) -> list[Text]:
        """The relations as aligned rows, each followed by its slots, indented and wrapped."""
        rows = relation_rows(self.result, claims_by_id(self.result))
        if not rows:
            return []
        cells = [
            (
                r.relation.id,
                r.where,
                r.relation.kind.value,
                one_line(r.relation.shape),
                one_line(r.word) or "—",
                one_line(r.tags) or "—",
                ", ".join(f"{f.code} {f.line}:{f.column}" for f in r.used_by) or "—",
            )
            for r in rows
        ]
        head = ("id", "where", "kind", "shape", "word", "tags", "used by")
        n = len(head) - 1
        widths = [max([len(head[i]), *(cell_len(c[i]) for c in cells)]) + 2 for i in range(n)]
        out = [
            Text("Relations", style="bold"),
            Text(_row(head, widths), style="bold"),
        ]
        indent = "    "
        for r, c in zip(rows, cells, strict=True):
            out.append(Text(_row(c, widths)))
            slots = Text(one_line(r.slots_text()))
            for part in slots.wrap(console, max(20, width - len(indent))):
                part.rstrip()
                out.append(Text.assemble(indent, part))
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        color = console.color_system is not None and not console.no_color
        yield Rule(Text(f"Claims in {one_line(self.result.path)}"), style="dim")
        if self.source is not None:
            for line in self.article(color).wrap(console, options.max_width):
                line.rstrip()
                yield line
            yield Text()
        yield self.legend(color)
        yield from self.table()
        yield Text()
        relations = self.relations(console, options.max_width)
        if relations:
            yield from relations
            yield Text()

"""The relations of one file as rows for people: what ``--show-claims`` and the HTML page list
after the claims, so a reader sees which relation a rule read (or that none was read).

Format-independent: each reporter escapes the pieces for its own syntax. A row holds the
relation's id, position, kind and shape, its slots in reading order with each claim's id and
text (``from c3 "$36,040" → to c4 "$34,935", percent c5 "3%"``), the word that states it and
its direction, its tags, and the findings that used it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from factcheck.models import Claim, FileResult, Finding, Relation, RelationKind

# Slots in the order a sentence states them; a slot not listed here follows, by name.
SLOT_ORDER: Mapping[RelationKind, tuple[str, ...]] = MappingProxyType(
    {
        RelationKind.CHANGE: ("from", "to", "amount", "percent", "points", "fraction"),
        RelationKind.MULTIPLIER: ("factor", "from", "to"),
        RelationKind.CONVERSION: ("original", "converted"),
        RelationKind.PARTS: ("whole", "parts"),
        RelationKind.SHARE: ("part", "share", "whole"),
        RelationKind.SHARES: ("shares",),
        RelationKind.RESTATEMENT: ("first", "again"),
    }
)
# Pairs of slots read as one step: "from … → to …"
ARROWS = frozenset({("from", "to"), ("original", "converted"), ("first", "again")})


@dataclass(frozen=True)
class SlotClaim:
    """One claim in a slot: its id and, when the report holds it, its text."""

    id: str
    text: str | None


@dataclass(frozen=True)
class RelationRow:
    relation: Relation
    slots: tuple[tuple[str, tuple[SlotClaim, ...]], ...]
    used_by: tuple[Finding, ...]

    @property
    def where(self) -> str:
        return f"{self.relation.line}:{self.relation.column}"

    @property
    def word(self) -> str:
        """'slashed (down)', 'vs', 'down', or '' when the relation states neither."""
        r = self.relation
        direction = r.direction.value if r.direction is not None else ""
        if r.word and direction:
            return f"{r.word} ({direction})"
        return r.word or direction

    @property
    def tags(self) -> str:
        tags = list(self.relation.tags)
        if self.relation.exhaustive is not None:
            tags.insert(0, "exhaustive" if self.relation.exhaustive else "not exhaustive")
        return ", ".join(tags)

    def joiners(self) -> list[str]:
        """What stands before each slot after the first: " → " within a step, else ", "."""
        names = [name for name, _ in self.slots]
        return [" → " if (a, b) in ARROWS else ", " for a, b in itertools.pairwise(names)]

    def slots_text(self) -> str:
        """'from c3 "$36,040" → to c4 "$34,935", percent c5 "3%"' (plain, unescaped)."""
        out = ""
        for k, (name, claims) in enumerate(self.slots):
            if k:
                out += self.joiners()[k - 1]
            out += f"{name} " + ", ".join(claim_text(c) for c in claims)
        return out


def claim_text(c: SlotClaim) -> str:
    """'c3 "$50billion"', or the id alone when the claim is not in the report."""
    return f'{c.id} "{c.text}"' if c.text is not None else c.id


def _ordered(r: Relation) -> list[tuple[str, list[str]]]:
    order = SLOT_ORDER.get(r.kind, ())
    known = [(name, r.slots[name]) for name in order if r.slots.get(name)]
    rest = sorted((name, ids) for name, ids in r.slots.items() if name not in order and ids)
    return known + rest


def relation_rows(result: FileResult, claims: Mapping[str, Claim]) -> list[RelationRow]:
    """The relations of ``result`` as rows, each with the findings that used it."""
    used: dict[str, list[Finding]] = {}
    for f in result.findings:
        for rid in f.relations:
            used.setdefault(rid, []).append(f)
    rows = []
    for r in result.relations:
        slots = tuple(
            (name, tuple(SlotClaim(cid, _text(claims.get(cid))) for cid in ids))
            for name, ids in _ordered(r)
        )
        rows.append(RelationRow(r, slots, tuple(used.get(r.id, ()))))
    return rows


def _text(c: Claim | None) -> str | None:
    return c.text if c is not None else None

"""A relation as the readers build it, over mention indices, before it is frozen for the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.models import Direction, RelationKind


@dataclass(slots=True)
class Draft:
    """One relation: which figures fill which slots, and the words that say so."""

    kind: RelationKind
    slots: dict[str, list[int]]  # slot name → mention indices, in text order
    start: int  # evidence span in the checked text
    end: int
    sentence: int
    shape: str  # the shape that read it ("from-to", "of-lead", …)
    direction: Direction | None = None
    word: str | None = None  # the word that states the direction, or the linker
    by_direction: Direction | None = None  # a change's own word, when it has one ("a rise of")
    by_word: str | None = None
    measure: str | None = None
    exhaustive: bool | None = None  # parts: does the list claim to be the whole?
    period: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def one(self, slot: str) -> int | None:
        got = self.slots.get(slot)
        return got[0] if got else None

    def members(self) -> list[int]:
        return sorted({i for v in self.slots.values() for i in v})

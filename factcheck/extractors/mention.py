"""The extractor's working record for one number, before it becomes a frozen :class:`Claim`."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.models import ClaimKind, Direction, HedgeDirection, Role


@dataclass(slots=True)
class Mention:
    """A number found in the text, filled in stage by stage (scan → context → links)."""

    start: int  # span start, hedge included once context has run
    end: int
    num_start: int  # the figure itself, without hedge ("$50billion")
    num_end: int
    kind: ClaimKind
    value: float
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_alternatives: tuple[str, ...] = ()  # other readings of an ambiguous unit
    dimension: str | None = None  # for quantities: length, mass, temperature, …
    currency_symbol: str | None = None  # "$" as written, for ambiguity checks
    per: str | None = None
    hedge: str | None = None
    hedge_direction: HedgeDirection | None = None
    vague: bool = False
    scale: str | None = None
    scale_span: tuple[int, int] | None = None  # where the scale word is written
    measure: str | None = None
    owner: str | None = None
    direction: Direction | None = None
    direction_word: str | None = None
    role: Role | None = None
    from_index: int | None = None
    converts_index: int | None = None
    anchor: str | None = None
    anchor_year: int | None = None
    sentence: int = 0
    extra: dict[str, object] = field(default_factory=dict)

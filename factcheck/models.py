"""The contract between the pipeline's stages: load → segment → extract → check → report.

Every stage takes and returns these pydantic models; nothing else is shared between stages.
The JSON report is these models dumped with ``by_alias`` off: the field names below are a
public contract read by newsrooms' scripts. Extend them; never rename them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, Self, cast

from pydantic import BaseModel, ConfigDict, Field

REPORT_VERSION: Literal[1] = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance from values the pipeline built itself, every field given, unvalidated.

        The same object as ``model_construct`` (which this falls back to when a field is
        missing) at a fraction of the cost: the extractor freezes every claim of every article
        through here (``benchmarks/speed_extract.py`` times extraction). ``tests/test_models.py``
        checks it equals ``model_validate`` of the values.
        """
        if len(values) != len(cls.__pydantic_fields__):
            return cast(Self, cls.model_construct(**values))
        obj = cls.__new__(cls)
        _set = object.__setattr__
        _set(obj, "__dict__", values)
        _set(obj, "__pydantic_fields_set__", set(values))
        _set(obj, "__pydantic_extra__", None)
        _set(obj, "__pydantic_private__", None)
        return obj


class ClaimKind(StrEnum):
    """What a number states."""

    MONEY = "money"  # "$50billion", "£3.5m", "billions of pounds"
    COUNT = "count"  # "50million members", "two billion people", "tens of thousands"
    PERCENT = "percent"  # "60 per cent", "some 8 percent"
    PERCENTAGE_POINT = "percentage_point"  # "2 percentage points", "25 basis points" (25 bp)
    MULTIPLIER = "multiplier"  # "doubled", "three-fold", "3x", "twice as many"
    QUANTITY = "quantity"  # physical quantities with a pint unit: "5 miles", "100F"
    DURATION = "duration"  # "five days", "a decade"
    AGE = "age"  # "33-year-old", "aged 33", "The billionaire, 33,"
    YEAR = "year"  # "in 2009", "from 2009 to 2015" (a year is never a count)
    FRACTION = "fraction"  # "a third", "half", "one in five", "three-quarters" (value 0..1)


class HedgeDirection(StrEnum):
    """Where the true value lies relative to the stated one."""

    APPROX = "approx"  # about, around, some, roughly: either side
    ABOVE = "above"  # more than, over, upwards of: above
    AT_LEAST = "at_least"  # at least, no fewer than: at or above
    BELOW = "below"  # nearly, almost, just under, less than: below
    AT_MOST = "at_most"  # up to, at most, no more than: at or below
    EXACT = "exact"  # exactly, precisely, equal to: not approximate at all


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Role(StrEnum):
    """A claim's part in a statement of change."""

    FROM = "from"  # "from £500million": the starting value
    TO = "to"  # "to nearly £13billion": the end value (``from_claim`` names its start)
    CHANGE = "change"  # "slashed … by $50billion", "rose 20%", "lopping $46bn off"


class Claim(_Frozen):
    """One numeric statement in a text. ``text[start:end] == claim.text`` always holds."""

    id: str = Field(description="Stable within one report: c1, c2, … in text order.")
    start: int = Field(
        description="Start offset (characters) in the file as written (for plain "
        "text, the text itself; for Markdown/HTML, the source, markup included)."
    )
    end: int = Field(description="End offset (exclusive), in the same coordinates as start.")
    line: int = Field(description="1-based line of the start in the source file.")
    column: int = Field(description="1-based column of the start in the source file.")
    end_line: int = Field(description="1-based line of the end.")
    end_column: int = Field(description="1-based column just past the end.")
    text: str = Field(description="The surface, hedge included when there is one.")
    kind: ClaimKind
    value: float = Field(
        description="In base units: 5e10 for '$50billion', 60 for '60 per cent', 0.2 for "
        "'one in five', 2 for 'doubled'. For ranges and vague amounts, a central value."
    )
    low: float | None = Field(default=None, description="Lower bound for ranges/vague amounts.")
    high: float | None = Field(default=None, description="Upper bound for ranges/vague amounts.")
    unit: str | None = Field(
        default=None,
        description="ISO 4217 code for money, or a subunit code when the amount is written in "
        "one ('GBp' for '164p', 'USc' for '63 cents': rules/lexicon/currencies.toml [minor]); "
        "'percent'; 'percentage_point' or 'basis_point' ('60 basis points': value 60); a pint "
        "unit name for quantities and durations; null for counts, multipliers, fractions and "
        "years.",
    )
    per: str | None = Field(
        default=None,
        description="Rate denominator: 'year' in '$5bn a year', 'every year'; 'barrel' in "
        "'$58.24 per barrel', 'share' in '63 cents a share', 'sq m' in '$80 per sq m' (as "
        "written, singular).",
    )
    approximate: bool = False
    hedge: str | None = Field(default=None, description="'about', 'nearly', 'more than', …")
    hedge_direction: HedgeDirection | None = None
    vague: bool = Field(default=False, description="'tens of thousands', 'billions of pounds'.")
    scale: str | None = Field(
        default=None, description="The scale word as written: 'billion', 'm', 'bn'."
    )
    measure: str | None = Field(
        default=None,
        description="What the number counts or measures: 'members', 'value', 'market value'.",
    )
    owner: str | None = Field(
        default=None, description="Whose measure, when written: 'company' in 'the company's value'."
    )
    direction: Direction | None = Field(
        default=None, description="Rise or fall stated by the clause (rose, fell, slashed…)."
    )
    direction_word: str | None = None
    role: Role | None = None
    from_claim: str | None = Field(
        default=None, description="On a 'to' claim: the id of the 'from' claim it changed from."
    )
    converts: str | None = Field(
        default=None,
        description="The id of the claim this one restates in another currency or unit: "
        "in '$50billion (£35m)' the £ claim converts the $ claim.",
    )
    anchor: str | None = Field(
        default=None, description="Time anchor given by the clause: 'in 2009', 'by 2015'."
    )
    anchor_year: int | None = None
    sentence: int = Field(description="0-based sentence index.")


class RelationKind(StrEnum):
    """How a sentence ties figures together (``factcheck/relations/``)."""

    CHANGE = "change"  # from, to, and the change itself: amount, percent, points or fraction
    MULTIPLIER = "multiplier"  # factor, from, to: "doubled from £2m to £4m"
    CONVERSION = "conversion"  # original, converted: "$50billion (£35m)"
    PARTS = "parts"  # whole, parts: "Of the 50 staff, 30 … and 20 …"
    SHARE = "share"  # part, share, whole: "3,000 jobs, or 25% of its 12,000 staff"
    SHARES = "shares"  # shares of one whole: "45% said yes, 38% no and 22% did not know"
    RESTATEMENT = "restatement"  # first, again: one figure stated twice


class Relation(_Frozen):
    """A relation between claims that the text states, read once from its sentence.

    The checks are arithmetic over relations: a rule fires only on a relation the text
    states, and a user can see why one fired or stayed silent (``--show-claims``).
    """

    id: str = Field(
        description="Stable within one report: r1, r2, … in text order; a finding names the "
        "relations it read by these ids (Finding.relations)."
    )
    kind: RelationKind = Field(
        description="What the sentence states: a change, a multiplier, a conversion, parts of a "
        "whole, a share of a whole, shares of one whole, or one figure restated."
    )
    slots: dict[str, list[str]] = Field(
        description="Claim ids by slot: change {from, to, amount, percent, points, fraction}; "
        "multiplier {factor, from, to}; conversion {original, converted}; parts {whole, parts}; "
        "share {part, share, whole}; shares {shares}; restatement {first, again}."
    )
    span: tuple[int, int] = Field(description="The evidence: the words that state the relation.")
    line: int = Field(description="1-based line of the evidence's start in the source file.")
    column: int = Field(description="1-based column of the evidence's start in the source file.")
    text: str = Field(description="The evidence as checked (markup removed).")
    shape: str = Field(description="Which sentence shape read it ('from-to', 'of-lead', …).")
    direction: Direction | None = Field(
        default=None, description="Rise or fall stated by the relation's own word."
    )
    word: str | None = Field(default=None, description="The word stating it: 'rose', 'vs'.")
    exhaustive: bool | None = Field(
        default=None, description="Parts: does the text say the parts make up the whole?"
    )
    tags: list[str] = Field(
        default_factory=list,
        description="What else the reader saw: 'incompatible' (a conversion between different "
        "dimensions), 'price' (a price, perhaps set per market), 'rank' (a place in a ranking).",
    )


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Suggestion(_Frozen):
    """A replacement for the blamed span: '£35m' → '£35bn'."""

    replacement: str
    span: tuple[int, int]
    original: str = ""


class RelatedSpan(_Frozen):
    """Another claim involved in a finding, with its position."""

    claim: str
    span: tuple[int, int]
    line: int
    column: int
    text: str


class Finding(_Frozen):
    """One contradiction (or derived fact) found in a text."""

    code: str = Field(description="Rule code: three letters, three digits (SCL001).")
    name: str = Field(description="Readable rule name (conversion-scale-slip).")
    severity: Severity
    message: str = Field(description="In a reporter's words: both figures, what was expected.")
    claims: list[str] = Field(description="Ids of every claim involved, blamed one first.")
    span: tuple[int, int] = Field(description="Span of the blamed claim.")
    line: int
    column: int
    end_line: int
    end_column: int
    related: list[RelatedSpan] = Field(default_factory=list)
    values: dict[str, Any] = Field(
        default_factory=dict,
        description="Figures used: rate, rate_date, rate_source, expected, ratio, …",
    )
    suggestion: Suggestion | None = None
    relations: list[str] = Field(
        default_factory=list,
        description="Ids of the relations the finding is about: entries of its file's relations "
        "list (empty when the rule reads no relation: a malformed number, a weekday).",
    )


class DateInfo(_Frozen):
    """The article's date, used for exchange rates, and where it came from."""

    value: str | None = Field(description="ISO date, or null when none was found.")
    source: Literal["option", "front-matter", "meta", "time", "dateline", "none"]
    text: str | None = Field(default=None, description="The text the date was read from.")


class FileError(_Frozen):
    code: str = Field(description="Machine-readable: not-found, binary, encoding, too-large, …")
    message: str


class FileResult(_Frozen):
    """The outcome for one input that could be read."""

    path: str
    format: Literal["text", "markdown", "html"] = "text"
    date: DateInfo | None = None
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(
        default_factory=list,
        description="What the text says ties claims together, in text order, each with the "
        "claim ids of its slots; a finding's relations refer to these by id. A relation no "
        "finding names is one no enabled rule found fault with.",
    )
    findings: list[Finding] = Field(default_factory=list)
    cross_checked: int = Field(default=0, description="Claims compared with another claim.")


class FileFailure(_Frozen):
    """An input that could not be read; every other file is still checked."""

    path: str
    error: FileError


class ToolInfo(_Frozen):
    name: Literal["factcheck"] = "factcheck"
    version: str


class Summary(_Frozen):
    files: int
    failed: int
    claims: int
    cross_checked: int = Field(description="Claims that took part in at least one comparison.")
    findings: dict[str, int] = Field(description="Count of findings by severity.")
    by_rule: dict[str, int] = Field(default_factory=dict)


class Report(_Frozen):
    """The JSON report: ``{"version": 1, "tool": …, "files": […], "summary": …}``."""

    version: Literal[1] = REPORT_VERSION
    tool: ToolInfo
    files: list[FileResult | FileFailure]
    summary: Summary

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every file, in file order."""
        return [f for r in self.files if isinstance(r, FileResult) for f in r.findings]

    @property
    def claims(self) -> list[Claim]:
        return [c for r in self.files if isinstance(r, FileResult) for c in r.claims]


# ---------------------------------------------------------------------------------------------
# Input side: what sources.py / markup.py hand to the extractor.


class OffsetMap(_Frozen):
    """Maps offsets of a document's checked ``text`` back to its ``source``.

    Piecewise linear: text[text_starts[i] + k] came from source[source_starts[i] + k] for k
    inside segment i. Characters the converter inserted (block separators) map to the start of
    the next segment. An empty map is the identity (plain text).

    When ``text_ends``/``source_ends`` are given (Markdown, HTML, CRLF text), segment i covers
    text ``[text_starts[i], text_ends[i])`` and source ``[source_starts[i], source_ends[i])``.
    A segment of equal lengths is a verbatim copy; any other is a replacement taken as a whole
    (an entity ``&pound;`` → ``£``, a ``\\r\\n`` → ``\\n``, a whitespace run → one space).
    Text between segments was inserted by the converter.
    """

    text_starts: list[int] = Field(default_factory=list)
    source_starts: list[int] = Field(default_factory=list)
    text_ends: list[int] = Field(default_factory=list)
    source_ends: list[int] = Field(default_factory=list)

    def to_source(self, offset: int) -> int:
        """The source offset of the text character at ``offset`` (a start position)."""
        if not self.text_starts:
            return offset
        import bisect

        i = bisect.bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return self.source_starts[0]
        if not self.text_ends:
            return self.source_starts[i] + (offset - self.text_starts[i])
        if offset >= self.text_ends[i]:  # inserted text: the start of what follows
            if i + 1 < len(self.source_starts):
                return self.source_starts[i + 1]
            return self.source_ends[i]
        if self._copies(i):
            return self.source_starts[i] + (offset - self.text_starts[i])
        return self.source_starts[i]

    def to_source_end(self, offset: int) -> int:
        """The source offset just past the text character before ``offset`` (an end position)."""
        if not self.text_starts:
            return offset
        if offset <= 0:
            return self.to_source(0)
        import bisect

        i = bisect.bisect_right(self.text_starts, offset - 1) - 1
        if i < 0:
            return self.source_starts[0]
        if not self.text_ends:
            return self.source_starts[i] + (offset - self.text_starts[i])
        if offset >= self.text_ends[i]:  # ends at or past the segment: its whole source
            return self.source_ends[i]
        if self._copies(i):
            return self.source_starts[i] + (offset - self.text_starts[i])
        return self.source_ends[i]

    def to_source_span(self, start: int, end: int) -> tuple[int, int]:
        """A text span ``[start, end)`` → the source span it came from."""
        if end <= start:
            at = self.to_source(start)
            return at, at
        return self.to_source(start), max(self.to_source(start), self.to_source_end(end))

    def _copies(self, i: int) -> bool:
        return (self.text_ends[i] - self.text_starts[i]) == (
            self.source_ends[i] - self.source_starts[i]
        )


class Suppression(_Frozen):
    """An inline ``<!-- factcheck: ignore[CODE] reason -->`` / ``disable[…]`` … ``enable[…]``."""

    action: Literal["ignore", "disable", "enable"]
    codes: list[str] = Field(description="Codes or code prefixes; never empty.")
    reason: str | None = None
    span: tuple[int, int] = Field(description="The comment itself, in source offsets.")
    line: int
    column: int
    applies: tuple[int, int] = Field(
        description="The region it covers, in offsets of the document's checked *text*: the "
        "next paragraph for ignore, up to the matching enable (or the end) for disable."
    )


class InvalidSuppression(_Frozen):
    """A ``<!-- factcheck: … -->`` comment that was not understood; it suppresses nothing."""

    text: str = Field(description="The comment as written.")
    message: str = Field(description="What is wrong, in one line.")
    span: tuple[int, int] = Field(description="The comment itself, in source offsets.")
    line: int
    column: int


class Document(_Frozen):
    """One input, decoded and reduced to the text that is checked."""

    path: str
    format: Literal["text", "markdown", "html"] = "text"
    source: str = Field(description="The decoded file as written.")
    text: str = Field(description="The prose to check (== source for plain text).")
    offsets: OffsetMap = Field(default_factory=OffsetMap)
    date: DateInfo = Field(default_factory=lambda: DateInfo(value=None, source="none"))
    suppressions: list[Suppression] = Field(default_factory=list)
    invalid_suppressions: list[InvalidSuppression] = Field(
        default_factory=list,
        description="``<!-- factcheck: … -->`` comments that cannot be applied (no codes, "
        "bad syntax, an enable without a disable), for a rule to report.",
    )

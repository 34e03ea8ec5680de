"""Inline suppression comments: ``<!-- factcheck: ignore[SCL001] reason -->`` and friends.

Syntax (Markdown and HTML alike)::

    <!-- factcheck: ignore[SCL001] reason -->      the next block (paragraph, heading, list …)
    <!-- factcheck: disable[SCL001,REP] -->        from here …
    <!-- factcheck: enable[SCL001,REP] -->         … to here (or to the end of the file)

Codes are mandatory: rule codes (``SCL001``) or prefixes (``SCL``, ``ALL``), comma-separated. A
comment that starts with ``factcheck`` but does not follow this syntax becomes an
:class:`~factcheck.models.InvalidSuppression` so a rule can report it. Suppressions work on
whole blocks: a comment inside a paragraph covers that paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import regex

from factcheck.markup.pieces import Layout
from factcheck.models import InvalidSuppression, Suppression
from factcheck.segment import LineIndex

Action = Literal["ignore", "disable", "enable"]

_ACTIONS: tuple[Action, ...] = ("ignore", "disable", "enable")
_MENTION = regex.compile(r"\A\s*factcheck\s*(?::|(?:ignore|disable|enable)\b)", regex.IGNORECASE)
_COLON = regex.compile(r"\A\s*factcheck\s*:", regex.IGNORECASE)
_DIRECTIVE = regex.compile(
    r"\A\s*factcheck\s*:\s*(?P<action>[A-Za-z_-]+)\s*(?P<open>\[)?(?P<codes>[^\]]*?)"
    r"(?P<close>\])?(?:\s+(?P<reason>.*?))?\s*\Z",
    regex.DOTALL | regex.IGNORECASE,
)
_CODE = regex.compile(r"\A(?:ALL|[A-Z]{1,4}[0-9]{0,3})\Z")
COMMENT = regex.compile(r"<!--(?P<body>.*?)(?:--!?>|\Z)", regex.DOTALL)


@dataclass(slots=True)
class Directive:
    """A well-formed comment and where it sits among the blocks of the document."""

    action: Action
    codes: tuple[str, ...]
    reason: str | None
    span: tuple[int, int]  # the comment, in source offsets
    boundary: int  # the block boundary it stands at: before block ``boundary``
    covers: set[int] = field(default_factory=set)  # ignore: the blocks it covers


@dataclass(slots=True)
class Bad:
    text: str
    message: str
    span: tuple[int, int]


def parse(body: str, comment: str, span: tuple[int, int], boundary: int) -> Directive | Bad | None:
    """A comment's body → a directive, a malformed one, or ``None`` when not addressed to us."""
    if _MENTION.match(body) is None:
        return None
    if _COLON.match(body) is None:
        return Bad(
            comment, "a colon is needed after factcheck: 'factcheck: ignore[CODE] reason'", span
        )
    m = _DIRECTIVE.match(body)
    if m is None:
        return Bad(comment, "malformed: expected 'factcheck: ignore[CODE,…] reason'", span)
    action = next((a for a in _ACTIONS if a == m.group("action")), None)
    if action is None:
        return Bad(
            comment,
            f"unknown action {m.group('action')!r}: expected ignore, disable or enable",
            span,
        )
    if m.group("open") is None:
        return Bad(
            comment, f"codes are mandatory: write {action}[CODE] (e.g. {action}[SCL001])", span
        )
    if m.group("close") is None:
        return Bad(comment, f"unclosed '[' after {action}", span)
    codes = tuple(c.strip() for c in m.group("codes").split(","))
    if codes == ("",):
        return Bad(comment, f"codes are mandatory: {action}[] names no rule", span)
    for code in codes:
        if _CODE.match(code) is None:
            return Bad(comment, f"{code!r} is not a rule code or prefix (like SCL001 or SCL)", span)
    reason = (m.group("reason") or "").strip() or None
    return Directive(action, codes, reason, span, boundary)


@dataclass(slots=True)
class Collector:
    """Gathers the comments of one document while a converter walks it."""

    directives: list[Directive] = field(default_factory=list)
    bad: list[Bad] = field(default_factory=list)

    def comment(
        self, comment: str, body: str, span: tuple[int, int], boundary: int
    ) -> Directive | None:
        """Record one ``<!-- … -->``; returns the directive when it is one."""
        found = parse(body, comment, span, boundary)
        if isinstance(found, Bad):
            self.bad.append(found)
            return None
        if found is not None:
            self.directives.append(found)
        return found


def resolve(
    collected: Collector, layout: Layout, source: str
) -> tuple[list[Suppression], list[InvalidSuppression]]:
    """The suppressions with their ``applies`` spans in checked-text offsets."""
    lines = LineIndex(source)
    out: list[Suppression] = []
    bad = list(collected.bad)
    ordered = sorted(collected.directives, key=lambda d: d.span[0])

    def make(d: Directive, codes: tuple[str, ...], applies: tuple[int, int]) -> Suppression:
        line, column = lines.position(d.span[0])
        return Suppression(
            action=d.action,
            codes=list(codes),
            reason=d.reason,
            span=d.span,
            line=line,
            column=column,
            applies=applies,
        )

    # For each disable, where each of its codes is enabled again: the next enable naming it.
    next_enable: list[dict[str, int]] = [{} for _ in ordered]
    later: dict[str, int] = {}
    for i in range(len(ordered) - 1, -1, -1):
        if ordered[i].action == "disable":
            next_enable[i] = {c: later[c] for c in ordered[i].codes if c in later}
        elif ordered[i].action == "enable":
            for code in ordered[i].codes:
                later[code] = layout.boundary(ordered[i].boundary)
    disabled: set[str] = set()
    for i, d in enumerate(ordered):
        if d.action == "ignore":
            out.append(make(d, d.codes, layout.cover(d.covers, d.boundary)))
        elif d.action == "disable":
            disabled.update(d.codes)
            start = layout.boundary(d.boundary)
            ends: dict[int, list[str]] = {}
            for code in d.codes:
                ends.setdefault(next_enable[i].get(code, len(layout.text)), []).append(code)
            for end, codes in ends.items():
                out.append(make(d, tuple(codes), (start, max(start, end))))
        else:
            missing = [c for c in d.codes if c not in disabled]
            if missing:
                bad.append(
                    Bad(
                        source[d.span[0] : d.span[1]],
                        f"enable[{','.join(missing)}] has no earlier disable[{','.join(missing)}]",
                        d.span,
                    )
                )
                continue
            point = layout.boundary(d.boundary)
            out.append(make(d, d.codes, (point, point)))
    invalid = []
    for b in sorted(bad, key=lambda b: b.span[0]):
        line, column = lines.position(b.span[0])
        invalid.append(
            InvalidSuppression(
                text=b.text, message=b.message, span=b.span, line=line, column=column
            )
        )
    return out, invalid

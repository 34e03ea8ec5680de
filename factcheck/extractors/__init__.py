"""Claim extraction: text → every numeric statement in it, as :class:`~factcheck.models.Claim`.

Stages, each its own module: ``scan`` (numerals and their kind) → ``context`` (hedge, measure,
owner, time) → ``bounds`` (two bounds that make one range). :func:`extract_mentions` runs them
in order; :func:`mentions_to_claims` freezes what they found into claims. How claims relate to
each other is the next stage's job (:mod:`factcheck.relations`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.extractors.bounds import merge_bounds
from factcheck.extractors.context import Contextualiser
from factcheck.extractors.mention import Mention
from factcheck.extractors.patterns import patterns_for
from factcheck.extractors.scan import Scanner
from factcheck.lexicon import Lexicon
from factcheck.models import Claim, HedgeDirection
from factcheck.segment import LineIndex, Sentences

__all__ = ["Extraction", "extract_mentions", "mentions_to_claims"]

Position = Callable[[int], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found: the mentions, malformed numerals, and where it stopped early."""

    mentions: list[Mention]
    malformed: list[tuple[int, int]]
    truncated_at: int | None = None  # offset of the first figure not read (MAX_MENTIONS)
    clause_breaks: Sequence[int] | None = None  # ``context.clause_breaks`` of the text, if found
    lowered: str | None = None  # ``text.lower()`` when that keeps every offset


def extract_mentions(text: str, lex: Lexicon) -> Extraction:
    """Mentions of ``text`` with context and links, and the spans of malformed numerals."""
    pat = patterns_for(lex)
    scanner = Scanner(lex, pat)
    low = text.lower()
    lowered = low if len(low) == len(text) else None  # one lower-cased copy, shared by stages
    mentions = scanner.scan(text, lowered)
    sentences = Sentences(text)
    contextualiser = Contextualiser(lex, pat)
    contextualiser.apply(text, mentions, sentences, lowered)
    mentions = merge_bounds(text, mentions)
    breaks = contextualiser.clause_breaks if mentions else None
    return Extraction(mentions, scanner.malformed, scanner.truncated_at, breaks, lowered)


def mentions_to_claims(
    text: str,
    mentions: list[Mention],
    *,
    position: Position | None = None,
) -> list[Claim]:
    """Freeze mentions into claims with ids c1, c2, … and their positions.

    ``position`` maps an offset to (line, column), by default in ``text`` itself (for Markdown
    and HTML, in the file as written; :mod:`factcheck.relocate` then moves the spans there).
    """
    if position is None:
        position = LineIndex(text).position
    ids = [f"c{i + 1}" for i in range(len(mentions))]
    claims = []
    for i, m in enumerate(mentions):
        start, end = m.start, m.end
        line, col = position(start)
        end_line, end_col = position(end)
        claims.append(
            Claim.trusted(
                id=ids[i],
                start=start,
                end=end,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                text=text[m.start : m.end],
                kind=m.kind,
                value=m.value,
                low=m.low,
                high=m.high,
                unit=m.unit,
                per=m.per,
                approximate=m.hedge_direction not in (None, HedgeDirection.EXACT),
                hedge=m.hedge,
                hedge_direction=m.hedge_direction,
                vague=m.vague,
                scale=m.scale,
                measure=m.measure,
                owner=m.owner,
                direction=m.direction,
                direction_word=m.direction_word,
                role=m.role,
                from_claim=ids[m.from_index] if m.from_index is not None else None,
                converts=ids[m.converts_index] if m.converts_index is not None else None,
                anchor=m.anchor,
                anchor_year=m.anchor_year,
                sentence=m.sentence,
            )
        )
    return claims

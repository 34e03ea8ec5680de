"""The relation stage: extract → **relate** → check.

Each sentence is read once (``sentence.py``) into a skeleton, its adjuncts set aside; the readers
match their shapes against it and emit typed relations, each with its evidence span and the
claims in its slots:

- ``conversions``: "$50billion (£35m)" — read first, over the mentions, because a converted
  figure stands for its original and is set aside in the skeleton;
- ``changes``: from, to and the change itself, and multipliers ("doubled from … to …");
- ``parts``: parts of a whole, shares of a whole, shares of one whole that add up;
- ``restatements``: one figure stated twice, across sentences.

The relations also fill the claims' own fields that say the same thing (``role``,
``from_claim``, ``converts``, ``direction``), so the claim list stays self-describing. The checks
are arithmetic over relations and never read the text.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.extractors.mention import Mention
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind, Relation, RelationKind, Role
from factcheck.relations.changes import read_changes
from factcheck.relations.conversions import read_conversions, share_roles
from factcheck.relations.draft import Draft
from factcheck.relations.parts import PartsReader
from factcheck.relations.restatements import RestatementReader
from factcheck.relations.sentence import FigureSite, SentenceReader, vocabulary_for
from factcheck.relations.shapes import shapes_for
from factcheck.segment import Sentences

__all__ = ["Draft", "Readers", "freeze", "readers_for", "relate"]

# figures no relation has a slot for (a conversion is read before, over all the mentions)
_NEVER_RELATED = frozenset([ClaimKind.YEAR, ClaimKind.AGE])
MAX_PER_SENTENCE = 40  # more figures than this in one sentence: a table, not prose
MAX_SENTENCE_CHARS = 2_000  # no sentence of prose is longer; past it (hostile or garbled text)
# only conversions are read


@dataclass(frozen=True)
class Readers:
    """Every reader of one lexicon, built once."""

    sentence: SentenceReader
    parts: PartsReader
    restatements: RestatementReader
    lex: Lexicon


@functools.cache
def readers_for(lex: Lexicon) -> Readers:
    return Readers(SentenceReader(lex), PartsReader(lex), RestatementReader(lex), lex)


def relate(
    text: str, mentions: list[Mention], lex: Lexicon, *, roles_only: bool = False
) -> list[Draft]:
    """The relations among ``mentions`` (in text order of their evidence); fills the mentions'
    ``role``, ``from_index``, ``converts_index`` and ``direction`` from them. With
    ``roles_only`` (``factcheck.extract``), only the relations that fill those fields are read:
    conversions, changes and multipliers, not parts or restatements."""
    if not mentions:
        return []
    r = readers_for(lex)
    for m in mentions:  # the relations say these, and only they
        m.role = m.direction = m.direction_word = None
        m.from_index = m.converts_index = None
    drafts = list(read_conversions(text, mentions, lex))
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_sentence[m.sentence].append(i)
    sentences = Sentences(text)
    shapes = shapes_for(lex)
    v = vocabulary_for(lex)
    sites: dict[int, FigureSite] = {}
    for s, members in by_sentence.items():
        if len(members) > MAX_PER_SENTENCE:
            continue
        if all(mentions[i].kind in _NEVER_RELATED for i in members):
            continue  # "in 2015", "aged 33": nothing for a reader to relate (and a third of
            # the sentences of a story)
        start, end = sentences.bounds(s)
        if end - start > MAX_SENTENCE_CHARS:
            continue
        reading = r.sentence.read(text, s, start, end, mentions, members)
        sites.update(reading.sites)
        changes = list(read_changes(reading, mentions, shapes, v))
        _fill_roles(text, mentions, changes)
        drafts.extend(changes)
        if roles_only:
            continue
        # "The 1,500 job cuts include 900 in Birmingham, …": the amount of a change named as
        # a noun may still be a whole of parts
        taken = {
            i
            for d in changes
            for i in d.members()
            if not (d.shape == "noun-by" and d.slots.get("amount") == [i] and len(d.slots) == 1)
        }
        drafts.extend(r.parts.read(reading, mentions, taken))
    share_roles(mentions)
    if not roles_only:
        drafts.extend(r.restatements.read(text, mentions, sites))
    drafts.sort(key=lambda d: (d.start, d.end))
    return drafts


def _fill_roles(text: str, mentions: Sequence[Mention], changes: list[Draft]) -> None:
    for d in changes:
        if d.kind not in (RelationKind.CHANGE, RelationKind.MULTIPLIER):
            continue
        f, t = d.one("from"), d.one("to")
        x = d.one("factor")
        if x is not None:
            mentions[x].direction = d.direction
            mentions[x].direction_word = text[mentions[x].num_start : mentions[x].num_end].lower()
        if f is not None and t is not None:
            a, b = mentions[f], mentions[t]
            if b.measure is None:  # one measure for both values of a change
                b.measure, b.owner = a.measure, a.owner
            elif a.measure is None:
                a.measure, a.owner = b.measure, b.owner
        if f is not None:
            mentions[f].role = Role.FROM
            mentions[f].direction, mentions[f].direction_word = d.direction, d.word
        if t is not None:
            mentions[t].role = Role.TO
            mentions[t].direction, mentions[t].direction_word = d.direction, d.word
            if f is not None:
                mentions[t].from_index = f
        for slot in ("amount", "percent", "points", "fraction"):
            i = d.one(slot)
            if i is not None:
                mentions[i].role = Role.CHANGE
                if d.by_direction is not None and slot in ("percent", "points"):
                    mentions[i].direction, mentions[i].direction_word = d.by_direction, d.by_word
                else:
                    mentions[i].direction, mentions[i].direction_word = d.direction, d.word


def freeze(
    drafts: Sequence[Draft],
    text: str,
    position: Callable[[int], tuple[int, int]],
) -> list[Relation]:
    """The drafts as report models: ids r1, r2, … and claim ids c1, c2, … (text offsets; the
    caller relocates them to the source with the claims)."""
    out = []
    for k, d in enumerate(drafts):
        line, column = position(d.start)
        out.append(
            Relation.trusted(
                id=f"r{k + 1}",
                kind=d.kind,
                slots={slot: [f"c{i + 1}" for i in v] for slot, v in d.slots.items()},
                span=(d.start, d.end),
                line=line,
                column=column,
                text=text[d.start : d.end],
                shape=d.shape,
                direction=d.direction,
                word=d.word,
                exhaustive=d.exhaustive,
                tags=_tags(d),
            )
        )
    return out


def _tags(d: Draft) -> list[str]:
    tags = d.extra.get("tags", ())
    return sorted(str(t) for t in tags) if isinstance(tags, (list, tuple, set, frozenset)) else []

"""Conversions: a figure restated in another currency or unit, "$50billion (£35m)", "5 miles
(8km)", "€1.2bn (£1.05bn; $1.4bn)", "$3bn, or £2.4bn,", "$7/£5".

Read over the whole mention list before sentences are read, because a conversion is a figure
*standing for* another: the sentence reader then sets converted figures aside, and the figure
they convert carries the change or the share. A figure in brackets that cannot restate the one
before it — a speed given as a fuel economy, an amount of money after a count — is read too, as
an incompatible conversion, for its own rule.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from factcheck.extractors.mention import Mention
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind, RelationKind
from factcheck.relations.draft import Draft

_PAREN_GAP = regex.compile(
    r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|approximately\s+|approx\.?\s+|roughly\s+|some\s+"
    r"|c\.\s*|ca\.\s*|~\s*|equivalent\s+to\s+|equal\s+to\s+|i\.e\.\s+)?"
)
_PAREN_CLOSE = regex.compile(r"\s*[)\]]")
_APPOSITIVE_GAP = regex.compile(
    r"\s*(?:,|—|–|\s-)?\s*(?:or|equivalent\s+to|equal\s+to|which\s+is|i\.e\.|roughly|about)"
    r"\s+(?:about\s+|around\s+|roughly\s+|some\s+|approximately\s+)?"
)
# (a short time or place adjunct may come first: "£10m, or $14bn last year, is …")
_APPOSITIVE_END = regex.compile(
    r"(?:\s+(?:last|this|next)\s+\w+"
    r"|\s+(?:in|on|at|across|over|during|throughout)\s+(?:the\s+)?\w+(?:\s+\w+){0,2}?)?"
    r"\s*(?:[,.;:)—–]|\s-\s|$)"
)
_SLASH_GAP = regex.compile(r"\s?/\s?")
_LIST_IN_BRACKETS = regex.compile(r"\s*[;,/]\s*(?:or\s+|about\s+|some\s+)?")
# "(£10 each)", "(£5 a head)": a price per item, not the items converted
_PER_ITEM = regex.compile(r"\s*(?:each|apiece|a\s+head|per\s+head|a\s+piece|per\s+\w+|a\s+\w+)\b")

_CONVERTIBLE = (ClaimKind.MONEY, ClaimKind.QUANTITY)


@functools.cache
def _price_words(lex: Lexicon) -> regex.Pattern[str]:
    """A price word shortly before a figure: "priced at $149 (£99)", "costs $9.99 (£7.99) a
    month" — a price a seller may set per market rather than convert."""
    words = sorted(lex.relations.prices.words, key=len, reverse=True)
    alt = "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in words)
    filler = r"(?:\s+(?:at|for|from|just|only|about|around|is|was|will|be|now|of))*"
    return regex.compile(rf"\b(?:{alt})(?:\s+of(?:\s+[\w’'-]+){{1,3}})?{filler}\s*$")


def _compatible(a: Mention, b: Mention, minor: dict[str, tuple[str, float]]) -> bool:
    """Can b restate a in another unit? Another currency (never the same one in its minor
    unit: "$2.2m, or 81 cts a share" is a total and a share), or another unit of a dimension."""
    if a.kind != b.kind or a.kind not in _CONVERTIBLE or a.per != b.per:
        return False
    if a.kind == ClaimKind.MONEY:
        return _main(a.unit, minor) != _main(b.unit, minor)
    return _same_dimension(a, b) and a.unit != b.unit


def _same_dimension(a: Mention, b: Mention) -> bool:
    """The lexicon's dimension names, or pint's where they differ: "40 miles per gallon (14
    kilometres per litre)" is a fuel economy both ways (length per volume)."""
    if a.dimension == b.dimension:
        return True
    if not (a.unit and b.unit and a.dimension and b.dimension):
        return False
    from factcheck.units import default_units  # pint only for two units named differently

    return default_units().same_dimension(a.unit, b.unit)


def _main(unit: str | None, minor: dict[str, tuple[str, float]]) -> str | None:
    return minor[unit][0] if unit in minor else unit


def _incompatible(text: str, a: Mention, b: Mention) -> bool:
    """ "40 miles per hour (17 kilometres per litre)"; "50 million users (£35m)"."""
    if a.kind == b.kind == ClaimKind.QUANTITY:
        dims = {a.dimension, b.dimension}
        if dims == {"mass", "volume"}:
            return False  # "40.3 mln tonnes (about 295 mln barrels)" of crude: by density
        return bool(a.dimension and b.dimension) and not _same_dimension(a, b)
    if a.kind == ClaimKind.COUNT and b.kind == ClaimKind.MONEY:
        return not a.vague and b.per is None and not _PER_ITEM.match(text, b.end)
    return False


def read_conversions(text: str, mentions: list[Mention], lex: Lexicon) -> Iterator[Draft]:
    """Conversions in text order; sets ``converts_index`` and copies what the original says."""
    price = _price_words(lex)
    minor = lex.minor_currencies
    amounts = [i for i, m in enumerate(mentions) if m.kind != ClaimKind.YEAR]
    for k in range(len(amounts) - 1):
        ia, ib = amounts[k], amounts[k + 1]
        a, b = mentions[ia], mentions[ib]
        if b.converts_index is not None or a.sentence != b.sentence:
            continue
        gap = text[a.end : b.start]
        bracketed = bool(_PAREN_GAP.fullmatch(gap))
        closed = bracketed and bool(_PAREN_CLOSE.match(text, b.end))
        if not _compatible(a, b, minor):
            if closed and a.converts_index is None and _incompatible(text, a, b):
                yield _draft(text, mentions, ia, ib, "incompatible", price)
            continue
        if closed or (bracketed and _LIST_IN_BRACKETS.match(text, b.end)):
            shape = "brackets"
        elif _APPOSITIVE_GAP.fullmatch(gap) and _APPOSITIVE_END.match(text, b.end):
            shape = "or"
        elif _SLASH_GAP.fullmatch(gap):
            shape = "slash"
        else:
            continue
        _restate(mentions, ia, ib)
        yield _draft(text, mentions, ia, ib, shape, price)
        if bracketed:  # further conversions in the same brackets restate the same original
            prev = b
            for ic in amounts[k + 2 : k + 6]:
                c = mentions[ic]
                lm = _LIST_IN_BRACKETS.match(text, prev.end)
                if lm is None or lm.end() != c.start:
                    break
                if not _compatible(a, c, minor) or c.unit == b.unit:
                    break
                _restate(mentions, ia, ic)
                yield _draft(text, mentions, ia, ic, "brackets", price)
                prev = c


def _draft(
    text: str, mentions: list[Mention], ia: int, ib: int, shape: str, price: regex.Pattern[str]
) -> Draft:
    a, b = mentions[ia], mentions[ib]
    tags = ["incompatible"] if shape == "incompatible" else []
    lead = text[max(0, a.start - 50) : a.start].lower()
    if price.search(lead):
        tags.append("price")
    end = b.end
    close = _PAREN_CLOSE.match(text, b.end)
    if close is not None:
        end = close.end()
    return Draft(
        kind=RelationKind.CONVERSION,
        slots={"original": [ia], "converted": [ib]},
        start=a.start,
        end=end,
        sentence=a.sentence,
        shape=shape,
        word=None,
        extra={"tags": tags},
    )


def _restate(mentions: list[Mention], ia: int, ib: int) -> None:
    """b restates a: it says the same thing (measure, owner and time)."""
    a, b = mentions[ia], mentions[ib]
    b.converts_index = ia
    for attr in ("measure", "owner", "anchor", "anchor_year", "per"):
        if getattr(b, attr) is None:
            setattr(b, attr, getattr(a, attr))


def share_roles(mentions: list[Mention]) -> None:
    """After changes are read: a conversion plays its original's part in them."""
    for b in mentions:
        if b.converts_index is None:
            continue
        a = mentions[b.converts_index]
        if b.role is None:
            b.role = a.role
        if b.direction is None:
            b.direction, b.direction_word = a.direction, a.direction_word

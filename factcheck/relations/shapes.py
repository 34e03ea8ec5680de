"""The shapes of sentences that tie figures together, as patterns over skeletons.

A skeleton (``sentence.py``) is a sentence with its adjuncts set aside, written as tokens:
``#p0`` a figure (kind letter, position), ``+rose``/``-fell`` a word of rise or fall, ``~went`` a
verb of change with no direction, other words in lower case. A shape is a regular expression
over those tokens whose named groups are the relation's slots. The macros:

========  ==============================================================================
``{F}``   any figure            ``{L}``  a level (amount, percent, fraction)
``{B}``   a change (amount, percent, points, fraction)
``{X}``   a multiplier ("doubled")  ``{P}`` a percent
``{DIR}`` a word of rise or fall   ``{CHG}`` that, or a verb of change with no direction
``{W}``   one other word (never a linker, a conjunction or a clause opener)
``{M}``   up to three such words after a figure ("mln dlrs", "members")
``{FILL}`` up to seven such words or commas between a verb and its figures (lazy)
``{TO}``, ``{FROM}``, ``{CMP}``, ``{EQ}``  the linkers of ``rules/lexicon/relations.toml``
========  ==============================================================================

Group names are slots: ``d`` the direction word; ``from``, ``to``; ``by`` the change itself
(its slot is named for its kind when the relation is built: ``amount``, ``percent``, ``points``,
``fraction``); ``x`` a multiplier. A name may carry a suffix (``by_2``, ``d_3``) where a shape
offers a slot in two places; the suffix is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from factcheck.lexicon import Lexicon

_STOP = (
    "from", "to", "by", "at", "and", "or", "but", "than", "vs", "versus", "against", "compared",
    "while", "whilst", "whereas", "although", "though", "however", "meanwhile", "yet", "said",
    "says", "say",
)  # fmt: skip
_BE = (
    "was|were|is|are|been|being|has been|have been|had been|will be|would be|closed|ended"
    "|finished|stood|stands|was now|were now|is now|are now|now"
)


def _alt(phrases: list[str]) -> str:
    """A regex alternation of phrases, longest first, each word escaped."""
    words = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\ ".join(re.escape(w) for w in p.split()) for p in words)


# The shapes of a change, each (name, pattern over the sentence's tokens); the macros ({L},
# {TRAIL} …) are those of :class:`Shapes`.
_CHANGE_SHAPES = (
    # "rose from £1bn to £1.2bn, a rise of 20%"; "went from 5 to 7"
    (
        "from-to",
        r"(?P<d>{CHG})\ {FILL}{FROM}\ (?P<from>{L})\ {M}(?:,\ )?(?:{TO})\ "
        r"(?P<to>{L})\ {M}{TAIL}",
    ),
    # "rose to £1.2bn from £1bn, up 20%"; "fell to £2.3bn, compared with £2.6bn";
    # "rose to £1.2bn, up 20% from £1bn"; "rose to £1.2bn"
    (
        "to-from",
        r"(?P<d>{CHG})\ {FILL}(?:{TO})\ (?P<to>{L})\ {M}"
        r"(?:(?:,\ )?(?:{FROM}|{CMP})\ (?P<from>{L})\ {M})?{TAIL}"
        r"(?:(?:from|on|compared\ with|compared\ to|against|vs|versus|over)\ "
        r"(?P<from_6>{L})\ )?",
    ),
    # "rose 20% to £1.2bn from £1bn"; "rose by £50m, or 5%, to £1.05bn"; "fell 8%,
    # lopping $46bn off"; "cut by 3%"
    (
        "by",
        r"(?P<d>{DIR})\ (?:{FILL}by\ {FURTHER}|{NEAR}{FURTHER})(?P<by>{B})\ {M}"
        r"(?:(?:,\ |\(\ |-\ )(?:(?:{EQ})\ |(?P<d_5>{DIR})\ {W}{0,2}?)(?P<by_4>{B})\ {M}"
        r"(?:\)\ )?)?{TRAIL}",
    ),
    # "£1.2bn, up 20% from £1bn"; "£1.2bn, up from £1bn"; "profits were up 20%"
    (
        "level-up",
        r"(?P<to>{L})\ {M}(?:,\ (?:or\ )?\#[a-z]\d+\ {M})?"
        r"(?:,\ |-\ |\(\ )?(?:{BE}\ )?"
        r"(?P<d>[+\-](?:up|down|higher|lower))\ (?:by\ )?{FURTHER}(?:(?P<by>{B})\ {M})?"
        r"(?:(?:from|on|compared\ with|compared\ to|against|vs|versus|over)\ "
        r"(?P<from>{L})\ {M})?{TAIL}",
    ),
    # "£1.2bn, a rise of 20% on £1bn"
    (
        "level-noun",
        r"(?P<to>{L})\ {M}(?:,\ |-\ |\(\ )(?:{DET})\ {W}{0,2}?"
        r"(?P<d>{NDIR})\ (?:of|by)\ (?P<by>{B})\ {M}"
        r"(?:(?:from|on|compared\ with|compared\ to|against|over)\ (?P<from>{L})\ {M})?",
    ),
    # "£1.2bn vs £1bn", "60%, compared with 55%"
    ("comparison", r"(?P<to>{L})\ {M}(?:,\ )?(?:{CMP})\ (?P<from>{L})\ "),
    # "a 20% rise in sales to £1.2bn from £1bn"
    (
        "noun-by",
        r"(?:{DET})\ {W}{0,2}?(?P<by>{B})\ {W}?(?P<d>{NDIR})\ "
        r"(?:in\ {W}{1,4}?)?{TRAIL}",
    ),
    # "an increase of 20% to £1.2bn"; "a rise in sales of 20%"
    (
        "noun-of",
        r"(?:{DET})\ {W}{0,2}?(?P<d>{NDIR})\ (?:in\ {W}{1,4}?)?of\ "
        r"(?P<by>{B})\ {M}{TRAIL}",
    ),
    # "closed 3% lower at 105p"; "5% higher"
    (
        "by-adverb",
        r"(?P<by>{B})\ {M}(?P<d>[+\-](?:higher|lower|up|down|more|less|fewer))\ "
        r"(?:(?:{TO})\ (?P<to>{L})\ )?",
    ),
)


class Shapes:
    """The compiled shape patterns of one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        r = lex.relations
        stop = "|".join(
            re.escape(w)
            for w in sorted(
                {*_STOP, *r.clauses.openers, *r.clauses.breaks, *r.totals.exhaustive[:0]},
                key=len,
                reverse=True,
            )
            if " " not in w
        )
        w = rf"(?:(?!(?:{stop})\ )(?:[a-z]|\^)[^\s]*\ )"
        macros = {
            "F": r"\#[a-z]\d+",
            "L": r"\#[mcqdpf]\d+",
            "B": r"\#[mcqdpft]\d+",
            "X": r"\#x\d+",
            "P": r"\#p\d+",
            "DIR": r"[+\-][^\s]+",
            "NDIR": r"\^?[+\-][^\s]+",  # a direction noun may follow a determiner: "^+rise"
            "CHG": r"[+~\-][^\s]+",
            "W": w,
            "M": rf"{w}{{0,3}}",
            "FILL": rf"(?:{w}|,\ ){{0,7}}?",
            # between a verb and its change without "by": "cut 3,000 jobs", "raised prices 5%"
            "FURTHER": r"(?:(?:a\ further|another|a\ total\ of|an\ extra|a\ record)\ )?",
            "NEAR": (
                rf"(?:(?!(?:in|of|on|at|for|with|into|the|a|an|its|their|his|her)\ ){w}){{0,2}}"
            ),
            "TO": rf"(?:{_alt(r.links.to)})",
            "FROM": r"(?:[+\-](?:up|down)\ )?from",
            "CMP": rf"(?:{_alt(r.links.comparison)})",
            "EQ": rf"(?:{_alt(r.links.equivalence)})",
            "BE": rf"(?:{_BE})",
            "DET": r"(?:a|an|the|its|their|his|her|this|that)",
        }
        # the values after a change: "to £1.2bn", "from £1bn to £1.2bn", "to £1.2bn from £1bn"
        # (not "rose by four to 752, against 987 a year ago": a base of another period)
        macros["TRAIL"] = _expand(
            r"(?:(?:,\ )?(?:{TO})\ (?P<to>{L})\ {M})?(?:(?:,\ )?{FROM}\ (?P<from>{L})\ {M})?"
            r"(?:(?:,\ )?(?:{TO})\ (?P<to_2>{L})\ {M})?",
            macros,
        )
        # the change restated after a from/to pair: ", a rise of 3%", ", up 3%", ", or 3%"
        macros["TAIL"] = _expand(
            r"(?:(?:,\ |-\ |\(\ )(?:{DET}\ {W}{0,2}?(?P<d_2>\^?{CHG})\ (?:of|by)\ "
            r"|(?P<d_3>{DIR})\ (?:by\ )?)(?P<by_2>{B})\ {M}(?:\)\ )?"
            r"|(?:,\ |-\ |\(\ )(?:{EQ})\ (?P<by_5>\#[pt]\d+)\ {M}(?:\)\ )?"
            r"|(?:,\ )?(?:a|an)\ (?P<by_3>{B})\ {W}?(?P<d_4>{NDIR})\ )?",
            macros,
        )
        self.change = _compile(_CHANGE_SHAPES, macros)
        # after a change, "and his own fortune by $5bn": the verb is understood
        self.gapped = re.compile(
            _expand(
                r"(?:and\ then|and|,)\ {W}{0,5}?(?:(?:by\ )?(?P<by>{B})\ {M}(?:(?:{TO})\ "
                r"(?P<to>{L})\ )?|{FROM}\ (?P<from>{L})\ {M}(?:{TO})\ (?P<to_2>{L})\ )",
                macros,
            )
        )
        multiplier = [
            # "doubled its profits from $2m to $4m"; "tripled to £3bn from £1bn"; "doubled"
            (
                "multiplier",
                r"(?P<x>{X})\ (?:{FILL}(?:{CHG}\ )?{FROM}\ (?P<from>{L})\ {M}"
                r"(?:(?:,\ )?(?:{TO})\ (?P<to>{L})\ {M})?"
                r"|{FILL}(?:{CHG}\ )?(?:{TO})\ (?P<to_2>{L})\ {M}"
                r"(?:(?:,\ )?{FROM}\ (?P<from_2>{L})\ )?)?",
            ),
        ]
        self.multiplier = _compile(multiplier, macros)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        return macros[name] if name in macros else m.group(0)

    return re.sub(r"\{([A-Z]+)\}", sub, pattern)


def _compile(shapes: Sequence[tuple[str, str]], macros: dict[str, str]) -> re.Pattern[str]:
    """One alternation of every shape, each group renamed ``<shape>__<slot>``."""
    parts = []
    for k, (name, body) in enumerate(shapes):

        def rename(m: re.Match[str], k: int = k) -> str:
            return f"(?P<s{k}__{m.group(1)}{m.group(2) or ''}>"

        body = re.sub(r"\(\?P<([a-z]+)(_\d)?>", rename, _expand(body, macros))
        parts.append(f"(?P<shape{k}_{name.replace('-', '_')}>{body})")
    # every shape starts at a token: the start of the clause or after a space
    return re.compile(r"(?:(?<=\ )|^)(?:" + "|".join(parts) + ")", re.VERBOSE)


@functools.cache
def shapes_for(lex: Lexicon) -> Shapes:
    return Shapes(lex)

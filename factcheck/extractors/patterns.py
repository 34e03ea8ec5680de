"""Regular expressions built from the lexicon, compiled once per lexicon and kept on it.

Every pattern here is linear on its input: no nested quantifiers over overlapping classes, bounded
look-arounds, alternations of literal words. ``tests/test_adversarial.py`` feeds them long digit
runs, bracket storms and megabyte lines.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from factcheck.lexicon import Lexicon

_APOS = "'’"


def _alt(words: Iterable[str], *, escape: bool = True) -> str:
    """Alternation of literal words, longest first (so "per cent" wins over "per")."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    parts = []
    for w in items:
        p = regex.escape(w) if escape else w
        # Let a space in a phrase match any run of spaces ("per  cent", "per\ncent").
        p = p.replace(r"\ ", r"\s+")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


class Patterns:
    """The compiled patterns of one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        flags = regex.VERSION1 | regex.IGNORECASE
        nw = lex.number_words
        numwords = [*nw.units, *nw.tens, *nw.multipliers, *nw.fractions, "half", "dozens"]
        nw_alt = _alt(numwords)
        # A numeral in digits. Separators are validated later by numparse.parse_digits.
        self.digits = regex.compile(
            r"(?<![\d.,])(?<!\d[.,])"
            r"(?:\d[\d,\u00a0\u202f\u2009]*\d|\d)(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?![\w]))?"
            r"|(?<![\w.,])\.\d+",
            regex.VERSION1,
        )
        # A run of number words: "two hundred and fifty", "one and a half million", "a third".
        conn = r"(?:\s*-\s*|\s+(?:and\s+(?:an?\s+)?|point\s+|of\s+an?\s+|an?\s+)?)"
        self.words = regex.compile(
            rf"\b(?:(?:minus|negative)\s+)?(?:an?\s+)?{nw_alt}(?:{conn}{nw_alt})*\b", flags
        )
        vague_scales = _alt(["thousands", "millions", "billions", "trillions", "hundreds"])
        prefixes = _alt(lex.vague_prefixes)
        self.vague = regex.compile(
            rf"\b(?P<v>{_alt(lex.vague)})(?:\s+(?:of|upon)\s+(?P<s>{vague_scales}))?\b"
            rf"|\b(?P<p>{prefixes})\s+(?P<w>hundred|thousand|million|billion|trillion)\b",
            flags,
        )
        # Scale word after digits: "50billion", "£3.5m", "1.2 tn", "2.33 k", "1.5 million".
        abbrevs = [k for k in lex.scales if not k.isalpha() or len(k) <= 4]
        self.scale = regex.compile(
            rf"(?:\s?(?P<a>{_alt(abbrevs)})(?![\w&])|\s*(?P<w>hundred|thousand|million|billion"
            rf"|trillion|lakh|crore|dozen)s?\b)",
            flags,
        )
        self.scale_word = regex.compile(
            r"\s*(?P<w>thousand|million|billion|trillion|lakh|crore)s?\b", flags
        )
        # Currency written before the amount: "$", "US$", "US $", "c $", "£", "€", "USD ", "Rs ".
        syms = [s for s in lex.currency_symbols]
        dollar_prefixes = [s[:-1].rstrip(" ") for s in syms if s.endswith("$") and len(s) > 1]
        self.currency_before = regex.compile(
            rf"(?:(?<![\w$])(?P<pre>(?i:{_alt(dollar_prefixes)}))\s?\$"
            rf"|(?<![\w$])(?P<sym>{_alt(syms)})|\b(?P<code>{_alt(lex.currency_codes)}))"
            r"\s?(?:\(\s?)?$",
            regex.VERSION1,
        )
        self.currency_after = regex.compile(
            rf"\s*(?:(?P<code>{_alt(lex.currency_codes)})\b"
            rf"|(?P<word>{_alt(lex.currency_words)})\b"
            rf"|(?P<sub>{_alt(k for k in lex.currency_subunits if len(k) > 1)})\b)",
            flags,
        )
        self.subunit_attached = regex.compile(r"(?P<sub>p|c)\b(?![.'’]\w)", regex.VERSION1)
        self.percent = regex.compile(
            r"\s?(?:(?P<pp>percentage[\s-]+points?|per[\s-]?cent(?:age)?[\s-]+points?"
            r"|%\s*points?|pp|ppts?|pts?(?=\W))"
            r"|(?P<bp>basis\s+points?|bps|bp)"
            r"|(?P<pc>%|per\s*cent\b|percent\b|pc\b|pct\b))",
            flags,
        )
        units = sorted(lex.units, key=len, reverse=True)
        attached = [u for u in units if lex.units[u].attached_only]
        spaced = [u for u in units if not lex.units[u].attached_only]
        ci = [u for u in spaced if len(u) >= 3]
        cs = [u for u in spaced if len(u) < 3]
        self.unit_attached = regex.compile(
            rf"(?P<u>{_alt(attached + cs)})(?![\w°])", regex.VERSION1
        )
        self.unit_spaced = regex.compile(
            rf"(?:\s?-?\s?|\s*°\s*)(?:(?P<u>{_alt(cs)})(?![\w°])|(?P<ui>{_alt(ci)})\b)",
            regex.VERSION1,
        )
        self.unit_ci = {u.lower(): u for u in ci}
        self.degrees = regex.compile(
            r"\s*(?:°|º|degrees?|deg\.?)\s*(?P<scale>celsius|centigrade|fahrenheit|kelvin|[CFK])?\b",
            flags,
        )
        self.hedge_before = regex.compile(
            rf"(?:^|(?<=[\s(\[\"'‘“—–-]))(?P<h>{_alt(lex.hedges_before)})\s*[\"'‘“]?\s*$", flags
        )
        after = [h for h in lex.hedges_after if h[0].isalnum()]
        self.hedge_after = regex.compile(
            rf"(?:\s+(?P<h>{_alt(after)})\b|(?P<s>-odd|-plus|\+)(?![\w\d]))", flags
        )
        self.growth = regex.compile(rf"\b(?P<g>{_alt(lex.growth)})\b", flags)
        self.fold = regex.compile(r"\s?-?\s?fold\b", flags)
        self.times = regex.compile(
            r"\s+times\s+(?:as|the|more|higher|larger|bigger|greater|faster|over|that|than"
            r"|what|its|their|his|her|lower|smaller|less)\b",
            flags,
        )
        self.x_mult = regex.compile(r"x(?![\w\d])", flags)
        self.twice = regex.compile(
            r"\b(?P<t>twice|thrice)(?=\s+(?:as|the|that|what|its|their|his|her|over)\b)", flags
        )
        self.periods = regex.compile(rf"^[\s,]*(?P<p>{_alt(lex.periods)})\b", flags)
        direction = [w for w in (*lex.up_words, *lex.down_words)]
        self.direction_word = regex.compile(rf"\b(?P<d>{_alt(direction)})\b", flags)
        self.months = regex.compile(
            r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?",
            flags,
        )
        self.month_before = regex.compile(
            r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|mar|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:the\s+)?$",
            flags,
        )
        self.month_after = regex.compile(
            r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|march|mar|apr(?:il)?"
            r"|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?"
            r"|dec(?:ember)?)\b",
            flags,
        )
        self.time_after = regex.compile(
            r"^(?:[:.]\d\d(?:\s?[ap]\.?m\b\.?)?|\s?[ap]\.?m\.?(?!\w)|\s?o'clock|\s?(?:gmt|bst|utc|est|edt|pst|cet)\b)",
            flags,
        )
        self.ordinal_suffix = regex.compile(r"^(?:st|nd|rd|th)\b", flags)
        self.age_after = regex.compile(
            r"^(?:\s*-?\s*years?\s*-?\s*olds?\b|\s*-\s*year\s*-\s*old\b|\s+years?\s+of\s+age\b"
            r"|\s*-?(?:month|week)s?-old\b)",
            flags,
        )
        self.age_before = regex.compile(r"\b(?:aged|age|ages)\s+$", flags)
        self.label_before = regex.compile(
            rf"(?:^|(?<=\W))(?P<l>{_alt(lex.label_nouns)})\.?\s?[#№]?\s*$", flags
        )
        self.clause_break = regex.compile(
            r"[;:!?]|\.(?=\s)|\b(?:but|while|whereas|although|though|however|meanwhile)\b|[—–]\s",
            flags,
        )
        self.word = regex.compile(r"[^\W\d_][\w’'&.-]*", regex.VERSION1)
        self.anchor_after = regex.compile(
            r"^[\s,]*(?:\)\s*)?(?:(?:a\s+year|annually|each\s+year|every\s+year|per\s+year)\s+)?"
            r"(?P<a>(?:in|by|since|during|for|of|through|until|as\s+of|at\s+the\s+end\s+of)"
            r"\s+(?:the\s+)?(?:(?:financial|fiscal|calendar|tax|academic)\s+)?(?:years?\s+)?"
            r"(?:(?:to|ending|ended)\s+\w+\s+)?(?P<y>(?:1[89]|20|21)\d\d)(?:[-/]\d{2,4})?)\b",
            flags,
        )
        self.anchor_lead = regex.compile(
            r"^\W*(?P<a>(?:in|by|during|since|for)\s+(?:the\s+)?(?:(?:financial|fiscal)\s+)?"
            r"(?:year\s+)?(?P<y>(?:1[89]|20)\d\d))\b",
            flags,
        )


@functools.cache
def patterns_for(lex: Lexicon) -> Patterns:
    """The compiled patterns of a lexicon (one compile per lexicon object)."""
    return Patterns(lex)

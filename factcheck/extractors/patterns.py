"""Regular expressions built from the lexicon, compiled once per lexicon and kept on it.

Every pattern here is linear on its input: no nested quantifiers over overlapping classes, bounded
look-arounds, alternations of literal words (as tries, so a failed match costs one character
test). ``tests/test_adversarial.py`` feeds them long digit runs, bracket storms and megabyte lines.

Two families: the scanner's (stdlib ``re``: faster on the short windows it reads) and the
context patterns read by ``context.py`` (``regex``, unchanged in behaviour).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

import regex

from factcheck.lexicon import Lexicon
from factcheck.numparse import VULGAR_FRACTIONS, WordNumber

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


def _last_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """The lower-case last word of each phrase, once each (for ``str.endswith``)."""
    return tuple(sorted({p.split()[-1].lower() for p in phrases}))


_TOKEN_AT = re.compile(r"[^\s,;:!?)\]}>\"'’]{1,24}")


# one space, or a line break inside a paragraph (hard-wrapped wire copy: "42.5\npct"), before
# a unit written after a figure; not a break followed by an indented new paragraph
_WRAP = r"(?:[ \u00a0]|\n(?=\S))?"


def last_word(before: str) -> str:
    """The last word of ``before``, lower-cased, without trailing spaces, dots or "#"."""
    parts = before.rstrip(" \t\n\u00a0#№.").rsplit(None, 1)
    return parts[-1].lstrip("(\"'‘“[").lower() if parts else ""


def lead_char(text: str, pos: int) -> str:
    """The first character after a figure, lower-cased, past one space, one hyphen and one
    space ("50 per cent", "3-inch", "5 - 10"); "" when unsure (end of text, more spaces)."""
    k = pos
    if text[k : k + 1] in (" ", "\u00a0"):
        k += 1
    if text[k : k + 1] == "-":
        k += 1
        if text[k : k + 1] == " ":
            k += 1
    ch = text[k : k + 1]
    return "" if not ch or ch.isspace() else ch.lower()


def next_token(text: str, pos: int) -> str:
    """The word after a figure, past what ``lead_char`` skips, lower-cased, without trailing
    punctuation or an opening bracket: "miles" in "5 miles,", "kg" in "20 (kg)"."""
    k = pos
    if text[k : k + 1] in (" ", "\u00a0"):
        k += 1
    if text[k : k + 1] == "-":
        k += 1
        if text[k : k + 1] == " ":
            k += 1
    m = _TOKEN_AT.match(text, k)
    return m.group().lstrip("([{<").rstrip(".").lower() if m else ""


def trie(words: Iterable[str]) -> str:
    """The words as a trie-shaped alternation: same matches as ``_alt``, one test per character.

    Longer words still win (every optional tail is greedy); a space matches any run of spaces.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        ends = "" in node
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")"


def _word_patterns(body: str, flags: int) -> tuple[re.Pattern[str], ...]:
    """A word of ``body`` after a space, after another non-word character, and on its own."""
    return (
        re.compile(rf" ({body})(?!\w)", flags),
        re.compile(rf"[^\w ]({body})(?!\w)", flags),
        re.compile(rf"{body}(?!\w)", flags),
    )


class Patterns:
    """The compiled patterns of one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self._scanner(lex)
        self._units(lex)
        self._context(lex)

    def word_numerals(
        self, text: str, ignore_case: bool = False, limit: int | None = None
    ) -> list[tuple[int, int]]:
        r"""Spans of the number words, growth verbs and "twice" that start a word ("one", not
        "someone"), in order. ``text`` lower-cased, or any text with ``ignore_case``.

        Three passes, each with a fixed start that ``re`` can search for quickly: words after
        a space (most of them: the space is a literal, found like ``str.find``), words after
        any other character that is not a word character, and a word at the very start.
        Together they find exactly ``(?<!\w)`` + the word, a look-behind ``re`` would try at
        every character (``tests/test_numeral_finder.py``). With ``limit``, only the first
        ``limit`` spans (each pass stops there: the first of the three together are among them).
        """
        after_space, after_other, at_start = (
            self._word_numeral_ci if ignore_case else self._word_numeral
        )
        spans = [m.span(1) for m in itertools.islice(after_space.finditer(text), limit)]
        more = [m.span(1) for m in itertools.islice(after_other.finditer(text), limit)]
        first = at_start.match(text)
        if first is not None:
            more.append(first.span())
        if more:
            spans += more
            spans.sort()
        return spans if limit is None else spans[:limit]

    def _scanner(self, lex: Lexicon) -> None:
        nw = lex.number_words
        number_words = {
            *nw.units,
            *nw.tens,
            *nw.multipliers,
            *nw.fractions,
            "half",
            "quarter",
            "minus",
            "negative",
            *lex.vague,
        }
        # Ordinals join a run only to end it: "three twenty-firsts", "the twenty-first century".
        number_words |= {*nw.ordinals, *(f"{o}s" for o in nw.ordinals if o != "second")}
        self.number_words = frozenset(number_words)
        self.growth_words = frozenset(lex.growth)
        self.growth_number_words = self.growth_words & self.number_words  # "halves"
        self.vague_words = frozenset(lex.vague)
        self.scale_plurals = {f"{w}s": v for w, v in nw.multipliers.items()}
        # number-word runs already read, as written ("One hundred") → their tokens (offsets in
        # the run, lower-cased word) and numbers: a cache the numeral finder fills
        self.parsed_runs: dict[
            str, tuple[tuple[tuple[int, int, str], ...], tuple[WordNumber, ...]]
        ] = {}
        # what a hedge before a figure ends with ("than" of "more than", "~"): the hedge
        # pattern is tried only when the text before the figure ends so
        self.hedge_ends = tuple({h.split()[-1] for h in lex.hedges_before if h.split()})
        # "threefold", "tenfold": numbers.toml [fold] (each a number word, checked on load)
        self.fold_words = {f"{w}fold": lex.number_value(w) for w in lex.numbers.fold.words}
        self.times_words = lex.times_words  # "twice", "thrice"
        fold = set(self.fold_words)
        every = {w.lower() for w in (*number_words, *lex.growth, *self.times_words, *fold)}
        # The lower-cased text is searched for every number word, growth verb and "twice" by
        # ``word_numerals``, with these three patterns (the word: group 1, or the whole match)
        body = trie(every)
        self._word_numeral = _word_patterns(body, 0)
        self._word_numeral_ci = _word_patterns(body, re.IGNORECASE)
        # What may join two number words into one number: "fifty-two", "one and a half",
        # "two thirds of a million", "a hundred and five", "nine point five".
        self.word_gap = re.compile(
            r"\s*-\s*|\s+(?:and\s+(?:an?\s+)?|point\s+|of\s+an?\s+|an?\s+)?", re.IGNORECASE
        )
        self.article_before = re.compile(r"(?<!\w)an?\s+$", re.IGNORECASE)
        # the spelled-out scale words: the scales that are number words too ("million", "lakh")
        scale_words = [k for k in lex.scales if k in nw.multipliers]
        # "tens of thousands", "hundreds of millions": vague.toml [of_scale] scales
        self.vague_of = re.compile(rf"\s+(?:of|upon)\s+({trie(lex.vague_scales)})\b", re.IGNORECASE)
        prefixes = _alt(lex.vague_prefixes)
        self.vague_prefix = re.compile(rf"(?<!\w)(?P<p>{prefixes})\s+$", re.IGNORECASE)
        # A numeral in digits; grouping and decimals are validated by numparse.parse_digits.
        # Both patterns start with a character class, so the engine skips to candidates in C;
        # what the character before may be is checked by numerals.py.
        vulgar = f"[{VULGAR_FRACTIONS}]"
        tail = rf"(?:\.\d+)?(?:[eE][-+]?\d{{1,3}}(?!\w))?{vulgar}?"
        self.digits = re.compile(r"\d(?:[\d,\u00a0\u202f\u2009\u2007]*\d)?" + tail)
        # "1 234 567", "40 000": groups of three after plain spaces (tried only after a space).
        # At most five groups, and none after them: "100 200 300 400 500 600" is a list.
        # Two groups at least: a lone "116 123" is a phone number, "on March 4 100 people" two
        # numbers; "1 234 567" is not.
        # One group is enough when money or a unit follows ("10 000 dollars", "40 000 km",
        # "9 800 Kč": any currency word or after-symbol of currencies.toml).
        self.spaced_groups = re.compile(
            rf"(?: \d{{3}}){{2,5}}(?![\d,]| \d){tail}|(?P<one>(?: \d{{3}})(?![\d,]| \d){tail})"
        )
        # the word after one spaced group (``spaced_group_ends``): a currency word's first word,
        # an after-symbol, a code, or one of a few units
        self.spaced_next = re.compile(r"\s?([^\W\d_][^\s\d,;:!?()]*)")
        self.spaced_group_ends = frozenset(
            {w.split()[0] for w in lex.currency_words}
            | {"km", "kg", "tonne", "tonnes", "ton", "tons", "mile", "miles", "metre", "metres"}
            | {"meter", "meters", "litre", "litres", "liter", "liters", "hectare", "hectares"}
            | {"acre", "acres"}
        )
        self.spaced_symbols = frozenset(lex.currency_symbols_after)
        self.vulgar = re.compile(vulgar)
        self.power = re.compile(
            r"\^\s?(?P<e>[-+−]?\d{1,3})(?![\d.])"
            r"|\s?[x×]\s?10\s?(?:\^\s?(?P<e2>[-+−]?\d{1,3})|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))(?![\d.])"
            r"|\s?×\s?10(?P<e3>[-−]\d{1,3})(?![\d.])"
        )
        self.mixed_fraction = re.compile(r"[ \u00a0]{1,2}(\d{1,2})[/⁄](\d{1,3})(?![\d/⁄])")
        self.slash_number = re.compile(r"[/⁄](\d{1,4})(?![\d/⁄.])")

        # Scale word after digits: "50billion", "£3.5m", "1.2 tn", "2.33 k", "1.5 million".
        abbrevs = [k for k in lex.scales if not k.isalpha() or len(k) <= 4]
        words = _alt(scale_words)
        self.scale = re.compile(
            rf"(?:{_WRAP}(?P<a>{_alt(abbrevs)})(?![\w&])|\s*(?P<w>{words})s?\b)",
            re.IGNORECASE,
        )
        self.scale_starts = frozenset(w[0].lower() for w in (*abbrevs, *scale_words))
        # a second scale word: "three lakh crore", "1.5 thousand million"
        self.scale_word = re.compile(rf"\s*(?P<w>{words})s?\b", re.IGNORECASE)
        self.and_a_fraction = re.compile(
            r"\s+and\s+an?\s+(?P<f>half|quarter|third)\b", re.IGNORECASE
        )

        # Currency written before the amount: "$", "US$", "US $", "c $", "£", "€", "USD ", "Rs ".
        syms = [*lex.currency_symbols, *lex.damaged_symbols]
        dollar_prefixes = {s[:-1].rstrip(" .") for s in syms if s.endswith("$") and len(s) > 1}
        # "US$", "US $", "hk $": a prefix of two letters or more may stand apart and in any
        # case; a single letter must be a capital against the sign ("C$5m", never "a $5m deal",
        # where "a" is the article).
        long_prefixes = {p for p in dollar_prefixes if len(p) > 1}
        letters = {p for p in dollar_prefixes if len(p) == 1}
        self.currency_before = re.compile(
            rf"(?:(?<![\w$.])(?P<pre>(?i:{_alt(long_prefixes)})\.?\s?|{_alt(letters)})\$"
            rf"|(?<![\w$])(?P<sym>{_alt(syms)})|(?<![\w$])(?P<mcode>M)?(?P<code>"
            rf"{trie(lex.currency_codes)}))"
            r"\s?(?:\(\s?)?$"
        )
        self.currency_last = frozenset(s[-1] for s in (*syms, *lex.currency_codes))
        self.symbol_keys = {
            k.upper().replace(" ", "").replace(".", ""): v for k, v in lex.currency_symbols.items()
        }
        self.damaged_symbols = lex.damaged_symbols
        # "Rs.", "Fr.": symbols whose dot may stand against the digits ("Rs.5m")
        self.dotted_symbols = tuple(sorted({s[:-1] for s in syms if s.endswith(".")}))
        scales: dict[str, float] = {}
        for key, val in lex.scales.items():
            scales.setdefault(key, val)
        for key, val in lex.scales.items():
            scales.setdefault(key.lower(), val)
            scales.setdefault(key.upper(), val)
        self.scales = scales
        # A code ("5m GBP", "30 MUSD"), or up to four words looked up, longest first, in the
        # currency words and subunits ("500 euros", "40 million Romanian lei", "50 cents"):
        # ``MoneyReader.currency_after``. A set look-up compiles in no time, where an
        # alternation of some 200 names cost milliseconds of every start.
        self.currency_after = re.compile(
            rf"{_WRAP}-?[ \u00a0]?(?:(?P<mcode>M)?(?P<code>{trie(lex.currency_codes)})\b"
            r"|(?P<words>[^\W\d_][\w.'’]*(?:\s+[^\W\d_][\w.'’]*){0,3}))"
        )
        self.currency_first_words = frozenset(
            w.split()[0] for w in (*lex.currency_words, *lex.currency_subunits) if len(w) > 1
        )
        self.currency_word_tokens = 1 + max(
            len(w.split()) for w in (*lex.currency_words, *lex.currency_subunits)
        )
        after_syms = [s for s in syms if len(s) == 1 and not (s.isascii() and s.isalpha())]
        after_syms += [s for s in lex.currency_symbols_after if s not in after_syms]
        self.symbols_after = {
            **{s: lex.currency_symbols[s] for s in after_syms if s in lex.currency_symbols},
            **lex.currency_symbols_after,
        }
        self.currency_starts = frozenset(
            {
                w[0].lower()
                for w in (*lex.currency_codes, *lex.currency_words, *lex.currency_subunits)
            }
            | {"m"}
            | {s[0].lower() for s in after_syms}
        )
        self.percent_starts = frozenset("%pb")
        self.symbol_after = re.compile(rf"[ \u00a0]?(?P<sym>{_alt(after_syms)})(?![\d\w])")
        self.subunit_attached = re.compile(r"(?P<sub>p\b|c\b|¢)(?![.'’]\w)")
        # "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
        self.minor_amount = re.compile(
            r"[ ,]+(?:and\s+)?(?P<n>\d{1,2}|[a-z]+(?:[- ][a-z]+)?)(?:\s+(?P<sub>cents?|pence|p)\b"
            r"|(?=\s*(?:[.;!?](?!\d)|$)))",
            re.IGNORECASE,
        )
        self.percent = re.compile(
            _WRAP + r"(?:(?P<pp>percentage[\s-]+points?|per[\s-]?cent(?:age)?[\s-]+points?"
            r"|%\s*points?|pp\b|ppts?\b|pts?(?=\W|$)|points?\b)"
            r"|(?P<bp>basis\s+points?|bps|bp)\b"
            r"|(?P<pc>%|per\s*cent\b|percents?\b|percentage\b(?![\s-]+points?)|pc\b|pct\b))",
            re.IGNORECASE,
        )
        # "fell 1.5 points from 3.1% to 2.1%": bare "points" are percentage points only when
        # percentages follow as the change's ends (an index's "50 points, or 0.7%" are not).
        # (an aside may stand between: "1.5 points, officials said, from 3.1 pct to 2.1 pct")
        self.percent_ends = re.compile(
            r"(?:\s*,[^,.;\d]{1,40},|\s*\([^()\d]{1,40}\))?"
            r"\s+(?:\w+\s+){0,2}?(?:from|to)\s+(?:about\s+|around\s+|some\s+)?[-−]?\d[\d.,]*\s?"
            r"(?:%|per\s?cent|percent|pct\b|pc\b)",
            re.IGNORECASE,
        )
        # points of a score or an index, once read_percent has declined them
        self.score_points = re.compile(r"[ \u00a0]?(?:(?P<ppg>ppg)|points?|pts?)(?![\w%])", re.I)
        self.fold = re.compile(r"\s?-?\s?fold\b", re.IGNORECASE)
        # "three times as many", "twice the size": numbers.toml [multiples]
        multiples = lex.numbers.multiples
        self.times = re.compile(rf"\s+times(?=\s+{trie(multiples.after_times)}\b)", re.IGNORECASE)
        self.x_mult = re.compile(r"x(?![\w\d])", re.IGNORECASE)
        self.twice_after = re.compile(rf"\s+{trie(multiples.after_twice)}\b", re.IGNORECASE)

        # Ages: "33-year-old", "aged 33", "8 months old", "six weeks of age", "87 yo".
        self.age_after = re.compile(
            r"(?:\s*-?\s*(?P<u>year|month|week|day)s?\s*-?\s*olds?\b"
            r"|\s+(?P<u2>year|month|week|day)s?\s+of\s+age\b|\s?yo\b|\s?y/o\b)",
            re.IGNORECASE,
        )

        # Not amounts: times, ordinals, dates, labels.
        self.time_after = re.compile(
            r"(?:[:.]\d\d(?:\s?[ap]\.?m\b\.?)?|\s?[ap]\.?m\.?(?!\w)|\s?o'clock"
            r"|\s?(?:gmt|bst|utc|est|edt|pst|cet)\b)",
            re.IGNORECASE,
        )
        self.ordinal_suffix = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
        months = lex.month_names_re
        self.month_words = frozenset(lex.months) | {"the"}  # "March 22", "March the 22nd"
        # what a figure counts, after it: "50 of the firms", "£5m for its owner's new club"
        self.measure_after = re.compile(
            rf"^[’'”\"]?\s+(?:(?P<link>of|in|off|from|for)\s+)?(?:{lex.determiners_re}\s+)?"
            r"(?:(?P<owner>[\w-]+(?:\s[\w-]+)?)(?:’s|'s)\s+)?"
            r"(?P<words>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,3})"
        )
        self.month_before = re.compile(rf"\b(?:{months})\.?\s+(?:the\s+)?$", re.IGNORECASE)
        self.month_after = re.compile(
            rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b", re.IGNORECASE
        )
        # A one-letter label ("F 35", "B 52") only in capitals; "a"/"an" are articles ("a 45-acre
        # farm", "A 90-day-old bill"), never labels.
        nouns = [w for w in lex.label_nouns if len(w) > 1 or w not in ("a", "an")]
        label_letters = sorted({w.upper() for w in nouns if len(w) == 1 and w.isalpha()})
        label_words = [w for w in nouns if not (len(w) == 1 and w.isalpha())]
        self.label_before = re.compile(
            rf"(?:^|(?<=\W))(?P<l>(?i:{_alt(label_words)})|[{''.join(label_letters)}])\.?\s?[#№]?\s*$"
        )
        # "S&P 500", "FTSE 100": a name written with its number (names.toml)
        self.named_numbers = lex.named_numbers
        self.glued_prefix = re.compile(
            rf"(?:^|(?<=[^\w-])){trie(lex.glued_prefixes)}[-‐]$", re.IGNORECASE
        )
        # the last word of each name ("p" of "S&P", "ftse", "big"): the search runs only after one
        self.named_last_words = frozenset(n.split()[-1].rstrip(".") for n in lex.named_numbers)
        # "221 Baker Street", "Washington, DC 20500", "ZIP code 90210", "Prescott (4)"
        self.address_after = re.compile(
            rf" (?:[A-Z][\w'’.-]*[ ]){{1,3}}{trie(lex.street_types)}(?![\w])"
        )
        self.zip_before = re.compile(
            rf"(?:\b{trie(lex.us_states)},?[ ]|(?i:\b(?:zip|zip[ ]code|zipcode|postcode|postal"
            r"[ ]code)\b)[^.\d]{0,12})$"
        )
        self.jersey_before = re.compile(r"\b[A-Z][\w'’.-]+[ ]?\($")
        self.percent_follows = re.compile(
            r"[ \u00a0]?(?:%|per[ ]?cent\b|percent\b|percentage[ ]points?\b)", re.IGNORECASE
        )
        # The last word of every label noun and hedge: the $-anchored searches above are only
        # tried when the word before a numeral is one of these.
        self.label_last_words = frozenset(
            [*(w.split()[-1].rstrip(".-").lower() for w in label_words), *label_letters]
        )
        self.hedge_last_words = frozenset(
            h.split()[-1].rstrip(".").lower() for h in lex.hedges_before
        )
        # "set to double", "doubles its sales": changes.toml [growth_forms]
        forms = lex.growth_forms
        self.growth_bare = frozenset(w.lower() for w in forms.bare)
        self.growth_third_person = frozenset(w.lower() for w in forms.third_person)
        self.growth_modal = re.compile(rf"\b{trie(forms.modals)}\s+(?:\w+ly\s+)?$", re.IGNORECASE)
        self.growth_object = re.compile(rf"\s+{trie(forms.objects)}\b", re.IGNORECASE)
        self.growth_compound = re.compile(
            r"[-\s](?:digit|figure|dip|whammy|standard|act|room|bed|decker|check|click|agent"
            r"|crown|header|jab|dose|glaz|lock|bill|chin|edged|barrel)",
            re.IGNORECASE,
        )

    # ------------------------------------------------------------------ units
    def _units(self, lex: Lexicon) -> None:
        units = sorted(lex.units, key=len, reverse=True)
        attached = [u for u in units if lex.units[u].attached_only]
        spaced = [u for u in units if not lex.units[u].attached_only]
        ci = [u for u in spaced if len(u) >= 3]
        cs = [u for u in spaced if len(u) < 3]
        power = r"(?:\^?[23²³](?![\w°])|\s+(?:squared|cubed)\b)?"
        # Written against the figure: "120km/h", "10kg", "5mins", "2in", "100F".
        self.unit_attached = re.compile(
            rf"(?:(?P<ui>(?i:{_alt(ci)}))|(?P<u>{_alt(attached + cs)}))(?P<pow>{power})(?![\w°])"
        )
        # After a space or hyphen, or in brackets: "5 miles", "3-inch", "20 (kg)".
        self.unit_spaced = re.compile(
            rf"(?:(?P<ob>\s?[(\[{{<]\s?)|\s?-?\s?|\s*°\s*)(?:(?P<ui>(?i:{_alt(ci)}))\b"
            rf"|(?P<u>{_alt(cs)})(?![\w°]))(?P<pow>{power})(?(ob)\s?[)\]}}>])"
        )
        self.unit_ci = {u.lower(): u for u in ci}
        # A price's denominator: "$58.24 per barrel", "R18 a litre", "€40/MWh", "$80 per sq m"
        # (``QuantityReader.read_per``). Words (3+ letters) in any case, symbols as written;
        # after "a"/"an" only words ("a share", never "a m").
        denoms = {*lex.denominators, *lex.units}
        words = [d for d in denoms if len(d) >= 3 and not any(ch.isupper() for ch in d)]
        symbols = [d for d in denoms if d not in words]
        self.per_denominator = re.compile(
            r"(?:[ \u00a0]?/[ \u00a0]?|\s+(?:per|each)\s+|\s+(?P<art>an?)\s+)"
            r"(?P<d>[^\W\d_][^\s,;:!?()/]*(?:[ \u00a0]+[^\W\d_][^\s,;:!?()/]*){0,2})"
        )
        self.per_words = frozenset(" ".join(w.split()) for w in words)
        self.per_symbols = frozenset(symbols)
        # What the first character after a figure must be for a reader to be worth trying
        # (after at most one space, one hyphen and one space; see scan.lead_char).
        self.unit_tokens = frozenset(u.split()[0].lower() for u in lex.units)
        self.unit_starts = frozenset({u[0].lower() for u in lex.units} | set('°º([{<"scdfki'))
        self.length_units = frozenset(u for u, e in lex.units.items() if e.dimension == "length")
        self.unit_prefix = re.compile(r"\s?-?\s?(?P<p>square|sq\.?|cubic|cu\.?)\s+", re.IGNORECASE)
        self.unit_per = re.compile(r"\s?(?:/|\s+per\s+)\s?(?P<u>[^\W\d_]{1,12})\b", re.IGNORECASE)
        self.degrees = re.compile(
            r"\s*(?:°|º|degrees?\b|deg\b\.?)(?:\s*(?P<scale>celsius|celcius|centigrade|centigrate"
            r"|fahrenheit|farenheit|kelvin|[CFK])\b)?",
            re.IGNORECASE,
        )
        self.temperature_word = re.compile(
            r"\s*(?P<scale>celsius|celcius|centigrade|centigrate|fahrenheit|farenheit)\b",
            re.IGNORECASE,
        )
        self.weight_cue = re.compile(
            r"\b(?:weigh\w*|weight\w*|heav(?:y|ier|iest)|light(?:er|est)|lbs?|kg|kilo\w*"
            r"|ounces?|oz|tons?|tonnes?|stone|obes\w*|diet\w*|bab(?:y|ies)|newborn|lose|losing"
            r"|lost|shed\w*|drop(?:ped|ping|s)?|gain\w*|put\s+on|pregnan\w*|metric)\b",
            re.IGNORECASE,
        )
        self.length_in_brackets = re.compile(
            r"\d\s*(?:ft|feet|foot|in|inches|yards?|yds?|miles?)(?:\s*\d+\s*(?:in|inches))?\s*"
            r"\(\s*(?:about\s+|around\s+|some\s+)?$",
            re.IGNORECASE,
        )
        self.length_cue = re.compile(
            r"\b(?:tall|high|long|deep|wide|height|length|depth|width|distance|altitude"
            r"|radius|diameter|span|reach|outreach)\b",
            re.IGNORECASE,
        )
        self.metre_after = re.compile(
            r"\s*\(\s*(?:about\s+|around\s+|some\s+)?[\d.,]+\s*(?:ft|feet|foot|in|inches|yards?"
            r"|yds?|miles?)\b"  # "190m (623ft)": a length converted in brackets
            r"|[\s-]*(?:tall|high|long|deep|wide|away|race|sprint|freestyle|hurdles|relay|run"
            r"|dash|above|below|under|from|off|down|up|of\s+(?:rain|snow|water)"
            r"|in\s+(?:length|height|diameter)|-(?:high|long|tall|deep|wide))\b",
            re.IGNORECASE,
        )
        # A spaced "in" is inches only where "in" cannot start a phrase: "2 in thick", "2 in."
        self.inch_spaced = re.compile(
            r"\s?-?\s?(?P<u>in)\b(?=\s*(?:$|[.,;:)!?]|thick|thin|long|wide|tall|high|deep|across"
            r"|in\s+diameter|of\s+(?:rain|snow)))",
            re.IGNORECASE,
        )
        self.compound_unit = re.compile(
            r"\s*(?:and\s+)?(\d{1,2}(?:\.\d+)?)\s?(in(?:ch(?:es)?)?|\"|″|lbs?|pounds?|min(?:ute)?s?"
            r"|oz|ounces?)(?!\w)"
        )

    # ------------------------------------------------------------------ read by context.py
    def _context(self, lex: Lexicon) -> None:
        # The word lists are tries (same matches as a longest-first alternation, faster to
        # match for direction_word). These patterns need nothing beyond the standard library's
        # ``re``, which also compiles them faster than ``regex`` (start-up time). The context
        # stage of ``benchmarks/speed_extract.py`` measures both.
        flags = re.IGNORECASE
        symbols = [h for h in lex.hedges_before if not h[0].isalnum()]
        hedge_before = (
            rf"(?:(?:^|(?<=[\s(\[\"'‘“—–-]))(?P<h>{trie(lex.hedges_before)})"
            rf"|(?P<hs>{trie(symbols)}))\s*[\"'‘“]?\s*$"
        )
        self.hedge_before = re.compile(hedge_before, flags)
        # The ``_lc`` twins match the lower-cased text (same offsets) without IGNORECASE: the
        # lexicon's words are lower case, and case-folding each comparison costs time (measured by
        # the context stage of ``benchmarks/speed_extract.py``).
        self.hedge_before_lc = re.compile(hedge_before)
        after = [h for h in lex.hedges_after if h[0].isalnum()]
        self.hedge_after = re.compile(
            rf"(?:\s+(?P<h>{trie(after)})\b|(?P<s>-odd|-plus|\+)(?![\w\d]))", flags
        )
        # "$5bn a year" is a rate; "$5bn a year earlier" is a time
        self.periods = re.compile(
            rf"^[\s,]*(?P<p>{trie(lex.periods)})\b"
            r"(?!\s+(?:earlier|ago|before|later|previously|on\b|prior))",
            flags,
        )
        # verbs of change without a direction: "went from 5 to 7" is a change, not a range
        self.neutral_change = re.compile(rf"\b(?:{trie(lex.neutral_change_stems)})\w*", flags)
        direction = [w for w in (*lex.up_words, *lex.down_words)]
        self.direction_word = re.compile(rf"\b(?P<d>{trie(direction)})\b", flags)
        self.direction_word_lc = re.compile(rf"\b(?P<d>{trie([w.lower() for w in direction])})\b")
        # "a 5% rise", "a drop of 3%"
        ctx = lex.context
        nouns = lex.up_nouns | lex.down_nouns
        links = ctx.direction.noun_links
        self.change_noun_after = re.compile(rf"^\s*(?P<n>{trie(nouns)})\b", flags)
        self.change_noun_before = re.compile(rf"\b(?P<n>{trie(nouns)})\s+{trie(links)}\s+$", flags)
        # The patterns anchored at the end of the text before a figure are tried only when its
        # last word is one of their own last words (``context._last_token``): these tuples.
        self.noun_link_ends = _last_words(links)
        # "up 5%", "down by 3%", "up a further 2%"; "5% higher", "300 fewer"
        d = ctx.direction
        self.up_before = frozenset(w.lower() for w in d.before_up)
        before = [*d.before_up, *d.before_down]
        self.adj_direction_before = re.compile(
            rf"\b(?P<d>{trie(before)})\s+(?:{trie(d.links)}\s+)?(?:{trie(d.again)}\s+)?$", flags
        )
        self.adj_ends = _last_words([*before, *d.links, *d.again])
        self.up_after = frozenset(w.lower() for w in d.after_up)
        self.adjacent_after = frozenset(w.lower() for w in (*d.after_up, *d.after_down))
        self.adj_direction_after = re.compile(
            rf"^\s*(?P<d>{trie(self.adjacent_after)})\b(?!\s+(?:to|from)\s+\d)", flags
        )
        # "to £5bn", "to stand at 4%": the level a change reached
        self.to_before = re.compile(rf"\b{trie(ctx.roles.to)}\s+$", flags)
        self.to_ends = _last_words(ctx.roles.to)
        # "a change of 50 per cent", "an increase of 5%": a change whose direction the pair gives
        self.change_of = re.compile(rf"\b{trie([*ctx.roles.change_of, *nouns])}\s+of\s+$", flags)
        self.movement_verbs = frozenset(w.lower() for w in ctx.hedges.movement)
        self.being_verbs = frozenset(w.lower() for w in ctx.hedges.being)
        self.linkers = frozenset(w.lower() for w in ctx.measures.linkers)
        self.skip_left = frozenset(w.lower() for w in ctx.measures.skip)
        self.generic_people = frozenset(w.lower() for w in ctx.measures.generic_people)
        self.phrase_leads = frozenset(w.lower() for w in ctx.measures.phrase_leads)
        self.possessives = frozenset(w.lower() for w in ctx.measures.possessives)
        self.span_prepositions = frozenset(w.lower() for w in ctx.periods.spans)
        self.word = regex.compile(r"[^\W\d_][\w’'&.-]*", regex.VERSION1)
        self.anchor_after = re.compile(
            r"^[\s,]*(?:\)\s*)?(?:(?:a\s+year|annually|each\s+year|every\s+year|per\s+year)\s+)?"
            r"(?P<a>(?:in|by|since|during|for|of|through|until|as\s+of|at\s+the\s+end\s+of)"
            r"\s+(?:the\s+)?(?:(?:financial|fiscal|calendar|tax|academic)\s+)?(?:years?\s+)?"
            r"(?:(?:to|ending|ended)\s+\w+\s+)?(?P<y>(?:1[89]|20|21)\d\d)(?:[-/]\d{2,4})?)\b",
            flags,
        )
        self.anchor_lead = re.compile(
            r"^\W*(?P<a>(?:in|by|during|since|for)\s+(?:the\s+)?(?:(?:financial|fiscal)\s+)?"
            r"(?:year\s+)?(?P<y>(?:1[89]|20)\d\d))\b",
            flags,
        )


@functools.cache
def patterns_for(lex: Lexicon) -> Patterns:
    """The compiled patterns of a lexicon (one compile per lexicon object)."""
    return Patterns(lex)

"""Find every numeral in a text: digits, number words, vague amounts, growth words.

Two passes over the text: one regex for digits, one trie regex over the lower-cased text for
words. Nothing here decides what a numeral counts (that is ``scan.py``); this module only says
where each numeral is and what number it writes, and which digit groups are malformed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from factcheck.extractors.patterns import Patterns
from factcheck.lexicon import Lexicon
from factcheck.numparse import VULGAR_FRACTIONS, parse_digits, parse_word_tokens

_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s-]+")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_SLASH_RUN = re.compile(r"(?:/\d+)+")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_HYPHEN_MIXED = re.compile(r"-(\d{1,2})[/⁄](2|4|8|16|32|64)(?![\d/⁄]|\.\d)")
#: Denominators that make "a/b" a fraction; any other "a/b" is a date, score or code unless
#: b > 31 (no day or month): "3/4", "1/10", "1/40" but not "9/11", "24/7", "7/7".
_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100})
_PARSED_RUNS = 4096  # distinct number-word runs remembered (per lexicon) before starting over
_REMEMBERED_RUN = 80  # characters: longer runs are read every time, not remembered
_LONGEST = 40  # characters: "123,456,789,012,345,678.90" is 26
_SIGN_GLUE = frozenset(")]%.,°'’-–−")  # a "-" after these is a dash or a range, not a minus


@dataclass(slots=True)
class Numeral:
    """A number as written: where it is, its value, and how it was written."""

    start: int
    end: int
    value: float
    words: bool  # spelled out ("two billion")
    fraction: bool = False  # "a third", "3/4": a proportion
    vague: tuple[float, float] | None = None  # "tens of thousands": [1e4, 1e5]
    written: str = ""  # the digits or words as written, sign included
    integer_digits: bool = False  # digits with no point, exponent or fraction


@dataclass(slots=True)
class GrowthWord:
    """ "doubled", "halved", "twice", "threefold": a multiplier written as one word."""

    start: int
    end: int
    word: str  # lower case


@dataclass(slots=True)
class Found:
    numerals: list[Numeral]
    growth: list[GrowthWord]
    malformed: list[tuple[int, int]]
    stopped_at: int | None = None  # where reading stopped at a cap below (None: the end)


MAX_NUMERALS = 20_000  # digit groups read per document (ten times the scanner's figures)
# Number words read per document: each costs the readers about ten times a digit group ("one",
# "a million", "two hundred and …"), most are no figure ("one of the …"), and a megabyte of
# them can be one run.
MAX_NUMBER_WORDS = 8_000


class NumeralFinder:
    """Finds the numerals of a text (see the module docstring)."""

    def __init__(self, lex: Lexicon, pat: Patterns) -> None:
        self.lex = lex
        self.pat = pat
        self.vague_words = pat.vague_words
        self.growth_both = pat.growth_number_words  # "halves"
        self.scale_plurals = pat.scale_plurals
        self.parsed = pat.parsed_runs

    def find(self, text: str, lowered: str | None = None) -> Found:
        """``lowered``: ``text.lower()`` if the caller has it (same length as ``text``)."""
        blocked = _blocked_spans(text)
        found = Found([], [], [])
        limit = self._digits(text, blocked, found)
        if limit < len(text):
            text, lowered = text[:limit], lowered[:limit] if lowered is not None else None
            found.stopped_at = limit
        stop = self._words(text, blocked, found, lowered)
        if stop is not None:  # digits past the last run read are not read either
            found.stopped_at = stop
            found.numerals = [n for n in found.numerals if n.start < stop]
            found.growth = [g for g in found.growth if g.start < stop]
        found.numerals.sort(key=lambda n: n.start)
        return found

    # ------------------------------------------------------------------ digits
    def _digits(self, text: str, blocked: list[tuple[int, int]], found: Found) -> int:
        """Add the digit numerals; return how far into the text they were looked for.

        At most ``MAX_NUMERALS`` are read: the scanner stops at 2,000 figures anyway, and a
        megabyte of "1-1-1-…" must not cost a Python object per digit group.
        """
        pat = self.pat
        matches: list[tuple[int, int, str]] = [
            (m.start(), m.end(), m.group())
            for m in itertools.islice(pat.digits.finditer(text), MAX_NUMERALS)
        ]
        limit = matches[-1][1] if len(matches) == MAX_NUMERALS else len(text)
        if any(v in text for v in VULGAR_FRACTIONS):  # "½" standalone
            matches += [
                (m.start(), m.end(), m.group())
                for m in pat.vulgar.finditer(text)
                if not text[m.start() - 1 : m.start()].isdigit()
            ]
            matches.sort()
        skip_to = -1
        for s, e, raw in matches:
            if s < skip_to or (blocked and _inside(blocked, s)):
                continue
            if s > 0:
                prev = text[s - 1]
                if prev in ".,":
                    before = text[s - 2 : s - 1]
                    if before.isalpha() and prev == "." and self._dotted_symbol(text, s - 1):
                        pass  # "Rs.5m", "Fr.20": the dot ends a currency symbol
                    elif before.isalnum() or before in (".", ","):
                        continue  # inside "1,00,0" or "2.0.1"
                    elif prev == "." and raw.isdigit():
                        s, raw = s - 1, "." + raw  # ".5", "$.5bn"
                elif prev.isdigit():
                    continue
            # "1 234 567", but not "Under-15 100m" (no grouping after a label)
            if (
                text[e : e + 1] == " "
                and raw.isdigit()
                and len(raw) <= 3
                and (s == 0 or not (text[s - 1].isalpha() or text[s - 1] == "-"))
            ):
                sm = pat.spaced_groups.match(text, e)
                if sm is not None and (
                    sm.group("one") is None or self._money_or_unit(text, sm.end())
                ):
                    raw, e = raw + sm.group(), sm.end()
            skip_to = self._digit_numeral(text, s, e, raw, found)
        return limit

    def _money_or_unit(self, text: str, pos: int) -> bool:
        """Does money or a unit follow ("10 000 dollars", "40 000 km", "9 800 Kč", "5 000 EUR")?"""
        nm = self.pat.spaced_next.match(text, pos)
        if nm is None:
            return False
        word = nm.group(1).rstrip(".")
        return (
            word.lower() in self.pat.spaced_group_ends
            or word in self.pat.spaced_symbols
            or (len(word) == 3 and word.isupper() and word.isascii())
        )

    def _dotted_symbol(self, text: str, dot: int) -> bool:
        """Does the "." at ``dot`` end a currency symbol written with one ("Rs.", "Fr.")?"""
        for sym in self.pat.dotted_symbols:
            k = dot - len(sym)
            if text[k:dot] == sym and (k == 0 or not text[k - 1].isalnum()):
                return True
        return False

    def _digit_numeral(self, text: str, s: int, e: int, raw: str, found: Found) -> int:
        """Add the numeral ``raw`` at ``s``; return where the next one may start."""
        if len(raw) > _LONGEST:
            return e  # a digit run no figure in copy is written as (a code, a hash, a table)
        # A trailing separator belongs to the sentence: "5,000, and".
        while raw[-1] in ", \u00a0\u202f\u2009\u2007":
            raw, e = raw[:-1], e - 1
        value = parse_digits(raw)
        if value is None:
            if _looks_malformed(raw):
                found.malformed.append((s, e))
            return e
        integer = raw.isdigit() or ("," in raw and raw.replace(",", "").isdigit())
        num = Numeral(s, e, value, words=False, written=raw, integer_digits=integer)
        nxt = text[e : e + 1]
        skip_to = e
        if nxt in "/⁄" and nxt and integer and text[e + 1 : e + 2].isdigit():
            got = self._slash(text, num)
            if got is None:
                return self._skip_slash(text, e)
            num = got
            skip_to = num.end
        elif nxt and nxt in "^x× \u00a0-":
            self._power_or_mixed(text, num)
            skip_to = num.end
        if s > 0:
            _sign(text, num)
        found.numerals.append(num)
        return skip_to

    def _slash(self, text: str, num: Numeral) -> Numeral | None:
        """ "3/4", "1/40": a fraction; None for dates, scores and codes ("9/11", "24/7", "1/0")."""
        m = self.pat.slash_number.match(text, num.end)
        if m is None:
            return None
        den = int(m.group(1))
        if num.start > 0 and text[num.start - 1] in "/:.":
            return None
        solidus = text[num.end] == "⁄"  # U+2044 FRACTION SLASH: a fraction, whatever the digits
        if not (solidus or den in _DENOMINATORS or den > 31) or not 0 < num.value < den:
            return None
        return Numeral(
            num.start,
            m.end(),
            num.value / den,
            words=False,
            fraction=True,
            written=text[num.start : m.end()],
        )

    def _skip_slash(self, text: str, e: int) -> int:
        """End of a slashed group that is not a fraction: "22/03/2018", "24/7", "1/0"."""
        m = _SLASH_RUN.match(text, e)
        return m.end() if m else e

    def _power_or_mixed(self, text: str, num: Numeral) -> None:
        e = num.end
        if text[e] == "-" and num.integer_digits:
            # wire style "8-1/4 pct", "14-1/2 pct": a whole and a fraction in eighths or halves
            m = _HYPHEN_MIXED.match(text, e)
            if m is not None and 0 < int(m.group(1)) < int(m.group(2)):
                num.value += int(m.group(1)) / int(m.group(2))
                num.end = m.end()
                num.written = text[num.start : num.end]
                num.integer_digits = False
            return
        if text[e] == " " or text[e] == "\u00a0":
            if not num.integer_digits:
                return
            m = self.pat.mixed_fraction.match(text, e)
            if m is not None:
                a, b = int(m.group(1)), int(m.group(2))
                if 0 < a < b and (b in _DENOMINATORS or b > 31):  # "10 1/2 miles"
                    num.value += a / b
                    num.end = m.end()
                    num.written = text[num.start : num.end]
                    num.integer_digits = False
            return
        m = self.pat.power.match(text, e)
        if m is None:
            return
        try:
            if m.group("e") is not None:  # "1.1^23"
                num.value = num.value ** int(m.group("e").replace("−", "-"))
            else:
                exp = m.group("e2") or m.group("e3") or m.group("sup").translate(_SUPERSCRIPT)
                num.value *= 10.0 ** int(exp.replace("−", "-"))
        except (OverflowError, ZeroDivisionError, ValueError):
            return
        num.end = m.end()
        num.written = text[num.start : num.end]
        num.integer_digits = False

    # ------------------------------------------------------------------ words
    def _words(
        self, text: str, blocked: list[tuple[int, int]], found: Found, lowered: str | None
    ) -> int | None:
        """Add the number-word numerals; return where reading stopped after
        ``MAX_NUMBER_WORDS`` words, or None."""
        pat = self.pat
        low = lowered if lowered is not None else text.lower()
        ignore_case = len(low) != len(text)  # "İ" lower-cases to two characters
        if ignore_case:
            low = text
        runs: list[tuple[int, int]] = []
        number_words = pat.number_words
        stop = None
        for n, (s, e) in enumerate(pat.word_numerals(low, ignore_case, MAX_NUMBER_WORDS + 1)):
            if n == MAX_NUMBER_WORDS:
                stop = s
                break
            if blocked and _inside(blocked, s):
                continue
            w = low[s:e].lower()
            if w not in number_words or w in self.growth_both:
                found.growth.append(GrowthWord(s, e, w))
                if w not in number_words:
                    continue
            if runs and pat.word_gap.fullmatch(text, runs[-1][1], s):
                runs[-1] = (runs[-1][0], e)
            else:
                runs.append((s, e))
        consumed = -1
        for s, e in runs:
            if s < consumed:
                continue
            consumed = self._run(text, s, e, found.numerals)
        return stop

    def _run(self, text: str, s: int, e: int, out: list[Numeral]) -> int:
        """Read one run of number words; return where reading stopped."""
        pat, nw = self.pat, self.lex.number_words
        am = pat.article_before.search(text, max(0, s - 4), s)
        if am is not None:
            s = am.start()  # "a million", "a third", "an eighth"
        raw = text[s:e]
        hit = self.parsed.get(raw)
        if hit is None:  # runs repeat ("one", "a million"): each is read once
            rel = tuple((t.start(), t.end(), t.group().lower()) for t in _TOKEN.finditer(raw))
            hit = (rel, tuple(parse_word_tokens([t[2] for t in rel], nw)))
            if len(raw) <= _REMEMBERED_RUN:  # "one one one …" for a megabyte is not kept
                if len(self.parsed) >= _PARSED_RUNS:
                    self.parsed.clear()
                self.parsed[raw] = hit
        rel, numbers = hit
        toks = [(s + a, s + b, w) for a, b, w in rel]
        end = e
        k = 0
        for wn in numbers:
            for j in range(k, wn.start):  # words the parser left: vague amounts
                end = max(end, self._vague(text, toks, j, out))
            k = wn.end
            a, b = toks[wn.start][0], toks[wn.end - 1][1]
            out.append(Numeral(a, b, wn.value, words=True, fraction=wn.fraction, written=text[a:b]))
        for j in range(k, len(toks)):
            end = max(end, self._vague(text, toks, j, out))
        return end

    def _vague(
        self, text: str, toks: list[tuple[int, int, str]], j: int, out: list[Numeral]
    ) -> int:
        """ "tens of thousands", "dozens", "billions of pounds", "several million"."""
        s, e, w = toks[j]
        if j > 0 and toks[j - 1][2] not in ("a", "an"):
            return e  # inside a number the parser rejected ("two million three million")
        lex = self.lex
        if w in self.vague_words:
            low, high = lex.vague[w]
            of = self.pat.vague_of.match(text, e)
            if of is not None:
                scale = self.scale_plurals.get(of.group(1).lower(), 1.0)
                base = lex.vague_of_scale.get(w)
                if base is not None:  # "tens of thousands" = 10…100 × 1e3 (vague.toml)
                    low, high = base[0] * scale, base[1] * scale
                    e = of.end()
            elif w == "scores" and not _OF_AFTER.match(text, e):
                return e  # "scores" without "of" is a verb or a result
            out.append(
                Numeral(s, e, _geo(low, high), words=True, vague=(low, high), written=text[s:e])
            )
            return e
        mult = lex.number_words.multipliers.get(w)
        if mult is None or mult < 100:
            return e
        pm = self.pat.vague_prefix.search(text, max(0, s - 20), s)
        if pm is None:
            return e
        plo, phi = lex.vague_prefixes[" ".join(pm.group("p").lower().split())]
        low, high = plo * mult, phi * mult
        out.append(
            Numeral(
                pm.start(),
                e,
                _geo(low, high),
                words=True,
                vague=(low, high),
                written=text[pm.start() : e],
            )
        )
        return e


# ---------------------------------------------------------------------- helpers
def _sign(text: str, num: Numeral) -> None:
    """A minus written against the digits ("-5", "−18 °C", "$-99.99") or "minus 5"."""
    s = num.start
    ch = text[s - 1]
    if ch in "-−":
        if s >= 6 and text[s - 6 : s].lower() == "minus-" and not text[s - 7 : s - 6].isalnum():
            num.start -= 6  # "minus-130 degrees"
            num.value = -num.value
            num.written = text[num.start : num.end]
            return
        if s >= 2 and (text[s - 2].isalnum() or text[s - 2] in _SIGN_GLUE):
            return
        if s >= 3 and text[s - 2] == " " and text[s - 3].isdigit() and not _above(text, s - 2, num):
            return  # "75 -300mm": a range written loosely (but "FTSE 100 -0.6%": a sign)
        num.start -= 1
    elif ch == "+":
        if s >= 2 and (text[s - 2].isalnum() or text[s - 2] in _SIGN_GLUE):
            return
        num.start -= 1  # "+0.2%": the sign of a change (exclusions.py drops "+44 …" phones)
        num.written = text[num.start : num.end]
        return
    elif ch == " " and text[max(0, s - 6) : s].lower() in ("minus ",):
        num.start -= 6
    elif ch == " " and text[max(0, s - 9) : s].lower() == "negative ":
        num.start -= 9
    else:
        return
    num.value = -num.value
    num.written = text[num.start : num.end]


def _above(text: str, end: int, num: Numeral) -> bool:
    """Is the number that ends at ``end`` larger than ``num`` ("100 -0.6%": not a range)?"""
    k = end
    while k > 0 and (text[k - 1].isdigit() or text[k - 1] in ",."):
        k -= 1
    before = parse_digits(text[k:end].rstrip(",."))
    return before is not None and before > num.value


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted, not overlapping)? A bisection: a page of
    links has as many spans as figures, and a scan of them all per figure was quadratic."""
    i = bisect.bisect_right(spans, (pos, _AFTER_ALL)) - 1
    return i >= 0 and pos < spans[i][1]


_AFTER_ALL = float("inf")  # sorts a (pos, _AFTER_ALL) probe after every span starting at pos


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses: their digits are not numerals."""
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def _looks_malformed(raw: str) -> bool:
    """A digit group that a reader would take for a botched number ("1,00,0"), not a list."""
    if "," not in raw or raw[-1] in VULGAR_FRACTIONS:
        return False
    groups = raw.split(",")
    if len(groups) == 2 and 1 <= len(groups[1]) <= 2 and "." not in raw:
        return False  # "5,00", "1,3": a decimal comma (continental style), not a slip
    # "1,2,3" is a list
    return not (len(groups) >= 3 and all(len(g) <= 2 and g[:1] != "0" for g in groups))


def _geo(low: float, high: float) -> float:
    """The central value of a vague range: geometric for positive bounds."""
    if low > 0 and high > 0:
        return float((low * high) ** 0.5)
    return (low + high) / 2.0

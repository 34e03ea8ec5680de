"""Find every number in a text and decide what kind of amount it is.

``numerals`` finds the figures; each is then read outward: currency before it; scale, currency,
percent sign or unit after it (``quantities``); a second figure that makes it a range
(``ranges``). Numbers that are not amounts (``exclusions``: dates, times, ordinals, phone numbers,
labels such as "Section 427", "Covid-19", "version 2") are dropped; years are kept as such.
"""

from __future__ import annotations

import math
import re

from factcheck.extractors.exclusions import Exclusions, is_yearish
from factcheck.extractors.mention import Mention
from factcheck.extractors.money import MoneyReader
from factcheck.extractors.numerals import GrowthWord, Numeral, NumeralFinder
from factcheck.extractors.patterns import Patterns, last_word, lead_char, next_token
from factcheck.extractors.quantities import QuantityReader
from factcheck.extractors.ranges import RangeReader
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind

_DECADE = re.compile(r"s\b")
# "one" before these words is the pronoun or determiner ("one of the largest", "one another",
# "one that", "one is"): no reading of a figure starts with them (units, currencies, "per
# cent", "in five", "times", "years old"), so the word is dropped before any reader runs,
# as ``_bare`` would drop it after them all. ``tests/test_context_guards.py`` checks that
# dropping it early never changes the claims.
_AGE_CUES = ("aged", "age", "ages")  # the word before a bare age: "aged 33"
_PRONOUN_ONE = re.compile(
    r" (?:of|another|for|who|whom|whose|which|that|is|was|has|had|will|would|could|can|should"
    r"|might|must|the|to|at|on|with|by|but|or|and)\b",
    re.IGNORECASE,
)
_ONE_TO = re.compile(r"\s+(?:to|or)\s+", re.IGNORECASE)
_IN_OF = re.compile(r"\s+(?:in|out\s+of)\s+")
_ARTICLE = re.compile(r"\s+(?:of\s+)?an?\s+", re.IGNORECASE)
_OVER_END = re.compile(r"\s+over\s+")
_SENTENCE_END = re.compile(r"\s*(?:[.;,!?)]|$)")
_FRACTION_AFTER = re.compile(
    r"\s+(?:of|the|that|its|their|his|her|our|all|as|more|less|fewer|percent|per\s+cent)\b"
    r"|\s*(?:[.;,:!?)]|$)",
    re.IGNORECASE,
)
_FRACTION_BEFORE = re.compile(
    r"\b(by|than|around|about|nearly|almost|only|just|over|under|exactly|some|roughly"
    r"|is|was|are|were|be|been|to|of)\s+$",
    re.IGNORECASE,
)
_PERIODS_BEFORE = re.compile(
    r"\b(?:for|in|over|last|next|past|first|second|third|fourth|consecutive|successive"
    r"|straight|recent|previous|the|latter|former|final|opening|closing|back|front|this)\s+$",
    re.IGNORECASE,
)
_STRONG_BEFORE = frozenset(
    (
        "by",
        "than",
        "around",
        "about",
        "nearly",
        "almost",
        "only",
        "just",
        "over",
        "under",
        "exactly",
        "roughly",
    )
)
_FUNCTION_WORDS = frozenset(
    (
        "to",
        "in",
        "on",
        "at",
        "from",
        "since",
        "over",
        "last",
        "this",
        "between",
        "and",
        "or",
        "but",
        "while",
        "after",
        "before",
        "compared",
        "during",
        "for",
        "by",
        "year",
        "a",
        "an",
    )
)
_OF = re.compile(r"\s+of(?=\s)")
_AND_OR = re.compile(r"\s+(?:and|or)\s+")
_UNIT_KINDS = (
    ClaimKind.PERCENT,
    ClaimKind.PERCENTAGE_POINT,
    ClaimKind.QUANTITY,
    ClaimKind.MONEY,
    ClaimKind.DURATION,
)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'-]*)$")
_COUNT_NOUN = re.compile(r"\s+([a-z][a-z’']+)")
_ERA = re.compile(r"\s?(?:BCE|BC|AD|CE|B\.C\.|A\.D\.)(?!\w)")
# the word before a year outside 1800–2199 ("in 1776"); "of" only after one of _OF_YEAR
# ("the fire of 1666", not "a total of 1350"). "by", "from", "between" are left out: "rose by
# 1500", "from 1200 to 1500 staff" count.
_YEAR_CUES = frozenset(("in", "since", "until", "till", "circa", "c", "ca", "year", "during"))
_OF_YEAR = re.compile(
    r"\b(?:year|summer|winter|spring|autumn|fire|flood|floods|war|wars|plague|treaty|revolution"
    r"|rising|rebellion|crash|panic|battle|siege|class|conquest|invasion)\s+of\s+$",
    re.IGNORECASE,
)
_YEAR_FOLLOWERS = frozenset(
    (
        "the",
        "a",
        "an",
        "but",
        "when",
        "as",
        "after",
        "before",
        "was",
        "were",
        "is",
        "by",
        "in",
        "on",
        "at",
        "with",
        "he",
        "she",
        "they",
        "it",
        "its",
        "their",
        "his",
        "her",
        "which",
        "that",
        "who",
        "had",
        "has",
        "under",
        "during",
        "until",
        "while",
        "where",
        "for",
        "from",
        "onwards",
        "there",
        "we",
        "i",
    )
)


MAX_MENTIONS = 2000  # more figures than this in one document: a table or generated data


_PERCENT_OF = re.compile(r"\b(?:percents?|per\s?cents?)\s+of\s+$", re.IGNORECASE)


def _finite(m: Mention) -> bool:
    return all(v is None or math.isfinite(v) for v in (m.value, m.low, m.high))


def _percent_of(text: str, mentions: list[Mention]) -> None:
    """ "per cent of 22": a percentage written before its figure (a reader's "22 per cent").

    Only when no figure of its own precedes "per cent" ("5 per cent of 10" is 5 per cent).
    """
    prev_end = 0
    for m in mentions:
        if m.kind == ClaimKind.COUNT and not m.vague and m.low is None:
            pm = _PERCENT_OF.search(text, max(prev_end, m.start - 24), m.start)
            if pm is not None:
                m.kind = ClaimKind.PERCENT
                m.unit = "percent"
                m.start = m.num_start = pm.start()
        prev_end = m.end


class Scanner:
    """Turns a text into :class:`Mention` records (kind, value, unit, span).

    Reading stops after :data:`MAX_MENTIONS` figures (``truncated_at`` says where), which keeps
    a megabyte of "1% 1% 1% …" or "$1£2€3…" to a bounded time; no article has that many.
    """

    def __init__(self, lex: Lexicon, pat: Patterns) -> None:
        self.lex = lex
        self.pat = pat
        self.finder = NumeralFinder(lex, pat)
        self.reader = QuantityReader(lex, pat)
        self.money = MoneyReader(lex, pat)
        self.ranges = RangeReader(pat, self.classify)
        self.exclude = Exclusions(pat)
        self.malformed: list[tuple[int, int]] = []
        self.truncated_at: int | None = None

    # ------------------------------------------------------------------ mentions
    def scan(self, text: str, lowered: str | None = None) -> list[Mention]:
        """The mentions of ``text``; ``lowered`` is ``text.lower()`` if the caller has it."""
        found = self.finder.find(text, lowered)
        self.malformed = found.malformed
        self.truncated_at = None
        nums = found.numerals
        out: list[Mention] = []
        consumed_to = -1
        for i, n in enumerate(nums):
            if n.start < consumed_to:
                continue
            if len(out) >= MAX_MENTIONS:
                self.truncated_at = n.start
                break
            m = self.classify(text, n, nums, i)
            if m is None:
                continue
            if "score_end" in m.extra:
                consumed_to = int(m.extra["score_end"])  # type: ignore[call-overload]
                continue
            if m.low is None and not m.vague and m.kind != ClaimKind.YEAR:
                self.ranges.bounded(text, m, nums, i)
            out.append(m)
            consumed_to = m.num_end
        if self.truncated_at is None:  # the finder stopped first (numerals it read: no figures)
            self.truncated_at = found.stopped_at
        growth = found.growth
        if self.truncated_at is not None:
            growth = [g for g in growth if g.start < self.truncated_at]
        if len(out) + len(growth) > MAX_MENTIONS:  # "doubled" × 10,000: the same cap, in order
            cut = sorted([*(m.num_start for m in out), *(g.start for g in growth)])[MAX_MENTIONS]
            self.truncated_at = cut if self.truncated_at is None else min(self.truncated_at, cut)
            growth = [g for g in growth if g.start < cut]
            out = [m for m in out if m.num_start < cut]
        if growth:
            out.extend(self.growth_mentions(text, growth, out))
            out.sort(key=lambda m: m.num_start)
        for m in out:
            if m.kind == ClaimKind.MONEY and m.per is None:
                self.reader.read_per(text, m)  # "$58.24 per barrel", "63 cents a share"
        _percent_of(text, out)
        # a figure too large for a float ("2E306 billion") is no amount anyone wrote
        return [m for m in out if _finite(m)]

    def classify(
        self, text: str, n: Numeral, nums: list[Numeral], i: int, follow: bool = True
    ) -> Mention | None:
        """Read the numeral's surroundings and return a mention, or None if not an amount.

        With ``follow`` the mention may take in the figure after it ("10-15%"); the second
        figure of a range is read with ``follow=False``, so chains never recurse.
        """
        s = n.start
        if not math.isfinite(n.value):
            return None
        before = text[max(0, s - 40) : s]
        reader = self.reader
        currency = None if n.vague else self.money.currency_before(text, n)
        if (
            currency is None
            and n.words
            and n.value == 1
            and n.written.lower() == "one"
            and _PRONOUN_ONE.match(text, n.end)
            and last_word(before) not in _AGE_CUES  # "aged one to five"
            and not self._one_to_figure(text, n, nums, i)  # "one to two years"
        ):
            return None
        if currency is None and self.exclude.is_label(text, n, before):
            return None
        if not n.words and self.exclude.not_amount(text, n, before, currency is not None):
            return None
        value, pos, scale, scale_span = (
            reader.read_scale(text, n.end, n, currency)
            if n.vague is None
            else (n.value, n.end, None, None)
        )
        m = Mention(
            start=s,
            end=pos,
            num_start=s,
            num_end=pos,
            kind=ClaimKind.COUNT,
            value=value,
            scale=scale,
            scale_span=scale_span,
        )
        if n.words and n.value == 0 and text[pos : pos + 1] in ("-", "‐"):
            return None  # "zero-hours contracts", "zero-sum game"
        if n.vague is not None:
            m.vague = True
            m.low, m.high = n.vague
        if currency is not None:
            m.kind, m.unit, m.currency_symbol = ClaimKind.MONEY, currency.code, currency.symbol
            m.value *= currency.factor
            m.start = m.num_start = currency.start
            if follow:
                self.ranges.extend(text, m, nums, i)
            return m
        if n.fraction and n.words and (am := _ARTICLE.match(text, pos)) is not None:
            # "half a pound of chocolate", "a quarter of a mile", "half a kilo"
            at = am.end()
            if self.money.read_currency_after(text, m, at, n) or reader.read_unit(text, m, at, n):
                return m
        lead = lead_char(text, pos)
        pat = self.pat
        if ((lead in pat.percent_starts or not lead) and reader.read_percent(text, m, pos)) or (
            (lead in pat.currency_starts or not lead)
            and self.money.read_currency_after(text, m, pos, n)
        ):
            if follow and not m.vague:
                self.ranges.extend(text, m, nums, i)
            return m
        if lead == "p" and not m.vague and reader.read_points(text, m, pos):
            if follow:
                self.ranges.extend(text, m, nums, i)
            return m
        if m.vague:
            # "billions of pounds", "several hundred years", "thousands of tonnes"
            if not self.money.read_currency_of(text, m, pos) and not reader.read_unit(
                text, m, pos, n
            ):
                om = _OF.match(text, pos)
                if om is not None:
                    end = m.end
                    if not reader.read_unit(text, m, om.end(), n):
                        m.end = m.num_end = end
            return m
        if (
            lead
            and lead in "pc¢"
            and not n.words
            and scale is None
            and self.money.read_subunit_attached(text, m, pos)
        ):
            return m
        if lead in "fxt" and self._multiplier(text, m, pos, n):
            return m
        if self._age(text, m, pos, n, before, lead):
            if follow and m.end == pos:
                self.ranges.extend(text, m, nums, i)  # "aged 5-11"
            return m
        if (lead in pat.unit_starts or not lead) and reader.read_unit(text, m, pos, n):
            if follow:
                self.ranges.extend(text, m, nums, i)
            return m
        return self._bare(text, m, n, nums, i, follow)

    def _bare(
        self, text: str, m: Mention, n: Numeral, nums: list[Numeral], i: int, follow: bool
    ) -> Mention | None:
        """A figure with no unit: a year, a fraction, a count, or nothing."""
        pos = m.num_end
        if n.integer_digits and m.scale is None and self._other_year(text, n, pos):
            m.kind = ClaimKind.YEAR  # "in 1776", "the Battle of Hastings in 1066", "800 BC"
            if _ERA.match(text, pos):
                m.end = m.num_end = _ERA.match(text, pos).end()  # type: ignore[union-attr]
            return m
        if not n.words and m.scale is None and is_yearish(n.written):
            if _DECADE.match(text, pos):
                m.kind = ClaimKind.YEAR
                m.low, m.high = m.value, m.value + 9
                m.end = m.num_end = pos + 1
                return m
            if not self._year_is_count(text, n, pos):
                m.kind = ClaimKind.YEAR
                if follow:
                    self.ranges.extend(text, m, nums, i)
                return m
        if not n.words and text[pos : pos + 1].isalpha() and not text[pos + 1 : pos + 2].isalpha():
            return None  # "13F filing", "5G": a figure glued to a letter no unit reading took
        if n.fraction:
            if not self._fraction_context(text, n):
                return None
            m.kind = ClaimKind.FRACTION
            return m
        if self._rate(text, m, n, nums, i):
            return m
        if n.words and m.scale is None and n.value == 1:
            if follow and self._one_to_figure(text, n, nums, i):
                self.ranges.extend(text, m, nums, i)  # "one to two years"
                if m.low is not None:
                    return m
            return None  # "one of the", "the one": not a claim of amount
        if follow:
            self.ranges.extend(text, m, nums, i)
            if m.low is None:
                self._shared_unit(text, m, nums, i)
        return m

    def _one_to_figure(self, text: str, n: Numeral, nums: list[Numeral], i: int) -> bool:
        """ "one to two years", "one or two people": "one" starts a range, not a pronoun."""
        if i + 1 >= len(nums) or nums[i + 1].value <= 1:
            return False
        gap = _ONE_TO.match(text, n.end)
        return gap is not None and gap.end() == nums[i + 1].start

    def _shared_unit(self, text: str, m: Mention, nums: list[Numeral], i: int) -> None:
        """ "5 or 10 per cent", "45 and 50 mg": the unit written once serves both figures."""
        if i + 1 >= len(nums) or not _AND_OR.fullmatch(text, m.num_end, nums[i + 1].start):
            return
        nxt = nums[i + 1]
        second = self.classify(text, nxt, nums, i + 1, False)
        if second is None or second.kind not in _UNIT_KINDS or second.num_start != nxt.start:
            return
        m.kind, m.unit, m.dimension = second.kind, second.unit, second.dimension
        m.unit_alternatives = second.unit_alternatives
        if nxt.value and second.scale is None:
            m.value *= second.value / nxt.value  # "50 and 75 cents"

    # ------------------------------------------------------------------ kinds
    def _multiplier(self, text: str, m: Mention, pos: int, n: Numeral) -> bool:
        """ "two-fold", "3x", "three times as many"."""
        pat = self.pat
        hit = (
            pat.fold.match(text, pos)
            or (pat.x_mult.match(text, pos) if not n.words else None)
            or pat.times.match(text, pos)
        )
        if hit is None:
            return False
        m.kind = ClaimKind.MULTIPLIER
        m.end = m.num_end = hit.end()
        return True

    def _age(self, text: str, m: Mention, pos: int, n: Numeral, before: str, lead: str) -> bool:
        """ "33-year-old", "aged 33", "The billionaire, 33,", "eight months old"."""
        am = self.pat.age_after.match(text, pos) if lead in "ymwd" else None
        if am is not None:
            if m.value < 0 or n.fraction:
                return False
            m.kind = ClaimKind.AGE
            m.unit = (am.group("u") or am.group("u2") or "year").lower()
            m.end = m.num_end = am.end()
            return True
        if (last_word(before) in _AGE_CUES or self._appositive_age(text, n)) and (
            0 <= m.value <= 130 and m.scale is None
        ):
            m.kind, m.unit = ClaimKind.AGE, "year"
            return True
        return False

    def _appositive_age(self, text: str, n: Numeral) -> bool:
        """ "The billionaire, 33, also …" / "Mark Smith, 45, of Leeds"."""
        if not n.integer_digits or not 1 <= n.value <= 120:
            return False
        if text[n.end : n.end + 1] != "," or text[max(0, n.start - 2) : n.start] != ", ":
            return False
        wm = _WORD_BEFORE.search(text, max(0, n.start - 40), n.start - 2)
        if wm is None:
            return False
        word = wm.group(1)
        return word.lower() in self.lex.person_nouns or (word[:1].isupper() and word.isalpha())

    def _other_year(self, text: str, n: Numeral, pos: int) -> bool:
        """A year outside 1800–2199 (those are ``is_yearish``): "800 BC", "AD 79", or a number
        from 1000 to 1799 (or 2200 to 2999) after "in", "since", "of", … or a month, with no
        noun it counts after it ("in 1776 the colonies", not "in 1500 homes")."""
        w = n.written
        era = text[pos : pos + 2].lstrip()[:1] in ("A", "B", "C") and _ERA.match(text, pos)
        if era or text[max(0, n.start - 3) : n.start] in ("AD ", "CE "):
            return len(w) <= 4 and "," not in w and n.value >= 1
        if len(w) != 4 or not w.isdigit() or not (1000 <= n.value < 1800 or 2200 <= n.value < 3000):
            return False
        before = text[max(0, n.start - 25) : n.start]
        word = last_word(before)
        if not (
            word in _YEAR_CUES
            or (word == "of" and _OF_YEAR.search(before))
            or self.pat.month_before.search(before)
        ):
            return False
        nm = _COUNT_NOUN.match(text, pos)
        if nm is None or nm.group(1) in _YEAR_FOLLOWERS:
            return True
        word = nm.group(1)  # "in 1500 homes", "of 1200 staff": a count
        plural = word.endswith("s") and not word.endswith(("ss", "us", "is", "as"))
        return not plural and self.lex.measure_group(word) is None

    def _year_is_count(self, text: str, n: Numeral, pos: int) -> bool:
        """A four-digit number in 1800..2199 is a year unless it clearly counts something."""
        before = text[max(0, n.start - 25) : n.start]
        word = last_word(before)
        if (
            word in self.pat.hedge_last_words
            and word not in ("by", "in")
            and (self.pat.hedge_before.search(before))
        ):
            return True  # "some 2000 people"
        m = _COUNT_NOUN.match(text, pos)
        if m is not None and self.lex.measure_group(m.group(1)) is not None:
            return m.group(1) not in ("sales", "revenue", "revenues", "profits", "earnings")
        return False

    def _fraction_context(self, text: str, n: Numeral) -> bool:
        """ "a third of", "by a third", "two-thirds", "3/4": a proportion; not "a third term"."""
        if not n.words:
            return True
        w = n.written.lower()
        period = w.endswith(("quarters", "half", "quarter")) and _PERIODS_BEFORE.search(
            text, max(0, n.start - 20), n.start
        )
        if period:
            return False  # "for two quarters", "the first half", "the third quarter"
        if w.endswith("s") and (" " in w or "-" in w or not w.endswith(("quarters", "halves"))):
            return True  # "two thirds", "five eighths", "three halves"
        if _FRACTION_AFTER.match(text, n.end):
            return True
        before = _FRACTION_BEFORE.search(text, max(0, n.start - 25), n.start)
        if before is not None and before.group(1).lower() in _STRONG_BEFORE:
            return True  # "more than half", "by a third"
        nxt = next_token(text, n.end)
        if nxt.isalpha() and nxt not in _FUNCTION_WORDS:
            return False  # "a third term", "half time"
        return before is not None

    def _rate(self, text: str, m: Mention, n: Numeral, nums: list[Numeral], i: int) -> bool:
        """ "one in five", "2 out of 500": a fraction; "1 over 3" at the end of a clause."""
        pos = m.num_end
        if lead_char(text, pos) not in ("i", "o", ""):
            return False
        om = _IN_OF.match(text, pos)
        over = om is None and n.value == int(n.value) and _OVER_END.match(text, pos)
        if om is None and not over:
            return False
        at = (om or over).end()  # type: ignore[union-attr]
        j = i + 1
        if j >= len(nums) or nums[j].start != at:
            return False
        nxt = nums[j]
        if is_yearish(nxt.written) or nxt.fraction or nxt.vague:
            return False
        if om is not None:
            if not nxt.value > m.value > 0:
                return False
        elif not (
            nxt.value == int(nxt.value) and nxt.value > 0 and _SENTENCE_END.match(text, nxt.end)
        ):
            return False
        m.kind = ClaimKind.FRACTION
        m.value /= nxt.value
        m.end = m.num_end = nxt.end
        return True

    # ------------------------------------------------------------------ growth words
    def growth_mentions(
        self, text: str, words: list[GrowthWord], existing: list[Mention]
    ) -> list[Mention]:
        """'doubled', 'tripled', 'halved', 'twofold', 'twice as many'."""
        pat, lex = self.pat, self.lex
        out: list[Mention] = []
        spans = [(m.num_start, m.num_end) for m in existing]
        for g in words:
            if any(a < g.end and g.start < b for a, b in spans):
                continue
            w = g.word
            if w in pat.times_words:
                if not pat.twice_after.match(text, g.end):
                    continue
                value = pat.times_words[w]
            elif w in pat.fold_words:
                value = pat.fold_words[w]
            else:
                if not self._growth_is_claim(text, g):
                    continue
                value = lex.growth[w]
            out.append(
                Mention(
                    start=g.start,
                    end=g.end,
                    num_start=g.start,
                    num_end=g.end,
                    kind=ClaimKind.MULTIPLIER,
                    value=float(value),
                )
            )
        return out

    def _growth_is_claim(self, text: str, g: GrowthWord) -> bool:
        pat, w = self.pat, g.word
        if w in pat.growth_bare:
            if not pat.growth_modal.search(text, max(0, g.start - 25), g.start):
                return False  # "a double act", "triple jump"
        elif w in pat.growth_third_person and (not pat.growth_object.match(text, g.end)):
            return False
        # not "double-digit", "triple whammy"
        return not (
            w.startswith(("doubl", "tripl", "trebl", "quadrupl", "quintupl"))
            and pat.growth_compound.match(text, g.end)
        )

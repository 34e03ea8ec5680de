"""Two figures that state one range: "10-15", "£5-10m", "between 20 and 30", "2009 to 2015".

Also "8- to 16-metre", "from 7 to 10" (a range unless a verb of change comes before it: "rose
from £5m to £8m" is a change, left to ``links.py``), "2013/14" (a financial year) and
"more than 10 and less than 20".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.extractors.mention import Mention
from factcheck.extractors.numerals import Numeral
from factcheck.extractors.patterns import Patterns
from factcheck.models import ClaimKind

_BETWEEN = re.compile(r"\bbetween\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$", re.IGNORECASE)
_RANGING = re.compile(r"\b(?:rang\w*|anywhere|varies|varied|vary\w*)\s+from\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_AND = re.compile(r"\s*and\s*")
_DASH = re.compile(r"\s?[-–—~]\s?|\s?-\s+(?:to|or|and)\s+")
_TO = re.compile(r"\s+(?:to|through|thru)\s+")
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-?|\+-|plus\s+or\s+minus)\s*", re.IGNORECASE)
_DASH_TO = re.compile(r"\s?-\s+(?:to|or|and)\s+")
_SYMBOL_END = re.compile(r"(?:[A-Z]{1,3}\s?\$|\$|£|€|¥|₹)\s?$")
_SLASH = re.compile(r"/")
# the second figure followed by the base of a change: "by 5,000 to 30,000 from 20,000"
_THEN_FROM = re.compile(r"\S+(?:\s+[a-z]+){0,2}?,?\s+from\s+\W?\d")
# Verbs that state a change without saying which way (direction verbs are in changes.toml).
_ABOVE = re.compile(
    r"(?:\b(?:more|greater|larger|higher|bigger)\s+than|\babove|\bover|\bat\s+least"
    r"|\bno\s+(?:less|fewer)\s+than)\s+$",
    re.IGNORECASE,
)
_BELOW = re.compile(
    r"(?:\b(?:less|fewer|smaller|lower)\s+than|\bbelow|\bunder|\bat\s+most"
    r"|\bno\s+more\s+than)\s+$",
    re.IGNORECASE,
)
_AND_BUT = re.compile(r"\s+(?:and|but)\s", re.IGNORECASE)
_BOUND_GAP_BELOW = re.compile(
    r"\s+(?:and|but)\s+(?:(?:less|fewer|smaller|lower)\s+than|below|under|at\s+most"
    r"|no\s+more\s+than)\s+",
    re.IGNORECASE,
)
_BOUND_GAP_ABOVE = re.compile(
    r"\s+(?:and|but)\s+(?:(?:more|greater|larger|higher|bigger)\s+than|above|over|at\s+least"
    r"|no\s+(?:less|fewer)\s+than)\s+",
    re.IGNORECASE,
)
_UNIT_TAKERS = (
    ClaimKind.MONEY,
    ClaimKind.PERCENT,
    ClaimKind.PERCENTAGE_POINT,
    ClaimKind.QUANTITY,
    ClaimKind.DURATION,
)

Classify = Callable[[str, Numeral, list[Numeral], int, bool], "Mention | None"]


class RangeReader:
    """Joins a mention with the figure after it when the two state a range."""

    def __init__(self, pat: Patterns, classify: Classify) -> None:
        self.pat = pat
        self.classify = classify

    def extend(self, text: str, m: Mention, nums: list[Numeral], i: int) -> None:
        j = i + 1
        while j < len(nums) and nums[j].start < m.num_end:
            j += 1  # numerals the mention already swallowed ("1/2" of "10 1/2")
        if j >= len(nums):
            return
        nxt = nums[j]
        if nxt.start - m.num_end > 40:
            return
        if _PLUS_MINUS.fullmatch(text, m.num_end, nxt.start):
            self._plus_minus(text, m, nums, j)
            return
        lo_ctx = max(0, m.num_start - 30)
        head = self._head(text, m, nxt, lo_ctx, i, nums)
        if head is None:
            return
        second = self.classify(text, nxt, nums, j, False)
        if second is None:
            return
        if not self._join(text, m, second, nxt):
            return
        if head >= 0:
            m.start = m.num_start = head

    def _plus_minus(self, text: str, m: Mention, nums: list[Numeral], j: int) -> None:
        """ "9.83e-3 +/- 1e-5 km/s2", "41% ± 3", "3 ± 0.5 metres": the range value ± error."""
        second = self.classify(text, nums[j], nums, j, False)
        if second is None or second.vague or second.low is not None:
            return
        if second.kind != m.kind and ClaimKind.COUNT not in (m.kind, second.kind):
            return
        if m.unit and second.unit and m.unit != second.unit:
            return
        if m.kind == ClaimKind.COUNT and second.kind != ClaimKind.COUNT:
            m.kind, m.unit, m.dimension = second.kind, second.unit, second.dimension
            m.unit_alternatives = second.unit_alternatives
        err = abs(second.value)
        if err == 0 or err >= abs(m.value) * 10:
            return
        m.low, m.high = m.value - err, m.value + err
        m.end = m.num_end = second.num_end

    def _head(
        self, text: str, m: Mention, nxt: Numeral, lo: int, i: int, nums: list[Numeral]
    ) -> int | None:
        """Whether the gap makes a range; the start of a leading word ("between") or -1."""
        s, gap_end = m.num_end, nxt.start
        sym = m.currency_symbol or ""
        if sym and text[gap_end - len(sym) : gap_end] == sym:
            gap_end -= len(sym)
        elif sym and (sm := _SYMBOL_END.search(text, s, gap_end)) is not None:
            gap_end = sm.start()  # "US$89 to $93 billion": the second writes a shorter symbol
        if sym and gap_end < nxt.start and _SLASH.fullmatch(text, s, gap_end):
            return -1  # "$7/$9": both prices written out
        bm = _BETWEEN.search(text, lo, m.num_start)
        if bm is not None:
            ok = _AND.fullmatch(text, s, gap_end) or _TO.fullmatch(text, s, gap_end)
            return bm.start() if ok else None
        if _DASH.fullmatch(text, s, gap_end):
            if nums[i].words and nxt.words and not _DASH_TO.fullmatch(text, s, gap_end):
                return None  # "three-nought-four", "five-six"; but "two- to three-year"
            return -1
        if _TO.fullmatch(text, s, gap_end):
            if _RANGING.search(text, lo, m.num_start):
                return _FROM.search(text, lo, m.num_start).start()  # type: ignore[union-attr]
            fm = _FROM.search(text, lo, m.num_start)
            if fm is None:
                if (
                    m.kind != ClaimKind.YEAR
                    and (m.kind != ClaimKind.COUNT or _THEN_FROM.match(text, nxt.start))
                    and self._changes(text, m.num_start)
                ):
                    # "rose 7% to 65%", "grew by 5,000 to 30,000 from 20,000": a change; but
                    # "rose 3 to 4 per cent"
                    return None
                if (
                    m.kind == ClaimKind.COUNT
                    and 0 < m.value * 2 < nxt.value
                    and self._changes(text, m.num_start)
                ):
                    return None  # "shares fell 2-3/8 to 45-1/8": by and to, not a range
                return -1
            if m.kind == ClaimKind.YEAR or not self._changes(text, fm.start()):
                return fm.start()
            return None  # "rose from £5m to £8m": a change, paired by links.py
        if m.kind == ClaimKind.YEAR and _SLASH.fullmatch(text, s, gap_end):
            return -1  # "2013/14"
        return None

    def _changes(self, text: str, at: int) -> bool:
        """A verb of change in the words before "from" ("rose sharply, from …", "tripled
        from …", "went from …"): then "from X to Y" states a change, not a range."""
        lo = max(0, at - 60)
        return bool(
            self.pat.direction_word.search(text, lo, at)
            or self.pat.neutral_change.search(text, lo, at)
        )

    def _join(self, text: str, m: Mention, second: Mention, nxt: Numeral) -> bool:
        lo, hi = m.value, second.value
        if m.kind in (ClaimKind.MONEY, ClaimKind.AGE) and second.kind == ClaimKind.COUNT:
            second.kind, second.unit = m.kind, m.unit  # "£5-10m", "aged 5-11": one unit for both
        if (
            m.kind == ClaimKind.YEAR
            and nxt.integer_digits
            and len(nxt.written) == 2
            and second.kind == ClaimKind.COUNT
            and second.unit is None
        ):  # "2013-14"; but "in 2016 to 18%" is a year, then a level
            hi = float(int(m.value) // 100 * 100 + int(nxt.written))
            second.kind = ClaimKind.YEAR
        if m.kind == second.kind == ClaimKind.COUNT and second.unit and not m.unit:
            m.unit, m.per = second.unit, m.per or second.per  # "10 to 15 points"
        takes_unit = m.kind == ClaimKind.COUNT and second.kind in _UNIT_TAKERS
        if second.kind != m.kind and not takes_unit:
            return False
        if m.kind == ClaimKind.COUNT and second.kind != ClaimKind.COUNT:
            # "10-15%", "5-10 miles": the unit after the second applies to both
            m.kind, m.unit = second.kind, second.unit
            m.dimension, m.unit_alternatives = second.dimension, second.unit_alternatives
            if second.kind == ClaimKind.MONEY and nxt.value:
                lo *= second.value / nxt.value if second.scale is None else 1.0
        if second.scale and not m.scale:
            factor = second.value / nxt.value if nxt.value else 1.0
            if (
                m.kind not in (ClaimKind.PERCENT, ClaimKind.PERCENTAGE_POINT)
                and factor > 1
                and (lo * factor <= hi)
            ):
                lo *= factor  # "£5-10m": five million to ten million
                m.scale, m.scale_span = second.scale, second.scale_span
        if second.unit and m.unit and second.unit != m.unit:
            return False
        if not lo < hi:
            if lo < 0 and hi < 0 and m.kind != ClaimKind.YEAR:
                lo, hi = hi, lo  # "from -18C to -34C"
            else:
                if (
                    _DASH.fullmatch(text, m.num_end, nxt.start)
                    and m.kind == ClaimKind.COUNT
                    and m.unit is None
                    and second.unit is None
                    and not m.scale
                ):
                    m.extra["score_end"] = second.num_end  # "won 3-1": a score, not amounts
                return False
        m.low, m.high = lo, hi
        m.value = (lo + hi) / 2.0
        m.end = m.num_end = second.num_end
        return True

    def bounded(self, text: str, m: Mention, nums: list[Numeral], i: int) -> bool:
        """ "more than 10 and less than 20", "at most 100 and at least 20": one range."""
        if i + 1 >= len(nums) or m.num_start == 0:
            return False
        nxt = nums[i + 1]
        if not 5 < nxt.start - m.num_end < 40 or not _AND_BUT.match(text, m.num_end):
            return False
        lo_ctx = max(0, m.num_start - 25)
        above = _ABOVE.search(text, lo_ctx, m.num_start)
        below = None if above else _BELOW.search(text, lo_ctx, m.num_start)
        if above is None and below is None:
            return False
        gap = _BOUND_GAP_BELOW if above else _BOUND_GAP_ABOVE
        if not gap.fullmatch(text, m.num_end, nxt.start):
            return False
        second = self.classify(text, nxt, nums, i + 1, False)
        if second is None or second.kind != m.kind or second.unit != m.unit:
            return False
        lo, hi = (m.value, second.value) if above else (second.value, m.value)
        if not lo < hi:
            return False  # "more than 40 and less than 10": two statements
        m.low, m.high, m.value = lo, hi, (lo + hi) / 2.0
        m.start = m.num_start = (above or below).start()  # type: ignore[union-attr]
        m.end = m.num_end = second.num_end
        return True

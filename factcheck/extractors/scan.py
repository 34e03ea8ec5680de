"""Find every number in a text and decide what kind of amount it is.

One pass per numeral form (digits, number words, vague amounts, growth verbs), then each numeral
is read outward: currency before it; scale, currency, percent sign or unit after it; a second
numeral that makes it a range. Numbers that are not amounts — dates, times, ordinals, phone
numbers, labels ("Section 427", "Covid-19", "version 2") — are dropped here, years kept as such.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from factcheck.extractors.mention import Mention
from factcheck.extractors.patterns import Patterns
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind
from factcheck.numparse import parse_digits, parse_word_tokens

_URL = regex.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+", regex.IGNORECASE)
_TOKEN = regex.compile(r"[^\s-]+")
_PHONE_AFTER = regex.compile(r"^(?:[ .-]\(?\d{2,4}\)?){2,}(?!\d)")
_LETTER_LABEL = regex.compile(r"(?:[^\W\d_]|[^\W\d_][-‐])$")
_METRE_CONTEXT = regex.compile(
    r"^[\s-]*(?:tall|high|long|deep|wide|away|race|sprint|freestyle|hurdles|relay|run|dash"
    r"|above|below|under|from|off|down|up|of\s+(?:rain|snow|water)|in\s+(?:length|height|diameter)"
    r"|-(?:high|long|tall|deep|wide))\b",
    regex.IGNORECASE,
)
_PLURAL_NOUN = regex.compile(r"^\s+(?:of\s+|more\s+|new\s+|extra\s+)?[a-z][a-z’']*s\b")
_YEARISH = regex.compile(r"^(?:1[89]|20|21)\d\d$")
_DECADE = regex.compile(r"^s\b")
_WEIGHT_CONTEXT = regex.compile(
    r"\b(?:weigh\w*|weight|lose|lost|losing|gain\w*|shed\w*|heav\w+|light\w+|put\s+on|lbs?)\b",
    regex.IGNORECASE,
)


@dataclass(slots=True)
class Numeral:
    start: int
    end: int
    value: float
    words: bool  # spelled out ("two billion")
    fraction: bool = False
    vague: tuple[float, float] | None = None
    written: str = ""


class Scanner:
    """Turns a text into :class:`Mention` records (kind, value, unit, span)."""

    def __init__(self, lex: Lexicon, pat: Patterns) -> None:
        self.lex = lex
        self.pat = pat
        self.malformed: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ numerals
    def numerals(self, text: str) -> list[Numeral]:
        """Every numeral in the text (digits, words, vague amounts), in order, not overlapping."""
        pat, lex = self.pat, self.lex
        found: list[Numeral] = []
        blocked = _Spans(_blocked_spans(text))
        for m in pat.vague.finditer(text):
            if blocked.contains(m.start()):
                continue
            if m.group("v"):
                low, high = lex.vague[m.group("v").lower()]
                s = m.group("s")
                if s is not None:
                    # "tens of thousands" = tens × thousand = [1e4, 1e5]
                    mult = lex.scales.get(s.lower().rstrip("s"), 1.0)
                    base = {"tens": (10, 100), "hundreds": (100, 1000), "dozens": (24, 144)}
                    lo_hi = base.get(m.group("v").lower(), (1e3, 1e4))
                    low, high = lo_hi[0] * mult, lo_hi[1] * mult
                word = m.group("v").lower()
                if word == "scores" and not regex.match(r"\s+of\b", text[m.end() : m.end() + 5]):
                    continue
            else:
                plo, phi = lex.vague_prefixes[_norm_ws(m.group("p").lower())]
                mult = lex.scales[m.group("w").lower()]
                low, high = plo * mult, phi * mult
            found.append(
                Numeral(m.start(), m.end(), _geo(low, high), words=True, vague=(low, high),
                        written=m.group(0))
            )
        taken = _Spans([(n.start, n.end) for n in found])
        for m in pat.digits.finditer(text):
            s, e = m.start(), m.end()
            if blocked.contains(s) or taken.overlaps(s, e):
                continue
            raw = m.group(0)
            # A trailing separator belongs to the sentence: "5,000, and".
            while raw and raw[-1] in ",\u00a0\u202f\u2009":
                raw = raw[:-1]
                e -= 1
            value = parse_digits(raw)
            if value is None:
                if _looks_malformed(raw):
                    self.malformed.append((s, e))
                continue
            found.append(Numeral(s, e, value, words=False, written=raw))
        taken = _Spans([(n.start, n.end) for n in found])
        for m in pat.words.finditer(text):
            if blocked.contains(m.start()) or taken.overlaps(m.start(), m.end()):
                continue
            toks = [(t.start() + m.start(), t.end() + m.start(), t.group(0).lower())
                    for t in _TOKEN.finditer(m.group(0))]
            for wn in parse_word_tokens([t[2] for t in toks], lex.number_words):
                s, e = toks[wn.start][0], toks[wn.end - 1][1]
                found.append(
                    Numeral(s, e, wn.value, words=True, fraction=wn.fraction, written=text[s:e])
                )
        found.sort(key=lambda n: n.start)
        return found

    # ------------------------------------------------------------------ mentions
    def scan(self, text: str) -> list[Mention]:
        nums = self.numerals(text)
        out: list[Mention] = []
        consumed_to = -1
        for i, n in enumerate(nums):
            if n.start < consumed_to:
                continue
            m = self.classify(text, n, nums, i)
            if m is None:
                continue
            out.append(m)
            consumed_to = m.num_end
        out.extend(self.growth_mentions(text, out))
        out.sort(key=lambda m: m.num_start)
        return out

    def classify(self, text: str, n: Numeral, nums: list[Numeral], i: int) -> Mention | None:
        """Read the numeral's surroundings and return a mention, or None if not an amount."""
        pat, lex = self.pat, self.lex
        s, e = n.start, n.end
        before = text[max(0, s - 40) : s]
        after = text[e : e + 60]

        # ---- currency written before ("$", "US$", "£", "USD ")
        currency: str | None = None
        symbol: str | None = None
        cur_start = s
        cm = pat.currency_before.search(before)
        if cm is not None and not n.vague:
            if cm.group("sym"):
                symbol = cm.group("sym")
                currency = lex.currency_symbols[symbol]
            elif cm.group("code"):
                currency = cm.group("code").upper()
                symbol = currency
            elif cm.group("pre"):
                key = cm.group("pre").upper() + "$"
                currency = _lookup_ci(lex.currency_symbols, key)
                symbol = key if currency else None
            if currency is not None:
                cur_start = s - (len(before) - cm.start())
                if "(" in cm.group(0):  # "$(5)"? keep the bracket outside the claim
                    currency = currency
        if currency is None and not n.words:
            # Not an amount when glued to letters: "G7", "A320", "MP3", "Covid-19", "F-35".
            if _LETTER_LABEL.search(before) or (before.endswith("#")):
                return None
        if currency is None and pat.label_before.search(before):
            if not (n.words and n.vague):
                return None

        if not n.words:
            if pat.time_after.match(after) and currency is None:
                return None
            if pat.ordinal_suffix.match(after):
                return None
            if after[:1] in ".:/" and after[1:2].isdigit():
                if after[:1] == "/" and _slash_fraction(n, after):
                    pass
                else:
                    return None  # dates, versions, IP addresses: 22/03/2018, 2.0.1, 10:30
            if before.endswith(("+", "(0)")) or (
                n.written.startswith("0") and len(n.written) >= 3 and "." not in n.written
            ):
                return None
            if _PHONE_AFTER.match(after) and "," not in n.written and currency is None:
                return None
            if currency is None and (
                pat.month_before.search(before) and n.value <= 31 and n.value == int(n.value)
                or pat.month_after.match(after)
            ):
                if not _YEARISH.match(n.written):
                    return None

        value = n.value
        pos = e  # end of the figure so far
        scale: str | None = None
        scale_span: tuple[int, int] | None = None
        if not n.words or n.vague is None:
            sm = pat.scale.match(text, pos)
            if sm is not None:
                word = sm.group("a") or sm.group("w")
                mult = self._scale_factor(word)
                ok = mult is not None
                if ok and sm.group("a"):
                    ok = self._abbrev_is_scale(text, sm, currency, n)
                if ok and n.words and sm.group("a"):
                    ok = False  # "five m" is not five million
                if ok and mult is not None:
                    value *= mult
                    scale = word
                    scale_span = (sm.start("a") if sm.group("a") else sm.start("w"), sm.end())
                    pos = sm.end()
                    # "three lakh crore", "1.5 thousand million"
                    sm2 = pat.scale_word.match(text, pos)
                    if sm2 is not None and mult < 1e9:
                        m2 = self._scale_factor(sm2.group("w"))
                        if m2 is not None and m2 > mult:
                            value *= m2
                            scale = f"{scale} {sm2.group('w')}"
                            pos = sm2.end()
                            scale_span = (scale_span[0], pos)

        mention = Mention(
            start=s, end=pos, num_start=s, num_end=pos, kind=ClaimKind.COUNT, value=value,
            scale=scale, scale_span=scale_span, digits_written=n.written,
        )
        if n.vague is not None:
            mention.vague = True
            mention.low, mention.high = n.vague
            mention.value = _geo(*n.vague)

        rest = text[pos : pos + 60]
        if currency is not None:
            mention.kind = ClaimKind.MONEY
            mention.unit = currency
            mention.currency_symbol = symbol
            mention.start = mention.num_start = cur_start
            self._range(text, mention, nums, i)
            return mention

        # ---- percent, percentage points, basis points
        pm = pat.percent.match(text, pos)
        if pm is not None and not (pm.group("pp") and pm.group("pp").lower().startswith("pt")
                                   and "%" not in text[max(0, s - 80) : s]):
            if pm.group("bp"):
                mention.kind = ClaimKind.PERCENTAGE_POINT
                mention.value = value / 100.0
                mention.unit = "percentage_point"
            elif pm.group("pp"):
                mention.kind = ClaimKind.PERCENTAGE_POINT
                mention.unit = "percentage_point"
            else:
                mention.kind = ClaimKind.PERCENT
                mention.unit = "percent"
            mention.end = mention.num_end = pm.end()
            self._range(text, mention, nums, i)
            return mention

        # ---- currency written after ("420 million finnish markka", "500 euros", "50p")
        cw = pat.currency_after.match(text, pos)
        if cw is not None and not (
            cw.group("word") and cw.group("word").lower() in ("pound", "pounds")
            and _WEIGHT_CONTEXT.search(text[max(0, s - 40) : s])
        ):
            if cw.group("sub"):
                code, factor = lex.currency_subunits[_norm_ws(cw.group("sub").lower())]
                mention.value = value * factor
                mention.unit = code
            else:
                word = cw.group("code") or cw.group("word")
                mention.unit = (
                    word.upper() if cw.group("code") else lex.currency_words[_norm_ws(word.lower())]
                )
                if mention.vague and not regex.match(r"\s+of\s", text[pos : pos + 5]):
                    pass
            mention.kind = ClaimKind.MONEY
            mention.end = mention.num_end = cw.end()
            self._range(text, mention, nums, i)
            return mention
        if mention.vague:
            vm = regex.match(r"\s+of\s+(?P<c>" + pat.currency_after.pattern[3:] + ")",
                             text[pos : pos + 40], flags=regex.IGNORECASE)
            if vm is not None:
                word = (vm.group("code") or vm.group("word") or "").lower()
                code = lex.currency_words.get(_norm_ws(word)) or (word.upper() if word else None)
                if code:
                    mention.kind = ClaimKind.MONEY
                    mention.unit = code
                    mention.end = mention.num_end = pos + vm.end()
                    return mention
        if not n.words and scale is None:
            sub = pat.subunit_attached.match(text, pos)
            if sub is not None:
                code, factor = lex.currency_subunits[sub.group("sub").lower()]
                mention.kind = ClaimKind.MONEY
                mention.unit = code
                mention.value = value * factor
                mention.end = mention.num_end = sub.end()
                return mention

        # ---- multipliers: "two-fold", "3x", "three times as many"
        fm = pat.fold.match(text, pos)
        xm = pat.x_mult.match(text, pos) if not n.words else None
        tm = pat.times.match(text, pos)
        if fm or xm or tm:
            mention.kind = ClaimKind.MULTIPLIER
            if fm or xm:
                mention.end = mention.num_end = (fm or xm).end()  # type: ignore[union-attr]
            return mention

        # ---- ages: "33-year-old", "aged 33", "The billionaire, 33,"
        am = pat.age_after.match(rest)
        if am is not None or pat.age_before.search(before) or self._appositive_age(text, n):
            if 0 <= value <= 130:
                mention.kind = ClaimKind.AGE
                mention.unit = "year"
                if am is not None:
                    mention.end = mention.num_end = pos + am.end()
                return mention

        # ---- physical quantities and durations
        if self._unit(text, mention, pos, n):
            self._range(text, mention, nums, i)
            return mention

        # ---- years, decades
        if not n.words and scale is None and _YEARISH.match(n.written):
            dm = _DECADE.match(rest)
            if dm is not None:
                mention.kind = ClaimKind.YEAR
                mention.low, mention.high = value, value + 9
                mention.end = mention.num_end = pos + 1
                return mention
            if not self._year_is_count(text, n, pos):
                mention.kind = ClaimKind.YEAR
                self._range(text, mention, nums, i)
                return mention

        # ---- fractions and rates: "a third", "two-thirds", "one in five"
        if n.fraction:
            if not self._fraction_context(text, n):
                return None
            mention.kind = ClaimKind.FRACTION
            return mention
        om = regex.match(r"\s+(?:in|out\s+of)\s+", rest)
        if om is not None:
            nxt = _numeral_at(nums, i + 1, pos + om.end())
            if nxt is not None and nxt.value > value > 0 and not _YEARISH.match(nxt.written):
                mention.kind = ClaimKind.FRACTION
                mention.value = value / nxt.value
                mention.end = mention.num_end = nxt.end
                return mention
        if not n.words and "/" == rest[:1] and _slash_fraction(n, rest):
            fm2 = regex.match(r"/(\d+)", rest)
            assert fm2 is not None
            mention.value = value / float(fm2.group(1))
            mention.end = mention.num_end = pos + fm2.end()
            mention.kind = ClaimKind.FRACTION
            if self._unit(text, mention, mention.end, n):
                return mention
            return mention
        if n.words and value == 1 and scale is None and not n.vague:
            return None  # "one of the", "the one": not a claim of amount
        self._range(text, mention, nums, i)
        return mention

    # ------------------------------------------------------------------ helpers
    def _scale_factor(self, word: str) -> float | None:
        scales = self.lex.scales
        w = _norm_ws(word)
        for key in (w, w.lower(), w.upper()):
            if key in scales:
                return scales[key]
        if w.lower().rstrip("s") in scales:
            return scales[w.lower().rstrip("s")]
        return None

    def _abbrev_is_scale(
        self, text: str, sm: regex.Match[str], currency: str | None, n: Numeral
    ) -> bool:
        a = sm.group("a")
        low = a.lower()
        after = text[sm.end() : sm.end() + 30]
        if a == "mm":
            return False  # millimetres; "MM" (finance) is million
        if low in ("m",):
            if currency is not None or a == "M":
                return True
            if sm.start("a") > sm.start():  # "5 m": spaced abbreviations are units
                return bool(_PLURAL_NOUN.match(after))
            if _METRE_CONTEXT.match(after):
                return False
            return bool(_PLURAL_NOUN.match(after)) or after[:1] in ("", ".", ",", ";", ")", " ")
        if low == "b":
            return currency is not None or bool(_PLURAL_NOUN.match(after)) or "." in n.written
        if low == "k":
            # "100k" thousand, "10k run" (10 km) stays a count; "5K" kelvin is rare in news
            return True
        return True

    def _appositive_age(self, text: str, n: Numeral) -> bool:
        """"The billionaire, 33, also …" / "Mark Smith, 45, of Leeds"."""
        if n.words or not (1 <= n.value <= 120) or n.value != int(n.value):
            return False
        if text[n.end : n.end + 1] != "," or text[max(0, n.start - 2) : n.start] != ", ":
            return False
        wm = regex.search(r"([^\W\d_][\w’'-]*)$", text[max(0, n.start - 40) : n.start - 2])
        if wm is None:
            return False
        word = wm.group(1)
        return word.lower() in self.lex.person_nouns or word[:1].isupper() and word.isalpha()

    def _unit(self, text: str, mention: Mention, pos: int, n: Numeral) -> bool:
        pat, lex = self.pat, self.lex
        um = None
        form = None
        dm = pat.degrees.match(text, pos)
        if dm is not None and dm.group(0).strip():
            scale_letter = (dm.group("scale") or "").lower()
            name = {
                "c": "degree_Celsius", "celsius": "degree_Celsius", "centigrade": "degree_Celsius",
                "f": "degree_Fahrenheit", "fahrenheit": "degree_Fahrenheit", "k": "kelvin",
                "kelvin": "kelvin",
            }.get(scale_letter)
            if name is None:
                if "°" not in dm.group(0) and "º" not in dm.group(0):
                    return False  # "30 degrees" of arc or heat: leave as count
                name = "degree"
            mention.kind = ClaimKind.QUANTITY
            mention.unit = name
            mention.dimension = "temperature" if name != "degree" else "angle"
            mention.end = mention.num_end = dm.end()
            return True
        if not n.words and pos == n.end or (mention.scale and pos == mention.num_end):
            um = pat.unit_attached.match(text, pos)
            if um is not None:
                form = um.group("u")
                if form == "m" and mention.scale is None and n.value >= 0:
                    pass
        if um is None:
            um = pat.unit_spaced.match(text, pos)
            if um is not None:
                form = um.group("u") or pat.unit_ci.get(_norm_ws(um.group("ui").lower()))
                if form is None:
                    form = um.group("ui")
        if um is None or form is None:
            return False
        entry = lex.units.get(form) or lex.units.get(_norm_ws(form)) or lex.units.get(form.lower())
        if entry is None:
            return False
        if entry.attached_only and um.start() != pos and "-" not in text[pos : um.end()]:
            return False
        if form in ("in",) and not regex.match(r"\d", text[pos - 1 : pos]):
            return False
        mention.kind = ClaimKind.DURATION if entry.dimension == "duration" else ClaimKind.QUANTITY
        mention.unit = entry.name
        mention.unit_alternatives = entry.names[1:]
        mention.dimension = entry.dimension
        mention.end = mention.num_end = um.end()
        # compound imperial measures: "6ft 2in", "5 feet 10 inches", "5st 4lb", "1hr 30min"
        if entry.name in ("foot", "stone", "hour", "pound"):
            sub = {"foot": ("inch", 12), "stone": ("pound", 14), "hour": ("minute", 60),
                   "pound": ("ounce", 16)}[entry.name]
            cm = regex.match(
                r"\s*(?:and\s+)?(\d{1,2}(?:\.\d+)?)\s?(in(?:ch(?:es)?)?|\"|lbs?|pounds?|min(?:ute)?s?"
                r"|oz|ounces?)\b",
                text[mention.end : mention.end + 20],
            )
            if cm is not None:
                sub_entry = lex.units.get(cm.group(2)) or lex.units.get(cm.group(2).rstrip("s"))
                if sub_entry is not None and sub_entry.name == sub[0] or cm.group(2) == '"':
                    mention.value += float(cm.group(1)) / sub[1]
                    mention.end = mention.num_end = mention.end + cm.end()
        return True

    def _year_is_count(self, text: str, n: Numeral, pos: int) -> bool:
        """A four-digit number in 1800..2199 is a year unless it clearly counts something."""
        before = text[max(0, n.start - 25) : n.start].lower()
        if self.pat.hedge_before.search(before) and not before.rstrip().endswith(("by", "in")):
            return True
        m = regex.match(r"\s+([a-z][a-z’']+)", text[pos : pos + 30])
        if m is not None and self.lex.measure_group(m.group(1)) is not None:
            return m.group(1) not in ("sales", "revenue", "revenues", "profits", "earnings")
        return False

    def _fraction_context(self, text: str, n: Numeral) -> bool:
        after = text[n.end : n.end + 12].lower()
        before = text[max(0, n.start - 25) : n.start].lower()
        if regex.match(r"\s+(?:of|the|that|its|their|his|her|our|all)\b", after):
            return True
        if regex.search(r"\b(?:by|than|around|about|nearly|almost|only|just|over|under)\s+$", before):
            return True
        w = n.written.lower()
        return w.endswith(("thirds", "quarters", "fifths", "eighths", "tenths")) and "-" in w

    def _range(self, text: str, mention: Mention, nums: list[Numeral], i: int) -> None:
        """Extend a mention to a range: "10-15", "£5-10m", "between 20 and 30", "2009 to 2015"."""
        if i + 1 >= len(nums):
            return
        nxt = nums[i + 1]
        gap = text[mention.num_end : nxt.start]
        before = text[max(0, mention.num_start - 30) : mention.num_start].lower()
        between = regex.search(r"\bbetween\s+(?:about\s+|around\s+|roughly\s+)?$", before)
        ranging = regex.search(r"\b(?:rang\w*|anywhere)\s+from\s+$", before)
        is_from = regex.search(r"\bfrom\s+$", before)
        sym = mention.currency_symbol or ""
        if between:
            ok = regex.fullmatch(r"\s*and\s*" + regex.escape(sym), gap) is not None
        elif regex.fullmatch(r"\s?[-–—~]\s?" + regex.escape(sym), gap):
            ok = True
        elif regex.fullmatch(r"\s+to\s+" + regex.escape(sym), gap):
            ok = bool(ranging) or not is_from or mention.kind == ClaimKind.YEAR
        else:
            ok = False
        if not ok:
            return
        # Read the second numeral with the same reading as the first.
        second = self.classify(text, nxt, nums, i + 1) if nxt.start > mention.num_end else None
        if second is None:
            return
        hi_val = second.value
        lo_val = mention.value
        if mention.kind == ClaimKind.YEAR and nxt.written.isdigit() and len(nxt.written) == 2:
            hi_val = float(int(mention.value) // 100 * 100 + int(nxt.written))
            second.kind = ClaimKind.YEAR
        if second.kind != mention.kind and not (
            mention.kind == ClaimKind.COUNT and second.kind in (ClaimKind.MONEY, ClaimKind.PERCENT,
                                                                ClaimKind.QUANTITY,
                                                                ClaimKind.DURATION)
        ):
            return
        if mention.kind == ClaimKind.COUNT and second.kind != ClaimKind.COUNT:
            # "10-15%", "5-10 miles": the unit after the second applies to both
            mention.kind = second.kind
            mention.unit = second.unit
            mention.dimension = second.dimension
            mention.unit_alternatives = second.unit_alternatives
        if second.scale and not mention.scale:
            factor = second.value / nxt.value if nxt.value else 1.0
            if (
                mention.kind not in (ClaimKind.PERCENT, ClaimKind.PERCENTAGE_POINT)
                and lo_val * factor <= hi_val
                and factor > 1
            ):
                lo_val *= factor  # "£5-10m": five million to ten million
                mention.scale = second.scale
                mention.scale_span = second.scale_span
        if mention.kind == ClaimKind.YEAR and not (lo_val < hi_val):
            return
        if mention.kind != ClaimKind.YEAR and not (lo_val < hi_val):
            if regex.fullmatch(r"\s?[-–]\s?", gap):
                mention.extra["score"] = True  # "3-1 win": a score, not a range
            return
        if second.unit and mention.unit and second.unit != mention.unit:
            return
        mention.low, mention.high = lo_val, hi_val
        mention.value = (lo_val + hi_val) / 2.0
        mention.end = mention.num_end = second.num_end
        if between:
            bm = regex.search(r"between\s+(?:about\s+|around\s+|roughly\s+)?$", text[: mention.start],
                              flags=regex.IGNORECASE)
            if bm is not None:
                mention.start = mention.num_start = bm.start()
        elif ranging or (is_from and mention.kind == ClaimKind.YEAR):
            fm = regex.search(r"from\s+$", text[: mention.start], flags=regex.IGNORECASE)
            if fm is not None:
                mention.start = mention.num_start = fm.start()

    def growth_mentions(self, text: str, existing: list[Mention]) -> list[Mention]:
        """'doubled', 'tripled', 'halved', 'twofold', 'twice as many'."""
        pat, lex = self.pat, self.lex
        out: list[Mention] = []
        taken = _Spans([(m.num_start, m.num_end) for m in existing])
        for m in pat.growth.finditer(text):
            w = m.group("g").lower()
            if taken.overlaps(m.start(), m.end()):
                continue
            after = text[m.end() : m.end() + 30].lower()
            before = text[max(0, m.start() - 25) : m.start()].lower()
            if w in ("double", "triple", "treble", "quadruple", "halve"):
                if not regex.search(r"\b(?:to|will|would|could|can|may|might|should|must|set\s+to)"
                                    r"\s+(?:\w+ly\s+)?$", before):
                    continue
            elif w in ("doubles", "triples", "trebles", "quadruples", "halves"):
                if not regex.match(r"\s+(?:its|their|the|his|her|in|every|each|again|by|to|from)\b",
                                   after):
                    continue
            if w.startswith(("doubl", "tripl", "trebl", "quadrupl", "quintupl")) and regex.match(
                r"[-\s](?:digit|figure|dip|whammy|standard|act|room|bed|decker|check|click|agent"
                r"|crown|header|jab|dose|glaz|lock|bill|chin|edged|barrel)", after
            ):
                continue
            out.append(
                Mention(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(),
                        kind=ClaimKind.MULTIPLIER, value=lex.growth[w], digits_written=w)
            )
        for m in pat.twice.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            val = 2.0 if m.group("t").lower() == "twice" else 3.0
            out.append(
                Mention(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(),
                        kind=ClaimKind.MULTIPLIER, value=val, digits_written=m.group("t"))
            )
        for m in regex.finditer(r"\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)"
                                r"fold\b", text, flags=regex.IGNORECASE):
            if taken.overlaps(m.start(), m.end()):
                continue
            val = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                   "nine": 9, "ten": 10, "twenty": 20, "hundred": 100}[m.group(1).lower()]
            out.append(
                Mention(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(),
                        kind=ClaimKind.MULTIPLIER, value=float(val), digits_written=m.group(0))
            )
        return out


# ---------------------------------------------------------------------- small helpers
def _geo(low: float, high: float) -> float:
    if low > 0 and high > 0:
        return float((low * high) ** 0.5)
    return (low + high) / 2.0


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _lookup_ci(table: dict[str, str], key: str) -> str | None:
    key = key.upper().replace(" ", "").replace(".", "")
    for k, v in table.items():
        if k.upper().replace(" ", "").replace(".", "") == key:
            return v
    return None


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL.finditer(text)] if ("://" in text or "www." in text
                                                                  or "@" in text) else []


class _Spans:
    """Sorted, non-overlapping spans with O(log n) overlap queries."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e) - 1  # last span starting before e
        return i >= 0 and self.ends[i] > s

    def contains(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)


def _looks_malformed(raw: str) -> bool:
    """A digit group that a reader would take for a botched number ("1,00,0"), not a list."""
    if "," not in raw:
        return False
    groups = raw.split(",")
    if len(groups) >= 3 and all(len(g) <= 2 and not (len(g) == 2 and g[0] == "0")
                                for g in groups):
        return False  # "1,2,3", "22,24,26": a list, not a botched number
    return True


def _slash_fraction(n: Numeral, after: str) -> bool:
    m = regex.match(r"/(\d{1,2})(?![\d/])", after)
    if m is None:
        return False
    den = int(m.group(1))
    return den in (2, 3, 4, 5, 8, 10, 16) and 0 < n.value < den and n.value == int(n.value)


def _numeral_at(nums: list[Numeral], i: int, pos: int) -> Numeral | None:
    if i < len(nums) and nums[i].start == pos:
        return nums[i]
    return None

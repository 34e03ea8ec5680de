"""Reading what is written around a numeral: scale word, percent sign, physical unit.

Each ``read_*`` method looks at the text just before or after a numeral and, when it finds what
it reads, fills the :class:`Mention` and returns True (or returns what it found). They never
look further than a few words, and each pattern is anchored where it is tried.
"""

from __future__ import annotations

import re

from factcheck.extractors.exclusions import is_yearish
from factcheck.extractors.mention import Mention
from factcheck.extractors.money import Currency
from factcheck.extractors.numerals import Numeral
from factcheck.extractors.patterns import Patterns, lead_char, next_token
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind
from factcheck.numparse import parse_word_tokens

_PLURAL_NOUN = re.compile(r"\s+(?:of\s+|more\s+|new\s+|extra\s+)?[a-z][a-z’']*s\b")
_TEMPERATURE_CUE = re.compile(
    r"\b(?:temperat\w*|degrees?|heat\w*|hot(?:ter|test)?|cold(?:er|est)?|warm\w*|cool(?:er|est)?"
    r"|chill\w*|freez\w*|frost\w*|thermo\w*|weather|forecast\w*|celsius|fahrenheit|climate"
    r"|boil\w*|melt\w*|fever\w*|highs?|lows?|sunn\w*|mercury|ovens?|bak\w*|roast\w*|cook\w*"
    r"|grill\w*|kiln\w*|furnace\w*)\b|°",
    re.IGNORECASE,
)
_TEMPERATURES = {
    "c": "degree_Celsius",
    "celsius": "degree_Celsius",
    "celcius": "degree_Celsius",
    "centigrade": "degree_Celsius",
    "centigrate": "degree_Celsius",
    "f": "degree_Fahrenheit",
    "fahrenheit": "degree_Fahrenheit",
    "farenheit": "degree_Fahrenheit",
    "k": "kelvin",
    "kelvin": "kelvin",
}
_SUBUNITS = {
    "foot": ("inch", 12.0),
    "stone": ("pound", 14.0),
    "hour": ("minute", 60.0),
    "pound": ("ounce", 16.0),
}
_CODE_AFTER = re.compile(r"[-‐]\d")  # "24703 L-202": a code, not litres
_CAPACITOR_CUE = re.compile(r"capacit|supercap|ultracap", re.IGNORECASE)  # "3,000F": farads
_PRIMES = frozenset("′″")  # "6′2″": feet and inches, never a power
_PRIME = re.compile(r"(?P<u>[′″])(?P<pow>)")
_DIGIT_HUNDREDS = re.compile(r"\s+(?:and\s+)?(\d)\s+hundred\b", re.IGNORECASE)
_AND_TENS = re.compile(
    r"\s+and\s+(\d{1,2}(?![\d.,])|[a-z]+(?:-[a-z]+)?)\b(?!\s+(?:hundred|thousand|[mb]illion))",
    re.IGNORECASE,
)
_SQUARE = frozenset({"square", "sq", "cubic", "cu"})
_FRACTION_WORD = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}


_TIME_AFTER = frozenset(["earlier", "ago", "before", "later", "previously", "prior", "on"])


class QuantityReader:
    """Reads scales, percents and units for the scanner (money is ``money.MoneyReader``)."""

    def __init__(self, lex: Lexicon, pat: Patterns) -> None:
        self.lex = lex
        self.pat = pat
        self.scales = pat.scales
        self.length_units = pat.length_units

    # ------------------------------------------------------------------ scale
    def read_scale(
        self, text: str, pos: int, n: Numeral, currency: Currency | None
    ) -> tuple[float, int, str | None, tuple[int, int] | None]:
        """Multiply by a scale word after the figure: "50billion", "£3.5m", "1.5 million"."""
        value = n.value
        lead = lead_char(text, pos)
        sm = self.pat.scale.match(text, pos) if not lead or lead in self.pat.scale_starts else None
        if sm is None:
            return value, pos, None, None
        abbrev = sm.group("a")
        word = abbrev or sm.group("w")
        mult = self.scales.get(word) or self.scales.get(word.lower().rstrip("s"))
        if mult is None or (
            abbrev and (n.words or not self._abbrev_is_scale(text, sm, currency, n))
        ):
            return value, pos, None, None
        value *= mult
        span = (sm.start("a") if abbrev else sm.start("w"), sm.end())
        pos = sm.end()
        # "three lakh crore", "1.5 thousand million"
        sm2 = self.pat.scale_word.match(text, pos)
        if sm2 is not None and mult < 1e9:
            m2 = self.scales.get(sm2.group("w").lower())
            if m2 is not None and m2 > mult:
                value *= m2
                word = f"{word} {sm2.group('w')}"
                pos = sm2.end()
                span = (span[0], pos)
        # "3 million and a half"
        hm = self.pat.and_a_fraction.match(text, pos) if mult >= 1e3 else None
        if hm is not None:
            value += _FRACTION_WORD[hm.group("f").lower()] * mult
            pos = hm.end()
        elif not n.words and mult in (100.0, 1000.0) and n.integer_digits:
            value, pos = self._more_digits(text, pos, value, mult)
        return value, pos, word, span

    def _more_digits(self, text: str, pos: int, value: float, mult: float) -> tuple[float, int]:
        """ "4 thousand 3 hundred and 21", "3 hundred and one": the rest of the number."""
        if mult == 1000.0:
            hm = _DIGIT_HUNDREDS.match(text, pos)
            if hm is None:
                return value, pos
            value, pos = value + 100.0 * int(hm.group(1)), hm.end()
        tm = _AND_TENS.match(text, pos)
        if tm is None:
            return value, pos
        raw = tm.group(1)
        if raw.isdigit():
            tens = float(raw)
        else:
            got = parse_word_tokens(raw.lower().replace("-", " ").split(), self.lex.number_words)
            if len(got) != 1 or got[0].fraction or got[0].end != len(raw.replace("-", " ").split()):
                return value, pos
            tens = got[0].value
        if not 0 < tens < 100 or tens != int(tens):
            return value, pos
        return value + tens, tm.end()

    def _abbrev_is_scale(
        self, text: str, sm: re.Match[str], currency: Currency | None, n: Numeral
    ) -> bool:
        a = sm.group("a")
        low = a.lower()
        after = text[sm.end() : sm.end() + 30]
        if a == "mm":
            return False  # millimetres; "MM" (finance) is million
        if low == "t":
            return a == "T" and currency is not None  # "$2.174T"; a lone "t" is tonnes
        if low == "m":
            if currency is not None or a == "M":
                return True
            if sm.start("a") > sm.start():  # "5 m": spaced abbreviations are units
                return bool(_PLURAL_NOUN.match(after))
            if self.pat.metre_after.match(after):
                return False
            if self.pat.length_cue.search(text, max(0, n.start - 40), n.start):
                return False  # "a height of 48m"
            if self.pat.length_in_brackets.search(text, max(0, n.start - 30), n.start):
                return False  # "6ft (1.8m)": the metric side of a length conversion
            return bool(_PLURAL_NOUN.match(after)) or after[:1] in ("", ".", ",", ";", ")", " ")
        if low == "b":
            return currency is not None or bool(_PLURAL_NOUN.match(after)) or "." in n.written
        return True

    # ------------------------------------------------------------------ percent
    def read_percent(self, text: str, m: Mention, pos: int) -> bool:
        """ "60 per cent", "8%", "2 percentage points", "25 basis points" (= 0.25 points)."""
        pm = self.pat.percent.match(text, pos)
        if pm is None:
            return False
        pp = pm.group("pp")
        if (
            pp
            and pp.lower().startswith("pt")
            and "%" not in text[max(0, m.num_start - 80) : m.num_start]
        ):
            return False  # "5 pts" is points of a score unless a percent is about
        if (
            pp
            and pp.lower().startswith("point")
            and not self.pat.percent_ends.match(text, pm.end())
        ):
            return False  # "the index fell 50 points": index points
        if pm.group("bp"):  # "25 basis points": 25 basis_point (0.25 points; subunits.py)
            m.kind, m.unit = ClaimKind.PERCENTAGE_POINT, "basis_point"
        elif pp:
            m.kind, m.unit = ClaimKind.PERCENTAGE_POINT, "percentage_point"
        else:
            m.kind, m.unit = ClaimKind.PERCENT, "percent"
        m.end = m.num_end = pm.end()
        return True

    def read_points(self, text: str, m: Mention, pos: int) -> bool:
        """ "the index fell 50 points", "scored 30 pts", "25.3 ppg": points of a score or an
        index (not percentage points, which ``read_percent`` took): a count in unit "point"."""
        pm = self.pat.score_points.match(text, pos)
        if pm is None:
            return False
        m.unit = "point"
        if pm.group("ppg"):
            m.per = "game"
        m.end = m.num_end = pm.end()
        return True

    # ------------------------------------------------------------------ physical units
    def read_unit(self, text: str, m: Mention, pos: int, n: Numeral) -> bool:
        """A physical unit or duration after the figure: "5 miles", "100F", "6ft 2in"."""
        pat, lex = self.pat, self.lex
        if pos >= len(text):
            return False
        if text[pos] in "°º" and self._degrees(text, m, pos, n):
            return True
        um = None
        if (not n.words and pos == n.end) or (m.scale and pos == m.num_end):
            prime = text[pos] in _PRIMES
            um = _PRIME.match(text, pos) if prime else pat.unit_attached.match(text, pos)
            if um is not None:
                form = um.group("u") or pat.unit_ci.get(_norm_ws(um.group("ui").lower()))
        if um is None:
            tok = next_token(text, pos)
            if not tok:
                return False
            if tok[0] in "°º" or tok.startswith("deg"):
                return self._degrees(text, m, pos, n)
            if tok in _SQUARE:
                pm = pat.unit_prefix.match(text, pos)
                return pm is not None and self._square(text, m, pm)
            if tok in _TEMPERATURES:
                return self._temperature_word(text, m, pos)
            base = tok.split("/")[0].rstrip("^23²³")
            if tok not in pat.unit_tokens and base not in pat.unit_tokens:
                return False
            um = pat.unit_spaced.match(text, pos) or pat.inch_spaced.match(text, pos)
            if um is None:
                return False
            form = um.group("u") or pat.unit_ci.get(_norm_ws(um.group("ui").lower()))
        if form is None:
            return False
        ui = um.groupdict().get("ui")
        if ui and ui[:1].isupper() and not form[:1].isupper() and is_yearish(n.written):
            return False  # "the 2016 Stone Roses tour": a year before a name
        entry = lex.units.get(form) or lex.units.get(form.lower())
        if entry is None:
            return False
        if (
            entry.attached_only
            and um.start("u") != pos
            and form != "in"
            and "-" not in text[pos : um.end()]
        ):
            return False  # "5 C", "5 in the morning"; but "5-g", "2 in thick"
        if _CODE_AFTER.match(text, um.end()):
            return False
        if entry.dimension == "temperature" and len(form) == 1:
            if form == "F" and _CAPACITOR_CUE.search(text, max(0, n.start - 30), n.end + 30):
                entry = lex.units["farad"]  # "a 3,000F supercapacitor"
            elif not self._warm(text, n):
                return False  # "13F filing", "Boeing 777F"
        m.kind = ClaimKind.DURATION if entry.dimension == "duration" else ClaimKind.QUANTITY
        m.unit = entry.name
        m.unit_alternatives = entry.names[1:]
        m.dimension = entry.dimension
        m.end = m.num_end = um.end()
        power = (um.groupdict().get("pow") or "").strip()
        if form in _PRIMES and power:
            m.end = m.num_end = um.start("pow")  # "6′2″": the 2 is inches, not a square
            power = ""
        if power and entry.dimension == "length":
            sq = power[-1] in "2²" or power.endswith("squared")
            m.unit = f"{entry.name} ** {2 if sq else 3}"
            m.dimension = "area" if sq else "volume"
        self._per(text, m)
        self._compound(text, m, entry.name)
        return True

    def read_per(self, text: str, m: Mention) -> None:
        """A price's denominator after it: "$58.24 per barrel", "63 cents a share", "€40/MWh".

        ``m.per`` becomes the denominator as written, in the singular ("barrel", "sq m").
        """
        pat = self.pat
        pm = pat.per_denominator.match(text, m.end)
        if pm is None:
            return
        tokens = pm.group("d").split()
        for k in range(len(tokens), 0, -1):  # the longest denominator: "square foot", "sq m"
            cand = " ".join(tokens[:k])
            if cand.endswith(".") and cand not in pat.per_symbols:
                cand = cand[:-1]  # "per barrel.", "€40/MWh."
            if cand.lower() in pat.per_words:
                after = tokens[k].lower().rstrip(".") if k < len(tokens) else ""
                if pm.group("art") and after in _TIME_AFTER:
                    return  # "$10bn a year earlier", "$5 a month ago": a time, not a rate
                m.per = _singular(cand.lower())
                return
            if cand in pat.per_symbols and not pm.group("art"):
                m.per = cand
                return

    def _degrees(self, text: str, m: Mention, pos: int, n: Numeral) -> bool:
        dm = self.pat.degrees.match(text, pos)
        if dm is None:
            return False
        name = _TEMPERATURES.get((dm.group("scale") or "").lower())
        m.kind = ClaimKind.QUANTITY
        m.unit = name or "degree"
        warm = name is not None or self._warm(text, n)
        m.dimension = "temperature" if warm else "angle"
        m.end = m.num_end = dm.end()
        return True

    def _temperature_word(self, text: str, m: Mention, pos: int) -> bool:
        tm = self.pat.temperature_word.match(text, pos)
        if tm is None:
            return False
        m.kind, m.dimension = ClaimKind.QUANTITY, "temperature"
        m.unit = _TEMPERATURES[tm.group("scale").lower()]
        m.end = m.num_end = tm.end()
        return True

    def _warm(self, text: str, n: Numeral) -> bool:
        return bool(_TEMPERATURE_CUE.search(text, max(0, n.start - 80), n.end + 60))

    def _square(self, text: str, m: Mention, pm: re.Match[str]) -> bool:
        """ "4 square kilometres", "660 sq m", "0.9 trillion cubic feet"."""
        um = self.pat.unit_spaced.match(text, pm.end())
        if um is None:
            return False
        form = um.group("u") or self.pat.unit_ci.get(_norm_ws((um.group("ui") or "").lower()))
        if form not in self.length_units:
            return False
        entry = self.lex.units[form]
        sq = pm.group("p").lower().startswith("s")
        m.kind = ClaimKind.QUANTITY
        m.unit = f"{entry.name} ** {2 if sq else 3}"
        m.dimension = "area" if sq else "volume"
        m.end = m.num_end = um.end()
        return True

    def _per(self, text: str, m: Mention) -> None:
        """ "50 km/ms", "-1e-3 W/min": a compound unit; "per year" is left to context."""
        pm = self.pat.unit_per.match(text, m.end)
        if pm is None:
            return
        entry = self.lex.units.get(pm.group("u")) or self.lex.units.get(pm.group("u").lower())
        if entry is None or ("/" not in pm.group(0) and entry.dimension == "duration"):
            return
        m.unit = f"{m.unit} / {entry.name}"
        m.dimension = f"{m.dimension}/{entry.dimension}"
        m.end = m.num_end = pm.end()

    def _compound(self, text: str, m: Mention, name: str) -> None:
        """ "6ft 2in", "5 feet 10 inches", "5st 4lb", "1hr 30min"."""
        sub = _SUBUNITS.get(name)
        if sub is None:
            return
        cm = self.pat.compound_unit.match(text, m.end)
        if cm is None:
            return
        unit = cm.group(2)
        entry = self.lex.units.get(unit) or self.lex.units.get(unit.rstrip("s"))
        if (entry is not None and entry.name == sub[0]) or unit in ('"', "″"):
            m.value += float(cm.group(1)) / sub[1]
            m.end = m.num_end = cm.end()


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


_IRREGULAR = {"feet": "foot", "people": "person", "men": "man", "women": "woman"}


def _singular(word: str) -> str:
    """ "barrels" → "barrel", "boxes" → "box", "feet" → "foot"; "sq m" as written."""
    word = " ".join(word.split())
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for tail, repl in (("ies", "y"), ("ches", "ch"), ("xes", "x"), ("s", "")):
        if word.endswith(tail) and len(word) > len(tail) + 2 and not word.endswith("ss"):
            return word[: -len(tail)] + repl
    return word

"""Reading money around a numeral: a currency before it, or a code, word or subunit after it.

"$50billion", "US$5", "c $ 16.4 million", "USD 5m", "30 MUSD", "500 euros", "50p", "34 cents",
"10 €", "3 dollars 50 cents", "billions of pounds". The currency tables are ``currencies.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extractors.mention import Mention
from factcheck.extractors.numerals import Numeral
from factcheck.extractors.patterns import Patterns
from factcheck.lexicon import Lexicon
from factcheck.models import ClaimKind
from factcheck.numparse import parse_word_tokens

_OF_SPACE = re.compile(r"\s+of\s")
_WORD = re.compile(r"[^\s]+")
_FEET = re.compile(r"[- ]f(?:ee|oo)t\b", re.IGNORECASE)
_OF_NOUN = re.compile(r"\s+of\s+((?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*)")


@dataclass(frozen=True, slots=True)
class _After:
    """A currency read after a figure: its code, the word or subunit as matched, its end."""

    code: str
    word: str | None  # a currency word ("euros"), as written
    sub: str | None  # a subunit word ("cents"), lower case
    million: bool  # "30 MUSD"
    end: int


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency written before a numeral: its code, the symbol as written, where it starts."""

    code: str
    symbol: str
    start: int
    factor: float = 1.0  # "MUSD 30": million


class MoneyReader:
    """Reads currencies for the scanner; each ``read_*`` fills the mention and says if it did."""

    def __init__(self, lex: Lexicon, pat: Patterns) -> None:
        self.lex = lex
        self.pat = pat
        self.symbol_keys = pat.symbol_keys

    def currency_before(self, text: str, n: Numeral) -> Currency | None:
        """ "$", "US$", "c $", "£", "€", "USD ", "MAUD ", "Rs " written before the figure."""
        s = n.start
        k = s - 1
        while k >= 0 and k >= s - 3 and text[k] in " (\u00a0":
            k -= 1
        if k < 0 or text[k] not in self.pat.currency_last:
            return None
        lo = max(0, s - 12)
        cm = self.pat.currency_before.search(text[lo:s])
        if cm is None:
            return None
        start = lo + cm.start()
        if cm.group("sym"):
            sym = cm.group("sym")  # "US  $": the pattern lets a space in a symbol stretch
            damaged = self.pat.damaged_symbols.get(sym)
            if damaged is not None:  # "PS300m" (£300m), "Y=500bn"; not "PS 3", "PS4"
                glued = lo + cm.end() == s and lo + cm.start("sym") + len(sym) == s
                lone_digit = len(n.written) == 1 and not text[n.end : n.end + 1].isalpha()
                return Currency(damaged, sym, start) if glued and not lone_digit else None
            code = self.lex.currency_symbols.get(sym) or self.symbol_keys.get(_norm_symbol(sym))
            return Currency(code, sym, start) if code else None
        if cm.group("code"):
            code = cm.group("code")
            return Currency(code, code, start, 1e6 if cm.group("mcode") else 1.0)
        key = cm.group("pre").upper() + "$"
        code = self.symbol_keys.get(_norm_symbol(key))
        return Currency(code, key, start) if code else None

    def currency_after(self, text: str, pos: int) -> _After | None:
        """The currency code, word or subunit word at ``pos`` (past a space or hyphen)."""
        cw = self.pat.currency_after.match(text, pos)
        if cw is None:
            return None
        if cw.group("code"):
            return _After(cw.group("code"), None, None, bool(cw.group("mcode")), cw.end())
        start = cw.start("words")
        words = cw.group("words")
        first = words.split(None, 1)[0].lower()
        if first not in self.pat.currency_first_words and first.rstrip(".'’") not in (
            self.pat.currency_first_words
        ):
            return None  # "5 people": no currency word starts so (the usual case, kept cheap)
        spans = [t.span() for t in _WORD.finditer(text, start, cw.end())]
        lex = self.lex
        for k in range(min(len(spans), self.pat.currency_word_tokens), 0, -1):
            end = spans[k - 1][1]
            while end > start and text[end - 1] in ".'’":  # "dollars." ends the sentence
                key = _norm_ws(text[start:end].lower())
                if key in lex.currency_words or key in lex.currency_subunits:
                    break
                end -= 1
            key = _norm_ws(text[start:end].lower())
            if key in lex.currency_words:
                return _After(lex.currency_words[key], text[start:end], None, False, end)
            if key in lex.currency_subunits and len(key) > 1:
                return _After(lex.currency_subunits[key][0], None, key, False, end)
        return None

    def read_currency_after(self, text: str, m: Mention, pos: int, n: Numeral) -> bool:
        """ "500 euros", "50 cents", "5m GBP", "30 MUSD", "10 €", "3 dollars 50 cents"."""
        lex, pat = self.lex, self.pat
        cw = self.currency_after(text, pos)
        if cw is not None:
            word = cw.word
            if (
                word
                and word.lower() in ("pound", "pounds")
                and (self._weighs(text, n) or self._pound_weight(text, cw.end))
            ):
                return False
            code = cw.code
            if cw.sub:
                m.value *= lex.currency_subunits[cw.sub][1]
            elif cw.million:
                m.value *= 1e6
            end = cw.end
            if word and not m.scale:
                end = self._minor(text, m, end)
        else:
            sm = pat.symbol_after.match(text, pos)
            if sm is None:
                return False
            code, end = pat.symbols_after[sm.group("sym")], sm.end()
        m.kind = ClaimKind.MONEY
        m.unit = code
        m.end = m.num_end = end
        return True

    def _minor(self, text: str, m: Mention, end: int) -> int:
        """ "3 dollars 50 cents", "thirteen dollars and forty-five cents": add the cents."""
        mm = self.pat.minor_amount.match(text, end)
        if mm is None:
            return end
        raw = mm.group("n")
        if raw.isdigit():
            cents = float(raw)
        else:
            got = parse_word_tokens(raw.lower().replace("-", " ").split(), self.lex.number_words)
            if len(got) != 1 or got[0].fraction:
                return end
            cents = got[0].value
        if not 0 < cents < 100 or cents != int(cents):
            return end
        m.value += cents / 100.0
        return mm.end("sub") if mm.group("sub") else mm.end("n")

    def read_currency_of(self, text: str, m: Mention, pos: int) -> bool:
        """A vague amount of a currency: "billions of pounds", "millions of dollars"."""
        om = _OF_SPACE.match(text, pos)
        if om is None:
            return False
        cw = self.currency_after(text, om.end() - 1)
        if cw is None or cw.sub:
            return False
        m.kind, m.unit = ClaimKind.MONEY, cw.code
        m.end = m.num_end = cw.end
        return True

    def read_subunit_attached(self, text: str, m: Mention, pos: int) -> bool:
        """ "50p", "20c" written against the digits."""
        sub = self.pat.subunit_attached.match(text, pos)
        if sub is None:
            return False
        code, factor = self.lex.currency_subunits[sub.group("sub").lower()]
        m.kind, m.unit = ClaimKind.MONEY, code
        m.value *= factor
        m.end = m.num_end = sub.end()
        return True

    def _pound_weight(self, text: str, end: int) -> bool:
        """ "275 pound-feet" (torque), "two pounds of sugar" (weight); not "pounds of funding"."""
        if text[end : end + 2] in ("-f", "-F", " f") and _FEET.match(text, end):
            return True
        om = _OF_NOUN.match(text, end)
        money = self.lex.pounds_of_money
        return om is not None and not any(w in money for w in om.group(1).lower().split())

    def _weighs(self, text: str, n: Numeral) -> bool:
        """ "a baby of two pounds", "drop 25 pounds": pounds of weight, not money."""
        return bool(self.pat.weight_cue.search(text, max(0, n.start - 50), n.end + 40))


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _norm_symbol(s: str) -> str:
    return s.upper().replace(" ", "").replace(".", "")

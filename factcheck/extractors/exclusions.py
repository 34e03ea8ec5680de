"""Numbers that are not amounts: labels, times, dates, ordinals, phone numbers, codes.

"Section 427", "Covid-19", "G7", "F-35", "version two", "10:30", "2pm", "22 March", "21st",
"020 7946 0000", "192.168.1.2". Each test reads only a few characters either side of a numeral.
"""

from __future__ import annotations

import re

from factcheck.extractors.numerals import Numeral
from factcheck.extractors.patterns import Patterns, last_word, lead_char

_HYPHENS = "-‐−–"
_SCALED_BEFORE = re.compile(r"\d[^\W\d_]{1,3}[-–]$")  # "5k-20k", "5kg-10kg": a range
_YEAR_PREFIX = re.compile(
    r"(?<![^\W\d_])(?:mid|pre|post|early|late|end|start|fy|fiscal)[-‐]$", re.IGNORECASE
)
_PHONE_AFTER = re.compile(r"(?:[ .-]\(?\d{2,4}\)?){2,5}(?!\d)")
_CODE_AFTER = re.compile(r"[-./]\d")
_PHONE_BEFORE = re.compile(r"(?:\+\d{1,3}(?:[ .-]\(?\d{1,4}\)?)?|(?<![\d,.])0\d{1,4})[ .-]$")
_GLUED_CODE = re.compile(r"[A-Za-z]+\d")  # "06F6", "4A1"


_PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pc\b|pts?\b|points?\b|bps?\b)", re.I)


def _signed_change(text: str, n: Numeral) -> bool:
    """ "+0.2%", "+15 points": a signed change, not the "+" of a phone number."""
    return "." in n.written or bool(_PERCENT_AFTER.match(text, n.end))


def _clock(n: Numeral) -> bool:
    """Could the figure be the hour of a time ("10", "2.30" before "pm")? Not "2.1" or "2.123"
    (a time writes its minutes in two digits) and not a figure past 24."""
    whole, dot, frac = n.written.partition(".")
    return (not dot or len(frac) == 2) and whole.isdigit() and int(whole) <= 24


_ZONE_AFTER = re.compile(r"\s?(?:gmt|bst|utc|est|edt|cst|cdt|pst|pdt|cet|cest|hrs)\b", re.I)


def _military_time(text: str, n: Numeral) -> bool:
    """ "2000 GMT", "1430 hrs": a time written as four digits, not the year 2000."""
    w = n.written
    return (
        len(w) == 4 and w.isdigit() and int(w[:2]) <= 23 and int(w[2:]) <= 59
        and bool(_ZONE_AFTER.match(text, n.end))
    )  # fmt: skip


def is_yearish(written: str) -> bool:
    """Four digits from 1800 to 2199: read as a year unless something says otherwise."""
    return len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2199


def _glued_to_letters(before: str) -> bool:
    """ "G7", "Covid-19", "F-35", "I7-860": the figure continues a word."""
    last = before[-1:]
    if last.isalpha():
        return True
    if last and last in _HYPHENS:
        k = len(before) - 2
        while k >= 0 and before[k].isdigit():
            k -= 1
        return k >= 0 and before[k].isalpha()
    return False


def _round(value: float) -> bool:
    """A power of ten from 10 up: the base a rate is quoted per (100, 1,000, 100,000)."""
    if value < 10 or value != int(value):
        return False
    digits = str(int(value))
    return digits[0] == "1" and set(digits[1:]) == {"0"}


_RATE_BASE = re.compile(r"\b(?:per|for\s+every)\s+$", re.IGNORECASE)


class Exclusions:
    """Says when a numeral names, dates or times something instead of stating an amount."""

    def __init__(self, pat: Patterns) -> None:
        self.pat = pat

    def is_label(self, text: str, n: Numeral, before: str) -> bool:
        """ "G7", "Covid-19", "F-35", "A320", "#5", "Section 427", "version two"."""
        if not n.words:
            if _glued_to_letters(before) or before.endswith("#"):
                if _SCALED_BEFORE.search(before) or self.pat.glued_prefix.search(before[-12:]):
                    return False  # "5k-20k"; "sub-7 nanometre", "now-18-month-old"
                return not (is_yearish(n.written) and _YEAR_PREFIX.search(before))
            if _GLUED_CODE.match(text, n.end) and not self.pat.unit_attached.match(text, n.end):
                return True  # "06F6", but not "24703m2"
        if n.vague is None and before:
            pat = self.pat
            word = last_word(before)
            if (
                (word in pat.label_last_words or word.upper() in pat.label_last_words)
                and pat.label_before.search(before)
                and not pat.percent_follows.match(text, n.end)  # "the sector fell 0.68 percent"
            ):
                return True
            if word.rstrip("-") in pat.named_last_words and self._named(before, n):
                return True
        return False

    def _named(self, before: str, n: Numeral) -> bool:
        """ "S&P 500", "FTSE 100", "Russell 2000", "Big 12": the number is the name's."""
        if n.words:
            return False
        names = self.pat.named_numbers
        parts = before[-40:].rstrip(" -\u00a0").lower().split()
        for k in range(1, min(4, len(parts)) + 1):  # "s&p", "euro stoxx", "fortune global"
            name = " ".join(parts[-k:]).lstrip("(\"'‘“[")
            numbers = names.get(name)
            if numbers is not None and n.written in numbers:
                return True
        return False

    def is_address(self, text: str, n: Numeral, before: str) -> bool:
        """A house number, ZIP code or a player's shirt number: "221 Baker Street", "DC 20500",
        "ZIP code 90210", "Prescott (4)"."""
        pat = self.pat
        if not n.integer_digits or "," in n.written:
            return False
        nxt = text[n.end : n.end + 2]
        if nxt[:1] == " " and nxt[1:].isupper() and pat.address_after.match(text, n.end):
            return True
        if len(n.written) == 5 and pat.zip_before.search(before):
            return True
        return (
            len(n.written) <= 2
            and before.endswith("(")
            and text[n.end : n.end + 1] == ")"
            and pat.jersey_before.search(before) is not None
        )

    def not_amount(self, text: str, n: Numeral, before: str, has_currency: bool) -> bool:
        """Times, ordinals, dates, dotted codes, phone numbers (digits only), and the base of a
        rate ("20.7 per 100,000 people": the 100,000 is no figure of its own)."""
        pat, e = self.pat, n.end
        if not has_currency and _RATE_BASE.search(before[-16:]) and _round(n.value):
            return True  # "20.7 per 100,000 people"; not "for every 9 weeks of leave"
        if not has_currency and n.integer_digits and self.is_address(text, n, before):
            return True
        nxt = text[e : e + 1]
        if (
            nxt
            and not has_currency
            and (nxt in ":." or lead_char(text, e) in "apogbuec")
            and (pat.time_after.match(text, e))
            and _clock(n)
        ):
            return True
        if not has_currency and _military_time(text, n):
            return True
        if nxt.isalpha() and pat.ordinal_suffix.match(text, e):
            return True
        if nxt and nxt in ".:/" and text[e + 1 : e + 2].isdigit():
            return True  # dates, versions, IP addresses: 22.03.2018, 2.0.1, 10:30
        plus = n.written.startswith("+") or before.endswith("+")
        if (
            (plus and not _signed_change(text, n))
            or before.endswith(("(0)", "^"))
            or (n.written[:1] == "0" and len(n.written) >= 3 and "." not in n.written)
        ):
            return True
        if before[-2:-1].isdigit() and before[-1:] in "-./:" and _CODE_AFTER.match(text, e):
            return True  # the middle of "1-222-2222", "10.1.2"
        if before[-1:] in ":" and before[-2:-1].isdigit():
            return True  # the minutes of "10:30"
        if (
            not has_currency
            and "," not in n.written
            and (
                _PHONE_AFTER.match(text, e)
                or (
                    before[-1:] in (" ", ".", "-")
                    and before[-2:-1].isdigit()
                    and _PHONE_BEFORE.search(before)
                )
            )
        ):
            return True  # "020 7946 0000", "+44 20 7946 0000"
        if not has_currency and not is_yearish(n.written):
            if (
                n.integer_digits
                and n.value <= 31
                and last_word(before) in pat.month_words
                and (pat.month_before.search(before))
            ):
                return True  # "March 22"
            if pat.month_after.match(text, e):
                return True  # "22 March", "1st of May"
        return False

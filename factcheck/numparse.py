"""Numerals to values: "1,500", "3.5", "12,34,567", "2½", "two hundred and fifty", "a third".

Pure functions over strings and token lists; no knowledge of currencies, units or context.
Digits are read here; number words in :mod:`factcheck.numwords`, re-exported below. Word
tables come from ``rules/lexicon/numbers.toml`` through :class:`NumberWords`.
"""

from __future__ import annotations

import math
import unicodedata

from factcheck.numwords import NumberWords, WordNumber, parse_ordinal_tokens, parse_word_tokens

__all__ = [
    "GROUP_SEPARATORS",
    "VULGAR_FRACTIONS",
    "NumberWords",
    "WordNumber",
    "parse_digits",
    "parse_ordinal_tokens",
    "parse_word_tokens",
]

#: Characters that may group thousands: comma, space, no-break, narrow no-break, thin, figure.
GROUP_SEPARATORS = ", \u00a0\u202f\u2009\u2007"
#: Unicode vulgar fractions ("½", "¾", "⅔"), written alone or after digits ("2½").
VULGAR_FRACTIONS = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_MINUS = "-−–"


def parse_digits(s: str) -> float | None:
    """Parse a digit numeral as written in English copy; ``None`` when malformed.

    Accepts thousands separators in Western ("1,234,567") and Indian ("12,34,567") grouping,
    space grouping ("1 234 567", also with no-break and thin spaces), a decimal point, a leading
    point (".5"), an exponent ("1.3e6"), a trailing vulgar fraction ("2½") and any Unicode
    decimal digits ("１２"). Rejects misplaced separators ("1,00,0", "1,2345") and mixed ones.

    >>> parse_digits("1,234.5"), parse_digits("12,34,567"), parse_digits("1,00,0")
    (1234.5, 1234567.0, None)
    >>> parse_digits("2½"), parse_digits("-.5"), parse_digits("1 234 567")
    (2.5, -0.5, 1234567.0)
    """
    if not s:
        return None
    sign = 1.0
    if s[0] in _MINUS:
        sign, s = -1.0, s[1:]
    elif s[0] == "+":
        s = s[1:]
    if not s:
        return None
    vulgar = 0.0
    if s[-1] in VULGAR_FRACTIONS:
        vulgar = unicodedata.numeric(s[-1])
        s = s[:-1]
        if not s:
            return sign * vulgar
        if "." in s or "e" in s or "E" in s:
            return None
    s = _ascii_digits(s)
    mantissa, exp = s, ""
    for e in "eE":
        if e in s:
            mantissa, _, exp = s.partition(e)
            if not exp.lstrip("+-").isdigit():
                return None
            break
    whole, dot, frac = mantissa.partition(".")
    if dot and not frac.isdigit():
        return None
    if whole:
        groups = _split_groups(whole)
        if groups is None:
            return None
        whole = "".join(groups)
    elif not frac:
        return None
    try:
        value = float(f"{whole or '0'}.{frac or '0'}")
        if exp:
            value *= 10.0 ** int(exp)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None  # a digit run longer than any number: not a numeral
    return sign * (value + vulgar)


def _ascii_digits(s: str) -> str:
    if s.isascii():
        return s
    return "".join(
        str(unicodedata.digit(ch, 0)) if ch.isdigit() and not ch.isascii() else ch for ch in s
    )


def _split_groups(whole: str) -> list[str] | None:
    """Validate thousands grouping; return the digit groups or ``None``."""
    if whole.isdigit():
        return [whole]
    seps = {ch for ch in whole if not ch.isdigit()}
    if len(seps) != 1 or not seps <= set(GROUP_SEPARATORS):
        return None
    groups = whole.split(seps.pop())
    if not all(g.isdigit() for g in groups):
        return None
    head, rest = groups[0], groups[1:]
    if not 1 <= len(head) <= 3 or (head.startswith("0") and len(head) > 1):
        return None
    if all(len(g) == 3 for g in rest):
        return groups
    # Indian grouping: 12,34,567 — pairs, then a final group of three.
    indian = len(rest) >= 2 and len(rest[-1]) == 3 and all(len(g) == 2 for g in rest[:-1])
    return groups if indian and len(head) <= 2 else None

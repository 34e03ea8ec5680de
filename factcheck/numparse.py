"""Numerals to values: "1,500", "3.5", "12,34,567", "two hundred and fifty", "a third".

Pure functions over strings and token lists; no knowledge of currencies, units or context.
Word tables come from ``rules/lexicon/numbers.toml`` through :class:`NumberWords`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_SPACE_SEPARATORS = "\u00a0\u202f\u2009\u2007"


def parse_digits(s: str) -> float | None:
    """Parse a digit numeral as written in English copy; ``None`` when malformed.

    Accepts thousands separators in Western ("1,234,567") and Indian ("12,34,567") grouping,
    narrow/no-break space grouping ("1 234 567"), a decimal point, a leading point (".5"),
    an exponent ("1.3e6") and any Unicode decimal digits ("１２").
    Rejects misplaced separators ("1,00,0", "1,2345").

    >>> parse_digits("1,234.5"), parse_digits("12,34,567"), parse_digits("1,00,0")
    (1234.5, 1234567.0, None)
    """
    if not s:
        return None
    sign = 1.0
    if s[0] in "-−–":
        sign, s = -1.0, s[1:]
    elif s[0] == "+":
        s = s[1:]
    s = _ascii_digits(s)
    mantissa, exp = s, ""
    for e in "eE":
        if e in s:
            mantissa, _, exp = s.partition(e)
            break
    whole, dot, frac = mantissa.partition(".")
    if dot and (not frac.isdigit()):
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
    return sign * value


def _ascii_digits(s: str) -> str:
    if s.isascii():
        return s
    out = []
    for ch in s:
        if ch.isdigit() and not ch.isascii():
            out.append(str(unicodedata.digit(ch, 0)))
        else:
            out.append(ch)
    return "".join(out)


def _split_groups(whole: str) -> list[str] | None:
    """Validate thousands grouping; return the digit groups or ``None``."""
    for sep in "," + _SPACE_SEPARATORS:
        if sep in whole:
            groups = whole.split(sep)
            break
    else:
        return [whole] if whole.isdigit() else None
    if not all(g.isdigit() for g in groups):
        return None
    head, rest = groups[0], groups[1:]
    if not 1 <= len(head) <= 3 or head.startswith("0") and len(head) > 1:
        return None
    if all(len(g) == 3 for g in rest):
        return groups
    # Indian grouping: 12,34,567 — pairs, then a final group of three.
    if len(rest) >= 2 and len(rest[-1]) == 3 and all(len(g) == 2 for g in rest[:-1]):
        if len(head) <= 2:
            return groups
    return None


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The word tables of ``numbers.toml``, as plain mappings."""

    units: Mapping[str, float]
    tens: Mapping[str, float]
    multipliers: Mapping[str, float]
    fractions: Mapping[str, float]
    ordinals: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class WordNumber:
    """A number read from words: tokens [start, end) of the run and its value."""

    start: int
    end: int
    value: float
    fraction: bool = False  # "a third", "two-thirds": a proportion, not an amount


def parse_word_tokens(tokens: Sequence[str], words: NumberWords) -> list[WordNumber]:
    """Read number words from lower-case tokens (hyphens already split off).

    Returns each number found with its token span; adjacent numbers that cannot form one
    ("one two", "zero is") come back separately. Connective tokens ("and", "a", "of",
    "point") are kept inside a number only where English uses them there.

    >>> w = default_words()
    >>> [n.value for n in parse_word_tokens("two hundred and fifty".split(), w)]
    [250.0]
    >>> [n.value for n in parse_word_tokens("one and a half million".split(), w)]
    [1500000.0]
    """
    out: list[WordNumber] = []
    i, n = 0, len(tokens)
    while i < n:
        got = _read_number(tokens, i, words)
        if got is None:
            i += 1
            continue
        out.append(got)
        i = got.end
    return out


def _is_numword(tok: str, w: NumberWords) -> bool:
    return tok in w.units or tok in w.tens or tok in w.multipliers


def _read_number(toks: Sequence[str], i: int, w: NumberWords) -> WordNumber | None:
    """Read one number starting at token ``i`` (greedy), or ``None``."""
    n = len(toks)
    start = i
    sign = 1.0
    if toks[i] in ("minus", "negative") and i + 1 < n and _starts_number(toks, i + 1, w):
        sign, i = -1.0, i + 1
    # Leading article: "a million", "a third", "a dozen", "an eighth", "a hundred".
    if toks[i] in ("a", "an"):
        if i + 1 >= n:
            return None
        nxt = toks[i + 1]
        if nxt in w.multipliers:
            total = _read_cardinal_from(toks, i + 1, w, first_value=1.0)
            if total is None:
                return None
            val, j = total
            return _maybe_fraction_tail(toks, start, j, val * sign, w)
        if nxt in w.fractions and nxt not in ("second", "seconds"):
            den = w.fractions[nxt]
            val, j = 1.0 / den, i + 2
            # "a quarter of a million", "a half million"
            scaled = _scale_fraction(toks, j, val, w)
            if scaled is not None:
                return WordNumber(start, scaled[1], sign * scaled[0])
            return WordNumber(start, j, sign * val, fraction=True)
        if nxt == "half":
            return None
        return None
    if toks[i] == "half":
        # "half a million", "half a dozen", "half million"
        j = i + 1
        if j < n and toks[j] in ("a", "an"):
            j += 1
        if j < n and toks[j] in w.multipliers:
            mult = w.multipliers[toks[j]]
            return WordNumber(start, j + 1, sign * 0.5 * mult)
        return WordNumber(start, i + 1, sign * 0.5, fraction=True)
    if not _is_numword(toks[i], w):
        return None
    card = _read_cardinal_from(toks, i, w)
    if card is None:
        return None
    val, j = card
    return _maybe_fraction_tail(toks, start, j, sign * val, w)


def _starts_number(toks: Sequence[str], i: int, w: NumberWords) -> bool:
    t = toks[i]
    return _is_numword(t, w) or t in ("a", "an", "half")


def _scale_fraction(
    toks: Sequence[str], j: int, frac: float, w: NumberWords
) -> tuple[float, int] | None:
    """After a fraction: "of a million", "a million", "million" scale it."""
    n = len(toks)
    k = j
    if k < n and toks[k] == "of":
        k += 1
    if k < n and toks[k] in ("a", "an"):
        k += 1
    if k < n and toks[k] in w.multipliers and k > j or (k == j and k < n and toks[k] in w.multipliers):
        return frac * w.multipliers[toks[k]], k + 1
    return None


def _maybe_fraction_tail(
    toks: Sequence[str], start: int, j: int, val: float, w: NumberWords
) -> WordNumber:
    """Handle what may follow a cardinal: "and a half", "thirds", "point five", "million"."""
    n = len(toks)
    # "two thirds", "three quarters", "five eighths", "twenty-three fifths"
    if j < n and toks[j] in w.fractions and toks[j] not in ("second",) and val != 0:
        den = w.fractions[toks[j]]
        plural = toks[j].endswith("s") or toks[j] == "halves"
        if plural or val == 1:
            frac = val / den
            scaled = _scale_fraction(toks, j + 1, frac, w)
            if scaled is not None:
                return WordNumber(start, scaled[1], scaled[0])
            return WordNumber(start, j + 1, frac, fraction=True)
    # "one and a half (million)", "five and a quarter", "twenty and three fifths"
    if j + 2 < n and toks[j] == "and":
        k = j + 1
        num = 1.0
        if toks[k] in ("a", "an", "one"):
            k += 1
        elif toks[k] in w.units:
            num = w.units[toks[k]]
            k += 1
        if k < n and toks[k] in w.fractions and k > j + 1:
            den = w.fractions[toks[k]]
            plural = toks[k].endswith("s")
            if num == 1 or plural:
                total = val + num / den
                end = k + 1
                if end < n and toks[end] in w.multipliers:
                    total *= w.multipliers[toks[end]]
                    end += 1
                return WordNumber(start, end, total)
    # "point five", "point zero three", "point seventy-one"
    if j + 1 < n and toks[j] == "point" and (toks[j + 1] in w.units or toks[j + 1] in w.tens):
        k = j + 1
        digits = []
        while k < n and toks[k] in w.units and w.units[toks[k]] < 10:
            digits.append(str(int(w.units[toks[k]])))
            k += 1
        if not digits:
            card = _read_cardinal_from(toks, k, w)
            if card is not None:
                digits.append(str(int(card[0])))
                k = card[1]
        if digits:
            frac_val = float("0." + "".join(digits))
            total = val + frac_val if val >= 0 else val - frac_val
            if k < n and toks[k] in w.multipliers and w.multipliers[toks[k]] >= 1e3:
                total *= w.multipliers[toks[k]]
                k += 1
            return WordNumber(start, k, total)
    return WordNumber(start, j, val)


def _read_cardinal_from(
    toks: Sequence[str], i: int, w: NumberWords, first_value: float | None = None
) -> tuple[float, int] | None:
    """Read a spelled-out cardinal ("two hundred and fifty thousand") from token ``i``.

    ``first_value`` stands for an implicit "one" before a multiplier ("a million").
    Returns (value, next token index).
    """
    n = len(toks)
    total = 0.0  # completed groups (thousands, millions, …)
    current = 0.0  # the group being built (< 1000)
    last: str | None = None  # class of the previous token: unit, teen, ten, hundred, big
    last_big = float("inf")
    j = i
    if first_value is not None:
        current = first_value
        last = "unit"
    read_any = first_value is not None
    while j < n:
        t = toks[j]
        if t in w.units:
            v = w.units[t]
            if last in ("unit", "teen") or (last == "ten" and v >= 10) or (
                last == "ten" and v == 0
            ):
                break  # "one two", "fifty eleven": a new number starts
            if v == 0 and read_any:
                break
            current += v
            last = "teen" if v >= 10 else "unit"
        elif t in w.tens:
            if last in ("unit", "teen", "ten"):
                break
            current += w.tens[t]
            last = "ten"
        elif t in w.multipliers:
            m = w.multipliers[t]
            if t == "dozen" or t == "hundred":
                if last == "hundred":
                    break
                if current == 0 and not read_any:
                    return None
                if t == "hundred" and current >= 100:
                    # "three thousand two hundred": current holds < 100 here normally
                    break
                current = (current or 1.0) * m
                last = "hundred"
            else:
                if current == 0 and total == 0 and not read_any:
                    return None
                if current == 0 and last == "big" and m > last_big:
                    total *= m  # "three lakh crore"
                elif m >= last_big:
                    # "two million three million": a new number
                    if current == 0:
                        break
                    total = (total + current) * m
                    current = 0.0
                else:
                    total += (current or 1.0) * m
                    current = 0.0
                last_big = m
                last = "big"
        elif t == "and" and read_any and j + 1 < n and last in ("hundred", "big"):
            nxt = toks[j + 1]
            if nxt in w.units or nxt in w.tens:
                j += 1
                continue
            break
        else:
            break
        read_any = True
        j += 1
    if not read_any:
        return None
    # Do not swallow a trailing "and".
    return total + current, j


def default_words() -> NumberWords:
    """The shipped number words (for doctests and callers without a lexicon at hand)."""
    from factcheck.lexicon import load_lexicon

    return load_lexicon().number_words

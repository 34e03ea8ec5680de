"""Number words to values: "two hundred and fifty", "one and a half million", "a third".

Pure functions over lower-case token lists (hyphens split off); no knowledge of currencies,
units or context. The word tables come from ``rules/lexicon/numbers.toml`` as
:class:`NumberWords`. Callers import these names from :mod:`factcheck.numparse`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


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


@dataclass(frozen=True, slots=True)
class _Cardinal:
    """A spelled-out whole number and how it was built (for fractions that follow it)."""

    value: float
    end: int  # next token index
    scale_end: float  # the big multiplier it ends with ("one million": 1e6), else 0
    top_scale: float  # the largest big multiplier in it, else 0
    before_and: float | None  # "one hundred and three": 100 (the part before the last "and")
    and_scale: float  # the big multiplier that part ends with ("two million and one": 1e6)


def parse_word_tokens(tokens: Sequence[str], words: NumberWords) -> list[WordNumber]:
    """Read number words from lower-case tokens (hyphens already split off).

    Returns each number found with its token span; adjacent numbers that cannot form one
    ("one two", "zero is") come back separately. Connective tokens ("and", "a", "of",
    "point") are kept inside a number only where English uses them there.

    >>> from factcheck.lexicon import default_words
    >>> w = default_words()
    >>> [n.value for n in parse_word_tokens("two hundred and fifty".split(), w)]
    [250.0]
    >>> [n.value for n in parse_word_tokens("one and a half million".split(), w)]
    [1500000.0]
    >>> [n.value for n in parse_word_tokens("one billion and a half million".split(), w)]
    [1000500000.0]
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
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < n else ""
    if tok in ("a", "an"):
        # "a million", "a dozen", "a hundred trillionths"
        if nxt in w.multipliers:
            card = _read_cardinal(toks, i + 1, w, first_value=1.0)
            if card is None:
                return None
            return _tail(toks, start, card, sign, w)
        # "a third", "a quarter of a million", "a half"
        if nxt in w.fractions and nxt not in ("second", "seconds"):
            return _fraction_of(toks, start, i + 2, sign / w.fractions[nxt], w)
        den = _ordinal_denominator(toks, i + 1, w, plural=False)  # "a twenty-first"
        if den is not None:
            return WordNumber(start, den[1], sign / den[0], fraction=True)
        return None
    if tok == "half" or (tok == "quarter" and nxt in w.multipliers):
        # "half a million", "half a dozen", "half million", "quarter million"
        j = i + 1
        if j < n and toks[j] in ("a", "an"):
            j += 1
        if j < n and toks[j] in w.multipliers:
            return WordNumber(start, j + 1, sign * w.multipliers[toks[j]] / w.fractions[tok])
        if tok == "half":
            return WordNumber(start, i + 1, sign * 0.5, fraction=True)
        return None
    if tok == "hundred" and w.multipliers.get(nxt, 0) >= 1e3:
        card = _read_cardinal(toks, i, w, first_value=1.0)  # "hundred thousand dollars"
    elif not _is_numword(tok, w):
        return None
    else:
        card = _read_cardinal(toks, i, w)
    if card is None:
        return None
    j = card.end
    unit = _ordinal_unit(toks[j], w) if j < n and toks[j - 1] in w.tens else None
    if unit is not None:
        # "one hundred thirty fifths" = 100/35; "the twenty-first century" is an ordinal
        plural = toks[j].endswith("s")
        if j - 2 >= i and toks[j - 2] == "and":
            if not plural:
                return None  # "one hundred and twenty-first"
        else:
            head = card.value - w.tens[toks[j - 1]]
            if head > 0 and (plural or head == 1):
                return WordNumber(
                    start, j + 1, sign * head / (w.tens[toks[j - 1]] + unit), fraction=True
                )
            if not plural:
                return None
    if j < n and card.value == int(card.value) and toks[j] not in ("and", "point"):
        den = _ordinal_denominator(toks, j, w, plural=card.value != 1)
        if den is not None:  # "three twenty-firsts", "one one hundred fifth"
            return WordNumber(start, den[1], sign * card.value / den[0], fraction=True)
    return _tail(toks, start, card, sign, w)


def _ordinal_unit(tok: str, w: NumberWords) -> float | None:
    """ "first" … "ninth" (or a plural, "fifths"): the unit of a compound ordinal."""
    if tok == "seconds":
        return None  # "twenty seconds" is a duration
    v = w.ordinals.get(tok[:-1] if tok.endswith("s") and tok[:-1] in w.ordinals else tok)
    return v if v is not None and v < 10 else None


def _ordinal_denominator(
    toks: Sequence[str], j: int, w: NumberWords, *, plural: bool
) -> tuple[float, int] | None:
    """A compound ordinal from token ``j`` used as a denominator ("twenty-firsts", "one hundred
    fifth"); its value and end, or None. Only compounds: a plain "fifths" is read by ``_tail``."""
    if j >= len(toks) or toks[j] in w.fractions or toks[j] in w.ordinals:
        return None
    for k in range(j + 1, min(len(toks), j + 6)):
        tok = toks[k]
        single = tok[:-1] if tok.endswith("s") and tok[:-1] in w.ordinals else tok
        if single not in w.ordinals:
            if not (_is_numword(tok, w) or tok == "and"):
                return None
            continue
        if (single != tok) != plural or tok == "seconds":
            return None
        value = parse_ordinal_tokens([*toks[j:k], single], w)
        return (value, k + 1) if value else None
    return None


def _starts_number(toks: Sequence[str], i: int, w: NumberWords) -> bool:
    t = toks[i]
    return _is_numword(t, w) or t in ("a", "an", "half")


def _fraction_of(
    toks: Sequence[str], start: int, j: int, frac: float, w: NumberWords
) -> WordNumber:
    """A fraction ending at token ``j``, scaled by "of a million" / "million" when written."""
    n = len(toks)
    k = j
    if k < n and toks[k] == "of":
        k += 1
        if k < n and toks[k] in ("a", "an"):
            k += 1
        if k < n and toks[k] in w.multipliers and w.multipliers[toks[k]] >= 1e3:
            return WordNumber(start, k + 1, frac * w.multipliers[toks[k]])
    elif k < n and toks[k] in w.multipliers and w.multipliers[toks[k]] >= 1e3:
        return WordNumber(start, k + 1, frac * w.multipliers[toks[k]])
    return WordNumber(start, j, frac, fraction=True)


def _tail(
    toks: Sequence[str], start: int, card: _Cardinal, sign: float, w: NumberWords
) -> WordNumber:
    """What may follow a cardinal: "thirds", "and a half", "point five"."""
    n, j, val = len(toks), card.end, card.value
    tok = toks[j] if j < n else ""
    # "two thirds", "one eighth", "five eighths", "one hundred and three quarters"
    if tok in w.fractions and tok not in ("second", "seconds") and val != 0:
        den = w.fractions[tok]
        num, base = val, None
        if card.before_and is not None and val - card.before_and < den:
            # "one hundred and three quarters" is 100¾, "… and thirty fifths" is 130/5
            num, base = val - card.before_and, card.before_and
        if tok.endswith("s") or num == 1:
            if base is None:
                return _fraction_of(toks, start, j + 1, sign * val / den, w)
            total, k = _add_fraction(toks, j + 1, base, num / den, card.and_scale, w)
            return WordNumber(start, k, sign * total)
    # "one and a half (million)", "five and a quarter", "twenty and three fifths"
    if tok == "and" and j + 2 < n:
        part = _and_fraction(toks, j + 1, w)
        if part is not None:
            total, k = _add_fraction(toks, part[1], val, part[0], card.scale_end, w)
            return WordNumber(start, k, sign * total)
    # "point five", "point zero three", "point seventy-one"
    if tok == "point" and j + 1 < n and (toks[j + 1] in w.units or toks[j + 1] in w.tens):
        k = j + 1
        digits = []
        while k < n and toks[k] in w.units and w.units[toks[k]] < 10:
            digits.append(str(int(w.units[toks[k]])))
            k += 1
        if not digits:
            after = _read_cardinal(toks, k, w)
            if after is not None and after.value < 100:
                digits.append(str(int(after.value)))
                k = after.end
        if digits:
            total = val + float("0." + "".join(digits))
            if k < n and toks[k] in w.multipliers and w.multipliers[toks[k]] >= 1e3:
                total *= w.multipliers[toks[k]]
                k += 1
            return WordNumber(start, k, sign * total)
    return WordNumber(start, j, sign * val)


def _add_fraction(
    toks: Sequence[str], k: int, base: float, frac: float, scale: float, w: NumberWords
) -> tuple[float, int]:
    """``base`` "and" ``frac``, scaled by a multiplier at token ``k`` or by ``base``'s own.

    "five and a half million" = 5.5e6; "one billion and a half million" = 1.0005e9;
    "one million and a half" = 1.5e6; "twenty and three fifths" = 20.6.
    """
    if k < len(toks) and toks[k] in w.multipliers and w.multipliers[toks[k]] >= 1e3:
        mult = w.multipliers[toks[k]]
        return (base + frac * mult if base >= mult else (base + frac) * mult), k + 1
    if scale >= 1e3:
        return base + frac * scale, k
    return base + frac, k


def _and_fraction(toks: Sequence[str], k: int, w: NumberWords) -> tuple[float, int] | None:
    """After "and": "a half", "one quarter", "three fifths", "fifty-four hundredths"."""
    n = len(toks)
    num = 1.0
    if toks[k] in ("a", "an", "one"):
        k += 1
    elif toks[k] in w.units or toks[k] in w.tens:
        card = _read_cardinal(toks, k, w)
        if card is None:
            return None
        num, k = card.value, card.end
    else:
        return None
    if k >= n or toks[k] in ("second", "seconds"):
        return None
    den = w.fractions.get(toks[k])
    if den is None and num == 1 and toks[k - 1] in ("a", "an"):
        den = w.ordinals.get(toks[k])  # "and a thirtieth"
    if den is None or den < 2 or (num != 1 and not toks[k].endswith("s")):
        return None
    return num / den, k + 1


def _read_cardinal(
    toks: Sequence[str], i: int, w: NumberWords, first_value: float | None = None
) -> _Cardinal | None:
    """Read a spelled-out cardinal ("two hundred and fifty thousand") from token ``i``.

    ``first_value`` stands for an implicit "one" before a multiplier ("a million").
    """
    n = len(toks)
    total = 0.0  # completed groups (thousands, millions, …)
    current = 0.0  # the group being built (< 1000)
    last: str | None = None  # class of the previous token: unit, teen, ten, hundred, big
    last_big = float("inf")
    top = 0.0
    before_and: float | None = None
    and_scale = 0.0
    j = group_start = i
    if first_value is not None:
        current, last = first_value, "unit"
    read_any = first_value is not None
    while j < n:
        t = toks[j]
        if current == 0 and last in (None, "big"):
            group_start = j
        if t in w.units:
            v = w.units[t]
            if last in ("unit", "teen") or (last == "ten" and (v >= 10 or v == 0)):
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
        else:
            m = w.multipliers.get(t)
            if m is None and read_any and t.endswith("s"):
                m = w.multipliers.get(t[:-1])  # "three dozens", "five hundreds"
            if m is None:
                if t == "and" and read_any and j + 1 < n and last in ("hundred", "big"):
                    nxt = toks[j + 1]
                    if nxt in w.units or nxt in w.tens:
                        before_and = total + current
                        and_scale = last_big if last == "big" else 0.0
                        j += 1
                        continue
                break
            if m < 1e3:  # hundred, dozen
                if last == "hundred" or (current == 0 and not read_any):
                    break
                if m == 100 and current >= 100:
                    break
                small = current % 100 if last in ("unit", "teen", "ten") else current
                # "three hundred and two dozens" is 300 + 2 × 12
                current = current - small + (small or 1.0) * m
                last = "hundred"
            else:
                if current == 0 and total == 0 and not read_any:
                    return None
                if current == 0 and last == "big" and m > last_big:
                    total *= m  # "three lakh crore", "thousand million"
                elif m >= last_big:
                    if current and total:
                        # "two million three million": the second number starts at "three"
                        return _Cardinal(total, group_start, last_big, top, None, 0.0)
                    break
                else:
                    total += (current or 1.0) * m
                    current = 0.0
                last_big = m
                top = max(top, m)
                last = "big"
        read_any = True
        j += 1
    if not read_any:
        return None
    scale_end = last_big if last == "big" else 0.0
    return _Cardinal(total + current, j, scale_end, top, before_and, and_scale)


def parse_ordinal_tokens(tokens: Sequence[str], words: NumberWords) -> float | None:
    """The value of an ordinal written in words ("twenty-first", "one hundredth"), or ``None``.

    ``tokens`` are lower-case with hyphens split off; the whole run must be one ordinal.

    >>> from factcheck.lexicon import default_words
    >>> parse_ordinal_tokens(["one", "thousand", "two", "hundred", "thirty", "fourth"],
    ...                      default_words())
    1234.0
    """
    if not tokens or tokens[-1] not in words.ordinals:
        return None
    last = words.ordinals[tokens[-1]]
    if len(tokens) == 1:
        return last
    cardinal = _cardinal_word(last, words)
    if cardinal is None:
        return None
    card = _read_cardinal([*tokens[:-1], cardinal], 0, words)
    if card is None or card.end != len(tokens):
        return None
    return card.value


def _cardinal_word(value: float, words: NumberWords) -> str | None:
    for table in (words.units, words.tens, words.multipliers):
        for word, v in table.items():
            if v == value:
                return word
    return None

"""Figures written the way a news desk writes them: "£35bn", "$46 billion", "8.7%", "×1,000"."""

from __future__ import annotations

import math

from factcheck.models import Claim

_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹", "KRW": "₩", "CNY": "¥"}
_ABBREV = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))
_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_WORD_SCALES = frozenset({"thousand", "million", "billion", "trillion", "millions", "billions"})


def sig(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures, without trailing zeros: 35.37 → "35.4"."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def significant_digits(written: str) -> int:
    """How many significant digits a numeral was written with: "35" → 2, "3.50" → 3, "50" → 1."""
    digits = "".join(ch for ch in written if ch.isdigit() or ch == ".")
    if not digits:
        return 1
    if "." in digits:
        return max(1, len(digits.replace(".", "").lstrip("0")))
    stripped = digits.lstrip("0")
    return max(1, len(stripped.rstrip("0")))


def _uses_words(like: Claim | None) -> bool:
    return bool(like and like.scale and like.scale.split()[0].lower() in _WORD_SCALES)


def scaled(value: float, *, words: bool = False, digits: int = 3) -> str:
    """50e9 → "50bn" (or "50 billion")."""
    table = _WORDS if words else _ABBREV
    for factor, name in table:
        if abs(value) >= factor:
            return f"{sig(value / factor, digits)}{' ' if words else ''}{name}"
    return sig(value, digits)


def money(value: float, code: str, *, like: Claim | None = None, digits: int = 3) -> str:
    """A money figure in the style of ``like`` (its symbol and its kind of scale word)."""
    words = _uses_words(like)
    amount = scaled(value, words=words, digits=digits)
    symbol = _SYMBOLS.get(code)
    if like is not None and like.unit == code:
        written = like.text.lstrip()
        for sym in ("US$", "C$", "A$", "HK$", "NZ$", "S$", "$", "£", "€", "¥", "₹"):
            if sym in written:
                symbol = sym
                break
    if symbol is None:
        return f"{amount} {code}"
    return f"{symbol}{amount}"


def count(value: float, digits: int = 3) -> str:
    if abs(value) >= 1e6:
        return scaled(value, words=True, digits=digits)
    return sig(value, digits)


def percent(value: float, digits: int = 3) -> str:
    return f"{sig(value, digits)}%"


def factor(value: float) -> str:
    """A ratio for a reporter: 1000 → "1,000", 1.7213 → "1.72"."""
    if value >= 100:
        return f"{round(value):,}"
    return sig(value, 3)


def rate(value: float) -> str:
    return sig(value, 4)


def claim_value(c: Claim, value: float | None = None) -> str:
    """Any claim's value (or another value in its unit) written like the claim."""
    v = c.value if value is None else value
    if c.kind == "money" and c.unit:
        return money(v, c.unit, like=c)
    if c.kind == "percent":
        return percent(v)
    if c.kind == "percentage_point":
        return f"{sig(v)} points"
    if c.kind in ("quantity", "duration") and c.unit:
        return f"{sig(v)} {c.unit.replace('_', ' ')}"
    return count(v)

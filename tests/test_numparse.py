"""The pure numeral parser: digits, number words, fractions, ordinals."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.lexicon import default_words
from factcheck.numparse import (
    NumberWords,
    parse_digits,
    parse_ordinal_tokens,
    parse_word_tokens,
)


@pytest.fixture(scope="module")
def words() -> NumberWords:
    return default_words()


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1500", 1500),
        ("1,500", 1500),
        ("1,234,567", 1234567),
        ("1,234.5", 1234.5),
        ("12,34,567", 1234567),
        ("12,34,567.89", 1234567.89),  # Indian grouping
        ("1 234 567", 1234567),
        ("40\u202f000", 40000),
        ("1\u00a0000", 1000),
        (".5", 0.5),
        ("-.5", -0.5),
        ("0.08", 0.08),
        ("−5", -5),
        ("+3", 3),
        ("1.3e6", 1.3e6),
        ("12e-1", 1.2),
        ("2½", 2.5),
        ("½", 0.5),
        ("¾", 0.75),
        ("１２", 12),  # full-width digits
    ],
)
def test_digits(raw: str, value: float) -> None:
    got = parse_digits(raw)
    assert got is not None and math.isclose(got, value)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("1,00,0", "a group of one digit after a group of two"),
        ("1,2345", "a group of four"),
        ("45,0000", "a group of four"),
        ("1,000,00", "a last group of two"),
        ("01,000", "a leading zero before a separator"),
        ("1,000 000", "two kinds of separator"),
        ("1.", "a point with no digits after it"),
        ("", "nothing"),
        ("-", "a sign alone"),
        ("1e", "an exponent with no digits"),
        ("2.5½", "a vulgar fraction after a decimal"),
        ("7" * 400, "too long to be a figure (float overflow)"),
    ],
)
def test_digits_rejected(raw: str, why: str) -> None:
    assert parse_digits(raw) is None, why


def _read(text: str, words: NumberWords) -> list[tuple[float, bool]]:
    toks = text.lower().replace("-", " ").split()
    return [(n.value, n.fraction) for n in parse_word_tokens(toks, words)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five", 5),
        ("twenty-one", 21),
        ("two hundred and fifty", 250),
        (
            "one hundred twenty three million four hundred fifty six thousand seven hundred and "
            "eighty nine",
            123456789,
        ),
        ("two billion", 2e9),
        ("a million", 1e6),
        ("a dozen", 12),
        ("three dozens", 36),
        ("three hundred and two dozens", 324),
        ("half a million", 5e5),
        ("half a dozen", 6),
        ("quarter million", 250000),
        ("a quarter of a million", 250000),
        ("hundred thousand", 1e5),
        ("three lakh crore", 3e12),
        ("sextillion", None),
        ("one and a half million", 1.5e6),
        ("five and a half million", 5.5e6),
        ("one million and a half", 1.5e6),
        ("one billion and a half million", 1.0005e9),
        ("two million and one half", 2.5e6),
        ("one billion and three quarters million", 1.00075e9),
        ("twenty and three fifths", 20.6),
        ("one hundred and three quarters", 100.75),
        ("forty two and a third", 42 + 1 / 3),
        ("two hundred thirty two and a thirtieth", 232 + 1 / 30),
        ("nine point nought four", 9.04),
        ("two hundred point seventy one", 200.71),
        ("minus five point five", -5.5),
        ("negative one", -1),
    ],
)
def test_words(text: str, value: float | None, words: NumberWords) -> None:
    got = _read(text, words)
    if value is None:
        assert got == []  # a scale word alone is not a number
    else:
        assert len(got) == 1 and math.isclose(got[0][0], value), got


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a third", 1 / 3),
        ("two thirds", 2 / 3),
        ("three-quarters", 0.75),
        ("a half", 0.5),
        ("one eighth", 0.125),
        ("five eighths", 0.625),
        ("twenty fifths", 4.0),
        ("a hundred trillionths", 1e-10),
        ("three twenty-firsts", 3 / 21),
        ("one hundred thirty fifths", 100 / 35),
        ("one hundred and thirty fifths", 26.0),
        ("one one hundred fifth", 1 / 105),
    ],
)
def test_fractions(text: str, value: float, words: NumberWords) -> None:
    got = _read(text, words)
    assert len(got) == 1 and got[0][1] and math.isclose(got[0][0], value), got


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("one two three", [1, 2, 3]),  # numbers that cannot form one come back apart
        ("two million three million", [2e6, 3e6]),
        ("three nought four", [3, 0, 4]),
        ("the twenty-first century", []),  # an ordinal is not a number
        ("sixty-fifth anniversary", []),
        ("twenty seconds", [20]),  # "seconds" is a unit here, not a fraction
        ("a second", []),
    ],
)
def test_word_boundaries(text: str, values: list[float], words: NumberWords) -> None:
    assert [v for v, _ in _read(text, words)] == values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("first", 1),
        ("twenty-first", 21),
        ("one hundredth", 100),
        ("ninety-ninth", 99),
        ("one thousand two hundred thirty-fourth", 1234),
        ("nine hundred ninth", 909),
        ("three hundred forty-five thousand six hundred twelfth", 345612),
    ],
)
def test_ordinals(text: str, value: float, words: NumberWords) -> None:
    assert parse_ordinal_tokens(text.replace("-", " ").split(), words) == value


def test_not_an_ordinal(words: NumberWords) -> None:
    assert parse_ordinal_tokens(["twenty", "five"], words) is None
    assert parse_ordinal_tokens([], words) is None


@given(st.text(alphabet="0123456789,. -+eE½\u00a0\u202f", max_size=40))
def test_digits_never_raise(raw: str) -> None:
    got = parse_digits(raw)
    assert got is None or math.isfinite(got)


_VOCABULARY = (
    "one",
    "two",
    "ten",
    "twenty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "and",
    "a",
    "an",
    "half",
    "quarter",
    "third",
    "thirds",
    "fifth",
    "point",
    "minus",
    "dozen",
    "dozens",
    "of",
    "first",
    "twenty-first",
    "seconds",
    "lakh",
    "crore",
)


@given(st.lists(st.sampled_from(_VOCABULARY), max_size=12))
def test_words_never_raise(toks: list[str]) -> None:
    words = default_words()
    spans = [(n.start, n.end) for n in parse_word_tokens(toks, words)]
    assert all(0 <= a < b <= len(toks) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))

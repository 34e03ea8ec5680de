"""Two shortcuts of the numeral finder must read exactly what the plain way reads:
number words found without a look-behind (``Patterns.word_numerals``), and number-word runs
read once and remembered (``Patterns.parsed_runs``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extractors import numerals
from factcheck.extractors.numerals import NumeralFinder
from factcheck.extractors.patterns import Patterns, patterns_for
from factcheck.lexicon import load_lexicon

_PIECES = st.sampled_from(
    [
        "one",
        "someone",
        "twenty",
        "-",
        " ",
        "  ",
        "\n",
        "(",
        "“",
        "_",
        "9",
        "é",
        "İ",
        "K",
        "million",
        "millions",
        "doubled",
        "half",
        "halves",
        "a ",
        "an ",
        "and",
        "of",
        "tens",
        "dozens",
        "thousand",
        "x",
        "twice",
        "fivefold",
        "One",
        "THREE",
        "\u0301",
        "\u00a0",
        ".",
        "sevens",
        "zero",
    ]
)


def _reference(pat: Patterns, ignore_case: bool) -> re.Pattern[str]:
    """The number-word pattern with its word-start test written as a look-behind."""
    rx = (pat._word_numeral_ci if ignore_case else pat._word_numeral)[-1]  # the bare word
    return re.compile(r"(?<!\w)" + rx.pattern, rx.flags)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join), st.booleans())
def test_word_numerals_match_the_look_behind_pattern(text: str, ignore_case: bool) -> None:
    pat = patterns_for(load_lexicon())
    subject = text if ignore_case else text.lower()
    got = pat.word_numerals(subject, ignore_case)
    assert got == [m.span() for m in _reference(pat, ignore_case).finditer(subject)]


def test_word_numerals_skip_words_inside_words() -> None:
    pat = patterns_for(load_lexicon())
    text = "someone said one; twentyone, _one, 9one, éone and one-off"
    assert [text[s:e] for s, e in pat.word_numerals(text)] == ["one", "one"]
    assert pat.word_numerals("one,\none (one) “one” one") == [
        (0, 3),
        (5, 8),
        (10, 13),
        (16, 19),
        (21, 24),
    ]


def _numerals(pat: Patterns, text: str) -> list[tuple[int, int, float, bool, object]]:
    found = NumeralFinder(load_lexicon(), pat).find(text)
    return [(n.start, n.end, n.value, n.fraction, n.vague) for n in found.numerals]


_RUNS = [
    "One hundred and five people, one hundred and five more, ONE HUNDRED AND FIVE in all.",
    "Tens of thousands marched; a million came; A Million stayed; two-thirds of a million left.",
    "Twenty-one firms, twenty one staff, several million pounds and dozens of others.",
    "one two three, three two one, a third, an eighth, nine point five",
]


@pytest.mark.parametrize("text", _RUNS)
def test_remembered_runs_read_as_fresh_ones(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lex = load_lexicon()
    fresh = _numerals(Patterns(lex), text)  # empty memory
    warm = Patterns(lex)
    for other in _RUNS:  # fill the memory, this text's runs included
        _numerals(warm, other)
    assert _numerals(warm, text) == fresh
    monkeypatch.setattr(numerals, "_PARSED_RUNS", 2)  # forgotten and refilled as it reads
    small = Patterns(lex)
    assert _numerals(small, text) == fresh
    assert len(small.parsed_runs) <= 2


def test_long_runs_are_read_but_not_remembered() -> None:
    pat = Patterns(load_lexicon())
    text = "one two " * 200 + "and three hundred"
    assert _numerals(pat, text) == _numerals(Patterns(load_lexicon()), text)
    assert all(len(raw) <= numerals._REMEMBERED_RUN for raw in pat.parsed_runs)
    assert len(_numerals(pat, text)) > 200

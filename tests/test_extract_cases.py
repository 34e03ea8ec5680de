"""Table-driven extraction tests: ``tests/data/extract_cases.toml`` (syntax in its header)."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.extractors import extract_mentions
from factcheck.lexicon import load_lexicon

CASES = Path(__file__).resolve().parent / "data" / "extract_cases.toml"
GROUPS = ("developing", "bugs", "silent", "xfail")
_CHECKED = ("text", "kind", "value", "unit", "low", "high")


def _cases() -> list[Any]:
    data = tomllib.loads(CASES.read_text(encoding="utf-8"))
    assert set(data) == set(GROUPS), f"unknown groups in {CASES.name}: {set(data) - set(GROUPS)}"
    params = []
    for group in GROUPS:
        for k, case in enumerate(data[group]):
            marks = []
            if group == "xfail":
                marks.append(pytest.mark.xfail(strict=True, reason=case["reason"]))
            params.append(pytest.param(case, id=f"{group}-{k}", marks=marks))
    return params


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, int | float) and isinstance(got, int | float):
        return math.isclose(float(want), float(got), rel_tol=1e-9, abs_tol=1e-12)
    return bool(want == got)


@pytest.mark.parametrize("case", _cases())
def test_extract_case(case: dict[str, Any]) -> None:
    text = case["text"]
    claims = factcheck.extract(text)
    got = [c.text for c in claims]
    want = [w["text"] for w in case["claims"]]
    assert got == want, f"{text!r}: claims {got}, expected {want}"
    for w, c in zip(case["claims"], claims, strict=True):
        for field in _CHECKED:
            expected = w.get(field)
            actual = getattr(c, field)
            actual = actual.value if hasattr(actual, "value") and field == "kind" else actual
            assert _same(expected, actual), (
                f"{text!r} {c.text!r}: {field} {actual!r} != {expected!r}")
        if "hedge" in w:
            assert c.hedge == w["hedge"], f"{text!r} {c.text!r}: hedge {c.hedge!r}"
        assert text[c.start : c.end] == c.text
    if "malformed" in case:
        malformed = extract_mentions(text, load_lexicon()).malformed
        assert [text[a:b] for a, b in malformed] == case["malformed"]


def test_every_case_says_why() -> None:
    data = tomllib.loads(CASES.read_text(encoding="utf-8"))
    for group, key in (("bugs", "bug"), ("silent", "why"), ("xfail", "reason")):
        for case in data[group]:
            assert case.get(key), f"[[{group}]] {case['text']!r} needs `{key}`"
    texts = [c["text"] for g in GROUPS for c in data[g]]
    assert len(texts) == len(set(texts)), "duplicate case texts"

"""Table-driven extraction tests: ``tests/data/extract_cases.toml`` (syntax in its header) and
``tests/data/extract_news_cases.toml`` (issue 13: news wordings, same syntax)."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck.extractors import extract_mentions
from factcheck.lexicon import load_lexicon

DATA = Path(__file__).resolve().parent / "data"
CASE_FILES = (DATA / "extract_cases.toml", DATA / "extract_news_cases.toml")
GROUPS = ("developing", "bugs", "silent", "xfail")
_CHECKED = ("text", "kind", "value", "unit", "low", "high")


def _load(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= set(GROUPS), f"unknown groups in {path.name}: {set(data) - set(GROUPS)}"
    return {g: data.get(g, []) for g in GROUPS}


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        data = _load(path)
        prefix = "" if path == CASE_FILES[0] else "news-"
        for group in GROUPS:
            for k, case in enumerate(data[group]):
                marks = []
                if group == "xfail":
                    marks.append(pytest.mark.xfail(strict=True, reason=case["reason"]))
                params.append(pytest.param(case, id=f"{prefix}{group}-{k}", marks=marks))
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
                f"{text!r} {c.text!r}: {field} {actual!r} != {expected!r}"
            )
        if "hedge" in w:
            assert c.hedge == w["hedge"], f"{text!r} {c.text!r}: hedge {c.hedge!r}"
        if "per" in w:
            assert (c.per or "") == w["per"], f"{text!r} {c.text!r}: per {c.per!r}"
        assert text[c.start : c.end] == c.text
    if "malformed" in case:
        malformed = extract_mentions(text, load_lexicon()).malformed
        assert [text[a:b] for a, b in malformed] == case["malformed"]


def test_every_case_says_why() -> None:
    texts = []
    for path in CASE_FILES:
        data = _load(path)
        for group, key in (("bugs", "bug"), ("silent", "why"), ("xfail", "reason")):
            for case in data[group]:
                assert case.get(key), f"{path.name} [[{group}]] {case['text']!r} needs `{key}`"
        texts += [c["text"] for g in GROUPS for c in data[g]]
    dupes = sorted({t for t in texts if texts.count(t) > 1})
    assert not dupes, f"duplicate case texts: {dupes}"

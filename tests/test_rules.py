"""Table-driven rule tests: ``tests/rules/<family>.toml`` holds [[fire]] and [[silent]] cases.

A fire case lists the exact set of codes (warning and error; info too when the case sets
``info = true``) it must produce, so an extra finding fails it; ``fixed`` is the text with the
suggested fix applied (which must then be silent), ``no_fix`` says why no fix is offered. A
silent case must produce no finding at warning or above and says ``why``. Exchange rates come
from a fixed table.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from factcheck.api import CheckOptions, check_document
from factcheck.models import Document, Finding
from factcheck.rates import FixedRates

HERE = Path(__file__).resolve().parent / "rules"
RATES = {
    ("USD", "GBP"): 0.7075,
    ("USD", "EUR"): 0.8120,
    ("EUR", "GBP"): 0.8713,
    ("USD", "JPY"): 105.3,
    ("USD", "CAD"): 1.29,
    ("USD", "AUD"): 1.29,
    ("USD", "CHF"): 0.95,
    ("USD", "INR"): 65.0,
    ("USD", "CNY"): 6.32,
    ("GBP", "JPY"): 148.8,
    ("GBP", "INR"): 91.9,
    ("EUR", "JPY"): 129.7,
    ("EUR", "CHF"): 1.17,
    ("GBP", "CHF"): 1.343,
    ("GBP", "CAD"): 1.823,
    ("GBP", "AUD"): 1.823,
    ("EUR", "CAD"): 1.589,
    ("EUR", "AUD"): 1.589,
    ("GBP", "CNY"): 8.93,
    ("EUR", "CNY"): 7.78,
    ("EUR", "INR"): 80.0,
}


def fixed_rates() -> FixedRates:
    return FixedRates(RATES, on=dt.date(2018, 3, 22))


def _cases() -> list[Any]:
    params = []
    for path in sorted(HERE.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fire", "silent"):
            for i, case in enumerate(data.get(kind, [])):
                params.append(pytest.param(kind, case, id=f"{path.stem}-{kind}-{i}"))
    return params


def _findings(case: dict[str, Any]) -> list[Finding]:
    date = dt.date.fromisoformat(case["date"]) if case.get("date") else None
    options = CheckOptions(date=date, rates=fixed_rates)
    doc = Document(path="case.txt", source=case["text"], text=case["text"])
    result = check_document(doc, options)
    severities = {"warning", "error"} | ({"info"} if case.get("info") else set())
    return [f for f in result.findings if f.severity.value in severities]


def _codes(case: dict[str, Any]) -> list[str]:
    return sorted(f.code for f in _findings(case))


def _fixed(case: dict[str, Any]) -> list[str]:
    """The text with each finding's suggested replacement applied (one string per finding)."""
    text = case["text"]
    return [text[: f.suggestion.span[0]] + f.suggestion.replacement + text[f.suggestion.span[1] :]
            for f in _findings(case) if f.suggestion is not None]


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_rule_case(kind: str, case: dict[str, Any]) -> None:
    """A fire case may also give ``fixed``: the text once the finding's fix is applied (one
    finding with a fix), or ``no_fix``: why no finding offers one."""
    got = _codes(case)
    if kind == "fire":
        assert got == sorted(case["expect"]), case["text"]
        if "fixed" in case:
            assert _fixed(case) == [case["fixed"]], case["text"]
            assert _codes({**case, "text": case["fixed"]}) == [], "the fix is consistent"
        if "no_fix" in case:
            assert _fixed(case) == [], f"{case['text']!r} ({case['no_fix']})"
    else:
        assert case.get("why"), "a silent case says why it is silent"
        assert got == [], f"{case['text']!r} ({case['why']})"


def test_each_family_has_enough_cases_both_ways() -> None:
    for path in sorted(HERE.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        fire, silent = data.get("fire", []), data.get("silent", [])
        assert len(fire) + len(silent) >= 15, path.name
        assert len(fire) >= 6 and len(silent) >= 6, path.name

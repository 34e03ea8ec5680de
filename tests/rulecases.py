"""The per-rule case tables of ``tests/rules/*.toml`` and how a case is checked, shared by
``test_rules.py`` (each case as written) and ``test_metamorphic.py`` (each case rewritten).

A case is checked with a fixed table of exchange rates; its verdict is the sorted list of the
codes found at warning and above (info too when the case sets ``info = true``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

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


def rule_cases() -> list[tuple[str, str, dict[str, Any]]]:
    """Every case of every table as (id, "fire" or "silent", case), ids ``<family>-<kind>-<n>``."""
    out = []
    for path in sorted(HERE.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fire", "silent"):
            for i, case in enumerate(data.get(kind, [])):
                out.append((f"{path.stem}-{kind}-{i}", kind, case))
    return out


def findings(case: dict[str, Any]) -> list[Finding]:
    date = dt.date.fromisoformat(case["date"]) if case.get("date") else None
    options = CheckOptions(date=date, rates=fixed_rates)
    doc = Document(path="case.txt", source=case["text"], text=case["text"])
    result = check_document(doc, options)
    severities = {"warning", "error"} | ({"info"} if case.get("info") else set())
    return [f for f in result.findings if f.severity.value in severities]


def codes(case: dict[str, Any]) -> list[str]:
    """The verdict: the sorted codes of the case's findings."""
    return sorted(f.code for f in findings(case))

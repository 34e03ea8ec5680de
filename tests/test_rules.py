"""Table-driven rule tests: ``tests/rules/<family>.toml`` holds [[fire]] and [[silent]] cases.

A fire case lists the exact set of codes (warning and error; info too when the case sets
``info = true``) it must produce, so an extra finding fails it; ``fixed`` is the text with the
suggested fix applied (which must then be silent), ``no_fix`` says why no fix is offered. A
silent case must produce no finding at warning or above and says ``why``. Exchange rates come
from a fixed table.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from rulecases import HERE, codes, findings, rule_cases


def _cases() -> list[Any]:
    return [pytest.param(kind, case, id=name) for name, kind, case in rule_cases()]


def _fixed(case: dict[str, Any]) -> list[str]:
    """The text with each finding's suggested replacement applied (one string per finding)."""
    text = case["text"]
    return [
        text[: f.suggestion.span[0]] + f.suggestion.replacement + text[f.suggestion.span[1] :]
        for f in findings(case)
        if f.suggestion is not None
    ]


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_rule_case(kind: str, case: dict[str, Any]) -> None:
    """A fire case may also give ``fixed``: the text once the finding's fix is applied (one
    finding with a fix), or ``no_fix``: why no finding offers one."""
    got = codes(case)
    if kind == "fire":
        assert got == sorted(case["expect"]), case["text"]
        if "fixed" in case:
            assert _fixed(case) == [case["fixed"]], case["text"]
            assert codes({**case, "text": case["fixed"]}) == [], "the fix is consistent"
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

"""Meta-tests: the rule catalogue is complete, consistent and documented both ways."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import factcheck
from factcheck.checks import CATALOGUE
from factcheck.lexicon import default_rules_dir
from factcheck.ruleset import load_rules

RULES = load_rules()
RULE_FILES = sorted(default_rules_dir().glob("*.toml"))


def test_every_rule_file_loads_and_is_named_for_its_code() -> None:
    assert len(RULES) == len(RULE_FILES)
    for spec in RULES:
        assert Path(spec.path).name == f"{spec.code}-{spec.name}.toml"
        assert re.fullmatch(r"[A-Z]{3}\d{3}", spec.code)


def test_codes_and_names_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_registered_check_is_used() -> None:
    used = {r.check for r in RULES}
    assert used == set(CATALOGUE), f"unused checks: {set(CATALOGUE) - used}"


def test_every_rule_documents_both_ways() -> None:
    for r in RULES:
        assert any(e.expect for e in r.doc.examples), r.code
        assert any(not e.expect for e in r.doc.examples), r.code
        assert all(e.why for e in r.doc.examples if not e.expect), (
            f"{r.code}: silent case needs why"
        )
        assert r.doc.what and r.doc.why and r.doc.silence


def _doc_cases() -> list[tuple[str, int]]:
    return [(r.code, i) for r in RULES for i in range(len(r.doc.examples))]


@pytest.mark.parametrize(("code", "index"), _doc_cases())
def test_doc_examples_behave_as_documented(code: str, index: int) -> None:
    spec = next(r for r in RULES if r.code == code)
    ex = spec.doc.examples[index]
    fmt = "markdown" if "<!--" in ex.text else "text"
    report = factcheck.check(ex.full_text, date=ex.date, input_format=fmt)
    got = sorted({f.code for f in report.findings if f.code == code or f.code in ex.expect})
    assert got == sorted(ex.expect), f"{code} example {index}: {ex.text!r} gave {got}"


def test_rule_files_have_no_unknown_top_level_keys() -> None:
    allowed = {
        "code",
        "name",
        "check",
        "severity",
        "since",
        "summary",
        "message",
        "fix",
        "params",
        "doc",
    }
    for path in RULE_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= allowed, path.name

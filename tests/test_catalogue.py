"""Meta-tests: the rule catalogue is complete, consistent and documented both ways."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

import factcheck
from factcheck.checks import CATALOGUE, FAMILIES, RENAMED
from factcheck.lexicon import default_rules_dir
from factcheck.ruleset import RuleSpec, load_rules

RULES = load_rules()
RULE_FILES = sorted(default_rules_dir().glob("*.toml"))
PACKAGE = Path(factcheck.__file__).resolve().parent
TABLES = Path(__file__).resolve().parent / "rules"


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


# Rules whose inputs the case tables (short plain texts) cannot hold: suppression comments need
# Markdown or HTML, and the limits need thousands of figures. Each is proved by its rule file's
# doc examples (``repeat``) and by tests/test_engine_bounds.py.
NO_CASE_TABLE = {"NUM002", "NUM003", "SUP001", "SUP002"}


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.code)
def test_rule_is_named_for_its_family(spec: RuleSpec) -> None:
    """The code prefix names the family; the family names the module, the check and the table."""
    family = FAMILIES[spec.code[:3]]
    check = CATALOGUE[spec.check]
    module = sys.modules[check.func.__module__]
    assert Path(module.__file__ or "").resolve() == PACKAGE / "checks" / f"{family}.py"
    assert spec.check.startswith(f"{family}."), spec.check
    if spec.code in NO_CASE_TABLE:
        return
    table = tomllib.loads((TABLES / f"{family}.toml").read_text(encoding="utf-8"))
    assert any(spec.code in case["expect"] for case in table.get("fire", [])), "no fire case"
    assert table.get("silent"), "no silent case"


def test_every_case_table_is_a_family() -> None:
    assert {p.stem for p in TABLES.glob("*.toml")} <= set(FAMILIES.values())


def test_old_check_names_still_load_with_a_warning(tmp_path: Path) -> None:
    """A user's rule file naming a check by its name before the rename keeps working."""
    for old, new in RENAMED.items():
        assert new in CATALOGUE, new
        assert old not in CATALOGUE, old
    shipped = (default_rules_dir() / "SCL001-conversion-scale-slip.toml").read_text("utf-8")
    text = shipped.replace('code = "SCL001"', 'code = "XYZ001"').replace(
        'name = "conversion-scale-slip"', 'name = "house-scale-slip"'
    )
    text = text.replace('check = "scale.conversion_slip"', 'check = "currency.scale_slip"')
    text = text.replace('"SCL001"', '"XYZ001"')
    (tmp_path / "XYZ001-house-scale-slip.toml").write_text(text, encoding="utf-8")
    with pytest.warns(DeprecationWarning, match="'currency.scale_slip' is a deprecated name"):
        rules = load_rules([tmp_path])
    assert {r.code: r.check for r in rules}["XYZ001"] == "scale.conversion_slip"

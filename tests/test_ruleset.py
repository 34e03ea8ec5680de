"""Rule files and lexicons as data: user folders, overrides, selection, and every error path."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import ConfigError, RuleFileError
from factcheck.lexicon import load_lexicon
from factcheck.models import Severity
from factcheck.ruleset import Selection, effective_rules, load_rules, validate_codes

GOOD = '''
code = "XYZ001"
name = "house-conversion-check"
check = "currency.mismatch"
severity = "error"
since = "0.1.0"
summary = "House rule: conversions must be within 1%"
message = "{converted} vs {original}: expected {expected}"

[params]
slack = 0.01

[doc]
what = "w"
why = "y"
silence = "s"

[[doc.examples]]
text = "The deal is worth $100m (£50m)."
expect = ["XYZ001"]

[[doc.examples]]
text = "The deal is worth $100m (£70m)."
expect = []
why = "right"
'''


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_folder_adds_a_rule_reusing_a_check(tmp_path: Path) -> None:
    write(tmp_path, "XYZ001-house-conversion-check.toml", GOOD)
    rules = load_rules([tmp_path])
    codes = [r.code for r in rules]
    assert "XYZ001" in codes and "SCL001" in codes
    house = next(r for r in rules if r.code == "XYZ001")
    assert house.params == {"slack": 0.01}


def test_user_folder_overrides_a_shipped_rule(tmp_path: Path) -> None:
    text = GOOD.replace('code = "XYZ001"', 'code = "CUR003"').replace(
        'name = "house-conversion-check"', 'name = "conversion-mismatch"'
    ).replace('expect = ["XYZ001"]', 'expect = ["CUR003"]')
    write(tmp_path, "CUR003-conversion-mismatch.toml", text)
    rules = {r.code: r for r in load_rules([tmp_path])}
    assert rules["CUR003"].severity == Severity.ERROR  # shipped: warning
    assert rules["CUR003"].params == {"slack": 0.01}


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (lambda t: t.replace('severity = "error"', 'severity = "fatal"'), "[severity]"),
        (lambda t: 'colour = "red"\n' + t, "[colour] Extra inputs are not permitted"),
        (lambda t: t.replace('"currency.mismatch"', '"currency.nonsense"'),
         "[check] unknown check 'currency.nonsense'"),
        (lambda t: t.replace("slack = 0.01", "slak = 0.01"), "[params.slak]"),
        (lambda t: t.replace("slack = 0.01", "slack = 9"), "[params.slack]"),
        (lambda t: t.replace("expected {expected}", "expected {expectation}"),
         "[message] placeholder(s) expectation not provided"),
        (lambda t: t.replace('code = "XYZ001"', 'code = "XYZ1"'), "[code]"),
        (lambda t: t.replace('expect = []\nwhy = "right"', 'expect = ["XYZ001"]'),
         "one that stays silent"),
        (lambda t: t.replace("[params]", "[params"), "not valid TOML"),
    ],
)
def test_bad_rule_file_is_one_line_naming_file_and_key(
    tmp_path: Path, mutation: object, expected: str
) -> None:
    path = write(tmp_path, "XYZ001-house-conversion-check.toml", mutation(GOOD))  # type: ignore[operator]
    with pytest.raises(RuleFileError) as exc:
        load_rules([tmp_path])
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert expected in message


def test_file_name_must_match_code_and_name(tmp_path: Path) -> None:
    write(tmp_path, "XYZ001-other-name.toml", GOOD)
    with pytest.raises(RuleFileError,
                       match=r"\[file name\] expected XYZ001-house-conversion-check"):
        load_rules([tmp_path])


def test_name_clash_between_codes_is_an_error(tmp_path: Path) -> None:
    text = GOOD.replace('name = "house-conversion-check"', 'name = "conversion-scale-slip"')
    write(tmp_path, "XYZ001-conversion-scale-slip.toml", text)
    with pytest.raises(RuleFileError, match="already used by SCL001"):
        load_rules([tmp_path])


def test_missing_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="rules folder not found"):
        load_rules([tmp_path / "nope"])


def test_user_lexicon_extends_and_bad_lexicon_is_named(tmp_path: Path) -> None:
    write(tmp_path / "lexicon", "measures.toml",
          '[groups]\nusers = ["readers"]\n[not_measures]\nwords = ["whom"]\n')
    lex = load_lexicon([tmp_path])
    assert lex.same_measure("readers", "members")
    bad = tmp_path / "bad"
    write(bad / "lexicon", "hedges.toml", '[before]\n"about" = ["sideways", 0.1]\n')
    with pytest.raises(RuleFileError) as exc:
        load_lexicon([bad])
    assert "hedges.toml" in str(exc.value) and "[before.about" in str(exc.value)


@pytest.mark.parametrize(
    ("select", "ignore", "code", "enabled"),
    [
        (("ALL",), (), "SCL001", True),
        (("ALL",), ("SCL",), "SCL001", False),
        (("ALL",), ("SCL",), "CUR001", True),
        (("SCL",), (), "CUR001", False),
        (("SCL001",), ("SCL",), "SCL001", True),  # longest prefix wins
        (("SC",), ("SCL001",), "SCL001", False),
        (("ALL",), ("ALL",), "REP001", False),  # on a tie, ignore wins
    ],
)
def test_selection_longest_prefix_wins(
    select: tuple[str, ...], ignore: tuple[str, ...], code: str, enabled: bool
) -> None:
    assert Selection(select=select, ignore=ignore).enabled(code) is enabled


def test_overrides_change_severity_and_params() -> None:
    sel = Selection(severity={"REP001": Severity.ERROR}, params={"REP001": {"tolerance": 0.1}})
    rules = {r.code: r for r in effective_rules(load_rules(), sel)}
    assert rules["REP001"].severity == Severity.ERROR
    assert rules["REP001"].params["tolerance"] == 0.1


def test_bad_param_override_is_named() -> None:
    sel = Selection(params={"REP001": {"tolerance": "lots"}})
    with pytest.raises(RuleFileError, match=r"\[params.tolerance\]"):
        effective_rules(load_rules(), sel)


def test_unknown_code_in_selection() -> None:
    with pytest.raises(ConfigError, match="unknown rule code or prefix 'QQQ'"):
        validate_codes(["QQQ"], [r.code for r in load_rules()], "--select")

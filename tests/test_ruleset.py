"""Rule files and lexicons as data: user folders, overrides, selection, and every error path."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import ConfigError, RuleFileError
from factcheck.lexicon import load_lexicon
from factcheck.models import Severity
from factcheck.ruleset import Selection, effective_rules, load_rules, validate_codes

GOOD = """
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
"""


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
    text = (
        GOOD.replace('code = "XYZ001"', 'code = "CUR003"')
        .replace('name = "house-conversion-check"', 'name = "conversion-mismatch"')
        .replace('expect = ["XYZ001"]', 'expect = ["CUR003"]')
    )
    write(tmp_path, "CUR003-conversion-mismatch.toml", text)
    rules = {r.code: r for r in load_rules([tmp_path])}
    assert rules["CUR003"].severity == Severity.ERROR  # shipped: warning
    assert rules["CUR003"].params == {"slack": 0.01}


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (lambda t: t.replace('severity = "error"', 'severity = "fatal"'), "[severity]"),
        (lambda t: 'colour = "red"\n' + t, "[colour] Extra inputs are not permitted"),
        (
            lambda t: t.replace('"currency.mismatch"', '"currency.nonsense"'),
            "[check] unknown check 'currency.nonsense'",
        ),
        (lambda t: t.replace("slack = 0.01", "slak = 0.01"), "[params.slak]"),
        (lambda t: t.replace("slack = 0.01", "slack = 9"), "[params.slack]"),
        (
            lambda t: t.replace("expected {expected}", "expected {expectation}"),
            "[message] placeholder(s) expectation not provided",
        ),
        (lambda t: t.replace('code = "XYZ001"', 'code = "XYZ1"'), "[code]"),
        (
            lambda t: t.replace('expect = []\nwhy = "right"', 'expect = ["XYZ001"]'),
            "one that stays silent",
        ),
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
    with pytest.raises(
        RuleFileError, match=r"\[file name\] expected XYZ001-house-conversion-check"
    ):
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
    write(
        tmp_path / "lexicon",
        "measures.toml",
        '[groups]\nusers = ["readers"]\n[not_measures]\nwords = ["whom"]\n',
    )
    lex = load_lexicon([tmp_path])
    assert lex.same_measure("readers", "members")
    bad = tmp_path / "bad"
    write(bad / "lexicon", "hedges.toml", '[before]\n"about" = ["sideways", 0.1]\n')
    with pytest.raises(RuleFileError) as exc:
        load_lexicon([bad])
    assert "hedges.toml" in str(exc.value) and "[before.about" in str(exc.value)


# --- lexicon entries are words, validated like rule files (issue 16, item 10) -----------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "changes.toml",
            '[separable]\n"wiped" = "("\n',
            "[separable.wiped] expected one word (letters, with ' or - inside), got '('",
        ),
        (
            "changes.toml",
            '[separable]\n"wiped" = "(a|a)*c"\n',
            "[separable.wiped] expected one word (letters, with ' or - inside), got '(a|a)*c'",
        ),
        (
            "changes.toml",
            '[direction]\nup = ["soared", "", "rose"]\n',
            "[direction.up.1] expected a word or phrase",
        ),
        (
            "changes.toml",
            '[direction]\nup = ["soared", " rose"]\n',
            "[direction.up.1] expected a word or phrase",
        ),
        (
            "changes.toml",
            '[direction]\nup = ["so\\u0000ared"]\n',
            "[direction.up.0] expected a word or phrase",
        ),
        (
            "changes.toml",
            '[direction]\nup = ["' + "a" * 61 + '"]\n',
            "[direction.up.0] expected a word or phrase (at most 60 characters",
        ),
        (
            "changes.toml",
            '[growth]\n"trebled" = nan\n',
            "[growth.trebled] expected a finite number",
        ),
        (
            "changes.toml",
            '[separable]\n" lop" = "off"\n',
            "[separable] key ' lop': expected a word or phrase",
        ),
        ("changes.toml", '[direction]\nupp = ["soared"]\n', "[direction] unknown key 'upp'"),
        (
            "currencies.toml",
            '[words]\n"quid" = "pound"\n',
            "[words.quid] expected an ISO currency code (three capital letters), got 'pound'",
        ),
        (
            "hints.toml",
            '[currency]\nusd = ["yankee"]\n',
            "[currency] key 'usd': expected an ISO currency code",
        ),
        ("changes.toml", "[separable\n", "not valid TOML: line 1, column 11:"),
        (
            "changes.toml",
            b'[separable]\n"wiped" = "\xff"\n',
            "not valid UTF-8 (byte 0xff at line 2)",
        ),
        (
            "changes.toml",
            "x = " + "[" * 100_000 + "]" * 100_000,
            "not valid TOML: line 1: arrays or tables nested too deeply",
        ),
        (
            "chnages.toml",
            '[separable]\n"wiped" = "off"\n',
            "[file name] not a lexicon file; expected one of hints.toml, numbers.toml",
        ),
    ],
)
def test_a_bad_user_lexicon_is_one_line_naming_its_file_and_key(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = tmp_path / "lexicon" / name
    path.parent.mkdir()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_lexicon([tmp_path])
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"{path}: "), message  # the user's file
    assert expected in message, message


def test_user_lexicon_words_with_symbols_and_phrases_load(tmp_path: Path) -> None:
    write(
        tmp_path / "lexicon",
        "changes.toml",
        '[separable]\n"chopped" = "off"\n"knock-down" = "to-day"\n'
        '[direction]\nup = ["shot up", "ballooned…", "C$-hedged"]\n',
    )
    write(tmp_path / "lexicon", "hints.toml", '[currency]\nCAD = ["C$", "Québec"]\n')
    lex = load_lexicon([tmp_path])
    assert lex.separable["chopped"] == "off" and "shot up" in lex.up_words
    assert "québec" in lex.currency_hints["CAD"]


def test_a_user_lexicon_replaces_a_pair_and_appends_to_a_word_list(tmp_path: Path) -> None:
    write(tmp_path / "lexicon", "hedges.toml", '[before]\n"about" = ["approx", 0.2]\n')
    write(tmp_path / "lexicon", "changes.toml", '[direction]\nup = ["ballooned"]\n')
    lex = load_lexicon([tmp_path])
    assert lex.hedges_before["about"] == ("approx", 0.2)
    assert {"ballooned", "rose"} <= lex.up_words


def test_a_separable_particle_is_matched_as_written() -> None:
    from factcheck.extractors.context import _particle

    assert _particle("off", True).match("  off the value")
    assert _particle("o.f", True).match(" off") is None  # "." is a full stop, not any character
    assert _particle("o.f", False).search("it fell o.f a cliff")


def test_a_user_particle_reads_a_separable_verb(tmp_path: Path) -> None:
    import factcheck

    write(
        tmp_path / "lexicon",
        "changes.toml",
        '[direction]\ndown = ["chopped"]\n[separable]\n"chopped" = "off"\n',
    )
    text = "It chopped $5bn off the price, which fell to $20bn from $25bn."
    claims = {c.text: c for c in factcheck.extract(text)}
    assert claims["$5bn"].direction is None  # the shipped lexicon does not know "chopped"
    report = factcheck.check(text, rule_dirs=[tmp_path])
    (claim,) = [c for c in report.claims if c.text == "$5bn"]
    assert claim.direction == "down"


def test_a_bad_user_lexicon_stops_the_command_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.cli import main

    write(tmp_path / "rules" / "lexicon", "changes.toml", '[separable]\n"wiped" = "("\n')
    article = write(tmp_path, "a.txt", "Shares fell, wiping $5bn off its value.\n")
    status = main(["--rule-dir", str(tmp_path / "rules"), str(article)])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "internal error" not in err
    assert "lexicon/changes.toml: [separable.wiped] expected one word" in err


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

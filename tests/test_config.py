"""Configuration files: discovery (nearest wins), every key, overrides, and every error path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.config import ConfigTable, Overrides, Resolver, find_config

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def codes(out: str) -> list[str]:
    """The rule codes of a concise report, in order."""
    return [line.split(": ")[1].split()[0] for line in out.splitlines() if ": " in line]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom repository: the seed article at the root and in a subfolder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "copy"\n')  # no table: passed over
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "desk").mkdir()
    shutil.copy(SEED, tmp_path / "desk" / "seed.txt")
    (tmp_path / "factcheck.toml").write_text("")
    return tmp_path


SEED_CODES = ["SCL001", "SCL001", "GRW002", "REP001"]


def test_defaults_without_configuration(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    status, out, _ = run(capsys, "seed.txt", "-f", "concise")
    assert status == 1 and sorted(codes(out)) == sorted(SEED_CODES)


def test_pyproject_table(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").unlink()
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "copy"\n\n[tool.factcheck]\nignore = ["SCL"]\n'
    )
    _, out, _ = run(capsys, "seed.txt")
    assert "SCL001" not in codes(out) and codes(out)


def test_factcheck_toml_beats_pyproject_in_the_same_folder(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "pyproject.toml").write_text('[tool.factcheck]\nignore = ["SCL"]\n')
    (repo / "factcheck.toml").write_text('ignore = ["REP", "GRW"]\n')
    _, out, _ = run(capsys, "seed.txt")
    assert codes(out) == ["SCL001", "SCL001"]
    assert find_config(repo) == repo / "factcheck.toml"


def test_the_nearest_file_wins_for_each_input(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "factcheck.toml").write_text('ignore = ["SCL"]\n')
    (repo / "desk" / "pyproject.toml").write_text('[tool.factcheck]\nselect = ["SCL"]\n')
    _, out, _ = run(capsys, "seed.txt", "desk")
    lines = out.splitlines()
    assert {line.split(":")[0] for line in lines if "SCL001" in line} == {"desk/seed.txt"}
    assert {line.split(":")[0] for line in lines if "SCL001" not in line} == {"seed.txt"}


def test_command_line_select_starts_over(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").write_text('ignore = ["SCL"]\n')
    _, out, _ = run(capsys, "seed.txt", "--select", "SCL001")
    assert codes(out) == ["SCL001", "SCL001"]
    _, out, _ = run(capsys, "seed.txt", "--extend-ignore", "REP")
    assert codes(out) == ["GRW002"]


def test_isolated_and_explicit_config(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").write_text('ignore = ["SCL", "REP", "GRW"]\n')
    assert run(capsys, "seed.txt")[0] == 0
    assert run(capsys, "seed.txt", "--isolated")[0] == 1
    (repo / "strict.toml").write_text('select = ["REP"]\n')
    _, out, _ = run(capsys, "seed.txt", "--config", "strict.toml")
    assert codes(out) == ["REP001"]


def test_per_file_ignores(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").write_text('[per-file-ignores]\n"desk/*.txt" = ["SCL001", "GRW"]\n')
    _, out, _ = run(capsys, "seed.txt", "desk/seed.txt")
    by_file: dict[str, list[str]] = {}
    for line in out.splitlines():
        by_file.setdefault(line.split(":")[0], []).append(line.split(": ")[1].split()[0])
    assert sorted(by_file["seed.txt"]) == sorted(SEED_CODES)
    assert by_file["desk/seed.txt"] == ["REP001"]


def test_severity_and_params_overrides(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").write_text(
        '[rules.REP001]\nseverity = "error"\n[rules.SCL001]\nseverity = "info"\nslack = 0.05\n'
    )
    _, out, _ = run(capsys, "seed.txt")
    assert codes(out) == ["GRW002", "REP001"]  # SCL001 is info now: below the default warning
    assert "REP001 [error]" in out
    _, out, _ = run(capsys, "seed.txt", "--min-severity", "info", "-f", "json")
    scl = [f for f in json.loads(out)["files"][0]["findings"] if f["code"] == "SCL001"]
    assert [f["severity"] for f in scl] == ["info", "info"]


def test_min_severity_fail_on_and_output_format(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "factcheck.toml").write_text(
        'min-severity = "error"\nfail-on = "never"\noutput-format = "json"\n'
    )
    status, out, _ = run(capsys, "seed.txt")
    report = json.loads(out)
    assert status == 0
    assert {f["severity"] for f in report["files"][0]["findings"]} == {"error"}
    status, out, _ = run(capsys, "seed.txt", "--fail-on", "error", "-f", "concise")
    assert status == 1 and codes(out) == ["SCL001", "SCL001"]


def test_exclude_in_configuration(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").write_text('extend-exclude = ["desk/"]\n')
    _, out, _ = run(capsys, ".")
    assert {line.split(":")[0] for line in out.splitlines()} == {"seed.txt"}


RULE = """\
code = "XYZ001"
name = "house-scale-slip"
check = "scale.conversion_slip"
severity = "warning"
since = "0.1.0"
summary = "Our own wording of the scale-slip rule"
message = "Check the scale: {converted} against {original}"
[params]
slack = 0.1
[doc]
what = "As SCL001, in the house style."
why = "Readers quote the wrong figure."
silence = "Add XYZ001 to ignore."
[[doc.examples]]
text = "It lost $50billion (£35m)."
date = "2018-03-22"
expect = ["XYZ001"]
[[doc.examples]]
text = "It lost $50billion (£35bn)."
date = "2018-03-22"
expect = []
"""


def test_rule_dirs_are_relative_to_the_configuration_file(
    capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "house-rules").mkdir()
    (repo / "house-rules" / "XYZ001-house-scale-slip.toml").write_text(RULE)
    (repo / "factcheck.toml").write_text('rule-dirs = ["house-rules"]\nselect = ["XYZ"]\n')
    monkeypatch.chdir(repo / "desk")
    _, out, _ = run(capsys, "seed.txt")
    assert codes(out) == ["XYZ001", "XYZ001"]
    assert "Check the scale: £35m against $50billion" in out
    _, out, _ = run(capsys, "rule", "XYZ001")
    assert "# XYZ001 house-scale-slip" in out


@pytest.mark.parametrize(
    "content, needle",
    [
        ('extend-selct = ["SCL"]\n', "unknown key 'extend-selct'"),
        ('select = "SCL"\n', "[select] Input should be a valid list"),
        ('select = ["XYZ"]\n', "[select]: unknown rule code or prefix 'XYZ'"),
        ('[per-file-ignores]\n"*.txt" = ["NOPE1"]\n', "unknown rule code or prefix 'NOPE1'"),
        ('min-severity = "fatal"\n', "[min-severity]"),
        ('fail-on = "sometimes"\n', "[fail-on]"),
        ('output-format = "pdf"\n', "unknown output format 'pdf'"),
        ('rule-dirs = ["missing-folder"]\n', "rules folder not found"),
        ("[rules.SCL001]\nslak = 0.1\n", "[rules.SCL001.slak] unknown option 'slak' for SCL001"),
        ('[rules.SCL001]\nslack = "lots"\n', "[rules.SCL001.slack]"),
        ('[rules.SCL001]\nseverity = "fatal"\n', "[rules.SCL001.severity]"),
        ('[rules.XYZ999]\nseverity = "error"\n', "unknown rule code 'XYZ999'"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_configuration_errors_are_one_line_naming_file_and_key(
    capsys: pytest.CaptureFixture[str], repo: Path, content: str, needle: str
) -> None:
    (repo / "factcheck.toml").write_text(content)
    status, out, err = run(capsys, "seed.txt")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("factcheck: error: factcheck.toml: ")
    assert needle in err


def test_pyproject_errors_name_the_table(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").unlink()
    (repo / "pyproject.toml").write_text(
        '[tool.factcheck]\nignore = ["SCL"]\ncolour = true\n'
        "[tool.factcheck.rules.SCL001]\nslack = 0.1\n"
    )
    status, _, err = run(capsys, "seed.txt")
    assert status == 2
    assert err == ("factcheck: error: pyproject.toml: unknown key 'colour' in [tool.factcheck]\n")


# --- files that cannot be parsed (issue 15, item 2; issue 16, item 11) ------------------------


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        (
            "pyproject.toml",
            b'[project]\nname = "copy"\n[tool.factcheck\nignore = ["SCL"]\n',
            "pyproject.toml: not valid TOML: line 3, column 16: Expected ']' at the end of a table",
        ),
        (
            "pyproject.toml",
            b'[tool.factcheck]\nignore = ["SCL"\n',
            "pyproject.toml: not valid TOML: at the end: Unclosed array",
        ),
        (
            "pyproject.toml",
            b'[tool.factcheck]\nignore = ["\xff"]\n',
            "pyproject.toml: not valid UTF-8 (byte 0xff at line 2)",
        ),
        (
            "factcheck.toml",
            b'ignore = ["SCL"]\nsummary = "caf\xe9"\n',
            "factcheck.toml: not valid UTF-8 (byte 0xe9 at line 2)",
        ),
        (
            "factcheck.toml",
            b"ignore = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
            "factcheck.toml: not valid TOML: line 1: arrays or tables nested too deeply",
        ),
        (
            "factcheck.toml",
            b"x = " + b"{a = " * 50_000 + b"1" + b"}" * 50_000 + b"\n",
            "factcheck.toml: not valid TOML: line 1: arrays or tables nested too deeply",
        ),
        (
            "factcheck.toml",
            b'ignore = ["SCL"]\nignore = ["REP"]\n',
            "factcheck.toml: not valid TOML: line 2, column 17: Cannot overwrite a value",
        ),
    ],
)
def test_a_file_that_cannot_be_parsed_is_an_error_naming_file_line_and_problem(
    capsys: pytest.CaptureFixture[str], repo: Path, name: str, content: bytes, needle: str
) -> None:
    (repo / "factcheck.toml").unlink()
    (repo / name).write_bytes(content)
    status, out, err = run(capsys, "seed.txt")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"factcheck: error: {needle}"), err
    status, _, err = run(capsys, "config", "seed.txt")  # the config command says the same
    assert status == 2 and needle in err


def test_a_broken_pyproject_that_never_names_factcheck_is_passed_over(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "factcheck.toml").unlink()
    (repo / "pyproject.toml").write_text('[project]\nname = "copy"\n[tool.black\n')
    status, out, err = run(capsys, "seed.txt", "-f", "concise")
    assert status == 1 and sorted(codes(out)) == sorted(SEED_CODES) and err == ""


def test_a_broken_pyproject_above_a_good_factcheck_toml_is_not_read(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "pyproject.toml").write_text("[tool.factcheck\n")
    (repo / "desk" / "factcheck.toml").write_text('ignore = ["SCL"]\n')
    status, out, _ = run(capsys, "desk/seed.txt", "-f", "concise")
    assert status == 1 and "SCL001" not in codes(out)  # the nearest file is the whole story


def test_a_broken_explicit_config_is_an_error(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (repo / "house.toml").write_bytes(b"select = [\x00]\n")
    status, _, err = run(capsys, "seed.txt", "--config", "house.toml")
    assert status == 2 and err.startswith("factcheck: error: house.toml: not valid TOML: line 1")


def test_every_documented_key_is_accepted() -> None:
    table = ConfigTable.model_validate(
        {
            "select": ["ALL"],
            "extend-select": ["SCL"],
            "ignore": ["CUR003"],
            "extend-ignore": [],
            "per-file-ignores": {"a/*": ["SCL"]},
            "min-severity": "info",
            "fail-on": "never",
            "output-format": "json",
            "exclude": ["x/"],
            "extend-exclude": ["y/"],
            "respect-gitignore": False,
            "rule-dirs": [],
            "skip-blockquotes": True,
            "rules": {"SCL001": {"severity": "error", "slack": 0.1}},
        }
    )
    assert table.skip_blockquotes and table.per_file_ignores == {"a/*": ["SCL"]}
    with pytest.raises(ValueError):
        ConfigTable.model_validate({"skip_blockquotes": True})  # kebab-case only


def test_skip_blockquotes(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "quote.md").write_text("# Quote\n\n> It lost $50billion (£35m), he said.\n")
    assert run(capsys, "quote.md", "--date", "2018-03-22")[0] == 1
    (repo / "factcheck.toml").write_text("skip-blockquotes = true\n")
    assert run(capsys, "quote.md", "--date", "2018-03-22")[0] == 0
    assert run(capsys, "quote.md", "--date", "2018-03-22", "--no-skip-blockquotes")[0] == 1


def test_config_command(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    (repo / "factcheck.toml").write_text('ignore = ["GRW"]\n[rules.SCL001]\nslack = 0.05\n')
    status, out, _ = run(capsys, "config", "desk/seed.txt")
    assert status == 0
    assert "# from factcheck.toml" in out and 'ignore = ["GRW"]' in out
    assert "[rules.SCL001]  # conversion-scale-slip" in out and "slack = 0.05" in out
    assert "GRW002" in out.split("# switched off:")[1]
    status, out, _ = run(capsys, "config", "--json", "--select", "SCL")
    data = json.loads(out)
    assert data["config-file"] == "factcheck.toml" and list(data["rules"]) == ["SCL001"]


def test_resolver_caches_per_folder(repo: Path) -> None:
    resolver = Resolver(Overrides())
    assert resolver.for_file("desk/seed.txt") is resolver.for_dir(repo)

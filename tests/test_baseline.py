"""Baselines: record the findings a newsroom accepts, then show only new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.baseline import normalise
from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"
NEW_SLIP = "\nThe fine came to $10billion (£7m), the regulator said.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text("")
    (tmp_path / "articles").mkdir()
    return Path(shutil.copy(SEED, tmp_path / "articles" / "seed.txt"))


def test_write_then_use_a_baseline(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    status, out, err = run(capsys, "articles", "--write-baseline", "baseline.json")
    assert (status, out) == (0, "")
    doc = json.loads(Path("baseline.json").read_text())
    assert doc["version"] == 1
    recorded = sum(e["count"] for e in doc["findings"])  # info findings too, though not shown
    assert recorded >= 4 and f"recorded {recorded} finding(s) in baseline.json" in err
    assert {
        "path": "articles/seed.txt",
        "code": "SCL001",
        "claims": ["£35m", "$50billion"],
        "count": 1,
    } in doc["findings"]
    status, out, err = run(capsys, "articles", "--baseline", "baseline.json")
    assert (status, out) == (0, "") and "4 finding(s) hidden by the baseline" in err


def test_edits_elsewhere_do_not_resurface_old_findings(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    run(capsys, "articles", "--write-baseline", "baseline.json")
    text = article.read_text()
    article.write_text(
        "UPDATED: this story has been corrected.\n\n\n"
        + text.replace("Banking giant Nordea", "The Nordic banking giant Nordea")
    )
    assert run(capsys, "articles", "--baseline", "baseline.json")[:2] == (0, "")


def test_a_new_finding_is_shown(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    run(capsys, "articles", "--write-baseline", "baseline.json")
    article.write_text(article.read_text() + NEW_SLIP)
    status, out, _ = run(capsys, "articles", "--baseline", "baseline.json", "-f", "concise")
    assert status == 1
    assert len(out.splitlines()) == 1 and "£7m does not match $10billion" in out


def test_counts_matter(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    """The same finding twice in a file, with one recorded: the second one is new."""
    article.write_text("The fine came to $10billion (£7m).\n")
    run(capsys, "articles", "--write-baseline", "baseline.json", "--date", "2018-03-22")
    article.write_text("The fine came to $10billion (£7m).\n\nAgain: $10billion (£7m).\n")
    status, out, _ = run(capsys, "articles", "--baseline", "baseline.json", "--date", "2018-03-22")
    assert status == 1 and len(out.splitlines()) == 1 and ":3:" in out


def test_the_baseline_works_from_another_folder(
    capsys: pytest.CaptureFixture[str], article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "articles", "--write-baseline", "baseline.json")
    monkeypatch.chdir(article.parent)
    assert run(capsys, "seed.txt", "--baseline", "../baseline.json")[:2] == (0, "")


def test_another_file_with_the_same_findings_is_new(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    run(capsys, "articles", "--write-baseline", "baseline.json")
    shutil.copy(article, article.parent / "copy.txt")
    status, out, _ = run(capsys, "articles", "--baseline", "baseline.json")
    assert status == 1 and {line.split(":")[0] for line in out.splitlines()} == {
        "articles/copy.txt"
    }


@pytest.mark.parametrize(
    "content, needle",
    [
        (None, "baseline file not found"),
        ("{", "invalid JSON"),
        ('{"version": 7, "findings": []}', "not a factcheck baseline"),
        ('{"version": 1, "findings": [{"path": "a.txt"}]}', "[findings.0]"),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], article: Path, content: str | None, needle: str
) -> None:
    if content is not None:
        Path("baseline.json").write_text(content)
    status, out, err = run(capsys, "articles", "--baseline", "baseline.json")
    assert status == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("factcheck: error: baseline.json: ") and needle in err


def test_normalise() -> None:
    assert normalise("  About\u00a0$46  billion ") == "about $46 billion"
    assert normalise("‘tens of thousands’") == "'tens of thousands'"
    assert normalise("£35M") == normalise("£35m")

"""The command line: exit statuses, formats, inputs, discovery, subcommands.

The CLI runs in-process through ``main(argv)``; a few tests start a real process where only a
process shows the behaviour (the installed entry point, stdin from a pipe).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck import __version__
from factcheck.cli import FORMAT_NAMES, main
from factcheck.config import Resolver
from factcheck.discover import discover

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"
CLEAN = "The club paid £10m for the striker, its biggest signing since 2012.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("factcheck: error:")]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder with no configuration above it that matters."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text("")  # stops the search for configuration here
    return tmp_path


@pytest.fixture
def seed(work: Path) -> Path:
    return Path(shutil.copy(SEED, work / "seed.txt")).relative_to(work)


@pytest.fixture
def clean(work: Path) -> Path:
    (work / "clean.txt").write_text(CLEAN)
    return Path("clean.txt")


# -- exit status (issue 5, acceptance 2) ------------------------------------------------------


def test_clean_file_exits_0(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    status, out, err = run(capsys, clean)
    assert (status, out, err) == (0, "", "")


def test_seed_exits_1(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    status, out, _ = run(capsys, seed)
    assert status == 1
    assert f"{seed}:8:179: SCL001 [error]" in out


@pytest.mark.parametrize(
    "flags", [["--fail-on", "never"], ["--exit-zero"], ["--ignore", "SCL,REP,GRW"]]
)
def test_seed_exits_0_with(
    capsys: pytest.CaptureFixture[str], seed: Path, flags: list[str]
) -> None:
    assert run(capsys, seed, *flags)[0] == 0


def test_fail_on_and_min_severity(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    status, out, _ = run(capsys, seed, "--min-severity", "error")
    assert status == 1 and "[warning]" not in out and "[error]" in out
    # warnings are shown but only errors fail: ignore the errors and the exit is 0
    status, out, _ = run(capsys, seed, "--fail-on", "error", "--ignore", "SCL")
    assert status == 0 and "[warning]" in out
    status, out, _ = run(capsys, seed, "--min-severity", "error", "--ignore", "SCL")
    assert (status, out) == (0, "")


def test_unreadable_inputs_exit_2_after_the_good_files(
    capsys: pytest.CaptureFixture[str], work: Path, seed: Path, clean: Path
) -> None:
    binaries = work / "binaries"
    binaries.mkdir()
    (binaries / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (binaries / "archive.md").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    (work / "empty.txt").write_bytes(b"")
    with open(work / "huge.txt", "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    (work / "latin1.txt").write_bytes("Le café coûte 5 euros.".encode("latin-1"))
    bad = ["missing.txt", "binaries", "empty.txt", "huge.txt", "latin1.txt"]
    status, out, err = run(
        capsys,
        "missing.txt",
        seed,
        "binaries",
        "empty.txt",
        clean,
        "huge.txt",
        "latin1.txt",
        "-f",
        "concise",
    )
    assert status == 2
    assert f"{seed}:8:179: SCL001" in out  # the good file beside them is still reported
    lines = error_lines(err)
    assert len(lines) == 6  # one line per unreadable file, nothing else
    for name, problem in [
        ("missing.txt", "no such file"),
        ("photo.txt", "binary"),
        ("archive.md", "binary"),
        ("empty.txt", "empty"),
        ("huge.txt", "52,428,800 bytes"),
        ("latin1.txt", "UTF-8"),
    ]:
        assert any(name in line and problem in line for line in lines), (name, lines)
    assert "--max-bytes" in next(line for line in lines if "huge.txt" in line)
    assert bad  # every kind of bad input named in the acceptance test is here


def test_unreadable_input_is_2_even_with_exit_zero(
    capsys: pytest.CaptureFixture[str], seed: Path
) -> None:
    assert run(capsys, seed, "missing.txt", "--exit-zero")[0] == 2


def test_output_file_never_changes_the_status(
    capsys: pytest.CaptureFixture[str], seed: Path, work: Path
) -> None:
    status, out, _ = run(capsys, seed, "-f", "json", "-o", "report.json")
    assert (status, out) == (1, "")
    report = json.loads((work / "report.json").read_text())
    assert report["version"] == 1 and report["summary"]["findings"]["error"] == 2


# -- usage errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, needle",
    [
        ([], "no path given"),
        (["--date", "2018-02-30", "x.txt"], "--date"),
        (["--date", "22/03/2018", "x.txt"], "YYYY-MM-DD"),
        (["--select", "XYZ", "x.txt"], "XYZ"),
        (["--min-severity", "fatal", "x.txt"], "--min-severity"),
        (["--max-bytes", "lots", "x.txt"], "--max-bytes"),
        (["--jobs", "-1", "x.txt"], "--jobs"),
        (["--no-such-flag", "x.txt"], "--no-such-flag"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], work: Path, argv: list[str], needle: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert needle in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"factcheck {__version__}\n", "")


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0 and all(c in out for c in ("check", "rule", "config", "archive"))
    status, out, _ = run(capsys, "check", "--help")
    assert status == 0 and "--fail-on" in out and "exit status" in out


def test_format_names_match_the_reporters() -> None:
    from factcheck.reporters import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES


# -- output -----------------------------------------------------------------------------------


def test_check_is_the_default_command(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    assert run(capsys, seed, "-f", "concise") == run(capsys, "check", seed, "-f", "concise")


def test_default_format_off_a_terminal_is_concise(
    capsys: pytest.CaptureFixture[str], seed: Path
) -> None:
    _, out, _ = run(capsys, seed)
    assert out.splitlines()[0].startswith(f"{seed}:8:179: SCL001 [error] £35m does not match")


def test_default_format_on_a_terminal_is_full(seed: Path) -> None:
    from factcheck.checkrun import CheckRequest, execute

    assert execute(CheckRequest(paths=[str(seed)], terminal=True, statistics=True)).fmt == "full"
    assert execute(CheckRequest(paths=[str(seed)], statistics=True)).fmt == "concise"


def test_json_report(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    status, out, _ = run(capsys, seed, "-f", "json", "--date", "2018-03-22")
    assert status == 1
    report = json.loads(out)
    (entry,) = report["files"]
    assert entry["date"] == {"value": "2018-03-22", "source": "option", "text": None}
    scl = [f for f in entry["findings"] if f["code"] == "SCL001"]
    assert [f["suggestion"]["replacement"] for f in scl] == ["£35bn", "£3.5bn"]
    assert "2018-03-22" in scl[0]["message"]


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_every_format_renders_or_says_why_not(
    capsys: pytest.CaptureFixture[str], seed: Path, fmt: str
) -> None:
    status, out, err = run(capsys, seed, "-f", fmt)
    if status == 2:  # a reporter not written yet: one clear line, nothing else
        assert error_lines(err) == [
            f"factcheck: error: --output-format: the {fmt!r} format is "
            "not available in this installation"
        ]
    else:
        assert status == 1 and "35" in out


def test_statistics(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    status, out, _ = run(capsys, seed, "--statistics")
    assert status == 1
    assert out.splitlines()[0].split() == ["2", "SCL001", "conversion-scale-slip", "[error]"]
    _, out, _ = run(capsys, seed, "--statistics", "-f", "json")
    assert json.loads(out)[0] == {
        "code": "SCL001",
        "name": "conversion-scale-slip",
        "severity": "error",
        "count": 2,
    }


def test_diff_suggests_and_never_modifies(
    capsys: pytest.CaptureFixture[str], seed: Path, work: Path
) -> None:
    before = (work / seed).read_bytes()
    status, out, _ = run(capsys, seed, "--diff")
    assert status == 1
    assert out.startswith(f"--- a/{seed}\n+++ b/{seed}\n")
    minus = [line for line in out.splitlines() if line.startswith("-") and "£35m" in line]
    plus = [line for line in out.splitlines() if line.startswith("+") and "£35bn" in line]
    assert len(minus) == len(plus) == 1 and "(£3.5bn)" in plus[0]
    assert (work / seed).read_bytes() == before
    if shutil.which("patch"):  # the diff applies as it is
        patched = subprocess.run(
            ["patch", "-p1", "--dry-run", "-s"],
            input=out,
            text=True,
            capture_output=True,
            cwd=work,
            check=False,
        )
        assert patched.returncode == 0, patched.stderr


def test_quiet_and_verbose(capsys: pytest.CaptureFixture[str], seed: Path, work: Path) -> None:
    (work / "nothing").mkdir()
    _, _, err = run(capsys, seed, "nothing", "-q")
    assert err == ""
    _, _, err = run(capsys, seed, "nothing")
    assert "nothing: no article files found" in err
    _, _, err = run(capsys, seed, "-v", "--date", "2018-03-22")
    assert f"{seed}: text," in err and "date 2018-03-22 (option)" in err and "ECB" in err


def test_verbose_counts_every_claim_found(
    capsys: pytest.CaptureFixture[str], seed: Path, clean: Path
) -> None:
    """-v counts the claims found, not those concise mode keeps (the ones in findings)."""
    _, out, _ = run(capsys, seed, clean, "-f", "json")
    found = {f["path"]: len(f["claims"]) for f in json.loads(out)["files"]}
    assert found[str(clean)] >= 2 and found[str(seed)] >= 30  # "£10m", "2012"; the seed's 30
    for fmt in ("concise", "json", "github"):
        _, _, err = run(capsys, seed, clean, "-v", "-f", fmt)
        for path, n in found.items():
            assert f"{path}: text, {n} claims," in err, (fmt, err)


def test_verbose_clean_run_says_no_findings(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    status, out, err = run(capsys, clean)
    assert (status, out, err) == (0, "", "")  # piped, no -v: nothing at all, as CI wants
    status, out, err = run(capsys, clean, "-v")
    assert status == 0 and out == ""
    assert "factcheck: No findings: 1 file(s) checked, 2 claims, 0 cross-checked" in err


def test_verbose_run_with_findings_does_not_say_no_findings(
    capsys: pytest.CaptureFixture[str], seed: Path
) -> None:
    _, _, err = run(capsys, seed, "-v")
    assert "No findings" not in err


def test_show_claims_says_where_it_applies(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    _, out, err = run(capsys, clean, "--show-claims")  # concise: off a terminal
    assert out == ""
    assert (
        "factcheck: warning: --show-claims applies to the full and html formats only; "
        "it does nothing with -f concise"
    ) in err
    _, out, err = run(capsys, clean, "--show-claims", "-f", "full", "--color", "never")
    assert "--show-claims" not in err and "£10m" in out  # the claims are shown
    _, _, err = run(capsys, clean, "--show-claims", "-f", "html")
    assert "--show-claims" not in err


def test_a_url_says_pages_are_not_fetched(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    url = "https://example.com/2018/03/22/story.html"
    status, _, err = run(capsys, url, clean)
    assert status == 2
    (line,) = error_lines(err)
    assert line.startswith(f"factcheck: error: {url}: is a URL, and factcheck never fetches")
    assert "curl -s URL | factcheck - --stdin-filename page.html" in line


def test_max_bytes(capsys: pytest.CaptureFixture[str], seed: Path) -> None:
    status, _, err = run(capsys, seed, "--max-bytes", "1k")
    assert status == 2 and "1,024 bytes" in err and "--max-bytes" in err
    assert run(capsys, seed, "--max-bytes", "1MB")[0] == 1


# -- inputs -----------------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin(
    capsys: pytest.CaptureFixture[str], work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, SEED.read_bytes())
    status, out, _ = run(capsys, "-", "-f", "concise")
    assert status == 1 and out.startswith("<stdin>:8:179: SCL001")
    _stdin(monkeypatch, SEED.read_bytes())
    status, out, _ = run(capsys, "-", "--stdin-filename", "drafts/zuck.txt")
    assert out.startswith("drafts/zuck.txt:8:179: SCL001")


def test_stdin_filename_picks_the_format(
    capsys: pytest.CaptureFixture[str], work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("factcheck.markup", reason="Markdown input lands with markup.py")
    text = "# Draft\n\n```\nvalue by $50billion (£35m)\n```\n"
    _stdin(monkeypatch, text.encode())
    assert run(capsys, "-", "--stdin-filename", "draft.md", "--date", "2018-03-22")[0] == 0
    _stdin(monkeypatch, text.encode())
    status, out, _ = run(
        capsys,
        "-",
        "--stdin-filename",
        "draft.md",
        "--input-format",
        "text",
        "--date",
        "2018-03-22",
    )
    assert status == 1 and "draft.md:4:" in out


def test_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    exe = shutil.which("factcheck", path=os.path.dirname(sys.executable))
    argv = [exe] if exe else [sys.executable, "-m", "factcheck.cli"]
    done = subprocess.run(
        [*argv, "-", "--stdin-filename", "a.txt"],
        input=SEED.read_bytes(),
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.decode().startswith("a.txt:8:179: SCL001 [error]")


def test_jobs_keep_input_order(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    folder = work / "articles"
    folder.mkdir()
    for i in range(6):
        shutil.copy(SEED, folder / f"{i:02d}-seed.txt")
        (folder / f"{i:02d}-clean.txt").write_text(CLEAN)
    (folder / "03-broken.txt").write_bytes(b"\xff\xfe\xfa")
    serial = run(capsys, "articles", "-f", "concise")
    parallel = run(capsys, "articles", "-f", "concise", "--jobs", "2")
    assert serial == parallel and serial[0] == 2
    assert serial[1].count("SCL001") == 12


# -- discovery --------------------------------------------------------------------------------


def _tree(root: Path, files: list[str]) -> None:
    for name in files:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(CLEAN)


def test_discovery_walks_folders_for_articles(work: Path) -> None:
    _tree(
        work,
        [
            "a.txt",
            "b.md",
            "c.html",
            "d.htm",
            "notes.docx",
            "img.png",
            "sub/e.markdown",
            ".git/x.txt",
            "node_modules/y.md",
            ".hidden/z.txt",
        ],
    )
    found = discover(["."], Resolver()).files
    assert [Path(f).as_posix() for f in found] == [
        "a.txt",
        "b.md",
        "c.html",
        "d.htm",
        ".hidden/z.txt",
        "sub/e.markdown",
    ]


def test_discovery_honours_gitignore(work: Path) -> None:
    _tree(work, ["a.txt", "drafts/b.txt", "x.tmp.md", "keep.tmp.md", "sub/c.txt", "sub/d.txt"])
    (work / ".git").mkdir()
    (work / ".gitignore").write_text("drafts/\n*.tmp.md\n!keep.tmp.md\n")
    (work / "sub" / ".gitignore").write_text("d.txt\n")
    found = [Path(f).as_posix() for f in discover(["."], Resolver()).files]
    assert found == ["a.txt", "keep.tmp.md", "sub/c.txt"]
    # walking a subfolder still reads the .gitignore files above it, up to the repository root
    assert [Path(f).as_posix() for f in discover(["sub"], Resolver()).files] == ["sub/c.txt"]
    from factcheck.config import Overrides

    everything = discover(["."], Resolver(Overrides(respect_gitignore=False))).files
    assert len(everything) == 6
    # a file or folder named on the command line is checked even when ignored
    assert discover(["drafts/b.txt"], Resolver()).files == ["drafts/b.txt"]
    _tree(work, ["drafts/c.tmp.md", "drafts/keep.tmp.md"])
    assert [Path(f).as_posix() for f in discover(["drafts"], Resolver()).files] == [
        "drafts/b.txt",
        "drafts/keep.tmp.md",
    ]


def test_exclude_globs(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    _tree(work, ["a.txt", "drafts/b.txt", "archive/2019/c.txt"])
    status, _, err = run(capsys, ".", "--extend-exclude", "drafts/,archive", "-v")
    assert status == 0 and "a.txt" in err and "b.txt" not in err and "c.txt" not in err
    # named files are checked unless --force-exclude
    _, _, err = run(capsys, "drafts/b.txt", "--extend-exclude", "drafts/", "-v")
    assert "b.txt: text" in err
    status, _, err = run(capsys, "drafts/b.txt", "--extend-exclude", "drafts/", "--force-exclude")
    assert status == 2 and "nothing to check" in err


def test_an_unreadable_folder_in_a_walk_is_an_input_error(
    capsys: pytest.CaptureFixture[str], work: Path, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.walk skips a folder it cannot list unless asked; the run must say so and exit 2.
    (Tests run as root, whom permissions do not stop: listing the folder is made to fail.)"""
    _tree(work, ["desk/a.txt", "desk/locked/b.txt", "desk/open/c.txt"])
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    status, out, err = run(capsys, "desk", seed, "-f", "concise")
    assert status == 2
    assert f"{seed}:8:179: SCL001" in out  # the other inputs are still checked and reported
    lines = error_lines(err)
    assert lines == [
        f"factcheck: error: {Path('desk/locked')}: cannot list this folder: permission denied"
    ]
    status, out, _ = run(capsys, "desk", "-f", "json")
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert status == 2 and files[str(Path("desk/locked"))]["error"]["code"] == "permission"
    assert {str(Path("desk/a.txt")), str(Path("desk/open/c.txt"))} <= files.keys()


def test_readable_folders_raise_nothing(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    _tree(work, ["desk/a.txt", "desk/open/c.txt"])
    found = discover(["desk"], Resolver())
    assert found.unreadable == [] and len(found.files) == 2
    assert run(capsys, "desk")[0] == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_the_inputs_is_one_line_and_the_rest_is_reported(
    capsys: pytest.CaptureFixture[str], work: Path, seed: Path
) -> None:
    """Reading a FIFO with no writer waited forever, and no other file was reported."""
    _tree(work, ["desk/a.txt"])
    os.mkfifo(work / "desk" / "pipe.txt")
    os.mkfifo(work / "named.md")
    status, out, err = run(capsys, "desk", "named.md", seed, "-f", "concise")
    assert status == 2 and f"{seed}:8:179: SCL001" in out
    lines = error_lines(err)
    assert len(lines) == 2 and all("not a regular file" in line for line in lines)
    named = {line.removeprefix("factcheck: error: ").split(":")[0] for line in lines}
    assert named == {str(Path("desk/pipe.txt")), "named.md"}


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(
    capsys: pytest.CaptureFixture[str], work: Path, seed: Path, fmt: str
) -> None:
    """Every format that fingerprints findings raised UnicodeEncodeError on such a name, and
    nothing was printed for any file."""
    shutil.copy(seed, os.fsdecode(b"caf\xe9.txt"))
    shutil.copy(seed, os.fsdecode(b"caf\xe8.txt"))
    status, out, err = run(capsys, ".", "-f", fmt)
    assert status == 1 and "Traceback" not in err and "error" not in err.lower()
    shown = out.replace("\\\\", "\\")  # JSON-based formats double the backslash
    if fmt == "sarif":  # a URI: the name's own bytes, percent-encoded
        shown = shown.replace("caf%E9", "caf\\xe9").replace("caf%E8", "caf\\xe8")
    assert "caf\\xe9.txt" in shown and "caf\\xe8.txt" in shown  # both files, told apart
    assert "seed.txt" in out  # and the other file of the folder


def test_fingerprints_of_names_that_are_not_utf8_differ_by_their_bytes() -> None:
    import factcheck
    from factcheck.reporters._common import located
    from factcheck.sources import display_name

    report = factcheck.check("It slashed its value by $50billion (£35m).", date="2018-03-22")
    prints = set()
    for raw in (b"caf\xe9.txt", b"caf\xe8.txt"):
        name = os.fsdecode(raw)
        assert display_name(name) == "caf\\x" + raw[3:4].hex() + ".txt"
        files = [f.model_copy(update={"path": name}) for f in report.files]
        prints.add(located(report.model_copy(update={"files": files}))[0].fingerprint)
    assert len(prints) == 2
    assert display_name("café.txt") == "café.txt"  # a UTF-8 name is shown as it is


def test_each_file_is_checked_once(work: Path) -> None:
    _tree(work, ["a.txt"])
    assert discover(["a.txt", ".", "./a.txt"], Resolver()).files == ["a.txt"]


# -- subcommands ------------------------------------------------------------------------------


def test_rule_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "rule", "SCL001")
    assert status == 0
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## What it does",
        "## Why it matters",
        "## Example that fires",
        "## Example that stays silent",
        "## How to switch it off",
        "## Options",
    ]
    assert "£35m does not match $50billion" in out  # the firing example, run
    assert run(capsys, "rule", "conversion-scale-slip")[1] == out


def test_rule_all_and_index(capsys: pytest.CaptureFixture[str]) -> None:
    from factcheck.ruleset import load_rules

    codes = [r.code for r in load_rules()]
    status, out, _ = run(capsys, "rule", "--all")
    assert status == 0 and all(f"# {c} " in out for c in codes)
    status, out, _ = run(capsys, "rule")
    assert status == 0 and all(f"| {c} |" in out for c in codes)
    status, out, _ = run(capsys, "rule", "SCL001", "-f", "json")
    assert json.loads(out)["name"] == "conversion-scale-slip"


def test_rule_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "rule", "XYZ999")
    assert status == 2 and error_lines(err) == [
        "factcheck: error: unknown rule 'XYZ999'; 'factcheck rule' lists them all"
    ]


def test_archive_dispatches_lazily(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    fake = types.ModuleType("factcheck.archive")
    fake.main = lambda argv: seen.append(argv) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "factcheck.archive", fake)
    assert run(capsys, "archive", "corpus.jsonl", "--out", "r.parquet")[0] == 0
    assert seen == [["corpus.jsonl", "--out", "r.parquet"]]


def test_archive_missing_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "factcheck.archive", None)  # import raises
    status, _, err = run(capsys, "archive", "corpus.jsonl")
    assert status == 2 and len(error_lines(err)) == 1 and "archive" in err


@pytest.mark.parametrize(
    "fmt, shown",
    [("concise", True), ("full", True), ("json", False), ("sarif", False), ("github", False)],
)
def test_progress_only_for_human_formats(work: Path, fmt: str, shown: bool) -> None:
    from factcheck.checkrun import CheckRequest, execute

    _tree(work, [f"a{i}.txt" for i in range(3)])
    asked: list[int] = []
    ticks: list[int] = []

    def progress(total: int) -> Callable[[int], None]:
        asked.append(total)
        return ticks.append

    execute(CheckRequest(paths=["."], output_format=fmt, statistics=True), progress)
    assert (asked, len(ticks)) == (([3], 3) if shown else ([], 0))


def test_progress_bar_needs_a_terminal_and_many_files() -> None:
    from factcheck.cli import PROGRESS_MIN_FILES, _ProgressBar

    assert _ProgressBar(enabled=False)(1000) is None
    assert _ProgressBar(enabled=True)(PROGRESS_MIN_FILES - 1) is None


def test_findings_only_formats_keep_only_the_claims_involved(seed: Path) -> None:
    from factcheck.checkrun import CheckRequest, execute

    full = execute(CheckRequest(paths=[str(seed)], output_format="json")).report
    lean = execute(CheckRequest(paths=[str(seed)], output_format="concise")).report
    assert lean.summary == full.summary and lean.findings == full.findings
    involved = {cid for f in full.findings for cid in f.claims}
    kept = {c.id for c in lean.claims}  # with those of findings below --min-severity
    assert involved <= kept < {c.id for c in full.claims}


def test_color(
    capsys: pytest.CaptureFixture[str], seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" not in run(capsys, seed, "-f", "full")[1]  # auto, not a terminal
    assert "\x1b[" not in run(capsys, seed, "-f", "full", "--color", "never")[1]
    status, out, _ = run(capsys, seed, "-f", "full", "--color", "always")
    assert status == 1 and "\x1b[" in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys, seed, "-f", "full")[1]

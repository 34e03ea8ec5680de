"""The shipped integration examples parse, and the factcheck commands in them do what they say.

Each ``factcheck …`` line of the GitHub workflow, the GitLab job and ``examples/README.md`` runs
in a copy of ``examples/`` (in-process; a ``>> "$VAR"`` redirection is honoured), and the
pre-commit hook runs as pre-commit would run it: its entry, then the staged files.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARTICLES = ["articles/energy-deal.html", "articles/rail-fine.md"]


def load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def action_command(args: str) -> str:
    """The ``factcheck …`` line factcheck's action (``action.yml``) runs for these ``args``."""
    action = load(ROOT / "action.yml")
    assert isinstance(action, dict)
    lines = [
        line.strip()
        for step in action["runs"]["steps"]
        for line in str(step.get("run", "")).splitlines()
        if line.strip().startswith("factcheck ")
    ]
    assert len(lines) == 1, lines
    return lines[0].replace("$FACTCHECK_ARGS", args)


def github_commands() -> list[str]:
    """The workflow's ``factcheck …`` lines, the action's own among them, in step order."""
    workflow = load(EXAMPLES / "github-actions.yml")
    assert isinstance(workflow, dict)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    out = []
    for s in steps:
        if str(s.get("uses", "")).startswith("YOUR-ORG/factcheck@"):
            out.append(action_command(str(s.get("with", {}).get("args", "."))))
        out += [
            line.strip()
            for line in str(s.get("run", "")).splitlines()
            if line.strip().startswith("factcheck ")
        ]
    return out


def gitlab_commands() -> list[str]:
    jobs = load(EXAMPLES / "gitlab-ci.yml")
    assert isinstance(jobs, dict)
    return [str(c) for c in jobs["factcheck"]["script"] if str(c).startswith("factcheck ")]


def readme_commands() -> list[str]:
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    return [
        line.strip()
        for b in blocks
        for line in b.splitlines()
        if line.strip().startswith("factcheck ")
    ]


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = Path(shutil.copytree(EXAMPLES, tmp_path / "examples"))
    monkeypatch.chdir(copy)
    return copy


def run_line(line: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run one ``factcheck …`` shell line in-process; returns its status and stdout."""
    words = shlex.split(line.split(" #")[0])
    assert words[0] == "factcheck"
    target = None
    if ">>" in words:
        at = words.index(">>")
        words, target = words[:at], os.path.expandvars(words[at + 1])
    status = main(words[1:])
    out, err = capsys.readouterr()
    assert "error:" not in err, err
    if target is not None:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(out)
    return status, out


def expected_status(line: str) -> int:
    if "--exit-zero" in line or line.split()[1] in ("rule", "config"):
        return 0
    return 1  # each example article has one scale-slip error


def test_the_yaml_files_parse() -> None:
    for name in ("github-actions.yml", "gitlab-ci.yml", "pre-commit-config.yaml"):
        assert isinstance(load(EXAMPLES / name), dict), name
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)


def test_github_workflow(
    examples: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = examples / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    commands = github_commands()
    assert len(commands) == 3
    assert commands[0] == "factcheck --output-format github articles/"  # the action's step
    outputs = {}
    for line in commands:
        status, out = run_line(line, capsys)
        assert status == expected_status(line), line
        outputs[line.split()[2]] = out
    annotations = outputs["github"].splitlines()
    assert len([a for a in annotations if a.startswith("::error ")]) == 2
    assert "file=articles/rail-fine.md,line=13" in outputs["github"]
    assert "SCL001" in summary.read_text()
    sarif = json.loads((examples / "factcheck.sarif").read_text())
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 2
    workflow = load(EXAMPLES / "github-actions.yml")
    assert isinstance(workflow, dict)
    uploads = [
        s
        for s in workflow["jobs"]["factcheck"]["steps"]
        if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")
    ]
    assert uploads and uploads[0]["with"]["sarif_file"] == "factcheck.sarif"


def test_gitlab_job(examples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = gitlab_commands()
    assert len(commands) == 2
    for line in commands:
        assert run_line(line, capsys)[0] == expected_status(line), line
    job = load(EXAMPLES / "gitlab-ci.yml")
    assert isinstance(job, dict)
    report_file = job["factcheck"]["artifacts"]["reports"]["codequality"]
    report = json.loads((examples / report_file).read_text())
    assert [issue["check_name"].split()[0] for issue in report] in (["SCL001"] * 2,)
    assert {issue["location"]["path"] for issue in report} == set(ARTICLES)


def test_readme_commands(examples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = readme_commands()
    assert len(commands) >= 4
    for line in commands:
        status, out = run_line(line, capsys)
        assert status == expected_status(line), line
        if line == "factcheck articles/":
            assert [o.split(":")[0] for o in out.splitlines()] == ARTICLES
            assert all(": SCL001 [error]" in o for o in out.splitlines())


def test_the_articles_fire_only_where_they_should(
    examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One error each, at the line and column of the source; code, script, nav, footer and
    comments hold the same slip and stay silent; the clean paragraphs stay silent."""
    status, out = run_line("factcheck -f concise --min-severity info articles/", capsys)
    assert status == 1
    located = [
        line.split(": ")[0] + " " + line.split(": ")[1].split()[0]
        for line in out.splitlines()
        if "[info]" not in line
    ]
    assert located == [
        "articles/energy-deal.html:15:18 SCL001",
        "articles/rail-fine.md:13:21 SCL001",
    ]


def test_precommit_hook(examples: Path) -> None:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    config = load(EXAMPLES / "pre-commit-config.yaml")
    assert isinstance(hooks, list) and isinstance(config, dict)
    (repo,) = config["repos"]
    assert [h["id"] for h in repo["hooks"]] == [hooks[0]["id"]] == ["factcheck"]
    text = (EXAMPLES / "pre-commit-config.yaml").read_text()
    block = text[text.index("  - repo:") :].rstrip().splitlines()
    assert len(block) == 3, "a newsroom adds factcheck in three lines"
    hook = hooks[0]
    staged = [
        p.relative_to(examples).as_posix() for p in sorted(examples.rglob("*")) if p.is_file()
    ]
    matched = [p for p in staged if re.search(hook["files"], p)]
    assert matched == ["README.md", *ARTICLES]  # what pre-commit would pass to the hook
    exe = shutil.which("factcheck", path=os.path.dirname(sys.executable))
    if exe is None:
        pytest.skip("the factcheck entry point is not installed next to this Python")
    done = subprocess.run(
        [*shlex.split(hook["entry"]), *matched],
        capture_output=True,
        text=True,
        cwd=examples,
        check=False,
        env={**os.environ, "PATH": os.path.dirname(exe) + os.pathsep + os.environ.get("PATH", "")},
    )
    assert done.returncode == 1, done.stderr
    assert sorted({line.split(":")[0] for line in done.stdout.splitlines()}) == ARTICLES

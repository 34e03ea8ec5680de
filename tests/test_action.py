"""factcheck's GitHub Action (``action.yml``) does what a workflow step with it would do.

The action is composite: set up Python, install factcheck, run it with ``--output-format
github``. Its ``run`` steps are executed here with bash exactly as written, with the
environment GitHub gives them (``GITHUB_ACTION_PATH``, the step's ``env`` with the inputs filled
in) and this test's Python standing for the one ``actions/setup-python`` sets up. pip is pointed
at a private target folder (``PIP_TARGET``) and told not to fetch dependencies, which this
Python already has, so the install step installs this checkout and nothing else.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
INPUT = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def action() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def fill(value: object, inputs: dict[str, str]) -> str:
    """A step's ``env`` value with ``${{ inputs.NAME }}`` replaced, as GitHub replaces it."""
    text = str(value)
    unknown = set(INPUT.findall(text)) - set(inputs)
    assert not unknown, f"the action uses undeclared inputs {unknown}"
    return INPUT.sub(lambda m: inputs[m.group(1)], text)


def inputs_with(**given: str) -> dict[str, str]:
    declared = action()["inputs"]
    assert set(given) <= set(declared), given
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    return {**values, **{k.replace("_", "-"): v for k, v in given.items()}}


def run_steps(
    steps: list[dict[str, Any]], inputs: dict[str, str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run the ``run`` steps in order, as bash runs them; stops at the first that fails."""
    done: subprocess.CompletedProcess[str] | None = None
    for step in steps:
        assert step.get("shell") == "bash", "a composite action's run step names its shell"
        step_env = {**env, **{k: fill(v, inputs) for k, v in (step.get("env") or {}).items()}}
        done = subprocess.run(
            ["bash", "-e", "-c", str(step["run"])],
            cwd=cwd,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            break
    assert done is not None
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment after the action's install step: factcheck in a folder of its own."""
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is in the test extra")
    site = tmp_path_factory.mktemp("site")
    python_dir = os.path.dirname(sys.executable)
    env = {
        **os.environ,
        "PATH": f"{site / 'bin'}{os.pathsep}{python_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(site),
        "GITHUB_ACTION_PATH": str(ROOT),
        "PIP_TARGET": str(site),
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this one backwards: "0" turns isolation off
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    install = [s for s in action()["runs"]["steps"] if s.get("name") == "Install factcheck"]
    done = run_steps(install, inputs_with(), ROOT, env)
    assert done.returncode == 0, done.stderr
    assert (site / "bin" / "factcheck").exists(), "the install step installs the command"
    for key in ("PIP_TARGET", "PIP_NO_DEPS", "PIP_NO_BUILD_ISOLATION"):
        del env[key]
    where = subprocess.run(
        [sys.executable, "-c", "import factcheck; print(factcheck.__file__)"],
        env=env,
        cwd=site,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(site)), "the check step must run the copy just installed"
    return env


def check_steps() -> list[dict[str, Any]]:
    return [s for s in action()["runs"]["steps"] if s.get("name") == "Check the articles"]


def test_the_action_is_composite_and_sets_up_python_first() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    steps = data["runs"]["steps"]
    assert [s.get("name") for s in steps] == [
        "Set up Python",
        "Install factcheck",
        "Check the articles",
    ]
    assert str(steps[0]["uses"]).startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    assert "--output-format github" in steps[2]["run"]


def test_the_check_step_annotates_the_findings(installed: dict[str, str], tmp_path: Path) -> None:
    work = Path(shutil.copytree(ROOT / "examples", tmp_path / "repo"))
    done = run_steps(check_steps(), inputs_with(args="articles/"), work, installed)
    assert done.returncode == 1, done.stderr  # each example article has one error
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2, done.stdout
    assert "file=articles/rail-fine.md,line=13" in done.stdout
    assert all("SCL001" in line for line in errors)


def test_the_check_step_is_silent_on_a_clean_article(
    installed: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "clean.md").write_text("Sales rose 50% from £100m to £150m.\n", encoding="utf-8")
    done = run_steps(
        check_steps(), inputs_with(args="clean.md --min-severity info"), tmp_path, installed
    )
    assert done.returncode == 0, done.stderr
    assert "::" not in done.stdout


def test_the_args_input_is_never_run_as_shell(installed: dict[str, str], tmp_path: Path) -> None:
    """Words of ``args`` are arguments: a command substitution in them is a (missing) path."""
    (tmp_path / "clean.md").write_text("Sales rose 50% from £100m to £150m.\n", encoding="utf-8")
    marker = tmp_path / "pwned"
    done = run_steps(
        check_steps(), inputs_with(args=f"clean.md $(touch {marker}) *"), tmp_path, installed
    )
    assert not marker.exists()
    assert done.returncode == 2  # "$(touch" and the rest are files that do not exist
    assert "factcheck: error: $(touch: no such file" in done.stderr, done.stderr
    assert "factcheck: error: *: no such file" in done.stderr, "a glob is not expanded"

"""An installed factcheck (not a checkout) finds its rules folder, packaged as data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is in the test extra")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("factcheck_news-*.whl")
    return found


def test_wheel_ships_every_rule_and_lexicon_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "rules").rglob("*.toml"):
        rel = path.relative_to(ROOT / "rules").as_posix()
        assert f"factcheck/_rules/{rel}" in names, rel
    assert "factcheck/py.typed" in names
    # the page of factcheck serve loads these from the package
    assert {"factcheck/serve/static/page.js", "factcheck/serve/static/page.css"} <= names


def test_installed_package_loads_its_packaged_rules(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import factcheck, factcheck.lexicon as L, factcheck.ruleset as R;"
        "print(L.default_rules_dir()); print(len(R.load_rules()));"
        "print(len(factcheck.check('It slashed its value by $50billion (£35m).').findings))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    assert out[0].startswith(str(target)) and out[0].endswith("_rules")
    assert int(out[1]) == len(list((ROOT / "rules").glob("*.toml")))
    assert int(out[2]) >= 1

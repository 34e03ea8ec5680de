"""Generated documentation stays in step with its sources."""

from __future__ import annotations

import io
import re
import shlex
import tomllib
from contextlib import redirect_stdout
from pathlib import Path

from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_rule_reference_is_generated_from_the_rule_files() -> None:
    """docs/rules.md is `factcheck rule --all`; regenerate it when a rule file changes."""
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["rule", "--all"])
    assert status == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == out.getvalue(), (
        "run: factcheck rule --all > docs/rules.md"
    )


def test_readme_lists_every_rule() -> None:
    from factcheck.ruleset import load_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in load_rules():
        assert f"`{rule.code}`" in readme, rule.code


# -- the distribution name -----------------------------------------------------------------------
# On PyPI, "factcheck" is an unrelated project: every install line a user may copy must name
# this one's distribution, factcheck-news (the import package and the command stay factcheck).
DISTRIBUTION = "factcheck-news"
# What the install lines of the docs may install besides factcheck-news: local checkouts only
# (".", ".[test]", "-e '.[test]'", a path, the action's own copy).
_INSTALL = re.compile(
    r"\b(?:pip3?|python3? -m pip|uv pip|pipx|uv tool) install\b(?P<args>[^#\n`]*)"
)


def _words(args: str) -> list[str]:
    """Shell words; a quote left open (the line is inside a Python string) is closed."""
    for tail in ("", '"', "'"):
        lexer = shlex.shlex(args + tail, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        try:
            return list(lexer)
        except ValueError:
            continue
    raise AssertionError(f"cannot read the install line {args!r}")


def _install_targets(args: str) -> list[str]:
    """The requirements an install line names (options and local paths left out)."""
    targets = []
    for word in _words(args):
        if word and set(word) <= set("&|;<>()"):
            break  # the end of the install command: "pip install -e . && factcheck …"
        if word.startswith("-") or word.startswith((".", "/", "$", "~")) or word == "pip":
            continue
        targets.append(word)
    return targets


def _doc_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml", ROOT / "action.yml"]
    files += sorted((ROOT / "docs").glob("*.md"))
    files += sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file())
    files += sorted((ROOT / "factcheck").rglob("*.py"))  # messages that say what to install
    files += [p for p in (ROOT / "CONTRIBUTING.md", ROOT / "rules" / "README.md") if p.exists()]
    return files


def _install_lines() -> list[tuple[str, str]]:
    found = []
    for path in _doc_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            for m in _INSTALL.finditer(line):
                found.append((f"{path.relative_to(ROOT)}: {line.strip()}", m.group("args")))
    return found


def test_every_install_line_names_the_distribution() -> None:
    lines = _install_lines()
    named = 0
    for where, args in lines:
        for target in _install_targets(args):
            name = re.split(r"[\[<>=!~@ ;]", target, maxsplit=1)[0]
            assert name.lower().replace("_", "-") == DISTRIBUTION, where
            named += 1
    # the README, the archive guide, both CI examples and the archive's error message at least
    assert named >= 5, lines


def test_install_line_scanner_catches_the_old_name() -> None:
    (args,) = [m.group("args") for m in _INSTALL.finditer("run: pip install factcheck  # x")]
    assert _install_targets(args) == ["factcheck"]
    (args,) = [m.group("args") for m in _INSTALL.finditer("pip install -e '.[test]' && x y")]
    assert _install_targets(args) == []
    (args,) = [m.group("args") for m in _INSTALL.finditer("pip install 'factcheck[archive]'")]
    assert _install_targets(args) == ["factcheck[archive]"]
    (args,) = [m.group("args") for m in _INSTALL.finditer("\"with: pip install 'factcheck'\",")]
    assert _install_targets(args)[0].startswith("factcheck")


def test_pyproject_names_the_distribution() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["name"] == DISTRIBUTION
    assert data["project"]["scripts"] == {"factcheck": "factcheck.cli:main"}

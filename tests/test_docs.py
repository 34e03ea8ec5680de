"""Generated documentation stays in step with its sources."""

from __future__ import annotations

import io
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

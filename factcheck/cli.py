"""The ``factcheck`` command (minimal: the full CLI lands with issue 5)."""

from __future__ import annotations

import argparse
import sys

from factcheck import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factcheck")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-f", "--output-format", default="concise", choices=["json", "concise"])
    parser.add_argument("--date")
    args = parser.parse_args(argv)
    from factcheck.api import _options, check_document, make_report
    from factcheck.errors import FactcheckError, InputError
    from factcheck.models import FileError, FileFailure
    from factcheck.sources import load_document

    paths = [p for p in args.paths if p != "check"]
    try:
        options = _options(args.date, None, None, ())
    except FactcheckError as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return 2
    results = []
    for p in paths:
        try:
            results.append(check_document(load_document(p), options))
        except InputError as exc:
            results.append(FileFailure(path=p, error=FileError(code=exc.code, message=exc.problem)))
    report = make_report(results)
    if args.output_format == "json":
        print(report.model_dump_json(indent=2))
    else:
        for r in report.files:
            if hasattr(r, "error"):
                print(f"{r.path}: error: {r.error.message}", file=sys.stderr)
                continue
            for f in r.findings:
                print(f"{r.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message}")
    if report.summary.failed:
        return 2
    return 1 if any(f.severity.value in ("warning", "error") for f in report.findings) else 0


if __name__ == "__main__":
    sys.exit(main())

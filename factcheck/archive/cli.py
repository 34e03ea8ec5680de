"""``factcheck archive INPUT --out RESULTS``: arguments, progress and the printed summary.

Exit status: 0 every partition written; 1 some partitions failed (rerun to retry them);
2 a usage or configuration error; 130 interrupted (rerun the same command to resume).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from factcheck.errors import FactcheckError
from factcheck.sources import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from factcheck.archive.cluster import RunResult
    from factcheck.archive.rows import ArchiveSettings

_UNITS = {"": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def _size(text: str) -> int:
    low = text.strip().lower()
    digits = low.rstrip("kmgb")
    try:
        return int(float(digits) * _UNITS[low[len(digits) :]])
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(
            f"expected a size such as 10000000, 512k or 10MB, got {text!r}"
        ) from None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factcheck archive",
        description="Check every article of an archive on Dask; write one result row per "
        "article. Rerun the same command to resume an interrupted run.",
    )
    p.add_argument(
        "input",
        metavar="INPUT",
        help="a directory of .txt/.md/.html files, a .jsonl or a .parquet file",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="RESULTS",
        help="output directory, named *.parquet or *.jsonl (partition files and a summary)",
    )
    p.add_argument("--out-format", choices=["parquet", "jsonl"])
    p.add_argument("--input-format", default="auto", choices=["auto", "files", "jsonl", "parquet"])
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes of a local Dask cluster (default: one per CPU)",
    )
    where.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="use this running Dask cluster instead of a local one",
    )
    p.add_argument(
        "--partition-size",
        type=int,
        default=500,
        metavar="N",
        help="articles per partition, the unit of work and of resuming (500)",
    )
    p.add_argument(
        "--article-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="time budget per article (30); 0 checks in the worker, with no budget",
    )
    p.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="largest article in UTF-8 bytes (10MB); larger ones get an error row",
    )
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="date for exchange rates of articles without a date of their own",
    )
    p.add_argument("--select", type=_codes, default=("ALL",), metavar="CODES")
    p.add_argument("--ignore", type=_codes, default=(), metavar="CODES")
    p.add_argument(
        "--rules-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="an extra folder of rule files (repeatable)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    return p


def _settings(args: argparse.Namespace) -> ArchiveSettings:
    from factcheck.api import make_options
    from factcheck.archive.rows import ArchiveSettings

    make_options(args.date, args.select, args.ignore, args.rules_dir)  # ConfigError if invalid
    if args.max_bytes < 1:
        raise argparse.ArgumentTypeError("--max-bytes must be positive")
    return ArchiveSettings(
        date=args.date,
        select=tuple(args.select) or ("ALL",),
        ignore=tuple(args.ignore),
        rule_dirs=tuple(args.rules_dir),
        max_bytes=args.max_bytes,
        article_timeout=args.article_timeout if args.article_timeout > 0 else None,
    )


def print_summary(result: RunResult, rule_names: dict[str, str], out: TextIO) -> None:
    t = result.tally
    checked = t.articles - result.skipped_articles
    rate = checked / result.seconds if result.seconds else 0.0
    speed = f"{rate:,.1f} articles/s"
    if result.bytes_read:
        speed += f", {result.bytes_read / result.seconds / 1e6:,.2f} MB/s"
    w = out.write
    w(
        f"factcheck archive: {t.articles:,} articles; {checked:,} checked in "
        f"{result.seconds:,.1f} s ({speed})\n"
    )
    w(
        f"  results               {result.out}{'/'} ({result.partitions:,} partitions, "
        f"{result.skipped:,} already written)\n"
    )
    w(f"  claims                {t.claims:,}\n")
    f = t.findings
    w(
        f"  findings              {f['error']:,} error, {f['warning']:,} warning, "
        f"{f['info']:,} info\n"
    )
    w(f"  articles with errors  {t.with_errors:,} (a finding of severity error)\n")
    failures = ", ".join(f"{code} {n:,}" for code, n in sorted(t.failures.items()))
    w(
        f"  failed articles       {t.failed:,}"
        + (f" ({failures}; see the error column)" if failures else "")
        + "\n"
    )
    if result.failed_partitions:
        w(f"  failed partitions     {len(result.failed_partitions):,} (rerun to retry them)\n")
        for index, why in sorted(result.failed_partitions.items())[:5]:
            w(f"    part {index}: {why}\n")
    if t.by_rule:
        w("  findings per rule\n")
        for code, n in sorted(t.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            w(f"    {code}  {rule_names.get(code, ''):<34} {n:>10,}\n")


def _missing() -> list[str]:
    import importlib.util

    return [m for m in ("dask", "distributed", "pyarrow") if importlib.util.find_spec(m) is None]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    missing = _missing()
    if missing:
        print(
            f"factcheck archive: needs {', '.join(missing)}; "
            "install them with: pip install 'factcheck-news[archive]'",
            file=sys.stderr,
        )
        return 2
    from factcheck.archive.cluster import RunConfig, run
    from factcheck.archive.progress import Display
    from factcheck.ruleset import load_rules

    display = Display(args.quiet)
    try:
        settings = _settings(args)
        config = RunConfig(
            corpus=args.input,
            out=args.out,
            input_format=args.input_format,
            out_format=args.out_format,
            partition_size=args.partition_size,
            workers=args.workers,
            scheduler=args.scheduler,
            settings=settings,
        )
        result = run(config, watcher=display)
    except (FactcheckError, argparse.ArgumentTypeError) as exc:
        display.stop()
        print(f"factcheck archive: {exc}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as exc:  # the cluster: unreachable, or workers unfit
        display.stop()
        print(f"factcheck archive: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        display.stop()
        print("factcheck archive: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130
    display.stop()
    names = {r.code: r.name for r in load_rules(settings.rule_dirs)}
    print_summary(result, names, sys.stdout)
    return 0 if result.complete else 1

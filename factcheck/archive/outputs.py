"""Rows → partition files, written so that a killed run never leaves a half-written one.

``--out RESULTS.parquet`` (or ``.jsonl``) is a directory, as Spark and Dask write datasets::

    RESULTS.parquet/
      _run.json              what produced it: corpus fingerprint, partition size, settings
      part-000000.parquet    the rows of partition 0, in corpus order
      part-000001.parquet
      …
      _summary.json          counts over every row, written when the run completes

A partition file is written to a temporary name in the same directory, flushed to disk and
renamed: it either exists whole or not at all. A rerun skips every partition file present.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcheck.archive.rows import ROW_FIELDS, Row, dumps
from factcheck.errors import ConfigError

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
RUN_FILE = "_run.json"
SUMMARY_FILE = "_summary.json"
_PART = re.compile(r"part-(\d{6,})\.(parquet|jsonl)\Z")
_TEMP_PREFIX = ".tmp-"


def out_format(out: Path, requested: str | None) -> str:
    if requested:
        if requested not in ("parquet", "jsonl"):
            raise ConfigError("--out-format", f"expected parquet or jsonl, got {requested!r}")
        return requested
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ConfigError(
            str(out), "name the output directory *.parquet or *.jsonl, or give --out-format"
        )
    return fmt


def part_path(out: Path, index: int, fmt: str) -> Path:
    return out / f"part-{index:06d}.{fmt}"


def written(out: Path, fmt: str) -> set[int]:
    """Indexes of the partitions already written completely."""
    if not out.is_dir():
        return set()
    found = set()
    for entry in os.scandir(out):
        m = _PART.match(entry.name)
        if m and m.group(2) == fmt:
            found.add(int(m.group(1)))
    return found


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("url", pa.string()),
            ("date", pa.string()),
            ("date_source", pa.string()),
            ("claims", pa.int32()),
            ("cross_checked", pa.int32()),
            ("findings", pa.string()),
            ("codes", pa.list_(pa.string())),
            ("findings_error", pa.int32()),
            ("findings_warning", pa.int32()),
            ("findings_info", pa.int32()),
            ("error_code", pa.string()),
            ("error", pa.string()),
        ]
    )


def _atomic(path: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix="-" + path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_rows(rows: list[Row], path: Path, fmt: str) -> None:
    """Write one partition's rows atomically."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_schema())
        _atomic(path, lambda fh: pq.write_table(table, fh, compression="zstd"))
    else:
        data = "".join(
            json.dumps({k: r[k] for k in ROW_FIELDS}, ensure_ascii=False) + "\n" for r in rows
        ).encode("utf-8")
        _atomic(path, lambda fh: fh.write(data))


def read_rows(path: Path, fmt: str | None = None) -> list[Row]:
    """The rows of one partition file."""
    fmt = fmt or path.suffix.lstrip(".")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows: list[Row] = pq.read_table(path).to_pylist()
        return rows
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_back(path: Path, fmt: str, count: int) -> list[Row] | None:
    """The ``count`` rows of a partition file already written, or None if they cannot be read
    back (a file truncated or emptied outside factcheck, by a full disk or a copy): the caller
    writes that partition again."""
    try:
        rows = read_rows(path, fmt)
        if len(rows) == count and all(
            isinstance(r, dict) and set(ROW_FIELDS) <= r.keys() for r in rows
        ):
            return rows
    except (OSError, ValueError, RecursionError):  # pyarrow's ArrowInvalid is a ValueError
        pass
    except Exception as exc:  # another pyarrow error (ArrowException and kin)
        if not type(exc).__module__.startswith("pyarrow"):
            raise
    return None


def iter_rows(out: str | Path) -> Iterator[Row]:
    """Every row of a results directory, in corpus order."""
    root = Path(out)
    fmt = FORMATS.get(root.suffix.lower())
    for fmt_ in [fmt] if fmt else ["parquet", "jsonl"]:
        for index in sorted(written(root, fmt_)):
            yield from read_rows(part_path(root, index, fmt_), fmt_)


def remove_temporaries(out: Path) -> int:
    """Delete partial files left by a killed run (one run per output directory at a time)."""
    n = 0
    for entry in os.scandir(out):
        if entry.name.startswith(_TEMP_PREFIX):
            Path(entry.path).unlink(missing_ok=True)
            n += 1
    return n


def claim_directory(out: Path, run: dict[str, Any]) -> None:
    """Create ``out`` for this run, or check that the run already in it is the same one."""
    out.mkdir(parents=True, exist_ok=True)
    run = json.loads(json.dumps(run))  # tuples as lists, as read back
    marker = out / RUN_FILE
    if marker.exists():
        try:
            before = json.loads(marker.read_text(encoding="utf-8"))
        except ValueError:
            before = None
        if before != run:
            diff = sorted(k for k in run if not isinstance(before, dict) or before.get(k) != run[k])
            raise ConfigError(
                str(out),
                "holds results of another run (different "
                f"{', '.join(diff) or 'run file'}); choose a new --out or delete it",
            )
        return
    if any(_PART.match(e.name) for e in os.scandir(out)):
        raise ConfigError(str(out), "holds partition files but no _run.json; choose a new --out")
    write_json(marker, run)


def write_json(path: Path, obj: object) -> None:
    data = (dumps(obj) + "\n").encode("utf-8")
    _atomic(path, lambda fh: fh.write(data))

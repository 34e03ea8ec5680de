"""Corpus → partitions → records: the reading side of ``factcheck archive``.

The driver only *plans*: it cuts the corpus into partitions of at most ``size`` articles,
described by where they are (a byte range of a JSON Lines file, a slice of a Parquet row group,
a list of files), never by their text. Each worker reads its own partition, so article text
never passes through the scheduler. The plan depends only on the corpus and ``size``, so a
rerun finds the same partitions and can skip those already written.

Corpus forms:

- a directory tree of ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm`` files (names starting
  with a dot are skipped); the record id is the path relative to the root, with ``/``;
- JSON Lines (``.jsonl``, ``.ndjson``): one object per line with ``id``, ``text`` and optional
  ``date``, ``url``, ``format``; blank lines are skipped; a line that is not such an object is
  a failure row with id ``line-N``;
- Parquet (``.parquet``, ``.pq``): columns ``id``, ``text`` and optional ``date``, ``url``,
  ``format`` (``text`` may be a string or binary column, ``date`` a string, date or timestamp);
- a directory of JSON Lines or Parquet files, with ``--input-format``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from factcheck.errors import ConfigError

Kind = Literal["files", "jsonl", "parquet"]
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".ndjson"),
    "parquet": (".parquet", ".pq"),
    "files": ARTICLE_SUFFIXES,
}
_COLUMNS = ("id", "text", "date", "url", "format")
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """Where one partition's articles are. Small and picklable: it is all a task receives."""

    index: int
    kind: Kind
    source: str  # the file (jsonl, parquet) or the root directory (files)
    count: int  # records in it (blank JSON lines not counted)
    start: int = 0  # jsonl: first byte; parquet: first row in the row group
    stop: int = 0  # jsonl: end byte (exclusive); parquet: end row (exclusive)
    line: int = 1  # jsonl: line number of the first byte; parquet: the row group
    paths: tuple[str, ...] = ()  # files: paths relative to ``source``


def detect_kind(path: Path, input_format: str) -> Kind:
    kinds: tuple[Kind, ...] = ("files", "jsonl", "parquet")
    for kind in kinds:
        if input_format == kind:
            return kind
    if input_format != "auto":
        raise ConfigError(
            "--input-format", f"expected auto, files, jsonl or parquet, got {input_format!r}"
        )
    if path.is_dir():
        return "files"
    name = path.name.lower()
    for kind in kinds[1:]:
        if name.endswith(_SUFFIXES[kind]):
            return kind
    raise ConfigError(
        str(path), "not a directory, .jsonl/.ndjson or .parquet file; say which with --input-format"
    )


def _walk(root: Path, suffixes: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if not f.startswith(".") and f.lower().endswith(suffixes):
                found.append(Path(folder, f).relative_to(root).as_posix())
    return sorted(found)


def plan(corpus: str | Path, input_format: str = "auto", size: int = 500) -> list[Partition]:
    """Cut the corpus into partitions of at most ``size`` records, always the same way."""
    root = Path(corpus)
    if not root.exists():
        raise ConfigError(str(corpus), "no such file or directory")
    if size < 1:
        raise ConfigError("--partition-size", "must be at least 1")
    kind = detect_kind(root, input_format)
    if kind == "files":
        if not root.is_dir():
            raise ConfigError(str(corpus), "--input-format files needs a directory")
        paths = _walk(root, ARTICLE_SUFFIXES)
        return [
            Partition(index=i, kind="files", source=str(root), count=len(chunk), paths=tuple(chunk))
            for i, chunk in enumerate(paths[k : k + size] for k in range(0, len(paths), size))
        ]
    files = [str(root / p) for p in _walk(root, _SUFFIXES[kind])] if root.is_dir() else [str(root)]
    parts: list[Partition] = []
    for f in files:
        pieces = _plan_jsonl(f, size) if kind == "jsonl" else _plan_parquet(f, size)
        base = len(parts)
        parts.extend(
            Partition(index=base + i, kind=kind, source=f, count=c, start=a, stop=b, line=n)
            for i, (c, a, b, n) in enumerate(pieces)
        )
    return parts


def _plan_jsonl(path: str, size: int) -> list[tuple[int, int, int, int]]:
    """(records, first byte, end byte, first line) of each piece of a JSON Lines file."""
    pieces: list[tuple[int, int, int, int]] = []
    start, start_line, count, offset, line = 0, 1, 0, 0, 0
    with open(path, "rb") as fh:
        for raw in fh:
            line += 1
            if count == size and not raw.isspace():
                pieces.append((count, start, offset, start_line))
                start, start_line, count = offset, line, 0
            offset += len(raw)
            count += not raw.isspace()
    if count:
        pieces.append((count, start, offset, start_line))
    return pieces


def _plan_parquet(path: str, size: int) -> list[tuple[int, int, int, int]]:
    """(records, first row, end row, row group) of each piece of a Parquet file."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:
        raise ConfigError(path, f"not a readable Parquet file ({exc})") from None
    names = set(meta.schema.names)
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise ConfigError(
            path,
            f"no column {', '.join(map(repr, missing))}; "
            "expected columns id, text and optional date, url",
        )
    pieces: list[tuple[int, int, int, int]] = []
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        pieces.extend(
            (min(size, rows - a), a, min(a + size, rows), group) for a in range(0, rows, size)
        )
    return pieces


def digest(parts: list[Partition], corpus: str | Path) -> str:
    """A fingerprint of the plan and the files' sizes and times: equal means the same corpus."""
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(asdict(p), sort_keys=True).encode())
    root = Path(corpus)
    files = [root / p for part in parts for p in part.paths] or [
        Path(s) for s in {p.source for p in parts}
    ]
    for f in sorted(files):
        st = f.stat()
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def read(part: Partition) -> Iterator[dict[str, Any]]:
    """The partition's records, in corpus order."""
    if part.kind == "files":
        for rel in part.paths:
            yield {"id": rel, "path": str(Path(part.source, rel))}
    elif part.kind == "jsonl":
        yield from _read_jsonl(part)
    else:
        yield from _read_parquet(part)


def _read_jsonl(part: Partition) -> Iterator[dict[str, Any]]:
    with open(part.source, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.stop - part.start)
    for n, raw in enumerate(data.split(b"\n"), start=part.line):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _bad(n, "encoding", f"line {n} is not valid UTF-8 (byte {exc.start + 1})")
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield _bad(n, "bad-record", f"line {n} is not valid JSON ({exc})")
            continue
        except RecursionError:  # the decoder recurses per level: a line of "[[[[…" ends here
            yield _bad(n, "bad-record", f"line {n} is JSON nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield _bad(n, "bad-record", f"line {n} is a JSON {type(obj).__name__}, not an object")
            continue
        rec = {k: obj.get(k) for k in _COLUMNS}
        if rec["id"] is None or rec["id"] == "":
            rec["id"] = f"line-{n}"
        if not isinstance(rec["text"], str):
            rec.update(error_code="bad-record", error=f"line {n} has no 'text' string")
        yield rec


def _bad(line: int, code: str, message: str) -> dict[str, Any]:
    return {"id": f"line-{line}", "error_code": code, "error": message}


def _read_parquet(part: Partition) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.source)
    columns = [c for c in _COLUMNS if c in pf.schema_arrow.names]
    table = pf.read_row_group(part.line, columns=columns).slice(part.start, part.stop - part.start)
    for n, rec in enumerate(table.to_pylist(), start=part.start):
        if rec.get("id") is None or rec.get("id") == "":
            rec["id"] = f"group-{part.line}-row-{n}"
        yield rec

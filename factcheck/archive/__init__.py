"""``factcheck archive``: check a whole archive of articles on Dask, one result row per article.

For your own Dask or Spark pipeline, :func:`check_partition` turns a list of records
(``{"id", "text", "date"?, "url"?}``) into a list of result rows, one per record; a bad
article is a row with an ``error``, never an exception::

    import dask.bag as db
    from factcheck.archive import check_partition
    rows = db.read_text("corpus-*.jsonl").map(json.loads).map_partitions(check_partition)

Modules: ``rows`` (record → row, the row's fields), ``sandbox`` (the per-article time budget),
``batch`` (records → rows, in this process or in the sandbox), ``inputs`` (corpus → partitions
→ records), ``outputs`` (partition files, written atomically), ``cluster`` (the Dask run),
``worker_setup`` (what each worker of a local cluster does first), ``progress`` (the progress
bar), ``cli`` (``main`` and the printed summary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ROW_FIELDS", "ArchiveSettings", "check_partition", "check_record", "main", "run"]

if TYPE_CHECKING:
    from factcheck.archive.batch import check_partition
    from factcheck.archive.cli import main
    from factcheck.archive.cluster import run
    from factcheck.archive.rows import ROW_FIELDS, ArchiveSettings, check_record

_LAZY = {
    "ROW_FIELDS": "factcheck.archive.rows",
    "ArchiveSettings": "factcheck.archive.rows",
    "check_partition": "factcheck.archive.batch",
    "check_record": "factcheck.archive.rows",
    "main": "factcheck.archive.cli",
    "run": "factcheck.archive.cluster",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.archive' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)

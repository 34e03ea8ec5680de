"""A batch of records → one row each, in order: the function for Dask or Spark pipelines.

Above both ways of checking a record: in this process (:mod:`factcheck.archive.rows`), or in a
helper process held to a time budget per article (:mod:`factcheck.archive.sandbox`).
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.archive.rows import ArchiveSettings, Record, Row, check_record
from factcheck.archive.sandbox import sandbox_pool

__all__ = ["check_partition"]


def check_partition(
    records: Iterable[Record], settings: ArchiveSettings | None = None
) -> list[Row]:
    """Check a batch of records; one row per record, in order. For Dask or Spark pipelines.

    With ``settings.article_timeout`` set (the default), articles run in a helper process that
    is killed and replaced when one article overruns; ``None`` checks in this process.
    """
    settings = settings or ArchiveSettings()
    batch = list(records)
    if settings.article_timeout is None or not batch:
        return [check_record(r, settings) for r in batch]
    return sandbox_pool().check(batch, settings)

"""One archive record in, one result row out: the per-article work of ``factcheck archive``.

A *record* is a plain dict, the shape archives come in::

    {"id": "2018/03/22/zuckerberg", "text": "…", "date": "2018-03-22", "url": "https://…"}

``text`` may be replaced by ``path`` (a file to read, as for a directory tree); ``format``
(``text``, ``markdown``, ``html``) is optional and sniffed when absent. A record that already
carries ``error_code``/``error`` (a JSON line that did not parse) passes through as a failure.

A *row* is a flat dict with the fields of :data:`ROW_FIELDS`, the same in Parquet and JSON
Lines. Nothing here raises for a bad article: every problem becomes the row's ``error``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from factcheck.api import CheckOptions, check_document, make_options
from factcheck.errors import InputError
from factcheck.formats import sniff_format
from factcheck.markup import to_document
from factcheck.models import Document, FileResult, Finding
from factcheck.rates import default_rates
from factcheck.sources import DEFAULT_MAX_BYTES, decode, load_document
from factcheck.units import default_units

Record = Mapping[str, Any]
Row = dict[str, Any]

ROW_FIELDS: tuple[str, ...] = (
    "id",  # the record's id (directory input: the path relative to the root)
    "url",  # the record's url, if any
    "date",  # ISO date used for exchange rates, or null
    "date_source",  # record, option, front-matter, meta, time, dateline, none
    "claims",  # number of claims extracted
    "cross_checked",  # claims compared with another claim
    "findings",  # JSON array of findings, as in the JSON report
    "codes",  # the findings' rule codes, in order (one entry per finding)
    "findings_error",  # findings by severity
    "findings_warning",
    "findings_info",
    "error_code",  # why the article could not be checked: encoding, too-large, timeout, …
    "error",  # the one-line message; null when the article was checked
)
_FORMATS = ("text", "markdown", "html")


@dataclass(frozen=True)
class ArchiveSettings:
    """How every article of a run is checked. Frozen and picklable: it travels to workers."""

    date: str | None = None  # for records without their own date (YYYY-MM-DD)
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES  # per article, UTF-8 bytes of its text
    article_timeout: float | None = 30.0  # seconds per article; None checks in-process


@functools.cache
def check_options(settings: ArchiveSettings) -> CheckOptions:
    """The run's options, built once per process (rules and lexicon validated on first use)."""
    options = make_options(None, settings.select, settings.ignore, settings.rule_dirs)
    return dataclasses.replace(options, date=_iso_date(settings.date))


def warm_up(settings: ArchiveSettings) -> None:
    """Build every per-process cache now (lexicon, rules, pint, the ECB table), not per article."""
    options = check_options(settings)
    options.lexicon()
    options.rules()
    default_rates()
    default_units()
    check_record(
        {"id": "warm-up", "text": "It fell by $5billion (£3.5bn) to 5 miles (8 km)."}, settings
    )


def _iso_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"date {text[:40]!r} is not YYYY-MM-DD") from None


def _clean(value: object) -> str | None:
    """A string field as valid Unicode (unpaired surrogates replaced), or None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def failure_row(record: Record, code: str, message: str) -> Row:
    """The row of an article that could not be checked."""
    return {
        "id": _clean(record.get("id")) or "",
        "url": _clean(record.get("url")),
        "date": None,
        "date_source": "none",
        "claims": 0,
        "cross_checked": 0,
        "findings": "[]",
        "codes": [],
        "findings_error": 0,
        "findings_warning": 0,
        "findings_info": 0,
        "error_code": code,
        "error": _clean(message),
    }


def oversize(record: Record, max_bytes: int) -> Row | None:
    """The failure row of a record whose text is over the limit (cheap: no copy when small)."""
    text = record.get("text")
    if isinstance(text, bytes):
        size = len(text)
    elif isinstance(text, str):
        if len(text) * 4 <= max_bytes:  # UTF-8 needs at most 4 bytes a character
            return None
        size = len(text.encode("utf-8", "surrogatepass"))
    else:
        return None
    if size <= max_bytes:
        return None
    return failure_row(
        record, "too-large", f"article is {size:,} bytes, over the limit of {max_bytes:,}"
    )


def _document(record: Record, settings: ArchiveSettings) -> Document:
    name = str(record.get("id") or "<record>")
    fmt = record.get("format") or "auto"
    if fmt != "auto" and fmt not in _FORMATS:
        raise InputError(name, "bad-record", f"format {fmt!r} is not one of {', '.join(_FORMATS)}")
    text = record.get("text")
    if text is None and record.get("path") is not None:
        return load_document(
            str(record["path"]), input_format=fmt, max_bytes=settings.max_bytes, display_path=name
        )
    if isinstance(text, bytes):
        text = decode(text, name)
    if not isinstance(text, str):
        raise InputError(name, "bad-record", "record has no 'text' string")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            name, "encoding", f"text has an unpaired surrogate at character {exc.start}"
        ) from None
    if not text.strip():
        raise InputError(name, "empty", "article text is empty")
    if fmt == "auto":
        fmt = sniff_format(name, text)
    if fmt == "text":
        return Document(path=name, format="text", source=text, text=text)
    return to_document(name, text, fmt)


@functools.cache
def _findings_json() -> Any:
    return TypeAdapter(list[Finding])


def result_row(record: Record, result: FileResult, date_source: str | None) -> Row:
    findings = result.findings
    sev = Counter(f.severity.value for f in findings)
    date = result.date
    return {
        "id": _clean(record.get("id")) or "",
        "url": _clean(record.get("url")),
        "date": date.value if date else None,
        "date_source": date_source or (date.source if date else "none"),
        "claims": len(result.claims),
        "cross_checked": result.cross_checked,
        "findings": _clean(_findings_json().dump_json(findings).decode("utf-8")),
        "codes": [f.code for f in findings],
        "findings_error": sev.get("error", 0),
        "findings_warning": sev.get("warning", 0),
        "findings_info": sev.get("info", 0),
        "error_code": None,
        "error": None,
    }


def check_record(record: Record, settings: ArchiveSettings | None = None) -> Row:
    """Check one record in this process. Never raises for a bad article."""
    settings = settings or ArchiveSettings()
    if record.get("error_code"):
        return failure_row(record, str(record["error_code"]), str(record.get("error") or ""))
    too_big = oversize(record, settings.max_bytes)
    if too_big is not None:
        return too_big
    options = check_options(settings)
    date_source = None
    try:
        own = _iso_date(record.get("date"))
    except ValueError as exc:
        return failure_row(record, "bad-date", str(exc))
    if own is not None:
        options, date_source = dataclasses.replace(options, date=own), "record"
    elif options.date is not None:
        date_source = "option"
    try:
        doc = _document(record, settings)
        result = check_document(doc, options)
    except InputError as exc:
        return failure_row(record, exc.code, exc.problem)
    except RecursionError:
        return failure_row(record, "crash", "RecursionError: input nested too deeply")
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else ""
        return failure_row(record, "crash", f"{type(exc).__name__}: {first}"[:500])
    return result_row(record, result, date_source)


@dataclass
class Tally:
    """Counts over rows; partitions' tallies add up to the run's summary."""

    articles: int = 0
    failed: int = 0
    with_errors: int = 0  # articles with at least one finding of severity error
    claims: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # by severity
    by_rule: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # by error_code

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Tally:
        t = cls(articles=len(rows))
        for r in rows:
            if r["error_code"]:
                t.failed += 1
                t.failures[r["error_code"]] += 1
                continue
            t.with_errors += r["findings_error"] > 0
            t.claims += r["claims"]
            t.by_rule.update(r["codes"])
            for sev in ("error", "warning", "info"):
                t.findings[sev] += r[f"findings_{sev}"]
        return t

    def __iadd__(self, other: Tally) -> Tally:
        self.articles += other.articles
        self.failed += other.failed
        self.with_errors += other.with_errors
        self.claims += other.claims
        self.findings.update(other.findings)
        self.by_rule.update(other.by_rule)
        self.failures.update(other.failures)
        return self

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failed": self.failed,
            "articles_with_errors": self.with_errors,
            "claims": self.claims,
            "findings": {s: self.findings.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.by_rule.items())),
            "failures": dict(sorted(self.failures.items())),
        }


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2)

"""A request to check → a validated :class:`CheckJob`, or a :class:`JobError` saying what is wrong.

The body of ``POST /v1/check`` is a JSON object; the page's form post gives the same fields::

    text          the story (required; a string)
    format        "text", "markdown", "html" or "auto" (default: from ``path``, else the text)
    path          the name to report the text under, and to pick its format by (default "<text>")
    date          "YYYY-MM-DD": the story's date, for exchange rates (default: from the story)
    select        rule codes or prefixes to run instead of the configuration's (list or "A,B")
    ignore        rule codes or prefixes not to run (list or "A,B")
    min_severity  "info", "warning" or "error": the findings shown (default: the configuration's)

Each field means what the command line's option of that name means (``--input-format``,
``--stdin-filename``, ``--date``, ``--select``, ``--ignore``, ``--min-severity``), so a check
through the service gives what ``factcheck -f json`` gives. A body that cannot be read as a
check (not JSON, not an object, no ``text``) is a 400; a field with a bad value, or one that is
not listed here, is a 422. No message ever quotes the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.errors import ConfigError
from factcheck.ruleset import validate_codes

__all__ = ["FIELDS", "CheckJob", "JobError", "job_from_fields", "job_from_json"]

View = Literal["json", "html"]
FIELDS = ("text", "format", "path", "date", "select", "ignore", "min_severity")
DEFAULT_PATH = "<text>"
MAX_PATH = 1024  # characters: a file name, not a story
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class JobError(Exception):
    """A request that cannot be checked: the HTTP status, a machine-readable code, one line."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def as_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


@dataclass(frozen=True)
class CheckJob:
    """One story to check, with its options decided: what a checker process is sent."""

    text: str
    format: str = "auto"
    path: str = DEFAULT_PATH
    date: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    min_severity: str | None = None
    view: View = "json"  # the JSON report, or the HTML report's sections (the page)


def _codes(value: object) -> object:
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(
            c.strip().upper() if c.strip().lower() == "all" else c.strip()
            for c in value
            if c.strip()
        )
    return value


class _Body(BaseModel):
    """The fields as sent; strict, so that a number is never taken for a string."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    text: str
    format: Literal["auto", "text", "markdown", "html"] = "auto"
    path: str = Field(default=DEFAULT_PATH, min_length=1, max_length=MAX_PATH)
    date: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    min_severity: Literal["info", "warning", "error"] | None = None

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return None if value is None else _codes(value)

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is None:
            return None
        import datetime as dt

        if not _DATE.fullmatch(value):
            raise ValueError("expected YYYY-MM-DD")
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"not a date ({exc})") from None
        return value

    @field_validator("path")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if any(ord(c) < 32 or c == "\x7f" for c in value):
            raise ValueError("a file name has no control characters")
        return value


def _problem(exc: ValidationError) -> JobError:
    """The first error, as "[field] what was expected" (the input itself is never quoted)."""
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    field = loc[0] if loc else ""
    if err.get("type") == "extra_forbidden":
        return JobError(
            422, "unknown-option", f"unknown option {field!r}; known: {', '.join(FIELDS)}"
        )
    if field == "text":
        what = "missing" if err.get("type") == "missing" else "must be a string"
        return JobError(400, "bad-body", f"[text] {what}: the story to check")
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return JobError(422, "bad-option", f"[{'.'.join(loc)}] {msg}")


def job_from_fields(
    fields: Mapping[str, object], known_codes: Iterable[str], view: View = "json"
) -> CheckJob:
    """Validated fields → a job; JobError (400 or 422) naming the field otherwise."""
    data = {k: v for k, v in fields.items() if v is not None}
    try:
        body = _Body.model_validate(data)
    except ValidationError as exc:
        raise _problem(exc) from None
    if not body.text.strip():
        raise JobError(422, "empty", "[text] is empty: there is nothing to check")
    try:
        body.text.encode("utf-8")
    except UnicodeEncodeError:
        raise JobError(
            400, "bad-body", "[text] is not valid Unicode (an unpaired surrogate)"
        ) from None
    known = list(known_codes)
    for name in ("select", "ignore"):
        try:
            validate_codes(list(getattr(body, name) or ()), known, name)
        except ConfigError as exc:
            raise JobError(422, "bad-option", f"[{name}] {exc.problem}") from None
    return CheckJob(
        text=body.text,
        format=body.format,
        path=body.path,
        date=body.date,
        select=body.select,
        ignore=body.ignore,
        min_severity=body.min_severity,
        view=view,
    )


def job_from_json(raw: bytes, known_codes: Iterable[str], view: View = "json") -> CheckJob:
    """A JSON body → a job (``POST /v1/check``)."""
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise JobError(400, "bad-json", "the body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise JobError(
            400,
            "bad-json",
            f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        ) from None
    if not isinstance(data, dict):
        raise JobError(400, "bad-body", "the body must be a JSON object with a 'text' field")
    return job_from_fields(data, known_codes, view)

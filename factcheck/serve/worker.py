"""What a checker process does with a :class:`~factcheck.serve.job.CheckJob`: the reply to send.

A story is checked exactly as ``factcheck -f json --stdin-filename PATH -`` checks it in the
service's folder: the same configuration (the file nearest to that folder, or ``--config``; the
request's ``select``/``ignore``/``min_severity`` laid on top as the command line's flags are),
the same reading of the text (:func:`factcheck.sources.document_from_bytes`: the same refusals of
binary or empty input), the same filtering by ``min-severity`` and the same JSON renderer. The
page gets the HTML report's sections of that same report instead.

This module runs in the checker processes (:mod:`factcheck.serve.pool`), never in the server's
event loop. It never raises: a story that cannot be checked is a reply with an error code, and
an internal error is logged as its type and place only, never with the text or its message.
"""

from __future__ import annotations

import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.serve.job import CheckJob

if TYPE_CHECKING:
    from factcheck.config import Settings

__all__ = ["Checker", "Reply", "ServiceConfig", "handle", "setup"]

_MAX_SETTINGS = 64  # (select, ignore, min_severity) combinations kept resolved per process
_WARM_TEXT = "It fell by $5billion (£3.5bn) to 5 miles (8 km) on Thursday, March 22, 2018."


@dataclass(frozen=True)
class ServiceConfig:
    """Where the service runs and which configuration it reads (the command line's choice)."""

    cwd: str
    config: str | None = None
    isolated: bool = False


@dataclass(frozen=True)
class Reply:
    """A status and the body to send: the report, or one line for an error (with its code)."""

    status: int
    body: str
    error: str | None = None  # machine-readable code when the status is not 200
    summary: str = ""  # "2 errors, 2 warnings, 0 info" (the page's status line)
    check_ms: float = 0.0


class Checker:
    """One process's checker: settings resolved once per combination of options."""

    def __init__(self, service: ServiceConfig) -> None:
        self.service = service
        self._settings: dict[tuple[object, ...], Settings] = {}

    def settings(self, job: CheckJob) -> Settings:
        from factcheck.config import Overrides, Resolver
        from factcheck.models import Severity

        key = (job.select, job.ignore, job.min_severity)
        found = self._settings.get(key)
        if found is None:
            overrides = Overrides(
                select=job.select,
                ignore=job.ignore,
                min_severity=Severity(job.min_severity) if job.min_severity else None,
            )
            cwd = Path(self.service.cwd)
            resolver = Resolver(
                overrides, config=self.service.config, isolated=self.service.isolated, cwd=cwd
            )
            found = resolver.for_dir(cwd)
            if len(self._settings) >= _MAX_SETTINGS:
                self._settings.clear()
            self._settings[key] = found
        return found

    def check(self, job: CheckJob) -> Reply:
        """The reply for ``job``; never raises."""
        from factcheck.errors import ConfigError, InputError

        started = time.perf_counter()
        try:
            reply = self._check(job)
        except InputError as exc:
            return Reply(422, f"the text cannot be checked: {exc.problem}", error=exc.code)
        except ConfigError as exc:
            return Reply(422, str(exc), error="bad-option")
        except Exception as exc:  # a bug: say so, without the text (or a message quoting it)
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            print(
                f"factcheck serve: internal error {type(exc).__name__} at {where}",
                file=sys.stderr,
                flush=True,
            )
            return Reply(
                500,
                f"internal error ({type(exc).__name__} at {where}); please report it",
                error="internal-error",
            )
        elapsed = (time.perf_counter() - started) * 1000
        return Reply(reply.status, reply.body, summary=reply.summary, check_ms=elapsed)

    def _check(self, job: CheckJob) -> Reply:
        import datetime as dt

        from factcheck.api import CheckOptions, check_document, make_report
        from factcheck.reporters import RenderContext, render
        from factcheck.reporters.html_report import counts, sections
        from factcheck.runner import at_least
        from factcheck.sources import document_from_bytes

        settings = self.settings(job)
        doc = document_from_bytes(
            job.text.encode("utf-8"),
            job.path,
            input_format=job.format,
            skip_blockquotes=settings.skip_blockquotes,
        )
        options = CheckOptions(
            date=dt.date.fromisoformat(job.date) if job.date else None,
            selection=settings.selection_for(job.path),
            rule_dirs=settings.rule_dirs,
        )
        result = at_least(check_document(doc, options), settings.min_severity)
        report = make_report([result])
        if job.view == "json":
            return Reply(200, render(report, "json"), summary=counts(report))
        ctx = RenderContext(
            rules={r.code: r for r in settings.rules},
            sources={job.path: doc.source},
            min_severity=settings.min_severity,
        )
        return Reply(200, sections(report, ctx), summary=counts(report))

    def warm(self) -> None:
        """Build every cache now (configuration, rules, lexicon, pint, the ECB table)."""
        from factcheck.rates import default_rates
        from factcheck.units import default_units

        self.settings(CheckJob(text=""))
        default_rates()
        default_units()
        self.check(CheckJob(text=_WARM_TEXT))
        self.check(CheckJob(text=_WARM_TEXT, format="markdown", view="html"))


def setup(service: ServiceConfig) -> Checker:
    """A checker process's start: its checker, warmed up."""
    checker = Checker(service)
    checker.warm()
    return checker


def handle(checker: Checker, job: CheckJob) -> Reply:
    return checker.check(job)

"""An editor's document → its checked result, as ``factcheck FILE`` would give it.

The document is read as the command line reads the file (``factcheck.sources``: the same format
from the language id or the name, the same refusals), with the settings of the configuration
nearest to the file (``[tool.factcheck]``, ``factcheck.toml`` …, looked up again on every check,
so an edited configuration counts at once), its per-file ignores, rule folders and
``min-severity``, and the date from its front matter or metadata, else its dateline. A
document that is not a file on disk (``untitled:``) uses the configuration of the workspace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from factcheck.api import CheckOptions, check_document
from factcheck.config import Overrides, Resolver, Settings
from factcheck.errors import ConfigError, InputError
from factcheck.markup import to_document
from factcheck.models import Document, FileResult
from factcheck.runner import at_least
from factcheck.sources import DEFAULT_MAX_BYTES, decode

__all__ = ["Checked", "Problem", "check_text", "format_for"]

# LSP language ids → factcheck's input formats; any other id: from the name, else the text
_LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}


@dataclass(frozen=True)
class Problem:
    """Why a document could not be checked: its configuration, or its content (one line)."""

    code: str  # "config", or an InputError code (binary, encoding, too-large)
    message: str


@dataclass(frozen=True)
class Checked:
    """One version of a document, checked."""

    uri: str
    version: int | None
    source: str
    path: str  # the file's path, or the URI for a document that is not a file
    format: str  # text, markdown or html: as it was read
    result: FileResult | None  # None: nothing to check (empty), or a problem
    settings: Settings | None
    problem: Problem | None = None

    @property
    def date(self) -> dt.date | None:
        d = self.result.date if self.result else None
        return dt.date.fromisoformat(d.value) if d and d.value else None


def format_for(language_id: str | None) -> str:
    return _LANGUAGES.get((language_id or "").lower(), "auto")


def settings_for(path: str | None, workspace: str | None) -> Settings:
    """The settings the command line would use for ``path`` (a fresh look every time)."""
    resolver = Resolver(Overrides())
    if path is not None:
        return resolver.for_file(path)
    return resolver.for_dir(workspace or Path.cwd())


def check_text(
    uri: str,
    version: int | None,
    source: str,
    *,
    path: str | None,
    language_id: str | None,
    workspace: str | None = None,
) -> Checked:
    """Check one version of a document; a problem is returned, never raised."""
    shown = path or uri
    fmt = format_for(language_id)
    base = Checked(uri, version, source, shown, "text", None, None)
    try:
        settings = settings_for(path, workspace)
    except ConfigError as exc:
        return _with(base, problem=Problem("config", f"configuration: {exc}"))
    base = _with(base, settings=settings)
    data = source.encode("utf-8", "surrogatepass")
    if len(data) > DEFAULT_MAX_BYTES:
        return _with(
            base,
            problem=Problem(
                "too-large",
                f"the document is {len(data):,} bytes, "
                f"over factcheck's limit of {DEFAULT_MAX_BYTES:,}",
            ),
        )
    if not source.strip():
        return base  # nothing to check, nothing to say
    try:
        decode(data, shown)  # the command line's refusals (binary content …); the text itself
        # is the editor's, BOM included, so that every offset is one the editor knows
    except InputError as exc:
        return _with(base, problem=Problem(exc.code, exc.problem))
    doc: Document = to_document(shown, source, fmt, skip_blockquotes=settings.skip_blockquotes)
    options = CheckOptions(selection=settings.selection_for(shown), rule_dirs=settings.rule_dirs)
    try:
        result = at_least(check_document(doc, options), settings.min_severity)
    except Exception as exc:  # a bug: shown in the document, never lost in a log
        return _with(
            base,
            problem=Problem(
                "internal-error", f"internal error ({type(exc).__name__}); please report it"
            ),
        )
    assert isinstance(result, FileResult)
    return _with(base, result=result, format=doc.format, source=doc.source)


def _with(base: Checked, **changes: object) -> Checked:
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]

"""The whole pipeline in one readable place: load → segment → extract → relate → check → report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import __version__
from factcheck.dates import dateline
from factcheck.engine import run as run_checks
from factcheck.errors import ConfigError, InputError
from factcheck.extractors import extract_mentions, mentions_to_claims
from factcheck.formats import check_format
from factcheck.lexicon import Lexicon, load_lexicon
from factcheck.models import (
    Claim,
    DateInfo,
    Document,
    FileError,
    FileFailure,
    FileResult,
    Finding,
    Report,
    Summary,
    ToolInfo,
)
from factcheck.registry import CheckContext
from factcheck.relations import freeze, relate
from factcheck.ruleset import RuleSpec, Selection, effective_rules, load_rules, validate_codes
from factcheck.segment import LineIndex, unwrap
from factcheck.subunits import in_main_unit

__all__ = [
    "CheckOptions",
    "check",
    "check_document",
    "check_file",
    "extract",
    "make_options",
    "make_report",
]


@dataclass(frozen=True)
class CheckOptions:
    """How to check: the date for exchange rates, which rules, extra rule folders, providers."""

    date: dt.date | None = None
    selection: Selection = field(default_factory=Selection)
    rule_dirs: tuple[str, ...] = ()
    rates: Callable[[], object] | None = None  # a RateProvider factory (tests use FixedRates)
    units: Callable[[], object] | None = None

    def lexicon(self) -> Lexicon:
        return load_lexicon(self.rule_dirs)

    def rules(self) -> list[RuleSpec]:
        return _effective(load_rules(self.rule_dirs), self.selection)


# The enabled rules of a (rule set, selection) pair, built on first use: options copied for each
# article of an archive (with its own date) share both, and so the same list of rule specs.
_EFFECTIVE: dict[tuple[int, int], tuple[object, Selection, list[RuleSpec]]] = {}


def _effective(rules: Sequence[RuleSpec], selection: Selection) -> list[RuleSpec]:
    key = (id(rules), id(selection))
    hit = _EFFECTIVE.get(key)
    if hit is None or hit[0] is not rules or hit[1] is not selection:  # both kept alive here
        if len(_EFFECTIVE) > 256:
            _EFFECTIVE.clear()
        hit = (rules, selection, effective_rules(rules, selection))
        _EFFECTIVE[key] = hit
    return list(hit[2])


def extract(text: str) -> list[Claim]:
    """Every numeric claim in ``text``, in order. Never raises on any string."""
    lex = load_lexicon()
    flat = unwrap(text)  # line breaks inside a sentence read as spaces, offsets unchanged
    mentions = extract_mentions(flat, lex).mentions
    relate(flat, mentions, lex, roles_only=True)  # fills each claim's role, from_claim, converts
    return mentions_to_claims(text, mentions)


def check_document(doc: Document, options: CheckOptions | None = None) -> FileResult:
    """Extract and cross-check one decoded document."""
    options = options or CheckOptions()
    lex = options.lexicon()
    flat = unwrap(doc.text)  # line breaks inside a sentence read as spaces, offsets unchanged
    found = extract_mentions(flat, lex)
    mentions = found.mentions
    mapped = bool(doc.offsets.text_starts)
    if mapped:
        # messages name lines ("(line 8)"): count them in the file as written
        source_lines = LineIndex(doc.source)

        def position(offset: int) -> tuple[int, int]:
            return source_lines.position(doc.offsets.to_source(offset))
    else:
        position = LineIndex(doc.text).position
    drafts = relate(flat, mentions, lex)
    claims = mentions_to_claims(doc.text, mentions, position=position)
    relations = freeze(drafts, doc.text, position)
    if options.date is not None:
        date = DateInfo(value=options.date.isoformat(), source="option")
    elif doc.date.value is not None:
        date = doc.date
    else:
        date = dateline(doc.text, lex)
    # Every rule reads what the extractor read: where it stopped at its figure cap (NUM002), so
    # do the checks that scan the text themselves (weekdays, malformed numerals).
    read = len(doc.text) if found.truncated_at is None else found.truncated_at
    lowered = found.lowered if flat is doc.text else None
    minor = lex.minor_currencies
    ctx = CheckContext(
        doc.text[:read] if read < len(doc.text) else doc.text,
        [in_main_unit(c, minor) for c in claims],  # "164p" checked as £1.64 (subunits.py)
        lex,
        relations=relations,
        date=date,
        rates=options.rates,  # type: ignore[arg-type]
        units=options.units,  # type: ignore[arg-type]
        clause_breaks=found.clause_breaks,
        text_lower=lowered[:read] if lowered is not None and len(lowered) > read else lowered,
    )
    ctx.malformed = [span for span in found.malformed if span[0] < read]
    ctx.truncated_at = found.truncated_at
    ctx.invalid_suppressions = list(doc.invalid_suppressions)
    findings = run_checks(ctx, options.rules(), suppressions=doc.suppressions, position=position)
    if mapped:
        from factcheck.relocate import relocate

        claims, relations, findings = relocate(doc, claims, relations, findings)
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    # every field built above with its final type (the claims and findings themselves are
    # pydantic models): no need to walk the lists again to validate them
    return FileResult.trusted(
        path=doc.path,
        format=doc.format,
        date=date,
        claims=claims,
        relations=relations,
        findings=findings,
        cross_checked=len(ctx.compared),
    )


def _plain(text: str, path: str) -> Document:
    return Document(path=path, format="text", source=text, text=text)


def make_report(results: Sequence[FileResult | FileFailure]) -> Report:
    findings: list[Finding] = [f for r in results if isinstance(r, FileResult) for f in r.findings]
    by_sev = Counter(f.severity.value for f in findings)
    by_rule = Counter(f.code for f in findings)
    ok = [r for r in results if isinstance(r, FileResult)]
    return Report(
        tool=ToolInfo(version=__version__),
        files=list(results),
        summary=Summary(
            files=len(results),
            failed=len(results) - len(ok),
            claims=sum(len(r.claims) for r in ok),
            cross_checked=sum(r.cross_checked for r in ok),
            findings={s: by_sev.get(s, 0) for s in ("error", "warning", "info")},
            by_rule=dict(sorted(by_rule.items())),
        ),
    )


def make_options(
    date: str | dt.date | None,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    rule_dirs: Iterable[str | Path] = (),
) -> CheckOptions:
    """The options of :func:`check` from its arguments; a ConfigError names a bad date or an
    unknown rule code."""
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise ConfigError("date", f"expected YYYY-MM-DD, got {date!r}") from None
    dirs = tuple(str(d) for d in rule_dirs)
    sel = Selection(select=tuple(select) if select else ("ALL",), ignore=tuple(ignore or ()))
    known = [r.code for r in load_rules(dirs)]
    validate_codes([*sel.select, *sel.ignore], known, "select/ignore")
    return CheckOptions(date=date, selection=sel, rule_dirs=dirs)


def check(
    text: str,
    *,
    date: str | dt.date | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    rule_dirs: Iterable[str | Path] = (),
    path: str = "<text>",
    input_format: str = "text",
) -> Report:
    """Check one text; the report has one file entry. The library never prints.

    ``input_format`` is ``text``, ``markdown``, ``html`` or ``auto``; another is a ConfigError.
    """
    check_format(input_format)
    options = make_options(date, select, ignore, rule_dirs)
    if input_format == "text":
        doc = _plain(text, path)
    else:
        from factcheck.markup import to_document

        doc = to_document(path, text, input_format)
    return make_report([check_document(doc, options)])


def check_file(
    path: str | Path,
    *,
    date: str | dt.date | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    rule_dirs: Iterable[str | Path] = (),
    input_format: str = "auto",
) -> Report:
    """Check one file (text, Markdown or HTML). A file that cannot be read is a FileFailure;
    an ``input_format`` other than ``auto``, ``text``, ``markdown``, ``html`` a ConfigError."""
    check_format(input_format)
    options = make_options(date, select, ignore, rule_dirs)
    from factcheck.sources import load_document

    try:
        doc = load_document(str(path), input_format=input_format)
    except InputError as exc:
        return make_report(
            [FileFailure(path=exc.path, error=FileError(code=exc.code, message=exc.problem))]
        )
    return make_report([check_document(doc, options)])

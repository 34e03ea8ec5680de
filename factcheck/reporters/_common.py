"""Helpers shared by the reporters: walking a report, neutralising article text, fingerprints.

Article text reaches every output format (in messages, claim texts, paths and source lines), so
each format escapes it for its own syntax. The helpers here do the format-independent part:

* :func:`terminal_safe` maps every control character (C0, DEL, C1) and every bidirectional
  override to a visible, single-cell stand-in, one character for one, so offsets and columns
  stay aligned and no escape sequence from an article ever reaches a terminal;
* :func:`one_line` does the same and also turns line breaks into visible marks, for formats
  where a finding is one line;
* :func:`fingerprints` gives each finding a stable identity from its path, code and the
  normalised text of its claims, never from line numbers (SARIF, GitLab, baselines).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from factcheck.models import Claim, FileFailure, FileResult, Finding, Report, Severity


def _terminal_table(keep_newline: bool) -> Mapping[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}  # ␀ … ␟ control pictures
    table[0x09] = " "
    if keep_newline:
        del table[0x0A]
    table[0x7F] = "\u2421"  # ␡
    for c in range(0x80, 0xA0):  # C1 controls: 0x9b is a CSI on some terminals
        table[c] = "\ufffd"
    for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029):
        table[c] = "\ufffd"  # bidi embeddings/overrides/isolates; line/paragraph separators
    return MappingProxyType(table)


_TERMINAL = _terminal_table(keep_newline=True)
_ONE_LINE = _terminal_table(keep_newline=False)

SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def terminal_safe(text: str) -> str:
    """``text`` with control characters made visible, one character for one (LF kept)."""
    return text.translate(_TERMINAL)


def one_line(text: str) -> str:
    """``text`` on one line: like :func:`terminal_safe`, and LF shown as ␊ too."""
    return text.translate(_ONE_LINE)


@dataclass(frozen=True)
class Located:
    """A finding with the file it belongs to and that file's claims by id."""

    file_index: int
    result: FileResult
    finding: Finding
    fingerprint: str

    @property
    def path(self) -> str:
        return self.result.path

    def claim(self, claim_id: str) -> Claim | None:
        for c in self.result.claims:
            if c.id == claim_id:
                return c
        return None


def claims_by_id(result: FileResult) -> dict[str, Claim]:
    return {c.id: c for c in result.claims}


def results(report: Report) -> Iterator[tuple[int, FileResult]]:
    """Files that could be read, with their index in ``report.files``."""
    for i, r in enumerate(report.files):
        if isinstance(r, FileResult):
            yield i, r


def failures(report: Report) -> list[FileFailure]:
    return [r for r in report.files if isinstance(r, FileFailure)]


def normalise_claim_text(text: str) -> str:
    """The text of a claim as compared across edits: NFKC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _fingerprint(path: str, finding: Finding, claims: Mapping[str, Claim], occurrence: int) -> str:
    texts = [normalise_claim_text(claims[c].text) if c in claims else c for c in finding.claims]
    parts = [path.replace("\\", "/"), finding.code, *texts]
    if occurrence > 1:  # the same figures contradicting each other twice in one file
        parts.append(f"#{occurrence}")
    # a path from a library caller may hold the lone surrogates of a non-UTF-8 file name:
    # hashed as the name's bytes
    data = "\x1f".join(parts).encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()[:32]


def located(report: Report) -> list[Located]:
    """Every finding in report order, each with a stable fingerprint unique in the report."""
    out: list[Located] = []
    for i, result in results(report):
        by_id = claims_by_id(result)
        seen: dict[str, int] = {}
        for finding in result.findings:
            base = _fingerprint(result.path, finding, by_id, 1)
            seen[base] = seen.get(base, 0) + 1
            fp = base if seen[base] == 1 else _fingerprint(result.path, finding, by_id, seen[base])
            out.append(Located(i, result, finding, fp))
    return out


def by_severity(items: list[Located]) -> list[Located]:
    """Errors first, then warnings, then info; report order kept within a severity."""
    return sorted(items, key=lambda x: -x.finding.severity.rank)


def suggestion_text(finding: Finding) -> str | None:
    """'£35m → £35bn', or None when the finding suggests no replacement."""
    s = finding.suggestion
    if s is None:
        return None
    original = s.original or ""
    return f"{original} → {s.replacement}" if original else s.replacement


def line_starts(source: str) -> list[int]:
    """Offsets where each line starts (lines end at LF only, as in :mod:`factcheck.segment`)."""
    starts = [0]
    i = source.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = source.find("\n", i + 1)
    return starts


def to_offset(starts: list[int], source: str, line: int, column: int) -> int:
    """1-based line:column → offset in ``source``, clamped to the text and to the line."""
    if line < 1:
        return 0
    if line > len(starts):
        return len(source)
    end = starts[line] - 1 if line < len(starts) else len(source)
    return min(end, starts[line - 1] + max(0, column - 1))


def source_span(starts: list[int], source: str, claim: Claim) -> tuple[int, int]:
    """The claim's ``[start, end)`` in the *source* file (positions are source line:column)."""
    a = to_offset(starts, source, claim.line, claim.column)
    b = to_offset(starts, source, claim.end_line, claim.end_column)
    return a, max(a, b)

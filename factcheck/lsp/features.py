"""A checked document → what the editor shows: diagnostics, code actions and hovers.

* a **diagnostic** per finding: the blamed claim's range, the rule code, the severity, the
  message, and a related location for every other claim involved;
* a **code action** per suggested fix ("Replace £35m with £35bn"), and in Markdown and HTML one
  that inserts the inline suppression comment for the finding's paragraph. Where the comment
  goes is checked, not guessed: each placement is tried on a copy of the text, and the first
  one after which the finding is gone and nothing new is found is offered (none, if none is);
* a **hover** on a claim: how it was read (value, unit, range, hedge, what it measures, the
  change it states) and, on a currency conversion, the rate and the date it was checked at.

Everything here is a pure function of a :class:`~factcheck.lsp.documents.Checked`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from lsprotocol import types

from factcheck import fmt
from factcheck.lsp.documents import Checked, check_text
from factcheck.lsp.positions import Lines
from factcheck.models import Claim, ClaimKind, Finding, Severity

__all__ = ["code_actions", "diagnostics", "hover", "suppression_edit"]

SOURCE = "factcheck"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def diagnostics(checked: Checked, lines: Lines) -> list[types.Diagnostic]:
    if checked.problem is not None:
        return [
            types.Diagnostic(
                range=lines.range(0, 0),
                message=f"factcheck: {checked.problem.message}",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
                code=checked.problem.code,
            )
        ]
    if checked.result is None:
        return []
    return [_diagnostic(checked, lines, i, f) for i, f in enumerate(checked.result.findings)]


def _diagnostic(checked: Checked, lines: Lines, index: int, f: Finding) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=checked.uri, range=lines.range(*r.span)),
            message=f"{r.text}: the other figure",
        )
        for r in f.related
    ]
    return types.Diagnostic(
        range=lines.range(*f.span),
        message=f.message,
        severity=_SEVERITY[f.severity],
        code=f.code,
        source=SOURCE,
        related_information=related or None,
        data={"finding": index, "version": checked.version, "name": f.name},
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_actions(
    checked: Checked, lines: Lines, wanted: types.Range, workspace: str | None = None
) -> list[types.CodeAction]:
    """The fixes and suppressions for the findings whose range meets ``wanted``."""
    if checked.result is None:
        return []
    actions: list[types.CodeAction] = []
    for i, f in enumerate(checked.result.findings):
        diag = _diagnostic(checked, lines, i, f)
        if not _overlaps(diag.range, wanted):
            continue
        s = f.suggestion
        if s is not None:
            original = s.original or checked.source[s.span[0] : s.span[1]]
            edit = types.TextEdit(range=lines.range(*s.span), new_text=s.replacement)
            actions.append(
                types.CodeAction(
                    title=f"Replace {original} with {s.replacement}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={checked.uri: [edit]}),
                )
            )
        insert = suppression_edit(checked, f, workspace)
        if insert is not None:
            at, text = insert
            edit = types.TextEdit(range=lines.range(at, at), new_text=text)
            actions.append(
                types.CodeAction(
                    title=f"Ignore {f.code} in this paragraph ({text.strip()})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=types.WorkspaceEdit(changes={checked.uri: [edit]}),
                )
            )
    return actions


# --- the suppression comment ----------------------------------------------------------------


def _key(f: Finding, source: str) -> tuple[str, str]:
    return f.code, source[f.span[0] : f.span[1]]


def _placements(checked: Checked, f: Finding, comment: str) -> Iterator[tuple[int, str]]:
    """Where the comment may go, best first: on a line of its own before the paragraph (its
    indentation kept); at the start of the finding's line; just before the blamed figure."""
    source = checked.source
    start = f.span[0]
    line_start = source.rfind("\n", 0, start) + 1
    para = line_start
    while para > 0:  # back to the first line after a blank one
        prev = source.rfind("\n", 0, para - 1) + 1
        if not source[prev:para].strip():
            break
        para = prev
    indent = source[para : len(source) - len(source[para:].lstrip(" \t"))]
    newline = "\r\n" if "\r\n" in source else "\n"
    yield para, f"{indent}{comment}{newline}"
    text_start = line_start + len(source[line_start:]) - len(source[line_start:].lstrip(" \t"))
    yield text_start, f"{comment} "
    yield start, comment


def suppression_edit(
    checked: Checked, f: Finding, workspace: str | None = None
) -> tuple[int, str] | None:
    """Where to insert ``<!-- factcheck: ignore[CODE] -->`` so that ``f`` goes and nothing new
    comes (Markdown and HTML only: plain text has no comments), and the text to insert."""
    if checked.format not in ("markdown", "html") or checked.result is None:
        return None
    comment = f"<!-- factcheck: ignore[{f.code}] -->"
    before = [_key(g, checked.source) for g in checked.result.findings]
    target = _key(f, checked.source)
    seen: set[int] = set()
    for at, text in _placements(checked, f, comment):
        if at in seen:
            continue
        seen.add(at)
        edited = checked.source[:at] + text + checked.source[at:]
        again = check_text(
            checked.uri,
            None,
            edited,
            path=checked.path,
            language_id=checked.format,
            workspace=workspace,
        )
        if again.result is None:
            continue
        after = [_key(g, edited) for g in again.result.findings]
        if after.count(target) < before.count(target) and set(after) <= set(before):
            return at, text
    return None


# --- hover ----------------------------------------------------------------------------------


# inline Markdown only: every row starts with "- " and the text is one line, so block syntax
# (#, -, +, >, numbers) cannot arise; links need [ and HTML needs <
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


def _md(text: str) -> str:
    """Article text as literal Markdown: no link, image, HTML or emphasis can come of it."""
    return " ".join(text.split()).translate(_MARKDOWN)


def claim_at(checked: Checked, offset: int) -> Claim | None:
    if checked.result is None:
        return None
    inside = [c for c in checked.result.claims if c.start <= offset < max(c.end, c.start + 1)]
    return min(inside, key=lambda c: c.end - c.start) if inside else None


def _value(c: Claim) -> str:
    if c.kind == ClaimKind.YEAR:
        return str(int(c.value))
    written = fmt.claim_value(c)
    if c.unit and c.kind == ClaimKind.MONEY:
        written += f" ({c.unit})"
    elif c.kind == ClaimKind.MULTIPLIER:
        written = f"×{fmt.sig(c.value)}"
    elif c.kind == ClaimKind.FRACTION:
        written = fmt.percent(c.value * 100)
    return (
        f"{written} — {fmt.sig(c.value, 6)} in base units"
        if c.kind in (ClaimKind.MONEY, ClaimKind.COUNT)
        else written
    )


def _rate_line(checked: Checked, original: Claim, converted: Claim) -> str | None:
    """How a currency conversion was checked: the finding's own figures when there is one,
    else the ECB rate of the article's date (or, with no date, the band the check uses)."""
    base, quote = original.unit, converted.unit
    if not (base and quote) or base == quote:
        return None
    assert checked.result is not None
    for f in checked.result.findings:
        v = f.values
        if {original.id, converted.id} <= set(f.claims) and "rate_source" in v:
            if v.get("rate") is not None and v.get("rate_date"):
                return (
                    f"at {fmt.money(1, base)} = {fmt.rate(float(v['rate']))} {quote}, "
                    f"{v['rate_source']} of {v['rate_date']}"
                )
            low, high = v.get("rate_low"), v.get("rate_high")
            period = v.get("rate_period") or ("?", "?")
            if low is not None and high is not None:
                return (
                    f"at {fmt.money(1, base)} = {fmt.rate(float(low))}–"
                    f"{fmt.rate(float(high))} {quote}, {v['rate_source']} "
                    f"{period[0]}–{period[1]} (no article date found)"
                )
    return _provider_rate(checked, original, base, quote)


def _provider_rate(checked: Checked, original: Claim, base: str, quote: str) -> str | None:
    from factcheck.rates import default_rates

    rates = default_rates()
    if not (rates.knows(base) and rates.knows(quote)):
        return None
    on = checked.date
    if on is not None:
        q = rates.rate(base, quote, on)
        if q is None:
            return None
        expected = fmt.money(original.value * q.rate, quote)
        return (
            f"at {fmt.money(1, base)} = {fmt.rate(q.rate)} {quote} ({rates.name}, "
            f"{q.date.isoformat()}; the article's date is {on.isoformat()}): "
            f"about {expected}"
        )
    first, last = rates.coverage()
    assert checked.result is not None
    years = [
        int(c.high if c.high is not None else c.value)
        for c in checked.result.claims
        if c.kind == ClaimKind.YEAR
    ]
    years += [c.anchor_year for c in checked.result.claims if c.anchor_year is not None]
    plausible = [y for y in years if 1990 <= y <= dt.date.today().year]
    start = max(max(plausible) if plausible else first.year, first.year)
    band = rates.band(base, quote, dt.date(min(start, last.year), 1, 1), last)
    if band is None:
        return None
    return (
        f"at {fmt.money(1, base)} = {fmt.rate(band[0])}–{fmt.rate(band[1])} {quote} "
        f"({rates.name} {min(start, last.year)}–{last.year}; no article date found): "
        f"about {fmt.money(original.value * band[0], quote)}–"
        f"{fmt.money(original.value * band[1], quote)}"
    )


def hover(checked: Checked, lines: Lines, position: types.Position) -> types.Hover | None:
    c = claim_at(checked, lines.offset(position))
    if c is None or checked.result is None:
        return None
    by_id = {x.id: x for x in checked.result.claims}
    rows = [f"**{_md(c.text)}** — {c.kind.value.replace('_', ' ')}", "", f"- value: {_value(c)}"]
    if c.low is not None and c.high is not None and c.low != c.high:
        rows.append(f"- range: {fmt.claim_value(c, c.low)} to {fmt.claim_value(c, c.high)}")
    if c.per:
        rows.append(f"- per {c.per}")
    if c.hedge:
        side = (c.hedge_direction or "approx").replace("_", " ")
        rows.append(f"- hedged: “{_md(c.hedge)}” ({side})")
    if c.vague:
        rows.append("- a vague amount")
    if c.measure:
        rows.append(f"- measures: {_md(c.measure)}" + (f" (of {_md(c.owner)})" if c.owner else ""))
    if c.direction:
        word = f" (“{_md(c.direction_word)}”)" if c.direction_word else ""
        rows.append(f"- states a {'rise' if c.direction == 'up' else 'fall'}{word}")
    if c.role:
        start = by_id.get(c.from_claim or "")
        what = {"from": "the starting value", "to": "the end value", "change": "the amount"}
        rows.append(
            f"- {what[c.role.value]} of a change"
            + (f", from {_md(start.text)}" if start is not None else "")
        )
    if c.anchor:
        rows.append(f"- when: {_md(c.anchor)}")
    pairs: Sequence[tuple[Claim, Claim]] = []
    if c.converts and c.converts in by_id:
        pairs = [(by_id[c.converts], c)]
    else:
        pairs = [(c, x) for x in checked.result.claims if x.converts == c.id]
    for original, converted in pairs:
        other = converted if original is c else original
        verb = "converted as" if original is c else "converts"
        line = f"- {verb} {_md(other.text)}"
        rate = _rate_line(checked, original, converted)
        rows.append(line + (f", checked {_md(rate)}" if rate else ""))
    for f in checked.result.findings:
        if c.id in f.claims:
            rows.append(f"- {f.code} {f.name}: {_md(f.message)}")
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(rows)),
        range=lines.range(c.start, c.end),
    )

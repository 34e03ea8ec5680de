"""Runs the enabled checks over a text's claims and turns their hits into findings.

The engine owns everything a check does not: the rule's code, name and severity, the wording
(templates filled from the hit), the suggested fix, de-duplication, inline suppressions, the
bound on findings, and the order of findings. It never prints.

Bound: a rule reports at most :data:`MAX_FINDINGS` findings in one text (after suppressions);
the engine stops asking the check for more, records where it stopped in ``ctx.capped`` and the
rule NUM003 (``numerals.too_many_findings``) says so. No article comes near it; a generated page
of ten thousand wrong weekdays would otherwise cost seconds and gigabytes to report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.checks import CATALOGUE
from factcheck.models import Finding, RelatedSpan, Suggestion, Suppression
from factcheck.registry import MAX_FINDINGS, CheckContext, Hit
from factcheck.ruleset import RuleSpec, template_fields

Position = Callable[[int], tuple[int, int]]


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def _finding(spec: RuleSpec, hit: Hit, position: Position, text: str) -> Finding:
    if hit.claims:
        blamed = hit.claims[0]
        span = (blamed.start, blamed.end)
        line, col, end_line, end_col = (
            blamed.line,
            blamed.column,
            blamed.end_line,
            blamed.end_column,
        )
    else:
        assert hit.span is not None, "a hit without claims must give a span"
        span = hit.span
        line, col = position(span[0])
        end_line, end_col = position(span[1])
    suggestion = None
    if spec.fix is not None and hit.claims and template_fields(spec.fix) <= set(hit.text):
        fix_span = hit.fix_span or span
        suggestion = Suggestion.trusted(
            replacement=spec.fix.format_map(_Blank(hit.text)),
            span=tuple(fix_span),
            original=hit.claims[0].text if fix_span == span else text[slice(*fix_span)],
        )
    # a figure wrapped over two lines ("31,600\ntonnes") reads on one line in the message
    message = " ".join(spec.message.format_map(_Blank(hit.text)).split())
    # every value below is built here with its final type: no validation needed
    return Finding.trusted(
        code=spec.code,
        name=spec.name,
        severity=spec.severity,
        message=message[:1].upper() + message[1:],
        claims=[c.id for c in hit.claims],
        span=tuple(span),
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        related=[
            RelatedSpan.trusted(
                claim=c.id, span=(c.start, c.end), line=c.line, column=c.column, text=c.text
            )
            for c in hit.claims[1:]
        ],
        values=dict(hit.values),
        suggestion=suggestion,
        relations=list(hit.relations),
    )


# Validated parameters of each rule spec, built on first use: a spec's params are fixed once
# the rule set is loaded, and validating them again for every article cost more than a rule.
_PARAMS: dict[int, tuple[RuleSpec, Any]] = {}


def _params(spec: RuleSpec) -> Any:
    hit = _PARAMS.get(id(spec))
    if hit is None or hit[0] is not spec:  # the spec kept alive beside it: its id stays its own
        if len(_PARAMS) > 4096:
            _PARAMS.clear()
        hit = (spec, CATALOGUE[spec.check].params.model_validate(spec.params))
        _PARAMS[id(spec)] = hit
    return hit[1]


def _covers(sup: Suppression, code: str, offset: int) -> bool:
    lo, hi = sup.applies
    return lo <= offset < hi and any(code.startswith(p) for p in sup.codes)


def run(
    ctx: CheckContext,
    rules: Sequence[RuleSpec],
    *,
    suppressions: Sequence[Suppression] = (),
    position: Position,
) -> list[Finding]:
    """Findings of the enabled ``rules`` over ``ctx``, suppressions applied, in text order."""
    used: set[int] = set()
    kept: list[Finding] = []
    late: list[RuleSpec] = []
    for spec in rules:
        if CATALOGUE[spec.check].stage != "claims":
            late.append(spec)
            continue
        kept.extend(_findings(ctx, spec, position, suppressions, used))
    if late:
        ctx.unused_suppressions = [
            s
            for i, s in enumerate(suppressions)
            if i not in used
            and s.action != "enable"
            and not any(c.startswith(p) for c in ctx.capped for p in s.codes)  # not all asked
        ]
        for spec in late:
            kept.extend(_findings(ctx, spec, position, (), used, dedupe=False))
    kept.sort(key=lambda f: (f.span[0], f.code))
    return kept


def _findings(
    ctx: CheckContext,
    spec: RuleSpec,
    position: Position,
    suppressions: Sequence[Suppression],
    used: set[int],
    *,
    dedupe: bool = True,
) -> list[Finding]:
    """One rule's findings, de-duplicated (claim-stage rules), suppressed ones left out (their
    comments noted in ``used``), at most :data:`MAX_FINDINGS`: the check is not asked for more."""
    check = CATALOGUE[spec.check]
    seen: set[tuple[str, ...]] = set()
    # one finding a place and wording: "Of its 50 schools, 60 of the 50 schools" compares 60
    # with each 50 and said the same thing twice at the same place
    said: set[tuple[tuple[int, int], str]] = set()
    out: list[Finding] = []
    for hit in check.func(ctx, _params(spec)):
        if dedupe:
            key = tuple(sorted(c.id for c in hit.claims)) or (str(hit.span),)
            if key in seen:
                continue
            seen.add(key)
        finding = _finding(spec, hit, position, ctx.text)
        if dedupe:
            where = (finding.span, finding.message)
            if where in said:
                continue
            said.add(where)
        covering = [i for i, s in enumerate(suppressions) if _covers(s, spec.code, finding.span[0])]
        if covering:
            used.update(covering)
            continue
        if len(out) == MAX_FINDINGS:
            ctx.capped[spec.code] = finding.span[0]
            break
        out.append(finding)
    return out

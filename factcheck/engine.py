"""Runs the enabled checks over a text's claims and turns their hits into findings.

The engine owns everything a check does not: the rule's code, name and severity, the wording
(templates filled from the hit), the suggested fix, de-duplication, inline suppressions, and the
order of findings. It never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.checks import CATALOGUE
from factcheck.models import Finding, RelatedSpan, Suggestion, Suppression
from factcheck.registry import CheckContext, Hit
from factcheck.ruleset import RuleSpec

Position = Callable[[int], tuple[int, int]]


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def _finding(spec: RuleSpec, hit: Hit, position: Position) -> Finding:
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
    if spec.fix is not None and hit.claims:
        from factcheck.ruleset import template_fields

        if template_fields(spec.fix) <= set(hit.text):
            fix_span = hit.fix_span or span
            suggestion = Suggestion.trusted(
                replacement=spec.fix.format_map(_Blank(hit.text)),
                span=tuple(fix_span),
                original=hit.claims[0].text if fix_span == span else "",
            )
    message = spec.message.format_map(_Blank(hit.text))
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
    findings: list[Finding] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    late: list[RuleSpec] = []
    for spec in rules:
        check = CATALOGUE[spec.check]
        if check.stage != "claims":
            late.append(spec)
            continue
        params = _params(spec)
        for hit in check.func(ctx, params):
            key = (spec.code, tuple(sorted(c.id for c in hit.claims)) or (str(hit.span),))
            if key in seen:
                continue
            seen.add(key)
            findings.append(_finding(spec, hit, position))
    used: set[int] = set()
    kept: list[Finding] = []
    for f in findings:
        hit_sup = [i for i, s in enumerate(suppressions) if _covers(s, f.code, f.span[0])]
        if hit_sup:
            used.update(hit_sup)
            continue
        kept.append(f)
    if late:
        ctx.unused_suppressions = [
            s for i, s in enumerate(suppressions) if i not in used and s.action != "enable"
        ]
        for spec in late:
            check = CATALOGUE[spec.check]
            params = _params(spec)
            kept.extend(_finding(spec, hit, position) for hit in check.func(ctx, params))
    kept.sort(key=lambda f: (f.span[0], f.code))
    return kept

"""Reports for the reporter tests: the seed article (fixed rates), hostile text, hand-made ones.

The seed report uses the article's real date and a fixed rate table, so goldens do not move
when the ECB table is updated. ``golden(name, text)`` compares with ``tests/golden/<name>``;
``FACTCHECK_UPDATE_GOLDEN=1`` rewrites the file instead (review the diff before committing).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

from factcheck.api import CheckOptions, check_document, make_report
from factcheck.models import (
    Claim,
    ClaimKind,
    Document,
    FileError,
    FileFailure,
    FileResult,
    Finding,
    RelatedSpan,
    Report,
    Severity,
    Suggestion,
)
from factcheck.rates import FixedRates
from factcheck.reporters import RenderContext
from factcheck.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_PATH = "seeds/facebook-cambridge-analytica-2018.txt"
SEED_TEXT = (ROOT / SEED_PATH).read_text(encoding="utf-8")
SEED_DATE = dt.date(2018, 3, 22)
RATES = {("USD", "GBP"): 0.7075, ("EUR", "GBP"): 0.8703, ("EUR", "USD"): 1.2301}

HOSTILE_BITS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "%0A::error::x",
    "\x1b[31m",
    "\r\n",
)


def options() -> CheckOptions:
    return CheckOptions(date=SEED_DATE, rates=lambda: FixedRates(RATES))


def check_text(text: str, path: str) -> Report:
    doc = Document(path=path, format="text", source=text, text=text)
    return make_report([check_document(doc, options())])


def seed_report() -> Report:
    return check_text(SEED_TEXT, SEED_PATH)


def context(sources: dict[str, str] | None = None, **kw: Any) -> RenderContext:
    return RenderContext(rules={r.code: r for r in load_rules()}, sources=sources or {}, **kw)


def seed_context(**kw: Any) -> RenderContext:
    return context({SEED_PATH: SEED_TEXT}, **kw)


def hostile_article() -> str:
    """The seed's scale slip, surrounded by everything an attacker could put in an article."""
    return (
        "<script>alert(1)</script> Breaking\r\n"
        "The scandal slashed the network's value by $50billion (£35m) <img src=x onerror=alert(1)>"
        " ]]> %0A::error::x \x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\r\n"
        "Its founder lost $5billion (£3.5m)\r, said \u202egnp.exe <b>bold</b> & @someone.\n"
    )


def claim(
    cid: str,
    text: str,
    line: int,
    column: int,
    kind: ClaimKind = ClaimKind.MONEY,
    value: float = 1.0,
    unit: str | None = "USD",
    start: int = 0,
) -> Claim:
    return Claim(
        id=cid,
        start=start,
        end=start + len(text),
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(text),
        text=text,
        kind=kind,
        value=value,
        unit=unit,
        sentence=0,
    )


def finding(
    code: str,
    severity: Severity,
    blamed: Claim,
    others: tuple[Claim, ...] = (),
    message: str = "message",
    replacement: str | None = None,
) -> Finding:
    return Finding(
        code=code,
        name=f"rule-{code.lower()}",
        severity=severity,
        message=message,
        claims=[blamed.id, *(c.id for c in others)],
        span=(blamed.start, blamed.end),
        line=blamed.line,
        column=blamed.column,
        end_line=blamed.end_line,
        end_column=blamed.end_column,
        related=[
            RelatedSpan(
                claim=c.id, span=(c.start, c.end), line=c.line, column=c.column, text=c.text
            )
            for c in others
        ],
        suggestion=None
        if replacement is None
        else Suggestion(
            replacement=replacement, span=(blamed.start, blamed.end), original=blamed.text
        ),
    )


def hostile_report() -> Report:
    """Hand-made: hostile text in the path, the message, the claims and a failed file."""
    evil = "".join(HOSTILE_BITS)
    a = claim("c1", "$50<b>bn</b>", 1, 5)
    b = claim("c2", "£35m]]>\x1b[31m", 3, 2, start=40)
    path = "news/a,b:c %0A\x1b[31m<script>.txt"
    f = finding(
        "SCL001",
        Severity.ERROR,
        b,
        (a,),
        message=f"{evil} @someone | *x* $1 $2",
        replacement=f"£35bn{evil}",
    )
    result = FileResult(path=path, claims=[a, b], findings=[f], cross_checked=2)
    failure = FileFailure(
        path=f"bad{evil}.txt", error=FileError(code="encoding", message=f"not UTF-8 {evil}")
    )
    return make_report([result, failure])


def many_findings_report(errors: int, warnings: int, infos: int) -> Report:
    claims: list[Claim] = []
    found: list[Finding] = []
    n = 0
    for severity, count in (
        (Severity.INFO, infos),
        (Severity.WARNING, warnings),
        (Severity.ERROR, errors),
    ):
        for _ in range(count):
            n += 1
            c = claim(f"c{n}", f"${n}m", n, 1, start=n * 10)
            claims.append(c)
            found.append(finding(f"TST{n % 1000:03d}", severity, c, message=f"finding {n}"))
    return make_report([FileResult(path="many.txt", claims=claims, findings=found)])


def _round(data: Any) -> Any:
    """Floats to 10 significant digits, so last-bit differences do not fail a golden."""
    if isinstance(data, float):
        return float(f"{data:.10g}") if math.isfinite(data) else data
    if isinstance(data, dict):
        return {k: _round(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_round(v) for v in data]
    return data


def canonical_json(text: str) -> str:
    """JSON text in a stable form: keys sorted, findings sorted by position, floats rounded."""
    data = _round(json.loads(text))
    for entry in data.get("files", []) if isinstance(data, dict) else []:
        if "findings" in entry:
            entry["findings"].sort(key=lambda f: (f["line"], f["column"], f["code"]))
    for run in data.get("runs", []) if isinstance(data, dict) else []:
        run.get("results", []).sort(
            key=lambda r: (
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"],
                r["ruleId"],
            )
        )
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def golden(name: str, actual: str) -> str:
    """The golden text for ``name`` (written from ``actual`` when updating goldens)."""
    path = GOLDEN / name
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    if not path.exists():
        raise AssertionError(f"{path} is missing: run with FACTCHECK_UPDATE_GOLDEN=1")
    return path.read_text(encoding="utf-8")

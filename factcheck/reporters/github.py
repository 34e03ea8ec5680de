"""``github``: GitHub Actions workflow commands, which the runner turns into annotations.

``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=CODE name::message`` — errors first,
then warnings, then info findings as ``::notice``. GitHub shows at most ten annotations of each
level per step, so at most ten of each are written; when some are left out, one last
``::notice`` counts them (and the info findings give up one place for it).

Escaping follows the runner's rules: in the message ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``;
in property values also ``:`` → ``%3A`` and ``,`` → ``%2C``. Any other control character from an
article is replaced by a visible stand-in, so article text can neither end the command nor
start a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from factcheck.models import Report, Severity
from factcheck.reporters import RenderContext
from factcheck.reporters._common import failures, located

MAX_PER_LEVEL = 10
_COMMAND: Mapping[Severity, str] = MappingProxyType(
    {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
)
# controls other than CR and LF (those are %-escaped) become the visible control pictures
_CONTROLS = MappingProxyType(
    {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x0A, 0x0D)}
    | {0x7F: "\u2421"}
    | {c: "\ufffd" for c in range(0x80, 0xA0)}
)


def escape_data(text: str) -> str:
    """A message: ``%``, CR and LF percent-encoded, other controls made visible."""
    return text.translate(_CONTROLS).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: like :func:`escape_data`, and ``:`` and ``,`` encoded too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: str | int) -> str:
    """One workflow command line (properties in the order given)."""
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{level}{' ' + head if head else ''}::{escape_data(message)}"


def render(report: Report, ctx: RenderContext) -> str:
    # (severity, line) pairs, errors first: file failures, then findings in report order
    pending: list[tuple[Severity, str]] = [
        (
            Severity.ERROR,
            command(
                "error",
                f"[{f.error.code}] {f.error.message}",
                file=f.path,
                title="factcheck could not read this file",
            ),
        )
        for f in failures(report)
    ]
    for x in located(report):
        f = x.finding
        pending.append(
            (
                f.severity,
                command(
                    _COMMAND[f.severity],
                    f.message,
                    file=x.path,
                    line=f.line,
                    endLine=f.end_line,
                    col=f.column,
                    endColumn=f.end_column,
                    title=f"{f.code} {f.name}",
                ),
            )
        )
    counts = {s: sum(1 for sev, _ in pending if sev == s) for s in _COMMAND}
    overflow = any(n > MAX_PER_LEVEL for n in counts.values())
    budget = {s: MAX_PER_LEVEL for s in _COMMAND}
    if overflow:
        budget[Severity.INFO] = MAX_PER_LEVEL - 1  # keep a notice slot for the count below
    lines: list[str] = []
    left: dict[Severity, int] = {}
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        chosen = [line for sev, line in pending if sev == severity]
        lines += chosen[: budget[severity]]
        left[severity] = max(0, len(chosen) - budget[severity])
    hidden = sum(left.values())
    if hidden:
        parts = ", ".join(f"{n} {s.value}" for s, n in left.items() if n)
        lines.append(
            command(
                "notice",
                f"{hidden} more finding(s) not shown as annotations ({parts}): GitHub shows at "
                f"most {MAX_PER_LEVEL} per level. "
                "See the full report (factcheck -f full or -f sarif).",
                title="factcheck: more findings",
            )
        )
    return "".join(line + "\n" for line in lines)

"""factcheck: find numbers in news copy that contradict each other.

Public API::

    import factcheck
    claims = factcheck.extract("It slashed its value by $50billion (£35m).")
    report = factcheck.check(text, date="2018-03-22")
    report = factcheck.check_file("article.md")

Heavy modules (pint, the ECB rate table, rich) load only when a claim or a reporter needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Claim",
    "ClaimKind",
    "FactcheckError",
    "Finding",
    "InputError",
    "Report",
    "RuleFileError",
    "Severity",
    "__version__",
    "check",
    "check_file",
    "extract",
]

if TYPE_CHECKING:
    from factcheck.api import check, check_file, extract
    from factcheck.errors import FactcheckError, InputError, RuleFileError
    from factcheck.models import Claim, ClaimKind, Finding, Report, Severity

_LAZY = {
    "check": "factcheck.api",
    "check_file": "factcheck.api",
    "extract": "factcheck.api",
    "Claim": "factcheck.models",
    "ClaimKind": "factcheck.models",
    "Finding": "factcheck.models",
    "Report": "factcheck.models",
    "Severity": "factcheck.models",
    "FactcheckError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "RuleFileError": "factcheck.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

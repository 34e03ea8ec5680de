"""The exceptions factcheck raises. Every one prints as a single line naming the file and problem.

Exception tree::

    FactcheckError                  root of everything factcheck raises on purpose
    ├── InputError(ValueError)      an input that cannot be checked: missing, binary, bad encoding,
    │                               too large, unreadable (``code`` says which)
    ├── RuleFileError(ValueError)   a rule or lexicon file that does not validate
    └── ConfigError(ValueError)     a configuration file or option that does not validate
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Root of the errors factcheck raises deliberately."""


class InputError(FactcheckError, ValueError):
    """An input that cannot be checked. ``code`` is machine-readable, ``str()`` is one line."""

    def __init__(self, path: str, code: str, problem: str) -> None:
        self.path = path
        self.code = code
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RuleFileError(FactcheckError, ValueError):
    """A rule or lexicon file that does not validate: "<file>: [key] what was expected"."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ConfigError(FactcheckError, ValueError):
    """A configuration file or option that does not validate."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


def pydantic_problem(exc: object) -> str:
    """Format a pydantic ValidationError as "[loc] msg; [loc] msg" on one line."""
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc).splitlines()[0]
    parts = []
    for err in errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        msg = err.get("msg", "invalid")
        parts.append(f"[{loc}] {msg}" if loc else msg)
    return "; ".join(parts)

"""TOML files (configuration, rule files, lexicons) → dicts; every failure one line.

``tomllib`` raises more than ``TOMLDecodeError``: bytes that are not UTF-8 raise
``UnicodeDecodeError``, and arrays or inline tables nested a few thousand deep raise
``RecursionError``. :func:`read_toml` turns each into the error type its caller reports
(:class:`~factcheck.errors.ConfigError` for configuration, ``RuleFileError`` for rule and
lexicon files), naming the file, the line and what is wrong::

    pyproject.toml: not valid TOML: line 3, column 17: Expected ']' at the end of a table …
"""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path
from typing import Any, Protocol

__all__ = ["parse_toml", "read_toml"]

_AT = re.compile(
    r"^(?P<msg>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)


class _Error(Protocol):
    def __call__(self, where: str, problem: str, /) -> Exception: ...


class _Invalid(Exception):
    def __init__(self, problem: str) -> None:
        self.problem = problem


def parse_toml(data: bytes, shown: str, error: _Error) -> dict[str, Any]:
    """The document in ``data``; ``error(shown, problem)`` is raised if it is not one."""
    try:
        return _parse(data)
    except _Invalid as exc:
        raise error(shown, exc.problem) from None


def _parse(data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _Invalid(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); save it as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _AT.match(str(exc))
        if m is None:
            raise _Invalid(f"not valid TOML: {exc}") from None
        where = f"line {m['line']}, column {m['col']}" if m["line"] else "at the end"
        raise _Invalid(f"not valid TOML: {where}: {m['msg']}") from None
    except RecursionError:
        line = text.count("\n", 0, _deepest(text)) + 1
        raise _Invalid(f"not valid TOML: line {line}: arrays or tables nested too deeply") from None


def _deepest(text: str) -> int:
    """Roughly where nesting goes deepest (brackets and braces, strings ignored): for the
    message only."""
    depth = best = at = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > best:
                best, at = depth, i
        elif ch in "]}":
            depth -= 1
    return at


def read_toml(path: Path, shown: str, error: _Error) -> dict[str, Any]:
    """The document in ``path``; ``error(shown, problem)`` is raised for any failure."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would never end, a folder fails
            raise error(shown, "not a regular file")
        data = path.read_bytes()
    except OSError as exc:
        raise error(shown, f"cannot read: {exc.strerror or exc}") from None
    return parse_toml(data, shown, error)

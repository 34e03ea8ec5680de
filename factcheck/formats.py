"""Which input format a document is in: the names, and the guess from a file name or its start.

Below both :mod:`factcheck.sources` (bytes → text) and :mod:`factcheck.markup` (text → the
document checked), which each need it; it imports nothing of factcheck but the errors.
"""

from __future__ import annotations

from factcheck.errors import ConfigError

__all__ = ["FORMATS", "INPUT_FORMATS", "check_format", "sniff_format"]

INPUT_FORMATS = ("text", "markdown", "html")  # what a document is read as
FORMATS = ("auto", *INPUT_FORMATS)  # what may be asked for ("auto": sniff_format decides)
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx")
_HTML = (".html", ".htm", ".xhtml")
_TEXT = (".txt", ".text")


def check_format(fmt: str, where: str = "input_format") -> str:
    """``fmt`` if it is one of :data:`FORMATS`; else a ConfigError naming the allowed values."""
    if fmt not in FORMATS:
        raise ConfigError(where, f"expected one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt


def sniff_format(path: str, text: str) -> str:
    """``markdown``, ``html`` or ``text`` from the file name, else from the first characters."""
    low = path.lower()
    if low.endswith(_MARKDOWN):
        return "markdown"
    if low.endswith(_HTML):
        return "html"
    if low.endswith(_TEXT):
        return "text"
    head = text[:1024].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"

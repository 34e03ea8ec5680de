"""Inputs to documents: a path or stdin → decoded text, with every way that can fail named.

Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM; anything else is an InputError with
a one-line reason. Binary files, empty files and files over the size limit are refused too.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import Document

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
_HTML = (".html", ".htm", ".xhtml")


def decode(data: bytes, path: str) -> str:
    """Bytes → text. UTF-16 needs its BOM; NUL bytes or invalid UTF-8 mean binary/unknown."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, "encoding", f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary", "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, "encoding",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
        ) from None


def sniff_format(path: str, text: str) -> str:
    low = path.lower()
    if low.endswith(_MARKDOWN):
        return "markdown"
    if low.endswith(_HTML):
        return "html"
    head = text[:1024].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise InputError(path, "is-directory", "is a directory")
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(path, "too-large",
                                 f"file is {size:,} bytes, over the limit of {max_bytes:,}")
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(path, "not-found", "no such file") from None
        except PermissionError:
            raise InputError(path, "permission", "permission denied") from None
        except OSError as exc:
            raise InputError(path, "unreadable", os.strerror(exc.errno or 0) or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(path, "too-large", f"input is over the limit of {max_bytes:,} bytes")
    return data


def load_document(
    path: str, *, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
    display_path: str | None = None,
) -> Document:
    """Read, decode and (for Markdown/HTML) reduce one input to the text to check."""
    shown = display_path or path
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise InputError(shown, "empty", "file is empty")
    text = decode(data, shown)
    fmt = sniff_format(shown, text) if input_format == "auto" else input_format
    if fmt == "text":
        return Document(path=shown, format="text", source=text, text=text)
    from factcheck.markup import to_document

    return to_document(shown, text, fmt)

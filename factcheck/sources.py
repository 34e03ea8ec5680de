"""Inputs to documents: a path, stdin or bytes → decoded text → :class:`Document`.

Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM. Everything else is an
:class:`~factcheck.errors.InputError` whose ``code`` names the problem and whose message is one
line: ``not-found``, ``url`` (a URL given as a path: pages are never fetched),
``is-directory``, ``not-a-file`` (a FIFO, socket or device: only regular files are read, so a
pipe with no writer cannot hang a run), ``permission``, ``unreadable``, ``too-large``,
``empty``, ``binary``, ``encoding``. The library never prints and never lets an OSError through.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys

from factcheck.errors import InputError
from factcheck.formats import FORMATS, check_format, sniff_format
from factcheck.markup import to_document
from factcheck.models import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "decode",
    "display_name",
    "document_from_bytes",
    "load_document",
    "read_bytes",
    "sniff_format",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_SNIFF = 8192  # bytes looked at for binary content
# Signatures of common binary formats that may otherwise pass for text.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable"),
)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_URL_PROBLEM = (
    "is a URL, and factcheck never fetches pages: save the page and check the file "
    "(factcheck page.html), or pipe it in (curl -s URL | factcheck - --stdin-filename page.html)"
)
# C0 controls other than tab, LF, VT, FF, CR and ESC: rare in text, common in binary data.
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}


def display_name(path: str) -> str:
    """``path`` as reports show it. A file name whose bytes are not UTF-8 reaches Python with
    lone surrogates, which no UTF-8 output can hold: those bytes are written ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def _magic(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({what}), not text"
    return None


def _binary(data: bytes) -> str | None:
    """Why ``data`` looks binary, or ``None``."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for b in head if b in _CONTROL)
    if controls and controls * 10 > len(head):
        return "binary file (mostly control bytes), not text"
    return None


def _utf16_without_bom(data: bytes) -> bool:
    head = data[:_SNIFF]
    even, odd = head[0::2], head[1::2]
    return len(head) >= 4 and (even.count(0) * 2 > len(even) or odd.count(0) * 2 > len(odd))


def decode(data: bytes, path: str) -> str:
    """Bytes → text: UTF-8 (BOM optional) or UTF-16 with its BOM; else one-line InputError."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(path, "encoding", "UTF-32 is not supported; save the file as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            problem = f"invalid UTF-16 at byte {exc.start}; save the file as UTF-8"
            raise InputError(path, "encoding", problem) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif (why := _magic(data)) is not None:
        raise InputError(path, "binary", why)
    elif _utf16_without_bom(data):
        raise InputError(
            path, "encoding", "looks like UTF-16 without a byte-order mark; save the file as UTF-8"
        )
    why = _binary(data)
    if why is not None:
        raise InputError(path, "binary", why)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            "encoding",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line}); "
            "save the file as UTF-8",
        ) from None


def _too_large(path: str, size: int | None, limit: int) -> InputError:
    what = "" if size is None else f"{size:,} bytes, "
    if size is not None and size >= 1024:
        what = f"{_size(size)} ({size:,} bytes), "
    nice = f" ({_size(limit)})" if limit >= 1024 else ""
    return InputError(
        path,
        "too-large",
        f"input is {what}over the limit of {limit:,} bytes{nice}; raise the size limit to check it",
    )


_BINARY = getattr(os, "O_BINARY", 0)  # Windows
_NOT_A_FILE = (
    "not a regular file (a FIFO, socket or device); save it to a file, or pipe it to "
    "standard input and give '-'"
)


def read_bytes(
    path: str, max_bytes: int | None = DEFAULT_MAX_BYTES, *, shown: str | None = None
) -> bytes:
    """The bytes of ``path`` (``-`` is stdin), at most ``max_bytes`` (``None``: no limit)."""
    shown = shown or display_name(path)
    limit = -1 if max_bytes is None else max_bytes + 1
    if path == "-":
        try:
            data = sys.stdin.buffer.read(limit)
        except (OSError, ValueError, AttributeError) as exc:
            raise InputError(shown, "unreadable", f"cannot read standard input ({exc})") from None
    else:
        try:
            if stat.S_ISDIR(os.stat(path).st_mode):
                raise InputError(shown, "is-directory", "is a directory, not a file")
            # opened without blocking, then asked what it is: a FIFO opens at once and is
            # refused, even one that replaced a regular file since it was found
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _BINARY)
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fd)
                if not stat.S_ISREG(info.st_mode):
                    raise InputError(shown, "not-a-file", _NOT_A_FILE)
                if max_bytes is not None and info.st_size > max_bytes:
                    raise _too_large(shown, info.st_size, max_bytes)
                data = fh.read(limit)
        except InputError:
            raise
        except FileNotFoundError:
            if _URL.match(path):
                raise InputError(shown, "url", _URL_PROBLEM) from None
            raise InputError(shown, "not-found", "no such file") from None
        except PermissionError:
            raise InputError(shown, "permission", "permission denied") from None
        except IsADirectoryError:
            raise InputError(shown, "is-directory", "is a directory, not a file") from None
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else str(exc).splitlines()[0]
            raise InputError(shown, "unreadable", f"cannot read: {reason}") from None
        except ValueError as exc:  # e.g. an embedded NUL in the path
            raise InputError(shown, "unreadable", f"cannot read: {exc}") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise _too_large(shown, None, max_bytes)
    return data


def document_from_bytes(
    data: bytes, path: str, *, input_format: str = "auto", skip_blockquotes: bool = False
) -> Document:
    """Decode ``data`` and (for Markdown/HTML) reduce it to the text to check."""
    check_format(input_format, "input-format")
    if not data:
        raise InputError(path, "empty", "file is empty")
    text = decode(data, path)
    if not text.strip():
        raise InputError(path, "empty", "file has no text (only whitespace)")
    return to_document(path, text, input_format, skip_blockquotes=skip_blockquotes)


def load_document(
    path: str,
    *,
    input_format: str = "auto",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    display_path: str | None = None,
    skip_blockquotes: bool = False,
) -> Document:
    """Read, decode and reduce one input (``-`` is stdin; ``display_path`` names it)."""
    shown = display_path or display_name(path)
    data = read_bytes(path, max_bytes, shown=shown)
    return document_from_bytes(
        data, shown, input_format=input_format, skip_blockquotes=skip_blockquotes
    )

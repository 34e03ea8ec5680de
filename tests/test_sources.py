"""Reading inputs: every way a file can fail is one line with the right code; good ones decode.

Error paths (``InputError.code``): not-found, url, is-directory, not-a-file, permission,
too-large, empty, binary, encoding. Accepted: UTF-8 with or without BOM, UTF-16 with BOM, CRLF
line ends.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import io
import os
import sys
from pathlib import Path

import pytest

from factcheck.api import CheckOptions, check_document
from factcheck.errors import ConfigError, InputError
from factcheck.markup import to_document
from factcheck.models import FileResult
from factcheck.rates import FixedRates
from factcheck.sources import (
    DEFAULT_MAX_BYTES,
    decode,
    document_from_bytes,
    load_document,
    read_bytes,
    sniff_format,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"
RATES = {("USD", "GBP"): 0.7075, ("EUR", "GBP"): 0.8703, ("EUR", "USD"): 1.2301}
TEXT = "It slashed its value by $50billion (£35m) — café.\n"


def checked(path: Path | str, **kw: object) -> FileResult:
    opts = CheckOptions(date=dt.date(2018, 3, 22), rates=lambda: FixedRates(RATES))
    return check_document(load_document(str(path), **kw), opts)  # type: ignore[arg-type]


def fails(path: Path | str, code: str, **kw: object) -> str:
    with pytest.raises(InputError) as info:
        load_document(str(path), **kw)  # type: ignore[arg-type]
    exc = info.value
    assert exc.code == code, str(exc)
    message = str(exc)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert isinstance(exc, ValueError)
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# -- what decodes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (TEXT.encode("utf-8"), "plain UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with a BOM"),
        (TEXT.encode("utf-16"), "UTF-16 with the platform's BOM"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
    ],
)
def test_accepted_encodings(tmp_path: Path, data: bytes, why: str) -> None:
    doc = load_document(str(write(tmp_path, "a.txt", data)))
    assert doc.text == TEXT and doc.source == TEXT, why
    result = checked(tmp_path / "a.txt")
    assert [(f.code, f.line, f.column) for f in result.findings] == [("SCL001", 1, 37)]


def test_crlf_keeps_columns(tmp_path: Path) -> None:
    lf = checked(SEED)
    crlf = write(tmp_path, "seed.txt", SEED.read_bytes().replace(b"\n", b"\r\n"))
    doc = load_document(str(crlf))
    assert "\r" not in doc.text and doc.source.count("\r\n") == SEED.read_text().count("\n")
    result = checked(crlf)
    assert [(c.text, c.line, c.column, c.end_line, c.end_column) for c in result.claims] == [
        (c.text, c.line, c.column, c.end_line, c.end_column) for c in lf.claims
    ]
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        (f.code, f.line, f.column) for f in lf.findings
    ]
    for c in result.claims:
        assert doc.source[c.start : c.end] == c.text
    assert [(f.code, f.line, f.column) for f in lf.findings if f.code == "SCL001"] == [
        ("SCL001", 8, 179),
        ("SCL001", 8, 219),
    ]


def test_bom_is_not_text(tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", codecs.BOM_UTF8 + b"# Head\n\nIt fell by $5bn.\n")
    doc = load_document(str(p))
    assert doc.format == "markdown" and doc.text == "Head\n\nIt fell by $5bn."


# -- what fails, one line each ----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert fails(tmp_path / "nope.txt", "not-found").endswith("no such file")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/2018/03/22/story.html",
        "http://example.com",
        "HTTPS://EXAMPLE.COM/a",
        "ftp://x/y.txt",
    ],
)
def test_url_is_never_fetched_and_says_what_to_do(url: str) -> None:
    message = fails(url, "url")
    assert "never fetches" in message
    assert "save the page" in message and "factcheck - --stdin-filename" in message


def test_a_file_whose_name_only_looks_like_a_url_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "http:").mkdir()
    (tmp_path / "http:" / "notes.txt").write_text(TEXT, encoding="utf-8")
    assert load_document("http://notes.txt").text == TEXT  # "http:" + "/" + "/notes.txt"
    fails("http://missing.txt", "url")


def test_directory(tmp_path: Path) -> None:
    fails(tmp_path, "is-directory")


def _failing_open(monkeypatch: pytest.MonkeyPatch, path: Path, exc: OSError) -> None:
    real = os.open

    def opener(name: object, *args: object, **kwargs: object) -> int:
        if str(name) == str(path):
            raise exc
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", opener)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "secret.txt", b"text")
    _failing_open(monkeypatch, p, PermissionError(13, "Permission denied", str(p)))
    assert fails(p, "permission").endswith("permission denied")


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "flaky.txt", b"text")
    _failing_open(monkeypatch, p, OSError(errno.EIO, "Input/output error"))
    assert fails(p, "unreadable").endswith("cannot read: Input/output error")
    fails(tmp_path / "bad\x00name.txt", "unreadable")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_at_once_instead_of_read_forever(tmp_path: Path) -> None:
    """Opened without blocking and refused: reading it would wait for a writer forever."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    message = fails(fifo, "not-a-file")
    assert "not a regular file (a FIFO, socket or device)" in message and "'-'" in message


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    fails(Path("/dev/zero"), "not-a-file")  # would otherwise read until the size limit


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "zero bytes"),
        (b" \n\t\r\n", "whitespace only"),
        (codecs.BOM_UTF8, "a BOM and nothing else"),
        (codecs.BOM_UTF16_LE, "a UTF-16 BOM and nothing else"),
    ],
)
def test_empty(tmp_path: Path, data: bytes, why: str) -> None:
    fails(write(tmp_path, "empty.txt", data), "empty")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"abc\x00def" * 10, "NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (bytes(range(1, 9)) * 100, "control bytes"),
    ],
)
def test_binary(tmp_path: Path, data: bytes, words: str) -> None:
    assert words in fails(write(tmp_path, "x.txt", data), "binary")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("café £35m\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3, line 1)"),
        (b"ok\nthen \xff\xfe bad", "not valid UTF-8 (byte 0xff at offset 8, line 2)"),
        (TEXT.encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        (codecs.BOM_UTF16_LE + b"a\x00b", "invalid UTF-16"),
        (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "UTF-32 is not supported"),
    ],
)
def test_bad_encoding(tmp_path: Path, data: bytes, words: str) -> None:
    message = fails(write(tmp_path, "x.txt", data), "encoding")
    assert words in message and "save the file as UTF-8" in message


def test_too_large(tmp_path: Path) -> None:
    p = write(tmp_path, "big.txt", b"x" * 2048)
    message = fails(p, "too-large", max_bytes=1024)
    assert "2 KB (2,048 bytes), over the limit of 1,024 bytes (1 KB)" in message
    assert load_document(str(p), max_bytes=2048).text == "x" * 2048
    assert load_document(str(p), max_bytes=None).text == "x" * 2048
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_too_large_from_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y" * 5000)))
    with pytest.raises(InputError) as info:
        read_bytes("-", 4096, shown="<stdin>")
    assert info.value.code == "too-large"
    assert str(info.value) == (
        "<stdin>: input is over the limit of 4,096 bytes (4 KB); raise the size limit to check it"
    )


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<h1>Hi</h1><p>$5bn</p>")))
    doc = load_document("-", display_path="page.html")
    assert (doc.path, doc.format, doc.text) == ("page.html", "html", "Hi\n\n$5bn")


def test_unknown_format() -> None:
    with pytest.raises(ConfigError) as info:
        document_from_bytes(b"x", "a.txt", input_format="rtf")
    assert "expected one of auto, text, markdown, html" in str(info.value)


@pytest.mark.parametrize("fmt", ["docx", "Markdown", "md", ""])
def test_the_library_refuses_an_unknown_input_format(fmt: str, tmp_path: Path) -> None:
    """factcheck.check treated "docx" as text; now it names the formats it knows."""
    import factcheck

    article = write(tmp_path, "a.txt", TEXT.encode())
    calls = [
        lambda: factcheck.check(TEXT, input_format=fmt),
        lambda: factcheck.check_file(article, input_format=fmt),
        lambda: factcheck.check_file(tmp_path / "missing.txt", input_format=fmt),
        lambda: to_document("a.txt", TEXT, fmt),
    ]
    for call in calls:
        with pytest.raises(ConfigError) as info:
            call()
        assert str(info.value) == (
            f"input_format: expected one of auto, text, markdown, html, got {fmt!r}"
        )


@pytest.mark.parametrize("fmt", ["auto", "text", "markdown", "html"])
def test_the_library_takes_every_known_input_format(fmt: str) -> None:
    import factcheck

    report = factcheck.check("It slashed its value by $50billion (£35m).", input_format=fmt)
    assert [f.code for f in report.findings] == ["SCL001"]


# -- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "fmt"),
    [
        ("a.md", "x", "markdown"),
        ("a.MARKDOWN", "x", "markdown"),
        ("a.html", "x", "html"),
        ("a.htm", "x", "html"),
        ("a.txt", "x", "text"),
        ("a.txt", "<!DOCTYPE html><p>x", "text"),
        ("-", "\n  <!DOCTYPE html><p>x", "html"),
        ("-", "<html><body>x", "html"),
        ("notes", "# Not sniffed as Markdown", "text"),
    ],
)
def test_sniff_format(path: str, text: str, fmt: str) -> None:
    assert sniff_format(path, text) == fmt


def test_forced_format(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", b"**$5bn** here")
    assert load_document(str(p)).text == "**$5bn** here"
    assert load_document(str(p), input_format="markdown").text == "$5bn here"


def test_decode_is_pure() -> None:
    assert decode(codecs.BOM_UTF8 + b"x", "p") == "x"
    with pytest.raises(InputError):
        decode(b"\xff", "p")

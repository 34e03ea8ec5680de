"""The on-disk layout of the parsed ECB table: plain numbers, a version and a checksum.

The cache folder is writable by anyone who can write the user's home, so nothing read from it
may run code (a pickle would) or stop a run: :func:`decode` reads numbers only, and a file
that is not exactly what :func:`encode` writes — another version, a truncated copy, a wrong
checksum, a series of the wrong length, anything else planted there — is ``None``, which the
caller treats as no cache at all (it parses the data again and rewrites the file). Values
inside a well-formed file are numbers whatever they are: :class:`~factcheck.rates.ECBRates`
reads each day and rate it uses defensively, so even a crafted file cannot make it raise.

Layout (all integers little-endian)::

    b"factcheck-ecb\\n"               magic, 14 bytes
    <H version> <I series> <I crc32>  crc32 (zlib) of everything after this header
    series × <3s code> <I points>     ISO code (ASCII) and number of points, in file order
    series × <points × i4 day>        date ordinals, ascending
    series × <points × f8 rate>       units of the currency per euro

Reading it is a few ``array.frombytes`` copies: about as fast as the pickle it replaces.
"""

from __future__ import annotations

import datetime as dt
import struct
import sys
import zlib
from array import array
from collections.abc import Mapping

__all__ = ["VERSION", "Table", "decode", "encode"]

VERSION = 2  # 1 was a pickle
MAGIC = b"factcheck-ecb\n"
_HEAD = struct.Struct("<HII")
_ENTRY = struct.Struct("<3sI")
_DAY, _RATE = "i", "d"  # 4-byte signed ints, 8-byte floats
_FIT = array(_DAY).itemsize == 4 and array(_RATE).itemsize == 8
_FIRST_DAY = dt.date(1999, 1, 1).toordinal()  # the ECB's first reference rates
_LAST_DAY = dt.date.max.toordinal()
Table = Mapping[str, tuple["array[int]", "array[float]"]]


def _little(a: array) -> bytes:  # type: ignore[type-arg]
    if sys.byteorder == "little":
        return a.tobytes()
    b = array(a.typecode, a)
    b.byteswap()
    return b.tobytes()


def encode(table: Table) -> bytes:
    """The bytes of the cache file for ``table`` (code → (days, rates), equal lengths)."""
    index, days, rates = [], [], []
    for code, (d, r) in table.items():
        if len(d) != len(r):
            raise ValueError(f"{code}: {len(d)} days but {len(r)} rates")
        index.append(_ENTRY.pack(code.encode("ascii"), len(d)))
        days.append(_little(array(_DAY, d)))
        rates.append(_little(array(_RATE, r)))
    body = b"".join([*index, *days, *rates])
    return MAGIC + _HEAD.pack(VERSION, len(index), zlib.crc32(body)) + body


def decode(data: bytes) -> dict[str, tuple[array[int], array[float]]] | None:
    """The table stored in ``data``, or ``None`` if ``data`` is not a valid cache file."""
    if not _FIT or not data.startswith(MAGIC) or len(data) < len(MAGIC) + _HEAD.size:
        return None
    version, count, crc = _HEAD.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _HEAD.size
    body = memoryview(data)[start:]
    if version != VERSION or zlib.crc32(body) != crc or len(body) < count * _ENTRY.size:
        return None
    entries = []
    for k in range(count):
        raw, points = _ENTRY.unpack_from(body, k * _ENTRY.size)
        if not (raw.isalpha() and raw.isupper() and points > 0):
            return None
        entries.append((raw.decode("ascii"), points))
    total = sum(n for _, n in entries)  # each point: a 4-byte day and an 8-byte rate
    at = count * _ENTRY.size
    if len(body) != at + total * 12 or len({c for c, _ in entries}) != count:
        return None
    out: dict[str, tuple[array[int], array[float]]] = {}
    rates_at = at + total * 4
    for code, points in entries:
        days: array[int] = array(_DAY)
        rates: array[float] = array(_RATE)
        days.frombytes(body[at : at + points * 4])
        rates.frombytes(body[rates_at : rates_at + points * 8])
        if sys.byteorder != "little":
            days.byteswap()
            rates.byteswap()
        if not _FIRST_DAY <= days[0] <= days[-1] <= _LAST_DAY:
            return None
        out[code] = (days, rates)
        at += points * 4
        rates_at += points * 8
    return out

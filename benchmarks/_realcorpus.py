"""Real news for the benchmarks: fetched at benchmark time, verified, never committed.

Two public corpora, neither of which this repository may redistribute:

- **Lee corpus** (350 ABC news articles, Australia, about 2001), in gensim's source distribution on
  PyPI (`gensim/test/test_data/lee_background.cor` and `lee.cor`, one article a line). Downloaded
  from PyPI into the cache folder on first use and checked against the SHA-256 below.
- **Reuters-21578** (19,043 Reuters newswire stories with a body, 1987; "free distribution for
  research purposes only"). Not on PyPI: give a folder holding `reut2-000.sgm` … `reut2-021.sgm`
  with `--reuters DIR`, or put them in `<cache>/reuters/`. Public copies: the UCI KDD archive
  (`reuters21578.tar.gz`) and copies on GitHub (the one measured here came from
  github.com/loki86/ksr_zadanie1V2, where `reut2-003-full.sgm` is the whole of file 003). Each
  file is checked against the SHA-256 below; a copy that differs is read with a warning.

The cache folder is `$FACTCHECK_BENCH_CACHE`, else `~/.cache/factcheck-bench`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
import sys
import tarfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

GENSIM_URL = (
    "https://files.pythonhosted.org/packages/1a/80/"
    "fe9d2e1ace968041814dbcfce4e8499a643a36c41267fa4b6c4f54cce420/gensim-4.4.0.tar.gz"
)
GENSIM_SHA256 = "a3f5b626da5518e79a479140361c663089fe7998df8ba52d56e1ded71ac5bdf5"
LEE_FILES = ("lee_background.cor", "lee.cor")
REUTERS_SHA256 = {
    "reut2-000.sgm": "686f5cf549930e23184bcba2328c7d01348df20f7167ff25e6d3495090c3f822",
    "reut2-001.sgm": "b7fc3231dd9f95fb53518f8d5739d41524fa8dacdb21ddb7f612d9a475c14ea1",
    "reut2-002.sgm": "99f18068d0518952987dedd78c622e5c2a584e357d264d3754696c815f3e6628",
    "reut2-003.sgm": "24c0aec30c53acfeceff6df391a278282f61febdea3852e74f1ae01af088d5bd",
    "reut2-004.sgm": "726342c19a65873330b412378cd6a3f0d512035f5223146ddd60930c62eb6ff0",
    "reut2-005.sgm": "d09de619b6dd2d047d5124681f6df90550abaf592020d1c1ce338ae9b91522e7",
    "reut2-006.sgm": "b5535c0d66b01f4976f84621a4a795afbc00d2c4bd0a1b7ae426df6630fb361d",
    "reut2-007.sgm": "aa706007ec84a03537a3921ca976d60e11b3f99e4b9e9b2d5c81dd384d2c2062",
    "reut2-008.sgm": "a3994583694a00b7c744097c1d7eabfcf90f2e6650cc21663e46828035a336cb",
    "reut2-009.sgm": "29995f606dd1a9bdf907eacc9d879846c716860d9d9141676979474aaea39c7d",
    "reut2-010.sgm": "996df6008089bd09fa5b28a4d2eb0ee5f7b9d4601cde566fed3926ac82960fa3",
    "reut2-011.sgm": "d3a2782015247d9c2bffb8926267827fdd449c70d619435ef01a25a1c56a53ca",
    "reut2-012.sgm": "da31035d483851f2aebce5b66d779e5e2c0ac9dcfe098596c6d544e81c5604ab",
    "reut2-013.sgm": "8f7700bc0455fac3fcc12377ced4807b7df8aba1f21ecad059b9cc2b1cf0b8be",
    "reut2-014.sgm": "ef936bd3e0f36cf722afa9a6957563549775af32e9e28b4f539c8737ceda83ab",
    "reut2-015.sgm": "6d3bcec73eff871b8a5403588af814c4e50a0de6bc25707480522ab836f74026",
    "reut2-016.sgm": "be2f03a185fff70131f3b4fdbd6229b7ee2be077eba9691eaa597c8cfbda8812",
    "reut2-017.sgm": "f370e610b4b1342e41a98e0c426a08541044bd1d7e539674f32372a6060b73b5",
    "reut2-018.sgm": "a5f971bf25448e915781962309e669359a35fbcaf3017a806eca0590897f209a",
    "reut2-019.sgm": "d3b07097fba2633d130b4914aceba671645985248943ce9e39c289315339dffb",
    "reut2-020.sgm": "f6ad1b724125c202566c63b35ea0b5ee23881f8b7ed47a32829d5af05d8e860d",
    "reut2-021.sgm": "3f5196d32869723c9042aa5756805b4e90360f1f45ea17f4594fa0e2b3630b18",
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    )
}
_STORY = re.compile(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_DATE = re.compile(r"<DATE>\s*(\d+)-(\w+)-(\d+)")
_SIGN_OFF = re.compile(r"\s*Reuter\s*$")


@dataclass(frozen=True)
class Article:
    id: str  # "lee-background-17", "reuters-5153"
    corpus: str  # "lee" or "reuters"
    text: str
    date: dt.date | None


def cache_dir() -> Path:
    env = os.environ.get("FACTCHECK_BENCH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "factcheck-bench"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _lee_folder() -> Path:
    """The Lee files, extracted from gensim's sdist (downloaded from PyPI on first use)."""
    folder = cache_dir() / "lee"
    if all((folder / name).is_file() for name in LEE_FILES):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    archive = cache_dir() / "gensim-4.4.0.tar.gz"
    if not archive.is_file() or _sha256(archive) != GENSIM_SHA256:
        print(f"downloading {GENSIM_URL} …", file=sys.stderr)
        urllib.request.urlretrieve(GENSIM_URL, archive)
    if _sha256(archive) != GENSIM_SHA256:
        raise SystemExit(f"{archive}: SHA-256 does not match the gensim 4.4.0 sdist")
    with tarfile.open(archive) as tf:
        for name in LEE_FILES:
            member = tf.getmember(f"gensim-4.4.0/gensim/test/test_data/{name}")
            data = tf.extractfile(member)
            assert data is not None
            (folder / name).write_bytes(data.read())
    return folder


def lee() -> Iterator[Article]:
    folder = _lee_folder()
    for name in LEE_FILES:
        stem = name.split(".")[0].replace("lee_", "")
        lines = (folder / name).read_text(encoding="latin-1").splitlines()
        for i, line in enumerate(lines):
            if line.strip():
                yield Article(f"lee-{stem}-{i + 1}", "lee", line.strip(), None)


def reuters_folder(given: str | None) -> Path | None:
    for folder in (Path(given) if given else None, cache_dir() / "reuters"):
        if folder is not None and (folder / "reut2-000.sgm").is_file():
            return folder
    return None


def reuters(folder: Path) -> Iterator[Article]:
    for name, digest in REUTERS_SHA256.items():
        path = folder / name
        if not path.is_file():
            print(f"warning: {path} missing", file=sys.stderr)
            continue
        if _sha256(path) != digest:
            print(f"warning: {path} differs from the copy measured here", file=sys.stderr)
        raw = path.read_bytes().decode("latin-1")
        for m in _STORY.finditer(raw):
            new_id, story = m.groups()
            body = _BODY.search(story)
            if body is None:
                continue
            title = _TITLE.search(story)
            when = _DATE.search(story)
            text = _SIGN_OFF.sub("", html.unescape(body.group(1)).replace("\x03", "")).strip()
            head = html.unescape(title.group(1)).strip() if title else ""
            date = None
            if when is not None:
                day, month, year = when.groups()
                date = dt.date(int(year), _MONTHS[month.upper()[:3]], int(day))
            yield Article(
                f"reuters-{new_id}", "reuters", f"{head}\n\n{text}" if head else text, date
            )

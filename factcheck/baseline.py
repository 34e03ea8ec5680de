"""A baseline: the findings a newsroom has accepted, so that only new ones are shown.

A finding is identified by its file, its rule code and the normalised text of the claims it
involves (blamed claim first) — never by line or column, so an edit elsewhere in the article
does not resurface it. Counts are kept: if the baseline holds one "SCL001 £35m/$50billion" in a
file and the file now has two, one is shown. Paths are stored relative to the baseline file's
folder, so the baseline works from any working directory.

File format (JSON)::

    {"version": 1, "tool": "factcheck 0.1.0",
     "findings": [{"path": "articles/a.md", "code": "SCL001",
                   "claims": ["£35m", "$50billion"], "count": 1}]}

Findings that involve no claim (a malformed numeral) are identified by their message instead.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from factcheck.errors import ConfigError
from factcheck.models import FileFailure, FileResult, Finding

BASELINE_VERSION = 1
Key = tuple[str, str, tuple[str, ...]]

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Claim text as compared: NFKC, case-folded, typographic quotes/dashes plain, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def _stored_path(path: str, base: Path) -> str:
    if path == "-" or path.startswith("<"):
        return path
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, base)).as_posix()


def finding_key(result: FileResult, finding: Finding, base: Path) -> Key:
    """The identity of one finding, independent of where in the file it is."""
    texts = {c.id: c.text for c in result.claims}
    claims = tuple(normalise(texts.get(cid, cid)) for cid in finding.claims)
    if not claims:
        claims = (normalise(finding.message),)
    return _stored_path(result.path, base), finding.code, claims


def keys(results: Iterable[FileResult | FileFailure], base: Path) -> Counter[Key]:
    return Counter(
        finding_key(r, f, base) for r in results if isinstance(r, FileResult) for f in r.findings
    )


def write(path: str | Path, results: Sequence[FileResult | FileFailure], version: str) -> int:
    """Record every finding of ``results`` in ``path``; returns how many were recorded."""
    target = Path(path)
    counts = keys(results, Path(os.path.abspath(target)).parent)
    entries = [
        {"path": p, "code": code, "claims": list(claims), "count": n}
        for (p, code, claims), n in sorted(counts.items())
    ]
    doc = {"version": BASELINE_VERSION, "tool": f"factcheck {version}", "findings": entries}
    try:
        target.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot write baseline: {exc.strerror or exc}") from None
    return sum(counts.values())


def read(path: str | Path) -> Counter[Key]:
    """The findings recorded in a baseline file (a :class:`ConfigError` if it is not one)."""
    where = str(path)
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(where, "baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(where, f"cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            where, f"not a baseline (invalid JSON: {exc.msg} at line {exc.lineno})"
        ) from None
    except RecursionError:
        raise ConfigError(where, "not a baseline (JSON nested too deeply)") from None
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION:
        raise ConfigError(where, f"not a factcheck baseline of version {BASELINE_VERSION}")
    out: Counter[Key] = Counter()
    for i, entry in enumerate(doc.get("findings", [])):
        try:
            key = (
                str(entry["path"]),
                str(entry["code"]),
                tuple(normalise(str(c)) for c in entry["claims"]),
            )
            out[key] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                where, f"[findings.{i}] expected path, code, claims and count"
            ) from None
    return out


def apply(
    results: Sequence[FileResult | FileFailure], known: Counter[Key], base: Path
) -> tuple[list[FileResult | FileFailure], int]:
    """``results`` without the findings the baseline knows; also how many were hidden."""
    remaining = Counter(known)
    out: list[FileResult | FileFailure] = []
    hidden = 0
    for r in results:
        if not isinstance(r, FileResult):
            out.append(r)
            continue
        kept = []
        for f in r.findings:
            k = finding_key(r, f, base)
            if remaining[k] > 0:
                remaining[k] -= 1
                hidden += 1
            else:
                kept.append(f)
        out.append(r if len(kept) == len(r.findings) else r.model_copy(update={"findings": kept}))
    return out, hidden

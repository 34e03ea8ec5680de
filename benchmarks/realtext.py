"""Real news, checked whole: warnings-or-worse per 100 articles, per rule, against a triage.

The corpus is real published copy (``benchmarks/_realcorpus.py`` says where each part comes from
and how it is fetched; none of it is committed). Every finding at warning or above is looked up
in ``benchmarks/realtext_triage.toml``, where a person has labelled it a real error in the
published text or a false alarm, with a reason. The script prints:

- per corpus and overall: articles, findings, findings per 100 articles, false alarms per 100
  articles, and the same per rule;
- every finding the triage does not label (so a change that adds findings shows them), and
  every triage entry no longer produced;
- time per article and articles per second, in one process (the whole pipeline from a decoded
  text: extraction, relations, checks; rates and units loaded before the clock starts).

    python benchmarks/realtext.py [--reuters DIR] [--only lee|reuters] [--list]

``--list`` prints every finding with its sentence (to triage new ones). Exit status 1 when a
finding is untriaged, so a run says at once whether the triage is complete.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _realcorpus import Article, lee, reuters, reuters_folder

from factcheck.api import CheckOptions, check_document
from factcheck.models import Document, Finding

TRIAGE = Path(__file__).resolve().parent / "realtext_triage.toml"
Key = tuple[str, str, str]  # (article, code, blamed claim's text)


def _norm(text: str) -> str:
    return " ".join(text.split())


def load_triage() -> dict[Key, dict[str, str]]:
    data = tomllib.loads(TRIAGE.read_text(encoding="utf-8")) if TRIAGE.is_file() else {}
    out: dict[Key, dict[str, str]] = {}
    for entry in data.get("finding", []):
        key = (entry["article"], entry["code"], _norm(entry["claim"]))
        if entry["verdict"] not in ("error", "false-alarm"):
            raise SystemExit(f"{TRIAGE}: {key}: verdict must be 'error' or 'false-alarm'")
        if not entry.get("reason"):
            raise SystemExit(f"{TRIAGE}: {key}: every verdict gives a reason")
        out[key] = entry
    return out


def _sentence(text: str, f: Finding) -> str:
    start, end = f.span
    lo = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start), 0)
    hi = text.find(". ", end)
    return _norm(text[lo : hi + 1 if hi != -1 else len(text)])[:400]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reuters", help="folder with reut2-000.sgm … reut2-021.sgm")
    ap.add_argument("--only", choices=("lee", "reuters"))
    ap.add_argument("--list", action="store_true", help="print every finding with its sentence")
    args = ap.parse_args(argv)

    articles: list[Article] = []
    if args.only != "reuters":
        articles.extend(lee())
    if args.only != "lee":
        folder = reuters_folder(args.reuters)
        if folder is None:
            print(
                "Reuters-21578 not found: give --reuters DIR (see _realcorpus.py)", file=sys.stderr
            )
        else:
            articles.extend(reuters(folder))
    if not articles:
        return 2
    triage = load_triage()

    # warm-up: the rate table, pint and the compiled patterns are loaded before timing
    check_document(
        Document(
            path="w",
            source="It cost $5bn (£4bn), or 5 miles (8km).",
            text="It cost $5bn (£4bn), or 5 miles (8km).",
        ),
        CheckOptions(),
    )
    found: list[tuple[Article, Finding]] = []
    per_corpus = Counter(a.corpus for a in articles)
    t0 = time.perf_counter()
    for a in articles:
        result = check_document(
            Document(path=a.id, source=a.text, text=a.text), CheckOptions(date=a.date)
        )
        found.extend((a, f) for f in result.findings if f.severity.value in ("warning", "error"))
    elapsed = time.perf_counter() - t0

    seen: set[Key] = set()
    untriaged: list[tuple[Article, Finding]] = []
    tally: Counter[tuple[str, str, str]] = Counter()  # (corpus, code, verdict)
    for a, f in found:
        key = (a.id, f.code, _norm(a.text[f.span[0] : f.span[1]]))
        seen.add(key)
        entry = triage.get(key)
        verdict = entry["verdict"] if entry else "untriaged"
        tally[(a.corpus, f.code, verdict)] += 1
        if entry is None:
            untriaged.append((a, f))
        if args.list:
            print(f"{a.id} {f.code} [{verdict}] {f.message}\n    {_sentence(a.text, f)}\n")

    corpora = sorted(per_corpus)
    print(f"{len(articles):,} articles ({', '.join(f'{c} {per_corpus[c]:,}' for c in corpora)})")
    print(
        f"time: {elapsed / len(articles) * 1000:.2f} ms per article, "
        f"{len(articles) / elapsed:,.0f} articles/s (one process)"
    )
    print()
    codes = sorted({code for _, code, _ in tally})
    header = f"{'rule':<8}" + "".join(f"{c + ' find/FA per 100':>28}" for c in [*corpora, "all"])
    print(header)
    for code in [*codes, "ALL"]:
        row = f"{code:<8}"
        for corpus in [*corpora, "all"]:
            sel = [
                (k, v)
                for k, v in tally.items()
                if (corpus == "all" or k[0] == corpus) and (code == "ALL" or k[1] == code)
            ]
            n = sum(v for _, v in sel)
            fa = sum(v for k, v in sel if k[2] != "error")  # untriaged counts as a false alarm
            arts = len(articles) if corpus == "all" else per_corpus[corpus]
            row += f"{n:>8} {fa:>5} {n / arts * 100:>6.2f} {fa / arts * 100:>6.2f}"
        print(row)
    errors = sum(v for k, v in tally.items() if k[2] == "error")
    false = sum(v for k, v in tally.items() if k[2] == "false-alarm")
    print(
        f"\nreal errors {errors}, false alarms {false}, untriaged {len(untriaged)} "
        f"(false alarms + untriaged: {(false + len(untriaged)) / len(articles) * 100:.2f} "
        "per 100 articles)"
    )
    stale = [
        k for k in triage if k not in seen and k[0].split("-")[0] in {a.corpus for a in articles}
    ]
    if stale:
        print(f"\n{len(stale)} triage entries no longer produced:")
        for k in stale:
            print(f"  {k[0]} {k[1]} {k[2]!r} ({triage[k]['verdict']})")
    if untriaged:
        print(f"\n{len(untriaged)} untriaged findings:")
        for a, f in untriaged:
            print(f"  {a.id} {f.code} {a.text[f.span[0] : f.span[1]]!r}: {f.message}")
            print(f"      {_sentence(a.text, f)}")
    return 1 if untriaged else 0


if __name__ == "__main__":
    sys.exit(main())

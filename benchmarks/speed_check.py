"""Speed of the whole pipeline on the seed article, warm, in process (issue 4: ≤ 2 ms).

"Warm" means the lexicon, patterns, rules and rate table are loaded; nothing keyed on the text
is: the sentence cache (which extraction and checks share for one article) is cleared before
every run, so each run costs what a new article of the same size would.

Prints the median of repeated runs for each stage — extraction, claims, checks, the whole
``check_document`` — and the cold first call. Exchange rates come from the real ECB table (the
seed needs them); the table is loaded before timing.

    python benchmarks/speed_check.py [--repeat 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"


def _median_ms(fn: object, repeat: int) -> float:
    from factcheck import segment

    times = []
    for _ in range(repeat):
        segment._starts.cache_clear()  # a new article each time: no segmentation carried over
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=300)
    args = ap.parse_args()
    t0 = time.perf_counter()
    from factcheck.api import CheckOptions, check_document
    from factcheck.engine import run as run_checks
    from factcheck.extractors import extract_mentions, mentions_to_claims
    from factcheck.models import Document
    from factcheck.registry import CheckContext
    from factcheck.segment import LineIndex

    t1 = time.perf_counter()
    text = SEED.read_text(encoding="utf-8")
    doc = Document(path=str(SEED), source=text, text=text)
    options = CheckOptions()
    check_document(doc, options)
    t2 = time.perf_counter()
    lex = options.lexicon()
    rules = options.rules()
    mentions = extract_mentions(text, lex).mentions
    lines = LineIndex(text)
    claims = mentions_to_claims(text, mentions, position=lines.position)

    def checks() -> None:
        ctx = CheckContext(text, claims, lex)
        run_checks(ctx, rules, position=lines.position)

    stages = {
        "extract (mentions)": lambda: extract_mentions(text, lex),
        "claims (models)": lambda: mentions_to_claims(text, mentions, position=lines.position),
        "checks (all rules)": checks,
        "check_document": lambda: check_document(doc, options),
    }
    print(f"seed: {len(text):,} characters, {len(claims)} claims; median of {args.repeat} runs")
    print(f"  import factcheck.api      {1000 * (t1 - t0):8.1f} ms (cold)")
    print(
        f"  first check_document      {1000 * (t2 - t1):8.1f} ms (lexicon, patterns, rules, rates)"
    )
    for name, fn in stages.items():
        print(f"  {name:<25} {_median_ms(fn, args.repeat):8.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

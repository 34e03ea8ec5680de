"""Write N generated news articles as JSON Lines, for ``factcheck archive`` benchmarks and tests.

    python benchmarks/make_corpus.py 100000 corpus.jsonl [--seed 1] [--error-rate 0.3]

Every article is built from this file's own templates: a dateline, business-news paragraphs
with money (and its conversion into another currency at the ECB rate of the article's date),
percentages, counts, changes from one figure to another, growth words, unit conversions and
totals, padded with number-free prose to about the seed article's size (6.6 KB on average).
About ``--error-rate`` of the numeric paragraphs carry a deliberate slip (a conversion off by a
thousand, a wrong percentage change, a repeated figure that changed, a wrong total). Records
are ``{"id", "text", "date", "url"}``; one in five has no ``date``, so its dateline is used.
The output depends only on N, the seed and the error rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

COMPANIES = (
    "Northwind Foods",
    "Halcyon Telecom",
    "Brightwater Energy",
    "Castlegate Bank",
    "Orchard Retail",
    "Meridian Airways",
    "Kestrel Motors",
    "Lumen Pharma",
    "Harbourline Shipping",
    "Ashford Media",
    "Pinecrest Insurance",
    "Silverbirch Games",
)
PEOPLE = (
    "Sarah Okafor",
    "James Whitley",
    "Priya Raman",
    "Tomas Lindqvist",
    "Helen Marsh",
    "Daniel Achterberg",
    "Maria Costa",
    "Owen Pritchard",
    "Aiko Tanabe",
    "Ruth Adeyemi",
)
ROLES = (
    "chief executive",
    "finance director",
    "chairman",
    "an analyst at Greyfield Partners",
    "a spokesperson",
    "the union's general secretary",
    "a former regulator",
)
CITIES = ("LONDON", "MANCHESTER", "EDINBURGH", "DUBLIN", "FRANKFURT", "NEW YORK", "PARIS")
MEASURES = ("revenue", "profit", "sales", "turnover", "operating costs", "investment")
THINGS = ("customers", "subscribers", "passengers", "employees", "members", "stores")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CURRENCIES = {"USD": "$", "GBP": "£", "EUR": "€"}
FILLER = (
    "The announcement came after weeks of speculation in the City about the group's plans, "
    "with several investors pressing the board to set out a clearer strategy.",
    "Analysts said the move reflected pressure on margins across the sector, where higher "
    "wages and energy bills have squeezed smaller operators hardest.",
    "The company declined to comment on reports that it had held talks with a rival over a "
    "possible merger, saying only that it kept its options under review.",
    "Shareholders will vote on the proposals at the annual meeting, where the pay of senior "
    "executives is also expected to draw criticism from campaign groups.",
    "Regulators have been examining the industry's pricing practices and are due to publish "
    "their findings later in the year, according to people familiar with the matter.",
    "Staff were told of the changes at a meeting on Monday morning, and the union said it "
    "would seek urgent talks with management about the effect on jobs.",
    "The group has invested heavily in its online operations, although critics argue that "
    "the spending has yet to produce the returns promised to investors.",
    "Competitors have moved quickly to take advantage of the disruption, offering discounts "
    "to customers who switch before the end of the quarter.",
    "Ministers have so far resisted calls to intervene, insisting that the matter is one for "
    "the company and its lenders to resolve between themselves.",
    "The chief executive, who took over last spring, has promised a leaner business with "
    "fewer layers of management and a sharper focus on its core markets.",
    "Consumer groups welcomed the decision but warned that households would be watching "
    "closely to see whether the promised savings were passed on.",
    "Industry veterans said they could not remember a period of such rapid change, with "
    "new entrants challenging companies that had dominated the market for decades.",
    "Customers contacted by this newspaper described long waits on the telephone and letters "
    "that contradicted one another about when the changes would take effect.",
    "The board said it remained confident in the long-term prospects of the business and "
    "thanked staff for their hard work during a difficult period.",
    "Opposition politicians seized on the news as evidence that the government's industrial "
    "strategy was failing, and demanded a statement in the Commons.",
    "Bankers close to the talks said a formal offer was unlikely before the summer, once the "
    "buyer had completed its review of the pension scheme.",
    "The shares have been volatile since the start of the year, swinging sharply on every "
    "hint of a change in interest rates or a shift in consumer confidence.",
    "Local councils in the affected areas have asked for assurances that services will be "
    "maintained while the restructuring is carried out.",
    "Trade bodies said the figures painted a mixed picture, with strong demand in the south "
    "offset by weaker trading in the north and in Scotland.",
    "A spokesman insisted that the company had followed every rule, and said it would "
    "co-operate fully with any inquiry that the authorities chose to open.",
)


def _money(rng: random.Random) -> tuple[float, str]:
    """An amount in millions or billions, written the way newspapers do."""
    if rng.random() < 0.5:
        return round(rng.uniform(1.2, 95), 1), rng.choice(("bn", "billion"))
    return float(rng.randint(12, 950)), rng.choice(("m", "million"))


def _fmt(x: float) -> str:
    return f"{x:,.1f}".rstrip("0").rstrip(".") if x < 100 else f"{round(x):,}"


class _Writer:
    def __init__(
        self,
        rng: random.Random,
        date: dt.date,
        error_rate: float,
        rate: Callable[[str, str, dt.date], float | None],
    ) -> None:
        self.rng, self.date, self.error_rate, self.rate = rng, date, error_rate, rate
        self.company = rng.choice(COMPANIES)

    def slip(self) -> bool:
        return self.rng.random() < self.error_rate

    def who(self) -> str:
        return f"{self.rng.choice(PEOPLE)}, {self.rng.choice(ROLES)},"

    def conversion(self) -> str:
        rng = self.rng
        src, dst = rng.sample(sorted(CURRENCIES), 2)
        value, scale = _money(rng)
        rate = self.rate(src, dst, self.date) or 1.0
        conv, conv_scale = value * rate, scale
        if self.slip():
            conv_scale = "m" if scale in ("bn", "billion") else "bn"
        return (
            f"{self.company} said the deal was worth {CURRENCIES[src]}{_fmt(value)}{scale} "
            f"({CURRENCIES[dst]}{_fmt(conv)}{conv_scale}), making it one of the largest "
            f'in the sector this year. {self.who()} called it "a turning point for the '
            'business" and said the money would be spent over several years.'
        )

    def change(self) -> str:
        rng = self.rng
        sym = CURRENCIES[rng.choice(sorted(CURRENCIES))]
        start = float(rng.randint(120, 900))
        end = round(start * rng.uniform(0.6, 1.8))
        pct = (end - start) / start * 100
        stated = pct + rng.choice((-15, 12, 20)) if self.slip() else pct
        verb, word = ("rose", "an increase") if end >= start else ("fell", "a drop")
        y1 = self.date.year - rng.randint(2, 4)
        return (
            f"{rng.choice(MEASURES).capitalize()} {verb} from {sym}{_fmt(start)}m in {y1} "
            f"to {sym}{_fmt(end)}m last year, {word} of {abs(stated):.0f} per cent, "
            f"according to figures published on {self.date.strftime('%A')}."
        )

    def repeated(self) -> tuple[str, str]:
        rng = self.rng
        thing = rng.choice(THINGS)
        n = rng.randint(2, 60)
        later = n + rng.choice((-1, 1)) * rng.randint(1, 5) if self.slip() else n
        first = (
            f"The group now has {n} million {thing} in Britain and Europe, and expects "
            "the number to keep growing as it expands into new markets."
        )
        second = (
            f"Executives said the {later} million {thing} would see no change to their "
            "contracts before the end of the year."
        )
        return first, second

    def growth(self) -> str:
        rng = self.rng
        start = rng.randint(10, 90)
        factor = rng.choice((2, 3))
        end = start * factor if not self.slip() else start * factor + rng.randint(15, 40)
        word = {2: "doubled", 3: "tripled"}[factor]
        return (
            f"The number of its shops {word} over the period, from {start} to {end}, as "
            "the chain opened branches in towns that had lost their high-street banks."
        )

    def shares(self) -> str:
        rng = self.rng
        a = rng.randint(20, 45)
        b = rng.randint(10, 30)
        c = 100 - a - b if not self.slip() else 100 - a - b + rng.randint(8, 20)
        return (
            f"Around {a} per cent of its sales came from Britain, {b} per cent from France "
            f"and {c} per cent from the rest of Europe, the annual report showed."
        )

    def distance(self) -> str:
        rng = self.rng
        miles = rng.randint(5, 400)
        km = miles * 1.609344 * (1 if not self.slip() else rng.choice((0.5, 1.6)))
        return (
            f"The new line will run for {miles} miles ({round(km)}km) and is expected to "
            "cut journey times for commuters by a quarter once it opens."
        )

    def people(self) -> str:
        rng = self.rng
        n = rng.randint(2, 40) * 100
        return (
            f"About {n:,} jobs are at risk, {self.who()} told reporters, adding that "
            f"talks with staff representatives would begin within {rng.randint(2, 9)} days."
        )


def article(
    index: int,
    seed: int = 1,
    error_rate: float = 0.3,
    rate: Callable[[str, str, dt.date], float | None] | None = None,
) -> dict[str, object]:
    """One record; the same (index, seed, error_rate) always gives the same article."""
    rng = random.Random(f"{seed}:{index}")
    date = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 12 * 365))
    w = _Writer(rng, date, error_rate, rate or _ecb_rate)
    first, second = w.repeated()
    numeric = [
        w.conversion(),
        w.change(),
        first,
        w.growth(),
        w.shares(),
        w.distance(),
        w.people(),
        w.conversion(),
    ]
    head = (
        f"{w.company} {rng.choice(('to cut', 'to expand', 'agrees', 'reports'))} "
        f"{rng.choice(('costs', 'overseas', 'takeover', 'results'))} as "
        f"{rng.choice(('profits slide', 'demand recovers', 'rivals circle', 'sales jump'))}"
    )
    paras = [head, f"{rng.choice(CITIES)}, {date.day} {MONTHS[date.month - 1]} {date.year} -"]
    filler = list(FILLER)
    rng.shuffle(filler)
    target = rng.gauss(6900, 900)
    body: list[str] = []
    while sum(map(len, body)) + 600 < target:
        if numeric and (not filler or rng.random() < 0.5):
            body.append(numeric.pop(0))
        elif filler:
            body.append(" ".join(filler.pop() for _ in range(min(2, len(filler)))))
        else:
            filler = list(FILLER)
            rng.shuffle(filler)
    body.append(second)  # the repeated figure, mentioned again near the end
    text = "\n\n".join(paras + body) + "\n"
    rec: dict[str, object] = {
        "id": f"art-{index:07d}",
        "text": text,
        "url": f"https://news.example/{date:%Y/%m/%d}/{index}",
    }
    if rng.random() >= 0.2:
        rec["date"] = date.isoformat()
    return rec


def _ecb_rate(base: str, quote: str, on: dt.date) -> float | None:
    from factcheck.rates import default_rates

    q = default_rates().rate(base, quote, on)
    return q.rate if q else None


def articles(n: int, seed: int = 1, error_rate: float = 0.3) -> Iterator[dict[str, object]]:
    for i in range(n):
        yield article(i, seed, error_rate)


def write(path: str | Path, n: int, seed: int = 1, error_rate: float = 0.3) -> int:
    """Write ``n`` records as JSON Lines; returns the bytes of article text written."""
    total = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in articles(n, seed, error_rate):
            total += len(str(rec["text"]).encode("utf-8"))
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return total


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--error-rate", type=float, default=0.3)
    args = p.parse_args(argv)
    text_bytes = write(args.out, args.n, args.seed, args.error_rate)
    print(
        f"{args.n:,} articles, {text_bytes / 1e6:,.1f} MB of text "
        f"({text_bytes / max(args.n, 1):,.0f} bytes each on average) -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up and throughput of the ``factcheck`` command, as a user meets them (issue 5).

    python benchmarks/cli_bench.py [--runs 7] [--articles 1000] [--jobs 2]

1. Fresh processes, median of ``--runs``: ``factcheck --version``, ``factcheck <seed>``, and the
   parts of the seed run's start-up (interpreter, importing the pipeline, loading the ECB table).
2. ``factcheck DIR --jobs N`` on a folder of generated articles (written from the templates
   below, seeded, about the size of the seed article), against ``--jobs 1``, with the default
   non-terminal format (concise) and with ``-f json``: articles per second, the speed-up, and
   peak memory — of the largest single process (main or a worker, from the kernel's rusage)
   and of the whole process tree (sampled from /proc on Linux).

Prints figures; asserts nothing (timing never goes into tests).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "facebook-cambridge-analytica-2018.txt"

# Paragraph templates (written for this benchmark). Some fill in consistent figures, some
# slip a scale word or a percentage, so the checker has real work and real findings.
PARAGRAPHS = (
    "{town} council approved a budget of £{b1}m for next year, up from £{b0}m, a rise of "
    "{pct} per cent that the leader called unavoidable.",
    "Shares in {firm} fell {drop} percent on {day}, wiping ${cap}billion ({gbp}) off its market "
    "value as investors weighed the chief executive's departure.",
    "The {firm} deal, worth €{eur}billion ({eur_gbp}), is the largest in the sector since "
    "{year}, according to people familiar with the talks.",
    "About {crowd} people attended the rally in {town}, organisers said, although police put "
    "the figure closer to {crowd2}.",
    "The hospital trust employs {staff} nurses and has {beds} beds; it expects to treat "
    "{patients} patients this winter, {more} more than last year.",
    "Average rents in {town} have risen from £{r0} a month in {year} to £{r1} this year, "
    "according to the letting agent's figures.",
    "{firm} said its revenue doubled every year between {year} and {year3}, from ${v0}m to ${v3}m.",
    "The reservoir holds {water} million litres and the drought has left it {full} per cent "
    "full, the water company said.",
    "Commuters face a {mins}-minute delay on the {town} line for {weeks} weeks while engineers "
    "replace {km} kilometres of track.",
    "The charity raised £{raised},000 in {days} days, beating its target of £{target},000, "
    "and will spend a third of it on school meals.",
    "Ticket prices will rise by {fare} per cent in January, the third rise in {n} years, "
    "taking an annual season ticket to £{season}.",
    "Police said {arrests} people were arrested and {charged} charged after the match, which "
    "was watched by a crowd of {fans}.",
)
TOWNS = ("Ashford", "Bramley", "Carlow", "Dunmore", "Eastleigh", "Fenwick", "Glenrock")
FIRMS = ("Northway", "Halcyon Foods", "Brightwater Energy", "Kestrel Systems", "Orbit Media")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _values(rng: random.Random) -> dict[str, object]:
    b0 = rng.randint(20, 900)
    pct = rng.choice((3, 4, 5, 8, 10, 12))
    cap = rng.randint(2, 90)
    gbp = f"£{round(cap * 0.72)}bn" if rng.random() < 0.8 else f"£{round(cap * 0.72)}m"
    eur = rng.randint(2, 40)
    eur_gbp = f"£{eur * 0.87:.1f}bn" if rng.random() < 0.85 else f"£{eur * 0.87:.1f}m"
    year = rng.randint(2009, 2016)
    v0 = rng.randint(5, 60)
    growth = rng.choice((8, 8, 8, 5))
    crowd = rng.randint(2, 30) * 1000
    staff = rng.randint(300, 2500)
    return {
        "town": rng.choice(TOWNS),
        "firm": rng.choice(FIRMS),
        "day": rng.choice(DAYS),
        "b0": b0,
        "b1": round(b0 * (1 + pct / 100)) + rng.choice((0, 0, 0, 9)),
        "pct": pct,
        "drop": rng.randint(2, 15),
        "cap": cap,
        "gbp": gbp,
        "eur": eur,
        "eur_gbp": eur_gbp,
        "year": year,
        "year3": year + 3,
        "v0": v0,
        "v3": v0 * growth,
        "crowd": f"{crowd:,}",
        "crowd2": f"{crowd // rng.choice((2, 3)):,}",
        "staff": f"{staff:,}",
        "beds": rng.randint(200, 1400),
        "patients": f"{rng.randint(10, 90) * 1000:,}",
        "more": f"{rng.randint(1, 9) * 100:,}",
        "r0": rng.randint(500, 900),
        "r1": rng.randint(900, 1600),
        "water": rng.randint(20, 900),
        "full": rng.randint(20, 70),
        "mins": rng.choice((10, 15, 20, 30)),
        "weeks": rng.randint(2, 12),
        "km": rng.randint(3, 40),
        "raised": rng.randint(20, 90),
        "days": rng.randint(3, 30),
        "target": rng.randint(10, 20),
        "fare": rng.randint(2, 6),
        "n": rng.randint(3, 5),
        "season": f"{rng.randint(2, 6)},{rng.randint(100, 999)}",
        "arrests": rng.randint(2, 30),
        "charged": rng.randint(1, 2),
        "fans": f"{crowd * 2:,}",
    }


def article(rng: random.Random, paragraphs: int = 44) -> str:
    body = [rng.choice(PARAGRAPHS).format(**_values(rng)) for _ in range(paragraphs)]
    date = f"{rng.randint(2017, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"{rng.choice(TOWNS)} news desk, {date}\n\n" + "\n\n".join(body) + "\n"


def make_corpus(folder: Path, n: int, seed: int = 5) -> int:
    """``n`` articles (.txt, with every tenth as Markdown): returns their total size in bytes."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        text = article(rng)
        suffix = ".md" if i % 10 == 9 else ".txt"
        if suffix == ".md":
            text = "---\ntitle: Article\n---\n\n# Article\n\n" + text
        path = folder / f"{i // 100:02d}" / f"article-{i:04d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def factcheck_command() -> list[str]:
    exe = shutil.which("factcheck", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-m", "factcheck.cli"]


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc), in KiB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * page_kib
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(p for p, pp in parents.items() if pp == pid)
    return total


def timed(argv: list[str], cwd: Path | None = None) -> tuple[float, int, int, int, float]:
    """Run ``argv``: wall seconds, exit status, peak RSS of its largest process (KiB), the
    peak of the sampled process tree (KiB, 0 where /proc is missing), and CPU seconds (user +
    system, workers included)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stop.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr:
        proc.stderr.close()
    return seconds, proc.returncode, usage.ru_maxrss, peak_tree, usage.ru_utime + usage.ru_stime


def median_seconds(argv: list[str], runs: int, cwd: Path | None = None) -> float:
    return statistics.median(timed(argv, cwd)[0] for _ in range(runs))


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def calibrate(jobs: int) -> float:
    """How much faster ``jobs`` processes run a pure-Python loop than one: the parallel headroom
    this machine has right now (other work on it shows here, not in factcheck's figures)."""
    from concurrent.futures import ProcessPoolExecutor

    times = []
    for j in (1, jobs):
        start = time.perf_counter()
        with ProcessPoolExecutor(j) as pool:
            list(pool.map(_burn, [3_000_000] * (2 * jobs)))
        times.append(time.perf_counter() - start)
    return times[0] / times[1]


def startup(runs: int) -> None:
    cmd = factcheck_command()
    py = sys.executable
    seed = str(SEED.relative_to(REPO))
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("factcheck --version", [*cmd, "--version"]),
        ("import the pipeline (factcheck.checkrun)", [py, "-c", "import factcheck.checkrun"]),
        (
            "import + load the ECB rate table",
            [
                py,
                "-c",
                "import factcheck.checkrun; from factcheck.rates import default_rates; "
                "default_rates()",
            ],
        ),
        (f"factcheck {seed}", [*cmd, seed]),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"fresh processes, median of {runs} runs ({os.cpu_count()} CPUs, load average {load}):")
    for label, argv in rows:
        print(f"  {label:<48} {median_seconds(argv, runs, REPO):6.3f} s")
    print("  target for the seed run: 0.25 s")


def throughput(n: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        folder = Path(tmp) / "articles"
        size = make_corpus(folder, n)
        print(
            f"\n{n:,} generated articles, {size / 1e6:.1f} MB "
            f"({size / n / 1000:.1f} KB each; the seed article is "
            f"{SEED.stat().st_size / 1000:.1f} KB):"
        )
        base = [*factcheck_command(), str(folder), "-o", os.devnull, "-q"]
        serial = None
        runs = [(j, "concise") for j in sorted({1, jobs})] + [(jobs, "json")]
        for j, fmt in runs:
            seconds, status, peak, tree, cpu = timed([*base, "-f", fmt, "--jobs", str(j)])
            rate = n / seconds
            serial = serial or rate
            tree_text = f", whole tree {tree / 1024:.0f} MB" if tree else ""
            print(
                f"  -f {fmt:<7} --jobs {j}: {seconds:6.2f} s, {rate:6.1f} articles/s "
                f"({rate / serial:.2f}x), {cpu:5.1f} CPU s, exit {status}; peak memory: "
                f"largest process "
                f"{peak / 1024:.0f} MB{tree_text}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    startup(args.runs)
    print(
        f"\nmachine headroom: a pure-Python loop runs {calibrate(args.jobs):.2f}x as fast in "
        f"{args.jobs} processes as in 1 (the best --jobs {args.jobs} can do here now)"
    )
    throughput(args.articles, args.jobs)
    print(
        f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        "(figures from a busy machine understate the speed-up)"
    )


if __name__ == "__main__":
    main()

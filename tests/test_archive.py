"""``factcheck archive``: records → rows, the three corpus forms, bad articles, resuming, clusters.

The slow tests start real processes (a local cluster in a subprocess that is killed mid-run; a
``dask scheduler`` and a ``dask worker`` started as a user would) and always stop them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from factcheck.archive import inputs, outputs
from factcheck.archive.batch import check_partition
from factcheck.archive.cluster import RunConfig, run
from factcheck.archive.rows import ROW_FIELDS, ArchiveSettings, check_record
from factcheck.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt").read_text(encoding="utf-8")
IN_PROCESS = ArchiveSettings(article_timeout=None)


def _make_corpus() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_corpus", ROOT / "benchmarks" / "make_corpus.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _make_corpus()


def generated(n: int) -> list[dict[str, Any]]:
    return list(make_corpus.articles(n, seed=7))


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: r[k] for k in ROW_FIELDS} for r in rows]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """An in-process Dask cluster (two threads): the same ``run`` code path, quick to start."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


# --- records → rows --------------------------------------------------------------------------


def test_seed_row() -> None:
    row = check_record({"id": "seed", "text": SEED, "date": "2018-03-22", "url": "u"}, IN_PROCESS)
    assert tuple(row) == ROW_FIELDS
    assert (row["id"], row["url"], row["date"], row["date_source"]) == (
        "seed",
        "u",
        "2018-03-22",
        "record",
    )
    assert row["error"] is None and row["claims"] > 0
    assert row["codes"].count("SCL001") == 2 and row["findings_error"] >= 2
    findings = json.loads(row["findings"])
    assert [f["code"] for f in findings] == row["codes"]
    assert {f["values"].get("rate_date") for f in findings if f["code"] == "SCL001"} == {
        "2018-03-22"
    }


def test_check_partition_same_rows_in_helper_and_in_process() -> None:
    records = [{"id": "seed", "text": SEED}, *generated(4)]
    in_process = check_partition(records, IN_PROCESS)
    assert [r["id"] for r in in_process] == [r["id"] for r in records]
    assert check_partition(records, ArchiveSettings()) == in_process
    assert check_partition([], ArchiveSettings()) == []


def test_expensive_state_is_built_once_per_process() -> None:
    from factcheck import lexicon, rates, ruleset, units

    caches = (lexicon._load_lexicon, ruleset._load_rules, rates.default_rates, units.default_units)
    check_partition(generated(2), IN_PROCESS)
    before = [c.cache_info().misses for c in caches]
    check_partition(generated(5), IN_PROCESS)
    assert [c.cache_info().misses for c in caches] == before


BAD = [
    # (why, record, settings overrides, expected error_code)
    ("lone surrogate", {"id": "s", "text": "It cost $5m \ud800."}, {}, "encoding"),
    ("undecodable bytes", {"id": "b", "text": b"caf\xe9 \xff\xfe costs $5m"}, {}, "encoding"),
    ("NUL bytes", {"id": "n", "text": b"\x00\x01binary"}, {}, "binary"),
    ("over --max-bytes", {"id": "big", "text": "£5m. " * 50}, {"max_bytes": 100}, "too-large"),
    ("no text", {"id": "t", "body": "x"}, {}, "bad-record"),
    ("text not a string", {"id": "t", "text": 42}, {}, "bad-record"),
    ("unknown format", {"id": "f", "text": "x", "format": "pdf"}, {}, "bad-record"),
    ("empty text", {"id": "e", "text": "  \n"}, {}, "empty"),
    ("bad date", {"id": "d", "text": "It rose 5%.", "date": "22/03/2018"}, {}, "bad-date"),
    (
        "failed upstream",
        {"id": "u", "error_code": "bad-record", "error": "line 3"},
        {},
        "bad-record",
    ),
    ("missing file", {"id": "p", "path": "/nonexistent/article.txt"}, {}, "not-found"),
]


@pytest.mark.parametrize(("why", "record", "overrides", "code"), BAD, ids=[b[0] for b in BAD])
def test_bad_article_is_a_row(
    why: str, record: dict[str, Any], overrides: dict[str, Any], code: str
) -> None:
    for settings in (
        ArchiveSettings(article_timeout=None, **overrides),
        ArchiveSettings(**overrides),
    ):
        [row] = check_partition([record], settings)
        assert (row["error_code"], row["findings"], row["codes"]) == (code, "[]", []), why
        assert row["error"] and "\n" not in row["error"]


def test_crash_in_a_check_is_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.archive.rows

    def boom(*_: object) -> None:
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(factcheck.archive.rows, "check_document", boom)
    [row] = check_partition([{"id": "x", "text": SEED}], IN_PROCESS)
    assert (row["error_code"], row["error"]) == ("crash", "ZeroDivisionError: division by zero")


def test_article_timeout_skips_one_article_and_goes_on() -> None:
    small = {"id": "small", "text": "It rose from £5m to £6m."}
    # about 4 MB (under the size limit): over a second of checking, four times the budget
    slow = {"id": "slow", "text": SEED * 600}
    rows = check_partition([small, slow, small], ArchiveSettings(article_timeout=0.25))
    assert [r["error_code"] for r in rows] == [None, "timeout", None]
    assert rows[0] == rows[2]


def test_rows_finished_but_unsent_when_an_article_overruns_are_not_lost() -> None:
    # the helper sends rows in chunks: the two before the slow one are still in its buffer when
    # it is killed, so the next helper checks them again; nothing is lost or duplicated
    first = {"id": "a", "text": "Profits rose from $5m to $6m."}
    second = {"id": "b", "text": "It cost $50billion (£35m)."}
    slow = {"id": "slow", "text": SEED * 600}
    rows = check_partition([first, second, slow, first], ArchiveSettings(article_timeout=0.25))
    assert [r["id"] for r in rows] == ["a", "b", "slow", "a"]
    assert [r["error_code"] for r in rows] == [None, None, "timeout", None]
    assert rows[1]["codes"] == ["SCL001"]
    assert rows[0] == rows[3] == check_partition([first], IN_PROCESS)[0]


def _helpers() -> list[Any]:
    import psutil

    return [
        p
        for p in psutil.Process().children()
        if "factcheck.archive.sandbox" in " ".join(p.cmdline())
    ]


def test_helper_that_dies_mid_article_costs_one_row() -> None:
    from factcheck.archive.sandbox import sandbox_pool

    small = {"id": "small", "text": "It rose from £5m to £6m."}
    # seconds of work: 6.8 MB of one long sentence (every figure is still scanned for)
    slow = {"id": "slow", "text": "The price fell 3% to 4% and then " * 200_000}
    settings = ArchiveSettings(article_timeout=120, max_bytes=20_000_000)
    pool = sandbox_pool()
    pool.warm(settings)
    helpers = _helpers()
    spent = {h.pid: sum(h.cpu_times()[:2]) for h in helpers}
    busy: list[list[dict[str, Any]]] = []
    worker = threading.Thread(target=lambda: busy.append(pool.check([slow, small], settings)))
    worker.start()
    deadline = time.monotonic() + 60
    while not any(sum(h.cpu_times()[:2]) - spent[h.pid] > 0.1 for h in helpers):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    for h in helpers:  # the busy one among them
        h.kill()
    worker.join(120)
    [rows] = busy
    assert [r["error_code"] for r in rows] == ["crash", None]
    assert "died" in rows[0]["error"]
    # a helper that died while idle is replaced before the next batch
    pool.warm(settings)
    for h in _helpers():
        h.kill()
        h.wait(10)
    assert check_partition([small], settings)[0]["error_code"] is None


# --- corpus forms ------------------------------------------------------------------------------


def test_jsonl_plan_and_records(tmp_path: Path) -> None:
    lines = [
        '{"id": "a", "text": "x"}',
        "",
        "not json",
        "[1]",
        '{"text": "no id"}',
        '{"id": "b"}',
        '{"id": "c", "text": "y", "date": "2018-03-22", "url": "u"}',
    ]
    path = tmp_path / "c.jsonl"
    path.write_bytes(("\n".join(lines)).encode() + b"\n\xff\xfe\n")
    parts = inputs.plan(path, size=2)
    assert [p.count for p in parts] == [2, 2, 2, 1]
    records = [r for p in parts for r in inputs.read(p)]
    assert [r["id"] for r in records] == ["a", "line-3", "line-4", "line-5", "b", "c", "line-8"]
    assert [r.get("error_code") for r in records] == [
        None,
        "bad-record",
        "bad-record",
        None,
        "bad-record",
        None,
        "encoding",
    ]
    assert records[5]["date"] == "2018-03-22" and records[5]["url"] == "u"
    assert inputs.plan(path, size=2) == parts  # the same corpus is always cut the same way


def test_a_deeply_nested_json_record_is_one_bad_record_row(tmp_path: Path) -> None:
    """The JSON decoder raised RecursionError and the whole partition was lost, every rerun."""
    path = write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": "It rose 5%."}])
    with path.open("a") as fh:
        fh.write('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
        fh.write('{"id": "b", "text": "It fell 5%.", "meta": ' + "[" * 50 + "]" * 50 + "}\n")
    (part,) = inputs.plan(path, size=10)
    records = list(inputs.read(part))
    assert [r["id"] for r in records] == ["a", "line-2", "b"]  # nesting a parser takes is fine
    assert records[1]["error_code"] == "bad-record" and "nested too deeply" in records[1]["error"]
    rows = check_partition(records, IN_PROCESS)
    assert [r["error_code"] for r in rows] == [None, "bad-record", None]


@pytest.mark.parametrize("damage", ["empty", "truncated", "one row short", "not rows"])
@pytest.mark.parametrize("out_name", ["r.parquet", "r.jsonl"])
def test_a_partition_file_that_cannot_be_read_back_is_written_again(
    tmp_path: Path, client: Any, damage: str, out_name: str
) -> None:
    """A truncated or empty partition file made every rerun crash with a pyarrow traceback."""
    corpus = write_jsonl(tmp_path / "c.jsonl", generated(6))
    out = tmp_path / out_name
    first = run(RunConfig(str(corpus), str(out), partition_size=2), client=client)
    victim = next(p for p in sorted(out.iterdir()) if p.name.startswith("part-000001"))
    good = victim.read_bytes()
    fmt = out_name.split(".")[1]
    before = outputs.read_rows(victim, fmt)
    short = before[:-1]
    if damage == "one row short":  # a whole, readable file that lost a row
        outputs.write_rows(short, victim, fmt)
    else:
        victim.write_bytes(
            {
                "empty": b"",
                "truncated": good[: len(good) // 2],
                "not rows": b'{"x": 1}\n' if fmt == "jsonl" else b"PAR1",
            }[damage]
        )
    again = run(RunConfig(str(corpus), str(out), partition_size=2), client=client)
    assert (again.skipped, again.complete) == (2, True)  # the other two were kept
    assert again.tally == first.tally
    assert strip(outputs.read_rows(victim, fmt)) == strip(before)  # the same rows, whole
    rerun = run(RunConfig(str(corpus), str(out), partition_size=2), client=client)
    assert rerun.skipped == 3  # and the next run finds all three whole


def test_parquet_input(tmp_path: Path, client: Any) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [SEED, "It rose from £5m to £6m.", "x" * 10]
    table = pa.table(
        {
            "id": pa.array([1, 2, 3]),
            "text": pa.array([t.encode() for t in texts]),
            "date": pa.array([dt.date(2018, 3, 22), None, None], pa.date32()),
        }
    )
    path = tmp_path / "c.parquet"
    pq.write_table(table, path, row_group_size=2)
    parts = inputs.plan(path, size=1)
    assert [(p.line, p.start) for p in parts] == [(0, 0), (0, 1), (1, 0)]
    res = run(RunConfig(str(path), str(tmp_path / "r.parquet"), partition_size=1), client=client)
    rows = list(outputs.iter_rows(res.out))
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["date"] == "2018-03-22" and "SCL001" in rows[0]["codes"]
    assert res.tally.articles == 3 and res.complete

    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "bad.parquet")
    with pytest.raises(ConfigError, match="no column 'id', 'text'"):
        inputs.plan(tmp_path / "bad.parquet")


def test_directory_input(tmp_path: Path, client: Any) -> None:
    root = tmp_path / "corpus"
    (root / "2018" / ".git").mkdir(parents=True)
    (root / "2018" / "seed.txt").write_text(SEED, encoding="utf-8")
    (root / "2018" / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / "a.md").write_text("# Title\n\nIt rose from £5m to £6m.\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"caf\xe9 costs \xff\xfe")
    (root / "notes.csv").write_text("skipped", encoding="utf-8")
    res = run(RunConfig(str(root), str(tmp_path / "r.jsonl"), partition_size=2), client=client)
    rows = list(outputs.iter_rows(res.out))
    assert [r["id"] for r in rows] == ["2018/seed.txt", "a.md", "bad.txt"]
    assert rows[0]["codes"].count("SCL001") == 2
    assert rows[2]["error_code"] == "encoding"
    assert (res.tally.failed, res.tally.with_errors) == (1, 1)


def test_jsonl_to_parquet_and_jsonl_same_rows(tmp_path: Path, client: Any) -> None:
    records = [*generated(6), {"id": "seed", "text": SEED, "date": "2018-03-22"}]
    corpus = write_jsonl(tmp_path / "c.jsonl", records)
    expected = check_partition(records, IN_PROCESS)
    for out in ("r.parquet", "r.jsonl"):
        res = run(RunConfig(str(corpus), str(tmp_path / out), partition_size=3), client=client)
        assert strip(list(outputs.iter_rows(res.out))) == expected
        summary = json.loads((res.out / "_summary.json").read_text())
        assert summary["articles"] == 7 and summary["complete"]
        assert summary["by_rule"]["SCL001"] >= 2


def test_rerun_skips_written_partitions_and_refuses_another_run(
    tmp_path: Path, client: Any
) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", generated(6))
    out = tmp_path / "r.parquet"
    first = run(RunConfig(str(corpus), str(out), partition_size=2), client=client)
    (out / "part-000001.parquet").unlink()
    (out / ".tmp-abc-part-000001.parquet").write_bytes(b"half a file")
    again = run(RunConfig(str(corpus), str(out), partition_size=2), client=client)
    assert (again.skipped, again.skipped_articles) == (2, 4)
    assert again.tally == first.tally
    assert not any(p.name.startswith(".tmp-") for p in out.iterdir())
    with pytest.raises(ConfigError, match=r"another run.*partition_size"):
        run(RunConfig(str(corpus), str(out), partition_size=3), client=client)
    with pytest.raises(ConfigError, match=r"\*\.parquet or \*\.jsonl"):
        run(RunConfig(str(corpus), str(tmp_path / "results")), client=client)


def test_failed_partition_is_reported_and_retried_by_a_rerun(tmp_path: Path, client: Any) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", generated(3))
    saved, stat = corpus.read_bytes(), corpus.stat()

    class Vanish:  # the corpus disappears once the run is planned: every task fails
        def started(self, total: int, done: int, dashboard: str | None) -> None:
            corpus.unlink()

        def advanced(self, articles: int) -> None:
            raise AssertionError("no partition can succeed")

    config = RunConfig(str(corpus), str(tmp_path / "r.jsonl"), partition_size=2)
    failed = run(config, watcher=Vanish(), client=client)
    assert not failed.complete and sorted(failed.failed_partitions) == [0, 1]
    assert "FileNotFoundError" in failed.failed_partitions[0]
    assert json.loads((failed.out / "_summary.json").read_text())["complete"] is False
    corpus.write_bytes(saved)
    os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same corpus again
    again = run(config, client=client)
    assert again.complete and again.skipped == 0 and again.tally.articles == 3


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from factcheck.archive import main

    assert main([str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "r.parquet")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main([str(ROOT / "seeds"), "--out", str(tmp_path / "r.parquet"), "--select", "XYZ"]) == 2
    assert "unknown rule code" in capsys.readouterr().err


def test_printed_summary(tmp_path: Path) -> None:
    import io
    from collections import Counter

    from factcheck.archive.cli import print_summary
    from factcheck.archive.cluster import RunResult
    from factcheck.archive.rows import Tally

    tally = Tally(
        articles=1200,
        failed=2,
        with_errors=300,
        claims=25_000,
        findings=Counter(error=350, warning=20),
        by_rule=Counter(SCL001=350, REP001=20),
        failures=Counter(timeout=1, encoding=1),
    )
    result = RunResult(
        out=tmp_path / "r.parquet",
        fmt="parquet",
        partitions=3,
        skipped=1,
        tally=tally,
        seconds=4.0,
        bytes_read=8_000_000,
        skipped_articles=400,
        failed_partitions={2: "OSError: disk full"},
    )
    buf = io.StringIO()
    print_summary(result, {"SCL001": "conversion-scale-slip"}, buf)
    text = buf.getvalue()
    assert text.splitlines()[0] == (
        "factcheck archive: 1,200 articles; 800 checked in 4.0 s (200.0 articles/s, 2.00 MB/s)"
    )
    for line in (
        "3 partitions, 1 already written",
        "articles with errors  300",
        "failed articles       2 (encoding 1, timeout 1; see the error column)",
        "failed partitions     1 (rerun to retry them)",
        "part 2: OSError: disk full",
        "SCL001  conversion-scale-slip",
        "REP001",
    ):
        assert line in text
    assert text.index("SCL001") < text.index("REP001")  # most frequent first


# --- the progress bar --------------------------------------------------------------------------


def _bar_line(display: Any) -> str:
    import io

    from rich.console import Console

    out = Console(file=io.StringIO(), width=200, color_system=None)
    out.print(display.bar.get_renderable())
    text: str = out.file.getvalue()  # type: ignore[attr-defined]
    return " ".join(text.split())


def test_progress_time_left_comes_from_articles_per_second() -> None:
    """Two workers, partitions of 100 articles taking 5 s each: the first two come in together
    at 5 s. The time left must be the 20 s the other 800 articles take at 40 a second, not the
    second or so a rate over the last two updates gives."""
    import io

    from rich.console import Console

    from factcheck.archive.progress import Display

    now = [100.0]
    console = Console(file=io.StringIO(), width=200, color_system=None)
    display = Display(False, console=console, clock=lambda: now[0])
    display.started(total=1000, done=0, dashboard=None)
    try:
        assert "eta -:--:--" in _bar_line(display)  # nothing in yet: no guess
        now[0] = 105.0
        display.advanced(100)
        assert "100/1000 10%" in _bar_line(display)
        assert "eta 0:00:45" in _bar_line(display)  # one partition in 5 s: 20 a second
        now[0] = 105.02
        display.advanced(100)
        line = _bar_line(display)
        assert "eta 0:00:20" in line and "40 articles/s" in line, line
        now[0] = 112.02  # counts down between partitions
        assert "eta 0:00:13" in _bar_line(display)
    finally:
        display.stop()


def test_progress_counts_only_this_runs_articles() -> None:
    """A resumed run: the partitions already written are in the bar, not in the rate."""
    from factcheck.archive.progress import Throughput

    speed = Throughput(todo=600, start=0.0)
    assert speed.rate() is None and speed.seconds_left(1.0) is None
    speed.add(200, 10.0)
    assert speed.rate() == 20.0
    assert speed.seconds_left(10.0) == 20.0
    assert speed.seconds_left(40.0) == 0.0  # late, never negative


# --- processes: kill and resume, a separately started cluster ---------------------------------


def _archive(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck.archive", *args]


@contextlib.contextmanager
def _started(cmd: list[str], **kw: Any) -> Iterator[subprocess.Popen[bytes]]:
    """A process in its own group; the whole group is killed on the way out."""
    proc = subprocess.Popen(
        cmd, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw
    )
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
        if proc.stdout:
            proc.stdout.close()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """120 generated articles and the rows of an uninterrupted local-cluster run."""
    root = tmp_path_factory.mktemp("corpus")
    corpus = write_jsonl(root / "c.jsonl", generated(120))
    out = root / "reference.parquet"
    done = subprocess.run(
        _archive(str(corpus), "--out", str(out), "--workers", "2", "--partition-size", "10"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "120 articles; 120 checked" in done.stdout
    return corpus, list(outputs.iter_rows(out))


@pytest.mark.slow
def test_kill_and_resume(small_corpus: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    corpus, reference = small_corpus
    out = tmp_path / "r.parquet"
    cmd = _archive(str(corpus), "--out", str(out), "--workers", "1", "--partition-size", "1")
    with _started(cmd) as proc:
        deadline = time.monotonic() + 90
        while len(outputs.written(out, "parquet")) < 3:
            assert proc.poll() is None and time.monotonic() < deadline, "run ended too early"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)
    written = len(outputs.written(out, "parquet"))
    assert 3 <= written < 120
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{written} already written" in done.stdout
    rows = list(outputs.iter_rows(out))
    assert rows == reference
    assert len({r["id"] for r in rows}) == len(rows) == 120


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as on a terminal, even if pytest ignores it


def _group_gone(pgid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_ctrl_c_stops_the_run_quietly(
    small_corpus: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """Ctrl-C on a terminal: SIGINT to the whole process group, the cluster's workers and their
    checking helpers too. One line and exit 130, no worker's traceback, nothing left running."""
    corpus, _ = small_corpus
    out = tmp_path / "r.parquet"
    cmd = _archive(str(corpus), "--out", str(out), "--workers", "2", "--partition-size", "1")
    with _started(cmd, preexec_fn=_default_sigint) as proc:
        deadline = time.monotonic() + 90
        while len(outputs.written(out, "parquet")) < 3:
            assert proc.poll() is None and time.monotonic() < deadline, "run ended too early"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGINT)
        status = proc.wait(60)
        assert proc.stdout is not None
        printed = proc.stdout.read().decode("utf-8", "replace")
        assert _group_gone(proc.pid, 15), "a worker or helper outlived the interrupted run"
    assert status == 130, printed
    assert "Traceback" not in printed and "Error" not in printed, printed
    lines = printed.splitlines()
    assert lines[-1] == "factcheck archive: interrupted; rerun the same command to resume"
    assert all(line.startswith("Dask dashboard: ") for line in lines[:-1]), printed


def test_a_ctrl_c_while_the_cluster_starts_waits_for_the_driver() -> None:
    """While a local cluster starts, SIGINT is held: processes started meanwhile have it blocked
    (the workers never take it), and the driver gets it, not lost, once it is released."""
    from factcheck.archive.cluster import _interrupts_held

    if not hasattr(signal, "pthread_sigmask"):
        pytest.skip("no signal masks on this platform")
    probe = "import signal; print(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set()))"
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt), _interrupts_held() as release:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # delivered now if it were not held
            child = subprocess.run(
                [sys.executable, "-c", probe],
                capture_output=True,
                text=True,
                check=True,
                preexec_fn=_default_sigint,
            )
            assert child.stdout.strip() == "True", "a process started meanwhile has it blocked"
            release()  # raises the held KeyboardInterrupt
            pytest.fail("the held Ctrl-C was lost")
    finally:
        signal.signal(signal.SIGINT, before)
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _dask(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("dask")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "dask", *args]


@pytest.mark.slow
def test_separately_started_cluster_gives_the_same_rows(
    small_corpus: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    corpus, reference = small_corpus
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    with (
        _started(
            _dask("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"),
            cwd=tmp_path,
        ),
        _started(
            _dask(
                "worker",
                address,
                "--nworkers",
                "2",
                "--nthreads",
                "1",
                "--no-dashboard",
                "--memory-limit",
                "1GB",
            ),
            cwd=tmp_path,
        ),
    ):
        out = tmp_path / "r.jsonl"
        done = subprocess.run(
            _archive(
                str(corpus), "--out", str(out), "--scheduler", address, "--partition-size", "16"
            ),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert strip(list(outputs.iter_rows(out))) == strip(reference)


def _worker_settings(keys: list[str]) -> dict[str, object]:
    import dask

    return {k: dask.config.get(k) for k in keys}


@pytest.mark.slow
def test_local_cluster_housekeeping_is_made_rarer_and_the_callers_config_is_kept() -> None:
    import dask

    from factcheck.archive.cluster import LOCAL_CLUSTER_CONFIG, connect

    keys = sorted(LOCAL_CLUSTER_CONFIG)
    before = _worker_settings(keys)
    assert before != LOCAL_CLUSTER_CONFIG  # Dask's defaults differ, or this would prove nothing
    with connect(RunConfig(corpus=".", out=".", workers=1)) as client:
        seen = list(client.run(_worker_settings, keys).values())
        assert (
            dask.config.get("distributed.worker.profile.enabled")
            is before["distributed.worker.profile.enabled"]
        )  # only the cluster's, not the caller's
    assert seen == [LOCAL_CLUSTER_CONFIG]
    assert _worker_settings(keys) == before

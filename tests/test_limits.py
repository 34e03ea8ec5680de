"""The size limit: one clear line for a file over it, and every other file checked as if alone.

The limit counts bytes as stored (UTF-8 "£" is two, a UTF-16 file twice its characters), is
configurable (``load_document(..., max_bytes=…)``, ``runner.Task.max_bytes``, ``--max-bytes``)
and ``None`` lifts it. A file over it is a ``FileFailure`` with code ``too-large``; the report
of every other file is exactly what checking that file on its own gives, in one process, in a
pool of processes, and on the command line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.api import CheckOptions, check_document, check_file
from factcheck.errors import InputError
from factcheck.models import FileFailure, FileResult
from factcheck.rates import FixedRates
from factcheck.runner import Task, run
from factcheck.sources import DEFAULT_MAX_BYTES, load_document

RATES = {("USD", "GBP"): 0.7075, ("EUR", "GBP"): 0.8703, ("EUR", "USD"): 1.2301}
GOOD = "The scandal slashed the network's value by $50billion (£35m) on Monday.\n"
OTHER = "Its founder lost $5billion (£3.5m), about 8 per cent of his fortune.\n"


def fixed_rates() -> FixedRates:
    return FixedRates(RATES)


def options() -> CheckOptions:  # picklable: the pool sends it to its workers
    return CheckOptions(date=dt.date(2018, 3, 22), rates=fixed_rates)


def write(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def too_large(path: str, limit: int | None) -> InputError:
    with pytest.raises(InputError) as info:
        load_document(path, max_bytes=limit)
    assert info.value.code == "too-large"
    return info.value


@pytest.mark.parametrize(
    ("size", "limit", "words"),
    [
        (1001, 1000, "input is 1,001 bytes, over the limit of 1,000 bytes;"),
        (2048, 1024, "2 KB (2,048 bytes), over the limit of 1,024 bytes (1 KB)"),
        (3 << 20, 1 << 20, "3 MB (3,145,728 bytes), over the limit of 1,048,576 bytes (1 MB)"),
    ],
    ids=["bytes", "kilobytes", "megabytes"],
)
def test_message_is_one_line_with_size_limit_and_remedy(
    tmp_path: Path, size: int, limit: int, words: str
) -> None:
    path = write(tmp_path, "big.txt", b"x" * size)
    error = too_large(path, limit)
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{path}: ") and words in message
    assert "raise the size limit" in message
    assert error.path == path and error.problem in message


def test_limit_is_inclusive_and_configurable(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "£5m " * 250)  # 1,250 bytes, 1,000 characters
    assert load_document(path, max_bytes=1250).text == "£5m " * 250
    too_large(path, 1249)
    too_large(path, 1000)  # the limit counts bytes, not characters
    assert load_document(path, max_bytes=None).text.startswith("£5m")


def test_utf16_counts_its_bytes(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + ("$5bn " * 100).encode("utf-16-le")  # 1,002 bytes
    path = write(tmp_path, "wide.txt", data)
    assert load_document(path, max_bytes=1002).text == "$5bn " * 100
    too_large(path, 1001)


def test_default_limit_applies_to_check_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: over the default limit on paper, nothing on disk
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    report = check_file(path)
    assert len(report.files) == 1 and isinstance(report.files[0], FileFailure)
    error = report.files[0].error
    assert error.code == "too-large" and "\n" not in error.message
    assert f"{DEFAULT_MAX_BYTES:,} bytes (10 MB)" in error.message
    assert report.summary.failed == 1 and report.summary.files == 1


def alone(path: str) -> FileResult:
    return check_document(load_document(path), options())


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "two-processes"])
def test_other_files_are_unaffected(tmp_path: Path, jobs: int) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    big = write(tmp_path, "big.txt", GOOD * 40)  # over the limit below
    other = write(tmp_path, "other.md", f"# Profile\n\n{OTHER}")
    limit = len(GOOD.encode()) * 10
    tasks = [
        Task(path=p, display=Path(p).name, options=options(), max_bytes=limit)
        for p in (good, big, other)
    ]
    outcomes = run(tasks, jobs=jobs)
    assert [o.result.path for o in outcomes] == ["good.txt", "big.txt", "other.md"]
    failure = outcomes[1].result
    assert isinstance(failure, FileFailure) and failure.error.code == "too-large"
    for outcome, path in ((outcomes[0], good), (outcomes[2], other)):
        result = outcome.result
        assert isinstance(result, FileResult)
        expected = alone(path).model_copy(update={"path": Path(path).name})
        assert result.model_dump() == expected.model_dump()
    assert any(f.code == "SCL001" for f in outcomes[0].result.findings)  # type: ignore[union-attr]


def test_cli_reports_the_good_file_beside_a_big_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = pytest.importorskip("factcheck.cli")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text("")  # no configuration from above applies
    write(tmp_path, "big.txt", GOOD * 40)
    write(tmp_path, "good.txt", GOOD)
    status = cli.main(
        ["--max-bytes", "1k", "--date", "2018-03-22", "-f", "json", "big.txt", "good.txt"]
    )
    out, err = capsys.readouterr()
    assert status == 2
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert files["big.txt"]["error"]["code"] == "too-large"
    good = files["good.txt"]
    assert [c["text"] for c in good["claims"]] == ["$50billion", "£35m"]
    assert [f["code"] for f in good["findings"]] == ["SCL001"]
    lines = [line for line in err.splitlines() if "big.txt" in line]
    assert len(lines) == 1 and "over the limit of 1,024 bytes" in lines[0]

"""``factcheck serve``'s API through Starlette's test client: the report is the CLI's, and every
error path is one JSON line with its status and code, never a traceback and never the text.

One app for the module (one checker process, started with it), serving from ``examples/`` so
that it reads ``examples/factcheck.toml`` as the command line does there. Every expected
report comes from running the command line itself, in-process, in the same folder.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra is in the test extra")
pytest.importorskip("multipart", reason="the serve extra is in the test extra")
from starlette.testclient import TestClient

from factcheck.cli import main
from factcheck.discover import ARTICLE_SUFFIXES
from factcheck.serve.app import ServeOptions, create_app
from factcheck.serve.page import CSP
from factcheck.serve.pool import PoolLimits
from factcheck.serve.worker import ServiceConfig

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
MARK = "Zanzibarquux"  # a word that must never show up in a log line or an error message
EXAMPLE_FILES = sorted(
    p.relative_to(EXAMPLES).as_posix()
    for p in EXAMPLES.rglob("*")
    if p.is_file() and p.suffix in ARTICLE_SUFFIXES
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    options = ServeOptions(
        limits=PoolLimits(workers=1, max_pending=8, timeout=60),
        service=ServiceConfig(cwd=str(EXAMPLES)),
    )
    with TestClient(create_app(options)) as c:
        yield c


@pytest.fixture
def in_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES)


def cli(*argv: str, stdin: str | None = None) -> tuple[int, str]:
    """The command line's status and standard output, in-process."""
    out = io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        with redirect_stdout(out):
            status = main(list(argv))
    finally:
        sys.stdin = saved
    return status, out.getvalue()


def error_of(response: Any) -> tuple[int, str]:
    """Status and code of an error response, after checking its shape."""
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"error"} and set(data["error"]) == {"code", "message"}, data
    message = data["error"]["message"]
    assert "\n" not in message and "Traceback" not in message and MARK not in message
    return response.status_code, data["error"]["code"]


# -- the report is the command line's (acceptance 3) -----------------------------------------


def test_examples_are_listed() -> None:
    assert "articles/rail-fine.md" in EXAMPLE_FILES and "articles/energy-deal.html" in EXAMPLE_FILES


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_example_file_gives_the_cli_report(
    client: TestClient, in_examples: None, name: str
) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    status, expected = cli("-f", "json", name)
    assert status in (0, 1)
    response = client.post("/v1/check", json={"text": text, "path": name})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == expected  # byte for byte: the same schema, version and findings


def test_the_seed_gives_the_cli_report(client: TestClient, in_examples: None) -> None:
    status, expected = cli("-f", "json", "--stdin-filename", "seed.txt", "-", stdin=SEED_TEXT)
    assert status == 1
    response = client.post("/v1/check", json={"text": SEED_TEXT, "path": "seed.txt"})
    assert response.text == expected
    report = response.json()
    assert report["version"] == 1 and report["summary"]["by_rule"]["SCL001"] == 2


OPTIONS = [  # request fields, and the command-line options that mean the same
    ({"date": "2018-03-22"}, ["--date", "2018-03-22"]),
    ({"select": ["SCL", "REP001"]}, ["--select", "SCL,REP001"]),
    ({"select": "SCL,REP001"}, ["--select", "SCL,REP001"]),
    ({"ignore": ["SCL001"]}, ["--ignore", "SCL001"]),
    ({"min_severity": "info"}, ["--min-severity", "info"]),
    ({"min_severity": "error", "ignore": "GRW"}, ["--min-severity", "error", "--ignore", "GRW"]),
    ({"format": "markdown"}, ["--input-format", "markdown"]),
    ({"select": []}, ["--select", ""]),
]


@pytest.mark.parametrize(("fields", "flags"), OPTIONS)
def test_options_mean_what_the_flags_mean(
    client: TestClient, in_examples: None, fields: dict[str, Any], flags: list[str]
) -> None:
    _, expected = cli("-f", "json", *flags, "--stdin-filename", "seed.txt", "-", stdin=SEED_TEXT)
    response = client.post("/v1/check", json={"text": SEED_TEXT, "path": "seed.txt", **fields})
    assert response.status_code == 200
    assert response.text == expected


def test_path_picks_the_format_and_is_reported(client: TestClient) -> None:
    text = (EXAMPLES / "articles" / "rail-fine.md").read_text(encoding="utf-8")
    as_md = client.post("/v1/check", json={"text": text, "path": "draft.md"}).json()
    as_txt = client.post("/v1/check", json={"text": text}).json()
    assert as_md["files"][0]["path"] == "draft.md" and as_md["files"][0]["format"] == "markdown"
    assert as_md["files"][0]["date"]["source"] == "front-matter"
    assert as_txt["files"][0]["path"] == "<text>" and as_txt["files"][0]["format"] == "text"


def test_a_clean_story_has_no_findings(client: TestClient) -> None:
    response = client.post("/v1/check", json={"text": "The club paid £10m for the striker."})
    assert response.status_code == 200 and response.json()["summary"]["findings"] == {
        "error": 0,
        "warning": 0,
        "info": 0,
    }


def test_rules_are_the_cli_list(client: TestClient, in_examples: None) -> None:
    _, expected = cli("rule", "--all", "-f", "json")
    response = client.get("/v1/rules")
    assert response.status_code == 200 and response.text == expected
    assert {r["code"] for r in response.json()} >= {"SCL001", "REP001"}


def test_healthz(client: TestClient) -> None:
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and data["workers"] == 1 and data["in_flight"] == 0


# -- every error path -------------------------------------------------------------------------

JSON = {"content-type": "application/json"}
ERRORS = [  # (what is sent, status, code)
    ({"content": b"{not json", "headers": JSON}, 400, "bad-json"),
    ({"content": b"\xff\xfe{}", "headers": JSON}, 400, "bad-json"),
    ({"json": [MARK]}, 400, "bad-body"),
    ({"json": {}}, 400, "bad-body"),
    ({"json": {"text": 12}}, 400, "bad-body"),
    ({"content": json.dumps({"text": "\ud800" + MARK}).encode(), "headers": JSON}, 400, "bad-body"),
    ({"json": {"text": MARK, "colour": "red"}}, 422, "unknown-option"),
    ({"json": {"text": MARK, "format": "pdf"}}, 422, "bad-option"),
    ({"json": {"text": MARK, "date": "2018-02-30"}}, 422, "bad-option"),
    ({"json": {"text": MARK, "date": "yesterday"}}, 422, "bad-option"),
    ({"json": {"text": MARK, "date": 20180322}}, 422, "bad-option"),
    ({"json": {"text": MARK, "select": ["XYZ999"]}}, 422, "bad-option"),
    ({"json": {"text": MARK, "ignore": [1]}}, 422, "bad-option"),
    ({"json": {"text": MARK, "min_severity": "fatal"}}, 422, "bad-option"),
    ({"json": {"text": MARK, "path": "a\nb.txt"}}, 422, "bad-option"),
    ({"json": {"text": MARK, "path": "x" * 2000}}, 422, "bad-option"),
    ({"json": {"text": " \n\t "}}, 422, "empty"),
    ({"json": {"text": MARK + "\x00\x01\x02" * 50}}, 422, "binary"),
    (
        {"content": MARK.encode(), "headers": {"content-type": "text/plain"}},
        415,
        "unsupported-media-type",
    ),
    ({"json": {"text": MARK * 200_000}}, 413, "too-large"),
]


@pytest.mark.parametrize(("send", "status", "code"), ERRORS)
def test_errors_are_one_json_line(
    client: TestClient, send: dict[str, Any], status: int, code: str
) -> None:
    assert error_of(client.post("/v1/check", **send)) == (status, code)


def test_a_chunked_body_is_cut_at_the_limit(client: TestClient) -> None:
    """No Content-Length to refuse it by: the limit is counted as the body arrives."""

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    response = client.post("/v1/check", content=chunks(), headers=JSON)
    assert "content-length" not in response.request.headers
    assert error_of(response) == (413, "too-large")


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/v1/check", 405, "method-not-allowed"),
        ("GET", "/nowhere", 404, "not-found"),
        ("DELETE", "/", 405, "method-not-allowed"),
    ],
)
def test_routes_and_methods(
    client: TestClient, method: str, path: str, status: int, code: str
) -> None:
    assert error_of(client.request(method, path)) == (status, code)


def test_every_response_has_the_strict_headers(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/healthz"),
        client.get("/nowhere"),
        client.post("/v1/check", json={"text": "£5m"}),
        client.get("/v1/rules"),
    ):
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_log_lines_carry_sizes_and_times_never_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="factcheck.serve")
    story = f"{MARK} slashed its value by $50billion (£35m)."
    sent = client.post("/v1/check", json={"text": story}).request
    client.post("/v1/check?story=" + MARK, json={"text": story, "format": "pdf"})
    client.post("/", files={"text": (None, story)})
    client.get("/" + MARK)
    lines = [r.getMessage() for r in caplog.records if r.name == "factcheck.serve"]
    assert len(lines) == 4
    assert all(MARK not in line for line in lines)
    first = lines[0].split()
    assert first[:3] == ["POST", "/v1/check", "200"]
    assert first[3] == f"in={len(sent.content)}B"
    assert first[5].startswith("check=") and first[6].startswith("total=")
    assert lines[1].split()[:3] == ["POST", "/v1/check", "422"]
    assert lines[3].split()[:3] == ["GET", "(other)", "404"]


# -- the page, without a browser (tests/test_serve_browser.py has it in Chromium) ------------


def test_the_page_is_a_form(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<form id="check" method="post" action="./" enctype="multipart/form-data"' in page
    assert '<script src="static/page.js" defer>' in page and "<style" not in page
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere
    assert client.get("/static/page.js").headers["content-type"].startswith("text/javascript")
    css = client.get("/static/page.css")
    assert css.headers["content-type"].startswith("text/css") and "mark.claim" in css.text


def test_a_form_post_shows_the_report_and_keeps_the_text(client: TestClient) -> None:
    story = "<script>alert(1)</script>\nIt slashed its value by $50billion (£35m).\n"
    response = client.post("/", files={"text": (None, story), "format": (None, "text")})
    assert response.status_code == 200
    page = response.text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # the text box holds the story exactly (the newline after the tag is the parser's)
    assert '<textarea id="text" name="text" rows="16" spellcheck="true">\n&lt;script&gt;' in page
    assert page.count('<li id="f0-x') == 1 and "SCL001" in page and "£35bn" in page
    assert "1 error, 0 warnings, 0 info" in page


def test_a_file_posted_with_the_form_is_read_as_its_format(client: TestClient) -> None:
    data = (EXAMPLES / "articles" / "rail-fine.md").read_bytes()
    response = client.post(
        "/", files={"file": ("rail-fine.md", data, "text/markdown"), "text": (None, "")}
    )
    assert response.status_code == 200
    page = response.text
    assert "rail-fine.md:13:21" in page  # the line and column in the Markdown file as written
    assert 'name="path" value="rail-fine.md"' in page
    assert "Rail operator fined over timetable chaos" in page.split("</textarea>")[0]


@pytest.mark.parametrize(
    ("files", "status", "says"),
    [
        ({"file": ("x.txt", b"\xff\xfe\x00\xd8" + b"\x00" * 40, "text/plain")}, 422, "UTF-16"),
        ({"file": ("x.txt", b"%PDF-1.4 " + MARK.encode(), "text/plain")}, 422, "binary"),
        ({"text": (None, "   ")}, 422, "nothing to check"),
        ({"text": (None, MARK), "date": (None, "tomorrow")}, 422, "[date]"),
    ],
)
def test_form_errors_are_shown_on_the_page(
    client: TestClient, files: dict[str, Any], status: int, says: str
) -> None:
    response = client.post("/", files=files)
    assert response.status_code == status
    assert 'class="status error"' in response.text and says in response.text


def test_the_fragment_for_the_page_script(client: TestClient) -> None:
    response = client.post("/report", json={"text": SEED_TEXT})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["x-factcheck-summary"] == "2 errors, 2 warnings, 0 info"
    assert response.text.startswith('<section id="summary">')
    assert response.text.count('class="finding lvl-') == 4
    assert error_of(client.post("/report", json={"text": MARK, "format": "pdf"})) == (
        422,
        "bad-option",
    )


def test_a_posted_file_never_touches_the_disk(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starlette spools an uploaded file to a temporary file past 1 MB; the page's form keeps
    it in memory (up to the body limit), so no story is ever written to disk."""
    import tempfile

    import starlette.formparsers

    made: list[Any] = []

    class Recording(tempfile.SpooledTemporaryFile):  # type: ignore[type-arg]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

        def close(self) -> None:
            made.append(("rolled", self._rolled))
            super().close()

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", Recording)
    story = (
        "The deal was worth $5billion (£3.5m).\n" + "Quiet words and no figures. " * 38_000
    ).encode()
    assert 1024 * 1024 < len(story) < 2 * 1024 * 1024 - 10_000
    response = client.post("/", files={"file": ("big.txt", story, "text/plain")})
    assert response.status_code == 200 and "SCL001" in response.text
    assert ("rolled", False) in made and ("rolled", True) not in made

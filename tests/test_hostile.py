"""Hostile article text in every output format: nothing runs, nothing breaks out, nothing is lost.

Two reports: the seed's scale slip checked inside an article full of markup, workflow commands
and terminal escapes (its text reaches the formats that show the article: full, html), and a
hand-made report whose path, message, claims and failed file carry the same (every format).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reporting import HOSTILE_BITS, check_text, hostile_article, hostile_report

from factcheck.models import Report
from factcheck.reporters import FORMATS, RenderContext, render

ARTICLE_PATH = "news/hostile.txt"


@pytest.fixture(scope="module")
def article_report() -> Report:
    report = check_text(hostile_article(), ARTICLE_PATH)
    assert any(f.code == "SCL001" for f in report.findings), "the slip is still found"
    return report


@pytest.fixture(scope="module")
def made() -> Report:
    return hostile_report()


def ctx(**kw: object) -> RenderContext:
    return RenderContext(sources={ARTICLE_PATH: hostile_article()}, **kw)  # type: ignore[arg-type]


def _no_raw_controls(text: str, allowed: str = "\n") -> None:
    bad = [
        hex(ord(ch))
        for ch in text
        if (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or 0x202A <= ord(ch) <= 0x202E)
        and ch not in allowed
    ]
    assert not bad, f"raw control characters in output: {sorted(set(bad))}"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_raw_control_characters_in_any_format(
    fmt: str, made: Report, article_report: Report
) -> None:
    for report in (made, article_report):
        out = render(report, fmt, ctx(show_claims=True))
        _no_raw_controls(out)


def test_full_terminal_output(article_report: Report, made: Report) -> None:
    for report in (article_report, made):
        plain = render(report, "full", ctx(show_claims=True))
        assert "\x1b" not in plain and "\r" not in plain and "\x07" not in plain
        coloured = render(report, "full", ctx(show_claims=True, color=True))
        # our own styling is SGR only; the article's ESC is shown as ␛ and never emitted
        without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
        assert "\x1b" not in without_sgr
        assert "\x1b[31mred" not in coloured and "\x1b]8;;" not in coloured
    shown = render(article_report, "full", ctx(show_claims=True))
    assert "␛[" in shown and "␇link" in shown and "<script>alert(" in shown
    assert "\ufffdgnp.exe" in shown  # the right-to-left override is neutralised


def test_concise_one_line_each(made: Report) -> None:
    lines = render(made, "concise", RenderContext()).splitlines()
    assert len(lines) == 2  # one finding, one failure
    assert "%0A::error::x" in lines[0] and "␍␊" in lines[0]


def test_json_formats_round_trip(made: Report) -> None:
    data = json.loads(render(made, "json", RenderContext()))
    assert data == made.model_dump(mode="json")
    assert "\\u001b" in render(made, "json", RenderContext())
    records = [json.loads(x) for x in render(made, "json-lines", RenderContext()).splitlines()]
    assert records[0]["message"] == made.findings[0].message
    for fmt in ("sarif", "gitlab"):
        json.loads(render(made, fmt, RenderContext()))


def _parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """The runner's grammar: ``::name k=v,k=v::data``, values and data percent-decoded."""
    m = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert m, line
    props: dict[str, str] = {}
    for pair in (m.group(2) or "").split(","):
        if pair:
            k, v = pair.split("=", 1)
            props[k] = _unescape(v)
    return m.group(1), props, _unescape(m.group(3))


def _unescape(s: str) -> str:
    for a, b in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        s = s.replace(a, b)
    return s


def test_github_commands_cannot_be_injected(made: Report, article_report: Report) -> None:
    out = render(made, "github", RenderContext())
    lines = out.splitlines()
    assert len(lines) == 2 and all(line.startswith("::error ") for line in lines)
    name, props, data = _parse_workflow_command(lines[1])  # the finding (failures come first)
    assert name == "error"
    assert props["file"] == made.files[0].path.replace("\x1b", "␛")
    assert props["title"] == "SCL001 rule-scl001"
    assert "%0A::error::x" in data and "\r\n" in data and "<script>" in data
    assert "%250A::error::x" in lines[1]
    for line in render(article_report, "github", RenderContext()).splitlines():
        _parse_workflow_command(line)


def test_junit_is_well_formed(made: Report) -> None:
    out = render(made, "junit", RenderContext())
    root = ET.fromstring(out.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert "]]>" in (failure.get("message") or "") and "<script>" in (failure.text or "")
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_markdown_is_inert(made: Report) -> None:
    out = render(made, "markdown", RenderContext())
    assert not re.search(r"(?<!\\)[<>\[\]`*_$@&]", out.split("\n", 3)[3].replace("**", ""))
    assert "\\<script\\>" in out and "\\@someone" in out and "\\$1" in out
    row = next(line for line in out.splitlines() if line.startswith("| **"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # article pipes cannot add cells


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("which", ["article", "made"])
def test_html_has_no_active_content(which: str, made: Report, article_report: Report) -> None:
    report = article_report if which == "article" else made
    out = render(report, "html", ctx())
    parser = _Tags()
    parser.feed(out)
    names = {t for t, _ in parser.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "b", "base", "link"}
    for _, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs)
        assert not any(v and "javascript:" in v.lower() for v in attrs.values())
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "Content-Security-Policy" in out and "default-src 'none'" in out


def test_every_hostile_bit_survives_somewhere_visible(made: Report) -> None:
    out = render(made, "json", RenderContext())
    decoded = json.loads(out)["files"][0]["findings"][0]["message"]
    for bit in HOSTILE_BITS:
        assert bit in decoded


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                *"0123456789 $£€%.,()[]<>&\"'mbnk\n\r\t\x1b\x00\u202e\u00a0漢😀",
                "billion ",
                "per cent ",
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_article_renders_in_every_format(text: str) -> None:
    report = check_text(text, "fuzz.txt")
    sources = {"fuzz.txt": text}
    for fmt in FORMATS:
        out = render(report, fmt, RenderContext(sources=sources, show_claims=True, width=40))
        _no_raw_controls(out)


def test_positions_outside_the_text_do_not_crash() -> None:
    from reporting import claim, finding

    from factcheck.api import make_report
    from factcheck.models import FileResult, Severity

    a = claim("c1", "$5m", 99, 500)
    b = claim("c2", "£3m", 1, 80)
    report = make_report(
        [
            FileResult(
                path="x.txt", claims=[a, b], findings=[finding("SCL001", Severity.ERROR, b, (a,))]
            )
        ]
    )
    for fmt in FORMATS:
        render(report, fmt, RenderContext(sources={"x.txt": "short\ntext\n"}, show_claims=True))

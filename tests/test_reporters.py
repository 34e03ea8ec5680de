"""Reporters: golden renderings of the seed article, and each format's own contract.

Goldens live in tests/golden/; ``FACTCHECK_UPDATE_GOLDEN=1 pytest tests/test_reporters.py``
rewrites them (review the diff). The seed report uses fixed rates (tests/reporting.py).
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from reporting import (
    SEED_PATH,
    SEED_TEXT,
    canonical_json,
    check_text,
    claim,
    finding,
    golden,
    many_findings_report,
    seed_context,
    seed_report,
)
from rich.console import Console

import factcheck
from factcheck.api import make_report
from factcheck.models import ClaimKind, FileResult, Report, Severity
from factcheck.reporters import FORMATS, RenderContext, render
from factcheck.reporters.full import FullReport


@pytest.fixture(scope="module")
def seed() -> Report:
    return seed_report()


def rich_render(report: Report, ctx: RenderContext) -> str:
    """The house way: render into a fixed-width, colourless console (rich's tests/render.py)."""
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(FullReport(report, ctx))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


# --- goldens on the seed article -------------------------------------------------------------


def test_full_golden(seed: Report) -> None:
    out = rich_render(seed, seed_context())
    assert out == golden("seed.full.txt", out)
    assert render(seed, "full", seed_context()) == out  # the reporter's own console agrees


def test_full_show_claims_golden(seed: Report) -> None:
    out = rich_render(seed, seed_context(show_claims=True))
    assert out == golden("seed.full-claims.txt", out)


def test_concise_golden(seed: Report) -> None:
    out = render(seed, "concise", seed_context())
    assert out == golden("seed.concise.txt", out)


def test_json_golden(seed: Report) -> None:
    out = canonical_json(render(seed, "json", seed_context()))
    assert out == golden("seed.json", out)


def test_sarif_golden(seed: Report) -> None:
    out = canonical_json(render(seed, "sarif", seed_context()))
    assert out == golden("seed.sarif.json", out)


def test_github_golden(seed: Report) -> None:
    out = render(seed, "github", seed_context())
    assert out == golden("seed.github.txt", out)


# --- what the seed report must show, whatever else the rules add ------------------------------


def test_full_shows_both_scale_slips(seed: Report) -> None:
    out = render(seed, "full", seed_context())
    assert f"{SEED_PATH}:8:179: SCL001 conversion-scale-slip [error]" in out
    assert f"{SEED_PATH}:8:219: SCL001 conversion-scale-slip [error]" in out
    assert "fix: £35m → £35bn" in out and "fix: £3.5m → £3.5bn" in out
    assert "Files checked" in out and "Claims found" in out and "cross-checked" in out


def test_every_format_renders_seed_and_empty_report(seed: Report) -> None:
    empty = check_text("Nothing to see here.", "clean.txt")
    for fmt in FORMATS:
        assert render(seed, fmt, seed_context()).endswith("\n")
        assert isinstance(render(empty, fmt, RenderContext()), str)


def test_format_modules_follow_the_interface() -> None:
    import importlib

    for module in FORMATS.values():
        mod = importlib.import_module(f"factcheck.reporters.{module}")
        assert callable(mod.render)
        assert mod.__doc__, f"{module} documents its format"


# --- full ---------------------------------------------------------------------------------


def _pair_lines_apart() -> tuple[Report, str]:
    text = "".join(f"Line {n} filler text.\n" for n in range(1, 41))
    lines = text.split("\n")
    lines[1] = "Shares fell by $50billion on Monday."
    lines[39] = "Later the loss was put at £35m by analysts."
    text = "\n".join(lines)
    a = claim("c1", "$50billion", 2, lines[1].index("$") + 1)
    b = claim("c2", "£35m", 40, lines[39].index("£") + 1, unit="GBP")
    f = finding(
        "SCL001",
        Severity.ERROR,
        b,
        (a,),
        message="£35m does not match $50billion",
        replacement="£35bn",
    )
    return make_report([FileResult(path="pair.txt", claims=[a, b], findings=[f])]), text


def test_full_underlines_both_halves_of_a_pair_lines_apart() -> None:
    report, text = _pair_lines_apart()
    out = render(report, "full", RenderContext(sources={"pair.txt": text}))
    rows = out.splitlines()
    i2 = next(i for i, r in enumerate(rows) if r.startswith(" 2 │ "))
    i40 = next(i for i, r in enumerate(rows) if r.startswith("40 │ "))
    assert i2 < i40
    assert any("⋮" in r for r in rows[i2:i40])
    under2, under40 = rows[i2 + 1], rows[i40 + 1]
    assert under2.index("-") == rows[i2].index("$50billion") and under2.count("-") == 10
    assert under40.index("^") == rows[i40].index("£35m") and under40.count("^") == 4


def test_full_windows_long_lines_around_the_marks() -> None:
    text = ("word " * 80) + "it lost $50billion (£35m) " + ("more " * 80)
    a = claim("c1", "$50billion", 1, text.index("$") + 1)
    b = claim("c2", "£35m", 1, text.index("£") + 1, unit="GBP")
    f = finding("SCL001", Severity.ERROR, b, (a,))
    report = make_report([FileResult(path="x.txt", claims=[a, b], findings=[f])])
    out = render(report, "full", RenderContext(sources={"x.txt": text}, width=60))
    row = next(r for r in out.splitlines() if r.startswith("1 │ "))
    assert row.startswith("1 │ …") and row.endswith("…") and "$50billion (£35m)" in row
    assert all(len(r) <= 60 for r in out.splitlines())


def test_full_colour_and_no_colour() -> None:
    report, text = _pair_lines_apart()
    plain = render(report, "full", RenderContext(sources={"pair.txt": text}))
    coloured = render(report, "full", RenderContext(sources={"pair.txt": text}, color=True))
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_full_show_claims_marks_every_claim_and_legend() -> None:
    text = "It paid $6million for 50 million profiles in 2016."
    report = check_text(text, "a.txt")
    out = render(report, "full", RenderContext(sources={"a.txt": text}, show_claims=True))
    assert "⟦$6million⟧" in out and "⟦50 million⟧" in out and "⟦2016⟧" in out
    assert "Claims by kind:" in out and "money" in out and "count" in out
    coloured = render(
        report, "full", RenderContext(sources={"a.txt": text}, show_claims=True, color=True)
    )
    assert "⟦" not in coloured.split("Claims by kind")[0]


CHANGE = "Sales rose 20% from $100m to $150m."  # PCT001 fires on relation r1


def test_show_claims_lists_the_relations_of_a_change_sentence() -> None:
    """Issue 12: a user sees which relation a rule read, its slots as claim ids and texts."""
    report = check_text(CHANGE, "a.txt")
    (result,) = report.files
    assert isinstance(result, FileResult)
    ids = {c.text: c.id for c in result.claims}
    assert ids == {"20%": "c1", "$100m": "c2", "$150m": "c3"}
    out = render(report, "full", RenderContext(sources={"a.txt": CHANGE}, show_claims=True))
    table = out.split("\nRelations\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table[0].split() == ["id", "where", "kind", "shape", "word", "tags", "used", "by"]
    assert table[1].split()[:3] == ["r1", "1:7", "change"]
    assert "rose (up)" in table[1] and table[1].endswith("PCT001 1:12")
    assert table[2] == '    from c2 "$100m" → to c3 "$150m", percent c1 "20%"'
    assert "  relations: r1\n" in out  # the finding names the relation it read
    # without --show-claims, neither
    plain = render(report, "full", RenderContext(sources={"a.txt": CHANGE}))
    assert "Relations" not in plain and "relations: r1" not in plain


def test_html_relations_link_claims_and_findings() -> None:
    report = check_text(CHANGE, "a.txt")
    page = render(report, "html", RenderContext(sources={"a.txt": CHANGE}))
    row = re.search(r'<tr id="f0-r1" class="relation">(.*?)</tr>', page)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    (result,) = report.files
    assert isinstance(result, FileResult)
    assert cells[:4] == ["r1", "1:7", "change", result.relations[0].shape]
    assert cells[4] == (
        'from <a class="claim-ref" href="#f0-c2">c2</a> “$100m” → '
        'to <a class="claim-ref" href="#f0-c3">c3</a> “$150m”, '
        'percent <a class="claim-ref" href="#f0-c1">c1</a> “20%”'
    )
    assert cells[5] == "rose (up)"
    assert cells[7] == '<a href="#f0-x1">PCT001 1:12</a>'
    assert 'id="f0-c2"' in page and 'id="f0-x1"' in page  # every link lands
    link = '<a class="relation" href="#f0-r1">r1</a>'
    assert f'<p class="relations">Read from relation {link}</p>' in page


def test_relation_text_is_escaped() -> None:
    """A relation's words come from the article: escaped in HTML, neutralised on a terminal."""
    report = check_text(CHANGE, "a.txt")
    (result,) = report.files
    assert isinstance(result, FileResult)
    (rel,) = result.relations
    hostile = rel.model_copy(
        update={"word": "<script>alert(1)</script>", "shape": 'a"b', "tags": ["<i>\x1b[31m"]}
    )
    claims = [
        c.model_copy(update={"text": "<b>$100m</b>"}) if c.id == "c2" else c for c in result.claims
    ]
    bad = report.model_copy(
        update={"files": [result.model_copy(update={"relations": [hostile], "claims": claims})]}
    )
    page = render(bad, "html", RenderContext(sources={"a.txt": CHANGE}))
    assert "<script>alert" not in page and "<b>$100m" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;$100m&lt;/b&gt;" in page
    assert "a&quot;b" in page
    out = render(bad, "full", RenderContext(sources={"a.txt": CHANGE}, show_claims=True))
    assert "\x1b" not in out and "<script>alert(1)</script>" in out  # plain text, no escape codes


def test_full_reports_file_failures() -> None:
    report = factcheck.check_file("/nonexistent/article.txt")
    out = render(report, "full", RenderContext())
    assert "/nonexistent/article.txt: could not be read: no such file [not-found]" in out


# --- concise, json, json-lines -----------------------------------------------------------------


def test_concise_one_line_per_finding(seed: Report) -> None:
    lines = render(seed, "concise", seed_context()).splitlines()
    assert len(lines) == len(seed.findings)
    pattern = re.compile(r"^[^:]+:\d+:\d+: [A-Z]{3}\d{3} \[(error|warning|info)\] .+$")
    assert all(pattern.match(line) for line in lines)


def test_json_is_the_model_dump(seed: Report) -> None:
    out = render(seed, "json", seed_context())
    assert json.loads(out) == seed.model_dump(mode="json")
    assert list(json.loads(out)) == ["version", "tool", "files", "summary"]
    assert Report.model_validate_json(out) == seed


def test_json_lines_one_object_per_finding(seed: Report) -> None:
    missing = factcheck.check_file("/nonexistent/a.txt")
    report = make_report([*seed.files, *missing.files])
    records = [
        json.loads(line) for line in render(report, "json-lines", RenderContext()).splitlines()
    ]
    findings = [r for r in records if "error" not in r]
    assert len(findings) == len(seed.findings)
    assert all(r["path"] == SEED_PATH and r["fingerprint"] and r["code"] for r in findings)
    assert records[-1] == {
        "path": "/nonexistent/a.txt",
        "error": {"code": "not-found", "message": "no such file"},
    }


# --- fingerprints ----------------------------------------------------------------------------


def test_fingerprints_ignore_line_numbers() -> None:
    before = json.loads(render(seed_report(), "sarif", seed_context()))
    shifted = check_text("A new first paragraph.\n\nAnother one.\n\n" + SEED_TEXT, SEED_PATH)
    after = json.loads(render(shifted, "sarif", RenderContext()))

    def prints(log: dict) -> dict[str, tuple[str, int]]:  # type: ignore[type-arg]
        return {
            r["partialFingerprints"]["factcheck/v1"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        }

    p1, p2 = prints(before), prints(after)
    assert set(p1) == set(p2) and len(p1) == len(before["runs"][0]["results"])
    assert all(p2[k][1] == p1[k][1] + 4 for k in p1)


# --- github ------------------------------------------------------------------------------------


def test_github_errors_first_ten_per_level_then_a_count() -> None:
    report = many_findings_report(errors=12, warnings=3, infos=15)
    lines = render(report, "github", RenderContext()).splitlines()
    levels = [line[2 : line.index(" ")] for line in lines]
    assert levels == ["error"] * 10 + ["warning"] * 3 + ["notice"] * 9 + ["notice"]
    assert "8 more finding(s)" in lines[-1] and "2 error, 6 info" in lines[-1]
    few = render(many_findings_report(1, 1, 10), "github", RenderContext()).splitlines()
    assert [line.split(" ")[0] for line in few] == ["::error", "::warning"] + ["::notice"] * 10


def test_github_escaping() -> None:
    from factcheck.reporters.github import command, escape_data, escape_property

    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    assert command("error", "m", file="x,y.txt", line=3) == "::error file=x%2Cy.txt,line=3::m"


# --- gitlab, junit, markdown, html --------------------------------------------------------------


def test_gitlab_code_quality(seed: Report) -> None:
    entries = json.loads(render(seed, "gitlab", seed_context()))
    assert len(entries) == len(seed.findings)
    assert len({e["fingerprint"] for e in entries}) == len(entries)
    for e in entries:
        assert set(e) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert e["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert e["location"]["path"] == SEED_PATH and e["location"]["lines"]["begin"] >= 1
    assert [e["severity"] for e in entries if e["check_name"] == "SCL001"] == ["critical"] * 2


def test_junit_suites_and_cases(seed: Report) -> None:
    clean = check_text("Nothing to see.", "clean.txt")
    missing = factcheck.check_file("/nonexistent/a.txt")
    report = make_report([*seed.files, *clean.files, *missing.files])
    root = ET.fromstring(render(report, "junit", RenderContext()).encode())
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [SEED_PATH, "clean.txt", "/nonexistent/a.txt"]
    assert len(suites[0].findall("testcase/failure")) == len(seed.findings)
    assert suites[1].findall("testcase") and not suites[1].findall("testcase/failure")
    assert suites[2].find("testcase/error").get("type") == "not-found"  # type: ignore[union-attr]
    assert root.get("tests") == str(len(seed.findings) + 2)
    assert root.get("failures") == str(len(seed.findings)) and root.get("errors") == "1"


def test_markdown_table(seed: Report) -> None:
    out = render(seed, "markdown", seed_context())
    rows = [line for line in out.splitlines() if line.startswith("| **")]
    assert len(rows) == len(seed.findings)
    assert rows[0].startswith("| **error**")  # errors first
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert "£35m → £35bn" in out


def test_html_links_resolve(seed: Report) -> None:
    from html.parser import HTMLParser

    page = render(seed, "html", seed_context())
    ids: list[str] = []
    hrefs: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if a.get("id"):
                ids.append(str(a["id"]))
            if tag == "a" and a.get("href"):
                hrefs.append(str(a["href"]))

    Collect().feed(page)
    assert len(ids) == len(set(ids)), "ids are unique"
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    assert page.count('class="finding ') == len(seed.findings)
    assert page.count('class="flag ') == len(seed.findings)
    kinds = {c.kind for c in seed.claims}
    assert all(f"k-{k.value}" in page for k in kinds) and ClaimKind.MONEY in kinds
    assert "http://" not in page and "https://" not in page  # self-contained


def test_json_streamed_equals_whole_dump() -> None:
    """The json reporter writes file by file; the text must equal one whole dump."""
    from factcheck.api import make_report
    from factcheck.models import FileError, FileFailure
    from factcheck.reporters.json_report import dumps

    one = factcheck.check("It paid $5m (£3.5bn).\n\nShares fell 8%.", path="a.txt")
    two = factcheck.check("Nothing here.", path="b.txt")
    bad = FileFailure(path="c.txt", error=FileError(code="empty", message="file is empty"))
    for files in ([*one.files, *two.files, bad], []):
        report = make_report(files)
        expected = dumps(report.model_dump(mode="json")) + "\n"
        assert render(report, "json", RenderContext()) == expected


# --- rendering in pieces -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_parts_join_to_the_rendered_report(fmt: str) -> None:
    from factcheck.reporters import render_parts

    other = check_text("Sales fell from 5 to 7.", "b.txt").files
    report = make_report([seed_report().files[0], *other])
    ctx = seed_context()
    assert "".join(render_parts(report, fmt, ctx)) == render(report, fmt, ctx)


def test_json_is_rendered_a_file_at_a_time() -> None:
    from factcheck.reporters import render_parts

    files = [
        check_text(f"Profits rose from £{i}m to £{i + 1}m.", f"{i}.txt").files[0] for i in (1, 2, 3)
    ]
    parts = list(render_parts(make_report(files), "json", RenderContext()))
    per_file = [p for p in parts if '"path"' in p]
    assert len(per_file) == 3  # one piece per file, not one string for the report
    json.loads("".join(parts))

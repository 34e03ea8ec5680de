"""``factcheck lsp`` end to end: pytest-lsp's client process talks to the real server
(``python -m factcheck.cli lsp``) over stdio, with Visual Studio Code's capabilities.

Open the seed: exactly the command line's findings, at the command line's lines and columns
(converted to LSP positions here, independently of the server). Apply the fix action: the
error goes. Edit the text: the diagnostics follow. Markdown: the suppression action silences
its finding and nothing else. Hovers say how a figure was read. The configuration nearest to
a document applies, and a bad one is one diagnostic. One server for the module.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import shutil
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is in the test extra")
pytest.importorskip("pygls", reason="the lsp extra is in the test extra")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from factcheck import fmt  # noqa: E402
from factcheck.cli import main  # noqa: E402
from factcheck.rates import default_rates  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt"
RAIL = ROOT / "examples" / "articles" / "rail-fine.md"
WAIT = 60.0


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "factcheck.cli", "lsp", "--debounce", "0.05"]
    ),
)
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("workspace")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri()
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "factcheck.toml").write_text("")  # the configuration search stops here
    return tmp_path


def cli_findings(path: Path) -> list[dict[str, Any]]:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["-f", "json", str(path)])
    findings: list[dict[str, Any]] = json.loads(out.getvalue())["files"][0]["findings"]
    return findings


def lsp_position(text: str, line: int, column: int) -> tuple[int, int]:
    """1-based line:column in code points (the report's) → LSP line, UTF-16 character."""
    prefix = text.split("\n")[line - 1][: column - 1]
    return line - 1, len(prefix.encode("utf-16-le")) // 2


def as_tuple(r: types.Range) -> tuple[tuple[int, int], tuple[int, int]]:
    return (r.start.line, r.start.character), (r.end.line, r.end.character)


async def published(
    client: LanguageClient, uri: str, version: int, send: Callable[[], None]
) -> list[types.Diagnostic]:
    """Send something, then wait for the next diagnostics of ``uri`` (the client keeps the
    latest list per document; the server publishes once per version, never a stale one)."""
    before = client.diagnostics.get(uri)
    send()
    deadline = asyncio.get_running_loop().time() + WAIT
    while client.diagnostics.get(uri) is before:
        assert asyncio.get_running_loop().time() < deadline, f"no diagnostics for v{version}"
        await asyncio.sleep(0.01)
    return list(client.diagnostics[uri])


async def open_doc(
    client: LanguageClient, path: Path, language: str, text: str | None = None
) -> list[types.Diagnostic]:
    text = path.read_text(encoding="utf-8") if text is None else text
    uri = path.as_uri()
    return await published(
        client,
        uri,
        1,
        lambda: client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id=language, version=1, text=text
                )
            )
        ),
    )


async def change(
    client: LanguageClient, path: Path, version: int, text: str
) -> list[types.Diagnostic]:
    uri = path.as_uri()
    return await published(
        client,
        uri,
        version,
        lambda: client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        ),
    )


def close(client: LanguageClient, path: Path) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri())
        )
    )


async def actions(
    client: LanguageClient, path: Path, diag: types.Diagnostic
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


def apply(text: str, action: types.CodeAction, uri: str) -> str:
    """The text after the action's edits (applied last to first, as an editor does)."""
    assert action.edit is not None and action.edit.changes is not None
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        line = lines[p.line]
        chars, units = 0, 0
        while units < p.character:
            units += 2 if ord(line[chars]) > 0xFFFF else 1
            chars += 1
        return sum(len(x) + 1 for x in lines[: p.line]) + chars

    for edit in sorted(action.edit.changes[uri], key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def test_the_seed_gives_exactly_the_cli_findings(client: LanguageClient, work: Path) -> None:
    seed = Path(shutil.copy(SEED, work / "seed.txt"))
    text = seed.read_text(encoding="utf-8")
    diags = await open_doc(client, seed, "plaintext")
    expected = cli_findings(seed)
    assert [d.code for d in diags] == [f["code"] for f in expected]
    assert [d.message for d in diags] == [f["message"] for f in expected]
    assert [as_tuple(d.range) for d in diags] == [
        (
            lsp_position(text, f["line"], f["column"]),
            lsp_position(text, f["end_line"], f["end_column"]),
        )
        for f in expected
    ]
    assert {d.source for d in diags} == {"factcheck"}
    errors = [d for d in diags if d.severity == types.DiagnosticSeverity.Error]
    assert [d.code for d in errors] == ["SCL001", "SCL001"]
    related = errors[0].related_information or []
    assert [as_tuple(r.location.range) for r in related] == [
        (
            lsp_position(text, r["line"], r["column"]),
            lsp_position(text, r["line"], r["column"] + len(r["text"])),
        )
        for r in expected[0]["related"]
    ]
    close(client, seed)


async def test_the_fix_action_makes_the_error_go(client: LanguageClient, work: Path) -> None:
    seed = Path(shutil.copy(SEED, work / "seed.txt"))
    text = seed.read_text(encoding="utf-8")
    diags = await open_doc(client, seed, "plaintext")
    first = next(d for d in diags if d.code == "SCL001")
    found = await actions(client, seed, first)
    assert [a.title for a in found] == ["Replace £35m with £35bn"]  # plain text: no comment
    fixed = apply(text, found[0], seed.as_uri())
    assert fixed == text.replace("(£35m)", "(£35bn)", 1)
    after = await change(client, seed, 2, fixed)
    assert [d.code for d in after].count("SCL001") == 1
    assert as_tuple(first.range) not in [as_tuple(d.range) for d in after if d.code == "SCL001"]
    close(client, seed)


async def test_editing_updates_the_diagnostics(client: LanguageClient, work: Path) -> None:
    story = work / "story.txt"
    first = "The deal was worth $5billion (£3.5m), the company said."
    diags = await open_doc(client, story, "plaintext", first)
    assert [d.code for d in diags] == ["SCL001"]
    grown = first + "\nIts sales rose 20% from £100m to £150m last year.\n"
    assert [d.code for d in await change(client, story, 2, grown)] == ["SCL001", "PCT001"]
    clean = "The club paid £10m for the striker, its biggest signing since 2012.\n"
    assert await change(client, story, 3, clean) == []
    close(client, story)


async def test_ranges_count_utf16_units(client: LanguageClient, work: Path) -> None:
    story = work / "emoji.txt"
    text = "🙂🙂 line one\u2028still line one: it slashed its value by $50billion (£35m)."
    (diag,) = await open_doc(client, story, "plaintext", text)
    prefix = text[: text.index("£35m")]
    assert as_tuple(diag.range) == (
        (0, len(prefix.encode("utf-16-le")) // 2),
        (0, len(prefix.encode("utf-16-le")) // 2 + 4),
    )
    close(client, story)


async def test_markdown_suppression_action(client: LanguageClient, tmp_path: Path) -> None:
    folder = Path(shutil.copytree(ROOT / "examples", tmp_path / "examples"))
    md = folder / "articles" / "rail-fine.md"
    text = md.read_text(encoding="utf-8")
    diags = await open_doc(client, md, "markdown")
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in diags] == [
        (f["code"], f["line"], f["column"]) for f in cli_findings(md)
    ]
    scl = next(d for d in diags if d.code == "SCL001")
    found = {a.title: a for a in await actions(client, md, scl)}
    assert "Replace £1.9m with £1.9bn" in found
    (ignore,) = [a for t, a in found.items() if t.startswith("Ignore SCL001")]
    edited = apply(text, ignore, md.as_uri())
    assert "<!-- factcheck: ignore[SCL001] -->" in edited
    after = await change(client, md, 2, edited)
    assert [d.code for d in after] == [d.code for d in diags if d.code != "SCL001"]
    close(client, md)


async def test_hover_says_how_a_figure_was_read(client: LanguageClient, work: Path) -> None:
    story = work / "hover.txt"
    text = "LONDON, March 22, 2018 - The scandal slashed its value by $50billion (£35m)."
    await open_doc(client, story, "plaintext", text)

    async def hover_at(needle: str) -> types.Hover | None:
        at = text.index(needle) + 1
        return await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=story.as_uri()),
                position=types.Position(line=0, character=at),
            )
        )

    got = await hover_at("£35m")
    assert got is not None and isinstance(got.contents, types.MarkupContent)
    shown = got.contents.value
    assert "money" in shown and "GBP" in shown and "converts $50billion" in shown
    quote = default_rates().rate("USD", "GBP", dt.date(2018, 3, 22))
    assert quote is not None
    assert f"$1 = {fmt.rate(quote.rate)} GBP" in shown and "2018-03-22" in shown  # the rate used
    assert "SCL001" in shown  # and the finding
    dollars = await hover_at("$50billion")
    assert dollars is not None and "states a fall" in str(dollars.contents)
    assert await hover_at("scandal") is None
    close(client, story)


async def test_the_nearest_configuration_applies(client: LanguageClient, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet"
    quiet.mkdir()
    (quiet / "factcheck.toml").write_text('ignore = ["SCL"]\n')
    story = quiet / "story.txt"
    text = "The deal was worth $5billion (£3.5m), the company said."
    assert await open_doc(client, story, "plaintext", text) == []
    close(client, story)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "factcheck.toml").write_text('colour = "red"\n')
    story = broken / "story.txt"
    (diag,) = await open_doc(client, story, "plaintext", text)
    assert diag.code == "config" and "colour" in diag.message
    close(client, story)

"""The language server: pygls wiring, the debounce, and which version a result belongs to.

A document is checked when it is opened or saved, and ``debounce`` seconds after the last of a
run of changes (a check per keystroke would be wasted work). Checks run in a thread, so the
server keeps answering hovers and code actions meanwhile; a result is published only if its
document has not changed since it was started (the newer check publishes instead). Text is
synchronised whole (``TextDocumentSyncKind.Full``): an article is small, and applying
incremental edits would need pygls's line splitting, which breaks lines at more characters
than the protocol does (see :mod:`factcheck.lsp.positions`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from factcheck import __version__
from factcheck.lsp.documents import Checked, check_text
from factcheck.lsp.features import code_actions, diagnostics, hover
from factcheck.lsp.positions import Lines

__all__ = ["DEFAULT_DEBOUNCE", "FactcheckServer", "make_server"]

DEFAULT_DEBOUNCE = 0.3  # seconds after the last change


class FactcheckServer(LanguageServer):
    """The server and what it knows: the last checked version of each open document."""

    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__(
            "factcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.debounce = debounce
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}

    @property
    def encoding(self) -> str:
        chosen = self.server_capabilities.position_encoding
        return str(chosen) if chosen else "utf-16"

    @property
    def workspace_root(self) -> str | None:
        root = self.workspace.root_uri
        return to_fs_path(root) if root else None

    def lines(self, checked: Checked) -> Lines:
        return Lines(checked.source, self.encoding)

    async def check(self, uri: str, delay: float = 0.0) -> None:
        """Check ``uri`` after ``delay`` seconds; a newer call for it cancels this one."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        task = asyncio.get_running_loop().create_task(self._check_later(uri, delay))
        self.pending[uri] = task

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if uri not in self.workspace.text_documents:
            return
        doc = self.workspace.get_text_document(uri)
        version = doc.version
        path = to_fs_path(uri) if uri.startswith("file:") else None
        checked = await asyncio.to_thread(
            check_text,
            uri,
            version,
            doc.source,
            path=path,
            language_id=doc.language_id,
            workspace=self.workspace_root,
        )
        if uri not in self.workspace.text_documents:
            return
        if self.workspace.get_text_document(uri).version != version:
            return  # edited meanwhile: the check started by that edit publishes
        self.checked[uri] = checked
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        found = diagnostics(checked, self.lines(checked))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=checked.version, diagnostics=found)
        )

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def current(self, uri: str) -> Checked | None:
        """The result for the document as it is now, or None while it is being re-checked."""
        checked = self.checked.get(uri)
        doc = self.workspace.text_documents.get(uri)
        if checked is None or doc is None or checked.version != doc.version:
            return None
        return checked


def make_server(debounce: float = DEFAULT_DEBOUNCE) -> FactcheckServer:
    server = FactcheckServer(debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: FactcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: FactcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        await ls.check(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: FactcheckServer, params: types.DidSaveTextDocumentParams) -> None:
        await ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: FactcheckServer, params: types.CodeActionParams) -> list[Any] | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        return code_actions(checked, ls.lines(checked), params.range, ls.workspace_root) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: FactcheckServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        return hover(checked, ls.lines(checked), params.position)

    return server

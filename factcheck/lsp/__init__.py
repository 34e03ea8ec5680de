"""``factcheck lsp``: the checker in text editors, as a Language Server (pygls, lsprotocol).

Needs the ``lsp`` extra. Modules: ``cli`` (``factcheck lsp``), ``server`` (pygls wiring, the
debounce, versions), ``documents`` (an editor's document → the checked result, with the
command line's configuration and dates), ``features`` (diagnostics, code actions, hovers),
``positions`` (offsets ↔ LSP positions: the protocol's line breaks and UTF-16 units). Editor
set-up: ``docs/editors.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["main", "make_server"]

if TYPE_CHECKING:
    from factcheck.lsp.cli import main
    from factcheck.lsp.server import make_server

_LAZY = {"main": "factcheck.lsp.cli", "make_server": "factcheck.lsp.server"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.lsp' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)

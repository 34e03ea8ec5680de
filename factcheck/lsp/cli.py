"""``factcheck lsp``: the language server, over standard input and output.

Editors start it themselves (``docs/editors.md``); it speaks the Language Server Protocol on
stdin/stdout until the editor shuts it down. ``--stdio`` is accepted (and the only transport)
because several editors' clients pass it without asking.
"""

from __future__ import annotations

import argparse

import lsprotocol  # noqa: F401  (the lsp extra: a missing one is reported by factcheck.cli)
import pygls  # noqa: F401

from factcheck.lsp.server import DEFAULT_DEBOUNCE


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not 0 <= value <= 60:
        raise argparse.ArgumentTypeError("expected 0 to 60 seconds")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="factcheck lsp",
        description="A language server for factcheck over stdio: diagnostics for plain text, "
        "Markdown and HTML, fixes and suppressions as code actions, and hovers on figures. "
        "It reads the configuration nearest to each document, as factcheck does.",
    )
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    p.add_argument(
        "--debounce",
        type=_seconds,
        default=DEFAULT_DEBOUNCE,
        metavar="SECONDS",
        help=f"wait this long after the last change (default {DEFAULT_DEBOUNCE})",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from factcheck.lsp.server import make_server

    make_server(args.debounce).start_io()
    return 0

"""``factcheck serve``: the checker as an HTTP service, with a page for editors.

A newsroom's content system calls ``POST /v1/check`` on save or publish and gets the JSON
report of ``factcheck -f json``; editors open ``/`` in a browser, paste a story or drop a file,
and get the HTML report's findings and annotated text, re-checked as they type. Needs the
``serve`` extra (Starlette, uvicorn, python-multipart). See ``docs/serve.md``.

Modules, in the order a request meets them: ``cli`` (options, socket, uvicorn), ``app`` (routes,
errors, limits, the token, the log line), ``job`` (a request → a validated check job),
``pool`` (the checker processes: off the event loop, on a time budget, a bounded number in
flight), ``worker`` (what a checker process does: the pipeline, the reporters), ``page`` (the
editors' page, with ``static/page.js`` and ``static/page.css``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ServeOptions", "create_app", "main"]

if TYPE_CHECKING:
    from factcheck.serve.app import ServeOptions, create_app
    from factcheck.serve.cli import main

_LAZY = {
    "ServeOptions": "factcheck.serve.app",
    "create_app": "factcheck.serve.app",
    "main": "factcheck.serve.cli",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.serve' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)

"""The editors' page at ``/``: a form for a story, and under it the HTML report's sections.

Without JavaScript the form is a plain ``multipart/form-data`` post back to the page, which
comes back with the story still in the box and the report under it. With JavaScript
(``static/page.js``) the same form re-checks as the editor types, replacing only the report:
the text box, its cursor and its selection are never touched.

The page loads its style and script from the server itself and nothing else; the service's
Content-Security-Policy forbids anything else (no inline script or style at all). The story is
escaped wherever it appears (the text box here; the report through the HTML reporter's
``esc``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["ACCEPT", "CSP", "FORMATS", "PagePart", "page", "script", "stylesheet"]

# every response carries it; the page needs nothing more than its own two files and fetch
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
FORMATS = (
    ("auto", "from the file name, else the text"),
    ("text", "plain text"),
    ("markdown", "Markdown"),
    ("html", "HTML"),
)
ACCEPT = ".txt,.text,.md,.markdown,.mdown,.mkd,.html,.htm,.xhtml,text/plain,text/markdown,text/html"
_INTRO = (
    '<p class="intro">Paste a story above, or drop a <code>.txt</code>, <code>.md</code> or '
    "<code>.html</code> file on it, and check it. Every finding is listed with its suggested "
    "fix, and the story is shown with each figure marked and linked to what was found.</p>"
)


@dataclass(frozen=True)
class PagePart:
    """What the page shows: the form's values, a status line, the report's sections."""

    text: str = ""
    format: str = "auto"
    date: str = ""
    path: str = ""
    status: str = ""
    error: bool = False
    report: str = ""  # the HTML report's sections (already escaped), or "" for the intro
    max_bytes: int = 2 * 1024 * 1024


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def page(part: PagePart) -> str:
    """The whole page."""
    options = "".join(
        f'<option value="{v}"{" selected" if v == part.format else ""}>{_e(label)}</option>'
        for v, label in FORMATS
    )
    status_class = "status error" if part.error else "status"
    limit = (
        f"{part.max_bytes / (1024 * 1024):g} MB"
        if part.max_bytes >= 1024 * 1024
        else (f"{part.max_bytes:,} bytes")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        "<title>factcheck</title>\n"
        '<link rel="stylesheet" href="static/page.css">\n'
        '<script src="static/page.js" defer></script>\n'
        "</head>\n<body>\n"
        "<header><h1>factcheck</h1><p>Numbers in a story that contradict each other.</p>"
        "</header>\n"
        f'<form id="check" method="post" action="./" enctype="multipart/form-data" '
        f'accept-charset="utf-8" data-max-bytes="{part.max_bytes}">\n'
        '<label for="text" class="story-label">Story</label>\n'
        # the newline after the tag is eaten by the HTML parser, so a story's own first
        # newline survives
        f'<textarea id="text" name="text" rows="16" spellcheck="true">\n{_e(part.text)}'
        "</textarea>\n"
        '<div class="controls">\n'
        f'<label>File <input type="file" id="file" name="file" accept="{ACCEPT}"></label>\n'
        f'<label>Format <select id="format" name="format">{options}</select></label>\n'
        f'<label>Date <input type="date" id="date" name="date" value="{_e(part.date)}">'
        "</label>\n"
        f'<input type="hidden" id="path" name="path" value="{_e(part.path)}">\n'
        '<button type="submit" id="submit">Check</button>\n'
        f'<span id="status" class="{status_class}" role="status" aria-live="polite">'
        f"{_e(part.status)}</span>\n"
        "</div>\n"
        f'<p class="hint">Up to {_e(limit)}. Nothing you send is stored or logged.</p>\n'
        "</form>\n"
        f'<div id="report">{part.report or _INTRO}</div>\n'
        "</body>\n</html>\n"
    )


@cache
def stylesheet() -> str:
    """The HTML report's style, then the page's own (``static/page.css``)."""
    from factcheck.reporters.html_report import stylesheet as report_style

    own = resources.files("factcheck.serve").joinpath("static/page.css").read_text("utf-8")
    return report_style() + "\n" + own


@cache
def script() -> str:
    """``static/page.js``: re-checks as the editor types."""
    return resources.files("factcheck.serve").joinpath("static/page.js").read_text("utf-8")

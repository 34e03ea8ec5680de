"""The editors' page of ``factcheck serve`` in a real headless Chromium, JavaScript off and on.

A real server on 127.0.0.1 (one checker process). The story is pasted as the browser's own
input (``Input.insertText``, what a paste does), typed with key events, chosen with the file
input, or dropped as a file. Off: the form posts and the page comes back with the report and
the story still in the box. On: the report is replaced as the editor types, the page never
reloads, and the text, the cursor and the focus stay where the editor left them. A hostile
story runs nothing. What must be found comes from ``factcheck.check`` on the same text.
Skipped, with the reason, when selenium or the browser is missing or cannot start.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from serving import Server, running_server

pytest.importorskip("starlette", reason="the serve extra is in the test extra")

import factcheck

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "facebook-cambridge-analytica-2018.txt").read_text(encoding="utf-8")
RAIL = ROOT / "examples" / "articles" / "rail-fine.md"
TYPED = " Its sales rose 20% from £100m to £150m last year."
PWN = "window.__pwned = (window.__pwned || 0) + 1; document.title = 'pwned';"
HOSTILE = (
    f"<script>{PWN}</script> Breaking news\n"
    f'The scandal slashed its value by $50billion (£35m) <img src=x onerror="{PWN}">.\n'
    f'<svg onload="{PWN}"></svg> <iframe srcdoc="<script>parent.{PWN}</script>"></iframe>\n'
)
WAIT = 60  # seconds at most for a check to show (a loaded CI machine)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("--workers", "1", "--isolated", "--log-level", "warning") as s:
        yield s


@pytest.fixture(scope="module")
def js_off() -> Iterator[Any]:
    with chromium(javascript=False) as drv:
        yield drv


@pytest.fixture(scope="module")
def js_on() -> Iterator[Any]:
    with chromium() as drv:
        yield drv


def expected(text: str, path: str = "pasted story", input_format: str = "text") -> list[Any]:
    """The findings the page shows: the command line's default, warnings and errors."""
    report = factcheck.check(text, path=path, input_format=input_format)
    return [f for f in report.findings if f.severity != "info"]


def wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(condition)


def paste(driver: Any, text: str) -> None:
    """Focus the story box and insert ``text`` at the cursor, as pasting does."""
    driver.find_element("id", "text").click()
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def texts(driver: Any, selector: str) -> list[str]:
    """The text of every element ``selector`` matches, read at one instant (the report may be
    replaced between two reads of the page)."""
    found: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)",
        selector,
    )
    return found


def listed(driver: Any) -> list[str]:
    return texts(driver, "#report li.finding .code")


def marked_errors(driver: Any) -> list[str]:
    return texts(driver, "#report pre.article mark.blamed.sev-error")


def state(driver: Any) -> dict[str, Any]:
    result: dict[str, Any] = driver.execute_script(
        "const t = document.getElementById('text'), f = document.getElementById('check');"
        "return {value: t.value, start: t.selectionStart, end: t.selectionEnd,"
        " focused: document.activeElement === t, checks: Number(f.dataset.checks || 0),"
        " live: f.dataset.live || null, status: document.getElementById('status').textContent,"
        " marker: window.__marker || null};"
    )
    return result


def errors_of(findings: list[Any]) -> list[str]:
    return [
        f.suggestion.original
        for f in findings
        if f.severity == "error" and f.suggestion is not None
    ]


# -- JavaScript off: a plain form post ------------------------------------------------------


def test_js_off_paste_submit_and_see_the_seed_errors(js_off: Any, server: Server) -> None:
    js_off.get(server.url)
    assert state(js_off)["live"] is None  # the page's script did not run
    paste(js_off, SEED)
    js_off.find_element("id", "submit").click()
    wait(js_off, lambda d: d.find_elements("css selector", "#report li.finding"))
    findings = expected(SEED)
    assert listed(js_off) == [f.code for f in findings]
    assert marked_errors(js_off) == errors_of(findings) == ["£35m", "£3.5m"]
    now = state(js_off)
    assert now["value"] == SEED  # the story is still in the box, as pasted
    assert now["status"] == "2 errors, 2 warnings, 0 info"


def test_js_off_choose_a_file_and_submit(js_off: Any, server: Server) -> None:
    js_off.get(server.url)
    js_off.find_element("id", "file").send_keys(str(RAIL))
    js_off.find_element("id", "submit").click()
    wait(js_off, lambda d: d.find_elements("css selector", "#report li.finding"))
    findings = expected(RAIL.read_text(encoding="utf-8"), "rail-fine.md", "markdown")
    shown = texts(js_off, "#report li.finding .loc")
    assert shown == [f"rail-fine.md:{f.line}:{f.column}" for f in findings]
    assert state(js_off)["value"] == RAIL.read_text(encoding="utf-8")
    assert js_off.find_element("id", "path").get_attribute("value") == "rail-fine.md"


# -- JavaScript on: re-checked as the editor types ------------------------------------------


def test_js_on_paste_is_checked_without_a_reload(js_on: Any, server: Server) -> None:
    js_on.get(server.url)
    wait(js_on, lambda d: state(d)["live"] == "on")
    js_on.execute_script("window.__marker = 'same page';")
    paste(js_on, SEED)
    wait(js_on, lambda d: state(d)["checks"] >= 1 and listed(d))
    findings = expected(SEED)
    assert listed(js_on) == [f.code for f in findings]
    assert marked_errors(js_on) == errors_of(findings)
    now = state(js_on)
    assert now["marker"] == "same page"  # no navigation: the report was replaced in place
    assert now["value"] == SEED and now["focused"] and now["start"] == len(SEED)
    assert now["status"] == "2 errors, 2 warnings, 0 info"


def test_js_on_typing_rechecks_and_keeps_text_and_cursor(js_on: Any, server: Server) -> None:
    before = state(js_on)
    assert before["value"] == SEED, "follows the paste test"
    js_on.find_element("id", "text").send_keys(TYPED)  # key by key, at the end
    full = SEED + TYPED
    codes = [f.code for f in expected(full)]
    assert "PCT001" in codes
    wait(js_on, lambda d: listed(d) == codes)
    now = state(js_on)
    assert now["value"] == full and now["focused"]
    assert now["start"] == now["end"] == len(full)  # the cursor is where typing left it
    assert now["marker"] == "same page"
    # the cursor in the middle of the story: a keystroke there, and it stays after it
    at = full.index("£35m") + len("£35")
    js_on.execute_script(f"document.getElementById('text').setSelectionRange({at}, {at});")
    checks = state(js_on)["checks"]
    js_on.find_element("id", "text").send_keys("0")
    wait(js_on, lambda d: state(d)["checks"] > checks)
    edited = full[:at] + "0" + full[at:]  # £350m: still a slip, and a different figure
    wait(js_on, lambda d: listed(d) == [f.code for f in expected(edited)])
    now = state(js_on)
    assert now["value"] == edited and now["start"] == now["end"] == at + 1 and now["focused"]


def test_js_on_a_hostile_story_runs_nothing(js_on: Any, server: Server) -> None:
    js_on.get(server.url)
    wait(js_on, lambda d: state(d)["live"] == "on")
    paste(js_on, HOSTILE)
    wait(js_on, lambda d: state(d)["checks"] >= 1)
    assert js_on.execute_script("return window.__pwned === undefined")
    assert js_on.title == "factcheck"
    found = js_on.execute_script(
        "return document.querySelectorAll('#report script, #report img, #report svg,"
        " #report iframe, [onerror], [onload]').length"
    )
    assert found == 0
    article = js_on.execute_script("return document.querySelector('pre.article').textContent")
    assert f"<script>{PWN}</script>" in article and "<img src=x onerror=" in article
    assert listed(js_on) == [f.code for f in expected(HOSTILE)]


def test_js_on_a_dropped_file_is_read_into_the_box(js_on: Any, server: Server) -> None:
    js_on.get(server.url)
    wait(js_on, lambda d: state(d)["live"] == "on")
    text = RAIL.read_text(encoding="utf-8")
    js_on.execute_script(
        "const dt = new DataTransfer();"
        "dt.items.add(new File([arguments[0]], 'rail-fine.md', {type: 'text/markdown'}));"
        "document.getElementById('text').dispatchEvent(new DragEvent('drop',"
        " {dataTransfer: dt, bubbles: true, cancelable: true}));",
        text,
    )
    wait(js_on, lambda d: state(d)["checks"] >= 1 and listed(d))
    assert state(js_on)["value"] == text
    assert js_on.find_element("id", "format").get_attribute("value") == "markdown"
    findings = expected(text, "rail-fine.md", "markdown")
    shown = texts(js_on, "#report li.finding .loc")
    assert shown == [f"rail-fine.md:{f.line}:{f.column}" for f in findings]


def test_js_on_an_error_is_shown_in_the_status_line(js_on: Any, server: Server) -> None:
    js_on.get(server.url)
    wait(js_on, lambda d: state(d)["live"] == "on")
    paste(js_on, "The deal was worth $5billion (£3.5m).")
    wait(js_on, lambda d: state(d)["checks"] >= 1)
    js_on.execute_script(
        "document.getElementById('date').value = '2018-02-30';"
        "document.getElementById('date').dispatchEvent(new Event('change'));"
    )
    # an impossible date never leaves a date input; the format field can be bad, though
    js_on.execute_script(
        "const s = document.getElementById('format'); const o = document.createElement('option');"
        "o.value = 'pdf'; s.appendChild(o); s.value = 'pdf';"
        "s.dispatchEvent(new Event('change'));"
    )
    wait(js_on, lambda d: "format" in state(d)["status"])
    assert "error" in js_on.find_element("id", "status").get_attribute("class")
    assert state(js_on)["value"] == "The deal was worth $5billion (£3.5m)."

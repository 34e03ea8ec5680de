"""The HTML report in a real headless Chromium (Debian's ``chromium`` + ``chromium-driver``).

Opens the seed article's page: the findings are there and every link lands on an element in the
text (and back). Opens the page of a hostile article: its ``<script>`` and ``<img onerror>``
would set a global and the title; neither happens, and the tags show as text. Skipped, with
the reason, when selenium or the browser is missing or cannot start.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from reporting import check_text, seed_context, seed_report

from factcheck.reporters import RenderContext, render

pytestmark = pytest.mark.browser

PWN = "window.__pwned = (window.__pwned || 0) + 1; document.title = 'pwned';"
HOSTILE = (
    f"<script>{PWN}</script> Breaking news\n"
    f'The scandal slashed its value by $50billion (£35m) <img src=x onerror="{PWN}">.\n'
    f'<svg onload="{PWN}"></svg> <iframe srcdoc="<script>parent.{PWN}</script>"></iframe>\n'
    "]]> %0A::error::x \x1b[31mred\n"
)


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium() as drv:
        yield drv


def _open(driver: Any, tmp_path: Path, name: str, page: str) -> None:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    driver.get(path.as_uri())


def test_seed_findings_are_shown_and_linked(driver: Any, tmp_path: Path) -> None:
    report = seed_report()
    _open(driver, tmp_path, "seed.html", render(report, "html", seed_context()))
    assert driver.title.startswith("factcheck report")
    items = driver.find_elements("css selector", "li.finding")
    assert len(items) == len(report.findings)
    codes = [i.find_element("css selector", ".code").text for i in items]
    assert codes == [f.code for f in report.findings]
    texts = driver.execute_script(
        "return Array.from(document.querySelectorAll('li.finding .msg')).map(e => e.textContent)"
    )
    assert texts == [f.message for f in report.findings]
    # every link inside the page resolves to an element; links from a finding land in the text
    broken = driver.execute_script("""
        return Array.from(document.querySelectorAll('a[href]'))
          .map(a => a.getAttribute('href'))
          .filter(h => !h.startsWith('#') || !document.getElementById(h.slice(1)));""")
    assert broken == []
    into_text = driver.execute_script("""
        return Array.from(document.querySelectorAll('li.finding a.loc, li.finding a.related'))
          .map(a => document.getElementById(a.getAttribute('href').slice(1)))
          .map(t => !!(t && t.closest('pre.article') && t.matches('mark.claim')));""")
    assert into_text and all(into_text)
    flags = driver.execute_script("""
        return Array.from(document.querySelectorAll('pre.article a.flag'))
          .map(a => document.getElementById(a.getAttribute('href').slice(1)))
          .map(t => t ? t.className : null);""")
    assert len(flags) == len(report.findings) and all(f and "finding" in f for f in flags)
    # following a finding's link lands on the blamed claim, which shows as the :target
    first = items[0].find_element("css selector", "a.loc")
    target = first.get_attribute("href").split("#", 1)[1]
    first.click()
    landed = driver.execute_script(
        "const t = document.querySelector(':target'); return t && [t.id, t.textContent];"
    )
    assert landed == [target, report.findings[0].suggestion.original]  # type: ignore[union-attr]


def test_hostile_article_runs_nothing(driver: Any, tmp_path: Path) -> None:
    report = check_text(HOSTILE, "news/hostile.txt")
    assert report.findings, "the scale slip is found in the hostile article"
    page = render(report, "html", RenderContext(sources={"news/hostile.txt": HOSTILE}))
    _open(driver, tmp_path, "hostile.html", page)
    assert driver.execute_script("return document.readyState") == "complete"
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.title != "pwned" and driver.title.startswith("factcheck report")
    counts = driver.execute_script(
        "return document.querySelectorAll('script, img, svg, iframe, [onerror], [onload]').length"
    )
    assert counts == 0
    article = driver.execute_script("return document.querySelector('pre.article').textContent")
    assert f"<script>{PWN}</script>" in article
    assert "<img src=x onerror=" in article and "␛[" in article
    assert driver.find_elements("css selector", "li.finding")

"""A headless Chromium for the browser tests (Debian's ``chromium`` + ``chromium-driver``).

``chromium(javascript=...)`` starts one, or skips the test with the reason when selenium, the
browser or its driver is missing or the browser cannot start. Used by ``test_browser.py`` (the
HTML report) and ``test_serve_browser.py`` (the page of ``factcheck serve``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


@contextmanager
def chromium(*, javascript: bool = True) -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    browser = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    chromedriver = shutil.which("chromedriver") or (
        CHROMEDRIVER if Path(CHROMEDRIVER).exists() else None
    )
    if browser is None or chromedriver is None:
        pytest.skip("no chromium/chromedriver: apt-get install -y chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    if not javascript:  # as an editor with JavaScript switched off sees pages
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    try:
        drv = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    except Exception as exc:  # any failure to start is a skip, with what went wrong
        pytest.skip(
            f"headless Chromium could not be started: {type(exc).__name__}: "
            f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        )
    try:
        yield drv
    finally:
        drv.quit()

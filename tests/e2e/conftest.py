"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a test opens is checked for console errors and page errors (a CSP violation shows
up as one) when the test ends. Set PROCESBANK_SCREENSHOTS=DIR to keep a screenshot of each
page a test names with ``shot(page, name)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

# Playwright's sync API keeps an event loop in the main thread; Django's ORM would then refuse
# to run in the test body. The test body is plain synchronous code, so this is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = (
    Path(__file__).resolve().parents[2]
    / "procesbank"
    / "static"
    / "vendor"
    / "axe-core"
    / "axe.min.js"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page of a fresh context. A test marked ``@pytest.mark.expected_console("status of 409")``
    may see console errors containing that text: Chromium logs every fetch answered with a 4xx
    as an error, and some tests provoke one on purpose."""
    marker = request.node.get_closest_marker("expected_console")
    expected = tuple(marker.args) if marker else ()
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not any(text in message.text for text in expected):
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield page
    context.close()
    assert problems == [], "the browser reported errors"


def check_accessibility(page: Page) -> None:
    """Run axe-core on the current page; fail on serious or critical violations."""
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
              .filter(v => v.impact === "serious" || v.impact === "critical")
              .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ")).join(", ")})`);
        }"""
    )
    assert violations == [], f"accessibility violations on {page.url}"


def shot(page: Page, name: str) -> None:
    """Keep a full-page screenshot when PROCESBANK_SCREENSHOTS names a folder."""
    folder = os.environ.get("PROCESBANK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def login(page: Page, username: str, password: str) -> None:
    page.goto("/konto/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")


def nav_click(page: Page, name: str) -> None:
    """Follow a main-menu item, opening "Mere" first when the item sits behind it (the
    shared registers and the administration)."""
    nav = page.get_by_role("navigation", name="Hovedmenu")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav.locator(".nav-more summary").click()
    link.click()

"""What every real-browser test shares: Debian's Chromium through Playwright, a page opened on a running server,
asking a question in the chat, and screenshots saved under artifacts/."""
from __future__ import annotations

from contextlib import contextmanager

from playwright.sync_api import expect, sync_playwright

from conftest import ROOT

ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
WAIT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 950}


@contextmanager
def chromium():
    """A headless Chromium, closed on exit."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, url: str, requests: list | None = None, permissions: tuple[str, ...] = (), **context_options):
    """A page of a new browser context on the app at `url`, once its question box is there: (context, page).

    `requests` collects the URL of every request the page makes (to check nothing leaves loopback); `permissions`
    are granted to the app's origin (clipboard)."""
    context = browser.new_context(viewport=VIEWPORT, **context_options)
    if permissions:
        context.grant_permissions(list(permissions), origin=url)
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.wait_for_selector("#question textarea", timeout=WAIT_MS)
    return context, page


def ask(pg, question: str) -> None:
    """Type a question, press Ask, and wait until the answer and its sources are on screen."""
    before = pg.locator("#chat .message-row, #chat [data-testid='bot']").count()
    pg.fill("#question textarea", question)
    pg.click("#ask")
    expect(pg.locator("#sources-panel .cd-head")).to_contain_text(question[:40], timeout=WAIT_MS)
    expect(pg.locator("#chat [data-testid='bot']").last).not_to_contain_text("Searching the sources", timeout=WAIT_MS)
    assert pg.locator("#chat .message-row, #chat [data-testid='bot']").count() > before


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)

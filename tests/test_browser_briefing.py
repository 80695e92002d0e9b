"""Prepare materials in a real headless Chromium against `assistant serve` on the real index of the shipped sources:
generate a briefing pack, read it, download it as Word and Markdown; and the /brief API route."""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from docx import Document as DocxDocument
from gradio_client import Client
from playwright.sync_api import expect

from browser import ARTIFACTS, WAIT_MS, chromium, open_page
from pack_checks import assert_verbatim
from ui_server import Server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(real_assistant, real_settings, tmp_path_factory):
    ARTIFACTS.mkdir(exist_ok=True)
    srv = Server(real_settings.index, tmp_path_factory.mktemp("pack-data"), ARTIFACTS / "ui-pack-server.log")
    yield srv
    srv.stop()


def test_prepare_materials_generates_shows_and_downloads_a_pack(server, real_assistant):
    requests: list[str] = []
    with chromium() as browser:
        context, page = open_page(browser, server.url, requests, accept_downloads=True)
        page.click("#materials button:has-text('Prepare materials')")
        expect(page.locator("#pack-generate")).to_be_visible(timeout=WAIT_MS)
        expect(page.locator("#pack-docx")).to_be_disabled()
        t0 = time.perf_counter()
        page.fill("#pack-topic textarea", "all")
        page.click("#pack-generate")
        view = page.locator("#pack-view")
        expect(view.locator("h2")).to_contain_text("Briefing pack: all", timeout=WAIT_MS)
        shown_s = time.perf_counter() - t0
        for heading in ("Key points", "Glossary", "Timeline", "Who's who", "Quiz", "References"):
            expect(view.locator("h3", has_text=heading)).to_be_visible()
        expect(view).to_contain_text("Confidence-Building Measures")  # the glossary's expansion of CBMs
        expect(view).to_contain_text("2025-03-17")  # the timeline's date of the Sarajevo workshop
        expect(view).to_contain_text("Szilvia Tóth")
        assert view.locator("#cd-pack-quiz + ol > li").count() >= 5
        page.screenshot(path=str(ARTIFACTS / "ui-pack-1-generated.png"), full_page=True)

        expect(page.locator("#pack-docx")).to_be_enabled(timeout=WAIT_MS)
        with page.expect_download() as download:
            page.click("#pack-docx")
        docx_path = Path(download.value.path())
        paragraphs = [para.text for para in DocxDocument(str(docx_path)).paragraphs]
        assert paragraphs[0] == "Briefing pack: all"
        assert {"Key points", "Glossary", "Timeline", "Who's who", "Quiz", "References"} <= set(paragraphs)
        assert any("Confidence-Building Measures" in para for para in paragraphs)
        with page.expect_download() as download:
            page.click("#pack-md")
        md = Path(download.value.path()).read_text(encoding="utf-8")
        assert md.startswith("# Briefing pack: all") and "## Quiz" in md

        # A topic, restricted like the chat by the source filter: only that document is quoted.
        page.click("#filters button:has-text('Limit to sources')")
        page.locator("#filter-sources label", has_text="belgium-cyber-diplomacy.txt").click()
        page.fill("#pack-topic textarea", "all")
        page.click("#pack-generate")
        expect(view).not_to_contain_text("Szilvia Tóth", timeout=WAIT_MS)
        expect(view).to_contain_text("NATO")
        page.screenshot(path=str(ARTIFACTS / "ui-pack-2-filtered.png"), full_page=True)
        hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
        context.close()
    assert hosts <= {"127.0.0.1"}, f"the page reached outside hosts: {hosts}"
    (ARTIFACTS / "ui-pack-timings.json").write_text(f'{{"generate_all_to_shown_s": {shown_s:.2f}}}\n')


def test_brief_api_returns_the_cli_json(server, real_assistant):
    pack = Client(server.url, verbose=False).predict("confidence-building measures", None, None, api_name="/brief")
    assert pack["topic"] == "confidence-building measures"
    assert_verbatim(pack, real_assistant.document_text)
    assert any("onfidence" in k["text"] for k in pack["sections"]["key_points"])

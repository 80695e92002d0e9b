"""The chat in a real headless Chromium (Debian's, via Playwright) against `assistant serve` on the real index.

Screenshots and the measured start-up and answer times are saved under artifacts/.
"""
import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from docx import Document as DocxDocument
from playwright.sync_api import expect

from browser import ARTIFACTS, WAIT_MS, ask, chromium, open_page, shot
from conftest import SHIPPED_SOURCES, require_realdocs
from ui_server import Server, free_port

pytestmark = pytest.mark.slow

QUESTION = "What does the EU Cyber Diplomacy Toolbox include?"
EVIDENCE = "sanctions against malicious cyber activities"


@pytest.fixture(scope="module")
def server(real_assistant, real_settings, tmp_path_factory):
    ARTIFACTS.mkdir(exist_ok=True)
    data_dir = tmp_path_factory.mktemp("browser-data")
    srv = Server(real_settings.index, data_dir, ARTIFACTS / "ui-server.log")
    srv.data_dir = data_dir
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser, server):
    """A fresh page on the app; every request it makes is recorded to check nothing leaves loopback."""
    requests: list[str] = []
    context, pg = open_page(browser, server.url, requests, ("clipboard-read", "clipboard-write"), accept_downloads=True)
    pg.requests = requests
    yield pg
    hosts = {urlparse(u).hostname for u in pg.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    context.close()
    assert hosts <= {"127.0.0.1"}, f"the page reached outside hosts: {hosts}"


def test_first_open_shows_status_and_examples_from_the_sources(page, server):
    expect(page.locator("#index-status")).to_contain_text("2 documents", timeout=WAIT_MS)
    expect(page.locator("#index-status")).to_contain_text("all-MiniLM-L6-v2")
    example = page.locator("#chat button", has_text="What is cyber diplomacy?")
    expect(example).to_be_visible()
    shot(page, "ui-1-first-open.png")
    t0 = time.perf_counter()
    example.click()
    expect(page.locator("#sources-panel mark").first).to_contain_text("Cyber diplomacy uses international cooperation",
                                                                       timeout=WAIT_MS)
    first_answer = time.perf_counter() - t0
    (ARTIFACTS / "ui-timings.json").write_text(json.dumps({
        "launch_to_ready_s": round(server.startup_seconds, 2),
        "example_click_to_answer_s": round(first_answer, 2),
        "launch_to_first_answer_s": round(time.perf_counter() - server.started, 2),
    }, indent=2))


def test_answer_sources_document_view_export_copy_and_feedback(page, server):
    ask(page, QUESTION)
    bot = page.locator("#chat [data-testid='bot']").last
    expect(bot).to_contain_text(EVIDENCE)
    expect(bot).to_contain_text("[1]")
    card = page.locator("#sources-panel .cd-card").first
    expect(card.locator("mark")).to_contain_text(EVIDENCE)  # the cited sentence, highlighted in its paragraph
    expect(card).to_contain_text("KnowCyber")
    expect(card.locator("a")).to_have_attribute("href", "https://knowcyber.eu/strengthening-cyber-security-through-"
                                                        "diplomacy-sarajevo-workshop-highlights-eu-support/")
    shot(page, "ui-2-answer-with-sources.png")

    # Source view: the whole document, opened at the cited passage, highlighted and scrolled into view.
    page.click("#doc-pick input")
    page.locator("#doc-pick li[role=option]").first.click()
    cited = page.locator("#doc-view #cd-cited")
    expect(cited).to_contain_text(EVIDENCE, timeout=WAIT_MS)
    expect(page.locator("#doc-view .cd-doc")).to_contain_text("Next Steps")  # the whole text, not just the quote
    expect(cited).to_be_in_viewport()
    shot(page, "ui-3-source-view.png")

    # Export: Markdown and Word, each with the question, the quote and the address.
    with page.expect_download() as download:
        page.click("#export-md")
    md = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"## 1. {QUESTION}" in md and EVIDENCE in md and "https://knowcyber.eu/" in md and "> “" in md
    (ARTIFACTS / "ui-export.md").write_text(md, encoding="utf-8")
    with page.expect_download() as download:
        page.click("#export-docx")
    docx_text = "\n".join(p.text for p in DocxDocument(download.value.path()).paragraphs)
    assert QUESTION in docx_text and EVIDENCE in docx_text and "https://knowcyber.eu/" in docx_text

    # Copy button on the answer puts the answer (with its markers) on the clipboard.
    bot.hover()
    page.locator("#chat button[aria-label='Copy message']").last.click()
    assert EVIDENCE in page.evaluate("navigator.clipboard.readText()")

    # Thumbs up, then an optional comment: both appended to the feedback file.
    page.locator("#chat button[aria-label='Like']").last.click()
    expect(page.locator("#fb-comment textarea")).to_be_visible(timeout=WAIT_MS)
    page.fill("#fb-comment textarea", "Exactly what I needed for the briefing")
    page.click("#fb-send")
    expect(page.locator("#fb-comment textarea")).to_be_hidden(timeout=WAIT_MS)
    lines = [json.loads(x) for x in (server.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["rating"] for e in lines[-2:]] == ["up", "up"] and lines[-1]["id"] == lines[-2]["id"]
    assert lines[-1]["comment"] == "Exactly what I needed for the briefing" and lines[-1]["question"] == QUESTION
    assert any(EVIDENCE in c["quote"] for c in lines[-1]["citations"])


def test_user_mistakes_get_a_plain_message(page):
    page.click("#ask")
    expect(page.get_by_text("Type a question first.")).to_be_visible(timeout=WAIT_MS)
    page.fill("#question textarea", "cyber " * 500)
    page.click("#ask")
    expect(page.locator("#chat [data-testid='bot']").last).to_contain_text("the question is too long",
                                                                           timeout=WAIT_MS)
    assert "Traceback" not in page.content()


def test_abstention_follow_up_and_filter(page):
    ask(page, "What is the recipe for chocolate cake?")
    expect(page.locator("#chat [data-testid='bot']").last).to_contain_text("The sources do not answer this question")
    expect(page.locator("#sources-panel .cd-abstain")).to_be_visible()
    assert page.locator("#sources-panel .cd-card").count() >= 3  # the nearest passages, to judge
    shot(page, "ui-4-abstention.png")

    ask(page, "What is the role of the European Union (EU) in cyberspace?")
    ask(page, "And what does the OSCE do?")
    expect(page.locator("#chat [data-testid='bot']").last).to_contain_text("OSCE")
    expect(page.locator("#chat [data-testid='bot']").last).to_contain_text("Read as: “")
    shot(page, "ui-5-follow-up.png")
    # Clicking an earlier answer brings its sources back into the panel.
    page.locator("#chat [data-testid='bot']").first.click()
    expect(page.locator("#sources-panel .cd-head")).to_contain_text("recipe for chocolate cake", timeout=WAIT_MS)

    page.click("#filters button, #filters .label-wrap")
    page.locator("#filter-sources label", has_text="sarajevo-workshop").click()
    ask(page, "What is cyber diplomacy?")
    cards = page.locator("#sources-panel .cd-card")
    for i in range(cards.count()):
        expect(cards.nth(i)).to_contain_text("Sarajevo workshop")
    shot(page, "ui-6-filtered.png")
    page.click("#new-chat")
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("#export-md")).to_be_disabled()


def test_a_hostile_source_stays_inert_in_the_browser(browser, tmp_path):
    """A document with <script> and an onerror handler is shown as text; nothing in it runs."""
    from assistant import ui
    from assistant.config import Settings
    from assistant.embeddings import HashingEmbedder
    from assistant.service import Assistant

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "hostile.txt").write_text(
        "Hostile page\n\nThe confidence measures <script>window.pwned = 1</script> and "
        "<img src=x onerror=\"window.pwned = 2\"> stay inert.\n", encoding="utf-8")
    settings = Settings(sources=tmp_path / "sources", index=tmp_path / "index", embedding_model="hashing",
                        data_dir=tmp_path / "data", port=free_port())
    assistant = Assistant(settings, embedder=HashingEmbedder(), create=True)
    assistant.ingest(progress=False)
    demo = ui.launch(assistant, block=False, example_questions=[])
    try:
        ctx, pg = open_page(browser, f"http://127.0.0.1:{settings.port}")
        ask(pg, "What stays inert among the confidence measures?")
        pg.click("#doc-pick input")
        pg.locator("#doc-pick li[role=option]").first.click()
        expect(pg.locator("#doc-view .cd-doc")).to_contain_text("<script>window.pwned = 1</script>", timeout=WAIT_MS)
        assert pg.evaluate("typeof window.pwned") == "undefined"
        assert pg.locator("#doc-view script, #doc-view img, #sources-panel script, #chat script").count() == 0
        shot(pg, "ui-7-hostile-source-inert.png")
        ctx.close()
    finally:
        demo.close()


def test_an_llm_answer_streams_into_the_chat(browser, real_assistant):
    """With an LLM backend (a scripted OpenAI-compatible server on loopback), sentences appear as they are checked."""
    from assistant import ui
    from assistant.service import Assistant
    from llm_servers import fault_server

    first = "Szilvia Tóth from the OSCE explained how the organisation promotes Confidence-Building Measures (CBMs)"
    second = "Countries take voluntary steps to increase transparency and reduce the risk of misunderstandings"
    llm = fault_server()
    settings = real_assistant.settings.replace(backend="openai", llm_url=f"http://127.0.0.1:{llm.port}/v1",
                                               llm_model="scripted", port=free_port())
    assistant = Assistant(settings, embedder=real_assistant.embedder)
    question = "What confidence-building measures does the OSCE promote?"
    n = next(i for i, p in enumerate(assistant.search(question), start=1) if "Szilvia" in p.chunk.text)
    # Slow enough between chunks that the first checked sentence is on screen before the second arrives.
    llm.configure(f"{first} [{n}]. {second} [{n}].", mode="trickle", chunk=8, delay=0.12)
    demo = ui.launch(assistant, block=False, example_questions=[])
    try:
        ctx, pg = open_page(browser, f"http://127.0.0.1:{settings.port}")
        pg.fill("#question textarea", question)
        pg.click("#ask")
        bot = pg.locator("#chat [data-testid='bot']").last
        expect(bot).to_contain_text("Szilvia Tóth", timeout=WAIT_MS)
        partial = bot.inner_text()
        expect(pg.locator("#sources-panel .cd-head")).to_contain_text(question[:40], timeout=WAIT_MS)
        assert "Countries take voluntary steps" not in partial  # the first sentence came before the second
        expect(bot).to_contain_text("Countries take voluntary steps")
        expect(pg.locator("#sources-panel mark").first).to_contain_text("Szilvia Tóth")
        shot(pg, "ui-8-llm-streamed.png")
        ctx.close()
    finally:
        demo.close()
        llm.stop()


REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"
RES_78_16 = REALDOCS / "A-RES-78-16.pdf"
RES_QUESTION = "What does resolution 78/16 decide about the programme of action?"
PAGE_FURNITURE = ("23-24434", "*2324434*")  # the UN job number and barcode printed on the resolution's pages
RES_CATALOG = """
A-RES-78-16.pdf:
  title: >-
    Programme of action to advance responsible State behaviour in the use of information and
    communications technologies in the context of international security
  publisher: "United Nations General Assembly"
  url: "https://docs.un.org/en/A/RES/78/16"
  date: "adopted 4 December 2023"
  symbol: "A/RES/78/16"
"""


@pytest.fixture(scope="module")
def resolution_server(tmp_path_factory):
    """`assistant serve` building its own index of the shipped sources plus the official PDF of A/RES/78/16."""
    require_realdocs(RES_78_16)
    ARTIFACTS.mkdir(exist_ok=True)
    root = tmp_path_factory.mktemp("resolution")
    sources = root / "sources"
    shutil.copytree(SHIPPED_SOURCES, sources)
    shutil.copy(RES_78_16, sources / RES_78_16.name)
    with open(sources / "catalog.yaml", "a", encoding="utf-8") as catalog:
        catalog.write(RES_CATALOG)
    srv = Server(root / "index", root / "data", ARTIFACTS / "ui-resolution-server.log",
                 extra=("--sources", str(sources)), ingest=True)
    yield srv
    srv.stop()


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_un_resolution_is_cited_by_symbol_paragraph_and_page(browser, resolution_server):
    """The official PDF of A/RES/78/16: the answer cites 'A/RES/78/16, para. N, p. N' in the chat, the sources
    panel, the copied answer and the export; the document view highlights the cited sentence without page furniture.

    Every check runs and all failures are reported together, so one run says everything still missing.
    """
    requests: list[str] = []
    context, pg = open_page(browser, resolution_server.url, requests, ("clipboard-read", "clipboard-write"),
                            accept_downloads=True)
    problems: list[str] = []
    try:
        ask(pg, RES_QUESTION)
        shot(pg, "ui-9-resolution-locator.png")

        # The answer's short reference list: "[n] A/RES/78/16, para. N, p. N" (then its address, if any).
        bot = pg.locator("#chat [data-testid='bot']").last
        references = bot.inner_text().rpartition("Sources")[2].strip()
        located = [(n, loc) for n, loc in
                   re.findall(r"^\[(\d+)\] (A/RES/78/16\b.*?)(?:\s+https?://\S+)?\s*$", references, re.M)
                   if "p." in loc]
        if not located:
            problems.append(f"no reference '[n] A/RES/78/16…, p. N' in the chat; its references:\n{references}")
        n, locator = located[0] if located else ("1", None)

        # The sources panel: that locator heads the source's card, the cited sentence highlighted beneath.
        card = pg.locator("#sources-panel .cd-card").filter(
            has=pg.locator(".cd-n", has_text=re.compile(rf"^\[{n}\]$"))).first
        expect(card).to_be_visible()
        heading = _words(card.locator(".cd-title").inner_text())
        if locator and heading != f"[{n}] {locator}":
            problems.append(f"the sources panel heads [{n}] with {heading!r}, not the locator {locator!r}")
        quote = _words(card.locator("mark").first.inner_text())

        # Copy answer with references, and the Markdown export: both carry the locator.
        if locator:
            bot.hover()
            pg.locator("#chat button[aria-label='Copy message']").last.click()
            if locator not in pg.evaluate("navigator.clipboard.readText()"):
                problems.append(f"the copied answer lacks the locator {locator!r}")
            with pg.expect_download() as download:
                pg.click("#export-md")
            if f"{n}. {locator}" not in Path(download.value.path()).read_text(encoding="utf-8"):
                problems.append(f"the Markdown export lacks the reference line '{n}. {locator}'")

        # The document in full, at the cited sentence: highlighted, and none of the pages' furniture.
        pg.click("#doc-pick input")
        pg.locator("#doc-pick li[role=option]", has_text=f"[{n}] ").first.click()
        cited = pg.locator("#doc-view #cd-cited")
        expect(cited).to_be_visible(timeout=WAIT_MS)
        expect(cited).to_be_in_viewport()
        shot(pg, "ui-10-resolution-document.png")
        if _words(cited.inner_text()) != quote:
            problems.append(f"the document view highlights {cited.inner_text()!r}, not the cited {quote!r}")
        if len(quote.split()) < 5:
            problems.append(f"the cited passage is not a sentence: {quote!r}")
        if locator and f"Cited: {locator}" not in _words(pg.locator("#doc-view .cd-doc-head").inner_text()):
            problems.append(f"the document view does not name the cited locator {locator!r}")
        document = pg.locator("#doc-view .cd-doc").inner_text()
        furniture = [f for f in PAGE_FURNITURE if f in document]
        if furniture:
            problems.append(f"the document view shows page furniture {furniture}")
    finally:
        context.close()
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1"}, f"the page reached outside hosts: {hosts}"
    assert not problems, "\n".join(problems)

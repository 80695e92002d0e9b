"""The chat in a real headless Chromium, asked in French and in Bosnian (and Serbian Cyrillic), against `assistant
serve` on the shipped sources indexed with the multilingual model: cited answers quoting the English sources
verbatim, with the assistant's own words in the question's language."""
from __future__ import annotations


import pytest
from playwright.sync_api import expect

from assistant.messages import say
from browser import ask, chromium, open_page, shot
from conftest import needs_e5

pytestmark = [pytest.mark.slow,
              needs_e5]


@pytest.fixture()
def page(e5_server):
    with chromium() as browser:
        _, pg = open_page(browser, e5_server.url)
        yield pg


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

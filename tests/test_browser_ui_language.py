"""The UI's own texts in a real headless Chromium: a French or Bosnian browser gets the page in its language, asks in
it and gets a cited answer; the language selector switches every fixed text without losing the conversation.

Against `assistant serve` on the shipped sources indexed with the multilingual model (as test_browser_multilingual).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assistant.messages import say
from assistant.ui_texts import TEXTS, UI_LANGUAGES, text
from browser import WAIT_MS, ask, chromium, open_page as open_app, shot
from conftest import needs_e5

pytestmark = [pytest.mark.slow,
              needs_e5]
SCREENSHOT = "/tmp/uitexts-fr.png"
# The page's text without the conversation and the quoted sources (whose words follow the question, not the UI).
CHROME_TEXT = """() => {
  const page = document.body.cloneNode(true);
  page.querySelectorAll("script, style, #chat [data-testid='bot'], #chat [data-testid='user'], #sources-panel .cd-head, "
                        + "#sources-panel .cd-card, #doc-view .cd-doc-head, #doc-view .cd-doc, #pack-view li, #pack-view p"
                        ).forEach(e => e.remove());
  return page.textContent;
}"""


@pytest.fixture(scope="module")
def server(e5_server):
    return e5_server


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def open_page(browser, server, locale: str):
    return open_app(browser, server.url, locale=locale)


def plain(value: str) -> str:
    """A catalogue text as the page shows it (Markdown bold and HTML tags gone)."""
    return re.sub(r"<[^>]+>", "", value.replace("**", ""))


def expect_chrome(page, lang: str) -> None:
    """Every fixed text on screen is in `lang`, and none of the English ones is left where the two differ."""
    t = lambda key, **values: plain(text(key, lang, **values))  # noqa: E731
    expect(page.locator("#header")).to_contain_text(t("title"), timeout=WAIT_MS)
    expect(page.locator("#header")).to_contain_text(t("intro"))
    expect(page).to_have_title(t("title"))
    expect(page.locator("html")).to_have_attribute("lang", {"bcs": "bs"}.get(lang, lang))
    expect(page.locator("#ui-language input")).to_have_value(UI_LANGUAGES[lang])
    expect(page.locator("#ui-language")).to_contain_text(t("language"))
    expect(page.locator("#index-status")).to_contain_text(
        t("status_answers", backend=text("backend_extractive", lang)))
    expect(page.locator("#question textarea")).to_have_attribute("placeholder", t("question_placeholder"))
    for selector, key in (("#ask", "ask"), ("#new-chat", "new_chat"), ("#export-md", "export_md"),
                          ("#export-docx", "export_docx"), ("#filters", "filters"), ("#materials", "materials"),
                          ("#doc-pick", "doc_pick"), ("#chat", "chat_label")):
        expect(page.locator(selector).first).to_contain_text(t(key))
    expect(page.get_by_role("tab", name=t("tab_sources"))).to_be_visible()
    expect(page.get_by_role("tab", name=t("tab_document"))).to_be_visible()
    body = page.evaluate(CHROME_TEXT)
    english_left = [en for key, texts in TEXTS.items()
                    if (en := plain(texts["en"])) != plain(texts[lang]) and "{" not in en and "|" not in en
                    and en in body]
    assert not english_left, english_left


@pytest.mark.parametrize("locale, lang, question, quote", [
    ("fr-FR", "fr", "Quand l'atelier de Sarajevo sur la cyberdiplomatie a-t-il eu lieu ?", "17 March 2025"),
    ("bs-BA", "bcs", "Kada je održana radionica o sajber diplomatiji u Sarajevu?", "17 March 2025"),
])
def test_a_browser_in_another_language_gets_the_page_in_it_and_a_cited_answer(browser, server, locale, lang,
                                                                               question, quote):
    context, page = open_page(browser, server, locale)
    try:
        expect_chrome(page, lang)
        expect(page.locator("#chat")).to_contain_text(plain(text("chat_placeholder", lang)))
        expect(page.locator("#sources-panel")).to_contain_text(text("sources_empty", lang))

        page.click("#ask")  # a mistake gets its notice in the page's language
        toast = page.locator("[data-testid='toast-body']", has_text=text("warn_no_question", lang))
        expect(toast).to_be_visible(timeout=WAIT_MS)
        toast.locator("[data-testid='toast-close']").click()
        page.fill("#question textarea", "cyber " * 500)  # and so does the assistant's own: too long a question
        page.click("#ask")
        expect(page.locator("#chat [data-testid='bot']").last).to_contain_text(
            text("error_question_too_long", lang, length="2\u202f999", limit="2\u202f000") if lang == "fr"
            else text("error_question_too_long", lang, length="2.999", limit="2.000"), timeout=WAIT_MS)

        ask(page, question)
        bot = page.locator("#chat [data-testid='bot']").last
        expect(bot).to_contain_text(quote)  # verbatim from the English source
        expect(bot).to_contain_text("[1]")
        expect(bot).to_contain_text(say("sources", lang))  # the answer's own words follow the question
        expect(page.locator("#sources-panel .cd-head")).to_contain_text(f"{say('sources_of', lang)}:")
        expect(page.locator("#sources-panel mark").first).to_contain_text(quote)

        page.click("#materials")  # the Prepare materials panel, opened
        expect(page.locator("#pack-topic textarea")).to_have_attribute("placeholder", text("pack_topic", lang))
        expect(page.locator("#pack-generate")).to_have_text(text("pack_generate", lang))
        expect(page.locator("#pack-view")).to_contain_text(plain(text("pack_empty", lang)))
        if lang == "fr":  # the page as a French official sees it; then a briefing pack, its headings in French
            page.screenshot(path=SCREENSHOT, full_page=True)
            page.fill("#pack-topic textarea", "all")
            page.click("#pack-generate")
            pack = page.locator("#pack-view .cd-pack")
            expect(pack).to_contain_text(text("pack_title", lang, topic="all"), timeout=WAIT_MS)
            for key in ("pack_key_points", "pack_glossary", "pack_timeline", "pack_people", "pack_quiz",
                        "pack_references"):
                expect(pack.locator("h3", has_text=text(key, lang)).first).to_be_visible()
            expect(page.locator("#pack-md")).to_be_enabled()
        expect_chrome(page, lang)  # still all in the page's language after an answer
        shot(page, f"ui-language-{lang}.png")
    finally:
        context.close()


@pytest.mark.parametrize("locale, lang", [("nl-BE", "nl"), ("de-DE", "de"), ("hr-HR", "bcs"), ("ja-JP", "en")])
def test_other_browser_languages_get_the_page_in_theirs_or_in_english(browser, server, locale, lang):
    context, page = open_page(browser, server, locale)
    try:
        expect_chrome(page, lang)
    finally:
        context.close()


def test_the_selector_switches_every_text_and_keeps_the_conversation(browser, server):
    context, page = open_page(browser, server, "en-US")
    try:
        expect_chrome(page, "en")
        page.click("#ui-language input")
        page.locator("#ui-language li[role=option]", has_text=UI_LANGUAGES["de"]).click()
        expect_chrome(page, "de")

        # A French question in the German UI: the answer's words are French, the page stays German.
        question = "Quand l'atelier de Sarajevo sur la cyberdiplomatie a-t-il eu lieu ?"
        ask(page, question)
        expect(page.locator("#chat [data-testid='bot']").last).to_contain_text(say("sources", "fr"))
        expect(page.locator("#ask")).to_have_text(text("ask", "de"))
        page.locator("#chat button[aria-label='Like']").last.click()  # the thanks in the page's language
        expect(page.locator("[data-testid='toast-body']", has_text=text("feedback_saved", "de", rating="👍"))
               ).to_be_visible(timeout=WAIT_MS)
        expect(page.locator("#comment-row")).to_contain_text(text("comment_label", "de"))
        page.click("#doc-pick input")
        page.locator("#doc-pick li[role=option]").first.click()
        expect(page.locator("#doc-view #cd-cited")).to_contain_text("17 March 2025", timeout=WAIT_MS)
        expect(page.get_by_role("tab", name=text("tab_document", "de"))).to_have_attribute("aria-selected", "true")

        page.click("#ui-language input")
        page.locator("#ui-language li[role=option]", has_text=UI_LANGUAGES["bcs"]).click()
        expect_chrome(page, "bcs")
        # The conversation, the sources of the answer and the opened document are all still there.
        expect(page.locator("#doc-view #cd-cited")).to_contain_text("17 March 2025", timeout=WAIT_MS)
        expect(page.locator("#chat [data-testid='bot']")).to_have_count(1)
        page.get_by_role("tab", name=text("tab_sources", "bcs")).click()
        expect(page.locator("#sources-panel .cd-head")).to_contain_text(f"{say('sources_of', 'fr')}: “{question}”")
        page.click("#doc-pick input")
        expect(page.locator("#doc-pick li[role=option]").first).to_contain_text("[1]")
        shot(page, "ui-language-switched.png")
    finally:
        context.close()

"""The UI's fixed texts: complete in every UI language, chosen from the browser's Accept-Language, and used by the
views the UI renders (status line, sources and document panels, briefing pack)."""
from __future__ import annotations

import pytest

from assistant import ui_texts, views
from assistant.errors import AssistantError
from assistant.ui_texts import TEXTS, UI_LANGUAGES, count, from_accept_language, text

MAIN = ("en", "fr", "bcs")


def test_every_text_exists_in_every_ui_language_with_the_same_placeholders():
    assert set(MAIN) <= set(UI_LANGUAGES) and {"nl", "de"} <= set(UI_LANGUAGES)
    for key, texts in TEXTS.items():
        assert set(texts) == set(UI_LANGUAGES), f"{key}: missing {set(UI_LANGUAGES) - set(texts)}"
        english = ui_texts.placeholders(texts["en"])
        for lang, value in texts.items():
            assert value.strip(), (key, lang)
            assert ui_texts.placeholders(value) == english, (key, lang, value)
            forms = value.count("|") + 1
            assert forms == (texts["en"].count("|") + 1 if forms == 1 else (3 if lang == "bcs" else 2)), (key, lang)


def test_the_main_languages_are_translated_not_copied_from_english():
    # Words that are the same in French (Sources, Conversation, Document, Index, Quiz) are allowed there only.
    same_in_french = {k for k, t in TEXTS.items() if t["fr"] == t["en"]}
    assert same_in_french <= {"filter_sources", "tab_sources", "chat_label", "tab_document", "status_index",
                              "n_documents", "n_passages", "pack_quiz"}, same_in_french
    assert [k for k, t in TEXTS.items() if t["bcs"] == t["en"]] == ["status_model"]  # "model {model}" in both


def test_an_unknown_key_is_an_error_not_an_english_fallback():
    with pytest.raises(KeyError):
        text("no-such-text", "fr")
    assert text("ask", "xx") == text("ask", "en")  # an unknown language (a stale session) is English


@pytest.mark.parametrize("header, expected", [
    ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
    ("bs-BA,bs;q=0.9", "bcs"),
    ("hr", "bcs"),
    ("sr-Latn-RS,sr;q=0.9", "bcs"),
    ("de-CH, de;q=0.9", "de"),
    ("nl-BE", "nl"),
    ("en-GB,en;q=0.9", "en"),
    ("es-ES,es;q=0.9,fr;q=0.5", "fr"),  # the first language the UI has, by preference
    ("en;q=0.3, fr;q=0.7", "fr"),
    ("fr;q=0, de", "de"),  # q=0: not acceptable
    ("ja-JP", "en"),
    ("", "en"),
    (None, "en"),
    ("fr;q=abc", "en"),
])
def test_the_browser_language_picks_the_ui_language(header, expected):
    assert from_accept_language(header) == expected


@pytest.mark.parametrize("n, en, fr, bcs", [
    (0, "0 documents", "0 document", "0 dokumenata"),
    (1, "1 document", "1 document", "1 dokument"),
    (2, "2 documents", "2 documents", "2 dokumenta"),
    (5, "5 documents", "5 documents", "5 dokumenata"),
    (11, "11 documents", "11 documents", "11 dokumenata"),
    (21, "21 documents", "21 documents", "21 dokument"),
    (23, "23 documents", "23 documents", "23 dokumenta"),
    (13, "13 documents", "13 documents", "13 dokumenata"),
])
def test_counts_take_each_languages_plural(n, en, fr, bcs):
    assert [count("n_documents", n, lang) for lang in MAIN] == [en, fr, bcs]


def test_the_status_line_follows_the_ui_language(fake_assistant):
    from assistant.ui import status_markdown

    en, fr, bs = (status_markdown(fake_assistant, lang) for lang in MAIN)
    assert en.startswith("**Index:** ") and " documents, " in en and "answers: extractive (verbatim quotes)" in en
    assert "réponses : extractives (citations mot pour mot)" in fr and "créé le " in fr and "answers" not in fr
    assert bs.startswith("**Indeks:** ") and "odgovori: ekstraktivni" in bs and "napravljen " in bs


def test_the_panels_captions_follow_the_ui_language_and_the_answers_words_the_question():
    assert text("sources_empty", "fr") in views.sources_html(None, lambda s: None, "fr")
    assert text("doc_not_indexed", "bcs") in views.document_html(None, {"source": "x"}, ui_language="bcs")
    doc = views.document_html("Some text.", {"source": "x.txt", "title": "X", "locator": "A/RES/1, para. 2"},
                              0, 4, ui_language="de")
    assert "Zitiert: A/RES/1, para. 2" in doc and "Cited" not in doc
    # A French question shown in a Bosnian UI: the panel's words around it are French, as the answer's are.
    answer = {"question": "Quand l'atelier de Sarajevo a-t-il eu lieu ?", "abstained": True, "citations": [],
              "passages": [{"title": "T", "section": "Intro", "page": 3, "start": 0, "end": 4, "text": "Text"}]}
    panel = views.sources_html(answer, lambda s: None, "bcs")
    assert "Passage 1" in panel and "section « Intro », page 3" in panel and "Les sources ne répondent pas" in panel
    bs = views.sources_html(dict(answer, question="Kada je održana radionica o sajber diplomatiji u Sarajevu?"),
                            lambda s: None, "fr")
    assert "Odlomak 1" in bs and "odjeljak „Intro”, stranica 3" in bs


def test_a_briefing_packs_headings_follow_the_ui_language():
    pack = {"topic": "CBMs", "overview": None, "citations": [{"n": 1, "title": "T", "quote": "Q"}],
            "sections": {"key_points": [], "glossary": [], "timeline": [], "people": [],
                         "quiz": [{"question": "Who?", "answer": "OSCE", "citations": [1]}]}}
    fr = views.pack_html(pack, "fr")
    for key in ("pack_key_points", "pack_glossary", "pack_timeline", "pack_people", "pack_references", "pack_none"):
        assert text(key, "fr") in fr, key
    assert "Dossier d'information : CBMs" in fr and "Réponse : OSCE" in fr
    assert "Key points" not in fr and "References" not in fr
    assert "Informativni paket: CBMs" in views.pack_html(pack, "bcs")
    assert text("pack_empty", "nl") in views.pack_html(None, "nl")


def _raised(call):
    with pytest.raises(AssistantError) as info:
        call()
    return info.value


def test_the_users_mistakes_are_told_in_the_ui_language_and_in_english_as_the_cli_says_them(tmp_path):
    from assistant.feedback import MAX_COMMENT_CHARS, record
    from assistant.service import clean_question

    mistakes = {
        "question_empty": _raised(lambda: clean_question("   ", 2000)),
        "question_too_long": _raised(lambda: clean_question("cyber " * 500, 2000)),
        "question_no_script": _raised(lambda: clean_question("網絡外交是什麼", 2000)),
        "comment_too_long": _raised(lambda: record(tmp_path, "up", {"question": "Q"},
                                                   "x" * (MAX_COMMENT_CHARS + 1))),
        "nothing_to_rate": _raised(lambda: record(tmp_path, "up", {})),
    }
    for key, exc in mistakes.items():
        assert exc.key == key and f"error_{key}" in TEXTS
        assert ui_texts.error(exc, "en") == str(exc)  # the catalogue's English is the message itself, no drift
        for lang in UI_LANGUAGES:
            assert ui_texts.error(exc, lang) == text(f"error_{key}", lang, **{
                k: ui_texts.number(v, lang) for k, v in exc.values.items()})
    too_long = mistakes["question_too_long"]
    assert ui_texts.error(too_long, "fr").startswith("la question est trop longue (2\u202f999 caractères ; la limite "
                                                    "est de 2\u202f000)")
    assert "(2.999 znakova; ograničenje je 2.000)" in ui_texts.error(too_long, "bcs")
    # An error the catalogue does not name keeps its own message.
    assert ui_texts.error(AssistantError("the index is busy"), "fr") == "the index is busy"

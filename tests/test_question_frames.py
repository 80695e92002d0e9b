"""Question frames that German, Dutch, French and Bosnian/Croatian/Serbian build differently from English, as the
English rendering (assistant/query_translation.py) must give them for the English-only rules: a definition whose frame
the verb bracket splits, a perfect whose participle ends a "what" question, and "what does X say about Y"."""
from __future__ import annotations

import pytest

from assistant import asked_documents
from assistant import query_translation as qt
from assistant import question_kinds as kinds
from assistant import scoping
from assistant import word_order
from assistant.retrieval import tokenize


@pytest.mark.parametrize("question, term", [
    ("Was versteht man im UN-Übereinkommen gegen Cyberkriminalität unter „Einziehung“?", "confiscation"),
    ("Was versteht man unter Verkehrsdaten?", "traffic data"),
    ("Was ist nach dem Budapester Übereinkommen unter Verkehrsdaten zu verstehen?", "traffic data"),
    ("Wat wordt in het Verdrag van Boedapest verstaan onder een minderjarige?", "minor"),
    ("Wat wordt onder verkeersgegevens verstaan?", "traffic data"),
    ("Wat verstaat het Verdrag van Boedapest onder een computersysteem?", "computer system"),
    ("Que signifie « gel » au sens de la Convention des Nations Unies contre la cybercriminalité ?", "freezing"),
    ("Šta znači pojam „imovina“ u Konvenciji Ujedinjenih nacija protiv kibernetičkog kriminala?", "property"),
    ("Što se podrazumijeva pod pojmom podaci o prometu?", "traffic data"),
])
def test_a_definition_is_asked_as_english_asks_it(question, term):
    english = qt.english(question)
    assert english.startswith(f"what is meant by {term}"), english
    assert scoping.DEFINITION_QUESTION.search(english)


def test_the_words_between_a_definitions_frame_follow_the_term():
    english = qt.english("Was versteht man im UN-Übereinkommen gegen Cyberkriminalität unter „Einziehung“?")
    assert english == "what is meant by confiscation United Nations convention against cybercrime?"


def test_a_question_without_the_frames_preposition_is_left_as_it_was():
    ws = ["Was", "versteht", "die", "Konvention"]
    assert word_order.definition_frame(ws, [w.casefold() for w in ws], "de") == ws


@pytest.mark.parametrize("question, english", [
    ("Was hat die Generalversammlung in ihrer Resolution 74/28 beschlossen?",
     "what did General Assembly Resolution 74/28 decide?"),
    ("Wat heeft de Algemene Vergadering in resolutie 75/240 besloten?",
     "what did General Assembly resolution 75/240 decide?"),
    ("Was hat die Generalversammlung mit A/RES/79/243 angenommen?", "what did General Assembly A/RES/79/243 adopt?"),
])
def test_a_perfect_whose_participle_ends_a_what_question_is_asked_with_did(question, english):
    assert qt.english(question) == english
    assert kinds.operative_opener(english) is not None  # "Decides ...", "Adopts ..." paragraphs answer first


@pytest.mark.parametrize("participle, base", [("decided", "decide"), ("adopted", "adopt"), ("ratified", "ratify"),
                                              ("signed", "sign"), ("agreed", "agree"), ("planned", "plan"),
                                              ("decision", None), ("set up", None)])
def test_an_english_participle_gives_its_verb(participle, base):
    assert word_order.base_form(participle, qt._english_words()) == base


@pytest.mark.parametrize("question, english", [
    ("Was sagt die Resolution 73/27 über „digitale Souveränität“?", "what does Resolution 73/27 say about digital sovereignty?"),
    ("Wat zegt ETS nr. 185 over wederrechtelijke interceptie?", "what does ETS nr 185 say about unlawful interception?"),
    ("Que dit la résolution 73/27 sur la chaîne d'approvisionnement ?", "what does resolution 73/27 say about supply chain?"),
    ("Šta kaže rezolucija 75/240 o „digitalnom suverenitetu“?", "what does resolution 75/240 say about digital sovereignty?"),
    ("Šta rezolucija 75/240 kaže o „digitalnom suverenitetu“?", "what does resolution 75/240 say about digital sovereignty?"),
    ("Was verlangt Artikel 41 des UN-Übereinkommens gegen Cyberkriminalität?",
     "what does article 41 United Nations convention against cybercrime require?"),
])
def test_what_a_text_says_about_something_is_asked_with_does(question, english):
    assert qt.english(question) == english


def test_about_is_kept_only_in_a_question_of_what_a_text_says():
    # "über" stays a function word elsewhere: the rendering of other questions is as before
    assert "about" not in qt.english("Welche Staaten haben über die Resolution abgestimmt?").split()
    assert qt.english("Welche Informationen enthält die Erklärung über Spähsoftware?") == \
        "which information include the declaration on spyware?"


@pytest.mark.parametrize("question", [
    "Was sagt die neue Cyberverteidigungspolitik der NATO von 2021 über die kollektive Verteidigung?",
    "Que prévoit la stratégie nationale pour la sécurité du numérique de la France de 2015 au sujet de la désinformation ?",
])
def test_a_document_the_index_does_not_hold_is_read_from_the_rendering(question):
    found = asked_documents.asked(qt.english(question), tokenize, lambda phrase: False)
    assert found is not None and found.rest, qt.english(question)


@pytest.mark.parametrize("question, ordinal, asked", [
    ("Was hat die Generalversammlung auf ihrer 96. Plenarsitzung am 25. August 2023 beschlossen?", "96th", ("96",)),
    ("Qu'a décidé l'Assemblée générale à sa 46e séance plénière ?", "46th", ("46e",)),
    ("Wat besloot de Algemene Vergadering op haar 46ste plenaire vergadering?", "46th", ("46ste",)),
    ("Na 46. plenarnoj sjednici 7. decembra 2022. Generalna skupština je odlučila šta?", "46th", ("46",)),
])
def test_an_ordinal_is_read_as_english_writes_it(question, ordinal, asked):
    assert f"{ordinal} plenary meeting" in qt.english(question)
    assert qt.ordinals(question) == asked


@pytest.mark.parametrize("question, kept", [
    ("Wann wurde die Resolution am 5. Dezember 2018 angenommen?", "5 December 2018"),  # a day before its month
    ("Šta je usvojeno 7. decembra 2022?", "7 December 2022"),
    ("Koliko dana traju sastanci koje je skupština sazvala 2023. i 2024. godine?", "2023 2024"),  # years
])
def test_a_day_or_a_year_with_a_point_is_no_ordinal(question, kept):
    assert kept in qt.english(question) and not qt.ordinals(question)


@pytest.mark.parametrize("question, terms", [
    ("Was sagt die Resolution 73/27 über „digitale Souveränität“?", (("digitale Souveränität", "digital sovereignty"),)),
    ("Wat zegt het Verdrag van Boedapest over \"cryptovaluta\"?", (("cryptovaluta", "cryptocurrency"),)),
    ("Que signifie « gel » ou « saisie » au sens de la Convention ?", (("gel", "freezing"), ("saisie", "seizure"))),
    ("What does the FATF “travel rule” require?", ()),  # English: answer.quoted_unwritten reads it as written
])
def test_a_quoted_term_is_given_with_its_english(question, terms):
    assert qt.quoted_terms(question) == terms


def test_german_separable_verbs_with_zu_or_ge_inside_read_as_their_verb():
    english = qt.english("Müssen Vertragsstaaten verlangen, die Herkunft nachzuweisen, bevor Daten weitergegeben werden?")
    assert "demonstrate" in english and "transmit" in english and "before" in english


def test_a_who_question_of_two_clauses_keeps_its_verbs_in_place():
    assert qt.english("Wer hat angeboten, die Zeremonie auszurichten?") == "who offer ceremony host?"
    assert qt.english("Wer hat die Erklärung unterzeichnet?") == "who signed declaration?"


def test_a_comma_inside_a_reference_is_no_clause():
    english = qt.english("Que prévoit l'article 40, paragraphe 22, de la Convention des Nations Unies contre la "
                         "cybercriminalité ?")
    assert english == "what does article 40 paragraph 22 United Nations Convention against Cybercrime provide for?"


@pytest.mark.parametrize("question, verb", [
    ("Is de dader verplicht de wettige herkomst aan te tonen?", "demonstrate"),  # aan te tonen: aantonen
    ("Welke landen hebben besloten samen te werken?", "cooperation"),
    ("Welk protocol is uitgebreid?", "extend"),  # uit|ge|breid: uitbreiden
    ("Welke gegevens worden uitgewisseld?", "exchange"),
])
def test_dutch_separable_verbs_with_te_or_ge_read_as_their_verb(question, verb):
    assert verb in qt.english(question).rstrip("?").split()


def test_a_dutch_te_infinitive_is_a_clause_of_its_own():
    assert qt.english("Wie heeft voorgesteld het protocol uit te breiden?") == "who propose protocol extend?"

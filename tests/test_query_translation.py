"""Query translation (assistant/query_translation.py): the English rendering of questions in French,
Bosnian/Croatian/Serbian (Latin and Cyrillic), Dutch and German that keyword search, the English model and the
question-kind rules read; English questions pass through untouched. The last tests ask real questions over the
real documents with the default (English-only) model and real Chroma."""
from __future__ import annotations

import tomllib
from importlib import resources

import pytest
import yaml

from assistant import query_translation as qt
from assistant import references
from assistant import question_kinds as kinds
from assistant.retrieval import tokenize
from conftest import ROOT

ENGLISH_SETS = [ROOT / "evals" / "cases.yaml", *sorted((ROOT / "evals" / "realdocs").glob("*.yaml")),
                *sorted((ROOT / "evals" / "blind").glob("*.yaml")), *sorted((ROOT / "evals" / "blind2").glob("*.yaml"))]


@pytest.mark.parametrize("question, english", [
    # French: elisions, inverted verbs ("a-t-elle") and accents
    ("Quand l'Assemblée générale a-t-elle adopté la résolution sur le comportement responsable des États ?",
     "when General Assembly adopted the resolution on responsible State behaviour?"),
    ("Combien de pays ont ratifié la Convention sur la cybercriminalité ?",
     "how many countries ratify Convention on Cybercrime?"),
    # Bosnian/Croatian/Serbian, Latin: case endings by the stemmer (konvenciju, infrastrukturu)
    ("Šta kaže konvencija o zaštiti kritične infrastrukture?", "what does the convention on protect critical infrastructure say?"),
    ("Ko je predstavio mjere izgradnje povjerenja OSCE-a?", "who presented confidence-building measures OSCE?"),
    # the same, in Cyrillic: transliterated first
    ("Ко је представио мјере изградње повјерења ОЕБС-а?", "who presented confidence-building measures OSCE?"),
    ("Када је Генерална скупштина усвојила резолуцију?", "when General Assembly adopted resolution?"),
    # Dutch
    ("Wanneer heeft de Algemene Vergadering de resolutie over verantwoord statelijk gedrag aangenomen?",
     "when General Assembly the resolution on responsible State behaviour adopted?"),
    ("Hoeveel landen hebben het verdrag geratificeerd?", "how many countries have ratified convention?"),
    # German: a verb whose parts stand apart ("trat ... in Kraft")
    ("Welche Maßnahmen empfiehlt die Arbeitsgruppe zum Schutz kritischer Infrastrukturen?",
     "which measures recommended working group protect critical infrastructure?"),
    ("Wann trat das Übereinkommen über Computerkriminalität in Kraft?", "when Convention on Cybercrime enter into force?"),
])
def test_questions_in_each_language_and_script_are_rendered_in_english(question, english):
    assert qt.english(question) == english


def test_a_compound_with_no_entry_is_read_as_two_entries():
    assert qt.english("Welche Cyberabwehrfähigkeiten haben die Verbündeten?") == \
        "which cyber defence capabilities allies?"
    assert qt.english("Wie viele Staaten unterstützen die Cybersicherheitsstrategie?") == \
        "how many State support cybersecurity strategy?"


def test_names_numbers_and_symbols_stay_as_written_and_foreign_acronyms_become_english():
    t = qt.translate("Que dit la résolution A/RES/73/27 de l'OTAN sur Microsoft en 2018 ?")
    assert t.language == "fr"
    assert "A/RES/73/27" in t.kept and "Microsoft" in t.kept and "2018" in t.kept
    assert "NATO" in t.english.split() and "OTAN" not in t.english
    assert ("résolution", "resolution") in t.matched


def test_function_words_whose_stem_is_an_entrys_are_not_translated():
    # Dutch "over" (about) is not "overheid" (government); German "sich" is not "Sicherheit" (security);
    # French "ou" (or) is not "où" (where)
    assert "government" not in qt.english("Wat zegt het verdrag over uitlevering van verdachten?")
    assert "security" not in qt.english("Worauf konzentriert sich die OSZE im Bereich der Cyberdiplomatie?")
    assert "where" not in qt.english("La convention couvre-t-elle la fraude ou la falsification informatique ?")
    assert qt.english("Où la convention est-elle ouverte à la signature ?").startswith("where")


def test_english_questions_are_never_rendered():
    for path in ENGLISH_SETS:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            question = case["question"]
            translation = qt.translate(question)
            assert translation.english == question and not translation.translated, (path.name, question)


@pytest.mark.parametrize("question, number, count, everyday", [
    ("Quand la stratégie a-t-elle été approuvée ?", True, False, False),
    ("Combien d'États ont signé la convention ?", True, True, False),
    ("Koliko država je potpisalo konvenciju?", True, True, False),
    ("Колико држава је потписало конвенцију?", True, True, False),
    ("Wie lange dürfen die Daten gespeichert werden?", True, False, False),
    ("Quelle est la capitale de la France ?", False, False, True),
    ("Koji je glavni grad Francuske?", False, False, True),
    ("Was ist die Hauptstadt von Frankreich?", False, False, True),
    ("Wat is de hoofdstad van Frankrijk?", False, False, True),
])
def test_the_question_kind_rules_read_the_english_rendering(question, number, count, everyday):
    rendered = qt.english(question)
    assert bool(kinds.NUMBER_QUESTION.search(rendered)) is number
    assert bool(kinds.COUNT_QUESTION.search(rendered)) is count
    assert (kinds.everyday_noun(rendered) is not None) is everyday
    assert kinds.everyday_noun(question) is None  # the rule is English: the question as asked says nothing to it


def test_keyword_tokens_of_a_rendering_are_the_sources_english_tokens():
    assert set(tokenize("confidence-building measures")) <= set(tokenize(qt.english("mesures de confiance ?")))
    assert set(tokenize("mutual legal assistance extradition")) <= \
        set(tokenize(qt.english("Što konvencija kaže o uzajamnoj pravnoj pomoći i izručenju?")))


def test_the_glossary_is_package_data_and_every_line_is_well_formed():
    data = resources.files("assistant").joinpath(qt.GLOSSARY)
    assert data.is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.tsv" in pyproject["tool"]["setuptools"]["package-data"]["assistant"]
    table = qt.glossary()
    assert {len(table.phrases[code]) for code in ("fr", "bcs", "nl", "de")} and \
        min(len(table.phrases[code]) for code in ("fr", "bcs", "nl", "de")) > 150
    rows = [line.split("\t") for line in data.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert all(len(r) == 3 and r[0] in {"fr", "bcs", "nl", "de"} and r[1] and r[2] for r in rows)


def test_a_malformed_glossary_line_is_reported_with_its_number(monkeypatch, tmp_path):
    bad = tmp_path / "assistant" / "data"
    bad.mkdir(parents=True)
    (bad / "glossary.tsv").write_text("# header\nfr\tquand\twhen\nes\tcuando\twhen\n", encoding="utf-8")
    monkeypatch.setattr(qt.resources, "files", lambda package: tmp_path / "assistant")
    qt.glossary.cache_clear()
    try:
        with pytest.raises(ValueError, match="line 3"):
            qt.glossary()
    finally:
        qt.glossary.cache_clear()


# --- end to end: the default English-only model, real Chroma, the real documents ---------------------------
@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Quand l'OTAN a-t-elle reconnu le cyberespace comme domaine d'opérations ?",
    "Kada je NATO priznao sajber prostor kao operativnu domenu?",
    "Када је НАТО признао сајбер простор као оперативни домен?",
    "Wann hat die NATO den Cyberraum als operative Domäne anerkannt?",
    "Wanneer heeft de NAVO de cyberruimte erkend als operationeel domein?",
])
def test_a_question_in_each_language_is_answered_from_the_english_source(realdocs_assistant, question):
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained, answer.text
    assert answer.question == question  # the question shown is the one asked
    assert "In 2016, NATO recognised cyberspace as an operational domain" in answer.citations[0].quote
    assert answer.citations[0].source == "belgium-cyber-diplomacy.txt"


@pytest.mark.slow
def test_an_everyday_question_in_french_is_declined_in_french(realdocs_assistant):
    answer = realdocs_assistant.ask("Quelle est la capitale de la France ?")
    assert answer.abstained and answer.text.startswith("Les sources ne répondent pas")


FRENCH = "Quand l'atelier sur la cyberdiplomatie a-t-il eu lieu à Sarajevo ?"


def test_the_english_model_reads_the_rendering_and_a_multilingual_one_the_question_as_asked(fake_settings, tmp_path):
    from assistant.service import Assistant
    from test_routing import FakeMultilingual, Recording

    english_only = Recording()
    assistant = Assistant(fake_settings, embedder=english_only, create=True)
    assistant.ingest(progress=False)
    english_only.queries.clear()
    answer = assistant.ask(FRENCH)
    assert answer.question == FRENCH
    assert qt.english(FRENCH) in english_only.queries and FRENCH not in english_only.queries
    assert qt.english(FRENCH).startswith("when") and "cyber diplomacy" in qt.english(FRENCH)

    multilingual = FakeMultilingual()  # e5 as the main model reads French itself
    other = Assistant(fake_settings.replace(index=tmp_path / "ml-index", data_dir=tmp_path / "ml-data"),
                      embedder=multilingual, create=True)
    other.ingest(progress=False)
    multilingual.queries.clear()
    other.ask(FRENCH)
    assert FRENCH in multilingual.queries and qt.english(FRENCH) not in multilingual.queries


def test_keyword_search_reads_the_rendering_of_a_question_in_another_language(fake_assistant):
    keyword = fake_assistant.retriever.keyword
    french, english = keyword.search(FRENCH, 5), keyword.search(qt.english(FRENCH), 5)
    assert french and [i for i, _ in french] == [i for i, _ in english]


@pytest.mark.slow
def test_a_name_the_sources_never_mention_is_declined_and_named_as_asked(realdocs_assistant):
    answer = realdocs_assistant.ask("Qui a gagné la Coupe du monde de football en 2018 ?")
    assert answer.abstained and answer.text.startswith("Les sources ne répondent pas")
    assert "Coupe du monde" in answer.text and "World Cup" not in answer.text


# --- the general vocabulary (data/vocabulary.tsv), cognates (cognates.py) and ordinal numbers ---------------------
# Questions written for these tests, not taken from an evaluation set: the ordinary words of a question about
# obligations, reporting, penalties, consent and procedure, which the field glossary alone left as written.
@pytest.mark.parametrize("question, words", [
    ("Les États sont-ils obligés de signaler les incidents aux autorités compétentes ?",
     {"obliged", "report", "incidents", "competent", "authorities"}),
    ("Quelle amende un tribunal peut-il infliger pour la diffusion non consentie d'images intimes ?",
     {"fine", "court", "impose", "non-consensual", "dissemination", "images", "intimate"}),
    ("Moraju li pružaoci usluga čuvati podatke o pretplatnicima i koliko dugo?",
     {"providers", "preserve", "data", "subscriber", "long"}),
    ("Морају ли пружаоци услуга чувати податке о претплатницима?", {"providers", "preserve", "subscriber"}),
    ("Kunnen slachtoffers een klacht indienen bij de bevoegde autoriteiten?",
     {"victims", "complaint", "submit", "competent", "authorities"}),
    ("Dürfen Behörden die Daten ohne Zustimmung der Nutzer löschen?",
     {"authorities", "data", "without", "consent", "users", "removal"}),
])
def test_the_ordinary_words_of_questions_are_rendered(question, words):
    t = qt.translate(question)
    assert words <= set(t.english.rstrip("?").split()), t.english
    assert not [w for w in t.kept if w.isalpha() and w.islower()], t.kept  # no ordinary word left as asked


def test_the_vocabulary_is_package_data_read_after_the_glossary_which_wins():
    data = resources.files("assistant").joinpath(qt.VOCABULARY)
    rows = [line.split("\t") for line in data.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) > 1500 and all(len(r) == 3 and r[0] in {"fr", "bcs", "nl", "de"} and r[1] and r[2] for r in rows)
    assert {r[0] for r in rows} == {"fr", "bcs", "nl", "de"}
    # "reconnaître" is in both files: the glossary's English (recognised) is the one used, not the vocabulary's
    assert any(r[0] == "fr" and "reconnaître" in r[1].split("|") and r[2] == "recognize" for r in rows)
    assert "recognised" in qt.english("L'OTAN a-t-elle reconnu le cyberespace ?").split()
    assert "recognize" not in qt.english("L'OTAN a-t-elle reconnu le cyberespace ?").split()


def test_a_listed_form_wins_over_another_entry_with_the_same_stem():
    # French "amende" (a fine) and "amendement" (an amendment) share a stem; each form listed keeps its own English
    assert qt._key("amende", "fr") == qt._key("amendement", "fr")
    assert "fine" in qt.english("Quel est le montant de l'amende prévue ?").split()
    assert "amendment" in qt.english("Quel est le texte de l'amendement proposé ?").split()


@pytest.mark.parametrize("question, ordinal", [
    ("Worüber soll der Generalsekretär auf der neunundsiebzigsten Tagung berichten?", "seventy-ninth"),
    ("Qu'a décidé l'Assemblée générale à sa soixante-dix-huitième session ?", "seventy-eighth"),
    ("Šta je Generalna skupština odlučila na sedamdeset osmom zasjedanju?", "seventy-eighth"),
    ("Wat besloot de Algemene Vergadering tijdens haar tachtigste zitting?", "eightieth"),
])
def test_ordinal_numbers_are_rendered_as_the_sources_write_them(question, ordinal):
    english = qt.english(question).rstrip("?").split()
    assert ordinal in english and "session" in english, english


@pytest.mark.parametrize("question, articles", [
    ("Kako se prema članku 38. stavku 3. Konvencije može povući izjava o teritorijalnoj primjeni?", ("38(3)",)),
    ("Šta kaže član 5 stav 2 Budimpeštanske konvencije?", ("5(2)",)),
    ("Što propisuje članak 8. Konvencije?", ("8",)),
])
def test_an_article_and_its_paragraph_cited_in_bcs_case_forms_are_read(question, articles):
    """Croatian writes an article's number with the ordinal's point ("članku 38."): a label, not "38th"."""
    english = qt.english(question)
    assert "th " not in english and references.parse(english).articles == articles, english


@pytest.mark.parametrize("word, language, english", [
    ("territoire", "fr", "territory"), ("dangereux", "fr", "dangerous"), ("obligatoire", "fr", "obligatory"),
    ("humanitaire", "fr", "humanitarian"),
    ("organizaciji", "bcs", "organization"), ("komunikacija", "bcs", "communication"),
    ("nacionalnih", "bcs", "national"), ("kriminalne", "bcs", "criminal"), ("Inicijative", "bcs", "initiative"),
    ("tehnologije", "bcs", "technology"), ("teritorije", "bcs", "territory"),  # a letter off: the close English word
    ("koordinieren", "de", "coordinate"), ("Zeremonie", "de", "ceremony"), ("strategie", "nl", "strategy"),
])
def test_a_word_with_no_entry_is_read_as_its_english_cognate(word, language, english):
    from assistant import cognates

    assert cognates.cognate(word, language, qt._english_words()) == english


def test_a_cognate_must_be_an_english_word_and_false_friends_are_not_made():
    from assistant import cognates

    words = qt._english_words()
    assert cognates.cognate("territoire", "fr", cognates.English({"territory"})) == "territory"
    assert cognates.cognate("territoire", "fr", cognates.English(set())) is None  # no English word, no cognate
    assert cognates.cognate("montant", "fr", words) is None  # not "mounting": -ant is no learned ending
    assert cognates.cognate("Counter", "de", words) is None  # already English: kept as written, not "count"
    assert cognates.cognate("Kasten", "de", words, learned_only=True) is None  # a compound's part: no "cast"
    assert cognates.cognate("main", "fr", words) is None  # too short to trust ("main" is a hand)
    assert cognates.cognate("OTAN", "fr", words) is None  # acronyms are languages.english_acronyms' business


def test_a_compound_whose_second_part_is_a_cognate_is_rendered():
    assert qt.english("Wer hat die Unterzeichnungszeremonie ausgerichtet?") == "who host signature ceremony?"


@pytest.mark.slow
def test_the_dutch_half_of_the_budapest_convention_is_rendered_well_enough_to_find_each_english_article():
    """Text nobody wrote the vocabulary from: each Dutch article, rendered, finds its English article first
    (evals/parallel_articles.py); the vocabulary and the cognates must each add to the glossary alone."""
    import sys

    from conftest import REALDOCS, require_realdocs

    require_realdocs()
    sys_path = str(ROOT / "evals")
    sys.path.insert(0, sys_path)
    try:
        import parallel_articles as pa
    finally:
        sys.path.remove(sys_path)
    english, dutch = pa.articles((REALDOCS / pa.DEFAULT.name).read_text(encoding="utf-8"))
    dutch = {n: t for n, t in dutch.items() if n in english and t.strip()}
    assert len(dutch) == 48

    def rendered(body):
        t = qt.translate(body)
        return t.english, sum(1 for w in t.kept if w.isalpha()), len(qt.words(body))

    try:
        pa._configure(vocabulary=False, with_cognates=False)
        _, glossary_only, _ = pa.measure(english, dutch, rendered)
        pa._configure(vocabulary=False, with_cognates=True)
        _, with_cognates, _ = pa.measure(english, dutch, rendered)
        pa._configure(vocabulary=True, with_cognates=True)
        left, everything, mrr = pa.measure(english, dutch, rendered)
    finally:
        pa._configure(vocabulary=True, with_cognates=True)
    assert glossary_only < with_cognates < everything
    assert everything >= 0.95 and mrr >= 0.95 and left < 0.25


def test_the_particle_of_a_separable_verb_ending_a_question_is_not_read_as_a_preposition():
    german = qt.english("Welche Maßnahmen schlägt die Arbeitsgruppe vor?")
    dutch = qt.english("Roept de resolutie de staten op?")
    assert "before" not in german.split() and "propose" in german.split(), german
    assert "on" not in dutch.rstrip("?").split() and "call" in dutch.split(), dutch
    assert "before" in qt.english("Was geschah vor der Unterzeichnung des Übereinkommens?").split()  # mid-question


@pytest.mark.parametrize("question, word", [
    ("Les États-Unis ont-ils accusé des pirates chinois ?", "Chinese"),
    ("Da li su SAD optužile ruske hakere?", "Russian"),
    ("Welche Rolle spielen ausländische Stellvertreter?", "foreign"),
    ("Welke rol spelen buitenlandse tussenpersonen?", "foreign"),
])
def test_nationalities_and_foreign_actors_are_rendered(question, word):
    assert word in qt.english(question).rstrip("?").split()

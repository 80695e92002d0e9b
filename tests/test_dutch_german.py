"""Dutch and German questions as a dictionary and grammar read them (assistant/query_translation.py): compounds of
several parts with their linking elements, numbers, separable verbs, verb-final clauses, the local names of kinds of
documents and the order English gives them, and the question forms question_kinds.py reads."""
from __future__ import annotations

import pytest

from assistant import query_translation as qt
from assistant import question_kinds as kinds
from assistant import scoping
from assistant.schema import SourceMeta

WH = "The White House"
CATALOG = scoping.Catalog([
    ("A-RES-79-243.pdf", SourceMeta("United Nations Convention against Cybercrime; Strengthening International "
                                    "Cooperation for Combating Certain Crimes", publisher="United Nations General Assembly",
                                    symbol="A/RES/79/243")),
    ("CoE-ETS-185-Budapest-Convention.md", SourceMeta("Convention on Cybercrime", publisher="Council of Europe",
                                                      symbol="ETS No. 185")),
    ("Paris-Call-2018.pdf", SourceMeta("Paris Call for Trust and Security in Cyberspace", publisher="France MFA")),
    ("FR-MFA-ParisCall-site-case-study-principle-3.md", SourceMeta("Paris Call case studies: principle 3",
                                                                   publisher="France MFA")),
    ("FR-MFA-ParisCall-site-case-study-principle-4.md", SourceMeta("Paris Call case studies: principle 4",
                                                                   publisher="France MFA")),
    ("US-WH-2021-07-19-PRC-attribution-with-allies.md",
     SourceMeta("The United States, Joined by Allies and Partners, Attributes Malicious Cyber Activity and Irresponsible "
                "State Behavior to the People’s Republic of China", publisher=WH, date="2021-07-19")),
    ("US-WH-2023-03-30-joint-statement-commercial-spyware.md",
     SourceMeta("Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware", publisher=WH,
                date="2023-03-30")),
    ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md",
     SourceMeta("Joint Statement of the Ministers and Representatives from the Counter Ransomware Initiative Meeting "
                "October 2021", publisher=WH, date="2021-10-14")),
    ("belgium-cyber-diplomacy.txt",
     SourceMeta("Cyber diplomacy", publisher="Belgian FPS Foreign Affairs, Foreign Trade and Development Cooperation")),
])


def words(question: str) -> list[str]:
    return qt.english(question).rstrip("?").split()


@pytest.mark.parametrize("word, language, english", [
    ("Angriffstechniken", "de", "attacks techniques"),  # Angriff|s|techniken: the linking s
    ("Menschenrechtsverletzungen", "de", "human rights violation"),  # Menschenrecht|s|verletzungen
    ("Regierungsvertreterkonferenz", "de", "government representatives conference"),  # three parts
    ("Datenschutzbehörde", "de", "data protect competent authorities"),  # three parts, no linking element
    ("Kinderpornografiedelikte", "de", "child pornography offences"),
    ("overheidsinstanties", "nl", "government institutions"),  # overheid|s|instanties
    ("gegevensbescherming", "nl", "data protect"),
    ("cyberbeveiligingsaanbevelingen", "nl", "cyber security recommendations"),  # cyber|beveiliging|s|aanbevelingen
])
def test_a_compound_is_read_as_its_parts_with_the_linking_elements_between_them(word, language, english):
    assert qt._compound(word, language, qt.glossary()) == english


def test_the_fewest_parts_win_and_a_word_with_no_reading_is_left_alone():
    table = qt.glossary()
    # "Sicherheitsrat" is one entry: "Sicherheitsratsresolution" is two parts, not Sicherheit|s|rat|s|resolution
    assert qt._compound("Sicherheitsratsresolution", "de", table) == "Security Council resolution"
    assert qt._compound("Xylofonbauer", "de", table) is None
    assert qt._compound("kort", "nl", table) is None  # too short to be two parts


def test_cardinal_numbers_are_numbers_not_the_ordinals_their_stem_shares():
    assert "three" in words("Welche drei US-Behörden haben die Warnung veröffentlicht?")
    german = words("Welche sechs Staaten haben unterzeichnet?")
    assert "six" in german and "sixth" not in german
    assert "eleven" in words("Welke richtsnoeren willen de elf landen toepassen?")


def test_words_whose_stem_is_another_entrys_are_read_as_listed():
    assert "liable" in words("Welche juristischen Personen haften für eine Straftat?")  # not Haft, imprisonment
    assert "law" in words("Dürfen Staaten in ihrem nationalen Recht schärfere Maßnahmen vorsehen?")
    assert "White House" in qt.english("Was sagt die Erklärung des Weißen Hauses?")  # not weiß, knows
    assert "pursue" in words("Welches Ziel verfolgt die Kommission?")  # not Strafverfolgung


@pytest.mark.parametrize("question, verb", [
    ("Wann kamen die Minister der Initiative zusammen?", "met"),
    ("Welke landen namen aan de conferentie deel?", "participate"),
    ("Wann fand der Workshop in Sarajevo statt?", "held"),
    ("Welche Maßnahmen schlägt die Arbeitsgruppe vor?", "propose"),
])
def test_a_separable_verb_is_read_with_the_particle_that_ends_the_question(question, verb):
    assert verb in qt.english(question).rstrip("?").split(), qt.english(question)


def test_a_particle_that_joins_no_verb_is_kept_and_one_that_does_is_read_once():
    table = qt.glossary()
    ws = ["Wann", "quakten", "die", "Minister", "zusammen"]
    assert qt._separable(ws, "de", table) == (ws, {})  # no entry joins "quakten" and "zusammen": nothing moves
    assert qt._separable(["Wann", "kamen", "die", "Minister", "zusammen"], "de", table) == \
        (["Wann", "kamen", "die", "Minister"], {1: ("zusammen", "met")})
    assert "before" in words("Was geschah vor der Unterzeichnung des Übereinkommens?")  # a preposition mid-question


@pytest.mark.parametrize("question, english", [
    ("Wer hat die Erklärung unterzeichnet?", "who signed declaration?"),
    ("Wie heeft de verklaring ondertekend?", "who signed declaration?"),
    ("Wie viele Staaten haben das Budapester Übereinkommen ratifiziert?", "how many State have ratified Budapest Convention?"),
    ("Hoeveel landen hebben het verdrag geratificeerd?", "how many countries have ratified convention?"),
    # a singular auxiliary: the things counted are the object ("how many hackers has the Department charged")
    ("Wie viele Hacker hat das Justizministerium angeklagt?", "how many hackers Department of Justice charged?"),
])
def test_a_final_participle_comes_after_who_and_after_how_many_things_have(question, english):
    assert qt.english(question) == english


@pytest.mark.parametrize("question, named", [
    ("Was sagen die Fallstudien zum Pariser Appell über Wahlen?", "the Paris Call case studies"),
    ("Wat zeggen de casestudies van de Oproep van Parijs over verkiezingen?", "the Paris Call case studies"),
    ("Que disent les études de cas de l'Appel de Paris sur les élections ?", "the Paris Call case studies"),
    ("Wat zegt de verklaring van het Witte Huis van juli 2021 over China?", "the White House statement of July 2021"),
    ("Was regelt das Zweite Zusatzprotokoll zum Budapester Übereinkommen?",
     "Second Additional Protocol to the Budapest Convention"),
    ("Wat regelt het Tweede Aanvullend Protocol bij het Verdrag van Boedapest?",
     "Second Additional Protocol to the Budapest Convention"),
])
def test_a_document_named_by_its_kind_and_what_it_belongs_to_is_named_in_english_order(question, named):
    assert named in qt.english(question)


def test_a_month_after_a_kind_is_a_date_not_a_name():
    assert "the March statement" not in qt.english("Welke regeringen steunen de verklaring van maart 2023?")


@pytest.mark.parametrize("question, rule", [
    ("Aus welchen Gründen kann die Rechtshilfe verweigert werden?", kinds.asks_for_list),
    ("Om welke redenen kan rechtshulp worden geweigerd?", kinds.asks_for_list),
    ("In welchen Fällen darf eine Vertragspartei die Auslieferung ablehnen?", kinds.asks_for_list),
    ("In welke gevallen mag een partij uitlevering weigeren?", kinds.asks_for_list),
    ("Wie alt muss eine Person sein?", kinds.measures),
    ("Hoe oud moet iemand zijn?", kinds.measures),
    ("Wie oft tritt die Arbeitsgruppe zusammen?", kinds.HOW_OFTEN.search),
    ("Hoe vaak komt de werkgroep bijeen?", kinds.HOW_OFTEN.search),
    ("Was ist der vollständige Titel der Resolution 73/27?", kinds.TITLE_QUESTION.search),
    ("Wat is de volledige titel van resolutie 73/27?", kinds.TITLE_QUESTION.search),
    ("Wer hat die Erklärung unterzeichnet?", kinds.role_of),
    ("Wie heeft de workshop voorgezeten?", kinds.role_of),
    ("Welche Regierungen unterstützen die Erklärung?", kinds.COUNTRY_QUESTION.search),
    ("Welke regeringen steunen de verklaring?", kinds.COUNTRY_QUESTION.search),
    ("Wie viele Staaten haben das Übereinkommen bisher ratifiziert?", kinds.STATUS_COUNT.search),
    ("Hoeveel staten hebben het verdrag inmiddels geratificeerd?", kinds.STATUS_COUNT.search),
    # the participle of the act a date line records: "published", not "publish"
    ("Op welke datum werd de Oproep van Parijs gepubliceerd?", kinds.DOCUMENT_DATE_QUESTION.search),
    ("An welchem Datum wurde der Pariser Appell veröffentlicht?", kinds.DOCUMENT_DATE_QUESTION.search),
    ("Wanneer werd het verdrag gesloten?", kinds.DOCUMENT_DATE_QUESTION.search),
    ("Welches sind die neun Grundsätze des Pariser Appells?", kinds.asks_for_list),
])
def test_the_question_kind_rules_read_dutch_and_german_question_forms(question, rule):
    assert rule(qt.english(question)), qt.english(question)


def test_definition_question_forms_are_read_as_asking_for_a_definition():
    from assistant.scoping import DEFINITION_QUESTION

    for question in ("Wer gilt nach dem Budapester Übereinkommen als Diensteanbieter?",
                     "Was bedeutet 'personenbezogene Daten' im Übereinkommen?",
                     "Wat wordt verstaan onder verkeersgegevens?", "Wat betekent 'persoonsgegevens' in het verdrag?"):
        assert DEFINITION_QUESTION.search(qt.english(question)), qt.english(question)


def test_a_question_about_countries_is_not_made_of_waartoe():
    assert not kinds.COUNTRY_QUESTION.search(
        qt.english("Waartoe hebben de regeringen zich in de gezamenlijke verklaring verplicht?"))


@pytest.mark.parametrize("question, source", [
    ("Was sagt das Übereinkommen der Vereinten Nationen gegen Cyberkriminalität über Auslieferung?", "A-RES-79-243.pdf"),
    ("Wat zegt het Verdrag van de Verenigde Naties tegen cybercriminaliteit over uitlevering?", "A-RES-79-243.pdf"),
    ("Was sagt das Übereinkommen des Europarats über Computerkriminalität über Auslieferung?",
     "CoE-ETS-185-Budapest-Convention.md"),
    ("Was sagt die gemeinsame Erklärung zu kommerzieller Spähsoftware über Exportkontrollen?",
     "US-WH-2023-03-30-joint-statement-commercial-spyware.md"),
    ("Wat zegt de gezamenlijke verklaring over commerciële spyware over exportcontrole?",
     "US-WH-2023-03-30-joint-statement-commercial-spyware.md"),
    ("Was sagt die Erklärung der Counter Ransomware Initiative über virtuelle Währungen?",
     "US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md"),
    ("Was sagt die Erklärung des Weißen Hauses vom Juli 2021 über China?", "US-WH-2021-07-19-PRC-attribution-with-allies.md"),
    ("Wat zegt de Belgische pagina over de OVSE?", "belgium-cyber-diplomacy.txt"),
])
def test_a_document_named_in_dutch_or_german_is_the_one_its_english_name_resolves_to(question, source):
    assert qt.resolve_scope(question, CATALOG, scoping.resolve).sources == (source,), qt.english(question)


def test_the_case_studies_of_a_document_are_not_the_document():
    scope = qt.resolve_scope("Welches Ziel verfolgt die Kommission laut den Fallstudien zum Pariser Appell?", CATALOG,
                             scoping.resolve)
    assert "Paris-Call-2018.pdf" not in scope.sources and scope.sources


def test_a_protocol_to_a_convention_the_index_lacks_is_missing_in_dutch_and_german():
    for question in ("Wat regelt het Tweede Aanvullend Protocol bij het Verdrag van Boedapest over samenwerking?",
                     "Was regelt das Zweite Zusatzprotokoll zum Budapester Übereinkommen über die Zusammenarbeit?"):
        scope = qt.resolve_scope(question, CATALOG, scoping.resolve)
        assert scope.missing and not scope.sources, (qt.english(question), scope)


def test_a_verb_rendered_last_is_not_read_as_a_meeting():
    # "voldoen aan" is to satisfy: a final "meet?" would bring the thesaurus's "gathered, convened" into the search
    english = qt.english("Aan welke voorwaarden moeten de procedurele bevoegdheden voldoen?")
    assert "satisfy" in english and "meet" not in english.split()

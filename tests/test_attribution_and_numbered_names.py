"""Questions that say where their answer is to be found ("according to the ministers of ... in 2021", "the White
House statement of July 2021 on China"), numbered names the sources write with other numbers ("Security Directive
2"), and questions that ask for people or countries the sources do not name. Each rule is checked on the case it
declines or narrows and on a near miss that it must leave alone."""
from __future__ import annotations

import pytest

from assistant import answer_types as at
from assistant import numbered_names, paraphrases, scoping
from assistant import question_kinds as kinds
from assistant.schema import Chunk, SourceMeta

WH = "The White House"
DOCS = [
    ("US-WH-2021-07-19-PRC-attribution-with-allies.md",
     SourceMeta("The United States, Joined by Allies and Partners, Attributes Malicious Cyber Activity and Irresponsible "
                "State Behavior to the People’s Republic of China", publisher=WH, date="2021-07-19")),
    ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md",
     SourceMeta("Joint Statement of the Ministers and Representatives from the Counter Ransomware Initiative Meeting "
                "October 2021", publisher=WH, date="2021-10-14")),
    ("US-WH-2023-03-30-joint-statement-commercial-spyware.md",
     SourceMeta("Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware", publisher=WH,
                date="2023-03-30")),
    ("belgium-cyber-diplomacy.txt",
     SourceMeta("Cyber diplomacy", publisher="Belgian FPS Foreign Affairs, Foreign Trade and Development Cooperation")),
    ("sarajevo-workshop.txt", SourceMeta("Sarajevo workshop highlights EU support", publisher="KnowCyber",
                                         date="workshop held 17 March 2025")),
]
TEXTS = {
    DOCS[0][0]: "The Transportation Security Administration (TSA) issued Security Directive 1 to require critical "
                "pipeline owners and operators to adhere to cybersecurity standards.\n- In days to come, TSA will issue "
                "Security Directive 2 to further support the pipeline industry.",
    DOCS[1][0]: "Virtual assets are the primary instrument criminals use for ransomware payments.",
    DOCS[2][0]: "We, the governments of Australia, Canada and France, recognize the threat.",
    DOCS[3][0]: "Worldwide, substantial differences can be seen in analyses and opinions.",
    DOCS[4][0]: "A workshop took place in Sarajevo. Phase 2 of the project starts in 2026.",
}


@pytest.fixture(scope="module")
def catalog():
    meta = dict(DOCS)
    chunks = [Chunk(f"c{i}", s, "h", 0, t, 0, len(t), None, None, meta[s]) for i, (s, t) in enumerate(TEXTS.items())]
    return scoping.Catalog(DOCS, chunks)


# --- documents described by date and by their ministry ---------------------------------------------------------

def test_a_statement_described_by_its_date_and_subject_is_found(catalog):
    q = ("Do pipeline companies have to keep someone on call day and night, according to the White House statement of "
         "July 2021 on China?")
    scope = scoping.resolve(q, catalog)
    assert scope.sources == (DOCS[0][0],)
    assert scope.named == ("the White House statement of July 2021 on China",)
    # Three White House statements fit "the White House statement"; a date none of them has names none.
    assert scoping.resolve("What does the White House statement say?", catalog).sources == ()
    assert scoping.resolve("What does the White House statement of May 2022 say?", catalog).sources == ()


def test_a_foreign_ministry_is_its_ministry_of_foreign_affairs(catalog):
    q = "What does the Belgian foreign ministry's page on cyber diplomacy say countries disagree about?"
    assert scoping.resolve(q, catalog).sources == ("belgium-cyber-diplomacy.txt",)
    # The Sarajevo page is published by no ministry.
    assert scoping.resolve("What does the Bosnian foreign ministry's page say?", catalog).sources == ()


# --- a clause that attributes the question to the document it names ----------------------------------------------

def test_an_attribution_clause_is_no_part_of_what_is_searched_for(catalog):
    q = ("How do the crooks behind ransomware get paid, according to the ministers of the Counter Ransomware "
         "Initiative in 2021?")
    scope = scoping.resolve(q, catalog)
    assert scope.sources == (DOCS[1][0],)
    topic = scoping.topic(q, scope)
    assert "ministers" not in topic and "2021" not in topic and "crooks behind ransomware get paid" in topic
    # A clause that goes on after the name is the question's own words: only the name goes.
    q = "According to the Counter Ransomware Initiative statement, which ministers met in October?"
    topic = scoping.topic(q, scoping.resolve(q, catalog))
    assert "which ministers met in October" in topic


def test_an_attribution_clause_in_another_language_goes_when_it_opens_the_question(catalog):
    q = ("D'après la déclaration des ministres de l'Initiative contre les rançongiciels d'octobre 2021, quel risque "
         "crée l'application inégale des normes du GAFI ?")
    scope = scoping.Scope(sources=(DOCS[1][0],), named=("Counter Ransomware Initiative",))
    topic = scoping.topic(q, scope)
    assert "ministres" not in topic and topic.startswith(", quel risque")
    # Not when it names another document or none.
    other = scoping.Scope(sources=(DOCS[3][0],), named=("Belgian page",))
    assert scoping.topic(q, other) == q


# --- numbered names ----------------------------------------------------------------------------------------------

def test_a_numbered_name_the_sources_write_with_other_numbers_only_is_missing(catalog):
    assert numbered_names.unwritten("What does TSA Security Directive 3 require?", catalog) == ["Security Directive 3"]
    assert numbered_names.unwritten("What does TSA Security Directive 1 require?", catalog) == []
    # Parts of a document, single words and names the sources never number are not checked here.
    assert numbered_names.unwritten("What does Article 3 of the Convention say?", catalog) == []
    assert numbered_names.unwritten("When does Phase 3 start?", catalog) == []
    assert numbered_names.unwritten("What does Executive Order 14028 require?", catalog) == []


def test_a_numbered_name_the_sources_only_announce_is_declined_unless_the_plan_is_asked(catalog):
    assert numbered_names.only_planned("What exactly does Security Directive 2 require?", catalog) == [
        "Security Directive 2"]
    assert numbered_names.only_planned("What does Security Directive 1 require?", catalog) == []
    assert at.asks_about_a_plan("When will TSA issue Security Directive 2?")
    assert not at.asks_about_a_plan("What exactly does Security Directive 2 require?")


# --- people and countries asked for -------------------------------------------------------------------------------

@pytest.mark.parametrize("question, asked", [
    ("Which US officials raised the hack with senior Chinese officials?", "US officials"),
    ("Who was the US National Cyber Director in October 2021?", "US National Cyber Director"),
])
def test_a_question_for_officials_asks_for_people(question, asked):
    wanted = at.expected(question)
    assert wanted is not None and wanted.kind == "person" and wanted.asked == asked
    names = at.Names(common=frozenset({"we", "the"}))
    assert not wanted.test("We have raised our concerns with senior PRC Government officials.", question, names)


@pytest.mark.parametrize("question, country_asked", [
    ("Apart from Bosnia and Herzegovina, which Western Balkan countries take part in the project?", True),
    ("Which State was the first to ratify the Convention?", True),
    ("Which other countries signed the statement?", True),
    ("Which State has jurisdiction over an offence committed on board a ship?", False),
    ("What should United Nations negotiations focus on?", False),
    ("What do the governments behind the statement commit to?", False),
    # a demonym as chat writes it, in lower case (seventh session)
    ("which african countries were at the meeting?", True),
    ("what european nations signed it", True),
    ("Which public nations ...", False),
])
def test_which_questions_ask_for_a_country(question, country_asked):
    assert bool(kinds.COUNTRY_QUESTION.search(question)) is country_asked


def test_a_country_the_question_already_names_does_not_answer_it():
    q = "Apart from Bosnia and Herzegovina, which Western Balkan countries take part in the project?"
    (test,) = [t for t in kinds.what_an_answer_must_name(q)]
    assert not test("Bosnia and Herzegovina is encouraged to establish a cyber diplomacy unit.")
    assert test("Montenegro and Serbia take part too.")


# --- everyday words for legal terms ------------------------------------------------------------------------------

class _Vocabulary:
    def __init__(self, words):
        from assistant.retrieval import tokenize

        self.vocabulary = {t for w in words for t in tokenize(w)}


@pytest.mark.parametrize("question, term", [
    ("Can a court consider that the accused was already found guilty abroad?", "previous conviction"),
    ("If a suspect runs away to avoid trial, do prosecutors get more time to prosecute?", "statute of limitations"),
    ("Could the group split into smaller groups?", "subgroups"),
    ("What do countries disagree about?", "differences"),
])
def test_everyday_words_bring_the_legal_term(question, term):
    index = _Vocabulary(["previous conviction", "statute of limitations", "subgroups", "differences", "evaded"])
    assert f"{term}" in paraphrases.expand(question, index)
    # Only terms the index holds are added.
    assert paraphrases.expand(question, _Vocabulary(["unrelated"])) == question


# --- words that describe the one document named ------------------------------------------------------------------

def test_words_that_describe_the_document_leave_the_searched_words(catalog):
    q = "Which basic measures against ransomware do the ministers of the Counter Ransomware Initiative list in their joint statement of October 2021?"
    scope = scoping.resolve(q, catalog)
    assert scope.sources == (DOCS[1][0],) and {"ministers", "joint", "statement", "october", "2021"} <= scope.describing
    topic = scoping.topic(q, scope)
    assert "basic measures against ransomware" in topic
    assert not any(w in topic.casefold() for w in ("ministers", "joint", "statement", "october", "2021"))
    # With the name and the describing words out, one word is left: they stay.
    q = "What did the Counter Ransomware Initiative ministers agree in 2021?"
    assert "ministers" in scoping.topic(q, scoping.resolve(q, catalog))
    # "May" is a month and a modal verb: never taken out.
    assert "may" not in scoping.Catalog(
        [("x.md", SourceMeta("Joint statement", date="2021-05-03"))], []).describing_words("x.md")


# --- dates of a country's own act ---------------------------------------------------------------------------------

def test_the_date_of_a_countrys_signature_needs_that_country():
    q = "On what date did the Netherlands sign the UN convention against cybercrime?"
    tests = kinds.what_an_answer_must_name(q)
    assert tests and not any(t("Resolution adopted by the General Assembly on 24 December 2024") for t in tests[-1:])
    assert tests[-1]("The Netherlands signed the Convention on 25 October 2025.")
    assert kinds.what_an_answer_must_name("When was the Paris Call signed?") == []


# --- what happened in a year the sources only plan ------------------------------------------------------------------

def test_a_passage_that_only_plans_a_year_reports_nothing_that_happened_then():
    meta = SourceMeta("Programme of action", date="2023-12-04")
    plans = Chunk("c", "r.pdf", "h", 0, "Decides to establish a mechanism no later than 2026.", 0, 52, None, None, meta)
    assert at.asks_what_happened("What did the mechanism agree at its first meeting in 2026?")
    assert not at.asks_what_happened("What will the mechanism discuss in 2026?")
    assert not at.reports_a_year(plans, {"2026"})
    assert at.reports_a_year(plans, {"2023"})  # the document's own year
    held = Chunk("c", "r.pdf", "h", 0, "In 2026 the mechanism met in New York.", 0, 38, None, None, meta)
    assert at.reports_a_year(held, {"2026"})


def test_meeting_words_bring_gathered():
    index = _Vocabulary(["gathered", "convened"])
    assert "(gathered, convened)" in paraphrases.expand("When did the ministers meet?", index)
    assert paraphrases.expand("Were the requirements met by the operators?", index) == \
        "Were the requirements met by the operators?"


@pytest.mark.parametrize("question", [
    "Where did the Paris Call supporters agree to meet again in 2019?",
    "On whose proposal did the General Assembly decide in August 2023 to hold the sixth session in December 2023?",
])
def test_what_was_agreed_to_do_is_a_plan_whose_year_may_be_ahead(question):
    assert not at.asks_what_happened(question)


def test_an_attribution_clause_that_names_more_than_the_document_stays():
    # Resolved to the Paris Call, the clause still names the Linux Foundation, which the question asks about.
    q = ("D'après l'étude de cas de l'Appel de Paris consacrée à la Linux Foundation, le modèle du logiciel libre "
         "oblige-t-il les auteurs à renoncer à leur paternité intellectuelle ?")
    scope = scoping.Scope(sources=("Paris-Call-2018.pdf",), named=("Paris Call",), describing=frozenset({"2018"}))
    assert "Linux Foundation" in scoping.topic(q, scope)


@pytest.mark.parametrize("sentence, person", [
    ("Microsoft, the Alliance for Securing Democracy and the Government of Canada are working together.", False),
    ("Countering Illicit Finance is a priority.", False),
    ("Katherine Prizeman from the UN Office for Disarmament Affairs outlined the work.", True),
])
def test_a_bodys_name_after_for_and_a_gerund_are_no_persons(sentence, person):
    assert at.names_person(sentence, "Which officials spoke?", at.Names(common=frozenset({"the"}))) is person

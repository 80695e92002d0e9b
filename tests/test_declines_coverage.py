"""On-topic questions the sources do not answer (session 9): names no one document writes together
(name_coverage.py), a State's position (positions.py), a body's members and a judicial outcome (answer_types.py),
the outcome of a numbered session of a body written in lower case. Each rule is checked on a decline and on a
near miss that must still be answered."""
import pytest

from assistant import answer_types as at
from assistant import name_coverage as nc
from assistant import positions
from assistant.retrieval import fold, tokenize


# --- names a document must write -------------------------------------------------------------------------------

def _words(texts: dict[str, str]) -> nc.DocumentWords:
    return nc.DocumentWords(lambda source: texts[source], fold)


DOCS = {
    "workshop.txt": "Workshop in Sarajevo. Katherine Prizeman from the UN Office for Disarmament Affairs (UNODA) "
                    "outlined the work of the Open-Ended Working Group (OEWG).",
    "belgium.txt": "Belgian FPS Foreign Affairs\nIn 2016, NATO recognised cyberspace as an operational domain.",
    "cri.md": "Joint Statement of the Counter Ransomware Initiative Meeting. Having gathered virtually on October 13 "
              "and 14 ... the United States.",
    "dec.txt": "the General Assembly decided to hold the sixth session of the open-ended working group in December 2023. At its 96th "
               "plenary meeting ...",
}


def test_the_names_of_a_question_are_its_acronyms_and_inner_capitalised_words():
    names = nc.asked_names("Who presented NATO's cyber defence work at the Sarajevo workshop?", (), fold)
    assert names.folded == ("nato", "sarajevo") and names.as_asked == ("NATO", "Sarajevo") and not names.events


def test_the_names_of_the_documents_a_question_is_restricted_to_are_left_out():
    names = nc.asked_names("What does the Paris Call say about the Budapest Convention?", ("the Paris Call",), fold)
    assert names.folded == ("budapest", "convention")


def test_question_words_months_and_numbers_are_no_names():
    assert not nc.asked_names("When did the States meet in July 2021 and What did they adopt?", (), fold)


def test_a_document_that_never_writes_a_name_cannot_answer_about_it():
    words = _words(DOCS)
    names = nc.asked_names("Who presented NATO's cyber defence work at the Sarajevo workshop?", (), fold)
    assert words.unwritten("workshop.txt", names) == ["NATO"]
    assert words.unwritten("belgium.txt", names) == ["Sarajevo"]


def test_a_near_form_a_long_form_or_a_spelled_out_acronym_is_written():
    words = _words(DOCS)
    for question in ("What did the Belgium page say about NATO?",  # Belgian (publisher) ~ Belgium
                     "Who from UNODA presented the OEWG at the workshop in Sarajevo?",
                     "Did the US join the Counter Ransomware Initiative?"):  # US: the United States
        source = "belgium.txt" if "Belgium" in question else ("cri.md" if "US" in question else "workshop.txt")
        assert words.unwritten(source, nc.asked_names(question, (), fold)) == [], question
    names = nc.asked_names("What does the GGE say?", (), fold)
    expand = {"GGE": "Group of Governmental Experts"}.get
    assert words.unwritten("workshop.txt", names, expand) == ["GGE"]
    assert _words({"r.txt": "the Group of Governmental Experts on ..."}).unwritten("r.txt", names, expand) == []


def test_a_numbered_event_must_be_numbered_in_the_document():
    words = _words(DOCS)
    second = nc.asked_names("When and where did the Counter Ransomware Initiative hold its second meeting?", (), fold)
    assert second.events and words.unwritten("cri.md", second) == ["second meeting"]
    sixth = nc.asked_names("What did the open-ended working group agree at its sixth session?", (), fold)
    assert words.unwritten("dec.txt", sixth) == []
    plenary = nc.asked_names("What did the General Assembly decide at its 96th plenary meeting?", (), fold)
    assert words.unwritten("dec.txt", plenary) == []


def test_a_decline_names_only_what_the_documents_found_do_not_write():
    words = _words(DOCS | {"m.txt": "The UN mechanism on ICT security met in New York in 2026."})
    question = "What did the UN mechanism on ICT security decide at its first meeting in Sarajevo?"
    names = nc.asked_names(question, (), fold)
    assert words.unwritten("workshop.txt", names) == ["ICT", "first meeting"]
    assert words.unwritten("m.txt", names) == ["Sarajevo", "first meeting"]
    lacking = [n for source in ("workshop.txt", "m.txt") for n in words.unwritten(source, names)]
    assert names.shown_of(lacking) == ("ICT", "Sarajevo", "first meeting")  # both write "UN"
    runs = nc.asked_names("When did the Counter Ransomware Initiative meet in Sarajevo?", (), fold)
    assert runs.shown_of(words.unwritten("cri.md", runs)) == ("Sarajevo",)
    assert runs.shown_of(words.unwritten("workshop.txt", runs)) == ("Counter Ransomware Initiative",)


# --- a State's position ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, state", [
    ("What position did China take on the proposal for a programme of action?", "China"),
    ("What is Belgium's position on a new international treaty?", "Belgium"),
    ("What is Bosnia and Herzegovina's position on the UN Convention against Cybercrime?", "Bosnia and Herzegovina"),
    ("How does Belgium view the OSCE's confidence-building measures?", "Belgium"),
    ("What is the position of France on hack-backs?", "France"),
])
def test_a_question_about_a_states_position_is_recognised(question, state):
    asked = positions.asked(question, tokenize)
    assert asked is not None and asked.state == state


@pytest.mark.parametrize("question", [
    "What is the EU's position on sanctions?",  # not a country
    "What position does the programme of action take on capacity-building?",
    "What does resolution 77/37 say about the programme of action?",
])
def test_other_questions_ask_no_states_position(question):
    assert positions.asked(question, tokenize) is None


def test_a_position_is_recorded_by_a_sentence_about_the_state_and_the_subject():
    treaty = positions.asked("What is Belgium's position on a new international treaty on responsible State "
                             "behaviour in cyberspace?", tokenize)
    said = ("Whereas several countries believe that a new international treaty is necessary for this purpose, our "
            "country, together with the EU member states and other entities, believes that we should focus first and "
            "foremost on implementing already agreed standards and rules of behaviour.")
    assert treaty.recorded_by(said, set(tokenize(said)), "Cyber diplomacy Belgian FPS Foreign Affairs")
    # the same words in another State's publication are not Belgium's
    assert not treaty.recorded_by(said, set(tokenize(said)), "Joint statement US White House")
    poa = positions.asked("What position did China take on the proposal for a programme of action?", tokenize)
    about_china = "The PRC’s pattern of irresponsible behavior in cyberspace is inconsistent with its stated objective."
    about_poa = "Welcomes the proposal to establish a United Nations programme of action to advance responsible ..."
    assert not poa.recorded_by(about_china, set(tokenize(about_china)), "US White House")
    assert not poa.recorded_by(about_poa, set(tokenize(about_poa)), "UN General Assembly")


# --- members of a body; judicial outcomes -----------------------------------------------------------------------

def test_members_are_named_in_a_sentence_that_says_they_are_members():
    question = "Who are the members of the Transatlantic Commission on Election Integrity?"
    wanted = at.expected(question)
    assert wanted is not None and wanted.kind == "members"
    assert not wanted.test("The TCEI brings together committed and eminent persons from different backgrounds.",
                           question, at.Names())
    assert not wanted.test("The TCEI is an initiative of the Alliance of Democracies Foundation founded by Anders Fogh "
                           "Rasmussen in 2017.", question, at.Names())  # its founder, not its members
    assert wanted.test("Its members include Canada, Mexico and Kenya.", question, at.Names())


def test_a_judicial_outcome_is_not_given_by_a_sentence_about_charges():
    question = "Were the four MSS hackers charged by the US Department of Justice convicted?"
    wanted = at.expected(question)
    assert wanted is not None and wanted.kind == "verdict" and wanted.asked == "convicted"
    assert not wanted.test("The US Department of Justice is announcing criminal charges against four MSS hackers.",
                           question, at.Names())
    assert wanted.test("Two of them were convicted in 2023.", question, at.Names())
    assert at.expected("What did the US Department of Justice announce against MSS hackers?") is None


def test_the_outcome_of_a_numbered_session_of_a_body_in_lower_case_is_an_event():
    event = at.event_asked("What did the open-ended working group agree at its sixth session in December 2023?")
    assert event is not None and set(event.names) == {"sixth session", "open-ended working group"}
    sentence = "decided to hold the sixth session of the open-ended working group in December 2023."
    assert at.mentions(sentence, event) and not at.reports(sentence, event)
    assert at.event_asked("When was the sixth session of the open-ended working group to be held?") is None


# --- counts of the thing asked; gatherings by name ---------------------------------------------------------------

def test_a_count_must_be_of_the_counted_noun():
    from assistant import question_kinds as kinds

    question = "How many cyber incidents were reported to CISA under Security Directive 1?"
    assert kinds.counted_noun(question) == "incidents"
    assert not kinds.counts("those owners and operators are required to report confirmed and potential cybersecurity "
                            "incidents to CISA ..., to be available 24 hours a day, seven days a week.", "incidents")
    assert kinds.counts("we have already seen over 145 of 255 priority electricity entities", "entities")
    assert kinds.counts("to compromise tens of thousands of computers and networks worldwide", "computers")
    assert kinds.counts("five States, including at least three member States", "countries")  # a State is a country


def test_the_outcome_of_a_gathering_named_with_its_place_is_an_event():
    event = at.event_asked("What did the Internet Governance Forum in Berlin conclude about the Paris Call?")
    assert event is not None and event.names == ("Internet Governance Forum", "Berlin")
    plan = "we agree on reconvening at the Paris Peace Forum in 2019 and at the Internet Governance Forum in Berlin in 2019."
    assert at.mentions(plan, event) and not at.reports(plan, event)
    assert at.event_asked("Where did the Paris Call supporters agree to reconvene in 2019?") is None


# --- what a document is asked to say something about -------------------------------------------------------------

def test_the_topic_is_what_a_document_is_asked_about_up_to_where_it_said_it():
    assert nc.asked_topic("What did the EEAS say about attribution at the Sarajevo workshop?", tokenize) == \
        tuple(tokenize("attribution"))
    assert nc.topic_as_asked("What did the EEAS say about attribution at the Sarajevo workshop?") == "attribution"
    assert nc.asked_topic("what did resolution 78/16 say about them?", tokenize) == ()  # a pronoun names no topic
    assert nc.asked_topic("When was the Paris Call issued?", tokenize) == ()


def test_a_document_writes_a_topic_or_a_near_spelling_of_it():
    words = _words({"w.txt": "Yoeri van Haaften presented the EU’s Cyber Diplomacy Strategy ... sanctions."})
    assert not words.writes_any("w.txt", nc.asked_topic("What did the EEAS say about attribution?", tokenize), tokenize)
    assert words.writes_any("w.txt", nc.asked_topic("What did he say about diplomcy?", tokenize), tokenize)

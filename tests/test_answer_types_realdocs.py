"""The answer-type and event checks (answer_types.py) end to end on the real documents: the real model, real Chroma,
the same corpus as the real-document evaluation (conftest.realdocs_index). Each decline names what is missing, in
the question's language; each near miss is still answered with the sentence that names what was asked."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question, says", [
    # the PRC statement speaks of contract hackers and names no company
    ("Which Chinese companies employed the contract hackers described in the July 2021 White House statement on "
     "the PRC?", "They name none of the “Chinese companies” asked about."),
    # the ransomware statement lists its signatory countries and names no gang
    ("Which ransomware gangs does the October 2021 Counter Ransomware Initiative statement name as the biggest "
     "threats?", "They name none of the “ransomware gangs” asked about."),
    # the Convention plans the Conference of the States Parties; no session has met in the texts
    ("What did the first session of the Conference of the States Parties to the UN Convention against Cybercrime "
     "decide?", "only as planned, not what took place there"),
    # the Paris Call agrees to reconvene in Berlin; nothing reports that meeting
    ("What was agreed when the Paris Call supporters met again at the Internet Governance Forum in Berlin in 2019?",
     "only as planned"),
    # the Budapest Convention deposits instruments with the Secretary General and names no one
    ("Who was the Secretary General of the Council of Europe when the Budapest Convention was opened for signature?",
     "They name no person as “Secretary General”."),
])
def test_on_topic_questions_the_documents_do_not_answer_are_declined_naming_what_is_missing(realdocs_assistant,
                                                                                              question, says):
    answer = realdocs_assistant.ask(question)
    assert answer.abstained and not answer.citations
    assert says in answer.text


@pytest.mark.parametrize("question, says", [
    ("Quel est le montant de l'amende prévu par la Convention de Budapest pour l'accès illégal à un système "
     "informatique ?", "Elles n'indiquent aucune somme d'argent"),
    ("Ко је био генерални секретар Савета Европе када је Будимпештанска конвенција отворена за потписивање?",
     "U njima se niko ne navodi kao “generalni sekretar”"),
])
def test_the_decline_names_what_is_missing_in_the_questions_language(realdocs_assistant, question, says):
    answer = realdocs_assistant.ask(question)
    assert answer.abstained and says in answer.text


@pytest.mark.parametrize("question, named", [
    ("Who was the President of the United States when the July 2021 statement on the PRC was issued?", ("Biden",)),
    ("What is the name of the EU project that the Sarajevo workshop was part of?", ("Cyber Balkans",)),
    ("Which company helps keep the Domain Name System trustworthy and available?", ("Nameshield",)),
    ("Which organisations sent experts to lead the workshop sessions?", ("OSCE",)),
    ("What did participants discuss at the workshop in Sarajevo?", ("workshop",)),  # an event that took place
    ("Which countries joined the October 2021 Counter Ransomware Initiative statement?", ("Australia",)),
])
def test_near_misses_naming_what_was_asked_are_still_answered(realdocs_assistant, question, named):
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained
    assert any(n in c.quote for c in answer.citations for n in named), answer.text

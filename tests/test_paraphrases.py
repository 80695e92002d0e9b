"""Everyday words for terms of art (paraphrases.py): added to the query only when the index holds the term."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant import paraphrases
from assistant.retrieval import tokenize


@dataclass
class Vocab:
    vocabulary: set


INDEX = Vocab(set(tokenize(
    "denunciation denounce attribution international humanitarian law armed conflict affordable developing States "
    "developing countries victims fiscal joint investigations territory of another State law enforcement "
    "vulnerabilities")))


@pytest.mark.parametrize("question,added", [
    ("How does a State withdraw from the Convention?", "(denounce, denunciation)"),
    ("Does the Paris Call say the laws of war apply online?", "(international humanitarian law)"),
    ("Do the rules of war apply in cyberspace?", "(international humanitarian law)"),
    ("Can I help people hurt by cyberattacks during a war?", "(victims)"),
    ("Does it help people hurt by attacks during a war?", "(armed conflict)"),
    ("Do poorer countries need cheap internet?", "(developing States, developing countries)"),
    ("Do poorer countries need cheap internet?", "(affordable)"),
    ("Can a State refuse help because a case involves tax matters?", "(fiscal)"),
    ("Can police from two countries team up on one case?", "(joint investigations)"),
    ("May foreign police act on its soil?", "(territory of another State)"),
    ("Should governments report security holes?", "(vulnerabilities"),
])
def test_the_term_of_art_joins_the_everyday_words(question, added):
    expanded = paraphrases.expand(question, INDEX)
    assert added in expanded
    assert expanded.startswith(question[:10])


def test_the_laws_of_war_are_not_an_armed_conflict_and_absent_terms_are_not_added():
    assert "armed conflict" not in paraphrases.expand("Do the laws of war apply?", INDEX)
    # The index does not hold "accession": nothing is added for "join the treaty".
    assert paraphrases.expand("How does a State join the treaty?", INDEX) == "How does a State join the treaty?"
    # A term the question already uses is not added again.
    q = "Are developing States helped by affordable connectivity for poorer countries?"
    assert "(affordable)" not in paraphrases.expand(q, INDEX)


@pytest.mark.parametrize("question,quoted", [
    ("Does the 2023 UN resolution on the programme of action say poorer countries need cheap and reliable "
     "internet access?", "affordable connectivity solutions"),
    ("Does the Paris Call back helping the people hurt by cyberattacks, even when a war is going on?",
     "support to victims of malicious use of ICTs"),
])
def test_everyday_questions_are_answered_with_the_documents_terms(realdocs_assistant, question, quoted):
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained
    assert any(quoted in c.quote for c in answer.citations), answer.text


@pytest.mark.parametrize("question,added", [
    ("Is helping someone else commit a cybercrime an offence?", "(aiding or abetting, accomplice)"),
    ("Are countries building cyber capabilities for their armed forces?", "(military)"),
    ("Does the report address threats to elections?", "(electoral)"),
    ("Should digital policy put people at its centre?", "(human-centric)"),
    ("Was the group set up so the talks carry on without a break?", "(uninterrupted, continuous)"),
    ("What conditions may a State set when it hands over information?", "(supply of information)"),
])
def test_everyday_words_of_the_fifth_session(question, added):
    index = Vocab(set(tokenize("aiding or abetting accomplice military electoral human-centric uninterrupted "
                               "continuous supply of information")))
    assert added in paraphrases.expand(question, index)
    # Terms the index does not hold are never added.
    assert paraphrases.expand(question, INDEX) == question


@pytest.mark.parametrize("question, added", [
    ("May a government get others to carry out unlawful cyber operations on its behalf?", "(internationally wrongful acts)"),
    ("Are unlawful acts by a State's proxies its responsibility?", "(internationally wrongful acts)"),
])
def test_a_state_s_unlawful_act_is_an_internationally_wrongful_act(question, added):
    index = Vocab(set(tokenize("internationally wrongful acts proxies")))
    assert added in paraphrases.expand(question, index)


def test_unlawful_of_other_things_is_not_a_wrongful_act():
    index = Vocab(set(tokenize("internationally wrongful acts")))
    question = "Is unlawful access to a computer an offence?"  # illegal access, a crime, not a State's act
    assert paraphrases.expand(question, index) == question

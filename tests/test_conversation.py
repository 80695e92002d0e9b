"""Follow-ups resolved by structure (assistant/conversation.py): slots, pronouns, descriptions, and questions of
their own that inherit nothing. Fast rules-only tests, then the facade and `ask -` with the real index."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from assistant import conversation
from conftest import ROOT


@pytest.mark.parametrize("history,question,expected", [
    # an elliptical follow-up replaces the matching slot and keeps the rest
    (["What does the EU say about NATO?"], "And the OSCE?", "What does the OSCE say about NATO?"),
    (["What did NATO recognise in 2016?"], "What about 2015?", "What did NATO recognise in 2015?"),
    (["What does Article 41 of the UN Convention against Cybercrime require?"], "And article 42?",
     "What does article 42 of the UN Convention against Cybercrime require?"),
    (["What does paragraph 5 of resolution 73/27 decide?"], "What about paragraph 4 of resolution 75/240?",
     "What does paragraph 4 of resolution 75/240 decide?"),
    (["How does the Budapest Convention define a computer system?"], "And traffic data?",
     "How does the Budapest Convention define traffic data?"),
    (["What does the Paris Call say about cyber hygiene?"], "And about hacking-back?",
     "What does the Paris Call say about hacking-back?"),
    # pronouns and descriptions point at the person, body or document of the earlier turn
    (["What is the OEWG?"], "Who presented it at the workshop?", "Who presented the OEWG at the workshop?"),
    (["What does the Belgian page say about NATO?"], "When did it recognise cyberspace as a domain?",
     "When did NATO recognise cyberspace as a domain?"),
    (["What did Katherine Prizeman outline?"], "What did she introduce?", "What did Katherine Prizeman introduce?"),
    (["What is Bosnia and Herzegovina doing in cyber diplomacy?"], "What are the next steps for them?",
     "What are the next steps for Bosnia and Herzegovina?"),
    (["What is the 24/7 Network of the Budapest Convention?"], "What assistance must it provide?",
     "What assistance must the 24/7 Network provide?"),
    (["Which Microsoft vulnerabilities did MSS-affiliated cyber actors exploit?"],
     "How many computers did they compromise?", "How many computers did MSS-affiliated cyber actors compromise?"),
    (["What does the Budapest Convention say about jurisdiction?"], "Can a party make a reservation under the convention?",
     "Can a party make a reservation under the Budapest Convention?"),
    (["What is the Paris Call?"], "Who supports this initiative?", "Who supports the Paris Call?"),
    (["What does the ransomware statement say about VASPs?"], "Which basic steps does it list?",
     "Which basic steps does the ransomware statement list?"),
    (["What does the Budapest Convention say about illegal access?"], "How does that differ from illegal interception?",
     "How does illegal access differ from illegal interception?"),
    (["What does Article 22 of the Budapest Convention say about jurisdiction?"], "Which sanctions does article 13 require?",
     "Which sanctions does article 13 of the Budapest Convention require?"),
    # earlier turns are resolved in turn: "she" is the answer to "Who presented it?"
    (["What is the OEWG?", "Who presented it at the workshop?"], "What else did she introduce?",
     "What else did the person who presented the OEWG at the workshop introduce?"),
    (["What is the UN Convention against Cybercrime?", "How does it define personal data?"], "And emergency?",
     "How does the UN Convention against Cybercrime define emergency?"),
    # a question of its own inherits nothing
    (["What does resolution 73/27 say about norms?"], "What does the OSCE promote?", "What does the OSCE promote?"),
    (["What does the EU say about NATO?"], "And what does the OSCE promote?", "What does the OSCE promote?"),
    (["What is the OSCE?"], "How does the EU use its toolbox?", "How does the EU use its toolbox?"),
    (["What is the OEWG?"], "Is it true that NATO recognised cyberspace as a domain?",
     "Is it true that NATO recognised cyberspace as a domain?"),
    ([], "Who presented it at the workshop?", "Who presented it at the workshop?"),
])
def test_follow_ups_are_resolved_by_structure(history, question, expected):
    assert conversation.resolve(question, history) == expected


@pytest.mark.parametrize("question,followup", [
    ("And the OSCE?", True), ("Can you give some examples?", True), ("Who presented it?", True),
    ("What did she say?", True), ("Which guiding principles did they implement?", True),
    ("Who keeps the register of those contact points?", True),
    ("What does the OSCE promote?", False), ("How does the EU use its toolbox?", False),
    ("How can a State that is not a member join the Budapest Convention?", False),
    ("Is it true that the OSCE promotes confidence-building measures?", False),
])
def test_is_followup(question, followup):
    assert conversation.is_followup(question) is followup


def test_mentions_are_typed_slots():
    got = [(m.kind, m.text, m.topical) for m in conversation.mentions(
        "What did Article 41 of the UN Convention against Cybercrime and the EU say about NATO in 2021?")]
    assert got == [("article", "Article 41", False), ("document", "the UN Convention against Cybercrime", True),
                   ("actor", "the EU", False), ("actor", "NATO", True), ("year", "2021", False)]


def test_the_vocabulary_comes_from_the_indexed_passages():
    chunks = [SimpleNamespace(text="The UN’s role: developing global norms\nKatherine Prizeman from the UN Office for "
                                   "Disarmament Affairs outlined the work of the Open-Ended Working Group."),
              SimpleNamespace(text="Ambassador Emina Merdan shared the plans of the Ministry of Foreign Affairs.")]
    keyword = SimpleNamespace(chunks=chunks)
    vocab = conversation.vocabulary(keyword)
    assert {"katherine prizeman", "emina merdan"} <= vocab.people
    assert "open-ended working group" in vocab.names and "open-ended working group" not in vocab.people
    assert conversation.vocabulary(keyword) is vocab  # built once per index version
    # a name the sources write is found however the question spells it, and a person is a "she"
    assert [(m.kind, m.text) for m in conversation.mentions("what did katherine prizeman say?", vocab)] == [
        ("person", "katherine prizeman")]
    assert conversation.resolve("Who presented that?", ["What is the open-ended working group doing?"], vocab) == \
        "Who presented the open-ended working group?"


def test_a_follow_up_is_answered_from_the_earlier_subject(real_assistant):
    answer = real_assistant.ask("Who presented it at the workshop?", history=["What is the OEWG?"])
    assert answer.query == "Who presented the OEWG at the workshop?"
    assert "Katherine Prizeman" in answer.text
    swapped = real_assistant.ask("And the OSCE?", history=["What does the EU say about NATO?"])
    assert swapped.query == "What does the OSCE say about NATO?" and "OSCE" in swapped.text


def test_a_question_of_its_own_keeps_no_document_scope(realdocs_assistant):
    history = ["How does the Budapest Convention define a computer system?"]
    own = realdocs_assistant.ask("What is cyber diplomacy?", history=history)
    assert own.query == "What is cyber diplomacy?" or own.query is None or "Budapest" not in own.query
    assert {c.source for c in own.citations} == {"sarajevo-workshop-cyber-diplomacy-2025.txt"}
    follow = realdocs_assistant.ask("And traffic data?", history=history)
    assert {c.source for c in follow.citations} == {"CoE-ETS-185-Budapest-Convention-NL-treaty-db.md"}


def _ask_stdin(index: str, lines: list[str]) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "-", "--index", index],
                         input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert out.returncode == 0, out.stderr
    return [json.loads(x) for x in out.stdout.splitlines()]


def test_ask_stdin_takes_json_lines_with_history_and_plain_lines(real_assistant, real_settings):
    rows = _ask_stdin(str(real_settings.index), [
        json.dumps({"question": "Who presented it at the workshop?", "history": ["What is the OEWG?"]}),
        "Who presented it at the workshop?",  # a plain line is a question on its own: no history
        json.dumps({"question": "What is the OEWG?"}),
        '{"question": "unterminated',
        json.dumps({"question": "x", "history": "What is the OEWG?"}),
    ])
    assert len(rows) == 5
    assert rows[0]["resolved_query"] == "Who presented the OEWG at the workshop?"
    assert "Katherine Prizeman" in rows[0]["answer"]
    assert "resolved_query" not in rows[1] and rows[1]["question"] == "Who presented it at the workshop?"
    assert rows[2]["question"] == "What is the OEWG?" and not rows[2]["abstained"]
    assert "must be a JSON object" in rows[3]["error"]
    assert "history" in rows[4]["error"]


@pytest.mark.parametrize("question, history, resolved", [
    ("What about NATO?", ["What is the role of the European Union (EU) in cyberspace?"],
     "What is the role of NATO in cyberspace?"),  # "the European Union (EU)" replaced whole, no "the NATO"
    ("And Belgium?", ["What does the EU support?"], "What does Belgium support?"),
    ("And the OSCE?", ["What does the EU say about NATO?"], "What does the OSCE say about NATO?"),
])
def test_a_swapped_name_is_written_as_the_question_writes_it(question, history, resolved):
    assert conversation.resolve(question, history) == resolved

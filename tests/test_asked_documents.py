"""Questions about the contents of a document the index does not hold ("the new NATO cyber defence policy", "Bosnia
and Herzegovina's national cybersecurity strategy"): only a sentence that names the document and says what is
asked about it answers. Unit checks of the reading, then end-to-end answers over the real documents."""
from __future__ import annotations

import pytest

from assistant import asked_documents
from assistant.retrieval import tokenize


def _asked(question: str, held: tuple[str, ...] = ()):
    return asked_documents.asked(question, tokenize, lambda phrase: any(h in phrase for h in held))


@pytest.mark.parametrize("question, phrase, rest", [
    ("What does the new NATO cyber defence policy mentioned in the White House statement of July 2021 say about when a "
     "cyber attack can trigger Article 5?", "the new NATO cyber defence policy", {"attack", "trigger", "articl"}),
    ("What are the main pillars of Bosnia and Herzegovina's national cybersecurity strategy, and when was it adopted?",
     "Bosnia and Herzegovina's national cybersecurity strategy", {"adopt"}),
    # what the question sets aside is not asked about; the norms are
    ("Apart from protecting the public core of the Internet, which norms does the GCSC report \"Advancing "
     "Cyberstability\" propose?", "the GCSC report \"Advancing Cyberstability\"", {"norm"}),
    ("What does the EU's Cyber Diplomacy Strategy support?", "the EU's Cyber Diplomacy Strategy", set()),
])
def test_the_document_and_what_is_asked_about_it_are_read(question, phrase, rest):
    found = _asked(question)
    assert found is not None and found.phrase == phrase
    assert found.rest == frozenset(rest)


@pytest.mark.parametrize("question", [
    "What does the Budapest Convention say about corporate liability?",  # no kind of document read here
    "How do the Sarajevo cyber diplomacy workshop report and the Paris Call treat threats to elections?",  # no contents asked
    "Within which policy framework has the EU developed its diplomatic toolbox?",
    "Who presented the EU's Cyber Diplomacy Strategy at the workshop?",
])
def test_questions_that_ask_no_document_s_contents_are_left_alone(question):
    assert _asked(question) is None


def test_a_held_document_is_left_to_scoping():
    assert _asked("What does the Sarajevo workshop report say about elections?", held=("Sarajevo",)) is None
    assert _asked("What does the Sarajevo workshop report say about elections?") is not None


def test_a_sentence_answers_only_when_it_names_the_document_and_what_is_asked():
    nato = _asked("What does the new NATO cyber defence policy say about when a cyber attack can trigger Article 5?")
    def said(text):
        return text, set(tokenize(text))

    mention = said("From the G7 and EU commitments around ransomware to NATO adopting a new cyber defense policy for "
                   "the first time in seven years, the President is putting forward a common approach.")
    assert nato.mentioned_in(*mention) and not nato.answered_by(*mention)
    assert nato.answered_by(*said("NATO's new policy recognises that a cyber attack could trigger Article 5."))
    # another document's policy is not this one
    assert not nato.mentioned_in(*said("The EU policy on cyber attacks was adopted."))
    eu = _asked("What does the EU's Cyber Diplomacy Strategy support?")
    assert eu.answered_by(*said("presented the EU’s Cyber Diplomacy Strategy, which supports:"))
    # an acronym is also spelled out
    gge = _asked("Which principles did the 2015 GGE report identify?")
    assert gge.answered_by(*said("the Group of Governmental Experts, in its 2015 report, identified the principles"))
    assert not gge.answered_by(*said("the 2015 report identified the principles"))
    assert not gge.answered_by(*said("the Group of Governmental Experts, in its 2013 report, identified the principles"))


def test_a_document_s_description_stops_at_a_verb():
    # "the UN Charter did the 2015 GGE report" is no document: the question asks what the report identified
    found = _asked("Which principles of the UN Charter did the 2015 GGE report identify as of central importance?")
    assert found is None or found.phrase == "the 2015 GGE report"


@pytest.mark.slow
@pytest.mark.parametrize("question, phrase", [
    ("What does the new NATO cyber defence policy mentioned in the White House statement of July 2021 say about when "
     "a cyber attack can trigger Article 5?", "the new NATO cyber defence policy"),
    ("What are the main pillars of Bosnia and Herzegovina's national cybersecurity strategy, and when was it adopted?",
     "Bosnia and Herzegovina's national cybersecurity strategy"),
])
def test_contents_of_a_document_only_mentioned_are_declined_naming_it(realdocs_assistant, question, phrase):
    answer = realdocs_assistant.ask(question)
    assert answer.abstained and not answer.citations
    assert f"They do not include “{phrase}”" in answer.text


@pytest.mark.slow
def test_a_sentence_that_says_what_the_document_supports_still_answers(realdocs_assistant):
    answer = realdocs_assistant.ask("What does the EU's Cyber Diplomacy Strategy support?")
    assert not answer.abstained
    assert "Cyber Diplomacy Strategy, which supports:" in answer.citations[0].quote
    assert any("rule of law and human rights" in c.quote for c in answer.citations)


def test_a_date_after_a_document_s_name_says_which_document():
    from assistant.answer import _dating_a_name

    q = ("Who keeps the register of the central authorities under the Convention on Cybercrime of 23 November 2001?")
    assert _dating_a_name(q, ("Convention on Cybercrime",)) == {"2001"}
    assert _dating_a_name("What did resolution 75/240 of 31 December 2020 decide in 2021?", ("resolution 75/240",)) == {"2020"}
    # a year that dates what is asked stays a filter
    assert _dating_a_name("What did the Convention on Cybercrime require in 2004?", ("Convention on Cybercrime",)) == set()
    # a name that took its month with it is dated by the year after it; one that did not, is not
    q = "What do the Paris Call and the statement on the PRC of July 2021 each say about theft?"
    assert _dating_a_name(q, ("Paris Call", "the statement on the PRC of July")) == {"2021"}
    assert _dating_a_name("What did the statement on the PRC 2021 say?", ("the statement on the PRC",)) == set()


def test_a_quoted_term_no_passage_writes_is_missing():
    from types import SimpleNamespace

    from assistant.answer import quoted_unwritten
    from assistant.schema import Chunk, SourceMeta

    text = ("We acknowledge that uneven global implementation of the standards of the Financial Action Task Force "
            "(FATF) to virtual assets creates an environment permissive to jurisdictional arbitrage. “Proceeds of "
            "crime” shall mean any property derived from an offence.")
    keyword = SimpleNamespace(chunks=[Chunk("c0", "s.md", "h", 0, text, 0, len(text), None, None, SourceMeta("S"))])
    assert quoted_unwritten('What does the FATF "travel rule" require?', keyword) == ["travel rule"]
    assert quoted_unwritten('How does the Convention define "proceeds of crime"?', keyword) == []
    # markup or code pasted into a question is no term
    assert quoted_unwritten('<img src=x onerror="window.pwned=\'question\'"> confidence measures', keyword) == []
    # a term quoted in another language is the question's word for the sources' English one
    assert quoted_unwritten('Comment la Convention définit-elle une situation d\'« urgence » ?', keyword) == []
    # ... unless the sources write it neither as asked nor in its English rendering
    assert quoted_unwritten("Was verlangt die „Reiseregel“ der FATF?", keyword) == ["Reiseregel"]
    assert quoted_unwritten("Wie definiert das Übereinkommen „Erträge aus Straftaten“?", keyword) == []


def test_an_ordinal_written_in_another_language_is_no_unknown_number():
    from types import SimpleNamespace

    from assistant.answer import unknown_terms

    keyword = SimpleNamespace(words={"96th", "plenary", "meeting", "general", "assembly"},
                              has_near_spelling=lambda *a, **k: False)
    assert unknown_terms("Was beschloss die Generalversammlung auf ihrer 96. Plenarsitzung?", keyword) == []
    # "97th", which the sources do not write, is unknown, named as asked
    assert unknown_terms("Was beschloss die Generalversammlung auf ihrer 97. Plenarsitzung?", keyword) == ["97."]
    assert unknown_terms("Was beschloss die Generalversammlung im Jahr 1997?", keyword) == ["1997"]

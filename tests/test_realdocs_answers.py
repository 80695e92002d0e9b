"""Answers on real official documents: locators, named documents and paragraphs, lists, definitions, declines.

The same corpus as the real-documents evaluation (conftest.realdocs_index): ../shared/realdocs next to the
shipped pages, ingested with the real model into a real Chroma.
"""
from __future__ import annotations

import json
import re

import pytest

from assistant import cli

pytestmark = pytest.mark.slow


def _verbatim(assistant, answer) -> None:
    """Every quote is the document's text at its offsets, and its page is the page of that offset."""
    docs = {r.source: r for r in assistant.store.documents().values()}
    for c in answer.citations:
        text = assistant.document_text(c.source)
        assert text[c.start:c.end] == c.quote
        record = docs[c.source]
        if record.page_starts:
            page = 1 + max(i for i, s in enumerate(record.page_starts) if s <= c.start)
            assert c.page == page, (c.locator, page)


def test_a_list_question_returns_every_item_with_its_number(realdocs_assistant):
    answer = realdocs_assistant.ask("Which norms does resolution 73/27 list in paragraph 1?")
    labels = [c.paragraph for c in answer.citations]
    assert labels == ["para. 1"] + [f"para. 1.{i}" for i in range(1, 14)]
    assert all(c.locator.startswith("A/RES/73/27, para. 1") and ", p. " in c.locator for c in answer.citations)
    assert answer.citations[3].quote.startswith("States should not knowingly allow their territory")  # no "1.3." marker
    _verbatim(realdocs_assistant, answer)


def test_a_definition_is_quoted_with_its_article_and_page(realdocs_assistant):
    answer = realdocs_assistant.ask("How does the UN Convention against Cybercrime define electronic data?")
    first = answer.citations[0]
    assert first.quote.startswith("“Electronic data” shall mean any representation of facts")
    assert first.locator == "United Nations Convention against Cybercrime, art. 2(b), p. 5"
    assert first.symbol == "A/RES/79/243" and first.paragraph == "art. 2(b)"
    _verbatim(realdocs_assistant, answer)


def test_a_named_document_answers_from_itself(realdocs_assistant):
    answer = realdocs_assistant.ask("What does 78/16 decide?")
    assert not answer.abstained
    assert {c.source for c in answer.citations} == {"A-RES-78-16.pdf"}
    assert any(c.quote.startswith("Decides to establish a mechanism") for c in answer.citations)
    assert all("23-24434" not in c.quote and "A/RES/78/16" not in c.quote for c in answer.citations)
    _verbatim(realdocs_assistant, answer)


def test_a_named_article_is_quoted_in_its_own_order(realdocs_assistant):
    answer = realdocs_assistant.ask("What does Article 35 of the Budapest Convention say about the 24/7 network?")
    assert answer.citations and all(c.paragraph.startswith("art. 35") for c in answer.citations)
    assert answer.citations[0].quote.startswith("Each Party shall designate a point of contact")
    assert [c.start for c in answer.citations] == sorted(c.start for c in answer.citations)
    _verbatim(realdocs_assistant, answer)


def test_who_does_what_under_a_named_article_may_be_said_by_a_sentence_that_refers_to_it(realdocs_assistant):
    asked = realdocs_assistant.ask("Who operates the account under article 56 of the cybercrime convention until the "
                                   "Conference of the States Parties decides otherwise?")
    assert asked.citations[0].quote.startswith("Decides that, until the Conference of the States Parties")
    assert "operated by the United Nations Office on Drugs and Crime" in asked.citations[0].quote
    _verbatim(realdocs_assistant, asked)
    # asked what the article says, the article itself answers, from its first paragraph
    said = realdocs_assistant.ask("What does Article 56 of the UN cybercrime convention say?")
    assert said.citations and all(c.paragraph.startswith("art. 56") for c in said.citations)
    assert said.citations[0].quote.startswith("States Parties shall take measures conducive to the optimal")


def test_asked_for_a_list_an_item_comes_with_its_lead_in_and_siblings(realdocs_assistant):
    answer = realdocs_assistant.ask("What tasks does the UN Convention against Cybercrime give the secretariat of the "
                                    "Conference of the States Parties?")
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "The secretariat shall:"
    assert [c.paragraph for c in answer.citations[1:]] == [f"{answer.citations[0].paragraph}({x})" for x in "abc"]
    assert quotes[3].startswith("Ensure the necessary coordination with the secretariats")
    _verbatim(realdocs_assistant, answer)
    # an item asked for by what was included answers alone
    single = realdocs_assistant.ask("Under decision 77/512 A, which item did the General Assembly decide to include "
                                    "in the provisional agenda of its seventy-eighth session?")
    assert single.citations[0].quote.startswith("Also decided to include in the provisional agenda")


def test_a_bodys_mandate_is_quoted_from_the_paragraph_that_convenes_it(realdocs_assistant):
    answer = realdocs_assistant.ask("Which reports must the 2021-2025 working group submit, and how are they to be adopted?")
    first = answer.citations[0]
    assert first.locator.startswith("A/RES/75/240, para. 1") and first.quote.startswith("Decides to convene, starting from 2021")
    assert "annual progress reports and a final report" in first.quote
    _verbatim(realdocs_assistant, answer)
    # the group the question names by the resolution that created it is not asked about its mandate
    session = realdocs_assistant.ask("When was the working group created by resolution 73/27 to hold its organizational "
                                     "session?")
    assert "organizational session in June 2019" in session.citations[0].quote


@pytest.mark.parametrize("question,named", [
    ("What does resolution 74/28 decide?", "resolution 74/28"),
    ("What did the 2021 GGE report A/76/135 conclude?", "A/76/135"),
    ("What does the Second Additional Protocol to the Budapest Convention provide on disclosure of subscriber "
     "information?", "Second Additional Protocol to the Budapest Convention"),
])
def test_a_document_that_is_not_indexed_is_declined_by_name(realdocs_assistant, question, named):
    answer = realdocs_assistant.ask(question)
    assert answer.abstained and not answer.citations
    assert f"do not include “{named}”" in answer.text


def test_the_cli_json_carries_symbol_paragraph_and_locator(realdocs_index, capsys):
    code = cli.main(["ask", "--index", str(realdocs_index.index), "--sources", str(realdocs_index.sources), "--json",
                     "On what date was A/RES/73/27 adopted?"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    first = out["citations"][0]
    assert first["quote"] == "Resolution adopted by the General Assembly on 5 December 2018"
    assert first["symbol"] == "A/RES/73/27" and first["locator"] == "A/RES/73/27, p. 1"
    assert {"symbol", "paragraph", "locator"} <= set(first)


def test_indexed_documents_carry_no_page_furniture_and_know_their_metadata(realdocs_assistant):
    records = realdocs_assistant.store.documents()
    for source, record in records.items():
        text = realdocs_assistant.document_text(source)
        assert not re.search(r"\*\d{7}\*|\d{2}-\d{5} \(E\)|^\s*\d{1,2}/\d{1,2}\s*$", text, re.M), source
        assert "<u>" not in text and "**" not in text, source
    metas = {s: r.meta for s, r in records.items()}
    assert metas["A-RES-73-27.txt"].symbol == "A/RES/73/27" and metas["A-RES-73-27.txt"].date == "2018-12-05"
    assert metas["A-RES-79-243.pdf"].symbol == "A/RES/79/243"
    assert len(records["A-RES-79-243.pdf"].page_starts) == 46


def test_a_follow_up_stays_within_the_document_the_conversation_named(realdocs_assistant):
    answer = realdocs_assistant.ask("And content data?",
                                    history=["How does the UN Convention against Cybercrime define traffic data?"])
    assert answer.citations and {c.source for c in answer.citations} == {"A-RES-79-243.pdf"}


def test_what_is_a_document_that_is_only_mentioned(realdocs_assistant):
    answer = realdocs_assistant.ask("What is A/77/275?")
    assert not answer.abstained and "A/77/275" in answer.citations[0].quote
    assert "do not include “A/77/275” itself" in answer.notice


@pytest.mark.parametrize("question,quote_start", [
    ("When was the Budapest Convention signed?", "DONE at Budapest, this 23rd day of November 2001"),
    ("When was resolution 78/16 adopted?", "Resolution adopted by the General Assembly on 4 December 2023"),
])
def test_a_document_date_question_quotes_the_documents_own_date_line(realdocs_assistant, question, quote_start):
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained and answer.citations[0].quote.startswith(quote_start)
    _verbatim(realdocs_assistant, answer)


@pytest.mark.parametrize("question", [
    "How many States voted in favour of resolution 79/243?",  # "a two-thirds majority vote" is not a count
    "Which countries have ratified the UN Convention against Cybercrime?",  # no sentence names one
])
def test_questions_the_sentences_cannot_answer_are_declined(realdocs_assistant, question):
    assert realdocs_assistant.ask(question).abstained


def test_a_document_named_by_description_answers_from_that_document(realdocs_assistant):
    answer = realdocs_assistant.ask("What does the joint statement on commercial spyware say about human rights?")
    assert not answer.abstained
    assert {c.source for c in answer.citations} == {"US-WH-2023-03-30-joint-statement-commercial-spyware.md"}


def test_a_lead_in_comes_with_its_items_and_an_operative_question_with_its_verb(realdocs_assistant):
    # Decision 77/512 A is one sentence ending on a colon, then (a) and (b): what was decided is in the items.
    answer = realdocs_assistant.ask("What did the General Assembly recall at its 46th plenary meeting on 7 December 2022?")
    quotes = [c.quote for c in answer.citations]
    lead = next(i for i, q in enumerate(quotes) if q.startswith("At its 46th plenary meeting"))
    assert quotes[lead + 1].startswith("Decided to endorse the annual progress report")
    assert quotes[lead + 2].startswith("Also decided to include in the provisional agenda")
    _verbatim(realdocs_assistant, answer)
    # "What did it decide?" is answered by the paragraphs that open with the verb, in any tense.
    decided = realdocs_assistant.ask("What did decision 77/512 decide?")
    assert decided.citations[0].quote.startswith("Decided to endorse the annual progress report")
    _verbatim(realdocs_assistant, decided)


@pytest.mark.parametrize("question,expected", [
    ("What is the Dutch title of the Convention on Cybercrime?",
     "Verdrag inzake de bestrijding van strafbare feiten verbonden met elektronische netwerken"),
    ("What is the full title of A/RES/79/243?", "79/243. United Nations Convention against Cybercrime;\n\n"
     "Strengthening International Cooperation for Combating Certain Crimes"),
    ("What is the title of resolution 73/27?", "73/27. Developments in the field of information and telecommunications"),
])
def test_a_title_question_quotes_the_documents_own_title_line(realdocs_assistant, question, expected):
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained and len(answer.citations) == 1
    assert answer.citations[0].quote.startswith(expected), answer.citations[0].quote
    _verbatim(realdocs_assistant, answer)


def test_a_how_can_question_about_a_procedure_quotes_the_article_so_titled(realdocs_assistant):
    # "How can the Convention be amended?": Article 66 "Amendment", from its opening paragraph, in its order,
    # which reaches the two-thirds majority a looser pick of sentences left out.
    answer = realdocs_assistant.ask("How can the UN Convention against Cybercrime be amended?")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("After the expiry of five years from the entry into force")
    assert any("two-thirds majority" in c.quote for c in answer.citations), answer.text
    assert {c.source for c in answer.citations} == {"A-RES-79-243.pdf"}
    _verbatim(realdocs_assistant, answer)


def test_a_question_that_says_where_to_look_is_answered_from_there_not_from_the_opening(realdocs_assistant):
    # "according to the ministers of ... in 2021" says which document; its words match the statement's opening
    # sentence ("we the Ministers and Representatives of ..."), which answers nothing asked.
    answer = realdocs_assistant.ask("According to the ministers of the Counter Ransomware Initiative in 2021, what is "
                                    "the main way criminals receive ransom payments?")
    assert not answer.abstained and answer.citations
    assert any(c.section == "Countering Illicit Finance" for c in answer.citations)
    assert not any(c.quote.startswith("Having gathered virtually") for c in answer.citations)
    _verbatim(realdocs_assistant, answer)


def test_a_definition_asked_in_french_is_the_definition(realdocs_assistant):
    answer = realdocs_assistant.ask("Comment la Convention des Nations Unies contre la cybercriminalité définit-elle "
                                    "une situation d'« urgence » ?")
    assert answer.citations and answer.citations[0].quote.startswith("“Emergency” shall mean")


@pytest.mark.parametrize("question, said", [
    ("What exactly does TSA Security Directive 2 require pipeline operators to do?", "“Security Directive 2”"),
    # (declined since the ninth session by the names rule, which names the numbered event no document found writes)
    ("What did the permanent UN mechanism on ICT security decide at its first meeting in 2026?", "“first meeting”"),
    ("Which US officials raised the Microsoft Exchange compromise with Chinese officials?", "“US officials”"),
])
def test_what_the_sources_only_announce_or_do_not_name_is_declined_saying_so(realdocs_assistant, question, said):
    answer = realdocs_assistant.ask(question)
    assert answer.abstained and not answer.citations and said in answer.text
    # The item that was issued is answered.
    if "Directive" in question:
        issued = realdocs_assistant.ask("What does TSA Security Directive 1 require pipeline operators to do?")
        assert not issued.abstained and "Security Directive 1" in issued.citations[0].quote


@pytest.mark.parametrize("question, lead, item", [
    # a bulleted list: the Paris Call's nine principles
    ("What does the second principle of the Paris Call protect?", "To that end, we affirm our willingness",
     "Prevent activity that intentionally and substantially damages the general availability or integrity of the public core of the Internet;"),
    # numbered items under a lead-in that names norms: 73/27's norm 1.3, and its last (1.13)
    ("What does the third norm in resolution 73/27 say?", "Welcomes the following set of international rules, norms",
     "States should not knowingly allow their territory to be used for internationally wrongful acts"),
    ("What is the last norm of 73/27?", "Welcomes the following set of international rules, norms",
     "States should encourage the private sector and civil society"),
])
def test_an_item_named_by_its_place_is_quoted_with_its_lead_in(realdocs_assistant, question, lead, item):
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained and len(answer.citations) == 2
    assert answer.citations[0].quote.startswith(lead)
    assert answer.citations[1].quote.startswith(item)
    _verbatim(realdocs_assistant, answer)


def test_two_questions_in_one_message_are_answered_each_under_its_own(realdocs_assistant):
    first = "Whom does the White House's July 2021 statement accuse the PRC of using to conduct unsanctioned cyber operations?"
    second = "What does norm 1.3 of resolution 73/27 say States must not use to commit internationally wrongful acts?"
    answer = realdocs_assistant.ask(f"{first[:-1]}, and {second[0].lower()}{second[1:]}")
    assert not answer.abstained
    above, below = answer.text.split("\n\n")
    assert above.startswith(first + "\n") and below.startswith(second + "\n")
    cited_above = {int(n) for n in re.findall(r"\[(\d+)\]", above)}
    cited_below = {int(n) for n in re.findall(r"\[(\d+)\]", below)}
    by_n = {c.n: c for c in answer.citations}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {by_n[n].source for n in cited_above} == {"US-WH-2021-07-19-PRC-attribution-with-allies.md"}
    assert {by_n[n].source for n in cited_below} == {"A-RES-73-27.txt"}
    assert any("criminal contract hackers" in by_n[n].quote for n in cited_above)
    assert any(by_n[n].quote.startswith("States must not use proxies") and by_n[n].paragraph == "para. 1.3"
               for n in cited_below)
    _verbatim(realdocs_assistant, answer)

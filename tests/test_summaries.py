"""What a document says as a whole (summaries.py): its operative paragraphs, or its most central sentences."""
from __future__ import annotations

import numpy as np
import pytest

from assistant import question_kinds as kinds
from assistant import scoping, summaries
from assistant.schema import Chunk, SourceMeta

META = SourceMeta("Programme of action", symbol="A/RES/78/16")


def chunk(cid: str, start: int, text: str, anchors) -> Chunk:
    return Chunk(cid, "res.txt", "h", int(cid), text, start, start + len(text), None, 3, META, anchors)


PREAMBLE = "Recalling its earlier resolutions on the subject of security in this field,\n\n"
BODY = ("1. Welcomes the report of the Secretary-General on the proposal.\n\n"
        "2. Decides to establish a mechanism, which will be permanent and inclusive. It will report annually.\n\n3.")
TAIL = "Requests the Secretary-General to submit a report on the mechanism."
CHUNKS = [chunk("0", 0, PREAMBLE + BODY, ((0, 3, "preamble"), (len(PREAMBLE), 3, "para. 1"),
                                          (len(PREAMBLE) + BODY.index("2."), 3, "para. 2"),
                                          (len(PREAMBLE) + BODY.index("3."), 3, "para. 3"))),
          chunk("1", len(PREAMBLE + BODY) + 1, TAIL, ((0, 3, "para. 3"),))]


def no_vectors(ids):
    return {}


def test_a_resolution_is_summarized_by_the_first_sentence_of_each_operative_paragraph():
    quotes = summaries.summary_quotes(CHUNKS, no_vectors)
    texts = [c.text[s - c.start:e - c.start] for c, s, e in quotes]
    # The preamble is left out, para. 2's second sentence too, and para. 3 is its text, not its number left alone
    # at the end of a passage.
    assert [t.split()[0] for t in texts] == ["Welcomes", "Decides", "Requests"]
    assert not any("annually" in t for t in texts)
    assert summaries.summary_quotes(CHUNKS, no_vectors, limit=2) == quotes[:2]


def test_a_document_without_operative_paragraphs_is_summarized_by_its_central_sentences():
    text = ("Cyberspace is shared by all and its security is a shared duty. "
            "Hashtags and page numbers say nothing here at all. "
            "Security in cyberspace needs the cooperation of every State.")
    c = Chunk("0", "page.md", "h", 0, text, 0, len(text), None, None, SourceMeta("Page"), ())
    vectors = np.asarray([[1.0, 0.0], [0.0, 1.0], [0.9, 0.1]], dtype=np.float32)
    quotes = summaries.summary_quotes([c], lambda ids: {"0": vectors}, limit=1)
    # One quote per passage, the unit closest to the document's mean; document order.
    assert len(quotes) == 1 and text[quotes[0][1]:quotes[0][2]].startswith(("Cyberspace", "Security"))


@pytest.mark.parametrize("question,rules,topic,expected", [
    ("Summarize resolution 78/16.", "Summarize resolution 78/16.", "Summarize .", True),
    ("What is the Paris Call about?", "What is the Paris Call about?", "What is about?", True),
    ("What does the Paris Call say?", "What does the Paris Call say?", "What does say?", True),
    ("Résume la résolution 73/27.", "Résume resolution 73/27", "Résume", True),
    ("Сажми резолуцију 78/16.", "Sazmi rezoluciju 78/16.", "Sazmi rezoluciju .", True),
    # A question about something in the document is no summary request.
    ("What does the Paris Call say about elections?", "What does the Paris Call say about elections?",
     "What does say about elections?", False),
    ("What are the main points of 78/16 on capacity-building?", "same", "What are the main points of on "
     "capacity-building?", False),
    ("When was the Paris Call issued?", "When was the Paris Call issued?", "When was issued?", False),
])
def test_what_asks_for_a_summary(question, rules, topic, expected):
    assert summaries.asks_for_summary(question, rules, topic) is expected


def test_who_signed_is_answered_by_a_list_of_governments_and_sign_is_not_significant():
    test, = kinds.what_an_answer_must_name("Who signed the joint statement?")
    assert test("We, the governments of Australia, Canada, Costa Rica and Denmark, recognize the threat.")
    assert test("The statement was signed in Paris.")
    assert not test("The misuse of these tools presents significant risks.")
    assert not test("We, the governments of the world, recognize the threat.")


def test_the_topic_is_the_question_without_the_documents_name():
    scope = scoping.Scope(sources=("a.md",), named=("the joint statement",))
    assert scoping.topic("What does the joint statement say about spyware exports?", scope) == \
        "What does say about spyware exports?"
    assert scoping.without_names("Who signed the joint statement?", scope) == "Who signed ?"
    assert scoping.topic("the joint statement?", scope) == "the joint statement?"  # nothing else: the name stays


def test_summaries_of_real_documents(realdocs_assistant):
    answer = realdocs_assistant.ask("Summarize resolution 78/16.")
    assert not answer.abstained
    locators = [c.locator for c in answer.citations]
    assert locators[:3] == ["A/RES/78/16, para. 1, p. 4", "A/RES/78/16, para. 2, p. 4", "A/RES/78/16, para. 3, p. 4"]
    assert answer.citations[0].quote.startswith("Welcomes the report")
    paris = realdocs_assistant.ask("What is the Paris Call about?")
    assert len(paris.citations) >= 3 and {c.source for c in paris.citations} == {"Paris-Call-2018.pdf"}
    assert [c.start for c in paris.citations] == sorted(c.start for c in paris.citations)
    assert not any(c.quote.startswith("#") for c in paris.citations)
    # A convention annexed to the resolution that adopts it: its statement of purpose (art. 1), not the resolution.
    uncc = realdocs_assistant.ask("Give me an overview of the UN Convention against Cybercrime.")
    assert uncc.citations[0].quote == "The purposes of this Convention are to:"
    assert all(c.locator.startswith("United Nations Convention against Cybercrime, art. 1") for c in uncc.citations)
    # A text in English, then in Dutch: summarized in the question's language, else in English.
    from assistant import languages

    for question, language in (("Summarize the Budapest Convention.", "en"), ("Résume la Convention de Budapest.", "en"),
                               ("Vat het Verdrag van Boedapest samen.", "nl")):
        quotes = [c.quote for c in realdocs_assistant.ask(question).citations]
        assert quotes and all(languages.detect(q) == language for q in quotes), (question, quotes)
    # Asked in Serbian Cyrillic: the same paragraphs.
    cyrillic = realdocs_assistant.ask("Сажми резолуцију 78/16.")
    assert [c.locator for c in cyrillic.citations][:3] == locators[:3]
    # Past a document's last article or paragraph: declined, naming the last one, not answered from another.
    beyond = realdocs_assistant.ask("What does Article 99 of the Budapest Convention say?")
    assert beyond.abstained and "art. 99" in beyond.text and "art. 48" in beyond.text
    inside = realdocs_assistant.ask("What does Article 48 of the Budapest Convention say?")
    assert not inside.abstained and inside.citations[0].locator.startswith("Budapest Convention, art. 48")
    title = realdocs_assistant.ask("What is the title of Article 14 of the Budapest Convention?")
    assert title.citations[0].quote == "Scope of procedural provisions"


def test_only_an_article_or_paragraph_past_the_last_one_is_refused():
    catalog = scoping.Catalog([("res.txt", META)], CHUNKS)
    past = scoping.Scope(sources=("res.txt",), paragraphs=("4",), named=("78/16",))
    assert scoping.beyond_the_last(catalog, past) == [("para. 4", "para. 3")]
    # Within the range (even if the structure missed it) or of a kind the document does not number: no refusal.
    for scope in (scoping.Scope(sources=("res.txt",), paragraphs=("2(b)",)),
                  scoping.Scope(sources=("res.txt",), articles=("9",)),
                  scoping.Scope(sources=("res.txt", "other.txt"), paragraphs=("4",))):
        assert scoping.beyond_the_last(catalog, scope) == []


def test_how_many_articles_is_declined_naming_the_last_one(realdocs_assistant):
    answer = realdocs_assistant.ask("How many articles does the UN Convention against Cybercrime have?")
    assert answer.abstained and "art. 68" in answer.text
    # A count the text does write is still answered.
    ratify = realdocs_assistant.ask("How many instruments of ratification must be deposited before the UN Convention "
                                    "against Cybercrime enters into force?")
    assert not ratify.abstained and any("fortieth instrument" in c.quote for c in ratify.citations)


def test_a_question_that_is_mostly_a_documents_name_keeps_it(realdocs_assistant):
    # "Which countries are part of ?" cannot pick the sentence that lists them; with the name it can.
    members = realdocs_assistant.ask("Which countries are part of the Counter Ransomware Initiative?")
    assert not members.abstained and "Australia, Brazil, Bulgaria" in members.citations[0].quote
    signed = realdocs_assistant.ask("Who signed the joint statement on commercial spyware?")
    assert not signed.abstained and "Costa Rica" in signed.citations[0].quote


def test_the_name_stays_only_when_the_answer_must_name_something():
    scope = scoping.Scope(sources=("cri.md",), named=("Counter Ransomware Initiative",))
    q = "Which countries are part of the Counter Ransomware Initiative?"
    assert scoping.topic(q, scope, names_the_answer=True) == q
    assert scoping.topic(q, scope) == "Which countries are part of the ?"
    longer = "Which countries in Europe pledged funding for capacity building in the Counter Ransomware Initiative?"
    assert "Counter Ransomware" not in scoping.topic(longer, scope, names_the_answer=True)


@pytest.mark.parametrize("rendered,source", [
    ("how many article compte convention Budapest?", "ets-185.md"),
    ("what say convention of Budapest child pornography?", "ets-185.md"),
    ("what does call Paris say about elections?", "paris-call.pdf"),
])
def test_a_name_rendered_word_by_word_from_another_language_is_found(rendered, source):
    docs = [("ets-185.md", SourceMeta("Convention on Cybercrime", publisher="Council of Europe", symbol="ETS No. 185")),
            ("paris-call.pdf", SourceMeta("Paris Call for Trust and Security in Cyberspace"))]
    assert scoping.resolve(rendered, docs).sources == (source,)


@pytest.mark.parametrize("text,says", [
    ("5.", False), ("b.", False), ("#parisdigitalweek #pariscall", False), ("https://www.example.org/a", False),
    ("any signature;", True), ("Paris, 12th of November, 2018", True),
    ("Decides to convene an open-ended working group.", True),
])
def test_units_that_say_nothing_are_not_quotable(text, says):
    from assistant.answer import says_something

    assert says_something(text) is says


@pytest.mark.parametrize("text,before,after", [
    ("The Centre for Internet & Society India", "protection systems.\n\n", ""),  # a link's name under a case study
    ("The Linux Foundation", "\n", "\n"),
    ("Global Commission on the Stability of Cyberspace", "\n", ""),
])
def test_a_label_line_is_not_quoted_as_an_answer(text, before, after):
    from assistant.answer import is_label_line

    assert is_label_line(text, before, after)


@pytest.mark.parametrize("text,before,after", [
    ("States Parties shall cooperate.", "", ""),  # a sentence
    ("Establish a cyber diplomacy unit", "\n", "\n"),  # an item in lower case says what to do
    ("12 November 2018", "\n", "\n"),  # a date line dates its document
    ("The Linux Foundation", "Support comes from ", " and others."),  # inside a sentence
])
def test_sentences_items_and_date_lines_are_no_labels(text, before, after):
    from assistant.answer import is_label_line

    assert not is_label_line(text, before, after)


@pytest.mark.parametrize("question,number", [
    ("What does PP2 of resolution 73/27 say?", 2), ("What does PP 12 say?", 12),
    ("What does preambular paragraph 3 of 78/16 say?", 3), ("What does the second preambular paragraph say?", 2),
    ("What does the last preambular paragraph of 78/16 say?", -1), ("What does paragraph 2 of 73/27 say?", None),
    ("What does OP2 say?", None),
])
def test_preambular_paragraphs_are_named(question, number):
    from assistant import references

    assert references.preambular(question) == number


def test_paragraph_references_officials_use(realdocs_assistant):
    pp = realdocs_assistant.ask("What does PP2 of resolution 73/27 say?")
    assert pp.citations[0].quote.startswith("Noting that considerable progress has been achieved")
    assert pp.citations[0].locator == "A/RES/73/27, preambular para. 2, p. 1"
    past = realdocs_assistant.ask("What does PP 40 of resolution 78/16 say?")
    assert past.abstained and "preambular para. 40" in past.text
    norm = realdocs_assistant.ask("What is norm 1.3 in resolution 73/27?")
    assert all(c.locator.startswith("A/RES/73/27, para. 1.3") for c in norm.citations) and norm.citations
    op = realdocs_assistant.ask("What does operative paragraph 4 of A/RES/78/16 decide?")
    assert op.citations[0].quote.startswith("Decides to establish a mechanism")  # not its number "4." alone
    listed = realdocs_assistant.ask("Which norms does resolution 73/27 list?")
    assert listed.citations[0].quote.startswith("Welcomes the following set of international rules, norms")
    assert [c.locator for c in listed.citations[1:3]] == ["A/RES/73/27, para. 1.1, p. 3", "A/RES/73/27, para. 1.2, p. 3"]


def test_a_number_or_letter_is_no_sentence_and_group_ends_one():
    from assistant.segmentation import split_sentences

    text = ("5. Decides to convene a working group. It will meet. b. De Secretaris-Generaal stelt een register op. "
            "See p. 3 of the report. It is in part. Here art. 5 applies.")
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "5. Decides to convene a working group.", "It will meet.", "b. De Secretaris-Generaal stelt een register op.",
        "See p. 3 of the report.", "It is in part.", "Here art. 5 applies."]


def test_a_footnote_that_says_something_is_quotable():
    from assistant.segmentation import unit_spans

    text = ("1. Takes note of the report on its reconvened session;\n\nFootnote 1: It is noted that interpretative "
            "notes on articles 2, 17, 23 and 35 were annexed to the report on its session held in New York.\n\n"
            "Footnote 2: A/70/174.\n\n2. Adopts the Convention.")
    units = [text[s:e] for s, e, _ in unit_spans(text)]
    assert units == ["Takes note of the report on its reconvened session;",
                     "It is noted that interpretative notes on articles 2, 17, 23 and 35 were annexed to the report on "
                     "its session held in New York.", "Adopts the Convention."]


def test_a_footnote_is_quoted_and_cited_as_one(realdocs_assistant):
    answer = realdocs_assistant.ask("When and where did the Ad Hoc Committee hold the reconvened concluding session to "
                                    "whose report the interpretative notes on the UN Convention were annexed?")
    assert answer.citations and "29 July to 9 August 2024 in New York" in answer.citations[0].quote
    assert "footnote 1" in answer.citations[0].locator and not answer.citations[0].quote.startswith("Footnote")


def test_a_tally_the_text_of_a_treaty_cannot_hold():
    test, = kinds.what_an_answer_must_name("How many States have ratified the Convention so far?")
    assert not test("If two or more States Parties have already concluded an agreement, they may apply it.")
    assert not test("This Convention shall enter into force after the deposit of the fortieth instrument.")
    assert test("The Convention has been signed by 72 States and ratified by 3.")
    # A threshold the text sets is still a count it answers.
    assert kinds.what_an_answer_must_name("How many instruments must be deposited before it enters into force?") == []


def test_a_protocol_named_with_a_possessive_is_a_document_of_its_own():
    docs = [("ets-185.md", SourceMeta("Convention on Cybercrime", publisher="Council of Europe", symbol="ETS No. 185"))]
    scope = scoping.resolve("When will the Budapest Convention's Second Additional Protocol enter into force?", docs)
    assert scope.sources == () and scope.missing == ("Budapest Convention's Second Additional Protocol",)
    assert scoping.resolve("When does the Budapest Convention enter into force?", docs).sources == ("ets-185.md",)


def test_questions_in_other_languages_about_one_document(realdocs_assistant):
    members = realdocs_assistant.ask("Quels pays font partie de l'Initiative contre les rançongiciels ?")
    assert not members.abstained and "Australia, Brazil, Bulgaria" in members.citations[0].quote
    para = realdocs_assistant.ask("Que dit le paragraphe 3 de la résolution 78/16 ?")
    assert para.citations[0].locator.startswith("A/RES/78/16, para. 3")
    article = realdocs_assistant.ask("Šta kaže stav 1 člana 2 Konvencije UN-a protiv kibernetičkog kriminala?")
    assert article.citations and all("Cybercrime" in c.locator for c in article.citations)


def test_a_footnote_that_only_refers_is_no_quote():
    from assistant.segmentation import unit_spans

    text = ("Recalling the report,\n\nFootnote 2: See A/77/275. Programme of action to advance responsible State "
            "behaviour in the use of information and communications technologies\n\nNoting the progress,")
    assert [text[s:e] for s, e, _ in unit_spans(text)] == ["Recalling the report,", "Noting the progress,"]

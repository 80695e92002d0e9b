"""Lists spread over sub-paragraphs and questions naming two documents (evals/TUNING.md, fourth session).

The unit tests build a small convention here; the end-to-end tests ask the real documents (conftest.realdocs_index:
the real model, a real Chroma).
"""
from __future__ import annotations

import pytest

from assistant import question_kinds as kinds
from assistant import scoping
from assistant.schema import Chunk, SourceMeta
from assistant.structured_quotes import enclosing_list

CONVENTION = """Article 22

Jurisdiction

1. Each Party shall adopt such measures as may be necessary to establish jurisdiction when the offence is committed:

a) in its territory; or

b) on board a ship flying the flag of that Party; or

c) by one of its nationals.

2. Each Party may reserve the right not to apply paragraph 1.b.

3. This Convention does not exclude any criminal jurisdiction.
"""


def _catalog(split_at: str | None = None) -> tuple[scoping.Catalog, list[Chunk]]:
    meta = SourceMeta("Convention on Cybercrime", symbol="ETS No. 185")
    cut = CONVENTION.index(split_at) if split_at else len(CONVENTION)
    pieces = [(0, cut), (cut, len(CONVENTION))] if split_at else [(0, cut)]
    chunks = [Chunk(chunk_id=f"c{i}", source="c.md", doc_hash="h", index=i, text=CONVENTION[s:e], start=s, end=e,
                    section=None, page=None, meta=meta) for i, (s, e) in enumerate(pieces)]
    return scoping.Catalog([("c.md", meta)], chunks), chunks


def _texts(quotes) -> list[str]:
    return [c.text[s - c.start:e - c.start] for c, s, e in quotes]


@pytest.mark.parametrize("split_at", [None, "b) on board"])  # the lead-in may lie in an earlier chunk
def test_an_item_brings_its_lead_in_and_every_sibling(split_at):
    catalog, chunks = _catalog(split_at)
    item = "on board a ship flying the flag of that Party; or"
    chunk = next(c for c in chunks if item in c.text)
    start = chunk.start + chunk.text.index(item)
    quotes = enclosing_list(catalog, (chunk, start, start + len(item)))
    assert _texts(quotes) == [
        "Each Party shall adopt such measures as may be necessary to establish jurisdiction when the offence is "
        "committed:", "in its territory; or", "on board a ship flying the flag of that Party; or",
        "by one of its nationals."]


def test_a_paragraph_that_is_no_item_or_has_no_lead_in_brings_nothing():
    catalog, (chunk,) = _catalog()
    for sentence in ("Each Party may reserve the right not to apply paragraph 1.b.",
                     "This Convention does not exclude any criminal jurisdiction."):
        start = chunk.text.index(sentence)
        assert enclosing_list(catalog, (chunk, start, start + len(sentence))) == []


@pytest.mark.parametrize("question, expected", [
    ("On what grounds may a State refuse mutual legal assistance?", True),
    ("In which cases may a Party refuse to extradite?", True),
    ("Under what conditions may data be preserved?", True),
    ("What does the Convention say about grounds for refusal?", False),
    ("What is the purpose of the Convention?", False),
])
def test_questions_asking_for_grounds_or_cases_ask_for_a_list(question, expected):
    assert kinds.asks_for_list(question) is expected


@pytest.mark.slow
@pytest.mark.parametrize("question, item, sibling", [
    ("Under the Budapest Convention, does a Party have jurisdiction over an offence committed on board an aircraft "
     "registered under its laws?", "on board an aircraft registered", "on board a ship flying the flag"),
    ("Does the Budapest Convention require each Party to criminalise the production of child pornography for "
     "distribution through a computer system?", "producing child pornography", "possessing child pornography"),
])
def test_a_sub_paragraph_fragment_is_quoted_with_its_lead_in_and_siblings(realdocs_assistant, question, item, sibling):
    # Before: "on board an aircraft registered under the laws of that Party; or [1]" alone.
    answer = realdocs_assistant.ask(question)
    quotes = [c.quote for c in answer.citations]
    at = next(i for i, q in enumerate(quotes) if q.startswith(item))
    lead = max(i for i in range(at) if quotes[i].endswith(":"))
    assert quotes[lead].startswith("Each Party shall adopt such legislative and other measures")
    assert any(q.startswith(sibling) for q in quotes[lead + 1:])
    assert all(c.source.startswith("CoE-ETS-185") for c in answer.citations[lead:])


@pytest.mark.slow
def test_cases_of_refusal_come_as_the_lettered_list(realdocs_assistant):
    answer = realdocs_assistant.ask("In which cases may a State refuse mutual legal assistance under the UN Convention "
                                    "against Cybercrime?")
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "Mutual legal assistance may be refused:"
    assert len(quotes) == 5 and all(q.startswith("If ") for q in quotes[1:])
    assert [c.paragraph for c in answer.citations][1:] == [f"art. 40(21)({x})" for x in "abcd"]


@pytest.mark.slow
def test_grounds_of_refusal_come_as_the_lettered_list(realdocs_assistant):
    answer = realdocs_assistant.ask("Under the Budapest Convention, on what grounds may a requested Party refuse "
                                    "mutual assistance?")
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].endswith("refuse assistance if:")
    assert any("political offence" in q for q in quotes[1:]) and any("sovereignty" in q for q in quotes[1:])


# --- two named documents: where one speaks of the other (cross_reference.py) -----------------------------------------
def _two_documents() -> scoping.Catalog:
    call = SourceMeta("Paris Call for Trust and Security in Cyberspace")
    budapest = SourceMeta("Convention on Cybercrime", symbol="ETS No. 185")
    texts = {"call.md": ["We welcome the Paris Peace Forum.", "The Budapest Convention on Cybercrime is a key tool."],
             "budapest.md": ["Each Party shall adopt such measures.", "Recalling resolution 73/27 of the Assembly."]}
    chunks = [Chunk(chunk_id=f"{s}-{i}", source=s, doc_hash="h", index=i, text=t, start=100 * i, end=100 * i + len(t),
                    section=None, page=None, meta=call if s == "call.md" else budapest)
              for s, ts in texts.items() for i, t in enumerate(ts)]
    return scoping.Catalog([("call.md", call), ("budapest.md", budapest)], chunks)


def test_a_named_documents_passage_that_names_the_other_is_found():
    from assistant import cross_reference

    catalog = _two_documents()
    scope = scoping.resolve("What does the Paris Call say about the Budapest Convention?", catalog)
    assert set(scope.sources) == {"call.md", "budapest.md"}
    found = cross_reference.mentions(catalog, scope)
    assert [c.chunk_id for c in cross_reference.mentioning_chunks(catalog, found)] == ["call.md-1"]
    assert cross_reference.names_another("The Budapest Convention on Cybercrime is a key tool.", "call.md", found)
    assert not cross_reference.names_another("The Budapest Convention on Cybercrime is a key tool.", "budapest.md", found)
    # One named document, or names that are symbols (every resolution recalls others by symbol): nothing.
    assert cross_reference.mentions(catalog, scoping.resolve("What does the Paris Call say?", catalog)) == {}
    assert cross_reference._pattern("resolution 73/27") is None and cross_reference._pattern("PoA") is None


@pytest.mark.slow
@pytest.mark.parametrize("question, source, words", [
    ("What does the Paris Call say about the Budapest Convention?", "Paris-Call-2018.pdf",
     "Budapest Convention on Cybercrime is a key tool"),
    ("Does the Nameshield case study say which principle of the Paris Call the company supports?",
     "FR-MFA-ParisCall-site-case-study-principle-2.md", "contributes to the second principle of the Paris Call"),
])
def test_what_one_named_document_says_about_the_other(realdocs_assistant, question, source, words):
    # Before: the first declined (both names taken out of the search), the second quoted only the Paris Call.
    answer = realdocs_assistant.ask(question)
    assert not answer.abstained
    assert any(c.source == source and words in c.quote for c in answer.citations)


# --- list questions answered in prose -----------------------------------------------------------------------------------
EENA = "FR-MFA-ParisCall-site-case-study-principle-1.md"


@pytest.mark.slow
def test_a_list_question_takes_the_sentence_that_enumerates_in_prose(realdocs_assistant):
    # Before: the working group's founding sentence, then a list of pipeline directives from another document.
    answer = realdocs_assistant.ask("What do the EENA cybersecurity recommendations for emergency services include?")
    assert any(c.quote.startswith("Recommendations include the need to include cybersecurity") for c in answer.citations)
    assert {c.source for c in answer.citations} == {EENA}


@pytest.mark.slow
def test_a_list_question_takes_no_list_from_a_document_it_does_not_quote(realdocs_assistant):
    # Before: the Sarajevo workshop's "Examples include:" list was added to an answer about EENA.
    answer = realdocs_assistant.ask("Which examples of cybersecurity recommendations for emergency response "
                                    "organisations does EENA give?")
    assert answer.citations and {c.source for c in answer.citations} == {EENA}


# --- two named documents: an equal share each -------------------------------------------------------------------------
def test_each_named_document_brings_its_sentences_within_the_margin_of_its_own_best():
    from types import SimpleNamespace

    from assistant.answer import ExtractiveAnswerer

    def unit(source, text):
        return SimpleNamespace(passage=SimpleNamespace(chunk=SimpleNamespace(source=source)), text=text)

    ranked = [(0.46, unit("un", "u1")), (0.45, unit("un", "u2")), (0.44, unit("un", "u3")),
              (0.37, unit("coe", "c1")), (0.35, unit("coe", "c2")), (0.20, unit("coe", "c3"))]
    answerer = ExtractiveAnswerer(retriever=None, max_units=4, min_support=0.18)
    picked = answerer._per_document(ranked, ("coe", "un"), margin=0.10)
    # Before, the three look-alikes of one convention and the other's best filled the four places; "c2" was left out.
    assert [u.text for _, u in picked] == ["u1", "u2", "c1", "c2"]
    assert answerer._per_document(ranked, ("coe", "un"), margin=0.005) == [ranked[0], ranked[3]]


@pytest.mark.slow
def test_a_question_naming_two_conventions_quotes_the_answer_of_each(realdocs_assistant):
    # Before: three sentences of the UN Convention's Article 40 and one unrelated Budapest reservation (Article 22(2)).
    answer = realdocs_assistant.ask("Can a State refuse to help with a cybercrime case only because it involves tax "
                                    "matters, under the Budapest Convention and the UN Convention against Cybercrime?")
    quotes = {c.source[:6]: [] for c in answer.citations}
    for c in answer.citations:
        quotes[c.source[:6]].append(c.quote)
    assert any("considers a fiscal offence" in q for q in quotes["CoE-ET"])
    assert any("also considered to involve fiscal matters" in q for q in quotes["A-RES-"])


# --- a general statement whose particulars follow -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence, refers_back", [
    ("Too often, such powerful and invasive tools have been used to target opponents.", True),
    ("These efforts will naturally reflect each nation's context.", True),
    ("Such collaboration will be a critical component.", True),
    ("Such as the ones above, tools vary.", False),
    ("Governments, industry and civil society are coming together.", False),
    ("The misuse of these tools presents significant risks.", False),
])
def test_a_sentence_that_refers_back_within_its_first_words(sentence, refers_back):
    from assistant.answer import _SUCH_NEXT

    assert bool(_SUCH_NEXT.match(sentence)) is refers_back


@pytest.mark.slow
def test_the_particulars_after_a_general_statement_are_quoted(realdocs_assistant):
    # Before: "Commercial spyware has been misused across the world by authoritarian regimes and in democracies."
    # without the next sentence, which says what for.
    answer = realdocs_assistant.ask("What has commercial spyware been used for, according to the joint statement on "
                                    "commercial spyware?")
    quotes = [c.quote for c in answer.citations]
    first = quotes.index("Commercial spyware has been misused across the world by authoritarian regimes and in "
                         "democracies.")
    assert quotes[first + 1].startswith("Too often, such powerful and invasive tools have been used to target")

"""How officials write references in chat ("budapest conv art 29", "UNGA", "para 1(c)") and what the assistant
does with a part of a paragraph that the document does not have."""
from __future__ import annotations

import re

import pytest

from assistant import acronyms, references, scoping
from assistant.schema import Chunk, SourceMeta


@pytest.mark.parametrize("question, document, articles", [
    ("budapest conv art 29 what is it about", "budapest Convention", ("29",)),
    ("UN conv. against cybercrime art 2(b)", "UN Convention against cybercrime", ("2(b)",)),
    ("What does Art. 16 of the Budapest Convention require?", "Budapest Convention", ("16",)),
])
def test_shortened_conventions_and_articles_are_read(question, document, articles):
    refs = references.parse(question)
    assert [d.text for d in refs.documents] == [document] and refs.articles == articles


@pytest.mark.parametrize("question", ["the state of the art 2021 report", "state of the art 20 report",
                                      "What is the conversation about?"])
def test_words_that_only_look_like_references_are_not(question):
    refs = references.parse(question)
    assert refs.articles == () and refs.documents == ()


class _Keyword:
    def __init__(self, words):
        self.words = set(words)
        self.chunks = []


def test_united_nations_organs_abbreviated_are_spelled_out_when_the_sources_write_them():
    keyword = _Keyword({"general", "assembly", "security", "council"})
    assert acronyms.unknown_acronyms("What did the UNGA decide?", keyword) == {"UNGA": "General Assembly"}
    assert acronyms.unknown_acronyms("What did the UNSC decide?", keyword) == {"UNSC": "Security Council"}
    # Not when the sources never write the organ.
    assert acronyms.unknown_acronyms("What did the UNHRC decide?", keyword) == {}


class _Text:
    def __init__(self, text):
        self.text = text


def test_an_acronym_is_spelled_out_by_the_sources_most_written_phrase_with_its_initials():
    keyword = _Keyword({"group", "governmental", "experts"})
    keyword.chunks = [_Text("the Group of Governmental Experts on Advancing ... the Open-ended Working Group met."),
                      _Text("reports of the Group of Governmental Experts and the Global Grid Exchange"),
                      _Text("the Group of Governmental Experts (GGE) and the Geneva Group")]
    assert acronyms.expansion("GGE", keyword) == "Group of Governmental Experts"
    assert acronyms.expansion("OEWG", keyword) == "Open-ended Working Group"
    assert acronyms.expansion("XYZ", keyword) is None
    assert acronyms.cached_expansion("GGE", keyword) == "Group of Governmental Experts"


def _catalog():
    meta = SourceMeta("Programme of action", symbol="A/RES/77/37", date="2022-12-07")
    text = "1. Welcomes the proposal.\n\n2. Requests (a) views; (b) a report.\n\n3. Decides to include the item."
    anchors = ((0, 1, "para. 1"), (text.index("2."), 1, "para. 2"), (text.index("(a)"), 1, "para. 2(a)"),
               (text.index("(b)"), 1, "para. 2(b)"), (text.index("3."), 1, "para. 3"))
    chunk = Chunk("c", "A-RES-77-37.txt", "h", 0, text, 0, len(text), None, 1, meta, anchors)
    return scoping.Catalog([("A-RES-77-37.txt", meta)], [chunk])


@pytest.mark.parametrize("question, absent", [
    ("What does para 1(c) of 77/37 say?", [("para. 1(c)", "para. 1")]),
    ("What does paragraph 2(c) of 77/37 say?", [("para. 2(c)", "para. 2")]),
    ("What does paragraph 2(b) of 77/37 say?", []),
    ("What does paragraph 2 of 77/37 say?", []),
    ("What does paragraph 4(a) of 77/37 say?", []),  # paragraph 4 is not found at all: not refused here
])
def test_a_part_of_a_paragraph_the_document_does_not_have_is_named(question, absent):
    catalog = _catalog()
    assert scoping.absent_parts(catalog, scoping.resolve(question, catalog)) == absent


def test_a_question_in_another_language_gets_the_terms_of_art_of_its_rendering():
    from assistant import paraphrases, query_translation
    from assistant.retrieval import tokenize

    class Index:
        vocabulary = set(tokenize("electoral processes"))

    rendered = query_translation.english("Šta kaže Pariški poziv o izborima?")
    assert "elections" in re.findall(r"\w+", rendered)  # not "elect": izbori are elections
    assert paraphrases.terms(rendered, Index()) == ["electoral"]
    assert paraphrases.terms("What does the Paris Call say about electoral processes?", Index()) == []

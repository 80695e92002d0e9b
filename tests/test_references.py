"""Unit tests of references: what a question refers to, and whether a document is the one referred to."""
from __future__ import annotations

import pytest

from assistant.docmeta import detect
from assistant.references import DocRef, References, matches, parse


def keys(question: str) -> list[tuple[str | None, str | None]]:
    return [(d.symbol_key, d.name_key) for d in parse(question).documents]


@pytest.mark.parametrize("question,expected", [
    ("What does 78/16 say?", [("78/16", None)]),
    ("What does A/RES/78/16 say?", [("78/16", None)]),
    ("In resolution 78/16, what is decided?", [("78/16", None)]),
    ("res. 78/16 on the PoA", [("78/16", None), (None, "programme-of-action")]),
    ("GA resolution 78/16", [("78/16", None)]),
    ("UNGA res 78/16", [("78/16", None)]),
    ("the report A/76/135", [("A/76/135", None)]),
    ("compendium A/AC.292/2022/INF/4.", [("A/AC.292/2022/INF/4", None)]),
    ("decision 77/512", [("A/DEC/77/512", None)]),
    ("GA decision 77/512 A and B", [("A/DEC/77/512", None)]),
    ("S/RES/2341 (2017) on critical infrastructure", [("S/RES/2341", None)]),
    ("Security Council resolution 2341 (2017)", [("S/RES/2341", None)]),
    ("resolution 2341 (2017)", [("S/RES/2341", None)]),
    ("Human Rights Council resolution 20/8", [("A/HRC/RES/20/8", None)]),
    ("HRC resolution 20/8", [("A/HRC/RES/20/8", None)]),
    ("resolutions 73/27 and 75/240", [("73/27", None), ("75/240", None)]),
    ("resolutions 73/27, 75/240 and 76/19", [("73/27", None), ("75/240", None), ("76/19", None)]),
    ("ETS No. 185", [("ETS 185", "budapest-convention")]),
    ("CETS No. 224", [("ETS 224", None)]),
    ("OSCE PC.DEC/1202", [("PC.DEC/1202", None)]),
    ("Permanent Council Decision No. 1202", [("PC.DEC/1202", None)]),
    ("the Budapest Convention", [("ETS 185", "budapest-convention")]),
    ("the Budapest Convention on Cybercrime", [("ETS 185", "budapest-convention")]),
    ("Convention on Cybercrime", [("ETS 185", "budapest-convention")]),
    ("Council of Europe Convention on Cybercrime", [("ETS 185", "budapest-convention")]),
    ("UN Convention against Cybercrime", [(None, "un-cybercrime-convention")]),
    ("the United Nations Convention against Cybercrime", [(None, "un-cybercrime-convention")]),
    ("UN Cybercrime Convention", [(None, "un-cybercrime-convention")]),
    ("UN Convention on Cybercrime", [(None, "un-cybercrime-convention")]),  # misnomer: still the UN one
    ("Hanoi Convention", [(None, "un-cybercrime-convention")]),
    ("Budapest Convention vs UN Convention against Cybercrime",
     [("ETS 185", "budapest-convention"), (None, "un-cybercrime-convention")]),
    ("the Paris Call", [(None, "paris-call")]),
    ("Tallinn Manual 2.0", [(None, "tallinn-manual")]),
    ("Christchurch Call", [(None, "christchurch-call")]),
    ("the Programme of Action", [(None, "programme-of-action")]),
    ("the cyber PoA", [(None, "programme-of-action")]),
    ("Counter Ransomware Initiative", [(None, "counter-ransomware-initiative")]),
    ("the CRI statement", [(None, "counter-ransomware-initiative")]),
    ("Pall Mall Process", [(None, "pall-mall-process")]),
    ("Malabo Convention", [(None, "malabo-convention")]),
    ("African Union Convention on Cyber Security", [(None, "malabo-convention")]),
    ("EU Cybersecurity Act", [(None, "eu-cybersecurity-act")]),
    ("NIS2 Directive", [(None, "nis2-directive")]),
    ("NIS 2", [(None, "nis2-directive")]),
    ("cyber diplomacy toolbox", [(None, "cyber-diplomacy-toolbox")]),
    ("78/16 and A/RES/78/16 again", [("78/16", None)]),  # one document, not two
])
def test_documents(question, expected):
    assert keys(question) == expected


@pytest.mark.parametrize("question", [
    "What happened in 2019?",
    "a 24/7 point of contact",
    "after 9/11",
    "on 12/05/2020",
    "on 05/12/2020",
    "a 50/50 chance",
    "about 3/4 of States",
    "scored 1/2",
    "the Cybersecurity Act of 2015",  # the US act, not the EU one
    "a cri de coeur",
    "what is poa",  # lower-case acronyms are words, not the PoA
    "paragraph 5",
])
def test_no_documents(question):
    assert parse(question).documents == ()


def test_regulation_number_is_not_a_resolution():
    assert keys("Regulation (EU) 2019/881") == [(None, "eu-cybersecurity-act")]


def test_hrc_resolution_does_not_become_ga_resolution():
    (ref,) = parse("Human Rights Council resolution 20/8").documents
    assert ref.symbol_key != "20/8"
    assert not matches(ref, "A/RES/20/8", (), "GA resolution")
    assert matches(ref, "A/HRC/RES/20/8", (), "The promotion of human rights on the Internet")


def test_ref_text_is_the_words_of_the_question():
    (ref,) = parse("What does res. 78/16 say?").documents
    assert ref == DocRef("res. 78/16", "78/16", None)


@pytest.mark.parametrize("question,paragraphs", [
    ("paragraph 5", ("5",)),
    ("para. 1.3", ("1.3",)),
    ("para 13 of A/76/135", ("13",)),
    ("operative paragraph 5", ("5",)),
    ("paragraph 1(a)", ("1(a)",)),
    ("paragraph 1 (a)", ("1(a)",)),
    ("paragraph 4(a)(ii)", ("4(a)(ii)",)),
    ("OP5", ("5",)),
    ("OP 4(a)", ("4(a)",)),
    ("paragraphs 3 and 4", ("3", "4")),
    ("paras. 3, 4 and 7", ("3", "4", "7")),
    ("paragraphs 3 to 5", ("3", "4", "5")),
    ("paragraphs 3-5", ("3", "4", "5")),
    ("¶ 12", ("12",)),
    ("sub-paragraph (b) of paragraph 2", ("2(b)",)),
    ("preambular paragraph 3", ()),
    ("preambular paragraph 3 and OP 4(a)", ("4(a)",)),
    ("paragraph 5. Then paragraph 5 again", ("5",)),
    ("In 2019 the OEWG met", ()),
    ("the OP was adopted", ()),
])
def test_paragraphs(question, paragraphs):
    assert parse(question).paragraphs == paragraphs


@pytest.mark.parametrize("question,articles", [
    ("Article 41", ("41",)),
    ("article 41 of the UN Convention against Cybercrime", ("41",)),
    ("art. 2(b)", ("2(b)",)),
    ("Art. 2 (b)", ("2(b)",)),
    ("Articles 2 and 3", ("2", "3")),
    ("Articles 2, 3 and 5", ("2", "3", "5")),
    ("Articles 2 to 5", ("2", "3", "4", "5")),
    ("Article 4(1)", ("4(1)",)),
    ("Article 2, paragraph 1", ("2(1)",)),
    ("Article 2, paragraph 1(b)", ("2(1)(b)",)),
    ("paragraph 1 of Article 2", ("2(1)",)),
    ("Article 29 bis", ("29bis",)),
    ("state of the art 2019", ()),
    ("the articles of association", ()),
])
def test_articles(question, articles):
    assert parse(question).articles == articles


def test_article_paragraph_is_not_a_document_paragraph():
    refs = parse("What does Article 2, paragraph 1 of the Budapest Convention require?")
    assert refs.articles == ("2(1)",) and refs.paragraphs == ()
    assert [d.name_key for d in refs.documents] == ["budapest-convention"]


def test_everything_at_once():
    refs = parse("Compare OP5 of resolution 78/16 with Article 41 of the UN Convention against Cybercrime")
    assert [(d.symbol_key, d.name_key) for d in refs.documents] == [("78/16", None), (None, "un-cybercrime-convention")]
    assert refs.paragraphs == ("5",) and refs.articles == ("41",)


@pytest.mark.parametrize("question", ["", "   ", "hello"])
def test_empty(question):
    assert parse(question) == References()


def test_references_are_frozen():
    with pytest.raises(AttributeError):
        parse("78/16").documents = ()  # type: ignore[misc]


# --- matches ----------------------------------------------------------------------------------

BUDAPEST = ("ETS No. 185", ("ETS No. 185", "CETS No. 185", "Budapest Convention"), "Convention on Cybercrime")
BUDAPEST_BARE = (None, (), "Convention on Cybercrime")  # a copy with no symbol and no aliases
UNCC = ("A/RES/79/243", ("A/RES/79/243", "79/243", "UN Convention against Cybercrime"),
        "United Nations Convention against Cybercrime; Strengthening International Cooperation")
UNCC_BARE = (None, (), "United Nations Convention against Cybercrime")
RES_78_16 = ("A/RES/78/16", ("A/RES/78/16", "78/16", "resolution 78/16", "Programme of Action"),
             "Programme of action to advance responsible State behaviour in the use of information and "
             "communications technologies in the context of international security")
DEC = ("A/DEC/77/512", ("A/DEC/77/512", "decision 77/512"), "Decision 77/512")
PARIS = (None, (), "Paris Call for Trust and Security in Cyberspace")
PARIS_ALIAS = (None, ("Paris Call",), "paris-call.pdf")
CATALOGUED_BUDAPEST = (None, ("Budapest Convention",), "Budapest convention text")


@pytest.mark.parametrize("question,doc,expected", [
    ("78/16", RES_78_16, True),
    ("A/RES/78/16", RES_78_16, True),
    ("resolution 78/16", RES_78_16, True),
    ("res. 78/16", RES_78_16, True),
    ("78/17", RES_78_16, False),
    ("the Programme of Action", RES_78_16, True),
    ("the Budapest Convention", RES_78_16, False),
    ("the Budapest Convention", BUDAPEST, True),
    ("the Budapest Convention", BUDAPEST_BARE, True),
    ("the Budapest Convention", CATALOGUED_BUDAPEST, True),
    ("ETS No. 185", BUDAPEST, True),
    ("ETS No. 185", BUDAPEST_BARE, True),
    ("CETS No. 185", BUDAPEST, True),
    ("Convention on Cybercrime", BUDAPEST, True),
    ("Convention on Cybercrime", BUDAPEST_BARE, True),
    ("Convention on Cybercrime", UNCC, False),
    ("Convention on Cybercrime", UNCC_BARE, False),
    ("the Budapest Convention", UNCC, False),
    ("the Budapest Convention", UNCC_BARE, False),
    ("UN Convention against Cybercrime", UNCC, True),
    ("UN Convention against Cybercrime", UNCC_BARE, True),
    ("UN Cybercrime Convention", UNCC, True),
    ("UN Convention on Cybercrime", UNCC, True),
    ("UN Convention against Cybercrime", BUDAPEST, False),
    ("UN Convention against Cybercrime", BUDAPEST_BARE, False),
    ("UN Convention on Cybercrime", BUDAPEST_BARE, False),
    ("79/243", UNCC, True),
    ("decision 77/512", DEC, True),
    ("77/512", DEC, True),  # bare: may be the decision
    ("resolution 77/512", DEC, False),  # said "resolution": not the decision
    ("decision 77/512", (None, ("77/512",), "x"), False),  # a resolution's alias is not the decision
    ("the Paris Call", PARIS, True),
    ("the Paris Call", PARIS_ALIAS, True),
    ("the Paris Call", BUDAPEST, False),
    ("Christchurch Call", PARIS, False),
])
def test_matches(question, doc, expected):
    (ref,) = parse(question).documents
    assert matches(ref, *doc) is expected


def test_title_wins_over_a_stray_alias():
    # A UN-convention document that someone tagged "Budapest Convention" is still not Budapest.
    (ref,) = parse("Budapest Convention").documents
    assert not matches(DocRef(ref.text, None, ref.name_key), None, ("Budapest Convention",),
                       "United Nations Convention against Cybercrime")


def test_alias_must_be_the_whole_name():
    (ref,) = parse("Paris Call").documents
    assert not matches(ref, None, ("Paris Call case studies",), "principle 1")


def test_unknown_name_key_matches_nothing():
    assert not matches(DocRef("x", None, "no-such-instrument"), None, ("x",), "x")


def test_matches_detected_real_metadata():
    # The two stages agree: what docmeta says of a text is what references matches against.
    text = ("United Nations \nA/RES/78/16\nResolution adopted by the General Assembly on 4 December 2023\n\n"
            "78/16. Programme of action to advance responsible State behaviour in the use of information and "
            "communications technologies in the context of international security\n\n\nThe General Assembly,\n")
    meta = detect(text)
    for question in ("78/16", "A/RES/78/16", "resolution 78/16", "the PoA", "Programme of Action"):
        (ref,) = parse(question).documents
        assert matches(ref, meta.symbol, meta.aliases, meta.title), question
    (ref,) = parse("77/37").documents
    assert not matches(ref, meta.symbol, meta.aliases, meta.title)


# --- an item counted in a document's list ("the second principle") ---------------------------------------------

@pytest.mark.parametrize("question, number, noun", [
    ("What does the second principle of the Paris Call protect?", 2, "principle"),
    ("What does the 3rd norm in resolution 73/27 say?", 3, "norm"),
    ("what is the last commitment of the joint statement", -1, "commitment"),
    ("Quote the first recommendation of the workshop report.", 1, "recommendation"),
])
def test_an_item_named_by_its_place_in_a_list(question, number, noun):
    from assistant.references import ordinal_item

    found = ordinal_item(question)
    assert found is not None and (found.number, found.noun) == (number, noun)


@pytest.mark.parametrize("question", [
    "Which case study illustrates the third principle of the Paris Call?",  # asks which case study
    "When was the second principle first proposed?",
    "What happened at the second session of the working group?",  # an event, no list item
    "What does the resolution say about the second committee?",
    "What does paragraph 2 say?",
])
def test_no_item_is_read_where_the_question_asks_something_else(question):
    from assistant.references import ordinal_item

    assert ordinal_item(question) is None

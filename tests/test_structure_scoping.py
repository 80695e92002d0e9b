"""Structure labels, locators, named documents (scoping) and acronyms, on small texts made here."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assistant import acronyms, citing, scoping, structure
from assistant.schema import Chunk, SourceMeta

RESOLUTION = """Resolution adopted by the General Assembly on 5 December 2018

# 73/27. Developments in the field of information

The General Assembly,

Recalling its resolutions,

1. Welcomes the following set of norms:

1.1. States should cooperate.

1.2. States must meet their obligations.

Footnote 4: See A/67/53.

2. Invites all Member States to inform the Secretary-General on:

(a) General appreciation of the issues;

(b) Efforts taken at the national level;

3. Decides to convene a working group."""

CONVENTION = """Annex

United Nations Convention against Cybercrime; Strengthening International Cooperation

Preamble

The States Parties to the present Convention,

Article 2

Use of terms

For the purposes of this Convention:

(a) “Information and communications technology system” shall mean any device;

(h) “Serious crime” shall mean conduct;

(i) “Property” shall mean assets of every kind;

Article 11

1. Each State Party shall adopt measures:

(a) The obtaining of:

(i) A device;

(ii) A password;"""


def labels(text: str) -> dict[str, str | None]:
    out = {}
    anchors = structure.anchors(text)
    for line in text.split("\n"):
        if line.strip():
            out[line.strip()[:12]] = structure.label_at(anchors, text.index(line))
    return out


def test_resolution_labels_preamble_paragraphs_and_subparagraphs():
    got = labels(RESOLUTION)
    assert got["Resolution a"] is None
    assert got["Recalling it"] == "preamble"
    assert got["1. Welcomes "] == "para. 1" and got["1.2. States "] == "para. 1.2"
    assert got["Footnote 4: "] == "footnote 4"
    assert got["(b) Efforts "] == "para. 2(b)" and got["3. Decides t"] == "para. 3"


def test_convention_labels_articles_letters_and_roman_numerals_inside_an_annexed_instrument():
    got = labels(CONVENTION)
    inst = "United Nations Convention against Cybercrime" + structure.INSTRUMENT_SEP
    assert got["(a) “Informa"] == inst + "art. 2(a)"
    assert got["(i) “Propert"] == inst + "art. 2(i)"  # (i) after (h) is a letter
    assert got["(i) A device"] == inst + "art. 11(1)(a)(i)"  # (i) under (a) is roman one
    assert got["(ii) A passw"] == inst + "art. 11(1)(a)(ii)"


@pytest.mark.parametrize("doc,label,page,section,expected", [
    ("A/RES/73/27", "para. 1.3", 3, None, "A/RES/73/27, para. 1.3, p. 3"),
    ("A/RES/79/243", "UN Convention against Cybercrime||art. 2(b)", 9, None, "UN Convention against Cybercrime, art. 2(b), p. 9"),
    ("Budapest Convention", "art. 35(1)", None, None, "Budapest Convention, art. 35(1)"),
    ("Cyber diplomacy", None, None, "Cyber diplomacy > The European Union (EU)", "Cyber diplomacy, “The European Union (EU)”"),
    ("Cyber diplomacy", None, None, None, None),
])
def test_locators_read_as_officials_write_them(doc, label, page, section, expected):
    assert structure.locator(doc, label, page, section) == expected


def test_a_citation_takes_page_and_label_of_its_own_offset():
    meta = SourceMeta("Developments", symbol="A/RES/73/27")
    chunk = Chunk("c", "a.txt", "h", 0, "x" * 200, 1000, 1200, None, 2, meta,
                  anchors=((0, 2, "preamble"), (80, 3, "para. 1"), (150, 3, "para. 1.1")))
    c = citing.cite(1, chunk, 1160, 1190, "y" * 30)
    assert (c.page, c.paragraph, c.locator) == (3, "para. 1.1", "A/RES/73/27, para. 1.1, p. 3")
    assert citing.cite(1, chunk, 1010, 1020, "z").locator == "A/RES/73/27, preamble, p. 2"


DOCS = [
    ("a.txt", SourceMeta("Developments in the field", symbol="A/RES/73/27")),
    ("b.pdf", SourceMeta("Programme of action to advance responsible State behaviour in the use of information "
                         "and communications technologies", symbol="A/RES/78/16")),
    ("c.md", SourceMeta("Convention on Cybercrime", symbol="ETS No. 185")),
    ("d.pdf", SourceMeta("Paris Call 2018")),
]


@pytest.mark.parametrize("question,sources,missing", [
    ("What does 78/16 decide?", ("b.pdf",), ()),
    ("What does A/RES/73/27 say in paragraph 1.3?", ("a.txt",), ()),
    ("What does the Budapest Convention require?", ("c.md",), ()),
    ("What does the Paris Call say?", ("d.pdf",), ()),
    ("What does resolution 74/28 decide?", (), ("resolution 74/28",)),
    ("What is a 24/7 point of contact?", (), ()),
    ("What does the Second Additional Protocol to the Budapest Convention say?", (),
     ("Second Additional Protocol to the Budapest Convention",)),
])
def test_questions_are_scoped_to_the_documents_they_name(question, sources, missing):
    scope = scoping.resolve(question, DOCS)
    assert scope.sources == sources and scope.missing == missing


def test_scope_labels_and_topic():
    scope = scoping.resolve("What does paragraph 1 of resolution 73/27 say?", DOCS)
    assert scope.paragraphs == ("1",)
    assert scoping.label_matches("para. 1.3", scope) and scoping.label_matches("para. 1", scope)
    assert not scoping.label_matches("para. 11", scope) and not scoping.label_matches("art. 1", scope)
    assert "73/27" not in scoping.topic("What does paragraph 1 of resolution 73/27 say?", scope)


def test_a_sentence_that_refers_to_a_named_article_or_paragraph_by_its_number():
    article = scoping.resolve("Who operates the account under article 56 of the Convention?", DOCS)
    assert scoping.names_label("the account referred to in article 56 of the Convention will be operated by", article)
    assert scoping.names_label("in accordance with Art. 56, paragraph 2 (c)", article)
    assert not scoping.names_label("in accordance with article 5 and article 560", article)
    paragraph = scoping.resolve("What does paragraph 5 of resolution 73/27 ask?", DOCS)
    assert scoping.names_label("the group established pursuant to paragraph 5 above", paragraph)
    assert not scoping.names_label("the group established pursuant to paragraph 15 above", paragraph)
    assert not scoping.names_label("pursuant to article 5", paragraph)


DESCRIBED_DOCS = [
    ("sarajevo-workshop-2025.txt", SourceMeta("Strengthening cyber security through diplomacy: Sarajevo workshop",
                                              publisher="EU Cyber Diplomacy support")),
    ("belgium-cyber-diplomacy.txt", SourceMeta("Cyber diplomacy", publisher="Kingdom of Belgium, FPS Foreign Affairs")),
    ("US-2021-07-19-PRC-attribution.md", SourceMeta("The United States Attributes Malicious Cyber Activity to the PRC")),
    ("US-2023-joint-statement-spyware.md", SourceMeta("Joint Statement on the Misuse of Commercial Spyware")),
    ("US-2021-ransomware-joint-statement.md", SourceMeta("Joint Statement of the Counter Ransomware Initiative")),
    ("A-RES-79-243.pdf", SourceMeta("United Nations Convention against Cybercrime", symbol="A/RES/79/243")),
    ("ets-185.md", SourceMeta("Convention on Cybercrime", publisher="Council of Europe", symbol="ETS No. 185")),
]


@pytest.mark.parametrize("question,sources,named", [
    ("What does the Sarajevo workshop report say about capacity building?", ("sarajevo-workshop-2025.txt",),
     ("the Sarajevo workshop report",)),
    ("What does the Belgian page say?", ("belgium-cyber-diplomacy.txt",), ("the Belgian page",)),
    ("Compare the 2021 PRC attribution statement with the joint statement on commercial spyware.",
     ("US-2021-07-19-PRC-attribution.md", "US-2023-joint-statement-spyware.md"),
     ("the 2021 PRC attribution statement", "the joint statement on commercial spyware")),
    # A convention is a treaty, and the UN is the United Nations: the Budapest Convention is not "the UN treaty".
    ("Is it a crime under the UN treaty on cybercrime?", ("A-RES-79-243.pdf",), ("the UN treaty on cybercrime",)),
    ("What does the Council of Europe convention say?", ("ets-185.md",), ("the Council of Europe convention",)),
    # Ambiguous, generic or not a kind of document the words name: no scope.
    ("What does the cybercrime convention say about data?", (), ()),  # two conventions fit
    ("What does the cybercrime treaty say about data?", (), ()),  # both conventions are treaties
    ("What does the joint statement say?", (), ()),  # no words that say which
    ("What does the EU's Cyber Diplomacy Strategy support?", (), ()),  # no document is titled a strategy
    ("What did the 2021 GGE report conclude?", (), ()),  # "GGE" names no indexed document
    ("What does the report say about cyber diplomacy?", (), ()),
])
def test_documents_named_by_description(question, sources, named):
    scope = scoping.resolve(question, DESCRIBED_DOCS)
    assert (scope.sources, scope.named) == (sources, named)
    for n in named:
        assert n not in scoping.topic(question, scope)


# Metadata as ingest finds it: the issuing body from the symbol, the publisher from a well-known host, the date.
UNGA = "United Nations General Assembly"
MORE_DOCS = [
    ("A-RES-77-37.txt", SourceMeta("Programme of action to advance responsible State behaviour", publisher=UNGA,
                                   date="2022-12-07", symbol="A/RES/77/37")),
    ("A-RES-78-16.pdf", SourceMeta("Programme of action to advance responsible State behaviour", publisher=UNGA,
                                   date="2023-12-04", symbol="A/RES/78/16")),
    ("A-RES-73-27.txt", SourceMeta("Developments in the field of information and telecommunications", publisher=UNGA,
                                   date="2018-12-05", symbol="A/RES/73/27")),
    ("A-RES-79-243.pdf", SourceMeta("United Nations Convention against Cybercrime", publisher=UNGA,
                                    date="2024-12-24", symbol="A/RES/79/243")),
    ("CoE-ETS-185.md", SourceMeta("Convention on Cybercrime", publisher="Council of Europe", symbol="ETS No. 185")),
    ("Paris-Call-2018.pdf", SourceMeta("Paris Call 2018", date="2018-11-12")),
    *[(f"FR-MFA-ParisCall-site-case-study-principle-{i}.md", SourceMeta(t)) for i, t in enumerate(
        ("Emergency services: EENA provides guidelines", "Protecting the Domain Name System",
         "Protecting the integrity of democratic elections", "Protecting open source software"), start=1)],
    ("US-WH-2021-07-19-PRC-attribution.md", SourceMeta("The United States Attributes Malicious Cyber Activity to "
                                                       "the People's Republic of China", publisher="The White House",
                                                       date="2021-07-19")),
    ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md",
     SourceMeta("Joint Statement of the Counter Ransomware Initiative Meeting", publisher="The White House",
                date="2021-10-14")),
]
CASE_STUDIES = tuple(f"FR-MFA-ParisCall-site-case-study-principle-{i}.md" for i in range(1, 5))


@pytest.mark.parametrize("question,sources,named", [
    # Case studies published on the Paris Call's site are not the Paris Call: the longer description wins.
    ("Which organisation initiated the GCSC, according to the Paris Call case studies?", CASE_STUDIES,
     ("the Paris Call case studies",)),
    ("What does the Paris Call say about elections?", ("Paris-Call-2018.pdf",), ("Paris Call",)),
    # Month and year of the date, and the publisher found from the page's URL.
    ("What does the July 2021 White House statement on China say?", ("US-WH-2021-07-19-PRC-attribution.md",),
     ("the July 2021 White House statement on China",)),
    ("What did the October 2021 White House statement announce?",
     ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md",),
     ("the October 2021 White House statement",)),
    # A description narrows a name it contains: of the two resolutions on the programme of action, 2023's.
    ("Does the 2023 UN resolution on the programme of action mention connectivity?", ("A-RES-78-16.pdf",),
     ("the 2023 UN resolution on the programme of action",)),
    # Every UN resolution is now "UN" by its publisher: "the UN treaty" is still the one UN treaty.
    ("Can police team up under the UN treaty on computer crime?", ("A-RES-79-243.pdf",), ("the UN treaty",)),
    ("What does the UN resolution say?", (), ()),  # six documents fit
])
def test_descriptions_use_date_publisher_and_kind_and_the_longest_wins(question, sources, named):
    scope = scoping.resolve(question, MORE_DOCS)
    assert (scope.sources, scope.named) == (sources, named)


def test_a_name_the_description_only_repeats_keeps_its_own_words():
    # "the Counter Ransomware Initiative statement" names the document the name already does: no change.
    q = "How does the Counter Ransomware Initiative statement treat capacity building?"
    scope = scoping.resolve(q, MORE_DOCS)
    assert scope.sources == ("US-WH-2021-10-14-Counter-Ransomware-Initiative-joint-statement.md",)
    assert scope.named == ("Counter Ransomware Initiative",)


@dataclass
class FakeKeyword:
    chunks: list
    words: set = field(default_factory=set)


def test_an_acronym_the_sources_only_spell_out_is_expanded():
    meta = SourceMeta("t")
    texts = ["the Group of Governmental Experts in its 2015 report", "the Open-ended Working Group met",
             "the Group of Governmental Experts again"]
    keyword = FakeKeyword([Chunk(str(i), "a", "h", i, t, 0, len(t), None, None, meta) for i, t in enumerate(texts)],
                          {"the", "group", "oewg"})
    assert acronyms.expand("What did the GGE say?", keyword) == "What did the GGE (Group of Governmental Experts) say?"
    assert acronyms.expand("What did the OEWG say?", keyword) == "What did the OEWG say?"  # the sources write it
    assert acronyms.unknown_acronyms("Who is the XYZ?", keyword) == {}


def test_a_common_acronym_the_sources_write_out_in_lower_case_is_expanded():
    text = "the participation of non-governmental organizations, academia and the private sector"
    keyword = FakeKeyword([Chunk("0", "a", "h", 0, text, 0, len(text), None, None, SourceMeta("t"))],
                          {"non", "governmental", "organizations", "academia"})
    assert acronyms.unknown_acronyms("How can NGOs take part?", keyword) == {"NGOs": "non-governmental organizations"}
    # not when the sources lack the words: then the acronym is an unknown term
    assert acronyms.unknown_acronyms("What do CSIRTs do?", keyword) == {}


def test_a_near_spelling_with_another_first_letter_is_no_typo():
    from assistant.retrieval import KeywordIndex

    texts = ["We call on all States to join the Paris Call.", "The Budapest Convention on Cybercrime."]
    index = KeywordIndex([Chunk(str(i), "a", "h", i, t, 0, len(t), None, None, SourceMeta("t"))
                          for i, t in enumerate(texts)])
    assert index.has_near_spelling("pall", 0.75)  # "call", "all"
    assert not index.has_near_spelling("pall", 0.75, same_initial=True)  # the Pall Mall Process is not in them
    assert index.has_near_spelling("budapst", 0.75, same_initial=True)


class FakeSpelling(FakeKeyword):
    def closest_spelling(self, word, cutoff=0.8):
        import difflib

        found = difflib.get_close_matches(word, sorted(self.words), n=1, cutoff=cutoff)
        return found[0] if found else None


def test_typos_are_corrected_to_the_sources_spelling_but_real_words_are_not():
    from assistant import spelling

    keyword = FakeSpelling([], {"budapest", "convention", "corporate", "liability", "project"})
    dictionary = frozenset({"protect", "convention", "corporate"})
    assert spelling.correct("What does the Budapst Convension say about corprate liabilty?", keyword, dictionary) \
        == "What does the Budapest Convention say about corporate liability?"
    assert spelling.correct("How do states protect themselves?", keyword, dictionary) == "How do states protect themselves?"
    assert spelling.correct("What does the Budapst Convension say?", keyword, None) == "What does the Budapst Convension say?"


def test_a_real_english_word_the_model_lacks_is_no_typo():
    """The model's word pieces lack "signatories", "delegations", "castling": the English word list knows them, so they
    are not "corrected" into "signature", "deletion", "calling" (which had turned a chess question into one about call
    centres); typos are still corrected."""
    from assistant import spelling

    keyword = FakeSpelling([], {"signature", "deletion", "calling", "domain", "ransomware"})
    dictionary = frozenset({"the", "what"})
    for word in ("signatories", "delegations", "castling", "testifying", "safeguarding"):
        assert spelling.is_english_word(word)
        assert spelling.correct(f"What do the {word} say?", keyword, dictionary) == f"What do the {word} say?"
    assert spelling.correct("an operational domian", keyword, dictionary) == "an operational domain"
    assert spelling.correct("the Ransomwear threat", keyword, dictionary) == "the Ransomware threat"
    assert not spelling.is_english_word("domian") and not spelling.is_english_word("ransomwear")


def test_an_osce_decision_opens_its_preamble_and_its_unnumbered_operative_part():
    text = ("Decision No. 1202\n\nThe Permanent Council,\n\nRecalling its earlier decisions,\n\n"
            "Decides to adopt the following measures:\n\n1. Participating States will share information.")
    got = labels(text)
    assert got["Recalling it"] == "preamble"
    assert got["Decides to a"] is None and got["1. Participat"[:12]] == "para. 1"


@pytest.mark.parametrize("label,article", [
    ("art. 47(2)", "art 47"), ("para. 1.3", "para 1"), ("para. 4(a)", "para 4"),
    ("United Nations Convention against Cybercrime||art. 2(b)", "art 2"), ("preamble", "preamble"), (None, None),
])
def test_article_of_a_label(label, article):
    from assistant.structured_quotes import article_of

    assert article_of(label) == article


def test_an_article_whose_whole_title_is_in_the_question_is_found_by_its_title():
    from assistant.retrieval import tokenize
    from assistant.schema import Chunk

    meta = SourceMeta("Convention on Cybercrime", symbol="ETS No. 185")
    text = ("Article 12\n\nCorporate liability\n\n1. Each Party shall adopt such measures.\n\n"
            "Article 42\n\nReservations\n\nBy a written notification, any State may declare a reservation.\n\n"
            "Article 43\n\nStatus and withdrawal of reservations\n\nA Party shall withdraw such reservation.")
    chunk = Chunk(chunk_id="c1", source="c.md", doc_hash="h", index=0, text=text, start=0, end=len(text), section=None,
                  page=None, meta=meta,
                  anchors=((0, None, "art. 12"), (text.index("Article 42"), None, "art. 42"),
                           (text.index("Article 43"), None, "art. 43")))
    catalog = scoping.Catalog([("c.md", meta)], [chunk])
    titles = {(s, n): t for s, n, t in catalog.article_titles(tokenize)}
    assert titles[("c.md", "12")] == frozenset(tokenize("Corporate liability"))

    def titled(question):
        scope = scoping.resolve(question, catalog)
        return scoping.titled_articles(catalog, scope, set(tokenize(scoping.topic(question, scope))), tokenize)

    assert titled("What does the Budapest Convention say about corporate liability?") == (("c.md", "12"),)
    assert titled("Which reservations does the Budapest Convention allow?") == (("c.md", "42"),)
    # The longest title the question covers wins; a title only partly in the question does not count.
    assert titled("How is the withdrawal of reservations and their status handled?") == (("c.md", "43"),)
    assert titled("Is liability for data interference criminal?") == ()
    assert scoping.in_article("art. 12(1)(a)", "12") and not scoping.in_article("art. 120", "12")


def test_one_of_several_pages_that_fit_is_chosen_by_what_follows_on():
    # A page of several case studies is titled by its first one: "the case study on the Hague Centre" is the page
    # whose text has the Hague Centre, not every case-study page (nor, by its words, the Paris Call).
    texts = {CASE_STUDIES[0]: "The European Emergency Number Association publishes guidelines for communities.",
             CASE_STUDIES[1]: "### Public Core CoI: the Hague Centre for Strategic Studies will lead a community",
             CASE_STUDIES[2]: "The Transatlantic Commission on Election Integrity helps.",
             CASE_STUDIES[3]: "The Linux Foundation supports communities."}
    meta = dict(MORE_DOCS)
    chunks = [Chunk(f"c{i}", s, "h", 0, t, 0, len(t), None, None, meta[s]) for i, (s, t) in enumerate(texts.items())]
    catalog = scoping.Catalog(MORE_DOCS, chunks)
    q = "What does the Paris Call case study on the Hague Centre for Strategic Studies say about the public core?"
    scope = scoping.resolve(q, catalog)
    assert scope.sources == (CASE_STUDIES[1],)
    assert scope.named == ("the Paris Call case study on the Hague Centre",)  # "for" is not part of the name
    # Words two pages have, or none has, choose none: the name falls back to the Paris Call.
    for q in ("What does the Paris Call case study on communities say?",
              "What does the Paris Call case study on the Vienna Forum say?"):
        assert scoping.resolve(q, catalog).sources == ("Paris-Call-2018.pdf",), q

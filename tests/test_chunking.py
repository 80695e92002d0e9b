"""Chunking: sections from headings, lists kept with their lead-in, exact offsets."""
from assistant.chunking import chunk_document, estimate_tokens, parse_blocks, split_sentences
from assistant.schema import Document, SourceMeta

from conftest import SHIPPED_SOURCES


def _doc(text: str, source: str = "t.txt") -> Document:
    return Document(source=source, text=text, meta=SourceMeta("T"), content_hash="h" * 64)


def test_offsets_are_exact_on_shipped_sources():
    for path in SHIPPED_SOURCES.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        chunks = chunk_document(_doc(text, path.name))
        assert len(chunks) >= 5
        for c in chunks:
            assert c.text == text[c.start:c.end]
            assert c.text.strip() == c.text
            assert estimate_tokens(c.text) <= 256
        # Chunks cover every non-blank character in order, without overlap.
        assert [c.start for c in chunks] == sorted(c.start for c in chunks)
        covered = "".join(text[c.start:c.end] for c in chunks)
        assert "".join(covered.split()) == "".join(text.split())


def test_sections_follow_plain_text_headings():
    text = (SHIPPED_SOURCES / "belgium-cyber-diplomacy.txt").read_text(encoding="utf-8")
    chunks = chunk_document(_doc(text))
    nato = [c for c in chunks if "operational domain" in c.text]
    assert nato and nato[0].section == "Cyber diplomacy > North Atlantic Treaty Organization (NATO)"


def test_list_stays_with_its_lead_in():
    text = (SHIPPED_SOURCES / "sarajevo-workshop-cyber-diplomacy-2025.txt").read_text(encoding="utf-8")
    chunks = chunk_document(_doc(text))
    holder = [c for c in chunks if "Sharing contact points for cyber incidents" in c.text]
    assert len(holder) == 1
    assert "Examples include:" in holder[0].text
    assert holder[0].section == "The OSCE Session: Building Trust Through Cooperation"


def test_markdown_headings_build_a_path_and_long_text_is_split_at_sentences():
    sentence = "The group met again and agreed on further voluntary measures for transparency. "
    text = "# Norms\n\nIntro line.\n\n## Implementation\n\n" + sentence * 40 + "\n\n## Other\n\nShort."
    chunks = chunk_document(_doc(text, "n.md"), target_tokens=100)
    impl = [c for c in chunks if c.section == "Norms > Implementation"]
    assert len(impl) >= 3
    for c in impl:
        assert c.text == text[c.start:c.end]
        assert estimate_tokens(c.text) <= 100 or c.text.startswith("## ")
        assert c.text.endswith(".")
    assert chunks[-1].section == "Norms > Other"


def test_blocks_and_sentences():
    text = "Heading Here\nFirst sentence, e.g. an example. Second one!\n- item one\n- item two\n"
    kinds = [b.kind for b in parse_blocks(text)]
    assert kinds == ["heading", "text", "item", "item"]
    block = parse_blocks(text)[1]
    spans = split_sentences(text, block.start, block.end)
    assert [text[s:e] for s, e in spans] == ["First sentence, e.g. an example.", "Second one!"]


def test_volume_supplement_and_number_abbreviations_end_no_sentence():
    text = ("See Suppl. No. 10 of 2020. Decision 77/512, in section B.2 of the Official Records, Supplement No. 49 "
            "(A/77/49), vol. II, becomes decision 77/512 A, as it says. De Aanbevelingen van het Comité van Ministers "
            "Nr. R (85) 10 en Nr. R (88) 2 inzake piraterij. The group. It met.")
    block = parse_blocks(text)[0]
    assert [text[s:e] for s, e in split_sentences(text, block.start, block.end)] == [
        "See Suppl. No. 10 of 2020.", "Decision 77/512, in section B.2 of the Official Records, Supplement No. 49 "
        "(A/77/49), vol. II, becomes decision 77/512 A, as it says.",
        "De Aanbevelingen van het Comité van Ministers Nr. R (85) 10 en Nr. R (88) 2 inzake piraterij.",
        "The group.", "It met."]


def test_chunk_ids_depend_on_content_and_pages_are_kept():
    doc = Document("p.pdf", "Page one text.\n\nPage two text.", SourceMeta("P"), "a" * 64, page_starts=(0, 16))
    chunks = chunk_document(doc, target_tokens=5)
    assert [c.page for c in chunks] == [1, 2]
    other = chunk_document(Document("p.pdf", doc.text, doc.meta, "b" * 64, page_starts=(0, 16)), target_tokens=5)
    assert {c.chunk_id for c in chunks}.isdisjoint({c.chunk_id for c in other})


def test_a_chunk_that_opens_with_a_heading_is_in_that_heading_s_section():
    from pathlib import Path

    from assistant.sources import load_document

    root = Path(__file__).resolve().parents[1] / "sources"
    doc = load_document(root / "sarajevo-workshop-cyber-diplomacy-2025.txt", root)
    chunks = chunk_document(doc)
    assert chunks[0].section is None  # the opening paragraph comes before any heading
    for chunk in chunks[1:]:
        first = chunk.text.split("\n", 1)[0].strip()
        assert chunk.section.split(" > ")[-1] == first, (chunk.section, first)


def test_headings_in_a_row_open_one_chunk_with_the_text_after_them():
    from assistant.schema import Document, SourceMeta

    text = "Article 12\n\nInformation and communications technology system-related forgery\n\n1. Each State Party shall adopt measures."
    doc = Document("a.txt", text, SourceMeta("A"), "h")
    chunks = chunk_document(doc)
    assert len(chunks) == 1 and chunks[0].text == text
    assert chunks[0].section.endswith("Information and communications technology system-related forgery")


def test_a_preamble_written_as_one_sentence_is_cut_where_its_clauses_start():
    """A treaty preamble is one sentence of clauses ("Recognising ...; Convinced ...;"): chunks (and so the
    sentences quoted from them) start where a clause starts, never in the middle of one."""
    from assistant.evaluation import is_whole_quote
    from assistant.segmentation import unit_spans

    clauses = [f"{verb} that the present Convention is needed for reason number {i} of the member States, "
               f"and that co-operation in the penal field should be pursued as a matter of priority"
               for i, verb in enumerate(["Recognising", "Convinced", "Considering", "Mindful", "Believing"] * 8)]
    text = "Preamble The member States of the Council of Europe, " + "; ".join(clauses) + "; Have agreed as follows:"
    chunks = chunk_document(Document("treaty.md", text, SourceMeta("Convention"), "h"))
    assert len(chunks) > 3
    for chunk in chunks[1:]:
        assert chunk.text.split()[0] in {"Recognising", "Convinced", "Considering", "Mindful", "Believing"}, chunk.text[:40]
        for s, e, _ in unit_spans(chunk.text):
            assert is_whole_quote(chunk.text[s:e]), chunk.text[s:e][:60]
    assert " ".join(c.text for c in chunks).split() == text.split()  # nothing lost


def test_bullets_join_only_a_block_that_introduces_them():
    from assistant.segmentation import unit_spans

    def units(text):
        return [(text[s:e], is_list) for s, e, is_list in unit_spans(text)]

    # a chunk that starts inside an earlier bullet: its last sentence is no lead-in of the next bullet
    ended = "The pilot will be followed by similar pilots.\n- TSA issued Security Directive 1 to require standards."
    assert units(ended) == [("The pilot will be followed by similar pilots.", False),
                            ("- TSA issued Security Directive 1 to require standards.", True)]
    introduced = "The Paris Call supports:\n- one principle.\n- another principle."
    assert units(introduced) == [(introduced, True)]
    # ... but the sub-bullets of that earlier bullet still follow its end
    continued = "This shows how we leverage procurement.\n◦ NTIA published elements.\n◦ CISA set a framework.\n- We go on."
    assert units(continued) == [("This shows how we leverage procurement.\n◦ NTIA published elements.\n◦ CISA set a "
                                 "framework.", True), ("- We go on.", True)]
    unfinished = "d. \"verkeersgegevens\", computergegevens die\n- een communicatie betreffen;\n- door een computersysteem."
    assert [is_list for _, is_list in units(unfinished)] == [True]

"""The cleaning stage on real official documents (../shared/realdocs) and on small texts made here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant import cleaning, structure
from assistant.segmentation import unit_spans
from conftest import require_realdocs

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"
@pytest.fixture()
def realdocs_present():
    require_realdocs(REALDOCS)


needs_realdocs = pytest.mark.usefixtures("realdocs_present")


def _pdf_pages(name: str) -> list[str]:
    from assistant.pdf_text import extract_pages

    return extract_pages((REALDOCS / name).read_bytes())[0]


def _furniture_left(text: str) -> list[str]:
    """Lines of page furniture still in a cleaned text."""
    bad = []
    for line in text.split("\n"):
        s = line.strip()
        if re.fullmatch(r"\d{1,3}/\d{1,3}", s) or re.fullmatch(r"\*\d{6,}\*", s) or re.search(r"\d{2}-\d{5} \(E\)", s):
            bad.append(s)
    return bad


@needs_realdocs
@pytest.mark.parametrize("name", ["A-RES-73-27.txt", "A-RES-75-240.txt", "A-RES-77-37.txt"])
def test_un_text_extractions_lose_their_furniture_and_keep_every_page(name):
    raw = (REALDOCS / name).read_text(encoding="utf-8")
    cleaned = cleaning.clean_text(raw)
    assert cleaned.rewrapped
    assert not _furniture_left(cleaned.text)
    symbol = re.search(r"A/RES/\d+/\d+", raw).group()
    # The running header (symbol, then the title) is gone from the body: the symbol never starts a line.
    assert not any(line.strip() == symbol for line in cleaned.text.split("\n"))
    pages = int(re.findall(r"^\s*\d{1,2}/(\d{1,2})\s*$", raw, re.M)[-1])
    assert len(cleaned.page_starts) == pages and list(cleaned.page_starts) == sorted(cleaned.page_starts)


@needs_realdocs
def test_73_27_paragraphs_are_whole_and_footnote_numbers_are_not_glued():
    text = cleaning.clean_text((REALDOCS / "A-RES-73-27.txt").read_text(encoding="utf-8")).text
    lines = text.split("\n")
    # Printed lines are joined: the norm on attribution is one line, from its number to its end.
    norm = next(l for l in lines if l.startswith("1.2. "))
    assert norm.endswith("the nature and extent of the consequences.")
    assert "in its 2013 and 2015 reports" in text  # was "2013 3 and 20152"
    assert "20152" not in text and "report,2" not in text
    # Footnotes sit on their own lines after the paragraph that cites them.
    i = next(k for k, l in enumerate(lines) if l.startswith("Footnote 2: A/70/174"))
    assert "2015 report" in [l for l in lines[:i] if l.strip()][-1]
    # A paragraph cut by a page break (1.5 goes on at the top of page 4) is one line again.
    assert any(l.startswith("1.5. ") and "right to privacy in the digital age" in l for l in lines)


@needs_realdocs
def test_a_pdf_keeps_its_pages_and_articles():
    pages = _pdf_pages("A-RES-79-243.pdf")
    cleaned = cleaning.clean_pages(pages)
    assert len(cleaned.page_starts) == len(pages) == 46
    assert not _furniture_left(cleaned.text)
    assert "24-24621" not in cleaned.text and "*2424621*" not in cleaned.text
    text = cleaned.text
    at = text.index("“Electronic data” shall mean")
    page = 1 + max(i for i, s in enumerate(cleaned.page_starts) if s <= at)
    assert page == 5  # printed page 5/46
    labels = structure.anchors(text)
    assert structure.label_at(labels, at).endswith("art. 2(b)")


@needs_realdocs
def test_paris_call_pdf_wrapped_lines_and_bullets():
    text = cleaning.clean_pages(_pdf_pages("Paris-Call-2018.pdf")).text
    assert "- Prevent activity that intentionally and substantially damages the general availability or " \
           "integrity of the public core of the Internet;" in text.split("\n")


@needs_realdocs
def test_markdown_statement_loses_markup_and_hard_wraps():
    from assistant.sources import _front_matter

    body, meta = _front_matter((REALDOCS / "US-WH-2021-07-19-PRC-attribution-with-allies.md").read_text(encoding="utf-8"))
    text = cleaning.clean_text(body, markdown=True).text
    assert "**" not in text and "<u>" not in text and "](" not in text
    assert "Exposing the PRC’s use of criminal contract hackers to conduct unsanctioned cyber operations globally, " \
           "including for their own personal profit." in text.split("\n")


def test_text_without_printed_lines_is_kept_exactly():
    text = ("A first paragraph that is long enough to be a whole paragraph on one line, as web pages are.\n"
            "Heading\n- item one\n- item two\n\nLast paragraph.\n")
    assert cleaning.clean_text(text).text == text


def test_hard_wrapped_text_is_joined_and_dehyphenated_only_where_the_document_says_so():
    words = "The working group discussed confidence-building measures and capacity-building at length and"
    lines = [
        "The open-ended working group shall hold its organizational session in June 2019 in order to agree",
        "on the organizational arrangements connected with the group, and States reaffirmed that confidence-",
        "building measures matter, while the inter-", "national community welcomed the reports of the groups of",
        "governmental experts, which had been transmitted by the Secretary-", "General to the Assembly.",
        "", words, "the group agreed to meet again in the course of the following year in New York.",
        "", "Another paragraph follows here, and it is long enough to wrap onto a second printed line of",
        "text, as printed documents do; it has an international vocabulary too.",
    ]
    text = cleaning.clean_text("\n".join(lines)).text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 3
    assert "confidence-building measures matter" in paragraphs[0]  # the document writes it with a hyphen
    assert "the international community" in paragraphs[0]  # "internationally" shows it is written whole
    assert "Secretary-General to the Assembly." in paragraphs[0]


def test_footnote_markers_only_for_footnotes_the_page_has():
    page = ("Welcoming the reports of 2013 3 and 20152 transmitted by the Secretary-General,1 and recalling\n"
            "paragraph 1 above and resolution 58/199 of 23 December 2003, the Assembly decided to act in 2015\n"
            "again.\n__________________\n1 A/65/201.\n2 A/70/174.\n3 A/68/98.\n")
    cleaned = cleaning.clean_pages([page, "Second page text that ends the document properly here."])
    body = cleaned.text.split("\n\n")[0]
    assert "reports of 2013 and 2015 transmitted by the Secretary-General, and recalling paragraph 1 above" in body
    assert "resolution 58/199 of 23 December 2003" in body and "act in 2015 again." in body
    assert cleaned.footnotes == 3
    assert "Footnote 2: A/70/174." in cleaned.text.split("\n")


def test_running_headers_and_page_numbers_repeated_on_pages_are_dropped():
    pages = [f"A/RES/99/1\nTitle of the resolution\n{n}/3\nBody text of page {n} goes on and on and on and on and "
             f"on and on and on\nuntil line {n} ends here with enough words to be a printed line of text.\n"
             for n in (1, 2, 3)]
    cleaned = cleaning.clean_pages(pages)
    assert "Title of the resolution" not in cleaned.text and "2/3" not in cleaned.text
    assert cleaned.text.count("Body text of page") == 3
    assert len(cleaned.page_starts) == 3


def test_markup_is_stripped():
    assert cleaning.strip_markup("**Bold** and *italic* and <u>under</u> with [a link](https://x.org/a_(b)) "
                                 "and <sup>11</sup>") == "Bold and italic and under with a link and "


def test_units_leave_markers_out_and_headings_and_footnotes_unquoted():
    text = "# Title\n\n1. Decides to act:\n\n(a) First thing;\n\n(b) Second thing.\n\nFootnote 1: A/1/2."
    units = [text[s:e] for s, e, _ in unit_spans(text)]
    assert units == ["Decides to act:", "First thing;", "Second thing."]


REPORT_PAGES = [
    "United Nations A/76/135\nGeneral Assembly Distr.: General\n14 July 2021\nOriginal: English\n21-09965 (E) 150721\n"
    "*2109965*\nSeventy-sixth session\nItem 96 of the provisional agenda*\nDevelopments in the field of information "
    "and telecommunications\nin the context of international security\nNote by the Secretary-General\n The "
    "Secretary-General has the honour to transmit herewith the report of the Group\nof Governmental Experts on "
    "Advancing Responsible State Behaviour in Cyberspace in\nthe Context of International Security.\n"
    "__________________\n* A/76/150.\n",
    "A/76/135\n21-09965 2/26\nI. Introduction\n 1. The Group of Governmental Experts was established pursuant to "
    "General Assembly\nresolution 73/266. The Group met in four sessions.\n 2. The Group considered existing and "
    "potential threats, norms and confidence-\nbuilding measures.\n",
    "A/76/135\n21-09965 3/26\n 4. Some States are developing ICT capabilities for military purposes.\n"
    "A. Norms, rules and principles\n 5. Norms reflect the expectations of the international community.\n",
]


def test_a_report_keeps_its_section_headings_and_loses_its_masthead():
    text = cleaning.clean_pages(REPORT_PAGES).text
    lines = [line for line in text.split("\n") if line]
    assert lines[0] == "Note by the Secretary-General"  # masthead and agenda title gone, the kind of document kept
    assert "I. Introduction" in lines and "A. Norms, rules and principles" in lines
    assert "4. Some States are developing ICT capabilities for military purposes." in lines
    assert "2. The Group considered existing and potential threats, norms and confidence-building measures." in lines
    labels = structure.anchors(text)
    assert structure.label_at(labels, text.index("Norms reflect")) == "para. 5"


def test_pdftotext_layout_preamble_paragraphs_and_footnote_numbers_printed_apart():
    """pdftotext prints no first-line indents, "78/16." alone, and footnote numbers before their texts."""
    page1 = ("A/RES/78/16\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n6 December 2023\n\n"
             "Resolution adopted by the General Assembly\non 4 December 2023\n\n78/16.\n\nProgramme of action to advance "
             "responsible State behaviour in\nthe use of information and communications technologies\nThe General "
             "Assembly,\nNoting that considerable progress has been achieved in developing and applying\nthe latest "
             "information technologies and means of telecommunication,\nUnderlining the importance of respect for human "
             "rights and fundamental\nfreedoms, and the first 1 and second 2 annual progress reports,\n"
             "__________________\n1\n2\n\n1/2\n\nSee A/77/275.\nSee A/78/265.\n23-24434 (E)\n\n131223\n")
    page2 = ("A/RES/78/16\n\n2/2\n\n1. Welcomes the report on the proposal for a programme of action, which was "
             "submitted\nby the Secretary-General;\n")
    text = cleaning.clean_text(page1 + "\f" + page2).text
    lines = [line for line in text.split("\n") if line]
    assert "# 78/16. Programme of action to advance responsible State behaviour in the use of information and " \
           "communications technologies" in lines
    assert any(line.startswith("Noting that") and line.endswith("telecommunication,") for line in lines)
    assert any(line.startswith("Underlining the importance") and "first and second annual" in line for line in lines)
    assert "Footnote 1: See A/77/275." in lines and "Footnote 2: See A/78/265." in lines
    assert "131223" not in text and "1/2" not in text and "23-24434" not in text

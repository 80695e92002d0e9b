"""pdf_text reads PDFs with pdfium and rebuilds pypdf's text: what cleaning makes of it (the text that is chunked
and quoted, its page starts, its locators, the metadata read from its head) is pypdf's, on every PDF the tests
print and on the real PDFs; pypdf reads what pdfium cannot. (`python -m benchmarks.pdf_equality` prints the
figures.)"""
from __future__ import annotations

import pypdfium2  # noqa: F401 - a dependency (pyproject.toml): without it these tests fail, never skip
import pytest

from benchmarks import pdf_equality as eq
from conftest import REALDOCS, require_realdocs
from test_sources import make_pdf



def _squeezed(pages: list[str]) -> list[list[tuple[bool, str]]]:
    """Each line as (starts with a blank, its words): what cleaning reads of a line."""
    return [[(line[:1].isspace(), " ".join(line.split())) for line in p.split("\n")] for p in pages]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    return eq.test_pdfs(tmp_path_factory.mktemp("printed"))


def test_every_pdf_the_tests_print_reads_the_same(printed):
    assert len(printed) >= 20  # the builders of tests/*layouts.py were found
    for name, data in printed.items():
        row = eq.compare(name, data, repeats=1)
        assert row["cleaned_equal"] and row["structure_equal"] and row["meta_equal"], (name, row["raw_diff"][:6])
        old, new = eq.pypdf_pages(data), eq.pdfium_pages(data)
        # line for line the same words and the same paragraph-start blanks (runs of blanks may differ: pdfium
        # keeps one of a run of spaces in a footer such as "7925/18    JF/mk    1")
        assert _squeezed(old[0]) == _squeezed(new[0]) and old[1] == new[1], name


@pytest.mark.parametrize("name", ["A-RES-78-16.pdf", "A-RES-79-243.pdf", "Paris-Call-2018.pdf"])
def test_real_pdfs_clean_the_same_but_for_words_pypdf_split(name):
    require_realdocs(REALDOCS / name)
    row = eq.compare(name, (REALDOCS / name).read_bytes(), repeats=1)
    assert row["meta_equal"]
    # equal, or differing only by blanks inside words that the document writes whole elsewhere ("f ulfilled")
    assert row["cleaned_equal"] or row["near_equal"], row["changes"]
    assert all(len(c.split(" -> ")[0].split()) > len(c.split(" -> ")[1].split()) for c in row["changes"])


def test_near_equal_refuses_other_changes():
    text = "The condition could not be f ulfilled. It was fulfilled later."
    fixed = text.replace("f ulfilled.", "fulfilled.")
    assert eq.near_equal(text, fixed, (), (), (0,), (0,))[0]
    assert not eq.near_equal(fixed, text, (), (), (0,), (0,))[0]  # splitting a word is not a fix
    assert not eq.near_equal(text, text.replace("could", "would"), (), (), (0,), (0,))[0]
    assert not eq.near_equal("a b-c x", "a b-cx", (), (), (0,), (0,))[0]  # "cx" is no word of the document


def test_a_page_pdfium_fails_on_is_pypdfs(tmp_path, monkeypatch):
    from assistant import pdf_text

    data = make_pdf(tmp_path / "p.pdf", ["First page of text.", "Second page of text.", "Third."]).read_bytes()
    real = pdf_text._Pdfium.page_lines
    seen = []

    def fails_on_second(self, page):
        seen.append(page)
        if len(seen) == 2:
            raise RuntimeError("pdfium trouble")
        return real(self, page)

    monkeypatch.setattr(pdf_text._Pdfium, "page_lines", fails_on_second)
    pages, _ = pdf_text.extract_pages(data)
    assert len(seen) == 3 and pages == ["First page of text.", "Second page of text.", "Third."]


def test_a_page_with_rotated_text_is_read_by_pypdf(tmp_path, monkeypatch):
    """Text set at an angle is left to pypdf (its lines run along another axis); the other pages are pdfium's."""
    from fpdf import FPDF

    from assistant import pdf_text

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.text(20, 20, "An upright page.")
    pdf.add_page()
    pdf.text(20, 20, "Upright words.")
    with pdf.rotation(90, 100, 150):
        pdf.text(100, 150, "Words set sideways.")
    data = bytes(pdf.output())
    by_pypdf = []
    real = pdf_text.page_text
    monkeypatch.setattr(pdf_text, "page_text", lambda page: by_pypdf.append(page) or real(page))
    pages, _ = pdf_text.extract_pages(data)
    assert len(by_pypdf) == 1  # the second page only
    assert pages == eq.pypdf_pages(data)[0] and "Words set sideways." in pages[1]


def test_without_pypdfium2_pypdf_reads_the_same_pages(tmp_path, monkeypatch):
    import sys

    from assistant import pdf_text

    data = make_pdf(tmp_path / "p.pdf", ["One page.", "Another page."], title="T").read_bytes()
    with_pdfium = pdf_text.extract_pages(data)
    monkeypatch.setattr(pdf_text, "_PDFIUM", None)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    assert pdf_text.extract_pages(data) == with_pdfium == (["One page.", "Another page."], "T")
    assert pdf_text._PDFIUM is False

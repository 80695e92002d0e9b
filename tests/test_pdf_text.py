"""assistant.pdf_text: page texts of the real UN PDFs, and the reasons given for PDFs that cannot be read."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from assistant.errors import SourceError
from assistant.pdf_text import extract_pages
from test_sources import encrypt_pdf, make_pdf
from conftest import require_realdocs

REALDOCS = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs"
REAL_PDFS = {"A-RES-78-16.pdf": 4, "A-RES-79-243.pdf": 46, "Paris-Call-2018.pdf": 4}


def realdoc(name: str) -> bytes:
    path = REALDOCS / name
    require_realdocs(path)
    return path.read_bytes()


def reason(data: bytes) -> str:
    with pytest.raises(SourceError) as info:
        extract_pages(data)
    assert info.value.source == ""  # load_document fills in the file's name
    return info.value.reason


@pytest.mark.parametrize("name, count", REAL_PDFS.items())
def test_real_pdf_pages_in_order_and_none_empty(name, count):
    pages, title = extract_pages(realdoc(name))
    assert len(pages) == count
    assert all(p.strip() for p in pages)
    assert not any("\r" in p for p in pages)
    assert title is None or (isinstance(title, str) and title == title.strip() and title)


def test_convention_page_9_holds_article_12_and_marks_paragraph_starts():
    pages, _ = extract_pages(realdoc("A-RES-79-243.pdf"))
    page = pages[8]
    assert "Article 12" in page and "Article 14" in page and "Article 12" not in pages[7]
    assert page.index("Article 12") < page.index("Article 13") < page.index("Article 14")
    lines = page.splitlines()
    # Indented sub-paragraphs start with a blank; their continuation lines do not.
    sub = next(i for i, line in enumerate(lines) if line.lstrip().startswith("(b) Any interference"))
    assert lines[sub][:1].isspace() and not lines[sub + 1][:1].isspace()


def test_resolution_keeps_its_symbol_and_paris_call_its_text():
    pages, _ = extract_pages(realdoc("A-RES-78-16.pdf"))
    assert "A/RES/78/16" in pages[0]
    pages, _ = extract_pages(realdoc("Paris-Call-2018.pdf"))
    assert "cyberspace" in " ".join(pages).lower()


def test_generated_pdf_pages_and_title(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", ["First page about norms.", "Second page on CBMs."], title="  Norms  ")
    pages, title = extract_pages(path.read_bytes())
    assert pages == ["First page about norms.", "Second page on CBMs."]
    assert title == "Norms"


def test_generated_pdf_without_title(tmp_path):
    pages, title = extract_pages(make_pdf(tmp_path / "r.pdf", ["Text."]).read_bytes())
    assert pages == ["Text."] and title is None


def test_blank_page_between_text_pages_is_kept_as_empty(tmp_path):
    pages, _ = extract_pages(make_pdf(tmp_path / "r.pdf", ["One.", "", "Three."]).read_bytes())
    assert pages == ["One.", "", "Three."]


def test_no_text_layer(tmp_path):
    assert reason(make_pdf(tmp_path / "scan.pdf", [""]).read_bytes()) == "no text layer (scanned PDF?)"


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\nthis is not really a pdf\n",
    b"garbage bytes only",
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + random.Random(3).randbytes(4000),
])
def test_corrupt(data):
    assert reason(data).startswith("corrupt PDF (")


def test_truncated(tmp_path):
    full = make_pdf(tmp_path / "p.pdf", ["Some text here."]).read_bytes()
    assert reason(full[: len(full) // 3]).startswith("corrupt PDF (")


def test_encrypted_with_password(tmp_path):
    src = make_pdf(tmp_path / "plain" / "p.pdf", ["Secret text."])
    data = encrypt_pdf(src, tmp_path / "locked.pdf", user_password="s3cret").read_bytes()
    assert reason(data) == "encrypted PDF (password required)"


def test_encrypted_with_empty_password_opens(tmp_path):
    src = make_pdf(tmp_path / "plain" / "p.pdf", ["Readable despite encryption."])
    pages, _ = extract_pages(encrypt_pdf(src, tmp_path / "open.pdf", user_password="").read_bytes())
    assert pages == ["Readable despite encryption."]


def test_encrypted_without_the_means_to_decrypt(tmp_path, monkeypatch):
    """AES needs the optional 'cryptography' package; without it pypdf raises DependencyError."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def no_aes(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_aes)
    src = make_pdf(tmp_path / "plain" / "p.pdf", ["Secret text."])
    data = encrypt_pdf(src, tmp_path / "aes.pdf", user_password="").read_bytes()
    assert reason(data) == "encrypted PDF (cannot decrypt: DependencyError: cryptography>=3.1 is required for AES algorithm)"


# Extraction by worker processes (pdf_text.parallel_extraction, used by the ingest): the same pages as in-process.
# They extract with pypdf, which only reads the pages where pypdfium2 is missing: these tests read without it.

@pytest.fixture
def without_pdfium(monkeypatch):
    from assistant import pdf_text

    monkeypatch.setattr(pdf_text, "_PDFIUM", False)


@pytest.mark.parametrize("name", REAL_PDFS)
def test_real_pdf_pages_the_same_in_worker_processes(name, without_pdfium):
    from assistant import pdf_text

    data = realdoc(name)
    alone = extract_pages(data)
    with pdf_text.parallel_extraction(workers=2):
        shared = extract_pages(data)
        started = len(pdf_text._pool.procs)
    assert shared == alone
    assert started == (2 if REAL_PDFS[name] >= pdf_text._MIN_PARALLEL_PAGES else 0)  # the 46-page PDF's went there
    assert pdf_text._pool is None


def test_generated_long_pdf_the_same_in_worker_processes_and_they_end_with_the_block(tmp_path, without_pdfium):
    from assistant import pdf_text

    texts = [f"Page {i} on confidence-building measures." if i != 4 else "" for i in range(11)]
    data = make_pdf(tmp_path / "long.pdf", texts, title="Long").read_bytes()
    with pdf_text.parallel_extraction(workers=2):
        with pdf_text.parallel_extraction():  # nested: shares the outer block's workers
            pages, title = extract_pages(data)
        workers = list(pdf_text._pool.procs)
        assert len(workers) == 2 and all(w.poll() is None for w in workers)
        assert all(os.getpriority(os.PRIO_PROCESS, w.pid) > os.getpriority(os.PRIO_PROCESS, 0) for w in workers)
        assert extract_pages(data) == (pages, title)  # the same workers again
        assert pdf_text._pool.procs == workers
    assert (pages, title) == extract_pages(data)
    assert pages[4] == "" and pages[10] == "Page 10 on confidence-building measures." and title == "Long"
    assert pdf_text._pool is None and all(w.returncode == 0 for w in workers)


def test_locked_long_pdf_gives_the_same_reason_with_workers(tmp_path, without_pdfium):
    from assistant import pdf_text

    src = make_pdf(tmp_path / "plain" / "p.pdf", [f"Secret page {i}." for i in range(10)])
    data = encrypt_pdf(src, tmp_path / "locked.pdf", user_password="s3cret").read_bytes()
    opened = encrypt_pdf(src, tmp_path / "open.pdf", user_password="").read_bytes()
    with pdf_text.parallel_extraction(workers=2):
        assert reason(data) == "encrypted PDF (password required)"
        pages, _ = extract_pages(opened)
        assert len(pdf_text._pool.procs) == 2
    assert pages == [f"Secret page {i}." for i in range(10)]


def test_killed_workers_fall_back_to_extracting_here(tmp_path, without_pdfium):
    from assistant import pdf_text

    data = make_pdf(tmp_path / "long.pdf", [f"Page {i}." for i in range(9)]).read_bytes()
    with pdf_text.parallel_extraction(workers=2):
        assert pdf_text._in_workers(data, 9) == [f"Page {i}." for i in range(9)]  # raw texts from the workers
        for worker in pdf_text._pool.procs:
            worker.kill()
            worker.wait(10)
        assert pdf_text._in_workers(data, 9) is None  # they are gone
        pages, _ = extract_pages(data)
    assert pages == [f"Page {i}." for i in range(9)]


def test_with_pdfium_no_worker_starts_and_the_pages_are_the_same(tmp_path):
    """pdfium reads a long PDF in this process (a tenth of pypdf's time): no worker starts for it."""
    from assistant import pdf_text

    assert pdf_text._pdfium() is not None  # a dependency: the pdfium path is the one that runs
    data = make_pdf(tmp_path / "long.pdf", [f"Page {i} on confidence-building measures." for i in range(10)]).read_bytes()
    with pdf_text.parallel_extraction(workers=2):
        pages, _ = extract_pages(data)
        assert pdf_text._pool.procs == []
    assert pages == [f"Page {i} on confidence-building measures." for i in range(10)]

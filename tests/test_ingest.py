"""Incremental, idempotent ingest and the index settings check (hashing fake embedder, real Chroma)."""
import os
import subprocess
import sys

import pytest

from assistant.embeddings import HashingEmbedder
from assistant.errors import IndexBusy, IndexMismatch, IndexMissing
from assistant.ingest import ingest_lock
from assistant.service import Assistant
from conftest import ROOT


def _open(settings):
    return Assistant(settings, embedder=HashingEmbedder(), create=True)


def test_add_change_delete_and_rerun(fake_settings):
    assistant = _open(fake_settings)
    first = assistant.ingest(progress=False)
    assert sorted(first.added) == ["belgium-cyber-diplomacy.txt", "sarajevo-workshop-cyber-diplomacy-2025.txt"]
    assert first.failed == () and first.chunks_written == assistant.store.count() > 10
    chunks_before = assistant.store.count()

    again = assistant.ingest(progress=False)
    assert again.added == again.updated == again.removed == () and len(again.unchanged) == 2
    assert again.chunks_written == 0 and assistant.store.count() == chunks_before

    src = fake_settings.sources
    (src / "new-note.md").write_text("---\ntitle: A note\npublisher: Test\n---\n# Note\n\nThe OEWG met in New York.\n")
    belgium = src / "belgium-cyber-diplomacy.txt"
    belgium.write_text(belgium.read_text(encoding="utf-8") + "\n\nAdded paragraph about the A/70/174 report.\n",
                       encoding="utf-8")
    (src / "sarajevo-workshop-cyber-diplomacy-2025.txt").unlink()
    report = assistant.ingest(progress=False)
    assert report.added == ("new-note.md",)
    assert report.updated == ("belgium-cyber-diplomacy.txt",)
    assert report.removed == ("sarajevo-workshop-cyber-diplomacy-2025.txt",)
    docs = assistant.store.documents()
    assert sorted(docs) == ["belgium-cyber-diplomacy.txt", "new-note.md"]
    # Only current versions remain: no orphans, no duplicates, counts add up.
    chunks = assistant.store.current_chunks()
    assert len(chunks) == assistant.store.count() == sum(r.chunks for r in docs.values())
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert docs["new-note.md"].meta.title == "A note"
    # The retriever sees the change without a restart.
    hits = assistant.search("A/70/174", top_k=1, mode="keyword")
    assert "A/70/174" in hits[0].chunk.text

    final = assistant.ingest(progress=False)
    assert len(final.unchanged) == 2 and final.chunks_written == 0


def test_catalog_change_counts_as_a_change(fake_settings):
    assistant = _open(fake_settings)
    assistant.ingest(progress=False)
    catalog = fake_settings.sources / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('title: "Cyber diplomacy"',
                                                                   'title: "Cyber diplomacy (Belgium)"'))
    report = assistant.ingest(progress=False)
    assert report.updated == ("belgium-cyber-diplomacy.txt",)
    assert assistant.store.documents()["belgium-cyber-diplomacy.txt"].meta.title == "Cyber diplomacy (Belgium)"


def test_bad_files_are_reported_and_the_rest_ingested(fake_settings):
    src = fake_settings.sources
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (src / "notes.xyz").write_text("unsupported")
    report = _open(fake_settings).ingest(progress=False)
    failed = {f.source: f.reason for f in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "broken.pdf", "notes.xyz"}
    assert all(reason for reason in failed.values())
    assert len(report.added) == 2


def test_a_file_that_breaks_keeps_its_previous_version(fake_settings):
    assistant = _open(fake_settings)
    assistant.ingest(progress=False)
    (fake_settings.sources / "belgium-cyber-diplomacy.txt").write_bytes(b"\x00\x00\x00")
    report = assistant.ingest(progress=False)
    assert [f.source for f in report.failed] == ["belgium-cyber-diplomacy.txt"]
    assert report.removed == ()
    assert "belgium-cyber-diplomacy.txt" in assistant.store.documents()


def test_index_built_with_other_settings_is_refused(fake_settings):
    _open(fake_settings).ingest(progress=False)
    other = fake_settings.replace(chunk_tokens=100)
    with pytest.raises(IndexMismatch, match="--rebuild"):
        _open(other).ask("What is cyber diplomacy?")
    with pytest.raises(IndexMismatch, match="chunk_tokens"):
        _open(other).ingest(progress=False)
    report = _open(other).ingest(rebuild=True, progress=False)
    assert len(report.added) == 2
    assert _open(other).ask("What is cyber diplomacy?").citations


def test_missing_index_is_a_clear_error(tmp_path, fake_settings):
    settings = fake_settings.replace(index=tmp_path / "nothing-here")
    with pytest.raises(IndexMissing, match="assistant ingest"):
        Assistant(settings, embedder=HashingEmbedder())


def test_second_ingest_at_once_is_refused(fake_settings):
    with ingest_lock(fake_settings):
        with pytest.raises(IndexBusy, match="another ingest"):
            _open(fake_settings).ingest(progress=False)


def test_the_lock_is_released_and_names_its_holder(fake_settings):
    with ingest_lock(fake_settings):
        pass
    with ingest_lock(fake_settings):  # released: taken again at once
        with pytest.raises(IndexBusy, match=rf"another ingest \(pid {os.getpid()}\) is writing to"):
            with ingest_lock(fake_settings):
                pass


def test_the_package_imports_where_there_is_no_fcntl():
    """Windows has no fcntl: the facade (which imports ingest) must still import there."""
    code = ("import sys; sys.modules['fcntl'] = None\n"
            "import assistant.ingest, assistant.service, assistant.cli\nprint('imported')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and "imported" in done.stdout, done.stderr[-2000:]


@pytest.mark.parametrize("module,attribute,setting", [
    ("assistant.ingest", "CLEANER_VERSION", "cleaner_version"),
    ("assistant.ingest", "SEGMENTATION_VERSION", "segmentation_version"),
    ("assistant.ingest", "STRUCTURE_VERSION", "structure_version"),
])
def test_an_index_cleaned_or_segmented_by_other_code_asks_for_a_rebuild(fake_settings, monkeypatch, module, attribute,
                                                                       setting):
    """Unit vectors are stored by position: text cut otherwise must not be paired with them."""
    import importlib

    _open(fake_settings).ingest(progress=False)
    monkeypatch.setattr(importlib.import_module(module), attribute, 999)
    with pytest.raises(IndexMismatch, match=f"{setting}.*--rebuild"):
        _open(fake_settings).ask("What is cyber diplomacy?")
    report = _open(fake_settings).ingest(rebuild=True, progress=False)
    assert len(report.added) + len(report.updated) == 2
    assert _open(fake_settings).ask("What is cyber diplomacy?").citations


def test_long_pdf_is_extracted_by_worker_processes_with_the_same_text(fake_settings, monkeypatch):
    """Without pypdfium2, a PDF of 8 pages or more goes to pdf_text's worker processes (pypdf) during an ingest;
    what is stored is what loading it in-process gives, and the workers end with the ingest."""
    from assistant import pdf_text
    from assistant.sources import load_document
    from test_sources import make_pdf

    monkeypatch.setattr(pdf_text, "_PDFIUM", False)

    pages = [f"Article {i}\n\nEach State Party shall adopt measure {i} on confidence building." for i in range(12)]
    pdf = make_pdf(fake_settings.sources / "long-convention.pdf", pages, title="A long convention")
    started = []
    real_start = pdf_text._Workers._start

    def spy(self):
        real_start(self)
        started.extend(self.procs)

    monkeypatch.setattr(pdf_text._Workers, "_start", spy)
    assistant = _open(fake_settings)
    report = assistant.ingest(progress=False)
    assert "long-convention.pdf" in report.added and report.failed == ()
    assert len(started) >= 1 and all(p.returncode == 0 for p in started)  # used, and ended with the ingest
    assert pdf_text._pool is None
    expected = load_document(pdf, fake_settings.sources)  # outside the ingest: extracted in this process
    assert assistant.store.document_text("long-convention.pdf") == expected.text
    assert "measure 11 on confidence building" in expected.text

"""benchmarks.pdf_extraction's quality proxies and benchmarks.realdocs' plumbing, on small inputs (never timed)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks import pdf_extraction as px
from benchmarks import realdocs
from test_sources import make_pdf

ROOT = Path(__file__).resolve().parent.parent


def printed_page(indent: str = " ") -> str:
    return "\n".join((indent if start else "") + line for line, start in px.REFERENCE)


def test_proxies_score_the_printed_page_as_perfect():
    page = printed_page()
    assert px.reading_order(page) == 1.0 and px.line_breaks(page) == 1.0
    assert px.paragraph_indent(page) == {"recall": 1.0, "false": 0.0}
    # Layout mode's left margin on every line: only the extra blanks count as indentation.
    margin = "\n".join("   " + line for line in page.splitlines())
    assert px.paragraph_indent(margin) == {"recall": 1.0, "false": 0.0}


def test_proxies_see_lost_line_breaks_order_and_indentation():
    flat = " ".join(line for line, _ in px.REFERENCE)
    assert px.reading_order(flat) == 1.0 and px.line_breaks(flat) == 0.0  # order survives, lines do not
    backwards = "\n".join(line for line, _ in reversed(px.REFERENCE))
    assert px.reading_order(backwards) < 0.1 and px.line_breaks(backwards) == 1.0
    assert px.paragraph_indent(printed_page(indent=""))["recall"] == 0.0
    footer_first = "\n".join([px.REFERENCE[-1][0]] + [line for line, _ in px.REFERENCE[:-1]])
    assert px.reading_order(footer_first) == (len(px.REFERENCE) - 1) / len(px.REFERENCE)


def test_split_glued_padded_and_odd_characters():
    pages = ["transparent, consensus -\ndriven and results   -based, 2021 –2025; a – b; - item",
             "Secretary-General, pre- and post-; wordsgluedtogetherhere"]
    assert len(px.split_words(pages)) == 3  # not the spaced dash, the list marker or the elisions
    vocab = px.vocabulary(["telecommunications"])
    assert px.glued_words(px.long_tokens(["telecommunications wordsgluedtogetherhere"]), vocab) == {
        "wordsgluedtogetherhere": 1}
    assert px.padded_lines(["a  b\nc d", "e"]) == 1 / 3
    assert px.odd_characters(["consensus\ufffedriven\x07"]) == 2


def test_recommendation_keeps_the_incumbent_unless_a_candidate_is_no_worse():
    base = {"s_per_page": 0.04, "split_words": 9, "glued_words": 0, "reading_order": 0.98, "line_breaks": 0.98,
            "indent_recall": 0.7, "indent_false": 0.0, "odd_characters": 0, "empty_pages": 0}
    slow_clean = {**base, "s_per_page": 0.12, "split_words": 0}
    no_indent = {**base, "s_per_page": 0.003, "indent_recall": 0.0}
    rec = px.recommend({px.INCUMBENT: base, "slow": slow_clean, "flat": no_indent})
    assert rec["choice"] == px.INCUMBENT
    assert any("speed" in w for w in rec["verdicts"]["slow"]["worse"])
    assert any("indentation" in w for w in rec["verdicts"]["flat"]["worse"])
    better = {**base, "split_words": 0, "s_per_page": 0.05}
    assert px.recommend({px.INCUMBENT: base, "better": better})["choice"] == "better"


def test_realdocs_corpora_and_per_document_figures(tmp_path):
    docs = tmp_path / "realdocs"
    make_pdf(docs / realdocs.CONVENTION, ["Article 12. Each State Party shall adopt measures.", "Article 13."])
    (docs / "MANIFEST.md").write_text("# not a source\n", encoding="utf-8")
    (docs / "note.txt").write_text("Confidence-building measures reduce risk.\n", encoding="utf-8")
    corpora = realdocs.build_corpora(docs, tmp_path / "work")
    assert sorted(p.name for p in (corpora["all"] / "realdocs").iterdir()) == [realdocs.CONVENTION, "note.txt"]
    assert (corpora["all"] / "catalog.yaml").is_file()
    assert [p.name for p in corpora["convention"].iterdir()] == [realdocs.CONVENTION]
    rows = {r["document"]: r for r in realdocs.per_document(corpora["convention"], 160, repeats=1)}
    pdf = rows[realdocs.CONVENTION]
    assert pdf["format"] == "pdf" and pdf["pages"] == 2 and pdf["chunks"] >= 1
    assert pdf["load_clean_ms"] > 0 and pdf["extract_ms"] > 0 and pdf["total_ms"] >= pdf["chunk_ms"]


def test_realdocs_missing_folder_is_a_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "benchmarks.realdocs", "--realdocs", str(tmp_path / "none")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "real documents not found" in done.stderr and "Traceback" not in done.stderr


def test_pdf_extraction_reports_every_candidate_as_json_fields():
    """The four candidates the brief names are compared; PyMuPDF is excluded, with its reason."""
    assert set(px.CANDIDATES) == {"pypdf extract_text()", "pypdf layout mode", "pdfplumber", "pypdfium2"}
    assert "PyMuPDF (fitz)" in px.EXCLUDED


def test_index_identity_dump_and_compare(tmp_path, capsys):
    """benchmarks.index_identity: two builds of the same sources compare identical; a changed document does not."""
    from assistant.config import Settings
    from assistant.embeddings import HashingEmbedder
    from assistant.service import Assistant
    from benchmarks import index_identity

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Confidence-building measures reduce risk.\n\nStates cooperate.\n", encoding="utf-8")
    dumps = []
    for name, extra in (("one", ""), ("two", ""), ("three", " More text.")):
        if extra:
            (src / "a.txt").write_text("Confidence-building measures reduce risk." + extra + "\n", encoding="utf-8")
        s = Settings(sources=src, index=tmp_path / name / "index", data_dir=tmp_path / name / "data",
                     embedding_model="hashing")
        a = Assistant(s, embedder=HashingEmbedder(), create=True)
        a.ingest(progress=False)
        index_identity.dump(a.store, tmp_path / name)
        dumps.append(tmp_path / name)
    assert index_identity.compare(dumps[0], dumps[1])
    assert not index_identity.compare(dumps[0], dumps[2])
    assert "RESULT DIFFERENT" in capsys.readouterr().out

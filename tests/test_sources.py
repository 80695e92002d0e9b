"""Tests for assistant.sources: real files of every format, metadata precedence, bad inputs."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from assistant.errors import SourceError
from assistant.schema import IngestFailure, SourceMeta
from assistant.sources import (
    CATALOG_NAME,
    SUPPORTED_SUFFIXES,
    discover,
    load_catalog,
    load_document,
    relative_source,
)

FRENCH = (
    "La délégation française réaffirme que le droit international s'applique au cyberespace. "
    "Les États doivent coopérer, prévenir les activités malveillantes et protéger les "
    "infrastructures critiques. Ça reste une priorité à l'échelle européenne.\n"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def make_pdf(path: Path, pages: list[str], title: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 10, text)
        else:
            pdf.rect(20, 20, 50, 50, style="F")  # ink but no text, like a scan
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def encrypt_pdf(src: Path, dst: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    with open(dst, "wb") as fh:
        writer.write(fh)
    return dst


def load(path: Path, root: Path, catalog=None):
    return load_document(path, root, catalog)


def assert_source_error(path: Path, root: Path, *words: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_document(path, root)
    assert info.value.source == relative_source(path, root)
    assert path.name in str(info.value)
    for word in words:
        assert word in info.value.reason
    return info.value


# --- plain text -----------------------------------------------------------------------------


def test_txt_utf8_kept_verbatim_with_normalised_line_endings(tmp_path):
    raw = "  Norm 13(a):\r\n\tStates “should” cooperate —  even   here.\r\n\r\n\nLast line ✓  "
    doc = load(write(tmp_path / "un_norms-2015.txt", raw), tmp_path)
    assert doc.text == raw.replace("\r\n", "\n")
    assert doc.format == "txt"
    assert doc.page_starts == () and doc.page_at(5) is None
    assert doc.meta == SourceMeta(title="un norms 2015")


def test_txt_bom_is_stripped(tmp_path):
    doc = load(write(tmp_path / "bom.txt", "\ufeffCafé statement\n".encode("utf-8")), tmp_path)
    assert doc.text == "Café statement\n"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_txt_legacy_encodings_are_detected(tmp_path, encoding):
    doc = load(write(tmp_path / "fr.txt", FRENCH.encode(encoding)), tmp_path)
    assert doc.text == FRENCH


def test_txt_cp1252_smart_quotes(tmp_path):
    text = FRENCH.replace("s'applique", "s’applique") + "« Coopération » — “confiance”.\n"
    doc = load(write(tmp_path / "quotes.txt", text.encode("cp1252")), tmp_path)
    assert doc.text == text


def test_heading_in_text_is_title_fallback(tmp_path):
    doc = load(write(tmp_path / "x.txt", "intro\n# Real Title ##\nbody\n"), tmp_path)
    assert doc.meta.title == "Real Title"


# --- markdown -------------------------------------------------------------------------------


def test_markdown_front_matter_parsed_and_removed(tmp_path):
    md = (
        "---\ntitle: Final Report of the OEWG\npublisher: United Nations\n"
        "url: https://example.org/oewg\ndate: 2021-03-12\n---\n\n"
        "# Heading That Is Not The Title\n\nIntro *text*.\n\n- item one\n- item two\n"
    )
    doc = load(write(tmp_path / "reports" / "oewg.markdown", md), tmp_path)
    assert doc.source == "reports/oewg.markdown"
    assert doc.format == "md"
    # Markup is stripped by the cleaning stage: quotes and the document view show "text", not "*text*".
    assert doc.text == "# Heading That Is Not The Title\n\nIntro text.\n- item one\n- item two"
    assert doc.meta == SourceMeta(
        title="Final Report of the OEWG",
        publisher="United Nations",
        url="https://example.org/oewg",
        date="2021-03-12",
    )


def test_markdown_without_front_matter_uses_first_heading(tmp_path):
    md = "Preamble line\n\n## Tallinn Manual Rule 1\n\nText.\n"
    doc = load(write(tmp_path / "tallinn.md", md), tmp_path)
    assert doc.text == md.strip()  # cleaned: one block per line, blank lines between blocks
    assert doc.meta.title == "Tallinn Manual Rule 1"


def test_markdown_leading_rule_is_not_front_matter(tmp_path):
    md = "---\nJust a rule and a sentence.\n---\nMore.\n"
    doc = load(write(tmp_path / "rule.md", md), tmp_path)
    assert doc.text == "Just a rule and a sentence.\n\nMore."  # thematic breaks are markup, not text


def test_markdown_malformed_front_matter(tmp_path):
    path = write(tmp_path / "bad_fm.md", "---\ntitle: [unclosed\n---\nBody\n")
    assert_source_error(path, tmp_path, "front matter")


# --- catalog and metadata precedence --------------------------------------------------------


def test_catalog_overrides_front_matter_and_changes_hash(tmp_path):
    md = "---\ntitle: Front Title\npublisher: Front Pub\n---\nBody text.\n"
    path = write(tmp_path / "sub" / "doc.md", md)
    before = load(path, tmp_path, load_catalog(tmp_path))
    assert before.meta == SourceMeta(title="Front Title", publisher="Front Pub")

    write(tmp_path / CATALOG_NAME, "sub/doc.md:\n  title: Catalog Title\n  date: 2015-07-22\n")
    catalog = load_catalog(tmp_path)
    assert catalog == {"sub/doc.md": SourceMeta(title="Catalog Title", date="2015-07-22")}
    after = load(path, tmp_path, catalog)
    assert after.meta == SourceMeta(title="Catalog Title", publisher="Front Pub", date="2015-07-22")
    assert after.text == before.text
    assert after.content_hash != before.content_hash
    assert load(path, tmp_path, catalog).content_hash == after.content_hash
    assert len(after.content_hash) == 64


def test_issuing_body_and_web_host_become_the_publisher_when_nothing_names_one(tmp_path):
    # A scraped page: its URL under the key scrapers use, and a host whose publisher is well known.
    md = ("---\ntitle: Joint Statement\nsource_url: https://bidenwhitehouse.archives.gov/briefing-room/x/\n---\n\n"
          "We, the governments of A and B, recognize the threat.\n")
    page = load(write(tmp_path / "statement.md", md), tmp_path)
    assert page.meta == SourceMeta(title="Joint Statement", publisher="The White House",
                                   url="https://bidenwhitehouse.archives.gov/briefing-room/x/")
    # A resolution: its symbol vouches for the body that adopted it.
    res = ("United Nations\nA/RES/99/1\n\nGeneral Assembly\n\nResolution adopted by the General Assembly on "
           "1 December 2030\n\n99/1. Cyber things\n\nThe General Assembly,\n\n1. Decides to act.\n")
    assert load(write(tmp_path / "res.txt", res), tmp_path).meta.publisher == "United Nations General Assembly"
    # A news page that mentions the General Assembly is not the Assembly's; an unknown host names nobody.
    news = "# Workshop news\n\nThe General Assembly adopted a resolution last year, speakers recalled.\n"
    assert load(write(tmp_path / "news.md", news), tmp_path).meta.publisher is None
    other = "---\ntitle: Blog\nsource_url: https://example.org/un.org/post\n---\n\nText.\n"
    assert load(write(tmp_path / "blog.md", other), tmp_path).meta.publisher is None
    # What front matter or the catalog says still wins.
    own = md.replace("source_url:", "publisher: Someone Else\nsource_url:")
    assert load(write(tmp_path / "own.md", own), tmp_path).meta.publisher == "Someone Else"


def test_catalog_missing_and_malformed(tmp_path):
    assert load_catalog(tmp_path) == {}
    write(tmp_path / CATALOG_NAME, "a.txt: {title: [oops\n")
    with pytest.raises(SourceError) as info:
        load_catalog(tmp_path)
    assert info.value.source == "catalog.yaml"
    write(tmp_path / CATALOG_NAME, "a.txt:\n  publisher: no title here\n")
    with pytest.raises(SourceError, match="title"):
        load_catalog(tmp_path)


def test_content_hash_depends_on_bytes(tmp_path):
    a = load(write(tmp_path / "a.txt", "same\n"), tmp_path)
    b = load(write(tmp_path / "a.txt", "same\r\n"), tmp_path)
    assert a.text == b.text and a.content_hash != b.content_hash
    assert a.content_hash != hashlib.sha256(b"same\n").hexdigest()  # metadata is included


# --- HTML -----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><title>Cyber Norms | Ministry</title>
<style>.secret-style { color: red }</style>
<script>var trackingScript = "SCRIPT_TEXT";</script></head>
<body><nav><a href="/">Home</a> NAVIGATION_TEXT</nav>
<header>HEADER_BANNER</header>
<main><article>
<h1>Norms of Responsible State Behaviour</h1>
<p>States should not conduct or knowingly support ICT activity contrary to their obligations
under international law that intentionally damages critical infrastructure.</p>
<h2>Key commitments</h2>
<ul><li>Cooperate to increase stability and security</li><li>Respect human rights online</li></ul>
<p>Confidence-building measures and capacity building help developing states implement the
framework agreed by consensus in the General Assembly.</p>
<table><tr><th>Norm</th><th>Year</th></tr><tr><td>13(f)</td><td>2015</td></tr></table>
<p>Symbols such as A_b*c* stay as written.</p>
</article></main>
<footer>FOOTER_COPYRIGHT 2024</footer></body></html>"""


def test_html_main_text_with_markers(tmp_path):
    doc = load(write(tmp_path / "norms.htm", HTML), tmp_path)
    assert doc.format == "html"
    assert doc.meta.title == "Cyber Norms | Ministry"
    for junk in ("SCRIPT_TEXT", "secret-style", "NAVIGATION_TEXT", "FOOTER_COPYRIGHT", "<"):
        assert junk not in doc.text
    lines = doc.text.split("\n")
    assert "# Norms of Responsible State Behaviour" in lines
    assert "## Key commitments" in lines
    assert "- Cooperate to increase stability and security" in lines
    assert "- Respect human rights online" in lines
    assert "intentionally damages critical infrastructure." in doc.text
    assert "Norm | Year\n13(f) | 2015" in doc.text
    assert "Symbols such as A_b*c* stay as written." in lines  # no Markdown escaping/emphasis


def test_html_small_page_fallback_and_og_title(tmp_path):
    html = (
        '<html><head><meta property="og:title" content="OG Title"></head><body>'
        "<nav>MENU</nav><h3>Tiny</h3><ul><li>one</li><li>two</li></ul><div>Short note.</div>"
        "<script>x=1</script></body></html>"
    )
    doc = load(write(tmp_path / "tiny.html", html), tmp_path)
    assert doc.meta.title == "OG Title"
    assert "MENU" not in doc.text and "x=1" not in doc.text
    assert "Short note." in doc.text
    assert "- one" in doc.text.split("\n")


def test_html_fragment_and_declared_charset(tmp_path):
    assert load(write(tmp_path / "frag.html", "<p>Just a fragment.</p>"), tmp_path).text == (
        "Just a fragment."
    )
    page = "<html><head><meta charset='iso-8859-1'><title>Délégation</title></head>"
    page += "<body><h2>Coopération</h2><p>Déclaration française.</p></body></html>"
    doc = load(write(tmp_path / "latin.html", page.encode("latin-1")), tmp_path)
    assert doc.meta.title == "Délégation"
    assert doc.text == "## Coopération\n\nDéclaration française."


def test_html_without_text(tmp_path):
    path = write(tmp_path / "blank.html", "<html><head><script>a()</script></head><body></body></html>")
    assert_source_error(path, tmp_path)


def test_html_deeply_nested_does_not_crash(tmp_path):
    path = write(tmp_path / "deep.html", "<div>" * 50000 + "deep text" + "</div>" * 50000)
    try:
        doc = load(path, tmp_path)
    except SourceError as exc:
        assert "deep.html" in str(exc)
    else:
        assert "deep text" in doc.text


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_pages_and_title(tmp_path):
    path = make_pdf(tmp_path / "report.pdf", ["First page about norms.", "Second page on CBMs."],
                    title="GGE Report 2015")
    doc = load(path, tmp_path)
    assert doc.format == "pdf"
    assert doc.meta.title == "GGE Report 2015"
    assert len(doc.page_starts) == 2 and doc.page_starts[0] == 0
    second = doc.text.index("Second page")
    assert doc.page_starts[1] <= second
    assert doc.text[doc.page_starts[1] - 2 : doc.page_starts[1]] == "\n\n"
    assert doc.page_at(doc.text.index("First page")) == 1
    assert doc.page_at(second) == 2
    assert doc.page_at(len(doc.text) - 1) == 2


def test_pdf_encrypted_with_empty_password_opens(tmp_path):
    src = make_pdf(tmp_path / "plain" / "p.pdf", ["Readable despite encryption."])
    path = encrypt_pdf(src, tmp_path / "open.pdf", user_password="")
    assert "Readable despite encryption." in load(path, tmp_path).text


def test_pdf_encrypted_with_password(tmp_path):
    src = make_pdf(tmp_path / "plain" / "p.pdf", ["Secret text."])
    path = encrypt_pdf(src, tmp_path / "locked.pdf", user_password="s3cret")
    assert_source_error(path, tmp_path, "encrypted PDF (password required)")


def test_pdf_without_text_layer(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [""])
    assert_source_error(path, tmp_path, "no text layer")


@pytest.mark.parametrize("data", [b"%PDF-1.7\nthis is not really a pdf\n", b"garbage bytes only"])
def test_pdf_corrupt(tmp_path, data):
    assert_source_error(write(tmp_path / "broken.pdf", data), tmp_path)


def test_pdf_truncated(tmp_path):
    full = make_pdf(tmp_path / "plain" / "p.pdf", ["Some text here."]).read_bytes()
    assert_source_error(write(tmp_path / "cut.pdf", full[: len(full) // 3]), tmp_path)


# --- DOCX -----------------------------------------------------------------------------------


def make_docx(path: Path, title: str | None = "Core Title") -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_heading("Tallinn Manual 2.0", level=0)
    document.add_heading("Sovereignty", level=2)
    document.add_paragraph("States enjoy sovereignty over cyber infrastructure.")
    document.add_paragraph("first point", style="List Bullet")
    document.add_paragraph("second point", style="List Number")
    document.add_paragraph("")
    document.add_paragraph("Closing paragraph.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["Rule", "Topic"], ["1", "Sovereignty"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_docx_structure_and_title(tmp_path):
    doc = load(make_docx(tmp_path / "tallinn.docx"), tmp_path)
    assert doc.format == "docx"
    assert doc.meta.title == "Core Title"
    assert doc.text == (
        "# Tallinn Manual 2.0\n\n## Sovereignty\n\n"
        "States enjoy sovereignty over cyber infrastructure.\n\n"
        "- first point\n1. second point\n\nClosing paragraph.\n\nRule | Topic\n1 | Sovereignty"
    )


def test_docx_title_falls_back_to_heading(tmp_path):
    doc = load(make_docx(tmp_path / "t.docx", title=None), tmp_path)
    assert doc.meta.title == "Tallinn Manual 2.0"


def test_docx_corrupt(tmp_path):
    assert_source_error(write(tmp_path / "broken.docx", b"PK\x03\x04 not a zip"), tmp_path,
                        "corrupt Word document")


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.pdf", "empty.docx"])
def test_empty_file(tmp_path, name):
    assert_source_error(write(tmp_path / name, b""), tmp_path, "empty file")


def test_whitespace_only_text(tmp_path):
    assert_source_error(write(tmp_path / "blank.txt", " \n\t\n"), tmp_path)


def test_binary_data_with_txt_suffix(tmp_path):
    data = bytes(range(256)) * 4
    assert_source_error(write(tmp_path / "image.txt", data), tmp_path, "binary")
    controls = bytes(range(1, 9)) * 50
    assert_source_error(write(tmp_path / "ctrl.txt", controls), tmp_path, "binary")


def test_undetectable_encoding(tmp_path):
    path = write(tmp_path / "mystery.txt", bytes(range(128, 256)) * 2)
    assert_source_error(path, tmp_path, "encoding could not be detected")


def test_unsupported_suffix(tmp_path):
    path = write(tmp_path / "notes.xyz", "text")
    assert_source_error(path, tmp_path, "unsupported format '.xyz'")
    _, failures = discover(tmp_path)
    assert failures[0].source == "notes.xyz"
    assert "unsupported format '.xyz' (supported: .docx" in failures[0].reason


def test_vanished_file(tmp_path):
    assert_source_error(tmp_path / "gone.txt", tmp_path, "vanished")


PERMISSION_CHECK = """
import sys
from pathlib import Path
from assistant.errors import SourceError
from assistant.sources import load_document
try:
    load_document(Path(sys.argv[1]), Path(sys.argv[2]))
except SourceError as exc:
    print(exc.reason)
"""


def test_permission_denied(tmp_path):
    import shutil
    import subprocess
    import sys

    path = write(tmp_path / "locked.txt", "secret")
    path.chmod(0)
    try:
        if os.geteuid() != 0:
            assert_source_error(path, tmp_path, "permission denied")
            return
        # Root reads anything: run the loader without the capabilities that let it ignore file modes.
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test unreadable files as root"
        out = subprocess.run([setpriv, "--bounding-set", "-dac_override,-dac_read_search", sys.executable, "-c",
                              PERMISSION_CHECK, str(path), str(tmp_path)], capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "permission denied", out.stderr[-1000:]
    finally:
        path.chmod(0o600)


# --- discovery ------------------------------------------------------------------------------


def test_discover_sorts_and_skips_hidden_and_catalog(tmp_path):
    for name in ["b.txt", "a/z.md", "a/b.PDF", ".hidden.txt", ".git/config.txt", CATALOG_NAME,
                 "c/d/e.docx"]:
        write(tmp_path / name, "x")
    files, failures = discover(tmp_path)
    assert [relative_source(p, tmp_path) for p in files] == ["a/b.PDF", "a/z.md", "b.txt",
                                                            "c/d/e.docx"]
    assert failures == []
    assert SUPPORTED_SUFFIXES == {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_discover_reports_special_files(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    files, failures = discover(tmp_path)
    assert files == [] and failures == [IngestFailure("pipe.txt", "not a regular file")]


def test_discover_missing_root(tmp_path):
    with pytest.raises(SourceError, match="sources folder does not exist"):
        discover(tmp_path / "nope")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlinks(tmp_path):
    root, outside = tmp_path / "sources", tmp_path / "outside"
    write(outside / "secret.txt", "outside secret")
    write(root / "real" / "inside.txt", "inside text")
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)
    (root / "alias.txt").symlink_to(root / "real" / "inside.txt")
    (root / "real" / "loop").symlink_to(root / "real", target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    files, failures = discover(root)
    assert [relative_source(p, root) for p in files] == ["alias.txt", "real/inside.txt"]
    reasons = {f.source: f.reason for f in failures}
    assert reasons["leak.txt"] == "symlink points outside the sources folder"
    assert reasons["leakdir"] == "symlink points outside the sources folder"
    assert "loop" in reasons["real/loop"] and "loop" in reasons["self.txt"]
    assert all(isinstance(f, IngestFailure) for f in failures)
    assert load(root / "alias.txt", root).text == "inside text"
    err = assert_source_error(root / "leak.txt", root, "outside")
    assert "secret" not in err.reason


# --- the project's own sources --------------------------------------------------------------

PROJECT_SOURCES = Path(__file__).resolve().parents[1] / "sources"


@pytest.mark.parametrize("path", sorted(PROJECT_SOURCES.glob("*.txt")), ids=lambda p: p.name)
def test_project_txt_sources_are_verbatim(path):
    doc = load(path, PROJECT_SOURCES)
    assert doc.text == path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")

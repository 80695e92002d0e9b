"""Bad files through a real ingest: each is reported by name, the rest are ingested and answer questions."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.embeddings import HashingEmbedder
from assistant.ingest import MAX_TEXT_CHARS
from assistant.service import Assistant
from test_reliability_ingest import cli, write_corpus
from test_sources import encrypt_pdf, make_pdf

GOOD = ("Confidence-building measures reduce the risk of conflict stemming from the use of ICTs. "
        "The OSCE adopted sixteen such measures in 2016.\n")
LATIN1 = ("La délégation française réaffirme que le droit international s'applique au cyberespace. "
          "Les États coopèrent pour protéger les infrastructures critiques.\n")


def nested_html(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "Deep text about norms." + "</div>" * depth + "</body></html>"


def build_bad_folder(root: Path, outside: Path) -> dict[str, str]:
    """A sources folder of good and bad files; returns bad file -> words its reason must contain."""
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))  # not UTF-8, but a real text
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text(" \n\t\n", encoding="utf-8")
    (root / "binary.txt").write_bytes(random.Random(1).randbytes(20_000))
    (root / "stray-bytes.md").write_bytes(bytes(random.Random(2).randrange(0x80, 0x100) for _ in range(5000))
                                          .replace(b"\x00", b"\x81") + b"\x01\x02\x03" * 500)
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                                       + random.Random(3).randbytes(4000))
    make_pdf(root / "plain.pdf", ["The OSCE confidence-building measures were adopted in 2016."])
    encrypt_pdf(root / "plain.pdf", root / "encrypted.pdf", "secret")
    (root / "plain.pdf").unlink()
    (root / "deep.html").write_text(nested_html(50_000), encoding="utf-8")
    # 50 MB of text, written here, never committed: rejected from its size before it is read.
    line = ("State behaviour in cyberspace is guided by norms and international law. " * 10 + "\n").encode()
    with (root / "huge.txt").open("wb") as fh:
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    # Under the byte limit but over the text limit: read, decoded, then refused.
    (root / "long.md").write_text("Norms of responsible state behaviour apply. " * (MAX_TEXT_CHARS // 43 + 10),
                                  encoding="utf-8")
    (outside / "secret.txt").write_text("Outside secret about norms.\n", encoding="utf-8")
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "leakdir").symlink_to(outside, target_is_directory=True)
    return {
        "empty.txt": "empty", "blank.md": "empty", "binary.txt": "binary", "stray-bytes.md": "",
        "corrupt.pdf": "corrupt PDF", "encrypted.pdf": "encrypted PDF", "huge.txt": "too large",
        "long.md": "too much text", "leak.txt": "outside the sources folder", "leakdir": "outside the sources folder",
    }


@pytest.mark.slow
def test_bad_files_are_reported_by_name_and_the_rest_ingested(tmp_path):
    """A real ingest through the CLI (hashing embedder) of a folder full of bad files."""
    outside = tmp_path / "outside"
    outside.mkdir()
    sources, index = tmp_path / "sources", tmp_path / "index"
    bad = build_bad_folder(sources, outside)
    started = time.perf_counter()
    done = cli("ingest", "--sources", str(sources), "--index", str(index), "--json", cwd=tmp_path)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    failed = {f["source"]: f["reason"] for f in report["failed"]}
    for name, words in bad.items():
        assert name in failed, f"{name} was not reported (report: {report})"
        assert words in failed[name], f"{name}: {failed[name]}"
    assert {"good.txt", "latin1.txt"} <= set(report["added"])
    # deep.html: extracted or reported by name, never a crash; nothing outside the folder is read.
    assert "deep.html" in set(report["added"]) | set(failed)
    assert not any("secret" in s for s in report["added"])
    print(f"\n{len(bad) + 1} bad files: {len(failed)} reported, deep.html "
          f"{'ingested' if 'deep.html' in report['added'] else 'reported'}; ingest took {seconds:.1f} s")
    for name, reason in sorted(failed.items()):
        print(f"  {name}: {reason}")

    # In text mode each skipped file is said once, with its reason (not once by the log and again by the report).
    again = cli("ingest", "--sources", str(sources), "--index", str(index), "--quiet", cwd=tmp_path)
    said = again.stdout + again.stderr
    for name in bad:
        assert said.count(f"skipped {name}:") == 1, said[-3000:]

    status = cli("status", "--json", "--index", str(index), cwd=tmp_path)
    held = {s["source"] for s in json.loads(status.stdout)["sources"]}
    assert held == set(report["added"])
    answer = cli("ask", "Which measures did the OSCE adopt in 2016?", "--json", "--index", str(index), cwd=tmp_path)
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["passages"][0]["source"] == "good.txt"
    french = cli("search", "délégation française", "--mode", "keyword", "--json", "--index", str(index), cwd=tmp_path)
    assert json.loads(french.stdout)["passages"][0]["source"] == "latin1.txt"
    assert "délégation française" in json.loads(french.stdout)["passages"][0]["text"]


class VanishingEmbedder(HashingEmbedder):
    """The hashing embedder, deleting a file on its first batch: the file vanishes mid-ingest."""

    def __init__(self, victim: Path):
        super().__init__()
        self.victim = victim

    def embed(self, texts):
        if self.victim.exists():
            self.victim.unlink()
        return super().embed(texts)


def test_a_file_that_vanishes_during_ingest_is_reported_and_the_rest_ingested(tmp_path):
    """Discovered, then deleted while earlier documents are being embedded: reported, the others kept."""
    sources = tmp_path / "sources"
    write_corpus(sources, range(3), "revision one", sections=30)  # ~90 passages: three flushes of work
    write_corpus(sources, range(3, 30), "revision one", sections=10)
    victim = sources / "doc029.md"
    settings = Settings(sources=sources, index=tmp_path / "index", embedding_model="hashing")
    assistant = Assistant(settings, embedder=VanishingEmbedder(victim), create=True)
    report = assistant.ingest(progress=False, log=lambda _: None)
    assert not victim.exists()
    assert [f.source for f in report.failed] == ["doc029.md"]
    assert "No such file" in report.failed[0].reason or "vanished" in report.failed[0].reason
    assert len(report.added) == 29
    assert {r.source for r in assistant.status().sources} == {f"doc{i:03d}.md" for i in range(29)}

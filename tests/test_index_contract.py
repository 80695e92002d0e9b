"""One contract for the index, run against the embedded Chroma store and a real `chroma run` server on loopback."""
from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from assistant.chunking import chunk_document
from assistant.config import Settings
from assistant.embeddings import HashingEmbedder
from assistant.index import ChromaStore, where_clause
from assistant.schema import Document, SourceMeta
from ui_server import free_port

EMBED = HashingEmbedder()
_names = itertools.count()


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run --path DIR --host 127.0.0.1 --port N`, the command that ships with chromadb."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma command (shipped with chromadb) is not installed"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w")
    proc = subprocess.Popen([chroma, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, (data / "server.log").read_text()[-2000:]
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(params=["embedded", "server"])
def store_factory(request, tmp_path):
    """Opens a store on the backend under test; each test gets collections of its own."""
    prefix = f"contract{next(_names)}"

    def open_store() -> ChromaStore:
        if request.param == "server":
            return ChromaStore(url=request.getfixturevalue("chroma_server"), prefix=prefix)
        return ChromaStore(path=tmp_path / "index", prefix=prefix)

    open_store.backend = request.param
    return open_store


def doc(source: str, text: str, publisher: str = "OSCE") -> Document:
    import hashlib

    return Document(source=source, text=text, meta=SourceMeta(title=source.title(), publisher=publisher),
                    content_hash=hashlib.sha256(text.encode()).hexdigest(), format="txt")


def put(store: ChromaStore, d: Document) -> list:
    chunks = chunk_document(d, 40)
    store.put_document(d, chunks, EMBED.embed([c.text for c in chunks]))
    return chunks


TEXT_A = ("# Confidence building\n\nThe OSCE adopted sixteen confidence-building measures in 2016. "
          "They reduce the risk of conflict.\n\n# Norms\n\nStates should not attack critical infrastructure. "
          "Norms are voluntary and non-binding.\n")
TEXT_A2 = TEXT_A.replace("sixteen", "sixteen (revised)") + "\n# Annex\n\nA new annex on points of contact.\n"
TEXT_B = "# Toolbox\n\nThe EU cyber diplomacy toolbox includes sanctions against malicious cyber activities.\n"


def test_empty_store(store_factory):
    store = store_factory()
    assert store.documents() == {} and store.count() == 0 and store.current_chunks() == []
    assert store.read_settings() is None and store.read_journal() is None
    assert store.query(EMBED.embed(["anything"])[0], 5) == []


def test_written_documents_read_back_whole_and_in_order(store_factory):
    store = store_factory()
    a, b = doc("a.txt", TEXT_A), doc("b.txt", TEXT_B, publisher="EU")
    chunks_a, chunks_b = put(store, a), put(store, b)
    records = store.documents()
    assert set(records) == {"a.txt", "b.txt"}
    assert records["a.txt"].doc_hash == a.content_hash and records["a.txt"].chunks == len(chunks_a)
    assert records["b.txt"].meta.publisher == "EU"
    assert store.current_chunks() == sorted(chunks_a + chunks_b, key=lambda c: (c.source, c.index))
    assert store.count() == len(chunks_a) + len(chunks_b)
    assert store.document_text("a.txt") == TEXT_A and store.document_text("../a.txt") is None
    # Nearest neighbour of a passage's own vector is that passage.
    target = chunks_b[0]
    hits = store.query(EMBED.embed([target.text])[0], 3)
    assert hits[0][0] == target.chunk_id and hits[0][1] == pytest.approx(1.0, abs=1e-4)
    vectors = store.embeddings_for([target.chunk_id])
    assert np.allclose(vectors[target.chunk_id], EMBED.embed([target.text])[0], atol=1e-6)


def test_filters_apply_inside_the_vector_query(store_factory):
    store = store_factory()
    chunks_a = put(store, doc("a.txt", TEXT_A))
    put(store, doc("b.txt", TEXT_B, publisher="EU"))
    query = EMBED.embed([TEXT_B])[0]
    only_a = store.query(query, 10, where_clause(sources=["a.txt"]))
    assert {cid for cid, _ in only_a} == {c.chunk_id for c in chunks_a}
    only_eu = store.query(query, 10, where_clause(publishers=["EU"]))
    assert only_eu and all(cid not in {c.chunk_id for c in chunks_a} for cid, _ in only_eu)
    assert store.query(query, 10, where_clause(sources=["a.txt"], publishers=["EU"])) == []


def test_a_new_version_replaces_the_old_one(store_factory):
    store = store_factory()
    put(store, doc("a.txt", TEXT_A))
    new = put(store, doc("a.txt", TEXT_A2))
    assert store.current_chunks() == new and store.count() == len(new)
    assert store.documents()["a.txt"].chunks == len(new)


def test_unit_vectors_read_back_as_written_and_packed(store_factory):
    store = store_factory()
    d = doc("a.txt", TEXT_A)
    chunks = chunk_document(d, 40)
    rows = [np.eye(3, 4, k, dtype=np.float32) for k in range(len(chunks))]
    store.put_documents([(d, chunks, EMBED.embed([c.text for c in chunks]))], unit_vectors=rows)
    ids = [c.chunk_id for c in chunks]
    read = store.unit_vectors(ids + ["no-such-passage"])
    packed = store.packed_unit_vectors(ids)
    assert set(read) == set(packed) == set(ids)
    for cid, want in zip(ids, rows):
        assert np.allclose(read[cid], want, atol=1e-2)
        assert np.array_equal(store.unpack_unit_vectors(packed[cid]), read[cid])


def test_an_interrupted_write_stays_invisible_until_cleaned(store_factory):
    """Chunks of a version whose record was never written (a killed ingest) are ignored, then removed."""
    store = store_factory()
    old = put(store, doc("a.txt", TEXT_A))
    half = doc("a.txt", TEXT_A2)
    chunks = chunk_document(half, 40)
    # What a kill between "upsert chunks" and "write record" leaves behind.
    store._passages.upsert(ids=[c.chunk_id for c in chunks], embeddings=EMBED.embed([c.text for c in chunks]),
                           documents=[c.text for c in chunks], metadatas=[store._chunk_meta(c) for c in chunks])
    assert store.count() == len(old) + len(chunks)
    assert store.current_chunks() == old  # readers see the old version, whole
    assert store.remove_orphans() == len(chunks)
    assert store.count() == len(old) and store.current_chunks() == old


def test_settings_journal_removal_and_reset(store_factory):
    store = store_factory()
    store.write_settings({"embedding_model": "hashing-fake", "dimension": 384})
    store.write_journal({"pid": 1, "beat": 0})
    assert store.read_settings()["dimension"] == 384 and store.read_journal()["pid"] == 1
    store.clear_journal()
    assert store.read_journal() is None
    put(store, doc("a.txt", TEXT_A))
    put(store, doc("b.txt", TEXT_B))
    store.remove_document("a.txt")
    assert set(store.documents()) == {"b.txt"} and {c.source for c in store.current_chunks()} == {"b.txt"}
    store.reset()
    assert store.documents() == {} and store.count() == 0 and store.read_settings() is None


def test_document_text_follows_the_current_version(store_factory):
    store = store_factory()
    put(store, doc("a.txt", TEXT_A))
    put(store, doc("a.txt", TEXT_A2))
    assert store.document_text("a.txt") == TEXT_A2
    assert set(store.documents()) == {"a.txt"}  # the text record is not listed as a document
    store.remove_document("a.txt")
    assert store.document_text("a.txt") is None and store.documents() == {}


def test_an_index_written_before_the_text_moved_to_metadata_still_reads(store_factory):
    """Earlier versions kept passage and document texts in Chroma `documents`; such an index stays usable."""
    store = store_factory()
    d = doc("a.txt", TEXT_A)
    chunks = chunk_document(d, 40)
    store._passages.upsert(ids=[c.chunk_id for c in chunks], embeddings=EMBED.embed([c.text for c in chunks]),
                           documents=[c.text for c in chunks], metadatas=[store._chunk_meta(c) for c in chunks])
    store._docs.upsert(ids=["doc:a.txt"], embeddings=[[0.0]], documents=[TEXT_A],
                       metadatas=[{"kind": "document", "source": "a.txt", "doc_hash": d.content_hash,
                                   "chunks": len(chunks), "format": "txt", "page_starts": "[]", "title": "A.Txt"}])
    assert store.current_chunks() == chunks and store.document_text("a.txt") == TEXT_A
    put(store, doc("b.txt", TEXT_B))  # new writes in the new layout sit beside the old ones
    assert {c.source for c in store.current_chunks()} == {"a.txt", "b.txt"}
    assert store.document_text("b.txt") == TEXT_B


def test_a_reopened_store_sees_what_was_written(store_factory):
    chunks = put(store_factory(), doc("a.txt", TEXT_A))
    assert store_factory().current_chunks() == chunks


def test_one_store_shared_by_threads_answers_consistently(store_factory):
    """As Gradio's worker threads share it: concurrent queries and reads, same results as one at a time."""
    store = store_factory()
    put(store, doc("a.txt", TEXT_A))
    put(store, doc("b.txt", TEXT_B))
    queries = EMBED.embed(["confidence-building measures", "toolbox sanctions", "critical infrastructure norms"])
    expected = [[cid for cid, _ in store.query(q, 4)] for q in queries]
    errors, mismatches = [], []

    def work(n: int) -> None:
        try:
            for i in range(15):
                k = (n + i) % len(queries)
                if [cid for cid, _ in store.query(queries[k], 4)] != expected[k]:
                    mismatches.append((n, i))
                assert len(store.current_chunks()) == store.count()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and mismatches == []


# --- server mode end to end ----------------------------------------------------------------------------------

def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=cwd, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_server_mode_through_the_cli_with_the_real_model(chroma_server, tmp_path):
    """ASSISTANT_CHROMA_URL / --chroma-url: ingest, status and a cited answer, all stored on the server."""
    from conftest import SHIPPED_SOURCES

    env = {"ASSISTANT_CHROMA_URL": chroma_server, "ASSISTANT_COLLECTION": "served"}
    done = run_cli("ingest", "--sources", str(SHIPPED_SOURCES), "--index", str(tmp_path / "lock"), "--quiet",
                   cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "added 2" in done.stdout
    assert not (tmp_path / "lock" / "chroma").exists()  # nothing stored locally: only the lock file
    status = run_cli("status", "--json", "--chroma-url", chroma_server, cwd=tmp_path,
                     env={"ASSISTANT_COLLECTION": "served"})
    data = json.loads(status.stdout)
    assert data["index"] == chroma_server and data["documents"] == 2 and data["chunks"] > 10
    assert data["embedding_model"] == "bundled:all-MiniLM-L6-v2"
    answer = run_cli("ask", "What is cyber diplomacy?", "--json", cwd=tmp_path, env=env)
    got = json.loads(answer.stdout)
    assert not got["abstained"] and got["citations"]
    assert "international cooperation" in got["answer"]


def test_server_mode_reports_an_unreachable_server(tmp_path):
    done = run_cli("status", "--chroma-url", f"http://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert done.returncode == 2 and "cannot reach the Chroma server" in done.stderr
    assert "Traceback" not in done.stderr


def test_server_mode_ingest_respects_another_machines_live_ingest(chroma_server, tmp_path):
    """The file lock guards one machine only; on a server the journal is a lease that another ingest respects."""
    from assistant.service import Assistant

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(TEXT_A, encoding="utf-8")
    settings = Settings(sources=sources, index=tmp_path / "lock", chroma_url=chroma_server,
                        collection=f"lease{next(_names)}", embedding_model="hashing")
    assistant = Assistant(settings, embedder=EMBED)
    assistant.store.write_journal({"pid": 4242, "host": "ingest-box-2", "beat": time.time() - 5})
    from assistant.errors import IndexBusy

    with pytest.raises(IndexBusy, match="another ingest \\(pid 4242 on ingest-box-2\\)"):
        assistant.ingest(progress=False)
    assert assistant.store.documents() == {}
    # Silent for longer than the lease: interrupted, so the next ingest cleans up and completes.
    assistant.store.write_journal({"pid": 4242, "host": "ingest-box-2", "beat": time.time() - 3600})
    report = assistant.ingest(progress=False)
    assert report.added == ("a.txt",) and assistant.store.read_journal() is None

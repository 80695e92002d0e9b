"""The keyword index kept per document version and cached on disk: identical to a from-scratch build, never stale."""
from __future__ import annotations

import json
import time
import zipfile

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embeddings import HashingEmbedder
from assistant.keyword_cache import KeywordCorpus, cache_path, index_key
from assistant.retrieval import CODE_VERSION, HybridRetriever, KeywordIndex, analyze
from assistant.service import Assistant
from test_index_contract import chroma_server  # noqa: F401 - a real `chroma run` server, started once per module

QUERIES = ["OSCE confidence-building measures", "Open-Ended Working Group", "Vienna meeting agreed",
           "NÚKIB cyber diplomacy Belgium", "Sarajevo workshop", "ransomware norms", "capacity building"]


def _doc(title: str, body: str) -> str:
    return f"---\ntitle: {title}\npublisher: Test Ministry\n---\n# {title}\n\n{body}\n"


@pytest.fixture()
def settings(tmp_path, fake_settings) -> Settings:
    src = fake_settings.sources
    (src / "vienna.md").write_text(_doc("Vienna meeting", "Participants agreed to meet in Vienna on ransomware norms."),
                                   encoding="utf-8")
    (src / "capacity.md").write_text(_doc("Capacity", "Capacity building for the OSCE confidence-building measures."),
                                     encoding="utf-8")
    return fake_settings


def _assistant(settings: Settings) -> Assistant:
    assistant = Assistant(settings, embedder=HashingEmbedder(), create=True)
    assistant.ingest(progress=False)
    return assistant


def assert_same(built: KeywordIndex, scratch: KeywordIndex) -> None:
    """Same chunks in the same order, same vocabulary, words and document frequencies, same hits and scores."""
    assert [c.chunk_id for c in built.chunks] == [c.chunk_id for c in scratch.chunks]
    assert built.chunks == scratch.chunks
    assert built.vocabulary == scratch.vocabulary and built.words == scratch.words and built.df == scratch.df
    for query in QUERIES:
        assert built.search(query, 20) == scratch.search(query, 20), query


def test_incremental_reload_equals_a_from_scratch_build(settings):
    assistant = _assistant(settings)
    retriever = assistant.retriever
    assert retriever.corpus.last["read"] == 4
    src = settings.sources
    (src / "vienna.md").write_text(_doc("Vienna meeting", "Participants agreed to meet again in Vienna next year."),
                                   encoding="utf-8")
    (src / "added.md").write_text(_doc("Added", "A new statement on ransomware and capacity building."),
                                  encoding="utf-8")
    (src / "capacity.md").unlink()
    report = assistant.ingest(progress=False)  # reloads the retriever
    assert (report.updated, report.added, report.removed) == (("vienna.md",), ("added.md",), ("capacity.md",))
    assert retriever.corpus.last == {"documents": 4, "read": 2, "from_disk": False, "written": True}
    scratch = KeywordIndex(assistant.store.current_chunks())
    assert_same(retriever.keyword, scratch)
    assert {c.source for c in retriever.chunks} == {"vienna.md", "added.md", *(p.name for p in src.glob("*.txt"))}
    assert retriever.by_id == {c.chunk_id: c for c in scratch.chunks}
    assert "again" in retriever.keyword.words and any("again" in c.text for c in retriever.chunks)
    # A nothing-changed reload reads nothing and writes nothing.
    retriever.reload()
    assert retriever.corpus.last == {"documents": 4, "read": 0, "from_disk": False, "written": False}


def test_a_new_process_reads_the_cache_not_the_store(settings):
    assistant = _assistant(settings)
    first = assistant.retriever
    path = cache_path(settings.index, None, settings.data_dir, settings.collection)
    assert first.corpus.path == path and path.exists()
    assert not list(path.parent.glob("*.tmp"))  # written atomically: no temporary file left behind
    again = HybridRetriever(assistant.store, HashingEmbedder(), cache_path=path)
    assert again.corpus.last == {"documents": 4, "read": 0, "from_disk": True, "written": False}
    assert_same(again.keyword, KeywordIndex(assistant.store.current_chunks()))


def test_cache_of_another_index_version_is_ignored(settings):
    assistant = _assistant(settings)
    path = assistant.retriever.corpus.path
    other_code = KeywordCorpus(analyze, "another tokenizer", path)
    other_code.refresh(assistant.store)
    assert other_code.last["read"] == 4 and not other_code.last["from_disk"]
    # other_code rewrote the file for its own version: ours no longer matches it either.
    ours = KeywordCorpus(analyze, CODE_VERSION, path)
    ours.refresh(assistant.store)
    assert ours.last["read"] == 4 and not ours.last["from_disk"]
    # A rebuild may chunk the same document version anew: its new built_at (whole seconds) makes the
    # cache stale; a plain ingest only changes updated_at, which is not part of the key.
    stored = assistant.store.read_settings()
    assert index_key(stored, CODE_VERSION) == index_key({**stored, "updated_at": "later"}, CODE_VERSION)
    assert index_key(stored, CODE_VERSION) != index_key({**stored, "built_at": "later"}, CODE_VERSION)
    time.sleep(1.05)
    assistant.ingest(rebuild=True, progress=False)
    assert assistant.retriever.corpus.last["read"] == 4


def test_a_document_changed_behind_the_cache_is_reread(settings):
    assistant = _assistant(settings)
    path = assistant.retriever.corpus.path
    (settings.sources / "vienna.md").write_text(_doc("Vienna meeting", "Now about Geneva instead."), encoding="utf-8")
    # Another process ingests: this one's cache file still describes the old version of vienna.md.
    other = Assistant(settings, embedder=HashingEmbedder())
    from assistant.ingest import run_ingest

    run_ingest(settings, other.store, other.embedder, progress=False, log=lambda _m: None)
    fresh = HybridRetriever(assistant.store, HashingEmbedder(), cache_path=path)
    assert fresh.corpus.last["read"] == 1 and fresh.corpus.last["from_disk"]
    assert_same(fresh.keyword, KeywordIndex(assistant.store.current_chunks()))
    vienna = " ".join(c.text for c in fresh.chunks if c.source == "vienna.md")
    assert "Geneva" in vienna and "ransomware" not in vienna and "geneva" in fresh.keyword.words


def _rewrite(path, **changes) -> None:
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays.update(changes)
    with path.open("wb") as fh:
        np.savez(fh, **arrays)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "ids out of range", "header mismatch", "pickle"])
def test_a_damaged_cache_is_ignored_and_rebuilt(settings, damage, caplog):
    assistant = _assistant(settings)
    path = assistant.retriever.corpus.path
    raw = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00garbage" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "ids out of range":
        with np.load(path, allow_pickle=False) as data:
            ids = data["token_ids"].copy()
        ids[0] = 10 ** 6
        _rewrite(path, token_ids=ids)
    elif damage == "header mismatch":
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(bytes(data["header"]).decode())
        header["docs"][0][2] += 1  # one chunk more than the arrays hold
        _rewrite(path, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))
    else:  # an object array needs pickle to load: refused, never unpickled
        _rewrite(path, numbers=np.array([{"a": 1}], dtype=object))
    fresh = HybridRetriever(assistant.store, HashingEmbedder(), cache_path=path)
    assert fresh.corpus.last == {"documents": 4, "read": 4, "from_disk": False, "written": True}
    assert "ignoring the keyword cache" in caplog.text
    assert_same(fresh.keyword, KeywordIndex(assistant.store.current_chunks()))
    assert zipfile.is_zipfile(path)  # rewritten whole
    again = HybridRetriever(assistant.store, HashingEmbedder(), cache_path=path)
    assert again.corpus.last["from_disk"] and again.corpus.last["read"] == 0


def test_an_unwritable_cache_folder_only_costs_speed(settings, tmp_path):
    assistant = _assistant(settings)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    retriever = HybridRetriever(assistant.store, HashingEmbedder(), cache_path=blocker / "keyword.npz")
    assert retriever.corpus.last["written"] is False
    assert_same(retriever.keyword, KeywordIndex(assistant.store.current_chunks()))


def test_cache_location_embedded_and_server():
    from pathlib import Path

    assert cache_path(Path("idx"), None, Path("data"), "cyberdip") == Path("idx/keyword-cache-cyberdip.npz")
    server = cache_path(Path("idx"), "http://127.0.0.1:8000", Path("data"), "cyberdip")
    assert server.parent == Path("data") and server.name.startswith("keyword-cache-")
    assert server != cache_path(Path("idx"), "http://127.0.0.1:8001", Path("data"), "cyberdip")
    assert server != cache_path(Path("idx"), "http://127.0.0.1:8000", Path("data"), "other")


def test_real_index_keyword_cache_matches_a_scratch_build(real_assistant, real_settings):
    """End to end with the bundled model and real Chroma: the cache beside the index rebuilds the same index."""
    retriever = real_assistant.retriever
    path = cache_path(real_settings.index, None, real_settings.data_dir, real_settings.collection)
    assert path.exists()
    fresh = HybridRetriever(real_assistant.store, real_assistant.embedder, cache_path=path)
    assert fresh.corpus.last["from_disk"] and fresh.corpus.last["read"] == 0
    assert_same(fresh.keyword, KeywordIndex(real_assistant.store.current_chunks()))
    assert_same(retriever.keyword, fresh.keyword)
    question = "What did Belgium say about confidence-building measures?"
    assert [p.chunk.chunk_id for p in fresh.search(question)] == [p.chunk.chunk_id for p in retriever.search(question)]


def test_server_mode_keeps_the_cache_in_the_data_folder(tmp_path, chroma_server):
    """With a real `chroma run` server on loopback: the cache lives in data_dir and only changed documents are read."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("a", "b", "c"):
        (sources / f"{name}.md").write_text(_doc(f"Doc {name}", f"Statement {name} on OSCE norms."), encoding="utf-8")
    settings = Settings(sources=sources, index=tmp_path / "index", chroma_url=chroma_server, collection="kwcache",
                        embedding_model="hashing", data_dir=tmp_path / "data")
    assistant = _assistant(settings)
    retriever = assistant.retriever
    assert retriever.corpus.path.parent == settings.data_dir and retriever.corpus.path.exists()
    assert not (settings.index / "keyword-cache-kwcache.npz").exists()
    (sources / "b.md").write_text(_doc("Doc b", "Statement b, revised, on ransomware."), encoding="utf-8")
    assistant.ingest(progress=False)
    assert retriever.corpus.last["read"] == 1
    fresh = HybridRetriever(assistant.store, HashingEmbedder(), cache_path=retriever.corpus.path)
    assert fresh.corpus.last == {"documents": 3, "read": 0, "from_disk": True, "written": False}
    assert_same(fresh.keyword, KeywordIndex(assistant.store.current_chunks()))
    assert fresh.search("ransomware", top_k=1, mode="keyword")[0].chunk.source == "b.md"

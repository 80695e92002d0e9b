"""Keyword tokenisation, fusion and filters; identifiers, acronyms, accents and case."""
import shutil

from assistant.embeddings import HashingEmbedder
from assistant.retrieval import Filters, fold, reciprocal_rank_fusion, tokenize
from assistant.service import Assistant


def test_tokenize_folds_accents_case_and_keeps_identifiers():
    assert fold("NÚKIB Tóth") == "nukib toth"
    tokens = tokenize("What did A/70/174 say about NÚKIB and the CBMs?")
    assert "a/70/174" in tokens and "nukib" in tokens and "cbm" in tokens
    assert "what" not in tokens and "the" not in tokens
    assert tokenize("CBM") == tokenize("CBMs") == tokenize("cbms")


def test_reciprocal_rank_fusion_matches_hand_computation():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]], k=60)
    assert abs(fused["b"] - (1 / 62 + 1 / 61)) < 1e-12
    assert abs(fused["a"] - 1 / 61) < 1e-12
    assert max(fused, key=fused.get) == "b"


def test_identifiers_and_accents_are_findable(fake_settings):
    src = fake_settings.sources
    (src / "gge.md").write_text(
        "---\ntitle: GGE report\npublisher: United Nations\n---\n# Report\n\n"
        "The 2015 report of the Group of Governmental Experts (document A/70/174) set out eleven norms.\n",
        encoding="utf-8",
    )
    assistant = Assistant(fake_settings, embedder=HashingEmbedder(), create=True)
    assistant.ingest(progress=False)
    for query in ("A/70/174", "a/70/174", "what does a/70/174 say"):
        assert "A/70/174" in assistant.search(query, top_k=1, mode="keyword")[0].chunk.text
    for query in ("NÚKIB", "nukib", "Nukib"):
        assert "NÚKIB" in assistant.search(query, top_k=1, mode="keyword")[0].chunk.text
    assert "Szilvia Tóth" in assistant.search("szilvia toth", top_k=1)[0].chunk.text
    assert "(OEWG)" in assistant.search("oewg", top_k=1, mode="keyword")[0].chunk.text


def test_filters_apply_inside_both_retrievers(fake_assistant):
    only = Filters(sources=("belgium-cyber-diplomacy.txt",))
    for mode in ("hybrid", "keyword", "dense"):
        hits = fake_assistant.search("OSCE confidence-building measures", top_k=5, filters=only, mode=mode)
        assert hits and {h.chunk.source for h in hits} == {"belgium-cyber-diplomacy.txt"}
    by_publisher = Filters(publishers=("KnowCyber (EU Cyber Balkans project news)",))
    hits = fake_assistant.search("OSCE", top_k=5, filters=by_publisher)
    assert hits and {h.chunk.source for h in hits} == {"sarajevo-workshop-cyber-diplomacy-2025.txt"}
    assert fake_assistant.search("OSCE", filters=Filters(sources=("no-such-file.txt",))) == []


def test_hybrid_fuses_both_rankings(fake_assistant):
    hits = fake_assistant.search("Open-Ended Working Group", top_k=3)
    assert hits[0].keyword_score is not None and hits[0].dense_score is not None
    assert hits == sorted(hits, key=lambda p: -p.score)


def test_dense_search_compares_every_vector_and_ranks_ties_by_id(fake_assistant, monkeypatch):
    """Up to `exact_search_max` passages (the setting), dense search is exact: the same ranking as comparing the query with every
    stored vector, whatever Chroma's approximate index returns, with filters applied and ties ordered by id."""
    import numpy as np

    from assistant import retrieval

    retriever = fake_assistant.retriever
    snap = retriever.snapshot
    ids = sorted(snap.by_id)
    stored = retriever.store.embeddings_for(ids)
    query = retriever.embed_query("confidence-building measures in the OSCE")
    sims = {i: float(np.dot(stored[i], query) / np.linalg.norm(stored[i]) / np.linalg.norm(query)) for i in ids}
    expected = sorted(ids, key=lambda i: (-round(sims[i], 6), i))[:5]
    monkeypatch.setattr(retriever.store, "query", lambda *a, **k: (_ for _ in ()).throw(AssertionError("HNSW used")))
    got = retriever.dense(query, 5, None, snap)
    assert [c.chunk_id for c, _ in got] == expected
    only = Filters(sources=("belgium-cyber-diplomacy.txt",))
    got = retriever.dense(query, 50, only, snap)
    assert got and {c.source for c, _ in got} == {"belgium-cyber-diplomacy.txt"}
    assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
    # Two passages with the same vector rank by id, in every process.
    twin = retrieval.ExactVectors(("a", "b"), np.ones((2, 4), dtype=np.float32) / 2)
    chunks = {"a": snap.by_id[ids[1]], "b": snap.by_id[ids[0]]}
    assert [c.chunk_id for c, _ in retrieval.exact_dense(twin, np.ones(4), 2, None, chunks)] == [ids[1], ids[0]]


def test_a_large_index_is_searched_through_chromas_index(fake_assistant, monkeypatch):
    from assistant import retrieval

    retriever = fake_assistant.retriever
    monkeypatch.setattr(retriever, "exact_search_max", 0)  # the setting exact_search_max
    called = []
    original = retriever.store.query
    monkeypatch.setattr(retriever.store, "query", lambda *a, **k: called.append(1) or original(*a, **k))
    assert retriever.dense(retriever.embed_query("OSCE"), 3, None, retriever.snapshot)
    assert called

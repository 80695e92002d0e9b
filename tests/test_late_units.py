"""Answer-unit vectors stored at ingest (late chunking) and the answerer's use of them."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from assistant.answer import SCORE_DECIMALS, ExtractiveAnswerer, passage_units, unit_spans
from assistant.schema import Passage


def test_every_passage_has_one_unit_length_vector_per_unit(real_assistant):
    store = real_assistant.retriever.store
    chunks = real_assistant.retriever.chunks
    stored = store.unit_vectors([c.chunk_id for c in chunks])
    assert set(stored) == {c.chunk_id for c in chunks}
    for c in chunks:
        matrix = stored[c.chunk_id]
        assert matrix.shape == (len(unit_spans(c.text)), real_assistant.embedder.dimension)
        assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-2)


def test_late_vectors_stand_for_their_own_unit(real_assistant):
    """A unit's late vector is closer to its own sentence, embedded alone, than to the chunk's other sentences."""
    retriever = real_assistant.retriever
    answerer = ExtractiveAnswerer(retriever)
    own = other = 0
    for chunk in retriever.chunks:
        units = passage_units(0, Passage(chunk=chunk, score=1.0))
        if len(units) < 2:
            continue
        late = retriever.store.unit_vectors([chunk.chunk_id])[chunk.chunk_id]
        alone = real_assistant.embedder.embed([answerer._context(u) for u in units])
        sims = late @ alone.T
        own += int((sims.argmax(axis=1) == np.arange(len(units))).sum())
        other += len(units)
    assert other > 20 and own / other >= 0.8


def test_the_answerer_embeds_no_unit_when_the_index_has_their_vectors(real_assistant):
    retriever = real_assistant.retriever
    answerer = ExtractiveAnswerer(retriever, real_assistant.settings.min_support)
    question = "What are confidence-building measures?"
    answer = answerer.answer(question, retriever.search(question, 5))
    assert not answer.abstained and answer.citations
    assert len(answerer._cache) == 0  # the model-embedding fallback was never called


def test_without_stored_vectors_the_answerer_embeds_units_and_scores_the_same(fake_assistant):
    """The hashing fake stores exactly what the fallback computes, so both paths must agree."""
    retriever = fake_assistant.retriever
    question = "What are confidence-building measures?"
    passages = retriever.search(question, 5)
    units = [u for rank, p in enumerate(passages) for u in passage_units(rank, p)]
    stored = ExtractiveAnswerer(retriever).score_units(question, units)
    bare = SimpleNamespace(store=SimpleNamespace(), keyword=retriever.keyword, embedder=retriever.embedder,
                           embed_query=retriever.embed_query)
    fallback = ExtractiveAnswerer(bare)
    embedded = fallback.score_units(question, units)
    assert len(fallback._cache) > 0
    assert np.allclose(stored, embedded, atol=1e-3)  # stored as int8 with a scale per row
    # Scores are rounded, so a sentence at the margin is chosen alike in every process whatever the last bits.
    assert all(round(s, SCORE_DECIMALS) == s for s in stored + embedded) and SCORE_DECIMALS <= 6


def _reference_late(model, texts, spans):
    """The plain way: encode() for text and token embeddings, a second tokenizer call for the offsets."""
    outputs = model.encode(texts, batch_size=4, output_value=None, convert_to_numpy=False)
    offsets = model.tokenizer(texts, return_offsets_mapping=True, truncation=True,
                              max_length=model.max_seq_length)["offset_mapping"]
    vectors, units = [], []
    for out, offs, text_spans in zip(outputs, offsets, spans):
        v = out["sentence_embedding"].float().numpy()
        vectors.append(v / np.linalg.norm(v))
        tokens = out["token_embeddings"][: len(offs)].float().numpy()
        offs = np.asarray(offs).reshape(-1, 2)
        real = offs[:, 1] > offs[:, 0]
        rows = []
        for s, e in text_spans:
            inside = real & (offs[:, 0] < e) & (offs[:, 1] > s)
            m = tokens[inside].mean(axis=0) if inside.any() else np.zeros(tokens.shape[1], np.float32)
            rows.append(m / max(np.linalg.norm(m), 1e-12))
        units.append(np.array(rows, dtype=np.float32).reshape(len(text_spans), tokens.shape[1]))
    return np.array(vectors), units


def test_late_chunking_matches_encode_and_the_plain_token_pooling(real_assistant):
    """One pass with batch-wise pooling gives encode()'s vectors and the same unit vectors as pooling
    encode(output_value=None)'s token embeddings, for texts of mixed lengths, spans past the window
    and texts without units."""
    embedder = real_assistant.embedder
    model = embedder.model
    texts = [c.text for c in real_assistant.retriever.chunks][:9] + ["Short one. Two.", "word " * 400, "No units"]
    spans = [[(s, e) for s, e, _ in unit_spans(t)] for t in texts[:-3]]
    spans += [[(0, 10), (11, 15)], [(0, 20), (1500, 1900)], []]  # the long text's second span is past the window
    vectors, units = embedder.embed_late(texts, spans)
    ref_vectors, ref_units = _reference_late(model, texts, spans)
    plain = model.encode(texts, normalize_embeddings=True)
    assert np.allclose(vectors, plain, atol=1e-5)
    assert np.allclose(vectors, ref_vectors, atol=1e-5)
    assert [u.shape for u in units] == [u.shape for u in ref_units]
    for got, want in zip(units, ref_units):
        assert np.allclose(got, want, atol=1e-4)
    assert not units[-2][1].any() and units[-2][0].any()  # past the window: a zero row for the fallback
    assert units[-1].shape == (0, embedder.dimension)


def test_stored_unit_vectors_are_int8_and_move_a_cosine_by_little():
    """Packed as int8 with a scale per row: half of float16's bytes; zero rows stay zero; the
    earlier float16 layout still reads."""
    import base64

    from assistant.index import _pack, _unpack

    rng = np.random.default_rng(7)
    m = rng.standard_normal((6, 384)).astype(np.float32) * np.linspace(0.1, 3, 384, dtype=np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    m[3] = 0.0
    packed = _pack(m)
    got = _unpack(packed)
    assert got.shape == m.shape and not got[3].any()
    queries = rng.standard_normal((50, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    assert np.abs(queries @ got.T - queries @ m.T).max() < 0.003
    f16 = f"6:384:" + base64.b64encode(m.astype(np.float16).tobytes()).decode()
    assert len(packed) < 0.55 * len(f16)
    assert np.allclose(_unpack(f16), m, atol=1e-3)
    assert _unpack(_pack(np.zeros((0, 384), np.float32))).shape == (0, 384)


def test_unit_vector_tables_read_once_keep_their_version_and_share_read_only_rows():
    from assistant import unit_vectors

    rows = {f"c{i}": np.full((2, 3), float(i), np.float32) for i in range(5)}
    reads: list[list[str]] = []

    def read_packed(ids):
        reads.append(list(ids))
        return {cid: cid for cid in ids if cid in rows}

    unpack = lambda cid: rows[cid].copy()
    whole = unit_vectors.UnitVectors(tuple(rows), read_packed, unpack, whole=True)
    got = whole.get(["c1", "c3", "missing"])
    assert set(got) == {"c1", "c3"} and np.all(got["c3"] == 3.0)
    assert reads == [sorted(rows)]  # the whole version at the first question, nothing after
    assert set(whole.get(["c0", "c1"])) == {"c0", "c1"} and reads == [sorted(rows)]
    assert whole.get(["c1"])["c1"] is got["c1"]
    with pytest.raises(ValueError):
        got["c1"][0, 0] = 9.0  # shared with later readers

    reads.clear()
    asked = unit_vectors.UnitVectors((), read_packed, unpack, whole=False)
    asked.get(["c2", "c4"])
    asked.get(["c2", "c0"])
    assert reads == [["c2", "c4"], ["c0"]]  # only what it had not read


def test_the_retriever_keeps_unit_vectors_per_index_version(tmp_path):
    """A new version (here: the same passages written again with other unit vectors, as a rebuild with another model
    writes them) is read afresh; the version a question holds keeps its own."""
    from assistant.chunking import chunk_document
    from assistant.embeddings import HashingEmbedder
    from assistant.index import ChromaStore
    from assistant.retrieval import HybridRetriever
    from assistant.schema import Document, SourceMeta

    text = "# Norms\n\nStates should not attack critical infrastructure. Norms are voluntary and non-binding.\n"
    d = Document(source="a.txt", text=text, meta=SourceMeta(title="A"), content_hash="h1", format="txt")
    chunks = chunk_document(d, 40)
    embedder = HashingEmbedder()
    store = ChromaStore(path=tmp_path / "index")
    store.put_documents([(d, chunks, embedder.embed([c.text for c in chunks]))],
                        unit_vectors=[np.eye(2, 4, dtype=np.float32) for _ in chunks])
    retriever = HybridRetriever(store, embedder)
    old = retriever.snapshot
    ids = [c.chunk_id for c in chunks]
    assert np.allclose(retriever.unit_vectors(ids)[ids[0]], np.eye(2, 4), atol=1e-2)
    store.reset()
    store.put_documents([(d, chunks, embedder.embed([c.text for c in chunks]))],
                        unit_vectors=[np.eye(2, 4, 1, dtype=np.float32) for _ in chunks])
    retriever.reload()
    assert np.allclose(retriever.unit_vectors(ids)[ids[0]], np.eye(2, 4, 1), atol=1e-2)
    assert np.allclose(retriever.unit_vectors(ids, snapshot=old)[ids[0]], np.eye(2, 4), atol=1e-2)

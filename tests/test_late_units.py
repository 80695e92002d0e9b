"""Answer-unit vectors stored at ingest (late chunking) and the answerer's use of them."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from assistant.answer import ExtractiveAnswerer, passage_units, unit_spans
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
    assert np.allclose(stored, embedded, atol=1e-3)  # stored as float16

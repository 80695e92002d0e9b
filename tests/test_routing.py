"""Routing by question language over two vector sets (routing.py): an index with a second set from the
multilingual model serves questions not in English with it, and English questions exactly as without it.

Unit tests use fast hashing fakes over real Chroma; the end-to-end tests the real e5 and MiniLM models."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from assistant.config import MULTILINGUAL_MODEL, Settings
from assistant.embeddings import HashingEmbedder
from assistant.errors import ConfigError, IndexMismatch
from assistant.index import CROSS, PRIMARY, SETTINGS_ID
from assistant.routing import choose
from assistant.segmentation import unit_spans
from assistant.service import Assistant
from conftest import SHIPPED_SOURCES, needs_e5

FRENCH = "Quand a eu lieu l'atelier sur la cyberdiplomatie à Sarajevo ?"
ENGLISH = ["When did the workshop on cyber diplomacy take place in Sarajevo?",
           "What does Belgium do in cyber diplomacy?", "Which organisations support the Cyber Balkans project?",
           "What is the recipe for ratatouille?"]


class FakeMultilingual(HashingEmbedder):
    """A stand-in for e5: its own dimension (a vector set mixed up with the other fails in Chroma), "query: "
    and "passage: " prefixes, a calibration, and a record of what it was asked to encode."""

    multilingual = True

    def __init__(self):
        super().__init__(dimension=256, name="fake-multilingual")
        self.queries: list[str] = []
        self.passages = 0

    def embed(self, texts):
        self.passages += len(texts)
        return super().embed([f"passage: {t}" for t in texts])

    def embed_query(self, texts):
        self.queries.extend(texts)
        return super().embed([f"query: {t}" for t in texts])

    def calibrate(self, similarity):
        return similarity


class Recording(HashingEmbedder):
    """The main model's stand-in, recording the questions it encodes."""

    def __init__(self):
        super().__init__()
        self.queries: list[str] = []

    def embed(self, texts):
        self.queries.extend(texts)
        return super().embed(texts)


def _assistant(settings: Settings, cross=None, primary=None) -> Assistant:
    return Assistant(settings, embedder=primary or HashingEmbedder(), cross_embedder=cross, create=True)


@pytest.fixture()
def routed(fake_settings):
    cross = FakeMultilingual()
    assistant = _assistant(fake_settings, cross)
    assistant.ingest(progress=False)
    return assistant, cross


def test_the_route_follows_the_questions_language():
    primary, cross = HashingEmbedder(), FakeMultilingual()
    assert choose(ENGLISH[0], primary, cross).vectors == PRIMARY
    assert choose(ENGLISH[0], primary, cross).embedder is primary
    assert choose(FRENCH, primary, cross).vectors == CROSS
    assert choose(FRENCH, primary, cross).embedder is cross
    assert choose("Када је одржана радионица?", primary, cross).vectors == CROSS
    assert choose(FRENCH, primary, None).vectors == PRIMARY  # no second set: everything on the main model


def test_the_setting_accepts_the_multilingual_model_or_none():
    assert Settings().cross_lingual_model == "none" and Settings().cross_lingual is None
    assert Settings(cross_lingual_model=MULTILINGUAL_MODEL).cross_lingual == MULTILINGUAL_MODEL
    # The main model is the multilingual one already: no second set of the same vectors.
    assert Settings(cross_lingual_model=MULTILINGUAL_MODEL, embedding_model=MULTILINGUAL_MODEL).cross_lingual is None
    with pytest.raises(ConfigError, match="cross_lingual_model must be 'none' or"):
        Settings(cross_lingual_model="bundled:all-MiniLM-L6-v2")


def test_ingest_writes_both_vector_sets_for_every_passage(routed):
    assistant, cross = routed
    store = assistant.store
    assert store.count(CROSS) == store.count(PRIMARY) > 0
    chunks = assistant.retriever.chunks
    ids = [c.chunk_id for c in chunks]
    primary_units, cross_units = store.unit_vectors(ids), store.unit_vectors(ids, vectors=CROSS)
    for c in chunks:
        assert primary_units[c.chunk_id].shape == (len(unit_spans(c.text)), 384)
        assert cross_units[c.chunk_id].shape == (len(unit_spans(c.text)), 256)
    assert cross.passages >= len(chunks)
    assert store.read_settings()["cross_lingual_model"] == "fake-multilingual"


def test_a_question_not_in_english_is_searched_and_scored_with_the_second_set(routed, monkeypatch):
    assistant, cross = routed
    sets: list[str] = []
    query, read_vectors = assistant.store.query, assistant.store.embeddings_for
    monkeypatch.setattr(assistant.store, "query", lambda *a, vectors=PRIMARY, **k: sets.append(vectors) or
                        query(*a, vectors=vectors, **k))
    # Dense search is exact up to `exact_search_max` passages: it reads the vector set's stored vectors.
    assistant.retriever._exact.clear()
    monkeypatch.setattr(assistant.store, "embeddings_for", lambda ids, vectors=PRIMARY: sets.append(vectors) or
                        read_vectors(ids, vectors))
    units = assistant.store.packed_unit_vectors
    read: list[str] = []
    assistant.retriever.snapshot.unit_tables.clear()
    monkeypatch.setattr(assistant.store, "packed_unit_vectors", lambda ids, vectors=PRIMARY: read.append(vectors) or
                        units(ids, vectors=vectors))
    answer = assistant.ask(FRENCH)
    assert answer.passages
    assert cross.queries and cross.queries[0] == FRENCH
    assert sets and set(sets) == {CROSS}
    assert read and set(read) == {CROSS}
    # The passages' dense similarities are the second set's: the fake's query vector against its passages.
    vec = cross.embed_query([FRENCH])[0]
    stored = dict(assistant.store.query(vec, 30, vectors=CROSS))
    dense = [p for p in answer.passages if p.dense_score is not None]
    assert dense and all(abs(p.dense_score - stored[p.chunk.chunk_id]) < 1e-5 for p in dense)


def test_an_english_question_is_served_exactly_as_without_the_second_set(fake_settings, tmp_path):
    cross = FakeMultilingual()
    routed = _assistant(fake_settings, cross)
    routed.ingest(progress=False)
    plain = _assistant(fake_settings.replace(index=tmp_path / "plain-index", data_dir=tmp_path / "plain-data"))
    plain.ingest(progress=False)
    for question in ENGLISH:
        a, b = routed.ask(question), plain.ask(question)
        assert (a.text, a.abstained, a.citations) == (b.text, b.abstained, b.citations), question
        assert [(p.chunk.chunk_id, p.score, p.dense_score, p.keyword_score) for p in a.passages] == \
               [(p.chunk.chunk_id, p.score, p.dense_score, p.keyword_score) for p in b.passages], question
    assert cross.queries == []  # the multilingual model never saw an English question


def test_turning_the_second_set_on_or_off_asks_for_a_rebuild(fake_settings):
    plain = _assistant(fake_settings)
    plain.ingest(progress=False)
    on = _assistant(fake_settings, FakeMultilingual())
    with pytest.raises(IndexMismatch, match="cross_lingual_model: index has 'none'.*--rebuild"):
        on.ask(ENGLISH[0])
    with pytest.raises(IndexMismatch, match="cross_lingual_model"):
        on.ingest(progress=False)
    on.ingest(rebuild=True, progress=False)
    assert on.store.count(CROSS) == on.store.count(PRIMARY) > 0
    assert on.ask(FRENCH).passages  # searched in the second set (the hashing fake understands no French)
    off = _assistant(fake_settings)
    with pytest.raises(IndexMismatch, match="cross_lingual_model: index has 'fake-multilingual', settings say 'none'"):
        off.ask(ENGLISH[0])


def test_an_index_built_before_the_setting_existed_has_no_second_set(fake_settings):
    plain = _assistant(fake_settings)
    plain.ingest(progress=False)
    stored = plain.store.read_settings()
    del stored["cross_lingual_model"]
    plain.store.write_settings(stored)
    assert not _assistant(fake_settings).ask(ENGLISH[0]).abstained  # no rebuild asked
    with pytest.raises(IndexMismatch, match="cross_lingual_model: index has 'none'"):
        _assistant(fake_settings, FakeMultilingual()).ask(ENGLISH[0])


def test_a_removed_or_changed_document_leaves_no_second_set_vectors_behind(routed):
    assistant, _ = routed
    sources = assistant.settings.sources
    (sources / "belgium-cyber-diplomacy.txt").unlink()
    path = sources / "sarajevo-workshop-cyber-diplomacy-2025.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nA sentence added later.\n", encoding="utf-8")
    assistant.ingest(progress=False)
    store = assistant.store
    assert store.count(CROSS) == store.count(PRIMARY) == len(assistant.retriever.chunks)
    assert set(store.unit_vectors([c.chunk_id for c in assistant.retriever.chunks], vectors=CROSS)) == \
           {c.chunk_id for c in assistant.retriever.chunks}


# --- end to end: the real models, real Chroma -------------------------------------------------------------



@pytest.fixture(scope="module")
def routed_real(real_assistant, tmp_path_factory):
    """The shipped sources with both vector sets: the bundled model (shared with real_assistant) and e5."""
    settings = real_assistant.settings.replace(index=tmp_path_factory.mktemp("routed-index"),
                                               data_dir=tmp_path_factory.mktemp("routed-data"),
                                               cross_lingual_model=MULTILINGUAL_MODEL)
    assistant = Assistant(settings, embedder=real_assistant.embedder, create=True)
    assistant.ingest(progress=False)
    return assistant


@needs_e5
@pytest.mark.slow
def test_a_french_question_gets_a_cited_answer_through_the_e5_vectors(routed_real, monkeypatch):
    sets: list[str] = []
    query, read_vectors = routed_real.store.query, routed_real.store.embeddings_for
    monkeypatch.setattr(routed_real.store, "query", lambda *a, vectors=PRIMARY, **k: sets.append(vectors) or
                        query(*a, vectors=vectors, **k))
    routed_real.retriever._exact.clear()  # exact dense search reads the vector set's stored vectors
    monkeypatch.setattr(routed_real.store, "embeddings_for", lambda ids, vectors=PRIMARY: sets.append(vectors) or
                        read_vectors(ids, vectors))
    answer = routed_real.ask(FRENCH)
    assert not answer.abstained, answer.text
    assert any("17 March 2025" in c.quote for c in answer.citations), answer.text
    for c in answer.citations:
        assert routed_real.document_text(c.source)[c.start:c.end] == c.quote
    assert set(sets) == {CROSS}
    assert routed_real.retriever.route(FRENCH).embedder.name == MULTILINGUAL_MODEL


@needs_e5
@pytest.mark.slow
def test_english_answers_are_identical_with_and_without_the_e5_vectors(routed_real, real_assistant):
    for question in ENGLISH:
        a, b = routed_real.ask(question), real_assistant.ask(question)
        assert (a.text, a.abstained, a.citations) == (b.text, b.abstained, b.citations), question
        assert [(p.chunk.chunk_id, p.score, p.dense_score, p.keyword_score) for p in a.passages] == \
               [(p.chunk.chunk_id, p.score, p.dense_score, p.keyword_score) for p in b.passages], question


def test_ingest_shows_the_second_encodings_progress(fake_settings, capsys):
    _assistant(fake_settings, FakeMultilingual()).ingest(progress=True)
    err = capsys.readouterr().err
    assert "multilingual vectors" in err and "passage" in err
    _assistant(fake_settings.replace(index=fake_settings.index.parent / "plain")).ingest(progress=True)
    assert "multilingual vectors" not in capsys.readouterr().err  # no second set, no second bar

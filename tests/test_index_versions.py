"""Index versions: a question reads one immutable snapshot; a reload builds aside and swaps it in without blocking questions."""
from __future__ import annotations

import threading

from assistant.retrieval import HybridRetriever

QUESTIONS = ["What is cyber diplomacy?", "What did NATO recognise in 2016?", "confidence-building measures OSCE",
             "What does the Tallinn workshop on cyber norms say?"]
ADDED = ("---\ntitle: Tallinn workshop\npublisher: Example\n---\n# Tallinn\n\n"
         "The Tallinn workshop on cyber norms discussed cyber diplomacy, confidence-building measures and the OSCE. "
         "Participants said NATO recognised cyberspace as a domain of operations and urged restraint.\n")


def _ranking(passages) -> list[tuple[str, float]]:
    return [(p.chunk.chunk_id, round(p.score, 9)) for p in passages]


def test_an_old_snapshot_ranks_exactly_as_its_version_did_after_a_newer_one_is_swapped_in(fake_assistant,
                                                                                         fake_settings):
    retriever = fake_assistant.retriever
    retriever.candidates = 5  # fewer candidates than passages: the added ones compete for the dense slots
    old = retriever.snapshot
    before = {q: _ranking(retriever.search(q, 5)) for q in QUESTIONS}
    (fake_settings.sources / "tallinn.md").write_text(ADDED, encoding="utf-8")
    fake_assistant.ingest(progress=False)
    new = retriever.snapshot
    assert new is not old and new.version != old.version
    assert len(new.by_id) > len(old.by_id) and set(old.by_id) < set(new.by_id)
    for q in QUESTIONS:
        # The added passages sit in Chroma now, and the old version must neither see them nor lose ranks to them.
        assert _ranking(retriever.search(q, 5, snapshot=old)) == before[q], q
    assert any(p.chunk.source == "tallinn.md" for q in QUESTIONS for p in retriever.search(q, 5))
    answer = fake_assistant.answerer.answer(QUESTIONS[3], retriever.search(QUESTIONS[3], 5, snapshot=old), index=old)
    assert all(c.source != "tallinn.md" for c in answer.citations)
    assert fake_assistant.ask(QUESTIONS[0]).index_version == new.version


def test_questions_are_answered_while_a_reload_is_building(fake_assistant, fake_settings, monkeypatch):
    """The reload after an ingest used to run under the lock every question takes: questions waited for it."""
    building, release = threading.Event(), threading.Event()
    real_reload = HybridRetriever.reload

    def slow_reload(self):
        building.set()
        assert release.wait(60), "the test never released the reload"
        real_reload(self)

    retriever = fake_assistant.retriever
    old_version = retriever.snapshot.version
    monkeypatch.setattr(HybridRetriever, "reload", slow_reload)
    (fake_settings.sources / "tallinn.md").write_text(ADDED, encoding="utf-8")
    done: list = []
    ingest = threading.Thread(target=lambda: done.append(fake_assistant.ingest(progress=False)))
    ingest.start()
    try:
        assert building.wait(60), "the ingest never reached its reload"
        asked: list = []
        question = threading.Thread(target=lambda: asked.append(fake_assistant.ask(QUESTIONS[3])))
        question.start()
        question.join(30)
        assert not question.is_alive(), "a question waited for the reload"
        assert asked[0].index_version == old_version
        assert all(c.source != "tallinn.md" for c in asked[0].citations)
    finally:
        release.set()
        ingest.join(60)
    assert done and done[0].added == ("tallinn.md",)
    after = fake_assistant.ask(QUESTIONS[3])
    assert after.index_version != old_version


def test_reload_picks_up_what_another_writer_ingested(fake_assistant, fake_settings):
    """A replica that never writes (`serve --no-ingest`, SIGHUP) takes in another writer's ingest by reloading."""
    from assistant.embeddings import HashingEmbedder
    from assistant.service import Assistant

    replica = Assistant(fake_settings, embedder=HashingEmbedder())
    before = replica.ask(QUESTIONS[3])
    (fake_settings.sources / "tallinn.md").write_text(ADDED, encoding="utf-8")
    fake_assistant.ingest(progress=False)
    assert replica.ask(QUESTIONS[3]).index_version == before.index_version  # not until it reloads
    replica.reload()
    after = replica.ask(QUESTIONS[3])
    assert after.index_version == fake_assistant.retriever.snapshot.version != before.index_version
    assert any(c.source == "tallinn.md" for c in after.citations)


def test_concurrent_one_thread_blocks_leave_torch_default_for_new_threads(real_settings):
    """Each question runs torch on one thread; interleaved blocks used to leave every later thread (an ingest) on one."""
    import pytest
    import torch

    from assistant import embeddings

    embeddings.make_embedder(real_settings).model  # records the process's count
    default = embeddings._PROCESS_THREADS
    if not default or default < 2:
        pytest.skip("one CPU: nothing to lose")
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with embeddings.one_torch_thread():
            a_in.set()
            b_in.wait(10)
        a_out.set()

    def second() -> None:  # starts torch while the first block is inside: it begins on one thread
        a_in.wait(10)
        torch.get_num_threads()
        with embeddings.one_torch_thread():
            b_in.set()
            a_out.wait(10)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    seen: list[int] = []
    later = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    later.start()
    later.join()
    assert seen == [default]

"""The facade the CLI and UI talk to: open an index, ingest, search, ask, report status."""
from __future__ import annotations

import logging
import threading
import time
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from . import acronyms, conversation, languages, scoping, spelling
from .answer import Answerer, ExtractiveAnswerer
from .config import Settings
from .embeddings import Embedder, make_embedder, vocabulary
from .errors import IndexMissing, QuestionError
from .index import ChromaStore, DocRecord
from .ingest import check_settings, index_settings, ingest_lock, run_ingest
from .keyword_cache import cache_path
from .retrieval import Filters, HybridRetriever, tokenize
from .schema import Answer, IngestReport, Passage


def clean_question(question: str, max_chars: int) -> str:
    """The question with control characters removed; QuestionError when empty, too long or not in Latin script."""
    if question is None:
        raise QuestionError("the question is empty: type a question about cyber diplomacy")
    cleaned = "".join(
        ch if ch in "\n\t" or not unicodedata.category(ch).startswith("C") else " " for ch in str(question)
    )
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise QuestionError("the question is empty: type a question about cyber diplomacy")
    if len(cleaned) > max_chars:
        raise QuestionError(
            f"the question is too long ({len(cleaned):,} characters; the limit is {max_chars:,}): "
            "ask about one point at a time"
        )
    # Keyword search reads Latin and (transliterated) Cyrillic letters and digits: a question with neither
    # (Arabic, Chinese, emoji only) would get the nearest passage by chance, quoted as an answer.
    if not any(ch.isascii() and ch.isalnum() or "LATIN" in (name := unicodedata.name(ch, "")) or "CYRILLIC" in name
               for ch in cleaned):
        raise QuestionError("the question has no words in Latin script or Cyrillic: ask in English, French, "
                            "Bosnian/Croatian/Serbian, Dutch or German")
    return cleaned


@dataclass(frozen=True)
class Status:
    """What the index holds and how it was built."""

    location: str
    documents: int
    chunks: int
    settings: dict
    sources: tuple[DocRecord, ...]

    def to_json(self) -> dict:
        return {
            "index": self.location,
            "documents": self.documents,
            "chunks": self.chunks,
            "embedding_model": self.settings.get("embedding_model"),
            "dimension": self.settings.get("dimension"),
            "chunk_tokens": self.settings.get("chunk_tokens"),
            "chunker_version": self.settings.get("chunker_version"),
            "built_at": self.settings.get("built_at"),
            "updated_at": self.settings.get("updated_at"),
            "sources": [
                {"source": r.source, "title": r.meta.title, "publisher": r.meta.publisher, "url": r.meta.url,
                 "date": r.meta.date, "chunks": r.chunks}
                for r in self.sources
            ],
        }


class Assistant:
    """One open index with its retriever and answerer; thread-safe for concurrent questions."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, answerer: Answerer | None = None,
                 create: bool = False, preload: bool = False):
        self.settings = settings
        self.embedder = embedder or make_embedder(settings)
        if preload:
            self._preload_model()
        self.store = ChromaStore(path=settings.index, url=settings.chroma_url, prefix=settings.collection,
                                 create=create or bool(settings.chroma_url))
        self._lock = threading.RLock()
        self._retriever: HybridRetriever | None = None
        self._answerer = answerer

    def _preload_model(self) -> None:
        """Load the embedding model in a background thread, so that its imports and weights overlap with
        opening the index and starting the UI; the first question waits only for what is left."""
        if not hasattr(type(self.embedder), "model"):  # on the class: hasattr on the instance would load it
            return

        def load() -> None:
            try:
                self.embedder.model
            except Exception:  # noqa: BLE001 - the first question meets it again and reports it properly
                logging.getLogger(__name__).debug("model preload failed", exc_info=True)

        threading.Thread(target=load, name="preload-model", daemon=True).start()

    # --- index ---------------------------------------------------------------------------
    def ingest(self, rebuild: bool = False, progress: bool = True, log=None) -> IngestReport:
        """Bring the index in line with the sources folder (one ingest at a time)."""
        with ingest_lock(self.settings):
            report = run_ingest(self.settings, self.store, self.embedder, rebuild=rebuild, progress=progress, log=log)
        with self._lock:
            if self._retriever is not None:
                self._retriever.reload()
        return report

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                stored = self.store.read_settings()
                if stored is None:
                    raise IndexMissing(f"no index at {self.store.location}: run `assistant ingest` first")
                check_settings(stored, index_settings(self.settings, self.embedder))
                s = self.settings
                self._retriever = HybridRetriever(self.store, self.embedder, s.candidates, s.rrf_k,
                                                  cache_path(s.index, s.chroma_url, s.data_dir, s.collection))
            return self._retriever

    @property
    def answerer(self) -> Answerer:
        with self._lock:
            if self._answerer is None:
                self._answerer = self._make_answerer()
            return self._answerer

    def _make_answerer(self) -> Answerer:
        extractive = ExtractiveAnswerer(self.retriever, self.settings.min_support, self.settings.max_answer_units)
        if self.settings.backend == "extractive":
            return extractive
        from .llm import make_llm_answerer  # optional backends load only when configured

        return make_llm_answerer(self.settings, extractive)

    def status(self) -> Status:
        stored = self.store.read_settings()
        if stored is None:
            raise IndexMissing(f"no index at {self.store.location}: run `assistant ingest` first")
        docs = self.store.documents()
        return Status(self.store.location, len(docs), sum(r.chunks for r in docs.values()), stored,
                      tuple(sorted(docs.values(), key=lambda r: r.source)))

    def sections(self) -> list[tuple[str, str]]:
        """(source, section heading path) of every indexed passage, in document order."""
        chunks = sorted(self.retriever.chunks, key=lambda c: (c.source, c.start))
        return [(c.source, c.section) for c in chunks if c.section]

    def document_text(self, source: str) -> str | None:
        """Extracted text of an indexed document (None for anything not in the index)."""
        return self.store.document_text(source)

    # --- questions -----------------------------------------------------------------------
    def search(self, question: str, top_k: int | None = None, filters: Filters | None = None,
               mode: str = "hybrid") -> list[Passage]:
        question = clean_question(question, self.settings.max_question_chars)
        return self.retriever.search(question, self._top_k(top_k), filters, mode)

    def ask(self, question: str, top_k: int | None = None, filters: Filters | None = None,
            history: Sequence[str] = (), mode: str = "hybrid") -> Answer:
        """Answer one question; `history` holds the earlier questions of the conversation, oldest first."""
        t0 = time.perf_counter()
        question, query, query_vec, passages = self._retrieve(question, top_k, filters, history, mode)
        t1 = time.perf_counter()
        answer = self.answerer.answer(question, passages, query=query, query_vec=query_vec)
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return replace(answer, timings_ms=timings, query=query)

    def _retrieve(self, question: str, top_k: int | None, filters: Filters | None, history: Sequence[str],
                  mode: str) -> tuple[str, str, object, list[Passage]]:
        """Clean the question, resolve it with the conversation, and retrieve its passages."""
        question = clean_question(question, self.settings.max_question_chars)
        retriever = self.retriever
        # "GGE" over sources that only write "Group of Governmental Experts": the spelled-out form joins the query.
        query = acronyms.expand(self._resolve(question, history), retriever.keyword)
        # "Budapst Convension" is still the Budapest Convention
        if languages.is_english(query):  # the corrector knows English words only
            query = spelling.correct(query, retriever.keyword, vocabulary(self.embedder))
        query_vec = retriever.embed_query(query)
        k = self._top_k(top_k)
        catalog = scoping.documents_of(retriever.keyword)
        scope = scoping.resolve(query, catalog)
        if not (scope.sources or scope.missing) and history:
            # "What assistance must it provide?" after a question about the Budapest Convention: the follow-up
            # stays within the document the conversation named last (unless it names another).
            earlier = next((s for h in reversed(history) if (s := scoping.resolve(h, catalog)).sources), None)
            if earlier is not None:
                scope = replace(scope, sources=earlier.sources)
        if scope.sources:
            # A question that names a document is answered from it (and the user's own filters still hold).
            allowed = [s for s in scope.sources if not filters or not filters.sources or s in filters.sources]
            if allowed:
                filters = Filters(tuple(allowed), filters.publishers if filters else ())
        search_query, search_vec = query, query_vec
        if (narrowed := scoping.topic(query, scope)) != query:
            search_query, search_vec = narrowed, retriever.embed_query(narrowed)
        if filters and len(filters.sources) > 1 and scope.sources:
            # "How do 73/27 and 75/240 differ ...": each named document brings its own best passages.
            per_doc = [retriever.search(search_query, k, Filters((s,), filters.publishers), mode, query_vec=search_vec)
                       for s in filters.sources]
            passages = [p for rank in range(k) for ps in per_doc if rank < len(ps) for p in [ps[rank]]][:k]
        else:
            passages = retriever.search(search_query, k, filters, mode, query_vec=search_vec)
        if scoping.DEFINITION_QUESTION.search(query):
            defining = scoping.defining_chunks(catalog, set(tokenize(query)), tokenize, scope.sources)
            defining = [c for c in defining if not filters or filters.allows(c)]
            ids = {c.chunk_id for c in defining}
            passages = ([Passage(c, 1.0) for c in defining] + [p for p in passages if p.chunk.chunk_id not in ids])[:k]
        if scope.labelled:
            # "paragraph 5", "Article 41": the passages that carry the label come first.
            named = [c for c in scoping.labelled_chunks(catalog, scope, k)
                     if not filters or filters.allows(c)]
            ids = {c.chunk_id for c in named}
            passages = [Passage(c, 1.0) for c in named] + [p for p in passages if p.chunk.chunk_id not in ids]
            passages = passages[:k]
        return question, query, query_vec, passages

    def ask_stream(self, question: str, top_k: int | None = None, filters: Filters | None = None,
                   history: Sequence[str] = (), mode: str = "hybrid") -> Iterator[str | Answer]:
        """Like `ask`, but yields the answer's text as it is validated (str deltas), then the final Answer.

        The final Answer is authoritative: when an LLM answer falls back, its text differs from the deltas.
        """
        t0 = time.perf_counter()
        question, query, query_vec, passages = self._retrieve(question, top_k, filters, history, mode)
        t1 = time.perf_counter()
        first = None
        stream = getattr(self.answerer, "stream", None)
        items = stream(question, passages, query=query, query_vec=query_vec) if stream else None
        if items is None:  # answerers without streaming (the extractive one) give their text in one piece
            answer = self.answerer.answer(question, passages, query=query, query_vec=query_vec)
            first = time.perf_counter()
            yield answer.text
        else:
            answer = None
            for item in items:
                if isinstance(item, Answer):
                    answer = item
                else:
                    first = first or time.perf_counter()
                    yield item
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        if first is not None:
            timings["first_token"] = (first - t0) * 1000
        yield replace(answer, timings_ms=timings, query=query)

    def _resolve(self, question: str, history: Sequence[str]) -> str:
        """The retrieval query: condensed by the LLM when a backend offers it, else by the rule-based resolver."""
        condense = getattr(self.answerer, "condense", None) if history else None
        if condense is not None:
            return condense(question, list(history))
        return conversation.resolve(question, list(history))

    def _top_k(self, top_k: int | None) -> int:
        value = self.settings.top_k if top_k is None else top_k
        if not 1 <= value <= 50:
            raise QuestionError(f"top_k must be between 1 and 50 (got {value})")
        return value

"""The facade the CLI and UI talk to: open an index, ingest, search, ask, report status."""
from __future__ import annotations

import logging
import threading
import time
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterator, Mapping, Sequence

from . import (acronyms, compound, conversation, cross_reference, feedback, instructions, languages, paraphrases,
               query_translation, scoping, spelling)
from . import question_kinds as kinds
from .answer import LIST_WORDS, Answerer, ExtractiveAnswerer
from .config import Settings
from .contracts import SourceJSON, StatusJSON
from .embeddings import Embedder, make_cross_embedder, make_embedder, vocabulary
from .errors import IndexMissing, QuestionError
from .index import ChromaStore, DocRecord
from .ingest import check_settings, index_settings, ingest_lock, run_ingest
from .keyword_cache import cache_path
from .retrieval import Filters, HybridRetriever, IndexSnapshot, tokenize
from .schema import Answer, Chunk, IngestReport, Passage
from .segmentation import unit_spans


def clean_question(question: str, max_chars: int) -> str:
    """The question with control characters removed; QuestionError when empty, too long or not in Latin script."""
    if question is None:
        raise QuestionError("the question is empty: type a question about cyber diplomacy", key="question_empty")
    cleaned = "".join(
        ch if ch in "\n\t" or not unicodedata.category(ch).startswith("C") else " " for ch in str(question)
    )
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise QuestionError("the question is empty: type a question about cyber diplomacy", key="question_empty")
    if len(cleaned) > max_chars:
        raise QuestionError(
            f"the question is too long ({len(cleaned):,} characters; the limit is {max_chars:,}): "
            "ask about one point at a time", key="question_too_long", length=len(cleaned), limit=max_chars
        )
    # Keyword search reads Latin and (transliterated) Cyrillic letters and digits: a question with neither
    # (Arabic, Chinese, emoji only) would get the nearest passage by chance, quoted as an answer.
    if not any(ch.isascii() and ch.isalnum() or "LATIN" in (name := unicodedata.name(ch, "")) or "CYRILLIC" in name
               for ch in cleaned):
        raise QuestionError("the question has no words in Latin script or Cyrillic: ask in English, French, "
                            "Bosnian/Croatian/Serbian, Dutch or German", key="question_no_script")
    return cleaned


def _first(passages: list[Passage], candidates: Sequence[Chunk], k: int) -> list[Passage]:
    """The retrieved passages with `candidates` first (the passages the question's own words single out: a defined
    term, a date line, an opening verb, a titled article, a mention, a named paragraph, a list's lead-in), cut to k."""
    ids = {c.chunk_id for c in candidates}
    return ([Passage(c, 1.0) for c in candidates] + [p for p in passages if p.chunk.chunk_id not in ids])[:k]


def _in_order_of(chunks: Sequence[Chunk], ranking: Sequence[str]) -> list[Chunk]:
    """`chunks` in the order of `ranking` (chunk ids); those it does not hold follow in their own order."""
    place = {cid: i for i, cid in enumerate(ranking)}
    return sorted(chunks, key=lambda c: place.get(c.chunk_id, len(place)))


@dataclass(frozen=True)
class Status:
    """What the index holds and how it was built."""

    location: str
    documents: int
    chunks: int
    settings: dict
    sources: tuple[DocRecord, ...]

    def to_json(self) -> dict:
        """The `assistant status --json` contract (contracts.StatusJSON)."""
        keys = ("embedding_model", "dimension", "chunk_tokens", "chunker_version", "built_at", "updated_at")
        return StatusJSON(
            index=self.location, documents=self.documents, chunks=self.chunks,
            **{k: self.settings.get(k) for k in keys},
            sources=[SourceJSON(source=r.source, title=r.meta.title, publisher=r.meta.publisher, url=r.meta.url,
                                date=r.meta.date, chunks=r.chunks) for r in self.sources],
        ).to_json()


class Assistant:
    """One open index with its retriever and answerer; thread-safe for concurrent questions."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, answerer: Answerer | None = None,
                 create: bool = False, preload: bool = False, cross_embedder: Embedder | None = None):
        """`cross_embedder`: the second vector set's model (questions not in English); by default the one
        `settings.cross_lingual_model` names, or none."""
        self.settings = settings
        self.embedder = embedder or make_embedder(settings)
        self.cross_embedder = cross_embedder or make_cross_embedder(settings)
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
        # On the class: hasattr on the instance would load it. The second model loads after the first, so that
        # the two do not share the cores with a first English question.
        models = [e for e in (self.embedder, self.cross_embedder) if e is not None and hasattr(type(e), "model")]
        if not models:
            return

        def load() -> None:
            for embedder in models:
                try:
                    embedder.model
                except Exception:  # noqa: BLE001 - the first question meets it again and reports it properly
                    logging.getLogger(__name__).debug("model preload failed", exc_info=True)

        threading.Thread(target=load, name="preload-model", daemon=True).start()

    # --- index ---------------------------------------------------------------------------
    def ingest(self, rebuild: bool = False, progress: bool = True, log=None) -> IngestReport:
        """Bring the index in line with the sources folder (one ingest at a time)."""
        with ingest_lock(self.settings):
            report = run_ingest(self.settings, self.store, self.embedder, rebuild=rebuild, progress=progress, log=log,
                                cross_embedder=self.cross_embedder)
        self.reload()
        return report

    def reload(self) -> None:
        """Pick up the index as the store holds it now: built aside, then swapped in (questions meanwhile use
        the previous version); after this process's ingest, or another's into a shared Chroma server."""
        if (retriever := self._retriever) is not None:
            retriever.reload()

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                stored = self.store.read_settings()
                if stored is None:
                    raise IndexMissing(f"no index at {self.store.location}: run `assistant ingest` first")
                check_settings(stored, index_settings(self.settings, self.embedder, self.cross_embedder))
                s = self.settings
                self._retriever = HybridRetriever(self.store, self.embedder, s.candidates, s.rrf_k,
                                                  cache_path(s.index, s.chroma_url, s.data_dir, s.collection),
                                                  cross_embedder=self.cross_embedder,
                                                  exact_search_max=s.exact_search_max)
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

    def has_index(self) -> bool:
        """Whether an index has been built here (an ingest has run at least once)."""
        return self.store.read_settings() is not None

    @property
    def streams(self) -> bool:
        """Whether `ask_stream` yields the answer in pieces as it is written (LLM backends), not in one."""
        return getattr(self.answerer, "stream", None) is not None

    def record_feedback(self, rating: str, answer: Mapping, comment: str = "", feedback_id: str | None = None) -> dict:
        """Save a thumbs up/down ('up' or 'down'), with an optional comment, on an answer's JSON (see feedback.py)."""
        return feedback.record(self.settings.data_dir, rating, answer, comment, feedback_id=feedback_id)

    # --- questions -----------------------------------------------------------------------
    def search(self, question: str, top_k: int | None = None, filters: Filters | None = None,
               mode: str = "hybrid") -> list[Passage]:
        question = clean_question(question, self.settings.max_question_chars)
        return self.retriever.search(question, self._top_k(top_k), filters, mode)

    def ask(self, question: str, top_k: int | None = None, filters: Filters | None = None,
            history: Sequence[str] = (), mode: str = "hybrid") -> Answer:
        """Answer one question; `history` holds the earlier questions of the conversation, oldest first.

        A message of two questions ("What does X say about Y, and what does Y aim to achieve?") is answered
        question by question (compound.py), all from one index version."""
        t0 = time.perf_counter()
        if (pieces := self._pieces(question)) is not None:
            snap, asked, answered = self.retriever.snapshot, list(history), []
            for piece in pieces:  # each later question read as a follow-up of the earlier ones ("that Convention")
                answered.append((piece, self._ask_one(piece, top_k, filters, asked, mode, snap)))
                asked.append(piece)
            answer = compound.combine(clean_question(question, self.settings.max_question_chars), answered)
            spent = lambda stage: sum(a.timings_ms.get(stage, 0.0) for _, a in answered)
            return replace(answer, timings_ms={"retrieve": spent("retrieve"), "answer": spent("answer"),
                                               "total": (time.perf_counter() - t0) * 1000})
        return self._ask_one(question, top_k, filters, history, mode)

    def _pieces(self, question: str) -> tuple[str, ...] | None:
        """The questions of a message that holds two or more (compound.py); None for one question (or for an
        attack on the instructions, which is refused whole)."""
        check = instructions.check_question(clean_question(question, self.settings.max_question_chars))
        pieces = () if check.attack else compound.parts(check.question)
        return pieces if len(pieces) > 1 else None

    def _ask_one(self, question: str, top_k: int | None, filters: Filters | None, history: Sequence[str], mode: str,
                 snap: IndexSnapshot | None = None) -> Answer:
        t0 = time.perf_counter()
        question, query, query_vec, passages, snap = self._retrieve(question, top_k, filters, history, mode, snap)
        t1 = time.perf_counter()
        answer = self.answerer.answer(question, passages, query=query, query_vec=query_vec, index=snap)
        t2 = time.perf_counter()
        timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
        return replace(answer, timings_ms=timings, query=query, question=question, index_version=snap.version)

    def _retrieve(self, question: str, top_k: int | None, filters: Filters | None, history: Sequence[str],
                  mode: str, snap: IndexSnapshot | None = None) -> tuple[str, str, object, list[Passage], IndexSnapshot]:
        """Clean the question, resolve it with the conversation, and retrieve its passages from one index version."""
        question = clean_question(question, self.settings.max_question_chars)
        retriever = self.retriever
        snap = snap or retriever.snapshot  # this question reads this version only, whatever an ingest swaps in
        # "GGE" over sources that only write "Group of Governmental Experts": the spelled-out form joins the query.
        # A role-play prefix ("Pretend I'm new to this: ...") is no part of what is searched for.
        asked = instructions.check_question(question).question
        query = acronyms.expand(self._resolve(asked, history), snap.keyword)
        # "Budapst Convension" is still the Budapest Convention
        if languages.is_english(query):  # the corrector knows English words only
            query = spelling.correct(query, snap.keyword, vocabulary(self.embedder))
            # "withdraw from the Convention" over a text that says "denounce": the term of art joins the query.
            query = paraphrases.expand(query, snap.keyword)
        elif added := paraphrases.terms(query_translation.english(query), snap.keyword):
            # "Šta kaže Pariški poziv o izborima?" is rendered "... elections": the term of art joins the question
            # as it does for one asked in English (the sources' English words, kept as written by the rendering).
            query = f"{query} ({', '.join(added)})"
        query_vec = retriever.embed_query(query)
        k = self._top_k(top_k)
        catalog = scoping.documents_of(snap.keyword)
        scope = query_translation.resolve_scope(query, catalog, scoping.resolve)
        if not (scope.sources or scope.missing) and history and \
                conversation.is_followup(question, conversation.vocabulary(snap.keyword)):
            # "What assistance must it provide?" after a question about the Budapest Convention: the follow-up
            # stays within the document the conversation named last (unless it names another); a question
            # of its own ("What does the OSCE promote?") inherits nothing.
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
        if filters and 1 < len(filters.sources) <= k and scope.sources:
            # "How do 73/27 and 75/240 differ ...": each named document brings its own best passages. (A name that many
            # documents share, "the cyber diplomacy toolbox" in titles, is one search over them: a search per document
            # took 40 s for one question at 100,000 passages; benchmarks.)
            per_doc = [retriever.search(search_query, k, Filters((s,), filters.publishers), mode, query_vec=search_vec,
                                        snapshot=snap) for s in filters.sources]
            passages = [p for rank in range(k) for ps in per_doc if rank < len(ps) for p in [ps[rank]]][:k]
        else:
            passages = retriever.search(search_query, k, filters, mode, query_vec=search_vec, snapshot=snap)
        if scoping.DEFINITION_QUESTION.search(query_translation.english(query)):
            # the defined terms are the sources' words: a question in another language is read in its rendering
            defining = scoping.defining_chunks(catalog, set(tokenize(query_translation.english(query))), tokenize,
                                               scope.sources)
            defining = [c for c in defining if not filters or filters.allows(c)]
            passages = _first(passages, defining, k)
        if scope.sources and kinds.DOCUMENT_DATE_QUESTION.search(query_translation.english(query)):
            # "When was the Paris Call issued?": the document's own date line, wherever it stands.
            dated = [c for c in catalog.dateline_chunks(scope.sources) if not filters or filters.allows(c)][:len(scope.sources)]
            passages = _first(passages, dated, k)
        if scope.sources and not scope.labelled and (opener := kinds.operative_opener(query_translation.english(query))) is not None:
            # "What did the General Assembly adopt in A/RES/79/243?": the paragraphs that open "Adopts ...".
            opening = [c for c in catalog.opening_chunks(scope.sources, opener) if not filters or filters.allows(c)]
            passages = _first(passages, opening[:k // 2 or 1], k)
        if not scope.labelled and (body := kinds.body_asked(query_translation.english(query))) is not None:
            # "Which reports must the 2021-2025 working group submit?": the paragraphs that convene or establish such
            # a body (and write the years the question gives it) come first.
            years = set(kinds.YEAR.findall(query))
            asked = set(tokenize(query_translation.english(query))) - set(tokenize(body)) - years
            setting_up = [c for c in catalog.opening_chunks(scope.sources, kinds.ESTABLISHING)
                          if any(kinds.establishes(c.text[s:e], body, years, asked, tokenize)
                                 for s, e, _ in unit_spans(c.text))  # its sentences, read as the answerer reads them
                          and (not filters or filters.allows(c))]
            passages = _first(passages, setting_up[:k // 2 or 1], k)
        if len(scope.sources) == 1 and not scope.labelled and kinds.asks_for_list(query_translation.english(query)):
            # "Which norms does resolution 73/27 list?": the lead-ins of its lists that name what is asked for.
            words = set(tokenize(query_translation.english(scoping.topic(query, scope)))) - LIST_WORDS
            leads = [c for c in catalog.lead_in_chunks(scope.sources, words, tokenize)
                     if not filters or filters.allows(c)][:k // 2 or 1]
            passages = _first(passages, leads, k)
        if len(scope.sources) == 1 and kinds.COUNTRY_QUESTION.search(query_translation.english(query)):
            # "Quels pays font partie de l'Initiative contre les rançongiciels ?": within the one document named, the
            # passages that list countries (two or more) are the candidates, whatever else the question says.
            listing = [c for c in catalog.chunks_in(scope.sources) if kinds.names_countries(c.text, 2)
                       and (not filters or filters.allows(c))][:k // 2 or 1]
            passages = _first(passages, listing, k)
        if titled := scoping.titled_articles(catalog, scope, set(tokenize(scoping.topic(query, scope))), tokenize):
            # "What does the Budapest Convention say about corporate liability?": Article 12, so titled, comes first.
            named = [c for c in scoping.titled_chunks(catalog, titled, k) if not filters or filters.allows(c)][:k // 2 or 1]
            passages = _first(passages, named, k)
        if found := cross_reference.mentions(catalog, scope):
            # "What does the Paris Call say about the Budapest Convention?": the Paris Call's passage that names it.
            mentioning = [c for c in cross_reference.mentioning_chunks(catalog, found) if not filters or filters.allows(c)]
            passages = _first(passages, mentioning, k)
        if scope.labelled:
            # "paragraph 5", "Article 41": the passages that carry the label come first.
            named = [c for c in scoping.labelled_chunks(catalog, scope, None)
                     if not filters or filters.allows(c)]
            if len(named) > k:
                # "Who operates the account under article 56 ...?": an article longer than k passages is read in
                # the order the rest of the question ranks its passages, not from its first paragraph down.
                ranked = retriever.search(search_query, max(self.retriever.candidates, len(named)), filters, mode,
                                          query_vec=search_vec, snapshot=snap)
                named = _in_order_of(named, [p.chunk.chunk_id for p in ranked])
            # ... and the best passage found by search keeps its place: the account "referred to in article 56" is
            # operated by UNODC says paragraph 4 of the adopting resolution, not the article.
            passages = _first(passages, named[:k - 1 if len(named) >= k else k], k)
        return question, query, query_vec, passages, snap

    def ask_stream(self, question: str, top_k: int | None = None, filters: Filters | None = None,
                   history: Sequence[str] = (), mode: str = "hybrid") -> Iterator[str | Answer]:
        """Like `ask`, but yields the answer's text as it is validated (str deltas), then the final Answer.

        The final Answer is authoritative: when an LLM answer falls back, its text differs from the deltas.
        """
        t0 = time.perf_counter()
        if self._pieces(question) is not None:  # two questions: answered whole, then given in one piece
            answer = self.ask(question, top_k, filters, history, mode)
            yield answer.text
            yield answer
            return
        question, query, query_vec, passages, snap = self._retrieve(question, top_k, filters, history, mode)
        t1 = time.perf_counter()
        first = None
        stream = getattr(self.answerer, "stream", None)
        items = stream(question, passages, query=query, query_vec=query_vec, index=snap) if stream else None
        if items is None:  # answerers without streaming (the extractive one) give their text in one piece
            answer = self.answerer.answer(question, passages, query=query, query_vec=query_vec, index=snap)
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
        yield replace(answer, timings_ms=timings, query=query, question=question, index_version=snap.version)

    @staticmethod
    def background_priority():
        """A context in which an ingest runs on one torch thread, leaving a core to the questions being answered."""
        from .ingest import background_priority

        return background_priority()

    # --- briefing packs (assistant/briefing.py) --------------------------------------------
    def brief(self, topic: str, filters: Filters | None = None, passages: int = 20, limits=None):
        """A briefing pack on `topic` (every indexed passage when it is `all`), every line a cited quote."""
        from . import briefing

        t0 = time.perf_counter()
        topic = clean_question(topic, self.settings.max_question_chars)
        scorer = getattr(self.answerer, "extractive", self.answerer)  # an LLM answerer's extractive one
        if not isinstance(scorer, ExtractiveAnswerer):
            scorer = ExtractiveAnswerer(self.retriever, self.settings.min_support, self.settings.max_answer_units)
        pack = briefing.prepare(self.retriever, scorer, topic, filters, passages, limits or briefing.Limits())
        if self.settings.backend != "extractive" and pack.key_points and topic.casefold() != briefing.ALL:
            # Prose only through the LLM answerer's sentence-by-sentence grounding check; a fallback adds nothing.
            answer = self.ask(f"What do the sources say about {topic}?", filters=filters)
            if answer.support_rate is not None and not answer.abstained and \
                    answer.support_rate >= getattr(self.answerer, "min_supported_share", 0.5):
                pack = briefing.with_overview(pack, answer)
        return replace(pack, timings_ms={**pack.timings_ms, "total": (time.perf_counter() - t0) * 1000})

    def _resolve(self, question: str, history: Sequence[str]) -> str:
        """The retrieval query: condensed by the LLM when a backend offers it, else by the rule-based resolver."""
        condense = getattr(self.answerer, "condense", None) if history else None
        if condense is not None:
            return condense(question, list(history))
        names = conversation.vocabulary(self.retriever.keyword) if history else conversation.EMPTY
        return conversation.resolve(question, list(history), names)

    def _top_k(self, top_k: int | None) -> int:
        value = self.settings.top_k if top_k is None else top_k
        if not 1 <= value <= 50:
            raise QuestionError(f"top_k must be between 1 and 50 (got {value})")
        return value

"""Hybrid retrieval: BM25 keywords (bm25s) and dense vectors (Chroma), fused by reciprocal rank."""
from __future__ import annotations

import difflib
import gc
import hashlib
import re
import sys
import threading
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterator, Mapping, Sequence

import bm25s
import numpy as np
import Stemmer

from . import chunking, cleaning, keyword_cache, languages, query_translation, scoping, segmentation, structure
from .chunking import embedding_text
from .embeddings import Embedder, embed_queries, is_multilingual
from .index import PRIMARY, ChromaStore, where_clause
from .languages import is_english, latin_letters
from .near_spelling import NearSpellings
from .routing import Route, choose
from .schema import Chunk, Passage
from .unit_vectors import UnitVectors
from .vector_cache import VectorCache

_STEMMER = Stemmer.Stemmer("english")
# Question words carry no topic: without them "what does X say" matches on X alone.
_QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "did", "do", "doe",
    "about", "tell", "me", "please", "say", "says", "said", "according", "can", "could", "would", "should",
    "sources", "source", "document", "documents", "text", "mention", "mentioned", "describe", "explain",
}
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | _QUESTION_WORDS
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")
# Document symbols and dotted or slashed identifiers (A/70/174, 13(f), ICT4Peace) stay whole.
_TOKEN = re.compile(r"[a-z0-9]+(?:[/.\-][a-z0-9]+)+|[a-z0-9]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_VOWEL = re.compile(r"[aeiouy]")


# Combining marks met so far, for str.translate: a loop over characters made folding 40% of building
# the keyword index (100k chunks: 40 s of 92 s, benchmarks/).
_COMBINING: dict[int, None] = {}
_CHARS_SEEN: set[str] = set()


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text (NÚKIB -> nukib, Tóth -> toth, Сарајево -> sarajevo)."""
    decomposed = unicodedata.normalize("NFKD", latin_letters(text.casefold()))
    if decomposed.isascii():
        return decomposed
    new = set(decomposed) - _CHARS_SEEN
    if new:
        for ch in new:
            if unicodedata.combining(ch):
                _COMBINING[ord(ch)] = None
        _CHARS_SEEN.update(new)  # after the table, so a character seen is always in it
    return decomposed.translate(_COMBINING)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def tokenize(text: str, keep_stopwords: bool = False) -> list[str]:
    """Folded, stemmed keyword tokens; identifiers also contribute their parts."""
    out: list[str] = []
    for token in _TOKEN.findall(fold(_ACRONYM_PLURAL.sub(r"\1", text))):
        out.extend(_token_stems(token, keep_stopwords))
    return out


@lru_cache(maxsize=262144)  # words recur from text to text: each is split and stemmed once
def _token_stems(token: str, keep_stopwords: bool) -> tuple[str, ...]:
    """The stems one token of `tokenize` gives: an identifier itself, then its parts; a word its stem."""
    out: list[str] = []
    if not _ASCII_WORD.fullmatch(token):
        out.append(token)
        parts = _ASCII_WORD.findall(token)
    else:
        parts = [token]
    for part in parts:
        if len(part) < 2 or (not keep_stopwords and part in _STOPWORDS):
            continue
        if len(part) > 3 and part.endswith("s") and not _VOWEL.search(part[:-1]):
            part = part[:-1]  # a lower-cased acronym plural (cbms): the stemmer leaves it alone
        out.append(_stem(part))
    return tuple(out)


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval to some sources and/or publishers (applied inside each retriever)."""

    sources: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sources or self.publishers)

    def allows(self, chunk: Chunk) -> bool:
        return (not self.sources or chunk.source in self.sources) and (
            not self.publishers or (chunk.meta.publisher or "") in self.publishers
        )


def analyze(chunk: Chunk) -> tuple[list[str], set[str]]:
    """A chunk's keyword tokens and its set of folded words (what KeywordIndex keeps of it)."""
    text = embedding_text(chunk)
    return tokenize(text), set(_ASCII_WORD.findall(fold(text)))


# Cached token lists are valid only for the code that made them: this module (the tokenizer), the
# chunker's embedding_text, the cache layout, the transliteration (languages.py) and the stemmer's version.
CODE_VERSION = hashlib.sha256(
    b"".join(Path(m.__file__).read_bytes() for m in (sys.modules[__name__], chunking, keyword_cache, cleaning, segmentation, structure,
                                                  languages))
    + version("PyStemmer").encode()
).hexdigest()


# How alike a foreign word and a source word must be to count as the same (difflib ratio; set on
# evals/crosslingual's tuning split, evals/crosslingual/README.md).
COGNATE_CUTOFF = 0.8


class KeywordIndex:
    """BM25 over the current chunks; built once per index version, never per query."""

    def __init__(self, chunks: Sequence[Chunk], corpus: Sequence[list[str]] | None = None,
                 words: set[str] | None = None):
        """BM25 over `chunks`; `corpus` and `words` are their `analyze` results when already known (a cache)."""
        self.chunks = list(chunks)
        self.vocabulary: set[str] = set()
        self.words: set[str] = set()  # folded, unstemmed words: to tell a misspelling from an unknown term
        self.df: dict[str, int] = {}
        self._bm25 = None
        self._spelling = None
        self._spelling_lock = threading.Lock()
        self._filter_masks = FilterMasks(lambda: RowCodes.of(self.chunks), np.float32)  # BM25's weight masks
        if self.chunks:
            if corpus is None:
                analyzed = [analyze(c) for c in self.chunks]
                corpus, words = [t for t, _ in analyzed], set().union(*(w for _, w in analyzed))
            if len(corpus) != len(self.chunks):
                raise ValueError(f"{len(corpus)} token lists for {len(self.chunks)} chunks")
            self.df = dict(Counter(chain.from_iterable(map(set, corpus))))  # counted in C: 0.08 -> 0.05 s at 10k chunks
            self.vocabulary = set(self.df)
            self.words = set(words or ())
            self._bm25 = bm25s.BM25()
            self._bm25.index(list(corpus), show_progress=False)

    def has_near_spelling(self, word: str, cutoff: float = 0.75, same_initial: bool = False) -> bool:
        """Whether a corpus word is within `cutoff` of `word` by difflib's ratio: the same answer as
        `difflib.get_close_matches(word, self.words, 1, cutoff)`, without comparing every word. With
        `same_initial`, only corpus words that start with the same letter count (a typo seldom changes the
        first letter: "Budapst" is Budapest, "Pall" is not "call").

        Character counts rule most words out first: quick_ratio (2 x shared characters / total
        length) bounds ratio from above. An unknown name against 28k words: 225 ms before, a few ms now.
        """
        candidates = self._spelling_table().candidates(word, cutoff)
        if same_initial:
            candidates = [c for c in candidates if c[:1] == word[:1]]
        return bool(difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff))

    def closest_spelling(self, word: str, cutoff: float = 0.8) -> str | None:
        """The corpus word nearest to `word` by difflib's ratio, if one reaches `cutoff` (else None)."""
        found = self._spelling_table().close(word, n=5, cutoff=cutoff)
        if not found:
            return None
        # Equally close ("convension": convention, conversion): the word the sources use most wins.
        best = max(difflib.SequenceMatcher(None, word, f).ratio() for f in found)
        tied = [f for f in found if difflib.SequenceMatcher(None, word, f).ratio() >= best - 1e-9]
        return max(tied, key=lambda f: (self.df.get(_stem(f), 0), f))

    def _spelling_table(self) -> NearSpellings:
        """The vocabulary's character counts (near_spelling.py), built on first use (once per index version)."""
        with self._spelling_lock:
            if self._spelling is None:
                self._spelling = NearSpellings(self.words)
            return self._spelling

    def cognates(self, text: str, cutoff: float = COGNATE_CUTOFF) -> str:
        """Each long word of a question in another language that the sources lack, replaced by the sources'
        closest spelling when one is close enough: Sarajevu -> sarajevo, diplomatiji -> diplomatic."""
        out = []
        for word in fold(text).split():
            if len(word) >= 6 and word.isalpha() and word not in self.words:
                word = self.closest_spelling(word, cutoff) or word
            out.append(word)
        return " ".join(out)

    def _mask(self, filters: Filters) -> np.ndarray:
        """BM25's weight mask for the chunks `filters` allow (kept per filter)."""
        return self._filter_masks.allowed(filters)

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; unseen tokens get the highest weight."""
        n = len(self.chunks)
        return float(np.log(1.0 + (n + 1) / (self.df.get(token, 0) + 0.5)))

    def search(self, query: str, n: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        """(chunk position, BM25 score) of the best matches with a positive score."""
        if self._bm25 is None:
            return []
        # A question in another language is searched by its English rendering (query_translation.py); words the
        # glossary lacks stay as asked, and the sources' closest spelling stands in for them (Sarajevu -> sarajevo).
        if not is_english(query):
            query = self.cognates(query_translation.english(query))
        tokens = [t for t in tokenize(query) if t in self.vocabulary]
        if not tokens:
            return []
        mask = self._mask(filters) if filters else None
        if mask is not None and not mask.any():
            return []
        k = min(n, len(self.chunks))
        # n_threads=0: in this thread (n_threads=1 started a thread pool for every question, ~0.5 ms; benchmarks)
        docs, scores = self._bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = 60,
                           weights: Sequence[float] | None = None) -> dict[str, float]:
    """RRF score of each id over several rankings (Cormack et al., 2009), each ranking optionally weighted."""
    fused: dict[str, float] = {}
    for i, ranking in enumerate(rankings):
        w = 1.0 if weights is None else weights[i]
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + w / (k + rank + 1)
    return fused


# A question in another language than the (English) sources shares only names, numbers and acronyms with
# them: with a multilingual model, its keyword ranking counts this much of the dense one's in the fusion.
# Measured with e5 on evals/crosslingual's tuning split over the real documents: 0.25, 0.5 and 1.0 pass the
# same 19/25 questions, 1.0 ranks best (MRR 0.795 against 0.775-0.777), so the fusion stays even. (That was
# measured before the keyword side read the question's English rendering, query_translation.py.)
CROSS_LINGUAL_KEYWORD_WEIGHT = 1.0


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of long-lived objects are made.

    Each collection walks every tracked object so far: at 100k chunks, loading the keyword cache took
    1.7 s with it and 0.75 s without. The objects made form no cycles, so nothing is left for later.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class IndexSnapshot:
    """One version of the index as readers see it: the keyword index and the chunks answerable with it.

    A question captures one snapshot and reads only it, so a reload (after an ingest) never mixes two
    versions in one answer. `version` names the set of document versions (the same set, the same id).
    """

    version: str
    keyword: KeywordIndex
    by_id: Mapping[str, Chunk]  # read-only
    # this version's answer-unit vectors per vector set, as read (HybridRetriever.unit_vectors): they live and die
    # with the version, so a later one (also one rebuilt with another model) never answers with them
    unit_tables: dict[str, UnitVectors] = field(default_factory=dict, compare=False, repr=False)


# Up to this many passages, dense search compares every vector (numpy, ~1 ms per 10,000 at 384 dimensions) instead
# of Chroma's approximate HNSW index, whose results differed between processes over the same index. 20,000 vectors
# of 384 floats are 31 MB. The setting `exact_search_max` (ASSISTANT_EXACT_SEARCH_MAX) sets another bound (0: always
# Chroma's index).
EXACT_SEARCH_MAX = 20_000
# Similarities rounded to this many decimals before ranking (ties broken by chunk id): float32 dot products may
# differ in their last bits between machines, and a passage at the margin must rank the same everywhere.
_SIMILARITY_DECIMALS = 6


@dataclass(frozen=True)
class ExactVectors:
    """One index version's passage vectors, unit length, in chunk-id order."""

    ids: tuple[str, ...]
    matrix: np.ndarray


@dataclass(frozen=True)
class RowCodes:
    """Each row's document and publisher as numbers, to build a filter's mask with numpy (a Python pass over 10,000
    rows cost ~3 ms a question that names a document)."""

    sources: Mapping[str, int]
    source_of_row: np.ndarray
    publishers: Mapping[str, int]
    publisher_of_row: np.ndarray

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> "RowCodes":
        sources = {s: i for i, s in enumerate(dict.fromkeys(c.source for c in chunks))}
        publishers = {p: i for i, p in enumerate(dict.fromkeys(c.meta.publisher or "" for c in chunks))}
        return cls(sources, np.fromiter((sources[c.source] for c in chunks), np.int32, len(chunks)),
                   publishers, np.fromiter((publishers[c.meta.publisher or ""] for c in chunks), np.int32, len(chunks)))

    def allowed(self, filters: Filters) -> np.ndarray:
        """Which rows `filters` allow (a boolean mask), as `Filters.allows` decides for each."""
        keep = np.ones(len(self.source_of_row), dtype=bool)
        if filters.sources:
            keep &= np.isin(self.source_of_row, [self.sources[s] for s in filters.sources if s in self.sources])
        if filters.publishers:
            keep &= np.isin(self.publisher_of_row,
                            [self.publishers[p] for p in filters.publishers if p in self.publishers])
        return keep


class FilterMasks:
    """The masks of the rows that filters allow, kept per filter: each question that names a document asks for its
    mask again (a pass over every row: ~20 ms at 100,000). `codes` numbers the rows' documents, on first use."""

    def __init__(self, codes: Callable[[], RowCodes], dtype=bool):
        self._make_codes, self._dtype = codes, dtype
        self._codes: RowCodes | None = None
        self._masks: dict[Filters, np.ndarray] = {}
        self._lock = threading.Lock()

    def allowed(self, filters: Filters) -> np.ndarray:
        """A read-only mask (1 or True: allowed) shared by the questions that ask for the same filters."""
        with self._lock:
            if (mask := self._masks.get(filters)) is not None:
                return mask
            if self._codes is None:
                self._codes = self._make_codes()
            codes = self._codes
        mask = codes.allowed(filters).astype(self._dtype, copy=False)
        mask.flags.writeable = False
        with self._lock:
            if len(self._masks) >= 256:
                self._masks.clear()
            self._masks[filters] = mask
        return mask


def allowed_rows(exact: ExactVectors, filters: Filters, by_id: Mapping[str, Chunk]) -> np.ndarray:
    """Which rows of `exact` the filters allow (a boolean mask), built afresh; `FilterMasks` keeps them."""
    return RowCodes.of([by_id[i] for i in exact.ids]).allowed(filters)


def exact_dense(exact: ExactVectors, query_vec: np.ndarray, n: int, filters: Filters | None,
                by_id: Mapping[str, Chunk], allowed: np.ndarray | None = None) -> list[tuple[Chunk, float]]:
    """The `n` passages most similar (cosine) to `query_vec` among those `filters` allow (`allowed`: their mask,
    when the caller keeps it), best first."""
    q = np.asarray(query_vec, dtype=np.float32)
    q = q / (float(np.linalg.norm(q)) or 1.0)
    # einsum, not `matrix @ q`: the BLAS hands a matrix-vector product to its threads, whose hand-offs cost more than
    # the product on 2 busy cores (p50 8-40 ms against 0.56 ms for 10,000 rows, measured side by side).
    sims = np.round(np.einsum("ij,j->i", exact.matrix, q), _SIMILARITY_DECIMALS)
    if filters:
        allowed = allowed_rows(exact, filters, by_id) if allowed is None else allowed
        sims = np.where(allowed, sims, -np.inf)
    if n < len(sims):
        # the n-th best similarity, and every passage at or above it (ties at the margin included)
        floor = np.partition(sims, len(sims) - n)[len(sims) - n]
        candidates = np.flatnonzero(sims >= floor)
    else:
        candidates = np.arange(len(sims))
    order = candidates[np.lexsort((candidates, -sims[candidates]))][:n]  # ids are sorted: ties go to the smaller id
    return [(by_id[exact.ids[i]], float(sims[i])) for i in order if np.isfinite(sims[i])]


class HybridRetriever:
    """Keyword and dense retrieval over one store, fused; safe to share across threads.

    Readers take `snapshot` once per question; `reload` builds the next one aside (readers never wait for
    it) and publishes it with one reference assignment.
    """

    def __init__(self, store: ChromaStore, embedder: Embedder, candidates: int = 30, rrf_k: int = 60,
                 cache_path: Path | None = None, cross_embedder: Embedder | None = None,
                 exact_search_max: int = EXACT_SEARCH_MAX):
        """`cross_embedder`: the model of the index's second vector set, which serves questions not in English
        (routing.py); None serves every question with `embedder`."""
        self.store = store
        self.embedder = embedder
        self.cross_embedder = cross_embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.exact_search_max = exact_search_max  # passages up to which dense search is exact (exact_dense)
        self._lock = threading.Lock()
        self._exact: dict[tuple[str, str, int], "ExactVectors | bool"] = {}
        self._filter_masks: dict[tuple[str, str, int], FilterMasks] = {}  # per version of `_exact`
        self._query_cache = VectorCache(lambda texts: embed_queries(self.embedder, texts), 1024)
        self._cross_query_cache = VectorCache(lambda texts: embed_queries(self.cross_embedder, texts), 1024)
        # Per document version: only changed documents are re-read and re-tokenized at a reload.
        self.corpus = keyword_cache.KeywordCorpus(analyze, CODE_VERSION, cache_path)
        self._reload_lock = threading.Lock()
        self._snapshot: IndexSnapshot
        self.reload()

    def reload(self) -> None:
        """Bring the in-memory keyword index in line with the store (at start and after an ingest)."""
        with self._reload_lock, _gc_paused():  # two reloads at once would race on the corpus and its file
            # One canonical order (by source), whether the corpus came from the store or the cache: BM25 breaks
            # ties by position, and a different order gave different answers from process to process.
            entries = sorted(self.corpus.refresh(self.store), key=lambda e: e.chunks[0].source if e.chunks else "")
            chunks = [c for e in entries for c in e.chunks]
            keyword = KeywordIndex(chunks, [t for e in entries for t in e.tokens],
                                   set().union(*(e.words for e in entries)))
            versions = [(e.chunks[0].source, e.key) if e.chunks else ("", e.key) for e in entries]
            version = hashlib.sha256(repr(versions).encode()).hexdigest()[:12]
            snapshot = IndexSnapshot(version, keyword, MappingProxyType({c.chunk_id: c for c in chunks}))
            scoping.documents_of(keyword)  # built here, aside, not by the first question after the swap
            with self._lock:
                self._snapshot = snapshot  # the one write readers can see

    @property
    def snapshot(self) -> IndexSnapshot:
        """The current index version; hold on to it for the whole of one question."""
        return self._snapshot

    @property
    def keyword(self) -> KeywordIndex:
        return self._snapshot.keyword

    @property
    def by_id(self) -> Mapping[str, Chunk]:
        return self._snapshot.by_id

    @property
    def chunks(self) -> list[Chunk]:
        return self._snapshot.keyword.chunks

    @staticmethod
    def _exact_key(snapshot: IndexSnapshot, vectors: str) -> tuple[str, str, int]:
        return snapshot.version, vectors, id(snapshot)

    def _exact_vectors(self, snapshot: IndexSnapshot, vectors: str) -> "ExactVectors | None":
        """The stored vectors of the snapshot's passages in one matrix, read once per index version; None above
        `exact_search_max` passages (Chroma's index serves those) or when the store does not give them all."""
        if len(snapshot.by_id) > self.exact_search_max:
            return None
        key = self._exact_key(snapshot, vectors)
        with self._lock:
            held = self._exact.get(key)
        if held is not None:
            return held or None
        ids = sorted(snapshot.by_id)
        built: ExactVectors | bool = False
        matrix: np.ndarray | None = None
        # In batches, into one preallocated matrix: Chroma hands vectors over as Python lists, and all of them at
        # once cost ~150 MB of peak memory at 10,000 passages. A store that lacks some vectors is searched through
        # its index; a storage fault or a bug propagates like any other store call (ChromaStore._guard).
        for start in range(0, len(ids), 2000):
            batch = ids[start:start + 2000]
            stored = self.store.embeddings_for(batch, vectors)
            if len(stored) != len(batch):
                matrix = None
                break
            if matrix is None:
                matrix = np.empty((len(ids), len(next(iter(stored.values())))), dtype=np.float32)
            for row, cid in enumerate(batch, start):
                matrix[row] = stored[cid]
        if matrix is not None:
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix /= np.where(norms == 0, 1.0, norms)
            built = ExactVectors(tuple(ids), matrix)
        # numbered now: the masks made later must not keep this version's passages alive
        codes = RowCodes.of([snapshot.by_id[i] for i in built.ids]) if built else None
        with self._lock:
            if len(self._exact) >= 4:  # the versions readers may still hold
                self._exact.clear()
                self._filter_masks.clear()
            self._exact[key] = built
            if codes is not None:
                self._filter_masks[key] = FilterMasks(lambda: codes)
        return built or None

    def unit_vectors(self, ids: Sequence[str], vectors: str = PRIMARY,
                     snapshot: IndexSnapshot | None = None) -> dict[str, np.ndarray]:
        """The answer-unit vectors of these passages (rows in unit order, read-only) in the snapshot's version (the
        current one by default): all read at once up to `exact_search_max` passages, else as asked (unit_vectors.py)."""
        snapshot = snapshot or self._snapshot
        with self._lock:
            table = snapshot.unit_tables.get(vectors)
            if table is None:
                whole = len(snapshot.by_id) <= self.exact_search_max
                table = snapshot.unit_tables[vectors] = UnitVectors(
                    tuple(snapshot.by_id) if whole else (), lambda wanted: self.store.packed_unit_vectors(wanted, vectors),
                    self.store.unpack_unit_vectors, whole)
        return table.get(ids)

    def route(self, text: str) -> Route:
        """The model and vector set that serve `text` (routing.py)."""
        return choose(text, self.embedder, self.cross_embedder)

    def embed_query(self, query: str) -> np.ndarray:
        """The query's vector, by its route's model; repeated questions (retries, follow-ups, evaluation modes)
        reuse it."""
        if self.route(query).vectors == PRIMARY:
            # An English-only main model reads a question in another language in its English rendering; a
            # multilingual one (e5 as embedding_model) reads the question as asked.
            text = query if is_multilingual(self.embedder) else query_translation.english(query)
            return self._query_cache.vectors([text])[0]
        return self._cross_query_cache.vectors([query])[0]  # the multilingual model reads the question as asked

    def dense(self, query_vec: np.ndarray, n: int, filters: Filters | None = None,
              snapshot: IndexSnapshot | None = None, vectors: str = PRIMARY) -> list[tuple[Chunk, float]]:
        """The `n` nearest passages of the snapshot's version (the current one by default) in a vector set.

        Up to `exact_search_max` passages, every stored vector is compared (exact_dense): Chroma's HNSW index is
        approximate, and its graph differs from one process to the next, so the same question over the same index
        got other passages in another process (`rd-miss-paris-hygiene`, a conversation follow-up's hit@1 on CI)."""
        snapshot = snapshot or self._snapshot
        if (exact := self._exact_vectors(snapshot, vectors)) is not None:
            allowed = None
            if filters:  # a named document's passages, asked for again by each question that names it
                with self._lock:
                    masks = self._filter_masks.get(self._exact_key(snapshot, vectors))
                allowed = masks.allowed(filters) if masks is not None else None
            return exact_dense(exact, query_vec, n, filters, snapshot.by_id, allowed)
        where = where_clause(filters.sources, filters.publishers) if filters else None
        by_id = snapshot.by_id
        asked = n
        while True:
            hits = self.store.query(query_vec, asked, where) if vectors == PRIMARY else \
                self.store.query(query_vec, asked, where, vectors=vectors)
            # Chunks of another version (an ingest under way, or an interrupted one) are not answerable here;
            # asking for more keeps the ranking this version alone would give.
            kept = [(by_id[cid], sim) for cid, sim in hits if cid in by_id]
            if len(kept) >= n or len(hits) < asked:
                return kept[:n]
            asked *= 2

    def search(self, query: str, top_k: int = 5, filters: Filters | None = None, mode: str = "hybrid",
               query_vec: np.ndarray | None = None, snapshot: IndexSnapshot | None = None) -> list[Passage]:
        """The `top_k` best passages for `query` in one index version (`snapshot`, the current one by default);
        mode is hybrid, keyword or dense."""
        if mode not in ("hybrid", "keyword", "dense"):
            raise ValueError(f"mode must be hybrid, keyword or dense (got {mode!r})")
        snapshot = snapshot or self._snapshot
        keyword, n = snapshot.keyword, max(self.candidates, top_k)
        kw_hits = [] if mode == "dense" else [(keyword.chunks[i], s) for i, s in keyword.search(query, n, filters)]
        dense_hits: list[tuple[Chunk, float]] = []
        route = self.route(query)  # `query_vec`, when given, is this route's: see routing.py
        if mode != "keyword":
            if query_vec is None:
                query_vec = self.embed_query(query)
            dense_hits = self.dense(query_vec, n, filters, snapshot, route.vectors)
        kw_score = {c.chunk_id: s for c, s in kw_hits}
        dense_score = {c.chunk_id: s for c, s in dense_hits}
        weights = None
        if mode == "hybrid" and is_multilingual(route.embedder) and not is_english(query):
            weights = (CROSS_LINGUAL_KEYWORD_WEIGHT, 1.0)
        fused = reciprocal_rank_fusion(
            [[c.chunk_id for c, _ in kw_hits], [c.chunk_id for c, _ in dense_hits]], self.rrf_k, weights
        )
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]
        by_id = snapshot.by_id
        passages = []
        for cid, score in ranked:
            chunk = by_id.get(cid)
            if chunk is None:
                continue
            passages.append(Passage(chunk, score, dense_score.get(cid), kw_score.get(cid)))
        return passages

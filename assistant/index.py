"""The Chroma store (the only module that imports chromadb): passages, documents and index settings."""
from __future__ import annotations

import base64
import binascii
import json
import logging
import pickle
import shutil
import sqlite3
import struct
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Iterable, Sequence
from urllib.parse import urlparse

import numpy as np

from .errors import IndexCorrupt, IndexMissing
from .schema import Chunk, Document, SourceMeta

logging.getLogger("chromadb").setLevel(logging.ERROR)

SETTINGS_ID = "__settings__"
JOURNAL_ID = "__ingest_journal__"
_PAGE = 5000  # rows per get() call, to bound memory on large indexes
# The two vector sets an index can hold: the main model's, and the multilingual model's for questions that are
# not in English (settings.cross_lingual_model; assistant/routing.py chooses per question).
PRIMARY = "primary"
CROSS = "cross"
VECTOR_SETS = (PRIMARY, CROSS)


@dataclass(frozen=True)
class DocRecord:
    """What the index knows of one ingested document."""

    source: str
    doc_hash: str
    chunks: int
    meta: SourceMeta
    format: str
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class SecondVectors:
    """The cross-lingual vector set of the passages written in one call, in their order: one passage vector
    each (rows of `passages`) and the vectors of each passage's answer units."""

    passages: np.ndarray
    units: tuple[np.ndarray, ...]


def _meta_out(meta: SourceMeta) -> dict[str, str]:
    return {"title": meta.title, "publisher": meta.publisher or "", "url": meta.url or "", "date": meta.date or "",
            "symbol": meta.symbol or ""}


def _meta_in(md: dict[str, Any]) -> SourceMeta:
    return SourceMeta(
        title=md.get("title") or md.get("source", ""),
        publisher=md.get("publisher") or None,
        url=md.get("url") or None,
        date=md.get("date") or None,
        symbol=md.get("symbol") or None,
    )


def _chunk_from(cid: str, text: str | None, md: dict[str, Any]) -> Chunk:
    page = int(md.get("page", -1))
    text = md["text"] if "text" in md else text  # indexes built before the text moved to metadata
    return Chunk(
        chunk_id=cid,
        source=md["source"],
        doc_hash=md["doc_hash"],
        index=int(md["index"]),
        text=text,
        start=int(md["start"]),
        end=int(md["end"]),
        section=md.get("section") or None,
        page=page if page >= 0 else None,
        meta=_meta_in(md),
        anchors=tuple(tuple(a) for a in json.loads(md.get("anchors") or "[]")),
    )


def where_clause(sources: Sequence[str] = (), publishers: Sequence[str] = ()) -> dict | None:
    """A Chroma `where` filter restricting passages to sources and/or publishers."""
    parts: list[dict] = []
    if sources:
        parts.append({"source": {"$in": list(sources)}})
    if publishers:
        parts.append({"publisher": {"$in": list(publishers)}})
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


class ChromaStore:
    """Passages with their embeddings, plus one record per document and the index settings."""

    def __init__(self, path: Path | None = None, url: str | None = None, prefix: str = "cyberdip", create: bool = True):
        from chromadb.config import Settings as ChromaSettings

        self.prefix = prefix
        self.location = url or str(path)
        self._url = url
        self._db = None if url else Path(path) / "chroma"
        self._settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        self._lock = threading.RLock()
        # A damaged store still opens, so that `ingest --rebuild` can wipe it; any other use raises this.
        self._damage: IndexCorrupt | None = None
        if self._db is not None and not create and not (self._db / "chroma.sqlite3").exists():
            raise IndexMissing(f"no index at {path}: run `assistant ingest` first")
        try:
            if self._db is not None:
                check_hnsw_files(self._db, self.location)
            self._open()
        except IndexCorrupt as exc:
            self._damage = exc
        except Exception as exc:  # chromadb raises many types for a damaged store
            translated = self._translate(exc)
            if translated is exc:
                raise  # a bug, not damage
            if isinstance(translated, IndexMissing):
                raise translated from None
            self._damage = translated

    def _open(self) -> None:
        import chromadb

        if self._url:
            parsed = urlparse(self._url)
            self._client = chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=self._settings,
            )
        else:
            self._db.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(self._db), settings=self._settings)
        self._passage_collection = self._client.get_or_create_collection(
            f"{self.prefix}_passages", configuration={"hnsw": {"space": "cosine"}}
        )
        self._doc_collection = self._client.get_or_create_collection(f"{self.prefix}_documents")
        # One row per passage holding its units' vectors (float16, base64), fetched by id, never searched.
        self._unit_collection = self._client.get_or_create_collection(f"{self.prefix}_units")
        # The second vector set (empty unless settings.cross_lingual_model is on): same ids, the other model.
        self._cross_passage_collection = self._client.get_or_create_collection(
            f"{self.prefix}_passages_{CROSS}", configuration={"hnsw": {"space": "cosine"}})
        self._cross_unit_collection = self._client.get_or_create_collection(f"{self.prefix}_units_{CROSS}")

    @property
    def _passages(self):
        if self._damage is not None:
            raise self._damage
        return self._passage_collection

    @property
    def _docs(self):
        if self._damage is not None:
            raise self._damage
        return self._doc_collection

    @property
    def _units(self):
        if self._damage is not None:
            raise self._damage
        return self._unit_collection

    def _passages_of(self, vectors: str):
        """The passage collection of a vector set (PRIMARY or CROSS)."""
        if self._damage is not None:
            raise self._damage
        return self._passage_collection if vectors == PRIMARY else self._cross_passage_collection

    def _units_of(self, vectors: str):
        if self._damage is not None:
            raise self._damage
        return self._unit_collection if vectors == PRIMARY else self._cross_unit_collection

    def _all_vector_collections(self) -> list:
        return [self._passages_of(v) for v in VECTOR_SETS] + [self._units_of(v) for v in VECTOR_SETS]

    def _translate(self, exc: Exception) -> Exception:
        """The domain error for a storage or format fault; any other exception (a bug) comes back unchanged."""
        text = f"{type(exc).__name__}: {exc}"
        if self._url and "connect" in text.lower():
            return IndexMissing(f"cannot reach the Chroma server at {self.location} ({text[:200]})")
        if not is_storage_fault(exc):
            return exc
        if isinstance(exc, (sqlite3.DatabaseError,)) or "database" in text.lower() or "malformed" in text.lower():
            return IndexCorrupt(
                f"the index at {self.location} is damaged ({text[:200]}); rebuild it with `assistant ingest --rebuild`"
            )
        return IndexCorrupt(f"the index at {self.location} cannot be read ({text[:200]}); try `assistant ingest --rebuild`")

    def _guard(self, fn, *args, **kwargs):
        if self._damage is not None:
            raise self._damage
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            translated = self._translate(exc)
            if translated is exc:
                raise  # a bug, not damage: its traceback must reach the log
            raise translated from None

    # --- settings and journal -------------------------------------------------------------
    def _get_json(self, record_id: str) -> dict | None:
        got = self._guard(self._docs.get, ids=[record_id], include=["documents"])
        if not got["ids"]:
            return None
        try:
            return json.loads(got["documents"][0])
        except (TypeError, ValueError) as exc:  # a control record that is not JSON: the store is damaged
            raise IndexCorrupt(f"the index at {self.location} is damaged (record {record_id} is not JSON: {exc}); "
                               "rebuild it with `assistant ingest --rebuild`") from None

    def _put_json(self, record_id: str, value: dict) -> None:
        self._guard(
            self._docs.upsert, ids=[record_id], embeddings=[[0.0]], documents=[json.dumps(value)],
            metadatas=[{"kind": "control"}],
        )

    def read_settings(self) -> dict | None:
        return self._get_json(SETTINGS_ID)

    def write_settings(self, settings: dict) -> None:
        self._put_json(SETTINGS_ID, settings)

    def read_journal(self) -> dict | None:
        return self._get_json(JOURNAL_ID)

    def write_journal(self, journal: dict) -> None:
        self._put_json(JOURNAL_ID, journal)

    def clear_journal(self) -> None:
        self._guard(self._docs.delete, ids=[JOURNAL_ID])

    # --- documents ------------------------------------------------------------------------
    def documents(self) -> dict[str, DocRecord]:
        """Every ingested document's record, by source path."""
        out: dict[str, DocRecord] = {}
        got = self._guard(self._docs.get, where={"kind": "document"}, include=["metadatas"])
        for md in got["metadatas"]:
            out[md["source"]] = DocRecord(
                source=md["source"],
                doc_hash=md["doc_hash"],
                chunks=int(md["chunks"]),
                meta=_meta_in(md),
                format=md.get("format", "txt"),
                page_starts=tuple(json.loads(md.get("page_starts", "[]"))),
            )
        return out

    def document_text(self, source: str) -> str | None:
        got = self._guard(self._docs.get, ids=[f"text:{source}"], include=["metadatas"])
        if got["ids"]:
            return got["metadatas"][0]["text"]
        got = self._guard(self._docs.get, ids=[f"doc:{source}"], include=["documents"])  # an older index
        return got["documents"][0] if got["ids"] else None

    def put_document(self, doc: Document, chunks: Sequence[Chunk], embeddings: np.ndarray) -> None:
        """Write a document's chunks, then its record, then drop its older chunks."""
        self.put_documents([(doc, chunks, embeddings)])

    def put_documents(self, items: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]],
                      replacing: Collection[str] | None = None,
                      unit_vectors: Sequence[np.ndarray] | None = None, second: SecondVectors | None = None) -> None:
        """Write the documents' chunks, then their records, then drop the older chunks of each.

        The order keeps the previous version answerable until the new one is complete: chunks of
        a version whose record is not yet (or no longer) current are ignored by readers. Several
        documents go in one call per step because each Chroma write commits on its own: one call
        per document cost 21 s of a 24 s ingest of 1,000 chunks in 100 documents (benchmarks/).
        `replacing` names the sources that had a version before (None: any may have).
        `unit_vectors` holds, per chunk in order, the vectors of its answer units (late chunking); `second`, the
        cross-lingual set of the same chunks (written before the records too, so a current version has both).
        """
        if not items:
            return
        chunks = [c for _, cs, _ in items for c in cs]
        vectors = np.concatenate([np.asarray(v, dtype=np.float32).reshape(len(cs), -1) for _, cs, v in items])
        with self._lock:
            for i in range(0, len(chunks), _PAGE):
                part = chunks[i:i + _PAGE]
                self._guard(
                    self._passages.upsert,
                    ids=[c.chunk_id for c in part],
                    embeddings=vectors[i:i + _PAGE],
                    # Text in metadata, not `documents`: Chroma feeds documents to a full-text index we
                    # never query (BM25 is ours), which cost ~0.6 s per 1,000 passages (benchmarks/).
                    metadatas=[{**self._chunk_meta(c), "text": c.text} for c in part],
                )
                if unit_vectors is not None:
                    self._guard(
                        self._units.upsert, ids=[c.chunk_id for c in part], embeddings=[[0.0]] * len(part),
                        # In metadata, not the document: Chroma feeds documents to its full-text index.
                        metadatas=[{"source": c.source, "doc_hash": c.doc_hash, "vectors": _pack(m)}
                                   for c, m in zip(part, unit_vectors[i:i + _PAGE])],
                    )
                if second is not None:
                    # Only what a question routed to this set reads: its ids find the passages' text in the
                    # primary collection (the chunks the retriever holds), so the text is not stored twice.
                    self._guard(
                        self._passages_of(CROSS).upsert, ids=[c.chunk_id for c in part],
                        embeddings=np.asarray(second.passages[i:i + _PAGE], dtype=np.float32),
                        metadatas=[{"source": c.source, "doc_hash": c.doc_hash, "publisher": c.meta.publisher or ""}
                                   for c in part],
                    )
                    self._guard(
                        self._units_of(CROSS).upsert, ids=[c.chunk_id for c in part], embeddings=[[0.0]] * len(part),
                        metadatas=[{"source": c.source, "doc_hash": c.doc_hash, "vectors": _pack(m)}
                                   for c, m in zip(part, second.units[i:i + _PAGE])],
                    )
            docs = [doc for doc, cs, _ in items]
            # A document's record and its text (a record of its own, so that listing the documents does
            # not read every text) go in one call: one transaction.
            self._guard(
                self._docs.upsert,
                ids=[f"doc:{d.source}" for d in docs] + [f"text:{d.source}" for d in docs],
                embeddings=[[0.0]] * (2 * len(docs)),
                metadatas=[{"kind": "document", "source": d.source, "doc_hash": d.content_hash, "chunks": len(cs),
                            "format": d.format, "page_starts": json.dumps(list(d.page_starts)), **_meta_out(d.meta)}
                           for d, cs, _ in items]
                + [{"kind": "text", "source": d.source, "doc_hash": d.content_hash, "text": d.text} for d in docs],
            )
            stale = [{"$and": [{"source": d.source}, {"doc_hash": {"$ne": d.content_hash}}]}
                     for d in docs if replacing is None or d.source in replacing]
            if stale:
                where = stale[0] if len(stale) == 1 else {"$or": stale}
                for collection in self._all_vector_collections():
                    self._guard(collection.delete, where=where)

    def remove_document(self, source: str) -> None:
        with self._lock:
            self._guard(self._docs.delete, ids=[f"doc:{source}", f"text:{source}"])
            for collection in self._all_vector_collections():
                self._guard(collection.delete, where={"source": source})

    def remove_orphans(self) -> int:
        """Delete passages whose document record is missing or of another version (an interrupted ingest)."""
        current = {s: r.doc_hash for s, r in self.documents().items()}
        stale: list[str] = []
        for ids, _, metas in self._iter_passages(include=["metadatas"]):
            stale.extend(i for i, md in zip(ids, metas) if current.get(md["source"]) != md["doc_hash"])
        for i in range(0, len(stale), _PAGE):
            for collection in self._all_vector_collections():
                self._guard(collection.delete, ids=stale[i:i + _PAGE])
        return len(stale)

    @staticmethod
    def _chunk_meta(c: Chunk) -> dict[str, Any]:
        return {
            "source": c.source, "doc_hash": c.doc_hash, "index": c.index, "start": c.start, "end": c.end,
            "section": c.section or "", "page": c.page if c.page is not None else -1, **_meta_out(c.meta),
            "anchors": json.dumps(c.anchors, ensure_ascii=False, separators=(",", ":")),
        }

    # --- passages -------------------------------------------------------------------------
    def _iter_passages(self, include: list[str], where: dict | None = None) -> Iterable[tuple[list[str], list, list]]:
        """Pages of (ids, documents, metadatas) of the passages matching `where` (all when None)."""
        offset = 0
        while True:
            got = self._guard(self._passages.get, where=where, include=include, limit=_PAGE, offset=offset)
            if not got["ids"]:
                return
            docs = got.get("documents") or [None] * len(got["ids"])
            yield got["ids"], docs, got["metadatas"] or [{}] * len(got["ids"])
            offset += len(got["ids"])

    def current_chunks(self) -> list[Chunk]:
        """All passages of the current document versions, in document order."""
        return self._chunks({s: r.doc_hash for s, r in self.documents().items()}, [None])

    def _chunks(self, versions: dict[str, str], wheres: Sequence[dict | None]) -> list[Chunk]:
        """Passages matching any of `wheres` that belong to these document versions, in document order."""
        out = [
            _chunk_from(cid, text, md)
            for where in wheres
            for ids, docs, metas in self._iter_passages(["documents", "metadatas"], where)
            for cid, text, md in zip(ids, docs, metas)
            if versions.get(md["source"]) == md["doc_hash"]
        ]
        out.sort(key=lambda c: (c.source, c.index))
        return out

    def count(self, vectors: str = PRIMARY) -> int:
        """Passages in a vector set (all versions)."""
        return int(self._guard(self._passages_of(vectors).count))

    def query(self, embedding: np.ndarray, n: int, where: dict | None = None,
              vectors: str = PRIMARY) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the `n` nearest passages in a vector set (PRIMARY or CROSS)."""
        # No count() first: Chroma returns fewer (or no) results by itself, and the count cost more
        # than the query (27 ms against 8 ms per question, benchmarks/).
        got = self._guard(
            self._passages_of(vectors).query, query_embeddings=[np.asarray(embedding, dtype=np.float32)],
            n_results=n, where=where, include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]

    def verify(self) -> None:
        """Read one passage back through the vector index, so that damage shows now rather than mid-answer."""
        got = self._guard(self._passages.get, limit=1, include=["embeddings"])
        if got["ids"]:
            self.query(np.asarray(got["embeddings"][0], dtype=np.float32), 1)

    def embeddings_for(self, ids: Sequence[str], vectors: str = PRIMARY) -> dict[str, np.ndarray]:
        """The stored passage vectors of these ids in a vector set (absent ids are left out)."""
        if not ids:
            return {}
        got = self._guard(self._passages_of(vectors).get, ids=list(ids), include=["embeddings"])
        return {cid: np.asarray(e, dtype=np.float32) for cid, e in zip(got["ids"], got["embeddings"])}

    def unit_vectors(self, ids: Sequence[str], vectors: str = PRIMARY) -> dict[str, np.ndarray]:
        """The stored answer-unit vectors of these passages in a vector set (rows in unit order); absent ids are
        left out. (The answerer reads them through unit_vectors.UnitVectors, which keeps them per index version.)"""
        return {cid: _unpack(text) for cid, text in self.packed_unit_vectors(ids, vectors).items()}

    def packed_unit_vectors(self, ids: Sequence[str], vectors: str = PRIMARY) -> dict[str, str]:
        """The same vectors as stored (`_pack`'s text, ~2.2 KB a passage with the bundled model); see
        `unpack_unit_vectors`."""
        if not ids:
            return {}
        got = self._guard(self._units_of(vectors).get, ids=list(ids), include=["metadatas"])
        return {cid: md["vectors"] for cid, md in zip(got["ids"], got["metadatas"]) if md and md.get("vectors")}

    @staticmethod
    def unpack_unit_vectors(text: str) -> np.ndarray:
        """Rows of unit-length float32 vectors from what `packed_unit_vectors` gives."""
        return _unpack(text)

    def reset(self) -> None:
        """Drop every collection of this prefix (for --rebuild); a damaged embedded store is wiped."""
        with self._lock:
            if self._damage is None:
                try:
                    for name in (f"{self.prefix}_passages", f"{self.prefix}_documents", f"{self.prefix}_units",
                                 f"{self.prefix}_passages_{CROSS}", f"{self.prefix}_units_{CROSS}"):
                        if name in {c.name for c in self._client.list_collections()}:
                            self._client.delete_collection(name)
                    self._open()
                    return
                except Exception as exc:  # a store too damaged to drop collections from
                    translated = self._translate(exc)
                    if translated is exc:
                        raise
                    self._damage = translated
            if self._db is None:
                raise self._damage  # never wipe a shared server: its operator must repair it
            self._wipe()

    def _wipe(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            try:
                client.close()
            except Exception:  # closing a broken client may fail; the files go anyway
                logging.getLogger(__name__).debug("closing a damaged client failed", exc_info=True)
        # Chroma caches one system per folder, and a failed open leaves a half-started one there.
        from chromadb.api.shared_system_client import SharedSystemClient

        for key in {str(self._db), str(self._db.resolve())}:
            SharedSystemClient._identifier_to_system.pop(key, None)
            SharedSystemClient._identifier_to_refcount.pop(key, None)
        shutil.rmtree(self._db, ignore_errors=True)
        self._damage = None
        self._open()

    def chunks_of(self, versions: dict[str, str]) -> list[Chunk]:
        """Passages of these document versions only ({source: doc_hash}), in document order.

        For a keyword-index reload after an ingest: reading only what changed, not the whole collection.
        """
        sources = sorted(versions)
        return self._chunks(versions, [{"source": {"$in": sources[i:i + 100]}}  # bounded `$in` lists
                                       for i in range(0, len(sources), 100)])


# What a damaged or foreign store raises: SQLite and file errors, Chroma's own errors (its Rust core included),
# undecodable records. Anything else raised while reading the store is a bug in our code, never "damage".
_STORAGE_FAULTS = (sqlite3.Error, OSError, EOFError, struct.error, pickle.UnpicklingError, json.JSONDecodeError,
                   binascii.Error, UnicodeDecodeError, MemoryError)
_STORAGE_MODULES = ("chromadb", "chromadb_rust_bindings", "hnswlib", "pyo3_runtime")


def is_storage_fault(exc: BaseException) -> bool:
    """Whether `exc` says the stored index is damaged or unreadable (not that our code has a bug)."""
    if isinstance(exc, _STORAGE_FAULTS):
        return True
    from chromadb.errors import ChromaError, InvalidArgumentError

    if isinstance(exc, ChromaError):
        return not isinstance(exc, InvalidArgumentError)  # a bad argument is our call's fault
    module = type(exc).__module__ or ""
    return module.split(".")[0] in _STORAGE_MODULES


def _pack(matrix: np.ndarray) -> str:
    """Unit vectors as text: "i8:rows:dim:" then base64 of one float16 scale per row and int8 components.

    Chroma indexes every metadata string, so each byte here is written twice: float16 (the earlier
    layout) took 4.5 MB per 1,000 passages and doubled the index on disk. int8 with a per-row scale
    halves that; a cosine moves by at most 0.0016 on the shipped sources (p99 0.0010), and
    all 90 evaluation answers came out identical.
    """
    m = np.asarray(matrix, dtype=np.float32)
    rows, dim = m.shape[0], (m.shape[1] if m.ndim == 2 else 0)
    m = m.reshape(rows, dim)
    scale = np.abs(m).max(axis=1, keepdims=True) / 127.0 if dim else np.zeros((rows, 1), np.float32)
    q = np.rint(m / np.where(scale > 0, scale, 1.0)).astype(np.int8)
    return f"i8:{rows}:{dim}:" + base64.b64encode(scale.astype(np.float16).tobytes() + q.tobytes()).decode("ascii")


def _unpack(text: str) -> np.ndarray:
    """Rows of unit-length float32 vectors from `_pack` (or from the earlier float16 layout)."""
    if not text.startswith("i8:"):
        rows, dim, data = text.split(":", 2)
        return np.frombuffer(base64.b64decode(data), dtype=np.float16).reshape(int(rows), int(dim)).astype(np.float32)
    _, rows, dim, data = text.split(":", 3)
    rows, dim = int(rows), int(dim)
    raw = base64.b64decode(data)
    scale = np.frombuffer(raw[:2 * rows], dtype=np.float16).astype(np.float32).reshape(rows, 1)
    m = np.frombuffer(raw[2 * rows:], dtype=np.int8).reshape(rows, dim).astype(np.float32) * scale
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)  # zero rows (a unit past the model's window) stay zero


def check_hnsw_files(db: Path, location: str, retries: int = 1) -> None:
    """Raise IndexCorrupt when a persisted HNSW index is inconsistent.

    Chroma's native code trusts these files: garbage in them crashes the process (segfault) or
    silently returns wrong neighbours. A writer may be persisting them at this instant, so a failed
    check is retried once before it counts.
    """
    sqlite = db / "chroma.sqlite3"
    if sqlite.exists() and sqlite.stat().st_size == 0:  # SQLite would silently start a new, empty database
        raise IndexCorrupt(f"the index at {location} is damaged (chroma.sqlite3 is empty); "
                           "rebuild it with `assistant ingest --rebuild`")
    for attempt in range(retries + 1):
        problem = next(filter(None, (_hnsw_problem(seg) for seg in sorted(db.glob("*/index_metadata.pickle")))), None)
        if problem is None:
            return
        if attempt < retries:
            time.sleep(0.5)
    raise IndexCorrupt(f"the index at {location} is damaged ({problem}); rebuild it with `assistant ingest --rebuild`")


_HNSW_HEADER = struct.Struct("<i6QiI3QdQ")


def _hnsw_problem(pickle_path: Path) -> str | None:
    """What is wrong with one segment's HNSW files (hnswlib layout as Chroma 1.x persists it), or None."""
    seg = pickle_path.parent
    try:
        header = (seg / "header.bin").read_bytes()
        if len(header) != _HNSW_HEADER.size:
            return f"{seg.name}/header.bin has {len(header)} bytes"
        (_, off_links, max_elements, count, per_element, label_off, data_off, max_level, entry,
         max_m, max_m0, _m, _mult, _ef) = _HNSW_HEADER.unpack(header)
        dim = (label_off - data_off) // 4
        if not (off_links == 0 and 0 < count <= max_elements and 0 < max_m <= max_m0 <= 4096
                and data_off == 4 + 4 * max_m0 and dim > 0 and per_element == label_off + 8
                and 0 <= max_level < 64 and entry < count):
            return f"{seg.name}/header.bin is inconsistent"
        if (seg / "data_level0.bin").stat().st_size < count * per_element:
            return f"{seg.name}/data_level0.bin is truncated"
        # Mapped, and checked in blocks, so a large index costs no more memory than a small one.
        level0 = np.memmap(seg / "data_level0.bin", dtype=np.uint8, mode="r", shape=(count, per_element))
        for first in range(0, count, 8192):
            rows = level0[first:first + 8192]
            # hnswlib keeps a list's length in the low 16 bits; byte 2 holds the "deleted" mark
            sizes = rows[:, :2].copy().view("<u2").ravel()
            links = rows[:, 4:data_off].copy().view("<u4")
            used = np.arange(max_m0)[None, :] < sizes[:, None]
            if (sizes > max_m0).any() or (links[used] >= count).any():
                return f"{seg.name}/data_level0.bin has links out of range"
            if not np.isfinite(rows[:, data_off:label_off].copy().view("<f4")).all():
                return f"{seg.name}/data_level0.bin has invalid vectors"
        del level0
        upper = np.fromfile(seg / "link_lists.bin", dtype=np.uint8)
        per_level, pos = 4 + 4 * max_m, 0
        for _ in range(count):  # each element: u32 byte size, then that many bytes of upper-level lists
            if pos + 4 > upper.size:
                return f"{seg.name}/link_lists.bin is truncated"
            size = int(upper[pos:pos + 4].view("<u4")[0])
            pos += 4
            if size % per_level or size // per_level > max_level or pos + size > upper.size:
                return f"{seg.name}/link_lists.bin is inconsistent"
            if size:
                lists = upper[pos:pos + size].copy().view("<u4").reshape(-1, 1 + max_m)
                counts = lists[:, :1] & 0xFFFF
                if (counts > max_m).any() or (lists[:, 1:][np.arange(max_m)[None, :] < counts] >= count).any():
                    return f"{seg.name}/link_lists.bin has links out of range"
                pos += size
    except (OSError, ValueError, struct.error) as exc:
        return f"{seg.name}: {type(exc).__name__}: {exc}"
    return None

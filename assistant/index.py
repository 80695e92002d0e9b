"""The Chroma store (the only module that imports chromadb): passages, documents and index settings."""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import urlparse

import numpy as np

from .errors import IndexCorrupt, IndexMissing
from .schema import Chunk, Document, SourceMeta

logging.getLogger("chromadb").setLevel(logging.ERROR)

SETTINGS_ID = "__settings__"
JOURNAL_ID = "__ingest_journal__"
_PAGE = 5000  # rows per get() call, to bound memory on large indexes


@dataclass(frozen=True)
class DocRecord:
    """What the index knows of one ingested document."""

    source: str
    doc_hash: str
    chunks: int
    meta: SourceMeta
    format: str
    page_starts: tuple[int, ...] = ()


def _meta_out(meta: SourceMeta) -> dict[str, str]:
    return {"title": meta.title, "publisher": meta.publisher or "", "url": meta.url or "", "date": meta.date or ""}


def _meta_in(md: dict[str, Any]) -> SourceMeta:
    return SourceMeta(
        title=md.get("title") or md.get("source", ""),
        publisher=md.get("publisher") or None,
        url=md.get("url") or None,
        date=md.get("date") or None,
    )


def _chunk_from(cid: str, text: str, md: dict[str, Any]) -> Chunk:
    page = int(md.get("page", -1))
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
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.prefix = prefix
        self.location = url or str(path)
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        self._lock = threading.RLock()
        try:
            if url:
                parsed = urlparse(url)
                self._client = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                assert path is not None
                db = Path(path) / "chroma"
                if not create and not (db / "chroma.sqlite3").exists():
                    raise IndexMissing(f"no index at {path}: run `assistant ingest` first")
                db.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(db), settings=chroma_settings)
            self._passages = self._client.get_or_create_collection(
                f"{prefix}_passages", configuration={"hnsw": {"space": "cosine"}}
            )
            self._docs = self._client.get_or_create_collection(f"{prefix}_documents")
        except IndexMissing:
            raise
        except Exception as exc:  # chromadb raises many types for a damaged store
            raise self._translate(exc) from None

    def _translate(self, exc: Exception) -> Exception:
        text = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, (sqlite3.DatabaseError,)) or "database" in text.lower() or "malformed" in text.lower():
            return IndexCorrupt(
                f"the index at {self.location} is damaged ({text[:200]}); rebuild it with `assistant ingest --rebuild`"
            )
        if "connect" in text.lower():
            return IndexMissing(f"cannot reach the Chroma server at {self.location} ({text[:200]})")
        return IndexCorrupt(f"the index at {self.location} cannot be read ({text[:200]}); try `assistant ingest --rebuild`")

    def _guard(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise self._translate(exc) from None

    # --- settings and journal -------------------------------------------------------------
    def _get_json(self, record_id: str) -> dict | None:
        got = self._guard(self._docs.get, ids=[record_id], include=["documents"])
        if not got["ids"]:
            return None
        return json.loads(got["documents"][0])

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
        got = self._guard(self._docs.get, ids=[f"doc:{source}"], include=["documents"])
        return got["documents"][0] if got["ids"] else None

    def put_document(self, doc: Document, chunks: Sequence[Chunk], embeddings: np.ndarray) -> None:
        """Write a document's chunks, then its record, then drop its older chunks.

        The order keeps the previous version answerable until the new one is complete: chunks of
        a version whose record is not yet (or no longer) current are ignored by readers.
        """
        with self._lock:
            for i in range(0, len(chunks), _PAGE):
                part = chunks[i:i + _PAGE]
                self._guard(
                    self._passages.upsert,
                    ids=[c.chunk_id for c in part],
                    embeddings=embeddings[i:i + _PAGE],
                    documents=[c.text for c in part],
                    metadatas=[self._chunk_meta(c) for c in part],
                )
            md = {"kind": "document", "source": doc.source, "doc_hash": doc.content_hash, "chunks": len(chunks),
                  "format": doc.format, "page_starts": json.dumps(list(doc.page_starts)), **_meta_out(doc.meta)}
            self._guard(self._docs.upsert, ids=[f"doc:{doc.source}"], embeddings=[[0.0]], documents=[doc.text],
                        metadatas=[md])
            self._guard(self._passages.delete,
                        where={"$and": [{"source": doc.source}, {"doc_hash": {"$ne": doc.content_hash}}]})

    def remove_document(self, source: str) -> None:
        with self._lock:
            self._guard(self._docs.delete, ids=[f"doc:{source}"])
            self._guard(self._passages.delete, where={"source": source})

    def remove_orphans(self) -> int:
        """Delete passages whose document record is missing or of another version (an interrupted ingest)."""
        current = {s: r.doc_hash for s, r in self.documents().items()}
        stale: list[str] = []
        for ids, _, metas in self._iter_passages(include=["metadatas"]):
            stale.extend(i for i, md in zip(ids, metas) if current.get(md["source"]) != md["doc_hash"])
        for i in range(0, len(stale), _PAGE):
            self._guard(self._passages.delete, ids=stale[i:i + _PAGE])
        return len(stale)

    @staticmethod
    def _chunk_meta(c: Chunk) -> dict[str, Any]:
        return {
            "source": c.source, "doc_hash": c.doc_hash, "index": c.index, "start": c.start, "end": c.end,
            "section": c.section or "", "page": c.page if c.page is not None else -1, **_meta_out(c.meta),
        }

    # --- passages -------------------------------------------------------------------------
    def _iter_passages(self, include: list[str]) -> Iterable[tuple[list[str], list, list]]:
        offset = 0
        while True:
            got = self._guard(self._passages.get, include=include, limit=_PAGE, offset=offset)
            if not got["ids"]:
                return
            docs = got.get("documents") or [None] * len(got["ids"])
            yield got["ids"], docs, got["metadatas"] or [{}] * len(got["ids"])
            offset += len(got["ids"])

    def current_chunks(self) -> list[Chunk]:
        """All passages of the current document versions, in document order."""
        current = {s: r.doc_hash for s, r in self.documents().items()}
        out = [
            _chunk_from(cid, text, md)
            for ids, docs, metas in self._iter_passages(include=["documents", "metadatas"])
            for cid, text, md in zip(ids, docs, metas)
            if current.get(md["source"]) == md["doc_hash"]
        ]
        out.sort(key=lambda c: (c.source, c.index))
        return out

    def count(self) -> int:
        return int(self._guard(self._passages.count))

    def query(self, embedding: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the `n` nearest passages."""
        total = self.count()
        if total == 0:
            return []
        got = self._guard(
            self._passages.query, query_embeddings=[np.asarray(embedding, dtype=np.float32)],
            n_results=min(n, total), where=where, include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]

    def embeddings_for(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        got = self._guard(self._passages.get, ids=list(ids), include=["embeddings"])
        return {cid: np.asarray(e, dtype=np.float32) for cid, e in zip(got["ids"], got["embeddings"])}

    def reset(self) -> None:
        """Drop every collection of this prefix (for --rebuild)."""
        with self._lock:
            for name in (f"{self.prefix}_passages", f"{self.prefix}_documents"):
                try:
                    self._client.delete_collection(name)
                except Exception:  # absent already: nothing to drop
                    logging.getLogger(__name__).debug("collection %s absent", name)
            self._passages = self._client.get_or_create_collection(
                f"{self.prefix}_passages", configuration={"hnsw": {"space": "cosine"}}
            )
            self._docs = self._client.get_or_create_collection(f"{self.prefix}_documents")

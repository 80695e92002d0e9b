"""The keyword index's corpus, kept per document version: only changed documents are re-read and re-tokenized.

Reading every passage back from Chroma and tokenizing it again took ~31 s at 100k chunks, at every
start and after every ingest. Here each document version's chunks, token lists and words are kept in
memory and in one file on disk (numpy .npz, no pickle), keyed by the index's identity and each
document's version, so a stale or damaged cache is never used: it is rebuilt from the store instead.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .index import ChromaStore, DocRecord
from .schema import Chunk, SourceMeta

FORMAT = 2  # bump when the file layout changes (2: symbol and anchors)
_log = logging.getLogger(__name__)

# What the keyword index needs of one chunk: its token list and its set of folded words.
Analyzer = Callable[[Chunk], "tuple[list[str], set[str]]"]


@dataclass(frozen=True)
class DocEntry:
    """One document version's chunks (in order) with their token lists and the document's words."""

    key: str
    chunks: tuple[Chunk, ...]
    tokens: tuple[list[str], ...]
    words: frozenset[str]


def doc_key(record: DocRecord) -> str:
    """What the store says of one document version; any change means re-reading its passages."""
    m = record.meta
    return json.dumps([record.doc_hash, record.chunks, m.title, m.publisher, m.url, m.date])


def index_key(stored_settings: dict | None, code_version: str) -> str:
    """The identity of an index build and of the code that tokenizes it.

    `built_at` changes at every rebuild, when the same document version may be chunked anew;
    `updated_at` changes at every ingest and is left out, since documents are checked one by one.
    """
    settings = {k: v for k, v in (stored_settings or {}).items() if k != "updated_at"}
    return hashlib.sha256(json.dumps([FORMAT, code_version, settings], sort_keys=True).encode()).hexdigest()


def cache_path(index: Path, chroma_url: str | None, data_dir: Path, collection: str) -> Path:
    """Where the cache lives: beside an embedded index, or in the data folder for a Chroma server."""
    if not chroma_url:
        return Path(index) / f"keyword-cache-{collection}.npz"
    server = hashlib.sha256(f"{chroma_url}|{collection}".encode()).hexdigest()[:16]
    return Path(data_dir) / f"keyword-cache-{server}.npz"


class KeywordCorpus:
    """The current documents' entries, refreshed from the store document by document."""

    def __init__(self, analyze: Analyzer, code_version: str, path: Path | None = None):
        self.analyze = analyze
        self.code_version = code_version
        self.path = path
        self.entries: dict[str, DocEntry] = {}
        self._key: str | None = None
        self.last: dict[str, int | bool] = {}  # what the last refresh did, for tests and benchmarks

    def refresh(self, store: ChromaStore) -> list[DocEntry]:
        """Bring the entries in line with the store; return them in source order."""
        records = store.documents()
        key = index_key(store.read_settings(), self.code_version)
        from_disk = False
        if key != self._key:
            self.entries = self._load(key) if self.path is not None else {}
            from_disk, self._key = bool(self.entries), key
        wanted = {s: doc_key(r) for s, r in records.items()}
        kept = {s: e for s, e in self.entries.items() if wanted.get(s) == e.key}
        missing = {s: records[s] for s in wanted if s not in kept}
        if missing:
            kept.update(self._read(store, missing, whole=len(missing) > len(records) // 2))
        changed = set(kept) != set(self.entries) or any(kept[s] is not self.entries.get(s) for s in kept)
        self.entries = kept
        self.last = {"documents": len(kept), "read": len(missing), "from_disk": from_disk, "written": False}
        if changed and self.path is not None:
            self.last["written"] = self._save(key)
        return [self.entries[s] for s in sorted(self.entries)]

    def _read(self, store: ChromaStore, records: dict[str, DocRecord], whole: bool) -> dict[str, DocEntry]:
        """Read and tokenize the passages of these document versions (`whole`: most of the index)."""
        current = {s: r.doc_hash for s, r in records.items()}
        by_source: dict[str, list[Chunk]] = {s: [] for s in records}
        # One scan of the collection is cheaper than filtered reads when most documents are wanted.
        for chunk in store.current_chunks() if whole else store.chunks_of(current):
            if current.get(chunk.source) == chunk.doc_hash:
                by_source[chunk.source].append(chunk)
        out: dict[str, DocEntry] = {}
        for source, chunks in by_source.items():
            chunks.sort(key=lambda c: c.index)
            analyzed = [self.analyze(c) for c in chunks]
            entry = DocEntry(doc_key(records[source]), tuple(chunks), tuple(t for t, _ in analyzed),
                             frozenset().union(*(w for _, w in analyzed)))
            if len(chunks) != records[source].chunks:
                # Another process is writing this document: use what is there now, but not as this version.
                entry = DocEntry("incomplete", entry.chunks, entry.tokens, entry.words)
            out[source] = entry
        return out

    # --- on disk ----------------------------------------------------------------------------
    def _save(self, key: str) -> bool:
        """Write every complete entry to one .npz, atomically (temporary file, then os.replace)."""
        entries = [(s, e) for s, e in sorted(self.entries.items()) if e.key != "incomplete"]
        try:
            arrays = _pack(key, entries)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    np.savez(fh, **arrays)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return True
        except OSError as exc:  # a read-only index folder: the cache is an optimisation, not a requirement
            _log.warning("could not write the keyword cache %s: %s", self.path, exc)
            return False

    def _load(self, key: str) -> dict[str, DocEntry]:
        """The entries stored for this index version; empty when the file is missing, stale or damaged."""
        if not self.path.exists():
            return {}
        try:
            with np.load(self.path, allow_pickle=False) as data:
                return _unpack(key, {name: data[name] for name in data.files})
        except Exception as exc:  # noqa: BLE001 - any damage means "rebuild from the store", never a crash
            _log.warning("ignoring the keyword cache %s (%s: %s); rebuilding it", self.path, type(exc).__name__, exc)
            return {}


def _json(value) -> np.ndarray:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode(), dtype=np.uint8)


def _ends(lengths: Sequence[int]) -> np.ndarray:
    return np.cumsum(np.asarray(lengths, dtype=np.int64), dtype=np.int64)


def _pack(key: str, entries: list[tuple[str, DocEntry]]) -> dict[str, np.ndarray]:
    """Columns of plain arrays: strings as UTF-8 bytes with end offsets, terms as ids into one list."""
    chunks = [c for _, e in entries for c in e.chunks]
    terms: dict[str, int] = {}
    token_ids = [terms.setdefault(t, len(terms)) for _, e in entries for toks in e.tokens for t in toks]
    word_ids = [terms.setdefault(w, len(terms)) for _, e in entries for w in sorted(e.words)]
    metas: dict[SourceMeta, int] = {}
    texts = [c.text.encode() for c in chunks]
    header = {
        "format": FORMAT, "key": key, "terms": list(terms),
        "docs": [[s, e.key, len(e.chunks), len(e.words)] for s, e in entries],
        "chunk_ids": [c.chunk_id for c in chunks], "doc_hashes": [c.doc_hash for c in chunks],
        "sections": [c.section for c in chunks],
        "meta": [metas.setdefault(c.meta, len(metas)) for c in chunks],
        "metas": [[m.title, m.publisher, m.url, m.date, m.symbol] for m in metas],
        "anchors": [c.anchors for c in chunks],
    }
    return {
        "header": _json(header),
        "numbers": np.array([[c.index, c.start, c.end, -1 if c.page is None else c.page] for c in chunks],
                            dtype=np.int64).reshape(-1, 4),
        "text": np.frombuffer(b"".join(texts), dtype=np.uint8),
        "text_ends": _ends([len(t) for t in texts]),
        "token_ids": np.asarray(token_ids, dtype=np.int32),
        "token_ends": _ends([len(toks) for _, e in entries for toks in e.tokens]),
        "word_ids": np.asarray(word_ids, dtype=np.int32),
    }


def _unpack(key: str, arrays: dict[str, np.ndarray]) -> dict[str, DocEntry]:
    """Entries from `_pack`'s arrays; ValueError when they are not consistent with each other."""
    header = json.loads(bytes(arrays["header"]).decode())
    if header.get("format") != FORMAT or header.get("key") != key:
        _log.info("the keyword cache was written for another index version; rebuilding it")
        return {}
    terms, docs = header["terms"], header["docs"]
    n = sum(d[2] for d in docs)
    numbers, text_ends, token_ends = arrays["numbers"], arrays["text_ends"], arrays["token_ends"]
    text, token_ids, word_ids = bytes(arrays["text"]), arrays["token_ids"], arrays["word_ids"]
    lengths = {len(header[k]) for k in ("chunk_ids", "doc_hashes", "sections", "meta", "anchors")}
    if (lengths != {n} or numbers.shape != (n, 4) or len(text_ends) != n or len(token_ends) != n
            or (n and (text_ends[-1] != len(text) or token_ends[-1] != len(token_ids)))
            or sum(d[3] for d in docs) != len(word_ids)
            or (len(token_ids) and (token_ids.min() < 0 or token_ids.max() >= len(terms)))
            or (len(word_ids) and (word_ids.min() < 0 or word_ids.max() >= len(terms)))
            or np.any(np.diff(text_ends) < 0) or np.any(np.diff(token_ends) < 0)):
        raise ValueError("the cache's arrays do not match its header")
    metas = [SourceMeta(*m) for m in header["metas"]]
    all_tokens = [terms[i] for i in token_ids.tolist()]
    all_words = [terms[i] for i in word_ids.tolist()]
    rows, text_ends, token_ends = numbers.tolist(), text_ends.tolist(), token_ends.tolist()  # no numpy scalars
    out: dict[str, DocEntry] = {}
    c = w = 0
    text_start = token_start = 0
    for source, dkey, count, n_words in docs:
        chunks, tokens = [], []
        for i in range(c, c + count):
            index, start, end, page = rows[i]
            text_end, token_end = text_ends[i], token_ends[i]
            chunks.append(Chunk(header["chunk_ids"][i], source, header["doc_hashes"][i], index,
                                text[text_start:text_end].decode(), start, end, header["sections"][i],
                                None if page < 0 else page, metas[header["meta"][i]],
                                tuple(tuple(a) for a in header["anchors"][i])))
            tokens.append(all_tokens[token_start:token_end])
            text_start, token_start = text_end, token_end
        out[source] = DocEntry(dkey, tuple(chunks), tuple(tokens), frozenset(all_words[w:w + n_words]))
        c, w = c + count, w + n_words
    return out

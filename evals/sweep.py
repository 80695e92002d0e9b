"""Sweep the extractive answerer's min_support, dense_weight and margin on the eval set (hybrid retrieval).

Retrieval does not depend on these settings, so each case is retrieved once and re-answered per setting.
Usage: .venv/bin/python evals/sweep.py [--index DIR] [--out evals/SWEEP.md]
"""
from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from assistant.answer import ExtractiveAnswerer, asks_to_ignore_sources, passage_units, unknown_terms
from assistant.config import load_settings
from assistant.evaluation import EvidenceIndex, aggregate, load_cases, score_case
from assistant.service import Assistant, clean_question

ROOT = Path(__file__).resolve().parent.parent
MIN_SUPPORT = (0.10, 0.15, 0.16, 0.18, 0.20, 0.22, 0.25, 0.30, 0.35, 0.40)
DENSE_WEIGHT = (0.4, 0.5, 0.6, 0.7, 0.8)
MARGIN = (0.05, 0.10, 0.15)
COLUMNS = ("pass_rate", "fact_recall", "evidence_cited", "quote_precision", "abstention_precision",
           "abstention_recall", "answer_rate")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="index folder (default: settings)")
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "cases.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "SWEEP.md")
    args = parser.parse_args()
    settings = load_settings(index=args.index)
    assistant = Assistant(settings)
    cases = load_cases(args.cases)
    evidence = EvidenceIndex(assistant.document_text, assistant.retriever.chunks)
    evidence.validate(cases)
    retriever = assistant.retriever
    prepared = []
    for case in cases:  # the same resolution and retrieval as Assistant.ask
        question = clean_question(case.question, settings.max_question_chars)
        query = assistant._resolve(question, list(case.history))
        vec = retriever.embed_query(query)
        prepared.append((case, question, query, vec, retriever.search(query, settings.top_k, None, "hybrid", vec)))
    answerer = ExtractiveAnswerer(retriever, max_units=settings.max_answer_units)
    rows = []
    t0 = time.perf_counter()
    for ms, dw, mg in itertools.product(MIN_SUPPORT, DENSE_WEIGHT, MARGIN):
        answerer.min_support, answerer.dense_weight, answerer.margin = ms, dw, mg
        results = []
        for case, question, query, vec, passages in prepared:
            answer = answerer.answer(question, passages, query=query, query_vec=vec)
            results.append(score_case(case, answer, 0.0, evidence))
        rows.append(((ms, dw, mg), aggregate(results)))
    seconds = time.perf_counter() - t0
    rows.sort(key=lambda r: (-r[1]["pass_rate"], -r[1]["abstention_precision"], -r[1]["quote_precision"]))
    lines = ["# Sweep of the extractive answerer's settings", "",
             f"{len(cases)} cases of `{args.cases.relative_to(ROOT) if args.cases.is_relative_to(ROOT) else args.cases}`, "
             f"hybrid retrieval, top_k {settings.top_k}, max_answer_units {settings.max_answer_units}; "
             f"{len(rows)} settings in {seconds:.0f} s. Sorted by pass rate, then abstention precision, "
             "then quote precision. Produced by `.venv/bin/python evals/sweep.py`.", "",
             "| min_support | dense_weight | margin | " + " | ".join(COLUMNS) + " |",
             "|---|---|---|" + "---|" * len(COLUMNS)]
    for (ms, dw, mg), m in rows:
        lines.append(f"| {ms:.2f} | {dw:.1f} | {mg:.2f} | " + " | ".join(f"{m[c]:.3f}" for c in COLUMNS) + " |")
    lines += ["", "## Best sentence score per case (default dense_weight and margin)", "",
              "What min_support separates: cases stopped earlier (a request to ignore the sources, a name the",
              "sources never mention) never reach it.", "", "| case | must decline | best score | stopped earlier |",
              "|---|---|---|---|"]
    answerer = ExtractiveAnswerer(retriever, max_units=settings.max_answer_units)
    for case, question, query, vec, passages in sorted(prepared, key=lambda p: (not p[0].abstain, p[0].id)):
        units = [u for rank, p in enumerate(passages) for u in passage_units(rank, p)]
        best = max(answerer.score_units(query, units, vec), default=0.0)
        early = ("ignore sources" if asks_to_ignore_sources(question)
                 else ", ".join(unknown_terms(query, retriever.keyword)))
        lines.append(f"| {case.id} | {'yes' if case.abstain else 'no'} | {best:.3f} | {early} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:16]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

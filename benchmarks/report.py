"""Targets checked against one run's figures, and the Markdown tables printed and written to the README."""
from __future__ import annotations

import re
from pathlib import Path

README_START = "<!-- benchmark table: written by `python -m benchmarks` (full run) -->"
README_END = "<!-- end of benchmark table -->"


def label(chunks: int) -> str:
    """'1k', '10k', '100k' for round sizes, else the number itself."""
    return f"{chunks // 1000}k" if chunks >= 1000 and chunks % 1000 == 0 else str(chunks)


def _target(name: str, value, goal: str, met) -> dict:
    return {"target": name, "value": value, "goal": goal, "met": met}


def targets(result: dict) -> list[dict]:
    """Each target of the performance issue with this run's value; met is None when not measured."""
    sizes = result["sizes"]
    out = []
    for key, s in sizes.items():
        if "ingest_vs_floor" in s:
            out.append(_target(f"ingest vs encode floor at {key} (wall)", round(s["ingest_vs_floor"], 3), ">= 0.9",
                               s["ingest_vs_floor"] >= 0.9))
            out.append(_target(f"ingest vs encode floor at {key} (CPU time)", round(s["ingest_vs_floor_cpu"], 3),
                               ">= 0.9", s["ingest_vs_floor_cpu"] >= 0.9))
        if "ingest_vs_default_model" in s:  # no goal: how much the chosen model costs against today's
            out.append(_target(f"ingest vs today's model ({s['default_model']}) at {key} (wall)",
                               round(s["ingest_vs_default_model"], 3), "reported", None))
    for key in ("10k",):
        s = sizes.get(key)
        for what in ("query", "answer"):
            ratio = s.get(f"{what}_vs_baseline") if s else None
            out.append(_target(f"{'search' if what == 'query' else 'answer'} p50 vs plain dense retriever at {key}",
                               None if ratio is None else round(ratio, 2), "<= 1.5x",
                               None if ratio is None else ratio <= 1.5))
    s = sizes.get("100k")
    for what in ("query", "answer"):
        p50 = s.get(f"{what}_p50_ms") if s else None
        out.append(_target(f"{'search' if what == 'query' else 'answer'} p50 at 100k", None if p50 is None else round(p50, 1),
                           "< 100 ms", None if p50 is None else p50 < 100))
    r = result.get("reingest") or {}
    if r:
        out.append(_target(f"no-op re-ingest of {r['documents']} documents", round(r["noop_reingest_s"], 2), "< 3 s",
                           r["noop_reingest_s"] < 3 and r["noop_chunks_embedded"] == 0))
        only = r["one_changed_chunks_embedded"] == r["one_changed_doc_chunks"] and len(r["one_changed_updated"]) == 1
        out.append(_target("one changed document re-embeds only that document",
                           f"{r['one_changed_chunks_embedded']} chunks embedded (document has {r['one_changed_doc_chunks']})",
                           "only its chunks", only))
    for key in ("cli", "serve"):
        v = (result.get("cold_start") or {}).get(f"{key}_s")
        out.append(_target(f"cold start to first answer ({key})", None if v is None else round(v, 1), "< 15 s",
                           None if v is None else v < 15))
    return out


def _f(v, nd: int = 1) -> str:
    if v is None:
        return "–"
    return f"{v:,.{nd}f}" if isinstance(v, float) else str(v)


def markdown(result: dict) -> str:
    """The run as Markdown: ingest, queries, re-ingest and cold start, then the targets."""
    model = result.get("model") or "bundled:all-MiniLM-L6-v2"
    which = ("the bundled all-MiniLM-L6-v2" if model == "bundled:all-MiniLM-L6-v2" else f"`{model}`")
    lines = [
        f"Run: {result['mode']} mode, {result['started']}, {result['cpus']} cores, load average at start "
        f"{result['load_at_start']}; vectors: `model` = {which}, `stand-in` = hashing "
        "vectors stored under the model's name (queries still embed with the real model).",
        "",
        "Ingest (chunks/s, wall; in brackets per CPU-second of the process; with the model, the best of "
        f"{max((s.get('rounds', 1) for s in result['sizes'].values()), default=1)} round(s) of ours, floor "
        "and llama-index run in turn):",
        "",
        "| size | docs | vectors | ours | encode floor (batch) | plain llama-index | ours / floor | ours / llama-index | peak RSS MB | index MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, s in result["sizes"].items():
        floor = (f"{_f(s.get('encode_floor_chunks_per_s'))} [{_f(s.get('encode_floor_chunks_per_cpu_s'))}] "
                 f"(bs {s.get('encode_floor_batch_size')})") if "encode_floor_chunks_per_s" in s else "–"
        li = (f"{_f(s.get('llamaindex_ingest_chunks_per_s'))} [{_f(s.get('llamaindex_ingest_chunks_per_cpu_s'))}]"
              if "llamaindex_ingest_chunks_per_s" in s else "–")
        ratio = (f"{s['ingest_vs_floor']:.2f} [{s['ingest_vs_floor_cpu']:.2f}]" if "ingest_vs_floor" in s else "–")
        ratio_li = (f"{s['ingest_vs_llamaindex']:.2f} [{s['ingest_vs_llamaindex_cpu']:.2f}]"
                    if "ingest_vs_llamaindex" in s else "–")
        lines.append(f"| {key} ({s['chunks']:,} chunks) | {s['documents']:,} | {s['vectors']} | "
                     f"{_f(s['ingest_chunks_per_s'])} [{_f(s['ingest_chunks_per_cpu_s'])}] | {floor} | {li} | "
                     f"{ratio} | {ratio_li} | {_f(s['ingest_peak_rss_mb'], 0)} | {_f(s['index_mb'])} |")
    today = [(k, s) for k, s in result["sizes"].items() if "ingest_vs_default_model" in s]
    if today:
        lines += ["", "Against today's model (our ingest of the same corpus with it, in the same rounds; chunks/s, "
                      "wall [per CPU-second]):", "",
                  "| size | chosen model | today's model | chosen / today's |", "|---|---|---|---|"]
        for key, s in today:
            lines.append(f"| {key} | {_f(s['ingest_chunks_per_s'])} [{_f(s['ingest_chunks_per_cpu_s'])}] | "
                         f"{_f(s['default_model_ingest_chunks_per_s'])} [{_f(s['default_model_ingest_chunks_per_cpu_s'])}] "
                         f"({s['default_model']}) | {s['ingest_vs_default_model']:.2f} "
                         f"[{s['ingest_vs_default_model_cpu']:.2f}] |")
    units = [(k, s) for k, s in result["sizes"].items() if "ingest_vs_floor_with_units" in s]
    if units:
        lines += ["", "This model has no late chunking (its engine gives no token embeddings): the ingest embeds each "
                      "answer unit in its context besides the chunks. The floor on everything it embeds:", "",
                  "| size | chunks + units | floor on both (chunks/s) | ours / that floor |", "|---|---|---|---|"]
        for key, s in units:
            lines.append(f"| {key} | {s['chunks']:,} + {s['unit_texts']:,} | "
                         f"{_f(s['floor_with_units_chunks_per_s'])} [{_f(s['floor_with_units_chunks_per_cpu_s'])}] | "
                         f"{s['ingest_vs_floor_with_units']:.2f} [{s['ingest_vs_floor_with_units_cpu']:.2f}] |")
    lines += [
        "",
        "Queries, warm and in-process (ms, p50 / p95; the plain llama-index retriever embeds the question and "
        "queries the same Chroma collection, on one torch thread as ours does, and with torch's default threads):",
        "",
        "| size | vectors | search (hybrid) | dense only | full answer | plain llama-index retriever | "
        "plain, default threads | search / plain | answer / plain | keyword index: first start s | later start s | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, s in result["sizes"].items():
        if "query_p50_ms" not in s:
            continue
        lines.append(
            f"| {key} | {s['vectors']} | {_f(s['query_p50_ms'])} / {_f(s['query_p95_ms'])} | "
            f"{_f(s['dense_query_p50_ms'])} / {_f(s['dense_query_p95_ms'])} | "
            f"{_f(s['answer_p50_ms'])} / {_f(s['answer_p95_ms'])} | "
            f"{_f(s['baseline_query_p50_ms'])} / {_f(s['baseline_query_p95_ms'])} | "
            f"{_f(s['baseline_default_threads_query_p50_ms'])} / {_f(s['baseline_default_threads_query_p95_ms'])} | "
            f"{s['query_vs_baseline']:.2f} | {s['answer_vs_baseline']:.2f} | {_f(s['retriever_open_s'], 2)} | "
            f"{_f(s.get('retriever_open_cached_s'), 2)} | {_f(s['query_peak_rss_mb'], 0)} |")
    r = result.get("reingest")
    if r:
        lines += ["", f"Re-ingest of {r['documents']:,} documents: nothing changed {r['noop_reingest_s']:.2f} s; "
                      f"one document changed {r['one_changed_reingest_s']:.2f} s "
                      f"({r['one_changed_chunks_embedded']} chunks re-embedded, the document has "
                      f"{r['one_changed_doc_chunks']}); reloading the keyword index afterwards "
                      f"{r['keyword_index_reload_s']:.2f} s."]
    c = result.get("cold_start")
    if c:
        lines += ["", f"Cold start to first answer on the {c['index']} index: `assistant ask` {_f(c.get('cli_s'))} s, "
                      f"`assistant serve` {_f(c.get('serve_s'))} s."]
    lines += ["", "| target | this run | goal | met |", "|---|---|---|---|"]
    for t in result["targets"]:
        met = "no goal" if t["goal"] == "reported" else {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
        lines.append(f"| {t['target']} | {_f(t['value'], 2)} | {t['goal']} | {met} |")
    return "\n".join(lines)


def write_readme(readme: Path, table: str) -> bool:
    """Replace the table between the README's markers; False when the markers are missing."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        return False
    readme.write_text(pattern.sub(lambda _m: f"{README_START}\n{table}\n{README_END}", text), encoding="utf-8")
    return True

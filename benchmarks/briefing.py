"""`python -m benchmarks.briefing [--index DIR] [--json]`: time to build briefing packs on sources/ + realdocs.

Builds (or reuses, with --index) an index of the shipped sources plus ../shared/realdocs with the bundled model,
then times in one process: the whole-index pack (`all`, first and warm), packs on a few topics, and, as the
baseline from the same run, answering each topic as a question (`Assistant.ask`), plus the Word export of a pack.
Target: a pack in under 10 s on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
TOPICS = ("confidence-building measures", "ransomware", "open-ended working group", "capacity building",
          "critical infrastructure")
TARGET_S = 10.0


def build_index(realdocs: Path, work: Path):
    """Settings of a fresh index of sources/ + the real documents (the bundled model)."""
    from assistant.config import Settings
    from assistant.service import Assistant

    sources = work / "sources"
    shutil.copytree(ROOT / "sources", sources)
    for path in sorted(realdocs.iterdir()):
        if path.is_file() and path.name != "MANIFEST.md":
            shutil.copy2(path, sources / path.name)
    settings = Settings(sources=sources, index=work / "index", data_dir=work / "data")
    Assistant(settings, create=True).ingest(progress=False)
    return settings


def _timed(fn, repeats: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def measure(assistant, topics=TOPICS, repeats: int = 3, work: Path | None = None) -> dict:
    """Seconds per pack and per answer on the same topics, from one process."""
    from assistant import export

    t0 = time.perf_counter()
    assistant.retriever.embed_query("warm-up")  # opening the index and loading the model: start-up, not a pack
    startup_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    first = assistant.brief("all")  # the first call pays for the catalog and the keyword index
    first_s = time.perf_counter() - t0
    warm_s, pack = _timed(lambda: assistant.brief("all"), repeats)
    rows = []
    for topic in topics:
        question = f"What do the sources say about {topic}?"
        pack_first_s, _ = _timed(lambda: assistant.brief(topic), 1)  # embeds the topic: a first request
        ask_first_s, _ = _timed(lambda: assistant.ask(question), 1)
        pack_s, topical = _timed(lambda: assistant.brief(topic), repeats)
        ask_s, _ = _timed(lambda: assistant.ask(question), repeats)
        rows.append({"topic": topic, "pack_first_s": round(pack_first_s, 3), "ask_first_s": round(ask_first_s, 3),
                     "pack_s": round(pack_s, 3), "ask_s": round(ask_s, 3),
                     "pack_over_ask": round(pack_s / ask_s, 2) if ask_s else None,
                     "items": sum(len(v) for v in topical.to_json()["sections"].values())})
    out_dir = Path(work or tempfile.mkdtemp(prefix="brief-bench-"))
    docx_s, _ = _timed(lambda: export.write_pack_docx(pack.to_json(), out_dir / "pack.docx"), 1)
    sections = {k: len(v) for k, v in pack.to_json()["sections"].items()}
    worst = max([warm_s, first_s] + [r["pack_first_s"] for r in rows])
    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cores": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2), "startup_s": round(startup_s, 3),
        "all": {"first_s": round(first_s, 3), "warm_s": round(warm_s, 3), "sections": sections,
                "citations": len(pack.citations), "timings_ms": first.timings_ms},
        "topics": rows, "docx_s": round(docx_s, 3),
        "median_pack_s": round(statistics.median(r["pack_s"] for r in rows), 3),
        "median_ask_s": round(statistics.median(r["ask_s"] for r in rows), 3),
        "target_s": TARGET_S, "met": worst < TARGET_S,
    }


def format_report(r: dict) -> str:
    lines = [f"Briefing packs, {r['when']}, {r['cores']} cores, load average {r['load_average']}",
             f"Start-up (open the index, load the model): {r['startup_s']:.2f} s, not counted below",
             f"Whole index (`all`): first {r['all']['first_s']:.2f} s, warm {r['all']['warm_s']:.2f} s; "
             f"{r['all']['citations']} citations; sections {r['all']['sections']}; Word export {r['docx_s']:.2f} s", "",
             "| topic | pack s, first | answer s, first (baseline) | pack s, warm | answer s, warm | pack / answer (warm) | items |",
             "|---|---|---|---|---|---|---|"]
    for row in r["topics"]:
        lines.append(f"| {row['topic']} | {row['pack_first_s']:.3f} | {row['ask_first_s']:.3f} | {row['pack_s']:.3f} | "
                     f"{row['ask_s']:.3f} | {row['pack_over_ask']} | {row['items']} |")
    lines.append(f"\nMedian pack {r['median_pack_s']:.3f} s, median answer {r['median_ask_s']:.3f} s; "
                 f"target < {r['target_s']:.0f} s per pack: {'met' if r['met'] else 'NOT met'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.briefing", description=__doc__)
    p.add_argument("--index", type=Path, help="an existing index of sources + realdocs (else one is built)")
    p.add_argument("--realdocs", type=Path, default=REALDOCS, help="folder of the real documents")
    p.add_argument("--repeats", type=int, default=3, help="runs per measurement (best is kept)")
    p.add_argument("--json", action="store_true", help="print JSON")
    args = p.parse_args(argv)
    from assistant.config import Settings
    from assistant.service import Assistant

    with tempfile.TemporaryDirectory(prefix="brief-bench-") as tmp:
        if args.index:
            settings = Settings(index=args.index, data_dir=Path(tmp) / "data")
            build_s = 0.0
        else:
            if not args.realdocs.exists():
                print(f"no real documents at {args.realdocs}", file=sys.stderr)
                return 2
            t0 = time.perf_counter()
            settings = build_index(args.realdocs, Path(tmp))
            build_s = time.perf_counter() - t0
        result = measure(Assistant(settings), repeats=args.repeats, work=Path(tmp))
        result["index_build_s"] = round(build_s, 1)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

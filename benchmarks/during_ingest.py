"""Question latency while the serving process ingests: `python -m benchmarks.during_ingest [--clients N] [--workdir DIR]`.

One process, the real model and Chroma, as `assistant serve` runs them: an index of the shipped sources,
then N threads (a server's workers) ask questions in a loop, first with the index idle, then while an
ingest adds the real documents of ../shared/realdocs in a thread of the same process. Prints one JSON
object: p50/p95 of both phases (same questions, same threads, same run), their ratio (target: p95 during
within 2x of idle), the ingest's duration and the index versions the answers came from.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
QUESTIONS = [
    "What is cyber diplomacy?",
    "What does the EU Cyber Diplomacy Toolbox include?",
    "What did NATO recognise in 2016?",
    "What confidence-building measures does the OSCE promote?",
    "What does Belgium do in cyber diplomacy?",
    "Who organised the workshop in Sarajevo?",
    "What is the OEWG helping countries agree on?",
    "How does the EU support the Western Balkans on cyber security?",
]


def _ask_loop(assistant, n: int, stop: threading.Event, out: list, lock: threading.Lock, limit: int | None) -> None:
    i = n
    while not stop.is_set() and (limit is None or i - n < limit):
        q = QUESTIONS[i % len(QUESTIONS)]
        i += 1
        t0 = time.monotonic()
        answer = assistant.ask(q)
        with lock:
            out.append((t0, time.monotonic(), answer.index_version))


def _phase(assistant, clients: int, during=None, per_client: int = 20) -> tuple[list, float, float]:
    """Latencies of `clients` threads asking in a loop: `per_client` questions each, or while `during` runs."""
    stop, lock, out = threading.Event(), threading.Lock(), []
    threads = [threading.Thread(target=_ask_loop, args=(assistant, n, stop, out, lock, None if during else per_client))
               for n in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    if during is not None:
        time.sleep(0.5)  # the workers are asking before the ingest starts
        t0 = time.monotonic()
        during()
        t1 = time.monotonic()
        stop.set()
    for t in threads:
        t.join()
    return out, t0, (t1 if during is not None else time.monotonic())


def _ms(samples: list) -> dict:
    ms = np.asarray([(b - a) * 1000 for a, b, _ in samples]) if samples else np.zeros(1)
    return {"answers": len(samples), "p50_ms": round(float(np.percentile(ms, 50)), 1),
            "p95_ms": round(float(np.percentile(ms, 95)), 1)}


def run(work: Path, clients: int, max_documents: int | None = None, all_threads: bool = False) -> dict:
    from assistant.config import Settings
    from assistant.ingest import background_priority
    from assistant.service import Assistant

    shipped = ROOT / "sources"
    sources = work / "sources"
    shutil.copytree(shipped, sources, dirs_exist_ok=True)
    settings = Settings(sources=sources, index=work / "index", data_dir=work / "data")
    assistant = Assistant(settings, create=True)
    t = time.monotonic()
    assistant.ingest(progress=False)
    base_s = time.monotonic() - t
    for q in QUESTIONS:  # warm: the model, the keyword index, the caches a serving process has
        assistant.ask(q)
    idle, _, _ = _phase(assistant, clients)
    added = sorted(p.name for p in REALDOCS.iterdir() if p.is_file() and p.name != "MANIFEST.md")[:max_documents]
    for name in added:
        shutil.copy2(REALDOCS / name, sources / name)
    report = {}
    def ingest() -> None:
        with nullcontext() if all_threads else background_priority():  # as `assistant serve` runs its ingest
            report["r"] = assistant.ingest(progress=False)

    during, t0, t1 = _phase(assistant, clients, during=ingest)
    inside = [s for s in during if s[0] >= t0 and s[1] <= t1]
    result = {
        "clients": clients, "ingest_torch_threads": "all" if all_threads else "one", "questions": len(QUESTIONS),
        "base_index_s": round(base_s, 1),
        "ingest": {"documents_added": len(report["r"].added), "chunks": report["r"].chunks_written,
                   "seconds": round(t1 - t0, 1)},
        "idle": _ms(idle), "during_ingest": _ms(inside),
        "versions_during": sorted({v for *_, v in inside}),
    }
    result["p95_ratio"] = round(result["during_ingest"]["p95_ms"] / result["idle"]["p95_ms"], 2)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.during_ingest", description=__doc__)
    p.add_argument("--clients", type=int, default=4, help="concurrent question threads (a server's workers: 4)")
    p.add_argument("--max-documents", type=int, help="ingest only the first N real documents (a quicker run)")
    p.add_argument("--all-threads", action="store_true",
                   help="ingest on all of torch's threads (what serve did before), for comparison")
    p.add_argument("--workdir", type=Path, help="where the sources and index go (default: a temporary folder)")
    args = p.parse_args(argv)
    if not REALDOCS.is_dir():
        print(f"the real documents are not at {REALDOCS}", file=sys.stderr)
        return 2
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        print(json.dumps(run(args.workdir, args.clients, args.max_documents, args.all_threads), indent=2))
    else:
        with tempfile.TemporaryDirectory(prefix="during-ingest-") as tmp:
            print(json.dumps(run(Path(tmp), args.clients, args.max_documents, args.all_threads), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

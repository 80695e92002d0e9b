"""Load on a realistic index: `python -m benchmarks.load [--index DIR --sources DIR] [--clients 16]`.

`assistant serve` as a subprocess on loopback, over the shipped sources plus ../shared/realdocs (built in
a temporary folder unless --index is given): each question is asked alone first, then 16 API clients ask
10 questions each at once. Prints one JSON object: errors, answers that differ from the lone answer, and
p50/p95 of the lone and the concurrent requests. `run_load` is also what tests/test_load_realdocs.py runs.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
# Shipped sources and real documents; definitions, lists, numbers, a follow-up-free mix, one out of scope.
QUESTIONS = [
    "What is cyber diplomacy?",
    "What did NATO recognise in 2016?",
    "What confidence-building measures does the OSCE promote?",
    "For how long can a person be obliged to preserve stored computer data under the Budapest Convention?",
    "What are the nine principles of the Paris Call?",
    "Which governments signed the 2023 joint statement on commercial spyware?",
    "How do the Counter Ransomware Initiative ministers describe ransomware?",
    "What does resolution 73/27 say about the use of ICTs by States?",
    "How does the offence of illegal access differ from illegal interception in the Budapest Convention?",
    "What is the recipe for chocolate cake?",
]


def essence(answer: dict) -> tuple:
    """What must not change between a lone and a concurrent request (timings aside)."""
    return (answer["answer"], answer["abstained"],
            tuple((c["source"], c["start"], c["end"], c["quote"]) for c in answer["citations"]),
            tuple(p["chunk_id"] for p in answer["passages"]), answer.get("index_version"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def run_load(url: str, questions: list[str], clients: int) -> dict:
    """Each question alone, then `clients` gradio clients asking all of them (shuffled) at once."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    alone, alone_ms = {}, []
    for q in questions:
        t0 = time.perf_counter()
        alone[q] = essence(client.predict(q, api_name="/ask"))
        alone_ms.append((time.perf_counter() - t0) * 1000)
    latencies: list[float] = []
    errors: list[str] = []
    mismatches: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def worker(n: int) -> None:
        try:
            own = Client(url, verbose=False)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            with lock:
                errors.append(f"client {n} could not connect: {exc!r}")
            start.abort()
            return
        order = questions[:]
        random.Random(n).shuffle(order)
        start.wait()
        for q in order:
            t0 = time.perf_counter()
            try:
                got = essence(own.predict(q, api_name="/ask"))
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"client {n}, {q!r}: {exc!r}")
                continue
            with lock:
                latencies.append((time.perf_counter() - t0) * 1000)
                if got != alone[q]:
                    mismatches.append(f"client {n}, {q!r}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1800)
    wall = time.perf_counter() - t0
    return {
        "clients": clients, "questions": len(questions), "requests": len(latencies) + len(errors),
        "answered": sum(not a[1] for a in alone.values()), "hung": sum(t.is_alive() for t in threads),
        "errors": errors, "mismatches": mismatches, "wall_s": round(wall, 1),
        "throughput_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "alone_ms": {"p50": round(percentile(alone_ms, 0.5)), "p95": round(percentile(alone_ms, 0.95))},
        "concurrent_ms": {"p50": round(percentile(latencies, 0.5)), "p95": round(percentile(latencies, 0.95)),
                          "max": round(max(latencies, default=0))},
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(index: Path, sources: Path, log: Path, timeout: float = 300.0) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONPATH": str(ROOT),
           "ASSISTANT_DATA_DIR": str(log.parent / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--no-ingest", "--index", str(index),
                             "--sources", str(sources), "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve exited with {proc.returncode}: see {log}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"serve not up after {timeout:.0f} s: see {log}")


def _build(work: Path) -> tuple[Path, Path]:
    from assistant.config import Settings
    from assistant.service import Assistant

    sources = work / "sources"
    shutil.copytree(ROOT / "sources", sources, dirs_exist_ok=True)
    for path in sorted(REALDOCS.iterdir()):
        if path.is_file() and path.name != "MANIFEST.md":
            shutil.copy2(path, sources / path.name)
    settings = Settings(sources=sources, index=work / "index", data_dir=work / "data")
    Assistant(settings, create=True).ingest(progress=False)
    return settings.index, sources


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--index", type=Path, help="an existing index (default: build one of the shipped and real documents)")
    p.add_argument("--sources", type=Path, help="its sources folder (with --index)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        work = Path(tmp)
        if args.index:
            index, sources = args.index, args.sources or ROOT / "sources"
        elif not REALDOCS.is_dir():
            print(f"the real documents are not at {REALDOCS}", file=sys.stderr)
            return 2
        else:
            t = time.monotonic()
            index, sources = _build(work)
            print(f"index built in {time.monotonic() - t:.0f} s", file=sys.stderr)
        proc, url = _serve(index, sources, work / "serve.log")
        try:
            result = run_load(url, QUESTIONS, args.clients)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps(result, indent=2))
    return 0 if not (result["errors"] or result["mismatches"] or result["hung"]) else 1


if __name__ == "__main__":
    sys.exit(main())

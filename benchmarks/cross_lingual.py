"""`python -m benchmarks.cross_lingual [--sources DIR]`: what the second vector set (cross_lingual_model) costs.

In one run, for an index without and with the e5 set: the ingest of DIR (default: the shipped sources/) and the
cold `assistant ask` of an English and a French question, each in its own process (wall and CPU seconds of the
process; CPU is steadier on shared cores), then warm question latency (p50) in one process. `make run` must
stay under 15 s for ingest of sources/ plus cold start (issue #12): the CPU sum says whether two cores could.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.config import CROSS_LINGUAL_OFF, MULTILINGUAL_MODEL

from .coldstart import ENV, _assistant_cmd

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ["When did the cyber diplomacy workshop in Sarajevo take place?", "What does the OSCE promote in cyber security?",
           "Which organisations support the Cyber Balkans project?", "What does Belgium do in cyber diplomacy?",
           "In which year did NATO recognise cyberspace as an operational domain?"]
FRENCH = ["Quand a eu lieu l'atelier sur la cyberdiplomatie à Sarajevo ?", "Que promeut l'OSCE en matière de cybersécurité ?",
          "Quelles organisations soutiennent le projet Cyber Balkans ?", "Que fait la Belgique en cyberdiplomatie ?",
          "En quelle année l'OTAN a-t-elle reconnu le cyberespace comme domaine opérationnel ?"]


def _timed(args: list[str], env: dict) -> tuple[float, float]:
    """(wall s, CPU s) of one CLI process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*_assistant_cmd(), *args], capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"assistant {args[0]} failed ({done.returncode}): {done.stderr[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _warm(index: Path, sources: Path, mode: str) -> dict[str, float]:
    """p50 ms of the questions after the first of each language, in one process (a subprocess of its own)."""
    code = f"""
import json, statistics, time
from pathlib import Path
from assistant.config import Settings
from assistant.service import Assistant
a = Assistant(Settings(index=Path({str(index)!r}), sources=Path({str(sources)!r}), cross_lingual_model={mode!r}))
out = {{}}
for lang, qs in (("en", {ENGLISH!r}), ("fr", {FRENCH!r})):
    a.ask(qs[0])
    times = []
    for q in qs[1:]:
        t = time.perf_counter(); a.ask(q); times.append((time.perf_counter() - t) * 1000)
    out[lang] = statistics.median(times)
print(json.dumps(out))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=3600, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"warm questions failed: {done.stderr[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(sources: Path, work: Path) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for mode in (CROSS_LINGUAL_OFF, MULTILINGUAL_MODEL):
        index = work / ("index-" + ("off" if mode == CROSS_LINGUAL_OFF else "e5"))
        env = {**ENV, "ASSISTANT_CROSS_LINGUAL_MODEL": mode}
        where = ["--index", str(index), "--sources", str(sources)]
        row: dict[str, float] = {}
        row["ingest_wall"], row["ingest_cpu"] = _timed(["ingest", "--quiet", *where], env)
        row["cold_en_wall"], row["cold_en_cpu"] = _timed(["ask", ENGLISH[0], "--json", *where], env)
        row["cold_fr_wall"], row["cold_fr_cpu"] = _timed(["ask", FRENCH[0], "--json", *where], env)
        warm = _warm(index, sources, mode)
        row["warm_en_ms"], row["warm_fr_ms"] = warm["en"], warm["fr"]
        results["off" if mode == CROSS_LINGUAL_OFF else "e5"] = row
    return results


def table(results: dict[str, dict[str, float]], sources: Path) -> str:
    load = os.getloadavg()[0]
    lines = [f"Second vector set, sources {sources} (2 cores, load average {load:.1f} at the end):", "",
             "| | without | with e5 |", "|---|---|---|"]
    names = {"ingest": "ingest", "cold_en": "cold ask, English", "cold_fr": "cold ask, French"}
    off, e5 = results["off"], results["e5"]
    for key, name in names.items():
        lines.append(f"| {name}: wall s [CPU s] | {off[key + '_wall']:.1f} [{off[key + '_cpu']:.1f}] | "
                     f"{e5[key + '_wall']:.1f} [{e5[key + '_cpu']:.1f}] |")
    lines.append(f"| warm question p50 ms, English | {off['warm_en_ms']:.0f} | {e5['warm_en_ms']:.0f} |")
    lines.append(f"| warm question p50 ms, French | {off['warm_fr_ms']:.0f} | {e5['warm_fr_ms']:.0f} |")
    for name, row in (("without", off), ("with e5", e5)):
        cpu = row["ingest_cpu"] + row["cold_en_cpu"]
        lines.append(f"\n{name}: ingest + cold start {row['ingest_wall'] + row['cold_en_wall']:.1f} s wall, "
                     f"{cpu:.1f} CPU-s (>= {cpu / 2:.1f} s on 2 cores; target < 15 s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.cross_lingual", description=__doc__)
    p.add_argument("--sources", type=Path, default=ROOT / "sources", help="folder to ingest (default: sources/)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-cross-") as work:
        results = measure(args.sources.resolve(), Path(work))
    print(json.dumps(results, indent=2) if args.json else table(results, args.sources))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

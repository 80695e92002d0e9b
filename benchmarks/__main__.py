"""`python -m benchmarks [--quick] [--json]`: generate corpora, run each measurement in its own process, report."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from assistant.config import BUNDLED_MODEL

from . import coldstart, corpus, report

ROOT = Path(__file__).resolve().parent.parent
FULL = {"sizes": [1000, 10000, 100000], "model_sizes": [1000], "questions": 40, "repeats": 3, "ingest_rounds": 3}
QUICK = {"sizes": [200, 10000], "model_sizes": [200], "questions": 20, "repeats": 1, "ingest_rounds": 1}


def _sizes(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected chunk counts separated by commas (got {text!r})") from None
    if not values or any(v < 20 for v in values):
        raise argparse.ArgumentTypeError(f"each size must be at least 20 chunks (got {text!r})")
    return values


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes: a few minutes on 2 cores (what `make bench` runs)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    p.add_argument("--sizes", type=_sizes, help="corpus sizes in chunks, e.g. 1000,10000,100000")
    p.add_argument("--model-sizes", type=_sizes,
                   help="sizes embedded with the real model (others use stand-in hashing vectors); default: the smallest")
    p.add_argument("--questions", type=int, help="distinct questions timed per size")
    p.add_argument("--no-cold-start", action="store_true", help="skip the cold-start runs of `ask` and `serve`")
    p.add_argument("--model", help="embedding model to benchmark, e.g. bundled:multilingual-e5-small-q4 (default: "
                                   "the bundled all-MiniLM-L6-v2); ingest is then also compared with the bundled "
                                   "model's, and the plain llama-index baseline uses the same model")
    p.add_argument("--workdir", type=Path, help="where corpora and indexes go (default: a temporary folder, removed)")
    p.add_argument("--readme", action=argparse.BooleanOptionalAction, default=None,
                   help="write the table into README.md (default: on for a full run, off with --quick or --sizes)")
    return p


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _job(name: str, args: dict, work: Path) -> dict:
    """Run one measurement in a fresh process; its stdout is left to the libraries, the result comes via a file."""
    out = work / f"{name}-{time.monotonic_ns()}.json"
    env = {**coldstart.ENV, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "benchmarks.jobs", name, json.dumps(args), str(out)], cwd=ROOT,
                          env=env, stdout=subprocess.DEVNULL)
    if done.returncode != 0:
        raise SystemExit(f"benchmark job {name} failed (exit {done.returncode}); see the messages above")
    return json.loads(out.read_text(encoding="utf-8"))


def run(opts: argparse.Namespace, work: Path) -> dict:
    base = QUICK if opts.quick else FULL
    sizes = opts.sizes or base["sizes"]
    model_sizes = set(opts.model_sizes or ([min(sizes)] if opts.sizes else base["model_sizes"]))
    n_questions = opts.questions or base["questions"]
    model = opts.model or BUNDLED_MODEL
    result = {"mode": "quick" if opts.quick else "full", "model": model,
              "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "cpus": os.cpu_count(), "load_at_start": round(os.getloadavg()[0], 2), "sizes": {}}
    built: dict[str, dict] = {}
    for size in sorted(sizes):
        key = report.label(size)
        folder = work / key
        for stale in ("index", "llamaindex-chroma"):  # a kept workdir from an earlier run
            shutil.rmtree(folder / stale, ignore_errors=True)
        c = corpus.generate(folder / "sources", size)
        vectors = "model" if size in model_sizes else "stand-in"
        _log(f"size {key}: {c.documents} documents, {c.chunks} chunks, {vectors} vectors")
        paths = {"sources": str(c.root), "index": str(folder / "index"), "scratch": str(folder), "model": model}
        entry = {"target_chunks": size, "vectors": vectors}
        entry.update(_job("ingest", {**paths, "vectors": "model" if vectors == "model" else "hashing",
                                     "probe": 64 if opts.quick else 256, "rounds": base["ingest_rounds"]}, work))
        entry.update(_job("query", {**paths, "questions": n_questions}, work))
        result["sizes"][key] = entry
        built[key] = {**paths, "documents": c.documents, "chunks": c.chunks, "vectors": vectors}
    # Re-ingest where the corpus is closest to 1,000 documents (the 10k-chunk corpus).
    key = min(built, key=lambda k: abs(built[k]["documents"] - 1000))
    _log(f"re-ingest at {key} ({built[key]['documents']} documents)")
    result["reingest"] = {"size": key, **_job("reingest", built[key], work)}
    if not opts.no_cold_start:
        key = min((k for k in built if built[k]["vectors"] == "model"), key=lambda k: built[k]["chunks"],
                  default=min(built, key=lambda k: built[k]["chunks"]))
        b, question = built[key], corpus.questions(1)[0]
        repeats = base["repeats"]
        _log(f"cold start on the {key} index ({repeats} run(s) each)")
        cli = sorted(coldstart.cli(Path(b["index"]), Path(b["sources"]), question, model) for _ in range(repeats))
        srv = sorted(coldstart.serve(Path(b["index"]), Path(b["sources"]), question, model=model) for _ in range(repeats))
        result["cold_start"] = {"index": f"{key} ({b['chunks']:,} chunks)", "runs": repeats,
                                "cli_s": cli[len(cli) // 2], "serve_s": srv[len(srv) // 2], "cli_runs_s": cli,
                                "serve_runs_s": srv}
    result["targets"] = report.targets(result)
    return result


def main(argv: list[str] | None = None) -> int:
    opts = build_parser().parse_args(argv)
    if opts.questions is not None and not 1 <= opts.questions <= 1000:
        print(f"error: --questions must be between 1 and 1000 (got {opts.questions})", file=sys.stderr)
        return 2
    work = opts.workdir or Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = run(opts, work)
    finally:
        if opts.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    table = report.markdown(result)
    if opts.json:
        print(json.dumps(result, indent=2))
    else:
        print(table)
    # The README's table is the bundled model's; another model's run is printed only.
    write = opts.readme if opts.readme is not None else not (opts.quick or opts.sizes or opts.model)
    if write:
        if report.write_readme(ROOT / "README.md", table):
            _log("wrote the performance table into README.md")
        else:
            _log(f"README.md has no benchmark markers ({report.README_START!r}); table not written")
    return 0


if __name__ == "__main__":
    sys.exit(main())

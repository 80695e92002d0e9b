"""Where the time goes: `python -m benchmarks.profile {ingest,search,answer} --chunks N` prints a pyinstrument profile."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from assistant.config import Settings
from assistant.embeddings import make_embedder

from .corpus import generate, questions
from .jobs import QUIET, StandInEmbedder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    p.add_argument("what", choices=["ingest", "search", "answer"])
    p.add_argument("--chunks", type=int, default=1000, help="corpus size in chunks (default 1000)")
    p.add_argument("--questions", type=int, default=10, help="questions profiled (search, answer)")
    p.add_argument("--model-vectors", action="store_true", help="index with the real model (default: stand-in vectors)")
    p.add_argument("--sources", type=Path,
                   help="profile this sources folder (e.g. the real documents) instead of a generated corpus")
    p.add_argument("--model", help="embedding model (default: the settings' own, the bundled all-MiniLM-L6-v2)")
    opts = p.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("error: profiling needs pyinstrument: pip install -e '.[test]'", file=sys.stderr)
        return 2
    from assistant.service import Assistant

    work = Path(tempfile.mkdtemp(prefix="assistant-profile-"))
    try:
        root = opts.sources if opts.sources else generate(work / "sources", opts.chunks).root
        extra = {"embedding_model": opts.model} if opts.model else {}
        settings = Settings(sources=root, index=work / "index", data_dir=work / "data", **extra)
        real = make_embedder(settings)
        if opts.model_vectors:
            real.embed(["warm up"])  # the model's load is not what is profiled
        builder = Assistant(settings, embedder=real if opts.model_vectors else StandInEmbedder(real), create=True)
        profiler = Profiler(interval=0.001)
        if opts.what == "ingest":
            with profiler:
                builder.ingest(progress=False, log=QUIET)
        else:
            builder.ingest(progress=False, log=QUIET)
            assistant = Assistant(settings)
            for q in questions(3, seed=99):  # warm: model loaded, keyword index built
                assistant.ask(q)
            call = assistant.search if opts.what == "search" else assistant.ask
            with profiler:
                for q in questions(opts.questions, seed=5):
                    call(q)
        print(profiler.output_text(unicode=True, color=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

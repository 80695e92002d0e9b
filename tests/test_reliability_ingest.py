"""Ingest that never loses the index: kill -9 at several points, concurrent ingests, damaged files."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Runs in a fresh interpreter after each kill, as a reader would: opens the index through the facade
# and reports what a user could see, plus what lies underneath (raw passages, journal).
PROBE = r"""
import json, sys
from collections import Counter
from pathlib import Path
from assistant.config import load_settings
from assistant.service import Assistant

settings = load_settings(index=Path(sys.argv[1]), sources=Path(sys.argv[2]))
full = sys.argv[3:] != ["keyword-only"]  # keyword-only: no query embedding, so no model load
a = Assistant(settings)
status = a.status().to_json()
records = a.store.documents()
current = a.store.current_chunks()
raw = [(cid, md["source"], md["doc_hash"]) for ids, _, metas in a.store._iter_passages(["metadatas"])
       for cid, md in zip(ids, metas)]
per_source = Counter(c.source for c in current)
answers = {}
for source, record in sorted(records.items()):
    marker = source.split(".")[0].replace("doc", "marker") + "x"
    ans = a.ask(f"What does {marker} say?") if full else None
    top = a.search(marker, top_k=1, mode="keyword")
    passages = ans.passages if ans is not None else top
    answers[source] = {
        "top": top[0].chunk.source if top else None,
        "among": any(p.chunk.source == source for p in passages),
        "current": all(p.chunk.doc_hash == records[p.chunk.source].doc_hash for p in passages),
        "version": "revision two" in top[0].chunk.text if top else None,
    }
print(json.dumps({
    "documents": {s: [r.doc_hash, r.chunks] for s, r in records.items()},
    "per_source": dict(per_source),
    "chunk_ids": len({c.chunk_id for c in current}), "chunks": len(current),
    "spans": len({(c.source, c.start, c.end) for c in current}),
    "raw": len(raw), "raw_ids": len({r[0] for r in raw}),
    "journal": a.store.read_journal() is not None,
    "status_chunks": status["chunks"], "answers": answers,
}))
"""

WORDS = ("state norms cyber diplomacy confidence building measures capacity international law sovereignty "
         "incident response cooperation critical infrastructure attribution dialogue resolution").split()


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    out.update({"ASSISTANT_EMBEDDING_MODEL": "hashing", "PYTHONUNBUFFERED": "1"}, **extra)
    return out


def write_corpus(folder: Path, names, revision: str, sections: int = 10) -> None:
    """Dozens of markdown documents, each with a unique marker word and a revision phrase."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in names:
        rng = random.Random(i)
        parts = [
            f"## Part {s}\n\n" + " ".join(
                " ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "." for _ in range(8))
            for s in range(sections)
        ]
        text = (f"# Document {i}\n\nThis is marker{i:03d}x, {revision}. Confidence building matters here.\n\n"
                + "\n\n".join(parts) + "\n")
        (folder / f"doc{i:03d}.md").write_text(text, encoding="utf-8")


def cli(*args: str, cwd: Path, extra_env: dict | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=cwd, env=env(**(extra_env or {})),
                          capture_output=True, text=True, timeout=timeout)


def probe(index: Path, sources: Path, cwd: Path, extra_env: dict | None = None, keyword_only: bool = False) -> dict:
    flags = ["keyword-only"] if keyword_only else []
    done = subprocess.run([sys.executable, "-c", PROBE, str(index), str(sources), *flags], cwd=cwd,
                          env=env(**(extra_env or {})), capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_seq(index: Path) -> int:
    """Chroma's write counter: grows by one per record written or deleted (read-only peek)."""
    db = index / "chroma" / "chroma.sqlite3"
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            row = con.execute("SELECT max(seq_id) FROM max_seq_id").fetchone()
            queue = con.execute("SELECT max(seq_id) FROM embeddings_queue").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return -1  # busy: the writer holds the lock right now
    return max(row[0] or 0, queue[0] or 0)


def assert_consistent(state: dict, expect_sources: set[str]) -> None:
    """What a reader sees is whole: every record's chunks all there, once, and answers use current ones."""
    assert set(state["documents"]) == expect_sources
    for source, (_, chunks) in state["documents"].items():
        assert state["per_source"].get(source) == chunks, f"{source}: partial document visible"
    assert state["chunk_ids"] == state["chunks"] == state["spans"] == state["status_chunks"]
    assert state["raw_ids"] == state["raw"]  # no duplicate ids underneath either
    for source, ans in state["answers"].items():
        assert ans["top"] == source, f"question about {source} answered from {ans['top']}"
        assert ans["among"], f"{source} missing from the passages of an answer about it"
        assert ans["current"], f"{source}: an answer used a superseded passage"


def kill_at(args: list[str], cwd: Path, index: Path, target: float | None, delay: float = 0.0,
            extra_env: dict | None = None) -> str:
    """Start an ingest and kill -9 it once Chroma's write counter passes `target` (or after `delay`)."""
    base = write_seq(index)
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", *args], cwd=cwd, env=env(**(extra_env or {})),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while proc.poll() is None and time.monotonic() - started < 240:
            if target is None and time.monotonic() - started >= delay:
                break
            if target is not None and write_seq(index) >= base + target:
                break
            time.sleep(0.005)
        if proc.poll() is not None:
            return "finished before the kill"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return f"killed after {write_seq(index) - base} writes"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_kill_minus_nine_never_loses_the_index(tmp_path):
    """kill -9 at several points of a real ingest: the old index stays answerable; a re-run equals a fresh build."""
    sources, index = tmp_path / "sources", tmp_path / "index"
    # 36 documents of ~30 passages: past the 1,000 vectors at which Chroma persists its HNSW files,
    # so kills also land while those files are being written.
    write_corpus(sources, range(36), "revision one", sections=28)
    args = ["ingest", "--sources", str(sources), "--index", str(index), "--quiet"]
    first = cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    v1 = probe(index, sources, tmp_path)
    assert_consistent(v1, {f"doc{i:03d}.md" for i in range(36)})
    build_writes = write_seq(index)

    # Revision two changes every document, drops two and adds two: every kind of write happens.
    for i in (34, 35):
        (sources / f"doc{i:03d}.md").unlink()
    write_corpus(sources, [*range(34), 36, 37], "revision two", sections=28)
    old_names = {f"doc{i:03d}.md" for i in range(36)}
    new_names = {f"doc{i:03d}.md" for i in list(range(34)) + [36, 37]}

    outcomes = []
    # During start-up (before any write), just after the journal, then a third, two thirds and
    # almost all of the way through the writes of a full re-ingest.
    points = [(None, 0.3), (1, 0), (build_writes * 0.33, 0), (build_writes * 0.66, 0), (build_writes * 0.95, 0)]
    mixed = 0
    for target, delay in points:
        outcome = kill_at(args, tmp_path, index, target, delay)
        outcomes.append(outcome)
        state = probe(index, sources, tmp_path)
        present = set(state["documents"])
        # Every document is there in one whole version: old ones not yet replaced, or new ones.
        assert present <= old_names | new_names
        assert old_names & new_names <= present
        assert_consistent(state, present)
        versions = {ans["version"] for ans in state["answers"].values()}
        mixed += versions == {True, False}
    print(f"\nkills: {outcomes}")
    killed = sum(o.startswith("killed") for o in outcomes)
    assert killed >= 4, outcomes  # the points really fell inside the ingest
    assert mixed >= 1, "no kill landed between the first and the last document"

    # A kill of the re-run that is cleaning up after the previous kill is survivable too.
    outcomes.append(kill_at(args, tmp_path, index, 1, 0))
    state = probe(index, sources, tmp_path)
    assert_consistent(state, set(state["documents"]))

    done = cli(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    resumed = probe(index, sources, tmp_path)
    assert_consistent(resumed, new_names)
    assert not resumed["journal"]
    assert resumed["raw"] == resumed["chunks"], "orphan passages left behind"
    assert all(ans["version"] for ans in resumed["answers"].values())

    fresh_index = tmp_path / "fresh"
    assert cli("ingest", "--sources", str(sources), "--index", str(fresh_index), "--quiet", cwd=tmp_path).returncode == 0
    fresh = probe(fresh_index, sources, tmp_path)
    assert resumed["documents"] == fresh["documents"]
    assert (resumed["chunks"], resumed["raw"]) == (fresh["chunks"], fresh["raw"])
    killed = sum(o.startswith("killed") for o in outcomes)
    print(f"kills survived: {killed} of {killed} ({len(outcomes)} tried): {outcomes}")


# The second ingest, imported and ready before the first starts, runs the moment it is told to: its
# start-up (seconds of imports) cannot let the first finish in between, however fast ingest gets.
READY_SECOND = r"""
import sys, time
from pathlib import Path
from assistant import cli, service, ingest, index  # the slow imports, done before the go
go = Path(sys.argv[1])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.mark.slow
def test_second_concurrent_ingest_stops_with_a_clear_message(tmp_path):
    """Two ingests at once: the second exits 2 naming the other; the first completes a whole index."""
    sources, index = tmp_path / "sources", tmp_path / "index"
    docs = 100  # about 1,100 passages: a few seconds of writing, enough for the second to arrive
    write_corpus(sources, range(docs), "revision one")
    args = ["ingest", "--sources", str(sources), "--index", str(index), "--quiet"]
    go = tmp_path / "go"
    second = subprocess.Popen([sys.executable, "-c", READY_SECOND, str(go), *args], cwd=tmp_path, env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = None
    try:
        assert second.stdout.readline().strip() == "ready"
        first = subprocess.Popen([sys.executable, "-m", "assistant.cli", *args], cwd=tmp_path, env=env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while write_seq(index) < 1 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)  # the first holds the lock once it has written its journal
        assert first.poll() is None, "first ingest ended before the second started"
        go.touch()
        _, second_err = second.communicate(timeout=120)
        _, err = first.communicate(timeout=240)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
    assert second.returncode == 2, second_err
    assert "another ingest" in second_err and f"pid {first.pid}" in second_err
    assert "Traceback" not in second_err and second_err.strip().count("\n") == 0
    assert first.returncode == 0, err
    state = probe(index, sources, tmp_path)
    assert_consistent(state, {f"doc{i:03d}.md" for i in range(docs)})
    assert state["raw"] == state["chunks"]


@pytest.mark.slow
def test_kill_during_a_real_model_ingest(tmp_path):
    """The same with the bundled model: killed mid-write, the old index answers; a re-run completes it."""
    from assistant.chunking import chunk_document
    from assistant.sources import load_document

    real = {"ASSISTANT_EMBEDDING_MODEL": ""}  # empty: the default, bundled model
    sources, index = tmp_path / "sources", tmp_path / "index"
    write_corpus(sources, range(6), "revision one")
    args = ["ingest", "--sources", str(sources), "--index", str(index), "--quiet"]
    assert cli(*args, cwd=tmp_path, extra_env=real).returncode == 0
    build_writes = write_seq(index)
    write_corpus(sources, range(6), "revision two")
    outcome = kill_at(args, tmp_path, index, build_writes * 0.5, extra_env=real)
    assert outcome.startswith("killed"), outcome
    state = probe(index, sources, tmp_path, extra_env=real)
    assert_consistent(state, {f"doc{i:03d}.md" for i in range(6)})
    # The six documents are one write group (ingest writes each group's records in one call): killed
    # mid-write, they are all in one version, never some of each; the 36-document test sees mixes across groups.
    assert len({ans["version"] for ans in state["answers"].values()}) == 1

    done = cli(*args, cwd=tmp_path, extra_env=real)
    assert done.returncode == 0, done.stderr
    state = probe(index, sources, tmp_path, extra_env=real, keyword_only=True)  # answers were checked above
    assert_consistent(state, {f"doc{i:03d}.md" for i in range(6)})
    assert state["raw"] == state["chunks"] and not state["journal"]
    # A fresh build would hold exactly these chunks: chunking is deterministic and model-independent.
    expected = {p.name: len(chunk_document(load_document(p, sources))) for p in sources.iterdir()}
    assert {s: n for s, (_, n) in state["documents"].items()} == expected
    print(f"\nreal-model kill: {outcome}; survived")

"""`assistant serve` keeps answering while it updates its index, each answer from one index version (old or new)."""
from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import pytest
from gradio_client import Client

from conftest import REALDOCS, SHIPPED_SOURCES, require_realdocs
from test_load_serve import essence, percentile
from ui_server import Server

pytestmark = pytest.mark.slow

# Two real documents the running server ingests: the Convention is long enough (some 140 KB) that
# questions keep arriving for several seconds while it is embedded.
ADDED = ["CoE-ETS-185-Budapest-Convention-NL-treaty-db.md", "A-RES-73-27.txt"]
QUESTIONS = [
    "What is cyber diplomacy?",
    "What does the EU Cyber Diplomacy Toolbox include?",
    "What did NATO recognise in 2016?",
    "What confidence-building measures does the OSCE promote?",
    "What is illegal access under the Budapest Convention?",
    "What does resolution 73/27 say about the use of ICTs by States?",
    "Which offences must each Party establish?",
    "What does the OEWG do?",
]
CLIENTS = 3


def _wait_for(srv: Server, text: str, after: int, timeout: float) -> int:
    """Wait until `text` appears in the server log after character `after`; its position."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = srv.log_path.read_text(errors="replace")
        pos = log.find(text, after)
        if pos >= 0:
            return pos
        if srv.proc.poll() is not None:
            raise AssertionError(f"the server exited:\n{srv.log()}")
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not in the server log after {timeout:.0f} s:\n{srv.log()}")


def test_questions_asked_during_an_ingest_are_each_answered_from_one_version(real_settings, real_assistant,
                                                                             tmp_path):
    require_realdocs()
    index, sources = tmp_path / "index", tmp_path / "sources"
    shutil.copytree(real_settings.index, index)  # the session's index of the shipped sources: the old version
    shutil.copytree(SHIPPED_SOURCES, sources)
    srv = Server(index, tmp_path / "data", tmp_path / "serve.log", extra=("--sources", str(sources)), ingest=True)
    try:
        _wait_for(srv, "Ingest: added 0, updated 0", 0, 300)  # the update at start: nothing new yet
        for name in ADDED:
            shutil.copy2(REALDOCS / name, sources / name)
        client = Client(srv.url, verbose=False)
        old = {q: client.predict(q, api_name="/ask") for q in QUESTIONS}
        old_version = {a["index_version"] for a in old.values()}
        assert len(old_version) == 1, old_version
        idle_ms = []
        for q in QUESTIONS:
            t0 = time.perf_counter()
            client.predict(q, api_name="/ask")
            idle_ms.append((time.perf_counter() - t0) * 1000)

        mark = len(srv.log_path.read_text(errors="replace"))
        os.kill(srv.proc.pid, signal.SIGHUP)  # the server updates its index from the sources in a thread of its own
        started = _wait_for(srv, "Updating the index", mark, 60)
        began = time.monotonic()
        done = threading.Event()
        got: list[tuple[str, dict, float, float]] = []
        errors: list[str] = []
        lock = threading.Lock()

        def worker(n: int) -> None:
            own = Client(srv.url, verbose=False)
            i = n
            while not done.is_set():
                q = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                t0 = time.monotonic()
                try:
                    answer = own.predict(q, api_name="/ask")
                except Exception as exc:  # noqa: BLE001 - every failure counts
                    with lock:
                        errors.append(f"client {n}, {q!r}: {exc!r}")
                    continue
                with lock:
                    got.append((q, answer, t0, time.monotonic()))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        try:
            _wait_for(srv, "Ingest: added 2", started, 600)
            ingest_s = time.monotonic() - began
            time.sleep(2.0)  # and some questions after the swap
        finally:
            done.set()
            for t in threads:
                t.join(timeout=300)
        assert "The index was not updated" not in srv.log(), srv.log()

        new = {q: client.predict(q, api_name="/ask") for q in QUESTIONS}
        new_version = {a["index_version"] for a in new.values()}
        assert len(new_version) == 1 and new_version != old_version, (old_version, new_version)
        (old_v,), (new_v,) = old_version, new_version
        # The new version answers from the added documents; the old one could not.
        cited_new = {c["source"] for a in new.values() for c in a["citations"]}
        cited_old = {c["source"] for a in old.values() for c in a["citations"]}
        assert set(ADDED) & cited_new and not set(ADDED) & cited_old, (cited_old, cited_new)

        mixed, by_version = [], {old_v: 0, new_v: 0}
        for q, answer, _, _ in got:
            version = answer.get("index_version")
            reference = {old_v: old, new_v: new}.get(version)
            if reference is None:
                mixed.append(f"{q!r}: unknown index version {version!r}")
                continue
            by_version[version] += 1
            if essence(answer) != essence(reference[q]):
                mixed.append(f"{q!r} (version {version}) differs from that version's own answer")
        during = [(t0, t1) for _, a, t0, t1 in got if a.get("index_version") == old_v]
        during_ms = [(t1 - t0) * 1000 for t0, t1 in during]
        print(f"\nduring an ingest of {len(ADDED)} documents ({ingest_s:.1f} s): {len(got)} answers "
              f"({by_version[old_v]} old version, {by_version[new_v]} new), errors {len(errors)}, mixed {len(mixed)}; "
              f"latency ms during p50 {percentile(during_ms, 0.5):.0f} p95 {percentile(during_ms, 0.95):.0f}, "
              f"idle p50 {percentile(idle_ms, 0.5):.0f} p95 {percentile(idle_ms, 0.95):.0f}")
        assert errors == [], errors[:5]
        assert mixed == [], mixed[:5]
        assert len(during) >= CLIENTS, f"only {len(during)} questions were answered while the ingest ran"
        assert by_version[new_v] >= 1, "no answer came from the new version after the swap"
        assert srv.proc.poll() is None
    finally:
        srv.stop()

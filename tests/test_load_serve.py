"""`assistant serve` under load: 16 concurrent API clients x 10 questions, and bad questions through the API."""
from __future__ import annotations

import json
import random
import statistics
import threading
import time
import urllib.request

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from test_reliability_questions import BAD_QUESTIONS
from ui_server import Server

pytestmark = pytest.mark.slow

CLIENTS = 16
QUESTIONS = [
    "What is cyber diplomacy?",
    "What does the EU Cyber Diplomacy Toolbox include?",
    "What is the OEWG helping countries agree on?",
    "What did NATO recognise in 2016?",
    "What does Belgium do in cyber diplomacy?",
    "What happened at the Sarajevo workshop?",
    "Who organised the workshop in Sarajevo?",
    "What confidence-building measures does the OSCE promote?",
    "What is the recipe for chocolate cake?",
    "How does the EU support the Western Balkans on cyber security?",
]


@pytest.fixture(scope="module")
def server(real_assistant, real_settings, tmp_path_factory):
    """`assistant serve` as a real subprocess on the session's real index (real model, real Chroma)."""
    root = tmp_path_factory.mktemp("load")
    srv = Server(real_settings.index, root / "data", root / "server.log")
    yield srv
    srv.stop()


def essence(answer: dict) -> tuple:
    """What must not change between a lone and a concurrent request (timings and float noise aside)."""
    return (answer["answer"], answer["abstained"],
            tuple((c["source"], c["start"], c["end"], c["quote"]) for c in answer["citations"]),
            tuple(p["chunk_id"] for p in answer["passages"]))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def test_sixteen_concurrent_clients_get_the_same_answers_without_errors(server):
    client = Client(server.url, verbose=False)
    alone, alone_ms = {}, []
    for q in QUESTIONS:
        t0 = time.perf_counter()
        alone[q] = essence(client.predict(q, api_name="/ask"))
        alone_ms.append((time.perf_counter() - t0) * 1000)
    assert sum(not a[1] for a in alone.values()) >= 7, "too few answered questions to compare"

    latencies: list[float] = []
    errors: list[str] = []
    mismatches: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def worker(n: int) -> None:
        try:
            own = Client(server.url, verbose=False)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error of the test
            with lock:
                errors.append(f"client {n} could not connect: {exc!r}")
            return
        order = QUESTIONS[:]
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
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(ms)
                if got != alone[q]:
                    mismatches.append(f"client {n}, {q!r}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(CLIENTS)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    wall = time.perf_counter() - t0
    total = CLIENTS * len(QUESTIONS)
    print(f"\nload: {CLIENTS} clients x {len(QUESTIONS)} questions = {total} requests in {wall:.1f} s "
          f"({total / wall:.1f}/s); errors {len(errors)}, answers differing from lone requests {len(mismatches)}")
    print(f"  concurrent latency ms: p50 {percentile(latencies, 0.5):.0f}, p95 {percentile(latencies, 0.95):.0f}, "
          f"max {max(latencies, default=0):.0f}; one at a time: p50 {statistics.median(alone_ms):.0f}")
    assert not any(t.is_alive() for t in threads), "a client hung"
    assert errors == [], errors[:5]
    assert mismatches == [], mismatches[:5]
    assert len(latencies) == total


def raw_call(url: str, body: bytes) -> str:
    """POST raw JSON to the /ask endpoint's HTTP API and return its result event."""
    req = urllib.request.Request(f"{url}/gradio_api/call/ask", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        event_id = json.loads(r.read())["event_id"]
    with urllib.request.urlopen(f"{url}/gradio_api/call/ask/{event_id}", timeout=120) as r:
        return r.read().decode("utf-8", "replace")


def test_bad_questions_through_the_api_get_a_sensible_reply(server):
    client = Client(server.url, verbose=False)
    handled = 0
    for name, (question, kind) in BAD_QUESTIONS.items():
        if name == "lone surrogate":  # not encodable as UTF-8: only raw JSON can carry it
            event = raw_call(server.url, b'{"data": ["What is cyber\\ud800 diplomacy?", null, null, null, null]}')
            assert event.startswith("event: complete") and '"abstained"' in event, event[:300]
        elif kind == "refused":
            with pytest.raises(AppError, match="the question (is empty|is too long|has no words in Latin script)"):
                client.predict(question, api_name="/ask")
        else:
            got = client.predict(question, api_name="/ask")
            assert got["abstained"] or got["citations"], name
            assert got["question"] and "\x00" not in got["question"]
        handled += 1
    after = client.predict("What is cyber diplomacy?", api_name="/ask")
    assert after["citations"] and not after["abstained"]
    assert server.proc.poll() is None
    print(f"\napi: {len(BAD_QUESTIONS)} bad questions tried, {handled} handled; service still answering")

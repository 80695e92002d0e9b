"""`assistant serve` under load on a realistic index (shipped sources + ../shared/realdocs): 16 clients x 10 questions."""
from __future__ import annotations

import pytest

from benchmarks.load import QUESTIONS, run_load
from ui_server import Server

pytestmark = pytest.mark.slow


def test_sixteen_clients_on_the_real_documents_get_the_lone_answers_without_errors(realdocs_index, tmp_path):
    srv = Server(realdocs_index.index, tmp_path / "data", tmp_path / "serve.log",
                 extra=("--sources", str(realdocs_index.sources)))
    try:
        result = run_load(srv.url, QUESTIONS, clients=16)
    finally:
        srv.stop()
    print(f"\nrealdocs load: {result['requests']} requests in {result['wall_s']} s; errors {len(result['errors'])}, "
          f"differing {len(result['mismatches'])}; concurrent ms p50 {result['concurrent_ms']['p50']} "
          f"p95 {result['concurrent_ms']['p95']}; alone p50 {result['alone_ms']['p50']}")
    assert result["answered"] >= 7, "too few answered questions to compare"
    assert result["hung"] == 0
    assert result["errors"] == [], result["errors"][:5]
    assert result["mismatches"] == [], result["mismatches"][:5]
    assert result["requests"] == 16 * len(QUESTIONS)

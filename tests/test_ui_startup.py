"""`assistant serve` without an index builds it first (progress in the terminal), then serves answers."""
import shutil

import pytest
from gradio_client import Client

from conftest import SHIPPED_SOURCES
from ui_server import Server

pytestmark = pytest.mark.slow


def test_serve_builds_a_missing_index_then_answers(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SHIPPED_SOURCES, sources)
    # The hashing embedder keeps this start-up test fast; the real model is covered by test_ui.py.
    srv = Server(tmp_path / "index", tmp_path / "data", tmp_path / "serve.log",
                 extra=("--sources", str(sources)), env={"ASSISTANT_EMBEDDING_MODEL": "hashing"},
                 ingest=True)
    try:
        log = srv.log()
        assert "building it" in log or "Updating the index" in log
        assert "added 2" in log
        got = Client(srv.url, verbose=False).predict("When did NATO recognise cyberspace as an operational domain?",
                                                     api_name="/ask")
        assert {c["source"] for c in got["citations"]} <= {"belgium-cyber-diplomacy.txt",
                                                           "sarajevo-workshop-cyber-diplomacy-2025.txt"}
        assert got["passages"]
    finally:
        srv.stop()

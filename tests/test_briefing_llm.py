"""Briefing packs with an LLM backend: prose is added only through the grounding check (a scripted
OpenAI-compatible server on loopback, the real index of the shipped sources and the real model)."""
from __future__ import annotations

import pytest

from assistant import export
from assistant.service import Assistant
from llm_servers import fault_server
from pack_checks import assert_verbatim

pytestmark = pytest.mark.slow

TOPIC = "confidence-building measures"
QUESTION = f"What do the sources say about {TOPIC}?"
SUPPORTED_1 = "Szilvia Tóth from the OSCE explained how the organisation promotes Confidence-Building Measures (CBMs)"
SUPPORTED_2 = "Countries take voluntary steps to increase transparency and reduce the risk of misunderstandings"
UNSUPPORTED = "NATO imposes sanctions on states that perpetrate cyber-attacks"


@pytest.fixture(scope="module")
def server():
    srv = fault_server()
    yield srv
    srv.stop()


def llm_assistant(real_assistant, server) -> Assistant:
    s = real_assistant.settings.replace(backend="openai", llm_url=f"http://127.0.0.1:{server.port}/v1",
                                        llm_model="scripted")
    return Assistant(s, embedder=real_assistant.embedder)


def test_overview_keeps_only_supported_sentences_with_pack_citations(real_assistant, server, tmp_path):
    a = llm_assistant(real_assistant, server)
    n = next(i for i, p in enumerate(a.search(QUESTION), start=1) if "Szilvia" in p.chunk.text)
    server.configure(f"{SUPPORTED_1} [{n}]. {UNSUPPORTED} [{n}]. {SUPPORTED_2} [{n}].")
    pack = a.brief(TOPIC).to_json()
    overview = pack["overview"]
    assert SUPPORTED_1 in overview["text"] and SUPPORTED_2 in overview["text"]
    assert UNSUPPORTED not in overview["text"]
    assert overview["support_rate"] == pytest.approx(0.6667) and overview["notice"].startswith("1 of 3")
    assert_verbatim(pack, a.document_text)  # the overview's markers resolve to the pack's verbatim citations
    assert QUESTION in server.requests[-1]["body"]["messages"][-1]["content"]
    assert "## Overview" in export.pack_to_markdown(pack)


def test_unverifiable_prose_adds_nothing(real_assistant, server):
    a = llm_assistant(real_assistant, server)
    server.configure(f"{UNSUPPORTED} [1]. The OSCE was founded on Mars [2].")
    pack = a.brief(TOPIC).to_json()
    assert "overview" not in pack and pack["sections"]["key_points"]
    server.configure("", mode="error")
    assert "overview" not in a.brief(TOPIC).to_json()
    assert "overview" not in real_assistant.brief(TOPIC).to_json()  # the extractive default writes no prose

"""The chat app's API driven through gradio_client against a real `assistant serve` on the real index."""
import json

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from assistant.contracts import AskJSON
from conftest import ROOT
from ui_server import Server

pytestmark = pytest.mark.slow

BELGIUM = "belgium-cyber-diplomacy.txt"
SARAJEVO = "sarajevo-workshop-cyber-diplomacy-2025.txt"
BELGIAN_PUBLISHER = "Belgian FPS Foreign Affairs, Foreign Trade and Development Cooperation"


@pytest.fixture(scope="module")
def server(real_assistant, real_settings, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("ui-data")
    srv = Server(real_settings.index, data_dir, tmp_path_factory.mktemp("ui-log") / "server.log")
    srv.data_dir = data_dir
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def client(server):
    return Client(server.url, verbose=False)


def _check_cited(real_assistant, answer):
    assert answer["citations"], answer["answer"]
    for c in answer["citations"]:
        assert f"[{c['n']}]" in answer["answer"]
        assert real_assistant.document_text(c["source"])[c["start"]:c["end"]] == c["quote"]


def test_only_the_named_endpoints_are_public(client):
    assert set(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == {
        "/ask", "/feedback", "/source", "/brief"}


def test_ask_returns_the_same_json_as_the_cli(client, real_assistant):
    question = "When did NATO recognise cyberspace as an operational domain?"
    got = client.predict(question, api_name="/ask")
    local = real_assistant.ask(question).to_json()  # what `assistant ask --json` prints
    assert set(got) == set(local)
    assert AskJSON.model_validate(got).to_json() == got  # the documented shape (docs/json.md), nothing more
    for key in ("question", "answer", "abstained", "citations", "passages", "backend"):
        assert got[key] == local[key], key
    assert not got["abstained"] and "In 2016, NATO recognised cyberspace" in got["answer"]
    _check_cited(real_assistant, got)
    assert got["citations"][0]["url"].startswith("https://") and got["citations"][0]["publisher"]
    # Every citation carries symbol, paragraph and locator (null for a source without structure, never missing).
    assert all({"symbol", "paragraph", "locator"} <= set(c) for c in got["citations"])


def test_abstention_is_plain_and_shows_the_nearest_passages(client):
    got = client.predict("What is the recipe for chocolate cake?", api_name="/ask")
    assert got["abstained"] and got["citations"] == []
    assert got["answer"].startswith("The sources do not answer this question.")
    assert len(got["passages"]) >= 3


def test_follow_up_is_answered_about_the_new_actor(client, real_assistant):
    first = "What is the role of the European Union (EU) in cyberspace?"
    assert not client.predict(first, api_name="/ask")["abstained"]
    got = client.predict("And what does the OSCE do?", [first], api_name="/ask")
    assert "OSCE" in got["resolved_query"] and "EU" not in got["resolved_query"].split()
    _check_cited(real_assistant, got)
    assert all("OSCE" in c["quote"] or "OSCE" in (c["section"] or "") for c in got["citations"]), got["answer"]
    elliptic = client.predict("What about NATO?", [first], api_name="/ask")
    assert "NATO" in elliptic["resolved_query"]
    assert any("NATO" in c["quote"] for c in elliptic["citations"]), elliptic["answer"]


@pytest.mark.parametrize("sources,publishers,expected", [
    ([SARAJEVO], None, SARAJEVO),
    (None, [BELGIAN_PUBLISHER], BELGIUM),
])
def test_filters_restrict_retrieval_to_the_chosen_sources(client, sources, publishers, expected):
    got = client.predict("What is cyber diplomacy?", None, sources, publishers, 5, api_name="/ask")
    # Five passages, all from the chosen source: the filter is applied while retrieving, not after.
    assert len(got["passages"]) == 5
    assert {p["source"] for p in got["passages"]} == {expected}
    assert {c["source"] for c in got["citations"]} <= {expected}


def test_feedback_is_written_to_the_data_folder(client, server):
    answer = client.predict("What is the OEWG helping countries agree on?", api_name="/ask")
    saved = client.predict("down", answer, "please add the UN resolution", api_name="/feedback")
    lines = (server.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[-1])
    assert entry["id"] == saved["id"] and entry["rating"] == "down"
    assert entry["comment"] == "please add the UN resolution"
    assert entry["question"] == answer["question"] and entry["citations"] == answer["citations"]
    with pytest.raises(AppError, match="rating must be one of up, down"):
        client.predict("meh", answer, "", api_name="/feedback")


def test_source_view_serves_indexed_documents_only(client, real_assistant):
    text = real_assistant.document_text(BELGIUM)
    start = text.index("In 2016, NATO")
    html = client.predict(BELGIUM, start, start + 20, api_name="/source")
    assert '<mark id="cd-cited">In 2016, NATO recogn</mark>' in html and "Cyber diplomacy" in html
    for probe in ("../../etc/passwd", "/etc/passwd", str(ROOT / "sources" / BELGIUM), "catalog.yaml",
                  "../README.md"):
        html = client.predict(probe, None, None, api_name="/source")
        assert "not in the index" in html and "root:" not in html, probe


@pytest.mark.parametrize("args,message", [
    (("   ",), "the question is empty"),
    (("What is cyber diplomacy?", None, None, None, 0), "top_k must be between 1 and 50"),
])
def test_bad_input_is_a_clear_error(client, args, message):
    with pytest.raises(AppError, match=message):
        client.predict(*args, api_name="/ask")

"""One JSON shape per thing: what ask, search and status print validates against its documented model."""
import json
from dataclasses import replace

import pytest

from assistant import cli, contracts, docs
from assistant.contracts import AskJSON, PassageJSON, SearchJSON, StatusJSON

QUESTION = "In which year did NATO recognise cyberspace as an operational domain?"


@pytest.fixture()
def run(fake_assistant, fake_settings, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "hashing")

    def run(*args):
        code = cli.main([*args, "--index", str(fake_settings.index)])
        out = capsys.readouterr()
        assert code == 0, out.err
        return json.loads(out.out)
    return run


def test_ask_and_search_print_passages_in_one_shape(run):
    asked = run("ask", QUESTION, "--json")
    searched = run("search", QUESTION, "--json", "--mode", "hybrid")
    assert AskJSON.model_validate(asked).to_json() == asked
    assert SearchJSON.model_validate(searched).to_json() == searched
    assert searched["question"] == QUESTION and searched["mode"] == "hybrid"
    fields = set(PassageJSON.model_fields)
    assert all(set(p) == fields for p in asked["passages"] + searched["passages"])
    by_id = {p["chunk_id"]: p for p in searched["passages"]}
    common = [p for p in asked["passages"] if p["chunk_id"] in by_id]
    assert common and all(p == by_id[p["chunk_id"]] for p in common)  # the same passage prints the same


def test_status_and_ask_lines_follow_their_models(run, fake_assistant):
    status = run("status", "--json")
    assert StatusJSON.model_validate(status).to_json() == status
    assert status["documents"] == 2 and {s["source"] for s in status["sources"]} == {
        "belgium-cyber-diplomacy.txt", "sarajevo-workshop-cyber-diplomacy-2025.txt"}
    answer = fake_assistant.ask(QUESTION)
    plain = answer.to_json()
    assert not {"notice", "resolved_query", "support_rate", "generated_sentences"} & set(plain)  # optional: left out
    llm = replace(answer, support_rate=2 / 3, generated_sentences=3, notice="1 sentence dropped", backend="openai")
    assert {k: llm.to_json()[k] for k in ("support_rate", "generated_sentences", "notice")} == {
        "support_rate": 0.6667, "generated_sentences": 3, "notice": "1 sentence dropped"}
    with pytest.raises(Exception):
        AskJSON.model_validate({**plain, "unexpected": 1})  # nothing undocumented slips through


def _models():
    seen, queue = [], [m for m, _ in contracts.OUTPUTS.values()]
    while queue:
        m = queue.pop(0)
        if m not in seen:
            seen.append(m)
            queue += [n for f in m.model_fields.values() for n in docs._nested(f.annotation)]
    return seen


def test_every_output_field_is_described_and_in_the_reference():
    models = _models()
    assert {m.__name__ for m in models} >= {"AskJSON", "SearchJSON", "StatusJSON", "PassageJSON", "CitationJSON",
                                            "SourceJSON"}
    undescribed = [f"{m.__name__}.{n}" for m in models for n, f in m.model_fields.items() if not f.description]
    assert undescribed == []
    reference = docs.json_reference()
    for m in models:
        assert f"## {m.__name__.removesuffix('JSON')}" in reference
        assert all(f"| `{n}` |" in reference for n in m.model_fields)

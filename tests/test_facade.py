"""The CLI and the UI talk to the Assistant facade alone: no stage module, no reaching into its parts."""
import ast

import pytest

from assistant import feedback
from assistant.feedback import FeedbackError
from assistant.service import Assistant
from assistant.embeddings import HashingEmbedder
from conftest import ROOT

# What the edges may import: the facade, its errors and settings, the data they print, and their own helpers.
ALLOWED = {"service", "errors", "config", "schema", "contracts", "views", "export", "examples", "ui",
           "evaluation", "eval_report", "incidents",  # incidents: logs an internal error, returns its one line
           "ui_texts"}  # the UI's fixed texts in its languages
INTERNALS = {"store", "answerer", "retriever", "embedder", "_answerer", "_retriever"}


@pytest.mark.parametrize("module", ["cli.py", "ui.py"])
def test_the_edges_use_only_the_facade(module):
    tree = ast.parse((ROOT / "assistant" / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported |= {node.module} if node.module else {a.name for a in node.names}
    assert imported <= ALLOWED, f"{module} imports stages directly: {sorted(imported - ALLOWED)}"
    reached = sorted({n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in INTERNALS})
    assert reached == [], f"{module} reaches past the facade: {reached}"


def test_the_facade_gives_what_the_edges_need(fake_settings):
    assistant = Assistant(fake_settings, embedder=HashingEmbedder(), create=True)
    assert not assistant.has_index()
    assistant.ingest(progress=False)
    assert assistant.has_index()
    assert assistant.streams is False  # the extractive answerer gives its text in one piece
    answer = assistant.ask("What is cyber diplomacy?").to_json()
    first = assistant.record_feedback("up", answer)
    assistant.record_feedback("up", answer, "clear and cited", feedback_id=first["id"])
    saved = feedback.read_all(fake_settings.data_dir)
    assert [(e["id"], e["comment"]) for e in saved] == [(first["id"], ""), (first["id"], "clear and cited")]
    assert saved[0]["question"] == "What is cyber diplomacy?" and saved[0]["citations"] == answer["citations"]
    with pytest.raises(FeedbackError, match="rating must be one of up, down"):
        assistant.record_feedback("meh", answer)

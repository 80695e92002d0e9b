"""The conversation evaluation set (evals/conversations/): follow-ups with their earlier questions over the shipped
sources and ../shared/realdocs, the real model, the gate in evals/conversations-thresholds.yaml (per split too)."""
from __future__ import annotations

import pytest

from assistant.evaluation import load_cases
from conftest import ROOT, run_gated_eval

CASES = ROOT / "evals" / "conversations"


def test_the_set_holds_forty_conversations_split_for_tuning_and_test():
    cases = load_cases(CASES)
    assert len(cases) >= 40 and all(c.history for c in cases)
    assert {c.split for c in cases} == {"tuning", "test"}
    # both shipped pages and real documents, and questions of their own that must inherit nothing
    sources = {s for c in cases for s in c.sources}
    assert "sarajevo-workshop-cyber-diplomacy-2025.txt" in sources and "A-RES-79-243.pdf" in sources
    assert sum(c.id.startswith("conv-new-") for c in cases) >= 5


@pytest.mark.slow
def test_conversation_eval_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """`assistant eval --cases evals/conversations`: every metric at or above its minimum, overall and per split."""
    code, out, report = run_gated_eval("conversations", realdocs_index, tmp_path, capsys)
    with capsys.disabled():  # the figures, per split, in the test log
        print("\n" + out)
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"}

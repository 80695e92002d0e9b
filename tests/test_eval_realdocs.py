"""The real-documents evaluation set (evals/realdocs/): official documents next to the shipped pages, the real
model, the gate in evals/realdocs-thresholds.yaml (overall and per split)."""
from __future__ import annotations

import pytest

from conftest import run_gated_eval


@pytest.mark.slow
def test_realdocs_eval_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """`assistant eval --cases evals/realdocs`: every metric at or above its minimum, overall and per split."""
    code, out, report = run_gated_eval("realdocs", realdocs_index, tmp_path, capsys)
    with capsys.disabled():  # the figures, per split, in the test log
        print("\n" + out)
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"}
    assert report["cases"] == sum(s["cases"] for s in report["splits"].values())


@pytest.mark.slow
@pytest.mark.parametrize("name, cases", [("listprobe", 36), ("compoundprobe", 40)])
def test_probe_sets_meet_their_thresholds(name, cases, realdocs_index, tmp_path, capsys):
    """Probe sets over the real documents, each half a tuning split and half a test split (evals/TUNING.md), gated so
    that what their questions are answered with today cannot silently be lost: evals/listprobe (36 list questions,
    written from the documents in the ninth session before any run) and evals/compoundprobe (40 messages of two
    questions, written blind in the eleventh session, answered question by question by compound.py)."""
    code, out, report = run_gated_eval(name, realdocs_index, tmp_path, capsys)
    with capsys.disabled():
        print("\n" + out)
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"} and report["cases"] == cases

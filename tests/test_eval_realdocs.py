"""The real-documents evaluation set (evals/realdocs/): official documents next to the shipped pages, the real
model, the gate in evals/realdocs-thresholds.yaml (overall and per split)."""
from __future__ import annotations

import json

import pytest

from assistant import cli
from conftest import REALDOCS, ROOT

EVALS = ROOT / "evals"
CASES = EVALS / "realdocs"
THRESHOLDS = EVALS / "realdocs-thresholds.yaml"
BASELINE = EVALS / "realdocs-baseline.json"


@pytest.mark.slow
def test_realdocs_eval_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """`assistant eval --cases evals/realdocs`: every metric at or above its minimum, overall and per split."""
    args = ["eval", "--index", str(realdocs_index.index), "--sources", str(realdocs_index.sources),
            "--cases", str(CASES), "--thresholds", str(THRESHOLDS), "--baseline", str(BASELINE),
            "--report", str(tmp_path), "--no-baselines"]
    code = cli.main(args)
    out = capsys.readouterr().out
    with capsys.disabled():  # the figures, per split, in the test log
        print("\n" + out)
    assert code == 0, out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"}
    assert report["cases"] == sum(s["cases"] for s in report["splits"].values())

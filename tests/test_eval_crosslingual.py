"""The cross-lingual evaluation set (evals/crosslingual/): questions in French, Bosnian/Croatian/Serbian (Latin and
Cyrillic), Dutch and German over the shipped pages and the real documents, with the default model, gated by
evals/crosslingual-thresholds.yaml (overall and per split); the figures per language go to the test log."""
from __future__ import annotations

import json
import sys

import pytest

from assistant import cli
from conftest import ROOT

sys.path.insert(0, str(ROOT / "evals"))
from by_language import by_language, table  # noqa: E402

EVALS = ROOT / "evals"
CASES = EVALS / "crosslingual"
THRESHOLDS = EVALS / "crosslingual-thresholds.yaml"
BASELINE = EVALS / "crosslingual-baseline.json"


@pytest.mark.slow
def test_crosslingual_eval_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """`assistant eval --cases evals/crosslingual`: every metric at or above its minimum, overall and per split."""
    args = ["eval", "--index", str(realdocs_index.index), "--sources", str(realdocs_index.sources),
            "--cases", str(CASES), "--thresholds", str(THRESHOLDS), "--baseline", str(BASELINE),
            "--report", str(tmp_path), "--no-baselines"]
    code = cli.main(args)
    out = capsys.readouterr().out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    with capsys.disabled():  # the figures, per split and per language, in the test log
        print("\n" + out + "\n" + "\n".join(table(by_language(report["per_case"]))))
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"}
    assert report["cases"] >= 40
    languages = by_language(report["per_case"])
    assert {"French", "Bosnian/Croatian/Serbian (Latin)", "Serbian (Cyrillic)", "Dutch", "German"} <= set(languages)

"""The blind real-document sets (evals/blind/, evals/blind2/, evals/blind3/): cases written from the documents alone
by someone who had seen no rule, no tuning note and no answer, all `split: test`. Gated by their own thresholds, so
that what was measured on questions nobody tuned on cannot silently get worse. evals/blind and evals/blind2 have
since been read (the rules they prompted are named in evals/TUNING.md); evals/blind3 was run once, at the end of
the session that wrote it (the fourth), and read in the fifth; evals/blind4 was run once at the end of the fifth and
read in the sixth; evals/blind5 was run once at the end of the sixth and read in the seventh; evals/blind6 was run
once at the end of the seventh and read in the eighth; evals/blind7 was run once at the end of the eighth (and read
in it, see evals/TUNING.md); evals/blind8, written in the ninth session, was run once at the end of the tenth."""
from __future__ import annotations

import pytest

from conftest import run_gated_eval


@pytest.mark.slow
@pytest.mark.parametrize("name, cases", [("blind", 40), ("blind2", 40), ("blind3", 44), ("blind4", 44),
                                                ("blind5", 44), ("blind6", 44), ("blind7", 44),
                                                ("blind8", 44)])
def test_blind_set_meets_its_thresholds(name, cases, realdocs_index, tmp_path, capsys):
    code, out, report = run_gated_eval(name, realdocs_index, tmp_path, capsys)
    with capsys.disabled():  # the figures in the test log
        print("\n" + out)
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"test"} and report["cases"] == cases
    assert report["metrics"]["whole_quotes"] == 1.0

"""evals/declprobe (36) and evals/declprobe2 (20): on-topic questions the real documents do not answer, next to
answerable near-misses of the same shapes (session 9, branch declines). declprobe was written before any run and
tuned on its `tuning` half only; declprobe2 was written after the rules and run unread once (all `test`). Gated so
that what the decline rules gained cannot silently get worse, nor turn into false declines (see evals/TUNING.md)."""
from __future__ import annotations

import pytest

from conftest import run_gated_eval


@pytest.mark.slow
@pytest.mark.parametrize("name, cases, splits", [("declprobe", 36, {"tuning", "test"}), ("declprobe2", 20, {"test"})])
def test_decline_probe_set_meets_its_thresholds(name, cases, splits, realdocs_index, tmp_path, capsys):
    code, out, report = run_gated_eval(name, realdocs_index, tmp_path, capsys)
    with capsys.disabled():  # the figures in the test log
        print("\n" + out)
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == splits and report["cases"] == cases

"""The cross-lingual evaluation set (evals/crosslingual/): questions in French, Bosnian/Croatian/Serbian (Latin and
Cyrillic), Dutch and German over the shipped pages and the real documents, with the default model, gated by
evals/crosslingual-thresholds.yaml (overall and per split); the figures per language go to the test log."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_gated_eval

sys.path.insert(0, str(ROOT / "evals"))
from by_language import by_language, table  # noqa: E402


@pytest.mark.slow
def test_crosslingual_eval_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """`assistant eval --cases evals/crosslingual`: every metric at or above its minimum, overall and per split."""
    code, out, report = run_gated_eval("crosslingual", realdocs_index, tmp_path, capsys)
    with capsys.disabled():  # the figures, per split and per language, in the test log
        print("\n" + out + "\n" + "\n".join(table(by_language(report["per_case"]))))
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"}
    assert report["cases"] >= 40
    languages = by_language(report["per_case"])
    assert {"French", "Bosnian/Croatian/Serbian (Latin)", "Serbian (Cyrillic)", "Dutch", "German"} <= set(languages)


@pytest.mark.slow
@pytest.mark.parametrize("name, cases", [("blind3xl", 16), ("blind4xl", 20), ("blind5xl", 20), ("blind6xl", 24),
                                         ("blind7xl", 24), ("blind8xl", 24)])
def test_blind_crosslingual_set_meets_its_thresholds(name, cases, realdocs_index, tmp_path, capsys):
    """evals/blind3xl (16), evals/blind4xl (20), evals/blind5xl (20), evals/blind6xl (24), blind7xl (24), blind8xl (24):
    questions in the other languages written blind (no rule, no answer seen), each run once at the end of the session
    that wrote them; gated so those figures cannot silently get worse (blind3xl to blind6xl have since been read)."""
    code, out, report = run_gated_eval(name, realdocs_index, tmp_path, capsys)
    with capsys.disabled():
        print("\n" + out + "\n" + "\n".join(table(by_language(report["per_case"]))))
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"test"} and report["cases"] == cases
    assert {"French", "Bosnian/Croatian/Serbian (Latin)", "Serbian (Cyrillic)"} <= set(by_language(report["per_case"]))


@pytest.mark.slow
@pytest.mark.parametrize("name, cases, splits", [("nldeprobe", 24, {"tuning"}), ("nldeprobe2", 20, {"test"}),
                                                 ("nldeprobe3", 16, {"test"})])
def test_dutch_and_german_development_sets_meet_their_thresholds(name, cases, splits, realdocs_index, tmp_path, capsys):
    """evals/nldeprobe, nldeprobe2, nldeprobe3: Dutch and German questions translated from English real-document
    questions that pass in English, written in the seventh session while Dutch and German were worked on (the first
    read and tuned on, the other two each run unread once, see evals/TUNING.md); gated so that what the work gained
    for Dutch and German questions cannot silently get worse."""
    code, out, report = run_gated_eval(name, realdocs_index, tmp_path, capsys)
    with capsys.disabled():
        print("\n" + out + "\n" + "\n".join(table(by_language(report["per_case"]))))
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == splits and report["cases"] == cases
    assert set(by_language(report["per_case"])) == {"Dutch", "German"}


@pytest.mark.slow
def test_the_eighth_sessions_probe_set_meets_its_thresholds(realdocs_index, tmp_path, capsys):
    """evals/xlprobe4 (28): German, Dutch, French and Bosnian/Croatian/Serbian questions (Latin and Cyrillic) written
    from the documents in the eighth session before it was run, half tuned on and half only reported (see
    evals/TUNING.md); gated so that what query translation gained on them cannot silently get worse."""
    code, out, report = run_gated_eval("xlprobe4", realdocs_index, tmp_path, capsys)
    with capsys.disabled():
        print("\n" + out + "\n" + "\n".join(table(by_language(report["per_case"]))))
    assert code == 0, out
    assert report["ok"] and report["metrics"]["citation_validity"] == 1.0
    assert set(report["splits"]) == {"tuning", "test"} and report["cases"] == 28
    assert set(by_language(report["per_case"])) == {"French", "Bosnian/Croatian/Serbian (Latin)", "Serbian (Cyrillic)",
                                                     "Dutch", "German"}

"""evals/check_evidence.py: evidence must be verbatim (modulo whitespace, case, quotes), 5-15 words, no en dash;
facts outside the evidence sentence are warnings; the shipped blind set passes against the real documents."""
from __future__ import annotations

import sys

from conftest import ROOT, require_realdocs

sys.path.insert(0, str(ROOT / "evals"))
from check_evidence import DEFAULT_DOCS, check, main  # noqa: E402

DOC = ("The Parties met on 3 May.  States should “cooperate” in good faith\nto protect critical infrastructure "
       "from harm. Another sentence names Vienna.\n")


def _case(evidence, facts, **extra):
    return {"id": "c", "sources": ["doc.txt"], "evidence": evidence, "facts": facts, **extra}


def test_verbatim_evidence_with_other_whitespace_and_quotes_passes(tmp_path):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    problems, warnings = check([_case(['should "cooperate" in good faith to protect'], ["good faith"])], [tmp_path])
    assert problems == [] and warnings == []


def test_wrong_short_or_dashed_evidence_and_far_facts_are_reported(tmp_path):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    problems, warnings = check([
        _case(["States should cooperate in bad faith always"], ["x"]),
        _case(["met on 3 May"], ["3 May"]),
        _case(["protect critical infrastructure – from harm now"], ["harm"]),
        _case(["to protect critical infrastructure from harm"], ["Vienna"]),
        _case([], [], abstain=True),
        {"id": "m", "sources": ["missing.txt"], "evidence": ["a b c d e"], "facts": ["a"]},
    ], [tmp_path])
    text = "\n".join(problems)
    assert "not verbatim" in text and "has 4 words" in text and "en dash" in text
    assert "source missing.txt not found" in text
    assert "c: fact 'Vienna' not in the sentence of any evidence match" in warnings
    assert not any("'3 May'" in w for w in warnings)


def test_the_blind_set_is_verbatim_in_the_real_documents(capsys):
    require_realdocs(DEFAULT_DOCS[1])
    for name in ("blind", "blind2"):
        assert main([str(ROOT / "evals" / name / "cases.yaml")]) == 0, capsys.readouterr().out

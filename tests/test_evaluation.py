"""The evaluation suite: metric checks by hand, eval-set validation, and the real gate (runner on the real index)."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from assistant import cli, eval_report, service
from assistant.errors import EvalError
from assistant.evaluation import (
    KINDS,
    EvidenceIndex,
    citation_problems,
    evaluate,
    load_cases,
    retrieval_scores,
    score_case,
)
from assistant.retrieval import HybridRetriever
from assistant.schema import Answer, Citation, Passage
from conftest import ROOT

EVALS = ROOT / "evals"
CASES = EVALS / "cases.yaml"
THRESHOLDS = EVALS / "thresholds.yaml"
BASELINE = EVALS / "baseline.json"
NATO = "In 2016, NATO recognised cyberspace as an operational domain"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- metrics against hand-computed values ---------------------------------------------------


def test_retrieval_metrics_match_a_hand_computed_example():
    # Relevant {c, x}; ranking a b c d e. First hit at rank 3: MRR 1/3.
    # nDCG@5 = (1/log2(3+1)) / (1/log2(2) + 1/log2(3)) = 0.5 / 1.63093 = 0.30657.
    got = retrieval_scores({"c", "x"}, ["a", "b", "c", "d", "e"])
    assert got["hit@1"] == 0.0 and got["hit@3"] == 1.0 and got["hit@5"] == 1.0
    assert got["mrr"] == pytest.approx(1 / 3)
    assert got["ndcg@5"] == pytest.approx(0.30657, abs=1e-5)
    # Relevant {a, d}: DCG 1 + 1/log2(5) = 1.43068; ideal 1.63093 -> 0.87722.
    got = retrieval_scores({"a", "d"}, ["a", "b", "c", "d", "e"])
    assert got["hit@1"] == 1.0 and got["mrr"] == 1.0
    assert got["ndcg@5"] == pytest.approx(0.87722, abs=1e-5)
    # Six relevant, ranking a x b c d: DCG 1 + 1/log2(4) + 1/log2(5) + 1/log2(6) = 2.31753 over the ideal
    # five 2.94846 -> 0.78601 (the ideal is capped at 5 positions).
    assert retrieval_scores(set("abcdef"), ["a", "x", "b", "c", "d"])["ndcg@5"] == pytest.approx(0.78601, abs=1e-5)
    # Beyond the top 5 nothing counts; nothing retrieved scores 0.
    assert retrieval_scores({"f"}, ["a", "b", "c", "d", "e", "f"])["hit@5"] == 0.0
    assert retrieval_scores({"a"}, [])["mrr"] == 0.0


# --- the eval set ---------------------------------------------------------------------------


def test_shipped_eval_set_covers_every_kind_and_enough_declines():
    cases = load_cases(CASES)
    assert len(cases) >= 60
    assert sum(c.abstain for c in cases) >= 15
    assert {c.kind for c in cases} == set(KINDS)
    assert {"off-topic", "not-covered", "injection"} <= {c.kind for c in cases if c.abstain}
    assert all(c.history for c in cases if c.kind == "followup")


@pytest.mark.parametrize("body,message", [
    ("- id: a\n  question: q\n  abstain: true\n- id: a\n  question: r\n  abstain: true\n", "duplicate id"),
    ("- id: a\n  question: q\n  sources: [x.txt]\n  evidence: [e]\n", "needs sources, evidence and facts"),
    ("- id: a\n  question: q\n  abstain: true\n  facts: [f]\n", "no evidence or facts"),
    ("- id: a\n  question: q\n  abstain: true\n  answer: x\n", "unknown fields"),
    ("- id: a\n  question: q\n  kind: riddle\n  abstain: true\n", "kind must be one of"),
    ("- id: a\n  question: q\n  sources: [x.txt]\n  evidence: [[]]\n  facts: [f]\n", "empty or non-text"),
    ("id: a\n", "non-empty list"),
    ("- [unclosed\n", "not valid YAML"),
])
def test_malformed_eval_sets_are_rejected_with_the_reason(tmp_path, body, message):
    with pytest.raises(EvalError, match=message):
        load_cases(write(tmp_path / "cases.yaml", body))


def test_missing_eval_set_is_a_clear_error(tmp_path):
    with pytest.raises(EvalError, match="cannot read the evaluation set"):
        load_cases(tmp_path / "nope.yaml")


def test_jsonl_cases_load(tmp_path):
    path = write(tmp_path / "cases.jsonl", json.dumps({"id": "x", "question": "Hi?", "abstain": True}) + "\n")
    assert load_cases(path)[0].abstain


def test_thresholds_validation(tmp_path):
    assert eval_report.load_thresholds(THRESHOLDS)
    for body, message in [("metrics:\n  recall: 0.5\n", "unknown or ungated"),
                          ("metrics:\n  latency_p95_ms: 100\n", "unknown or ungated"),
                          ("metrics:\n  hit@5: 2\n", "between 0 and 1"), ("{}\n", "metrics")]:
        with pytest.raises(EvalError, match=message):
            eval_report.load_thresholds(write(tmp_path / "t.yaml", body))
    assert eval_report.threshold_failures({"hit@5": 0.8, "mrr": 0.9}, {"hit@5": 0.9, "mrr": 0.9}) == [
        "hit@5 0.8000 < 0.9000"]


def test_changes_since_baseline_name_the_cases():
    per_case = [{"id": "a", "passed": False, "abstained": False, "rank": 2},
                {"id": "b", "passed": True, "abstained": True, "rank": None},
                {"id": "new", "passed": True, "abstained": False, "rank": 1}]
    baseline = {"cases": {"a": {"passed": True, "abstained": False, "rank": 1},
                          "b": {"passed": True, "abstained": True, "rank": None},
                          "gone": {"passed": True, "abstained": False, "rank": 1}}}
    got = {c["id"]: c["change"] for c in eval_report.changes(per_case, baseline)}
    assert got == {"a": "now fails, evidence rank 1 -> 2", "new": "new case", "gone": "case removed"}


# --- scoring one answer (fake embedder: fast) -------------------------------------------------


def _nato_answer(assistant, start_shift=0, text=None, marker="[1]"):
    doc = assistant.document_text("belgium-cyber-diplomacy.txt")
    start = doc.index(NATO)
    end = doc.index(".", start) + 1
    chunk = next(c for c in assistant.retriever.chunks if c.source == "belgium-cyber-diplomacy.txt"
                 and c.start <= start < c.end)
    cite = Citation(n=1, source=chunk.source, title=chunk.meta.title, section=chunk.section, page=None,
                    quote=doc[start:end], start=start + start_shift, end=end + start_shift, url=None,
                    chunk_id=chunk.chunk_id)
    return Answer(question="q", text=text or f"{doc[start:end]} {marker}", abstained=False, citations=(cite,),
                  passages=(Passage(chunk, 1.0),))


def test_citation_checks_catch_unresolved_markers_and_moved_quotes(fake_assistant):
    good = _nato_answer(fake_assistant)
    assert citation_problems(good, fake_assistant.document_text) == []
    moved = _nato_answer(fake_assistant, start_shift=3)
    assert "not verbatim" in citation_problems(moved, fake_assistant.document_text)[0]
    dangling = _nato_answer(fake_assistant, text="NATO did it. [1] And more. [2]")
    assert citation_problems(dangling, fake_assistant.document_text) == ["[2] resolves to no citation"]
    unused = _nato_answer(fake_assistant, marker="")
    assert citation_problems(unused, fake_assistant.document_text) == ["citation 1 is never referenced"]


def test_score_case_pass_and_failure_reasons(fake_assistant, tmp_path):
    cases = load_cases(write(tmp_path / "c.yaml", (
        "- id: nato\n  question: When?\n  sources: [belgium-cyber-diplomacy.txt]\n"
        f"  evidence: ['{NATO}']\n  facts: ['2016', ['land', 'sea']]\n"
        "- id: wrong\n  question: When?\n  sources: [belgium-cyber-diplomacy.txt]\n"
        "  evidence: ['The OSCE focuses']\n  facts: ['confidence']\n"
        "- id: decline\n  question: Cake?\n  abstain: true\n")))
    evidence = EvidenceIndex(fake_assistant.document_text, fake_assistant.retriever.chunks)
    evidence.validate(cases)
    answer = _nato_answer(fake_assistant)
    ok = score_case(cases[0], answer, 5.0, evidence)
    assert ok["passed"] and ok["rank"] == 1 and ok["facts_found"] == 2 and ok["citation_quote_hits"] == 1
    bad = score_case(cases[1], answer, 5.0, evidence)
    assert not bad["passed"]
    assert bad["reasons"] == ["evidence not retrieved: 'The OSCE focuses'", "evidence not cited: 'The OSCE focuses'",
                              "missing fact: 'confidence'"]
    assert score_case(cases[2], answer, 5.0, evidence)["reasons"] == ["answered a question it must decline"]


def test_evidence_missing_from_the_sources_is_an_eval_set_error(fake_assistant, tmp_path):
    cases = load_cases(write(tmp_path / "c.yaml", (
        "- id: ghost\n  question: q?\n  sources: [belgium-cyber-diplomacy.txt]\n"
        "  evidence: ['NATO was founded on the moon']\n  facts: [x]\n"
        "- id: nofile\n  question: q?\n  sources: [nope.txt]\n  evidence: [x]\n  facts: [x]\n")))
    with pytest.raises(EvalError) as info:
        EvidenceIndex(fake_assistant.document_text, fake_assistant.retriever.chunks).validate(cases)
    assert "ghost: evidence 'NATO was founded on the moon' not found" in str(info.value)
    assert "nofile: source(s) not in the index: nope.txt" in str(info.value)


def test_cli_eval_exit_codes_and_json_with_the_fake_embedder(fake_settings, fake_assistant, tmp_path, monkeypatch,
                                                              capsys):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "hashing")
    cases = write(tmp_path / "c.yaml", (
        "- id: nato\n  question: In which year did NATO recognise cyberspace as an operational domain?\n"
        f"  sources: [belgium-cyber-diplomacy.txt]\n  evidence: ['{NATO}']\n  facts: ['2016']\n"
        "- id: cake\n  kind: off-topic\n  question: What is the capital of Australia?\n  abstain: true\n"))
    args = ["eval", "--index", str(fake_settings.index), "--sources", str(fake_settings.sources), "--cases", str(cases),
            "--baseline", str(tmp_path / "baseline.json"), "--report", str(tmp_path / "report")]
    easy = write(tmp_path / "easy.yaml", "metrics:\n  citation_validity: 1.0\n")
    assert cli.main([*args, "--thresholds", str(easy), "--json", "--update-baseline"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"cases", "passed", "metrics", "baselines", "failures"}
    assert report["cases"] == 2 and set(report["baselines"]) == {"keyword", "dense"}
    assert json.loads((tmp_path / "baseline.json").read_text())["cases"].keys() == {"nato", "cake"}
    assert (tmp_path / "report" / "report.md").read_text().startswith("# Evaluation report")
    impossible = write(tmp_path / "hard.yaml", "metrics:\n  pass_rate: 1.0\n  hit@1: 1.0\n  fact_recall: 1.0\n")
    code = cli.main([*args, "--thresholds", str(impossible), "--no-baselines"])
    out = capsys.readouterr().out
    assert code in (0, 1) and ("FAIL:" in out) == (code == 1) and "metric" in out
    assert cli.main([*args, "--thresholds", str(tmp_path / "missing.yaml")]) == 2
    assert "cannot read thresholds" in capsys.readouterr().err


# --- the gate: the real model, real Chroma, the shipped eval set ----------------------------


@pytest.mark.slow
def test_eval_suite_meets_the_checked_in_thresholds(real_settings, real_assistant, tmp_path, capsys):
    """`assistant eval` on the real index: every metric at or above evals/thresholds.yaml (the CI gate)."""
    code = cli.main(["eval", "--index", str(real_settings.index), "--sources", str(real_settings.sources),
                     "--cases", str(CASES), "--thresholds", str(THRESHOLDS), "--baseline", str(BASELINE),
                     "--report", str(tmp_path), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"], eval_report.format_console(report)
    assert report["cases"] >= 60 and set(report["baselines"]) == {"keyword", "dense"}
    assert report["metrics"]["citation_validity"] == 1.0
    assert (tmp_path / "report.json").is_file()
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    first_case = md.split("## Cases (failing first)")[1]
    if report["failures"]:
        assert report["failures"][0]["id"] in first_case.split("\n| ", 3)[2]


class RandomRetriever(HybridRetriever):
    """A deliberately broken retriever: passages drawn at random, whatever the question."""

    def search(self, query, top_k=5, filters=None, mode="hybrid", query_vec=None):
        rng = random.Random(query)
        return [Passage(c, 0.5) for c in rng.sample(self.chunks, min(top_k, len(self.chunks)))]


@pytest.mark.slow
def test_a_broken_retriever_fails_the_gate(real_settings, real_assistant, monkeypatch):
    monkeypatch.setattr(service, "HybridRetriever", RandomRetriever)
    broken = service.Assistant(real_settings, embedder=real_assistant.embedder)
    assert isinstance(broken.retriever, RandomRetriever)
    runs = evaluate(broken, load_cases(CASES), modes=("hybrid",))
    report = eval_report.build_report(runs, eval_report.load_thresholds(THRESHOLDS), None, "extractive")
    assert not report["ok"]
    failed = {line.split()[0] for line in report["threshold_failures"]}
    assert {"hit@1", "mrr", "pass_rate"} <= failed, report["threshold_failures"]


@pytest.mark.slow
def test_the_runner_evaluates_an_llm_backend_and_reports_its_own_fields(real_assistant, tmp_path):
    """Backend-agnostic: the same runner scores an LLM backend (scripted loopback server) and reports its fields."""
    from llm_servers import fault_server

    question = "What confidence-building measures does the OSCE promote?"
    quote = "Szilvia Tóth from the OSCE explained how the organisation promotes Confidence-Building Measures (CBMs)"
    cases = load_cases(write(tmp_path / "c.yaml", (
        f"- id: osce\n  question: {question}\n  sources: [sarajevo-workshop-cyber-diplomacy-2025.txt]\n"
        "  evidence: ['promotes Confidence-Building Measures (CBMs)']\n  facts: ['Confidence-Building Measures']\n")))
    server = fault_server()
    try:
        settings = real_assistant.settings.replace(backend="openai", llm_url=f"http://127.0.0.1:{server.port}/v1",
                                                   llm_model="scripted")
        llm = service.Assistant(settings, embedder=real_assistant.embedder)
        n = next(i for i, p in enumerate(llm.search(question), start=1) if "Szilvia" in p.chunk.text)
        server.configure(f"{quote} [{n}].")
        report = eval_report.build_report(evaluate(llm, cases, modes=("hybrid", "keyword")), {}, None, "openai")
    finally:
        server.stop()
    row = report["per_case"][0]
    assert row["backend"] == "openai" and row["passed"], row
    assert row["support_rate"] == 1.0 and row["generated_sentences"] == 1
    assert report["backend_fields"]["backend"] == {"openai": 1}
    assert report["backend_fields"]["support_rate"] == {"cases": 1, "mean": 1.0}

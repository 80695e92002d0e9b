"""The evaluation suite: metric checks by hand, eval-set validation, and the real gate (runner on the real index)."""
from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import pytest

from assistant import cli, eval_report, service
from assistant.errors import EvalError
from assistant.evaluation import (
    KINDS,
    EvidenceIndex,
    aggregate,
    citation_problems,
    evaluate,
    is_whole_quote,
    load_cases,
    retrieval_scores,
    score_case,
)
from assistant.retrieval import HybridRetriever
from assistant.schema import Answer, Citation, Passage
from conftest import ROOT

EVALS = ROOT / "evals"
CASES = EVALS / "cases.yaml"
REALDOCS_CASES = EVALS / "realdocs"
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
    assert {"off-topic", "not-covered", "injection"} <= {c.kind for c in cases if c.abstain}
    assert all(c.history for c in cases if c.kind == "followup")
    # Between them, the shipped set and the real-documents set exercise every kind.
    realdocs = load_cases(REALDOCS_CASES)
    assert {c.kind for c in cases} | {c.kind for c in realdocs} == set(KINDS)


def test_realdocs_eval_set_is_split_and_declines_enough():
    cases = load_cases(REALDOCS_CASES)
    assert len(cases) >= 40 and len({c.id for c in cases}) == len(cases)
    assert {c.split for c in cases} == {"tuning", "test"}
    assert {"reference", "definition", "symbol", "cross-document"} <= {c.kind for c in cases}
    assert sum(c.abstain for c in cases) >= 8
    assert {"off-topic", "not-covered", "injection"} <= {c.kind for c in cases if c.abstain}
    assert all(c.history for c in cases if c.kind == "followup")
    assert all(len(c.sources) >= 2 for c in cases if c.kind == "cross-document")


def test_a_folder_of_case_files_loads_sorted_with_ids_unique_across_files(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    write(folder / "b.yaml", "- id: b1\n  question: q?\n  abstain: true\n  split: test\n")
    write(folder / "a.jsonl", json.dumps({"id": "a1", "question": "Hi?", "abstain": True, "split": "tuning"}) + "\n")
    write(folder / "notes.md", "not a case file\n")
    cases = load_cases(folder)
    assert [(c.id, c.split) for c in cases] == [("a1", "tuning"), ("b1", "test")]
    write(folder / "c.yaml", "- id: a1\n  question: again?\n  abstain: true\n")
    with pytest.raises(EvalError, match=r"c\.yaml: case a1: duplicate id \(also in .*a\.jsonl\)"):
        load_cases(folder)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EvalError, match="holds no"):
        load_cases(empty)


@pytest.mark.parametrize("body,message", [
    ("- id: a\n  question: q\n  abstain: true\n- id: a\n  question: r\n  abstain: true\n", "duplicate id"),
    ("- id: a\n  question: q\n  sources: [x.txt]\n  evidence: [e]\n", "needs sources, evidence and facts"),
    ("- id: a\n  question: q\n  abstain: true\n  facts: [f]\n", "no evidence or facts"),
    ("- id: a\n  question: q\n  abstain: true\n  answer: x\n", "unknown fields"),
    ("- id: a\n  question: q\n  kind: riddle\n  abstain: true\n", "kind must be one of"),
    ("- id: a\n  question: q\n  sources: [x.txt]\n  evidence: [[]]\n  facts: [f]\n", "empty or non-text"),
    ("id: a\n", "non-empty list"),
    ("- [unclosed\n", "not valid YAML"),
    ("- id: a\n  question: q\n  abstain: true\n  split: dev\n", "split must be tuning or test"),
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


def test_split_thresholds_validation(tmp_path):
    path = write(tmp_path / "t.yaml", "metrics:\n  hit@5: 0.5\nsplits:\n  test:\n    pass_rate: 0.6\n")
    assert eval_report.load_thresholds(path) == {"hit@5": 0.5}
    assert eval_report.load_split_thresholds(path) == {"test": {"pass_rate": 0.6}}
    only_splits = write(tmp_path / "s.yaml", "splits:\n  tuning:\n    whole_quotes: 0.9\n")
    assert eval_report.load_thresholds(only_splits) == {}
    assert eval_report.load_split_thresholds(only_splits) == {"tuning": {"whole_quotes": 0.9}}
    assert eval_report.load_split_thresholds(THRESHOLDS) == {}
    for body, message in [("splits:\n  dev:\n    hit@5: 0.5\n", "unknown split 'dev'"),
                          ("splits:\n  test:\n    recall: 0.5\n", "unknown or ungated"),
                          ("splits:\n  test:\n    hit@5: 1.5\n", "between 0 and 1"),
                          ("splits:\n  test: {}\n", "splits.test"),
                          ("metrics:\n  hit@5: 0.5\nsplit:\n  test: {}\n", "unknown sections")]:
        with pytest.raises(EvalError, match=message):
            eval_report.load_split_thresholds(write(tmp_path / "t.yaml", body))


def _row(cid, split, passed, citations=1, whole=1, abstain=False):
    row = {"id": cid, "kind": "factual", "split": split, "question": "q", "abstain_expected": abstain,
           "abstained": abstain, "answer": "a", "citations_valid": True, "citations": citations,
           "whole_quotes": whole, "latency_ms": 1.0, "backend": "extractive", "passed": passed,
           "reasons": [] if passed else ["missing fact: 'x'"]}
    if not abstain:
        row.update(rank=1 if passed else None, retrieval=retrieval_scores({"c"}, ["c"] if passed else ["x"]),
                   evidence_retrieved=int(passed), evidence_cited=int(passed), evidence_items=1,
                   facts_found=int(passed), facts=1, citation_passage_hits=int(passed),
                   citation_quote_hits=int(passed))
    return row


def test_metrics_per_split_and_per_split_gates():
    from assistant.evaluation import Run

    run = Run("hybrid", [_row("t1", "tuning", True), _row("t2", "tuning", True, citations=2, whole=1),
                         _row("s1", "test", True), _row("s2", "test", False, whole=0),
                         _row("s3", "test", True, citations=0, whole=0, abstain=True)])
    report = eval_report.build_report({"hybrid": run}, {"pass_rate": 0.5}, None, "extractive",
                                      {"test": {"pass_rate": 0.9, "hit@1": 0.5}, "tuning": {"pass_rate": 1.0}})
    assert report["metrics"]["pass_rate"] == 0.8
    assert report["metrics"]["whole_quotes"] == 0.6  # 3 whole quotes out of 5 citations
    tuning, test = report["splits"]["tuning"], report["splits"]["test"]
    assert (tuning["cases"], tuning["passed"], test["cases"], test["passed"]) == (2, 2, 3, 2)
    assert tuning["metrics"]["pass_rate"] == 1.0 and tuning["metrics"]["whole_quotes"] == pytest.approx(2 / 3, abs=1e-4)
    assert test["metrics"]["pass_rate"] == pytest.approx(2 / 3, abs=1e-4) and test["metrics"]["hit@1"] == 0.5
    assert test["metrics"]["abstention_recall"] == 1.0
    # The overall gate passes; the test split's pass rate is below its own minimum.
    assert report["threshold_failures"] == ["test: pass_rate 0.6667 < 0.9000"] and not report["ok"]
    console = eval_report.format_console(report)
    assert "Per split" in console and "test (3)" in console and "BELOW" in console
    md = eval_report.format_markdown(report)
    assert "## Metrics per split" in md and "factual (test)" in md
    assert set(eval_report.baseline_of(report)["splits"]) == {"tuning", "test"}
    missing = eval_report.build_report({"hybrid": run}, {}, None, "extractive", {"test": {}, "tuning": {}})
    assert missing["ok"]
    # A split gated but absent from the cases is a failure, not a silent pass.
    absent = eval_report.build_report({"hybrid": Run("hybrid", [_row("t1", "tuning", True)])}, {}, None,
                                      "extractive", {"test": {"pass_rate": 0.5}})
    assert absent["threshold_failures"] == ["test: no case in this split"]
    # No splits in the cases: no split section anywhere.
    plain = eval_report.build_report({"hybrid": Run("hybrid", [_row("p", "", True)])}, {}, None, "extractive")
    assert plain["splits"] == {} and "Per split" not in eval_report.format_console(plain)


@pytest.mark.parametrize("quote,before,after,whole", [
    ("In 2016, NATO recognised cyberspace as an operational domain, just like land, sea, and air.", "", "", True),
    ("Each Party shall adopt such legislative measures;", "", "", True),
    ("“We reaffirm our support.”", "", "", True),
    ("(Prague, 10 and 11 June 1997).", "", "", True),
    ("Is it covered?", "", "", True),
    ("2016 was the year.", "", "", True),
    ("NATO recognised cyberspace as an operational domain", "", ", just like land.", False),  # no end
    ("recognised cyberspace as an operational domain.", "In 2016, NATO ", "", False),  # starts mid-sentence
    ("Sharing contact points for cyber incidents", None, None, False),  # no end mark, line unknown
    ("Sharing contact points for cyber incidents", "", " and more", False),  # cut before its line ends
    ("Recalling its resolution 74/247 of 27 December 2019,", "", "", True),  # a whole preambular paragraph
    ("Resolution adopted by the General Assembly on 5 December 2018", "", "", True),  # a whole dated line
    ("Examples include:\n- Sharing contact points\n- Protecting power systems", "", "", True),  # lead-in and items
    ("Examples include:\n- Sharing contact points\n- Protecting power", "", " systems", False),  # cut mid-line
    ("Examples include:\n- Sharing contact points", "It helps. ", "", True),  # a lead-in sentence and its list
    ("Sharing contact points for cyber incidents", "- ", "", True),  # list item that ends its line
    ("- Sharing contact points for cyber incidents", "", "", True),
    ("the provision of technical advice;", "a) ", "", True),
    ("the provision of technical advice", "a) ", " and more", False),  # list item cut before its line ends
    ("the provision of technical advice", "a) ", "", True),
    ("Verdrag inzake de bestrijding van strafbare feiten", "## ", "", True),  # a Markdown title, its marks left out
    ("bestrijding van strafbare feiten", "## Verdrag inzake de ", "", False),
    ("", "", "", False),
])
def test_whole_quotes(quote, before, after, whole):
    assert is_whole_quote(quote, before, after) is whole


def test_whole_quotes_of_an_answer_use_the_text_around_each_quote(fake_assistant, tmp_path):
    from assistant.evaluation import whole_quote_count

    whole = _nato_answer(fake_assistant)
    assert whole_quote_count(whole, fake_assistant.document_text) == 1
    doc = fake_assistant.document_text("belgium-cyber-diplomacy.txt")
    start = doc.index("NATO recognised")
    cite = dataclasses.replace(whole.citations[0], quote=doc[start:start + 30], start=start, end=start + 30)
    fragment = dataclasses.replace(whole, citations=(cite,))
    assert whole_quote_count(fragment, fake_assistant.document_text) == 0
    cases = load_cases(write(tmp_path / "c.yaml", (
        "- id: nato\n  question: When?\n  sources: [belgium-cyber-diplomacy.txt]\n"
        f"  evidence: ['{NATO}']\n  facts: ['2016']\n  split: test\n")))
    evidence = EvidenceIndex(fake_assistant.document_text, fake_assistant.retriever.chunks)
    row = score_case(cases[0], whole, 5.0, evidence)
    assert row["split"] == "test" and row["whole_quotes"] == 1
    assert aggregate([row])["whole_quotes"] == 1.0


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


def test_evidence_the_answer_quotes_counts_as_found_even_beyond_the_first_five_passages(fake_assistant, tmp_path):
    """A list of 13 norms runs over more passages than the first five: an item the answer quotes was found
    (hit@k still counts the first five passages only)."""
    import dataclasses

    cases = load_cases(write(tmp_path / "c.yaml", (
        "- id: nato\n  question: When?\n  sources: [belgium-cyber-diplomacy.txt]\n"
        f"  evidence: ['{NATO}']\n  facts: ['2016']\n")))
    evidence = EvidenceIndex(fake_assistant.document_text, fake_assistant.retriever.chunks)
    answer = _nato_answer(fake_assistant)
    others = tuple(Passage(c, 0.5) for c in fake_assistant.retriever.chunks if c.chunk_id != answer.citations[0].chunk_id)
    late = dataclasses.replace(answer, passages=others[:5] + answer.passages)
    result = score_case(cases[0], late, 5.0, evidence)
    assert result["passed"] and result["retrieval"]["hit@5"] == 0.0, result["reasons"]
    unquoted = dataclasses.replace(late, citations=(), text="NATO did it.")
    assert "evidence not retrieved" in " ".join(score_case(cases[0], unquoted, 5.0, evidence)["reasons"])


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
    # A third case whose fact no source states cannot pass, so a pass rate and fact recall of 1.0 cannot be met.
    unmeetable = write(tmp_path / "c3.yaml", (tmp_path / "c.yaml").read_text() + (
        "- id: never\n  question: In which year did NATO recognise cyberspace as an operational domain?\n"
        f"  sources: [belgium-cyber-diplomacy.txt]\n  evidence: ['{NATO}']\n  facts: ['Zanzibar accord of 1066']\n"))
    impossible = write(tmp_path / "hard.yaml", "metrics:\n  pass_rate: 1.0\n  fact_recall: 1.0\n")
    hard_args = [str(unmeetable) if a == str(cases) else a for a in args]
    code = cli.main([*hard_args, "--thresholds", str(impossible), "--no-baselines"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert re.search(r"FAIL: pass_rate 0\.\d+ < 1\.0000; fact_recall 0\.\d+ < 1\.0000", out), out
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

    def search(self, query, top_k=5, filters=None, mode="hybrid", query_vec=None, snapshot=None):
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

"""Briefing packs on the real documents: precision and recall per section against evals/briefing/labels.yaml,
gated by evals/briefing-thresholds.yaml; and the whole-index pack verbatim at its offsets (real model)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant import briefing_eval
from pack_checks import assert_verbatim

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "evals" / "briefing" / "labels.yaml"
THRESHOLDS = ROOT / "evals" / "briefing-thresholds.yaml"

pytestmark = pytest.mark.slow


def test_labelled_set_has_twenty_items_per_section_and_both_splits():
    labels = briefing_eval.load_labels(LABELS)
    sources = set(labels["documents"])
    for section in ("glossary", "timeline", "people"):
        items = labels[section]
        assert len(items) >= 20, section
        assert {i["source"] for i in items} <= sources
        assert {labels["documents"][i["source"]] for i in items} == {"tuning", "test"}
    relevant = [s for t in labels["key_points"] for s in t["relevant"]]
    assert len(relevant) >= 20 and {t["split"] for t in labels["key_points"]} == {"tuning", "test"}


def test_sections_meet_their_thresholds(realdocs_assistant, tmp_path):
    report = briefing_eval.evaluate(realdocs_assistant, briefing_eval.load_labels(LABELS))
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "briefing-eval.md").write_text(briefing_eval.format_report(report) + "\n", encoding="utf-8")
    failures = briefing_eval.check(report, yaml.safe_load(THRESHOLDS.read_text(encoding="utf-8")))
    assert not failures, "\n".join(failures) + "\n" + briefing_eval.format_report(report)


def test_thresholds_can_fail():
    report = {"splits": {"tuning": {"glossary": {"precision": 0.5, "recall": None}}}}
    assert briefing_eval.check(report, {"tuning": {"glossary": {"precision": 0.9, "recall": 0.1}}}) == [
        "tuning glossary precision: 0.5 < 0.9", "tuning glossary recall: None < 0.1"]


def test_whole_index_pack_is_verbatim(realdocs_assistant):
    pack = realdocs_assistant.brief("all").to_json()
    assert_verbatim(pack, realdocs_assistant.document_text)
    assert {k["forum"] for k in pack["sections"]["key_points"]} >= {"UN", "National"}
    for section in ("glossary", "timeline", "people"):
        assert len(pack["sections"][section]) >= 20, section
    topical = realdocs_assistant.brief("ransomware").to_json()
    assert_verbatim(topical, realdocs_assistant.document_text)
    assert all("ransom" in k["text"].lower() for k in topical["sections"]["key_points"])


def test_a_topic_the_sources_do_not_cover_gets_an_empty_pack(realdocs_assistant):
    pack = realdocs_assistant.brief("banana export tariffs").to_json()
    assert not pack["citations"] and not any(pack["sections"].values())
    covered = realdocs_assistant.brief("confidence-building measures").to_json()
    assert covered["sections"]["key_points"] and len(covered["sections"]["quiz"]) >= 5

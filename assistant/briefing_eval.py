"""Scores briefing packs against labelled items (evals/briefing/labels.yaml): precision and recall per section.

Glossary, timeline, who's who and quiz are scored per labelled document, on the pack of that document alone
(topic `all`, filtered to it), so the labels of a document are complete for it; key points per labelled topic.
Documents and topics carry a split: `tuning` (looked at while setting the heuristics) or `test` (only reported).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import EvalError
from .retrieval import Filters
from .timeline import find_dates

SECTIONS = ("key_points", "glossary", "timeline", "people", "quiz")
SPLITS = ("tuning", "test")


def load_labels(path: Path) -> dict:
    """The labelled set; EvalError when a document or topic has no valid split."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for source, split in data["documents"].items():
        if split not in SPLITS:
            raise EvalError(f"{path}: document {source} has split {split!r}; use one of {', '.join(SPLITS)}")
    for t in data["key_points"]:
        if t.get("split") not in SPLITS:
            raise EvalError(f"{path}: topic {t.get('topic')!r} needs a split ({', '.join(SPLITS)})")
    return data


def _key(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).casefold()
    return re.sub(r"(?<=[a-z])s$", "", text)


def _name_matches(predicted: str, gold: str) -> bool:
    p, g = _key(predicted), _key(gold)
    return p == g or (len(g) > 4 and g in p) or (len(p) > 6 and p in g)


class _Count:
    def __init__(self) -> None:
        self.tp_p = self.n_pred = self.tp_r = self.n_gold = 0

    def add(self, correct_pred: int, n_pred: int, found_gold: int, n_gold: int) -> None:
        self.tp_p += correct_pred
        self.n_pred += n_pred
        self.tp_r += found_gold
        self.n_gold += n_gold

    def figures(self) -> dict:
        return {"precision": round(self.tp_p / self.n_pred, 4) if self.n_pred else None,
                "recall": round(self.tp_r / self.n_gold, 4) if self.n_gold else None,
                "predicted": self.n_pred, "labelled": self.n_gold}


def _glossary(pred: list[dict], gold: list[dict]) -> tuple[int, int, list[str], list[str]]:
    def ok(p: dict, g: dict) -> bool:
        if _key(p["term"]) != _key(g["term"]):
            return False
        return not g.get("definition") or _key(g["definition"]) == _key(p["definition"])
    wrong = [p["term"] for p in pred if not any(ok(p, g) for g in gold)]
    missed = [g["term"] for g in gold if not any(ok(p, g) for p in pred)]
    return len(pred) - len(wrong), len(gold) - len(missed), wrong, missed


def _timeline(pred: list[dict], gold: list[str]) -> tuple[int, int, int, list[str], list[str]]:
    dates = sorted({p["date"] for p in pred})
    gold_set = {str(g) for g in gold}
    wrong = [d for d in dates if d not in gold_set]
    missed = sorted(gold_set - set(dates))
    return len(dates) - len(wrong), len(dates), len(gold_set) - len(missed), wrong, missed


def _people(pred: list[dict], gold: list[dict]) -> tuple[int, int, int, list[str], list[str]]:
    wrong = [p["name"] for p in pred if not any(_name_matches(p["name"], g["name"]) for g in gold)]
    required = [g for g in gold if g.get("required", True)]
    missed = [g["name"] for g in required if not any(_name_matches(p["name"], g["name"]) for p in pred)]
    return len(pred) - len(wrong), len(required) - len(missed), len(required), wrong, missed


def quiz_answer_ok(item: dict, quotes: dict[int, str], facts: dict) -> bool:
    """A quiz item is right when its answer is in its cited quote, the question does not give it away, and the
    answer is a labelled fact of the document (a glossary term or expansion, a labelled date, person or body,
    or one of the labelled quiz answers such as counts)."""
    answer = item["answer"]
    if not any(answer in quotes.get(n, "") for n in item["citations"]) or answer.casefold() in item["question"].casefold():
        return False
    if any(d.iso in facts["dates"] for d in find_dates(answer)) or (answer.isdigit() and answer in facts["dates"]):
        return True
    if any(_key(answer) in (_key(g["term"]), _key(g.get("definition") or "")) for g in facts["glossary"]):
        return True
    if any(_name_matches(answer, g["name"]) for g in facts["people"]):
        return True
    return _key(answer) in {_key(str(a)) for a in facts.get("quiz", [])}


def evaluate(assistant, labels: dict, quiz_limit: int = 10, limits=None) -> dict:
    """Per split and section: precision, recall and counts; with the misses and wrong items for reading."""
    from .briefing import Limits

    counts = {split: {s: _Count() for s in SECTIONS} for split in SPLITS}
    details: dict[str, dict] = {}
    by_doc = {kind: {} for kind in ("glossary", "timeline", "people", "quiz")}
    for kind in by_doc:
        for item in labels.get(kind, []):
            by_doc[kind].setdefault(item["source"], []).append(item)
    for source, split in labels["documents"].items():
        pack = assistant.brief("all", Filters((source,)), limits=Limits(quiz=quiz_limit)).to_json()
        sec = pack["sections"]
        quotes = {c["n"]: c["quote"] for c in pack["citations"]}
        doc = details.setdefault(source, {"split": split})
        covered = labels.get("covered", {}).get(source, ["glossary", "timeline", "people", "quiz"])
        g_gold = by_doc["glossary"].get(source, [])
        t_gold = [str(i["date"]) for i in by_doc["timeline"].get(source, [])]
        p_gold = by_doc["people"].get(source, [])
        if "glossary" in covered:
            ok_p, ok_r, wrong, missed = _glossary(sec["glossary"], g_gold)
            counts[split]["glossary"].add(ok_p, len(sec["glossary"]), ok_r, len(g_gold))
            doc["glossary"] = {"wrong": wrong, "missed": missed}
        if "timeline" in covered:
            ok_p, n_p, ok_r, wrong, missed = _timeline(sec["timeline"], t_gold)
            counts[split]["timeline"].add(ok_p, n_p, ok_r, len(set(t_gold)))
            doc["timeline"] = {"wrong": wrong, "missed": missed}
        if "people" in covered:
            ok_p, ok_r, n_req, wrong, missed = _people(sec["people"], p_gold)
            counts[split]["people"].add(ok_p, len(sec["people"]), ok_r, n_req)
            doc["people"] = {"wrong": wrong, "missed": missed}
        if "quiz" in covered:
            facts = {"dates": set(t_gold), "glossary": g_gold, "people": p_gold,
                     "quiz": [i["answer"] for i in by_doc["quiz"].get(source, [])]}
            good = [q for q in sec["quiz"] if quiz_answer_ok(q, quotes, facts)]
            # Recall: of the questions the labels allow (up to the quiz's length), how many it asked rightly.
            possible = min(quiz_limit, len(set(t_gold)) + len(g_gold) + len([p for p in p_gold if p.get("required", True)])
                           + len(facts["quiz"]))
            counts[split]["quiz"].add(len(good), len(sec["quiz"]), min(len(good), possible), possible)
            doc["quiz"] = {"wrong": [q["question"] + " -> " + q["answer"] for q in sec["quiz"] if q not in good]}
    for topic in labels["key_points"]:
        pack = assistant.brief(topic["topic"], limits=limits).to_json()
        texts = [k["text"] for k in pack["sections"]["key_points"]]
        relevant = topic.get("relevant", [])
        good = [t for t in texts if any(_key(s) in _key(t) for s in relevant + topic.get("acceptable", []))]
        found = [s for s in relevant if any(_key(s) in _key(t) for t in texts)]
        counts[topic["split"]]["key_points"].add(len(good), len(texts), len(found), len(relevant))
        details[f"topic: {topic['topic']}"] = {"split": topic["split"], "wrong": [t[:100] for t in texts if t not in good],
                                               "missed": [s for s in relevant if s not in found]}
    report = {split: {s: c.figures() for s, c in sections.items()} for split, sections in counts.items()}
    return {"splits": report, "details": details}


def check(report: dict, thresholds: dict) -> list[str]:
    """Each figure below its threshold (`{split: {section: {precision, recall}}}`), as a message."""
    failures = []
    for split, sections in thresholds.items():
        for section, minimums in sections.items():
            for metric, minimum in minimums.items():
                got = report["splits"][split][section][metric]
                if got is None or got < minimum:
                    failures.append(f"{split} {section} {metric}: {got} < {minimum}")
    return failures


def format_report(report: dict) -> str:
    """A Markdown table of precision and recall per section and split."""
    lines = ["| section | split | precision | recall | predicted | labelled |", "|---|---|---|---|---|---|"]
    for section in SECTIONS:
        for split in SPLITS:
            f = report["splits"][split][section]
            fmt = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
            lines.append(f"| {section} | {split} | {fmt(f['precision'])} | {fmt(f['recall'])} | {f['predicted']} | {f['labelled']} |")
    return "\n".join(lines)

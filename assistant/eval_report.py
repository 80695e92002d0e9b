"""Evaluation report: thresholds, changes since the checked-in baseline, JSON, Markdown and a console table."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

import yaml

from .errors import EvalError
from .evaluation import SPLITS, Run, aggregate

# Metric rows of the table, in reading order; latency is reported, never gated (CI machines vary).
METRIC_ORDER = ("pass_rate", "hit@1", "hit@3", "hit@5", "mrr", "ndcg@5", "evidence_cited", "citation_validity",
                "citation_precision", "quote_precision", "whole_quotes", "fact_recall", "abstention_precision", "abstention_recall",
                "answer_rate", "latency_p50_ms", "latency_p95_ms")
_UNGATED = {"latency_p50_ms", "latency_p95_ms"}


def _read_thresholds(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"cannot read thresholds {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise EvalError(f"{path} is not valid YAML: {exc}") from None
    data = data if isinstance(data, dict) else {}
    unknown = set(data) - {"metrics", "splits"}
    if unknown:
        raise EvalError(f"{path}: unknown sections {sorted(unknown)} (known: metrics, splits)")
    metrics, splits = data.get("metrics"), data.get("splits")
    if not (isinstance(metrics, dict) and metrics) and not (isinstance(splits, dict) and splits):
        raise EvalError(f"{path} must have a `metrics:` mapping of metric name to minimum value "
                        "(and/or `splits:` mapping a split to such a mapping)")
    return data


def load_thresholds(path: Path) -> dict[str, float]:
    """Minimum value per metric over all cases, from `metrics:` in a YAML file (may be empty when the file only
    has `splits:`)."""
    minimums = _read_thresholds(path).get("metrics")
    if minimums is None:
        return {}
    return _minimums(minimums, path, "metrics")


def load_split_thresholds(path: Path) -> dict[str, dict[str, float]]:
    """Minimum value per metric for the cases of one split, from `splits: {test: {metric: min}}`."""
    splits = _read_thresholds(path).get("splits")
    if splits is None:
        return {}
    if not isinstance(splits, dict):
        raise EvalError(f"{path}: `splits:` must map a split ({', '.join(s for s in SPLITS if s)}) to minimums")
    out = {}
    for split, minimums in splits.items():
        if split not in SPLITS or not split:
            raise EvalError(f"{path}: unknown split {split!r} (known: {', '.join(s for s in SPLITS if s)})")
        out[split] = _minimums(minimums, path, f"splits.{split}")
    return out


def _minimums(minimums, path: Path, where: str) -> dict[str, float]:
    if not isinstance(minimums, dict) or not minimums:
        raise EvalError(f"{path}: `{where}` must be a mapping of metric name to minimum value")
    out = {}
    for name, value in minimums.items():
        if name not in METRIC_ORDER or name in _UNGATED:
            gated = ", ".join(m for m in METRIC_ORDER if m not in _UNGATED)
            raise EvalError(f"{path}: unknown or ungated metric {name!r} (thresholds apply to: {gated})")
        if not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise EvalError(f"{path}: the minimum for {name} must be a number between 0 and 1 (got {value!r})")
        out[name] = float(value)
    return out


def threshold_failures(metrics: Mapping[str, float], thresholds: Mapping[str, float]) -> list[str]:
    """One line per metric below its minimum."""
    return [f"{name} {metrics.get(name, 0.0):.4f} < {minimum:.4f}" for name, minimum in thresholds.items()
            if metrics.get(name, 0.0) < minimum - 1e-9]


def split_metrics(results: list[dict]) -> dict[str, dict]:
    """Cases, passes and metrics per split, when any case has one (empty otherwise)."""
    names = [s for s in SPLITS if s and any(r.get("split") == s for r in results)]
    out = {}
    for name in names:
        subset = [r for r in results if r.get("split") == name]
        out[name] = {"cases": len(subset), "passed": sum(r["passed"] for r in subset), "metrics": aggregate(subset)}
    return out


def split_threshold_failures(splits: Mapping[str, dict], thresholds: Mapping[str, Mapping[str, float]]) -> list[str]:
    """One line per metric of a split below its minimum ("test: pass_rate 0.5000 < 0.6000")."""
    out = []
    for split, minimums in thresholds.items():
        if split not in splits:
            out.append(f"{split}: no case in this split")
            continue
        out += [f"{split}: {line}" for line in threshold_failures(splits[split]["metrics"], minimums)]
    return out


def _summary(result: dict) -> dict:
    return {"passed": result["passed"], "abstained": result["abstained"], "rank": result.get("rank")}


def load_baseline(path: Path | None) -> dict | None:
    """The checked-in per-case results (None when there is no baseline file)."""
    if path is None or not Path(path).is_file():
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), dict):
        raise EvalError(f"{path} is not an evaluation baseline (expected a `cases` mapping)")
    return data


def baseline_of(report: dict) -> dict:
    """What `--update-baseline` checks in: per-case outcome of the gated run, and its metrics."""
    metrics = {k: v for k, v in report["metrics"].items() if k not in _UNGATED}  # latency varies per machine
    out = {"backend": report["backend"], "metrics": metrics}
    if report.get("splits"):
        out["splits"] = {s: {k: v for k, v in d["metrics"].items() if k not in _UNGATED}
                         for s, d in report["splits"].items()}
    out["cases"] = {r["id"]: _summary(r) for r in report["per_case"]}
    return out


def write_baseline(report: dict, path: Path) -> None:
    """Check in this run's per-case outcomes as the baseline later runs are compared with."""
    try:
        Path(path).write_text(json.dumps(baseline_of(report), indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"cannot write the baseline {path}: {exc.strerror or exc}") from None


def changes(per_case: list[dict], baseline: dict | None) -> list[dict]:
    """Cases whose outcome, abstention or evidence rank differ from the baseline (and added/removed cases)."""
    if baseline is None:
        return []
    old = baseline["cases"]
    out = []
    for r in per_case:
        before = old.get(r["id"])
        now = _summary(r)
        if before is None:
            out.append({"id": r["id"], "change": "new case", "now": now})
        elif before != now:
            what = []
            if before.get("passed") != now["passed"]:
                what.append("now passes" if now["passed"] else "now fails")
            if before.get("abstained") != now["abstained"]:
                what.append("now abstains" if now["abstained"] else "now answers")
            if before.get("rank") != now["rank"]:
                what.append(f"evidence rank {before.get('rank')} -> {now['rank']}")
            out.append({"id": r["id"], "change": ", ".join(what), "before": before, "now": now})
    current = {r["id"] for r in per_case}
    out += [{"id": cid, "change": "case removed"} for cid in old if cid not in current]
    return out


def build_report(runs: Mapping[str, Run], thresholds: Mapping[str, float], baseline: dict | None,
                 backend: str, split_thresholds: Mapping[str, Mapping[str, float]] | None = None) -> dict:
    """The report object: `--json` prints it; the first run is gated, the others are baselines.

    When cases have splits, `splits` gives the gated run's metrics per split, and `split_thresholds` gate them."""
    modes = list(runs)
    main = runs[modes[0]]
    metrics = main.metrics
    others = {m: {r["id"]: r for r in runs[m].results} for m in modes[1:]}
    per_case = []
    for r in main.results:
        row = dict(r)
        row["modes"] = {m: _summary(others[m][r["id"]]) for m in modes[1:]}
        per_case.append(row)
    per_case.sort(key=lambda r: (r["passed"], r["id"]))  # failing cases first
    splits = split_metrics(main.results)
    split_thresholds = {s: dict(m) for s, m in (split_thresholds or {}).items()}
    failures_below = threshold_failures(metrics, thresholds) + split_threshold_failures(splits, split_thresholds)
    return {
        "backend_fields": backend_summary(main.results),
        "cases": len(main.results),
        "passed": sum(r["passed"] for r in main.results),
        "mode": modes[0],
        "backend": backend,
        "metrics": metrics,
        "baselines": {m: runs[m].metrics for m in modes[1:]},
        "thresholds": dict(thresholds),
        "splits": splits,
        "split_thresholds": split_thresholds,
        "threshold_failures": failures_below,
        "ok": not failures_below,
        "failures": [{"id": r["id"], "kind": r["kind"], "question": r["question"], "reasons": r["reasons"]}
                     for r in per_case if not r["passed"]],
        "changed_since_baseline": changes(per_case, baseline),
        "compared_with_baselines": {m: compare_modes(per_case, m) for m in modes[1:]},
        "per_case": per_case,
    }


def compare_modes(per_case: list[dict], mode: str) -> dict:
    """What the gated run adds or costs against one baseline mode: cases it passes or ranks better, and worse."""
    def rank(x: dict | None) -> int:
        return x.get("rank") or 99 if x else 99

    out: dict[str, list[str]] = {"passes_only_here": [], "fails_only_here": [], "ranks_better": [], "ranks_worse": []}
    for r in per_case:
        other = r["modes"][mode]
        if r["passed"] != other["passed"]:
            out["passes_only_here" if r["passed"] else "fails_only_here"].append(r["id"])
        if "rank" in r and rank(r) != rank(other):
            out["ranks_better" if rank(r) < rank(other) else "ranks_worse"].append(r["id"])
    return {k: sorted(v) for k, v in out.items()}


def backend_summary(results: list[dict]) -> dict:
    """Extra fields the backend put on its answers, over all cases: counts of text values, means of numbers."""
    core = {"id", "kind", "split", "whole_quotes", "question", "abstain_expected", "abstained", "answer", "citations_valid", "citations",
            "latency_ms", "resolved_query", "rank", "retrieval", "evidence_retrieved", "evidence_cited",
            "evidence_items", "facts_found", "facts", "citation_passage_hits", "citation_quote_hits", "passed",
            "reasons"}
    summary: dict = {}
    for name in sorted({k for r in results for k in r} - core):
        values = [r[name] for r in results if name in r]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            summary[name] = {"cases": len(values), "mean": round(sum(values) / len(values), 4)}
        else:
            counts: dict[str, int] = {}
            for v in values:
                key = str(v) if name == "backend" else "present"
                counts[key] = counts.get(key, 0) + 1
            summary[name] = counts
    return summary


def _fmt(name: str, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if name.endswith("_ms") else f"{value:.3f}"


def metrics_table(report: dict) -> list[list[str]]:
    """Rows: metric, gated run, each baseline mode, minimum, ok."""
    modes = [report["mode"], *report["baselines"]]
    rows = [["metric", *modes, "minimum", ""]]
    for name in METRIC_ORDER:
        minimum = report["thresholds"].get(name)
        value = report["metrics"].get(name)
        ok = "" if minimum is None else ("ok" if value >= minimum - 1e-9 else "BELOW")
        rows.append([name, _fmt(name, value), *[_fmt(name, report["baselines"][m].get(name)) for m in modes[1:]],
                     _fmt(name, minimum), ok])
    return rows


def split_table(report: dict) -> list[list[str]]:
    """Rows: metric, all cases, each split, then each split's minimum (empty when the cases have no splits)."""
    splits = report.get("splits") or {}
    if not splits:
        return []
    gates = report.get("split_thresholds") or {}
    gated = [s for s in splits if s in gates]
    rows = [["metric", f"all ({report['cases']})", *[f"{s} ({d['cases']})" for s, d in splits.items()],
             *[f"min {s}" for s in gated]]]
    for name in METRIC_ORDER:
        cells = [_fmt(name, report["metrics"].get(name)), *[_fmt(name, d["metrics"].get(name)) for d in splits.values()]]
        for s in gated:
            minimum = gates[s].get(name)
            below = minimum is not None and splits[s]["metrics"].get(name, 0.0) < minimum - 1e-9
            cells.append(_fmt(name, minimum) + (" BELOW" if below else ""))
        rows.append([name, *cells])
    return rows


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def format_console(report: dict) -> str:
    """The table `assistant eval` prints, then failing cases and changes since the baseline."""
    rows = metrics_table(report)
    lines = [f"Evaluation: {report['passed']}/{report['cases']} cases pass "
             f"(backend {report['backend']}, {report['mode']} retrieval)", ""]
    lines += _aligned(rows)
    split_rows = split_table(report)
    if split_rows:
        passes = ", ".join(f"{s} {d['passed']}/{d['cases']}" for s, d in report["splits"].items())
        lines += ["", f"Per split ({report['mode']} retrieval; passing: {passes}):"]
        lines += _aligned(split_rows)
    if report["failures"]:
        lines += ["", f"Failing cases ({len(report['failures'])}):"]
        lines += [f"  {f['id']}: {'; '.join(f['reasons'])}" for f in report["failures"]]
    for mode, cmp in report["compared_with_baselines"].items():
        lines.append("")
        lines.append(f"{report['mode']} vs {mode}: passes {len(cmp['passes_only_here'])} case(s) {mode} fails, "
                     f"fails {len(cmp['fails_only_here'])} it passes; evidence ranked higher in "
                     f"{len(cmp['ranks_better'])}, lower in {len(cmp['ranks_worse'])}")
        for key in ("passes_only_here", "fails_only_here", "ranks_worse"):
            if cmp[key]:
                lines.append(f"  {key.replace('_', ' ')}: {', '.join(cmp[key])}")
    if report["changed_since_baseline"]:
        lines += ["", "Changed since the baseline:"]
        lines += [f"  {c['id']}: {c['change']}" for c in report["changed_since_baseline"]]
    lines.append("")
    lines.append("PASS: every metric meets its threshold" if report["ok"]
                 else "FAIL: " + "; ".join(report["threshold_failures"]))
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def format_markdown(report: dict) -> str:
    """Markdown report: metrics, what hybrid adds or costs per case, changes, then every case (failing first)."""
    rows = metrics_table(report)
    out = [f"# Evaluation report", "",
           f"{report['passed']}/{report['cases']} cases pass with backend `{report['backend']}` and "
           f"{report['mode']} retrieval. " + ("Every gated metric meets its threshold." if report["ok"]
                                            else "Below threshold: " + "; ".join(report["threshold_failures"])),
           "", "## Metrics", "", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    split_rows = split_table(report)
    if split_rows:
        passes = ", ".join(f"{s} {d['passed']}/{d['cases']}" for s, d in report["splits"].items())
        out += ["", "## Metrics per split", "", f"{report['mode']} retrieval; cases passing: {passes}.", "",
                "| " + " | ".join(split_rows[0]) + " |", "|" + "---|" * len(split_rows[0])]
        out += ["| " + " | ".join(r) + " |" for r in split_rows[1:]]
    modes = list(report["baselines"])
    diff = [r for r in report["per_case"] if any(r["modes"][m]["passed"] != r["passed"] for m in modes)]
    out += ["", f"## Where {report['mode']} differs from the baselines", ""]
    if diff:
        out += ["| case | " + " | ".join([report["mode"], *modes]) + " |", "|---|" + "---|" * (len(modes) + 1)]
        for r in diff:
            cells = [_state(r)] + [_state(r["modes"][m]) for m in modes]
            out.append(f"| {r['id']} | " + " | ".join(cells) + " |")
    else:
        out.append("No case passes in one mode and fails in another.")
    ranked = [r for r in report["per_case"] if "rank" in r and any(r["modes"][m]["rank"] != r["rank"] for m in modes)]
    out += ["", f"## Evidence rank by mode (cases where the modes differ; - = not in the top 5)", ""]
    if ranked:
        out += ["| case | " + " | ".join([report["mode"], *modes]) + " |", "|---|" + "---|" * (len(modes) + 1)]
        for r in sorted(ranked, key=lambda r: r["id"]):
            out.append(f"| {r['id']} | " + " | ".join(str(x.get("rank") or "-") for x in [r, *[r["modes"][m] for m in modes]]) + " |")
    else:
        out.append("Every mode ranks the evidence the same.")
    if report["backend_fields"]:
        out += ["", "## Backend fields", "", "```json", json.dumps(report["backend_fields"], indent=2), "```"]
    out += ["", "Baseline runs reuse the query and sentence vectors the first run computed: compare latency "
            "between runs of the same mode, not across modes."]
    out += ["", "## Changed since the baseline", ""]
    changed = report["changed_since_baseline"]
    out += [f"- `{c['id']}`: {c['change']}" for c in changed] or ["Nothing changed."]
    out += ["", "## Cases (failing first)", "",
            "| case | kind | result | evidence rank | abstained | facts | why | answer |", "|---|---|---|---|---|---|---|---|"]
    for r in report["per_case"]:
        facts = f"{r['facts_found']}/{r['facts']}" if "facts" in r else "-"
        kind = f"{r['kind']} ({r['split']})" if r.get("split") else r["kind"]
        out.append("| " + " | ".join(_md_cell(x) for x in (
            r["id"], kind, "pass" if r["passed"] else "FAIL", r.get("rank") or "-",
            "yes" if r["abstained"] else "no", facts, "; ".join(r["reasons"]), r["answer"][:160])) + " |")
    return "\n".join(out) + "\n"


def _state(summary: dict) -> str:
    rank = summary.get("rank")
    return ("pass" if summary["passed"] else "fail") + (f" (rank {rank})" if rank else "")


def write_reports(report: dict, folder: Path) -> tuple[Path, Path]:
    """report.json and report.md in `folder` (created if needed)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        json_path, md_path = folder / "report.json", folder / "report.md"
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        md_path.write_text(format_markdown(report), encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"cannot write the report to {folder}: {exc.strerror or exc}") from None
    return json_path, md_path

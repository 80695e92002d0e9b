"""Figures per question language from `assistant eval` reports (report.json): pass rate, hit@5, MRR, ...

The cross-lingual set names each case's language in its id (xl-fr-..., xl-bs-..., xl-sr-cyrl-...; the blind sets: xlb-fr-..., xlb4-fr-...; the Dutch/German development sets: xlp-nl-..., xlq-, xlr-; the eighth session's probe: xls-); cases of
the English sets (any other id) count as English. Several reports (e.g. evals/cases.yaml, evals/realdocs and
evals/crosslingual with one model) are pooled by language, and each report is also shown on its own.
Usage: .venv/bin/python evals/by_language.py REPORT_DIR_OR_JSON [...] [--markdown]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from assistant.evaluation import aggregate

# Bosnian, Croatian and Serbian in Latin script are one group: one language for the questions' purposes.
GROUPS = {"fr": "French", "bs": "Bosnian/Croatian/Serbian (Latin)", "hr": "Bosnian/Croatian/Serbian (Latin)",
          "sr": "Bosnian/Croatian/Serbian (Latin)", "sr-cyrl": "Serbian (Cyrillic)", "nl": "Dutch", "de": "German"}
METRICS = ("pass_rate", "hit@5", "mrr", "fact_recall", "abstention_precision", "abstention_recall",
           "citation_validity")


def language_of(case_id: str) -> str:
    """The language group of a case, from its id (xl-<lang>-..., blind7xl-<lang>-...); English otherwise."""
    parts = case_id.split("-")
    if len(parts) < 3 or not re.fullmatch(r"xl[bpqrs]?\d*|blind\d+xl", parts[0]):
        return "English"
    code = "sr-cyrl" if parts[1] == "sr" and parts[2] == "cyrl" else parts[1]
    return GROUPS.get(code, code)


def by_language(results: list[dict]) -> dict[str, dict]:
    """Cases, passes and metrics per language group."""
    groups: dict[str, list[dict]] = {}
    for r in results:
        groups.setdefault(language_of(r["id"]), []).append(r)
    return {name: {"cases": len(rs), "passed": sum(r["passed"] for r in rs), "metrics": aggregate(rs)}
            for name, rs in sorted(groups.items())}


def _load(path: Path) -> dict:
    path = path / "report.json" if path.is_dir() else path
    return json.loads(path.read_text(encoding="utf-8"))


def table(rows: dict[str, dict]) -> list[str]:
    head = ["language", "cases passing", *METRICS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, row in rows.items():
        m = row["metrics"]
        lines.append("| " + " | ".join([name, f"{row['passed']}/{row['cases']}", *(f"{m[k]:.3f}" for k in METRICS)]) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path)
    args = parser.parse_args(argv)
    pooled: list[dict] = []
    for path in args.reports:
        report = _load(path)
        pooled += report["per_case"]
        print(f"\n{path}:")
        print("\n".join(table(by_language(report["per_case"]))))
        for split in ("tuning", "test"):
            subset = [r for r in report["per_case"] if r.get("split") == split]
            if subset:
                print(f"\n{path} ({split} split):")
                print("\n".join(table(by_language(subset))))
    if len(args.reports) > 1:
        print("\nAll reports pooled:")
        print("\n".join(table(by_language(pooled))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

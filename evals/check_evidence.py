"""Check an evaluation set's evidence and facts against the raw documents, without building an index.

    .venv/bin/python evals/check_evidence.py evals/blind/cases.yaml [--docs DIR ...]

For every answerable case: each evidence alternative must occur verbatim in one of the case's sources (raw
text: .txt/.md as stored, .pdf as pypdf extracts it), ignoring case, whitespace runs and straight vs curly
quotes; it must be 5-15 words long and hold no en dash. Every fact item should have an alternative that occurs
in the sentence around one of the evidence matches: the sentence is found heuristically (a blank line also ends
it, which splits Markdown list items), so a fact outside it is a warning. Exits 1 if any evidence is wrong.
The default document folders are sources/ and ../shared/realdocs (the real-document corpus).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from assistant.evaluation import snippet_pattern as pattern  # the evaluation's own matching

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = (ROOT / "sources", ROOT.parent / "shared" / "realdocs")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")


def raw_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


def sentence_around(text: str, start: int, end: int) -> str:
    """The text from the previous sentence end (or blank line) before `start` to the next one after `end`."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    return text[left:m.end() if m else len(text)]


def check(cases: list[dict], docs: list[Path]) -> tuple[list[str], list[str]]:
    """(problems, warnings) for the cases' evidence and facts."""
    texts: dict[str, str | None] = {}

    def text(name: str) -> str | None:
        if name not in texts:
            found = next((d / name for d in docs if (d / name).is_file()), None)
            texts[name] = raw_text(found) if found else None
        return texts[name]

    problems: list[str] = []
    warnings: list[str] = []
    for case in cases:
        cid = case.get("id")
        if case.get("abstain"):
            continue
        sources = case.get("sources") or []
        for s in sources:
            if text(s) is None:
                problems.append(f"{cid}: source {s} not found")
        sentences: list[str] = []
        for item in case.get("evidence") or []:
            alts = item if isinstance(item, list) else [item]
            hit = False
            for alt in alts:
                words = len(alt.split())
                if not 5 <= words <= 15:
                    problems.append(f"{cid}: evidence {alt!r} has {words} words (5-15)")
                if "–" in alt:
                    problems.append(f"{cid}: evidence {alt!r} holds an en dash")
                for s in sources:
                    t = text(s)
                    for m in pattern(alt).finditer(t or ""):
                        hit = True
                        sentences.append(sentence_around(t, m.start(), m.end()))
            if not hit:
                problems.append(f"{cid}: evidence {alts[0]!r} not verbatim in {', '.join(sources)}")
        for item in case.get("facts") or []:
            alts = item if isinstance(item, list) else [item]
            if not any(pattern(a).search(sent) for a in alts for sent in sentences):
                warnings.append(f"{cid}: fact {alts[0]!r} not in the sentence of any evidence match")
    return problems, warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path, nargs="+")
    parser.add_argument("--docs", type=Path, action="append", help="document folder (repeatable)")
    args = parser.parse_args(argv)
    docs = args.docs or list(DEFAULT_DOCS)
    cases = [c for f in args.cases for c in yaml.safe_load(f.read_text(encoding="utf-8"))]
    problems, warnings = check(cases, docs)
    for p in problems:
        print(p)
    for w in warnings:
        print("warning:", w)
    print(f"{len(cases)} cases, {len(problems)} problems, {len(warnings)} warnings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluation: run the eval set through the assistant and score retrieval, citations, answers, abstention."""
from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import yaml
from llama_index.core.evaluation.retrieval.metrics import MRR, NDCG, HitRate

from .errors import AssistantError, EvalError
from .retrieval import fold
from .schema import Answer, Chunk

MODES = ("hybrid", "keyword", "dense")
KINDS = ("factual", "list", "process", "comparison", "paraphrase", "acronym", "misspelling", "followup",
         "false-premise", "off-topic", "not-covered", "injection", "reference", "definition", "symbol",
         "cross-document")
# "" = not assigned; "tuning" cases may be looked at while tuning, "test" cases only as a figure.
SPLITS = ("", "tuning", "test")
CASE_FILES = ("*.yaml", "*.yml", "*.jsonl")
# Fields every backend fills; anything else on an Answer is reported per backend as an extra.
_CORE_ANSWER_FIELDS = {"question", "text", "abstained", "citations", "passages", "timings_ms", "query"}
_CORE_TIMINGS = {"retrieve", "answer", "total"}
_MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Case:
    """One evaluation question with what a correct answer must retrieve, cite and say (or that it declines)."""

    id: str
    question: str
    kind: str
    history: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[tuple[str, ...], ...] = ()  # every item must be retrieved and cited; an item lists alternatives
    facts: tuple[tuple[str, ...], ...] = ()  # every item must appear in the answer; an item lists alternatives
    abstain: bool = False
    split: str = ""


def _alternatives(value, where: str) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise EvalError(f"{where} must be a list of strings (or of lists of alternative strings)")
    out = []
    for item in value:
        alts = item if isinstance(item, list) else [item]
        if not alts or not all(isinstance(a, str) and a.strip() for a in alts):
            raise EvalError(f"{where} has an empty or non-text item: {item!r}")
        out.append(tuple(alts))
    return tuple(out)


def case_files(path: Path) -> list[Path]:
    """The files of an evaluation set: the file itself, or every *.yaml/*.yml/*.jsonl in a folder, sorted."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    files = sorted({f for pattern in CASE_FILES for f in path.glob(pattern) if f.is_file()})
    if not files:
        raise EvalError(f"the evaluation folder {path} holds no {', '.join(CASE_FILES)} files")
    return files


def load_cases(path: Path) -> list[Case]:
    """Cases from a YAML list, a JSON Lines file, or a folder of them (ids unique across its files).

    EvalError says which case is malformed and why."""
    cases: list[Case] = []
    seen: dict[str, Path] = {}
    for file in case_files(path):
        cases += _load_file(file, seen)
    return cases


def _load_file(path: Path, seen: dict[str, Path]) -> list[Case]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"cannot read the evaluation set {path}: {exc.strerror or exc}") from None
    try:
        if str(path).endswith(".jsonl"):
            raw = [yaml.safe_load(line) for line in text.splitlines() if line.strip()]
        else:
            raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise EvalError(f"{path} is not valid YAML/JSON: {exc}") from None
    if not isinstance(raw, list) or not raw:
        raise EvalError(f"{path} must hold a non-empty list of cases")
    cases = []
    allowed = {f.name for f in dataclasses.fields(Case)}
    for i, item in enumerate(raw, start=1):
        where = f"{path}: case {i}"
        if not isinstance(item, dict):
            raise EvalError(f"{where} must be a mapping with id, question, ...")
        where = f"{path}: case {item.get('id') or i}"
        unknown = set(item) - allowed
        if unknown:
            raise EvalError(f"{where} has unknown fields {sorted(unknown)} (known: {sorted(allowed)})")
        cid, question = item.get("id"), item.get("question")
        if not isinstance(cid, str) or not cid.strip():
            raise EvalError(f"{where} needs an id")
        if cid in seen:
            elsewhere = "" if seen[cid] == Path(path) else f" (also in {seen[cid]})"
            raise EvalError(f"{where}: duplicate id{elsewhere}")
        seen[cid] = Path(path)
        if not isinstance(question, str) or not question.strip():
            raise EvalError(f"{where} needs a question")
        kind = item.get("kind", "factual")
        if kind not in KINDS:
            raise EvalError(f"{where}: kind must be one of {', '.join(KINDS)} (got {kind!r})")
        history = item.get("history") or []
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise EvalError(f"{where}: history must be a list of earlier questions")
        sources = item.get("sources") or []
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise EvalError(f"{where}: sources must be a list of paths relative to the sources folder")
        split = item.get("split") or ""
        if split not in SPLITS:
            raise EvalError(f"{where}: split must be tuning or test (got {split!r})")
        case = Case(cid, question, kind, tuple(history), tuple(sources),
                    _alternatives(item.get("evidence"), f"{where}: evidence"),
                    _alternatives(item.get("facts"), f"{where}: facts"), bool(item.get("abstain", False)), split)
        if case.abstain and (case.evidence or case.facts):
            raise EvalError(f"{where}: a case that must abstain has no evidence or facts")
        if not case.abstain and not (case.evidence and case.facts and case.sources):
            raise EvalError(f"{where} needs sources, evidence and facts (or abstain: true)")
        cases.append(case)
    return cases


def snippet_pattern(snippet: str) -> re.Pattern:
    """Regex for a snippet that tolerates case, whitespace runs and straight vs curly quotes."""
    parts = []
    for ch in snippet.strip():
        if ch.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in "'’‘":
            parts.append("['’‘]")
        elif ch in '"“”':
            parts.append('["“”]')
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts), re.IGNORECASE)


def contains(text: str, snippet: str) -> bool:
    """Whether `snippet` occurs in `text`, ignoring case, accents, whitespace runs and quote styles."""
    return bool(snippet_pattern(fold(snippet)).search(fold(text)))


Span = tuple[str, int, int]  # source, start, end in the document text


class EvidenceIndex:
    """Where each case's evidence lies in the indexed documents, and which passages hold it."""

    def __init__(self, document_text: Callable[[str], str | None], chunks: Sequence[Chunk]):
        self._document_text = document_text
        self._texts: dict[str, str | None] = {}
        self.chunks = list(chunks)

    def text(self, source: str) -> str | None:
        if source not in self._texts:
            self._texts[source] = self._document_text(source)
        return self._texts[source]

    def spans(self, case: Case) -> list[list[Span]]:
        """For each evidence item, every place one of its alternatives occurs in the case's sources."""
        out = []
        for item in case.evidence:
            found = [(s, m.start(), m.end()) for s in case.sources for alt in item
                     if self.text(s) is not None for m in snippet_pattern(alt).finditer(self.text(s))]
            out.append(found)
        return out

    def validate(self, cases: Iterable[Case]) -> None:
        """EvalError naming every case whose sources are not indexed or whose evidence is not in them."""
        problems = []
        for case in cases:
            missing = [s for s in case.sources if self.text(s) is None]
            if missing:
                problems.append(f"{case.id}: source(s) not in the index: {', '.join(missing)}")
                continue
            for item, spans in zip(case.evidence, self.spans(case)):
                if not spans:
                    problems.append(f"{case.id}: evidence {item[0]!r} not found in {', '.join(case.sources)}")
        if problems:
            raise EvalError("the evaluation set does not match the indexed sources:\n  " + "\n  ".join(problems))

    def relevant(self, spans: list[list[Span]]) -> list[set[str]]:
        """For each evidence item, the ids of the passages that overlap one of its places."""
        return [{c.chunk_id for c in self.chunks for s, a, b in item if c.source == s and c.start < b and a < c.end}
                for item in spans]


def retrieval_scores(relevant: set[str], retrieved: Sequence[str]) -> dict[str, float]:
    """hit@1/3/5, MRR and nDCG@5 of one ranking, computed with llama-index's retrieval metrics."""
    if not relevant or not retrieved:
        return {"hit@1": 0.0, "hit@3": 0.0, "hit@5": 0.0, "mrr": 0.0, "ndcg@5": 0.0}
    expected, top = sorted(relevant), list(retrieved)[:5]
    if len(expected) <= 5:
        ndcg = NDCG().compute(expected_ids=expected, retrieved_ids=top).score
    else:  # llama-index's ideal DCG spans every relevant passage; @5 allows only five
        dcg = sum(1 / np.log2(i + 2) for i, d in enumerate(top) if d in relevant)
        ndcg = float(dcg / sum(1 / np.log2(i + 2) for i in range(5)))
    return {
        "hit@1": HitRate().compute(expected_ids=expected, retrieved_ids=top[:1]).score,
        "hit@3": HitRate().compute(expected_ids=expected, retrieved_ids=top[:3]).score,
        "hit@5": HitRate().compute(expected_ids=expected, retrieved_ids=top).score,
        "mrr": MRR().compute(expected_ids=expected, retrieved_ids=top).score,
        "ndcg@5": ndcg,
    }


def citation_problems(answer: Answer, document_text: Callable[[str], str | None]) -> list[str]:
    """Why the answer's citations are invalid: unresolved or unused markers, quotes not at their offsets."""
    problems = []
    numbers = [c.n for c in answer.citations]
    if len(set(numbers)) != len(numbers):
        problems.append("citation numbers repeat")
    markers = {int(m) for m in _MARKER.findall(answer.text)}
    for n in sorted(markers - set(numbers)):
        problems.append(f"[{n}] resolves to no citation")
    for n in sorted(set(numbers) - markers):
        problems.append(f"citation {n} is never referenced")
    if not answer.abstained and not answer.citations:
        problems.append("an answer without any citation")
    for c in answer.citations:
        text = document_text(c.source)
        if text is None:
            problems.append(f"[{c.n}] cites {c.source}, which is not in the index")
        elif text[c.start:c.end] != c.quote:
            problems.append(f"[{c.n}] quote is not verbatim at {c.source}[{c.start}:{c.end}]")
    return problems


_OPENERS = "\"'“‘«([{"
_CLOSERS = "\"'”’»)]}"
_LIST_MARKER = re.compile(r"^\s*(?:[-*•–·]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)])(?:\s+|$)")
_ENDS_SENTENCE = re.compile(r"[.;:!?][" + re.escape(_CLOSERS) + r"]*$")


def is_whole_quote(quote: str, before: str | None = None, after: str | None = None) -> bool:
    """Whether a quote is a whole sentence or list item rather than a fragment.

    A quote that is its line's whole text (a paragraph) is whole. Otherwise it starts with an uppercase
    letter, a digit, an opening quote or bracket, or a list marker, and ends with
    . ; : ! ? (optionally followed by closing quotes or brackets) -- or it is a list item (it starts with a
    marker, or only a marker precedes it on its line: `before`) that ends its line (`after` is the rest of that
    line)."""
    q = quote.strip()
    if not q:
        return False
    if before is not None and after is not None and not before.strip().lstrip("#").strip() and not after.strip():
        # (a Markdown heading's "## " marks are no text: a title quoted without them is its whole line)
        # Whole lines: a paragraph (a preambular clause ends with a comma, a dated line with no stop at all),
        # or a lead-in with its bulleted items.
        return True
    if "\n" in q and after is not None and not after.strip() and (q[0].isupper() or q[0] in _OPENERS):
        return True  # a lead-in sentence and the items it introduces, to the end of the last item's line
    before, after = before or "", after or ""
    marker = bool(_LIST_MARKER.match(q)) or bool(before.strip() and _LIST_MARKER.fullmatch(before.rstrip() + " "))
    if not (q[0].isupper() or q[0].isdigit() or q[0] in _OPENERS or marker):
        return False
    if _ENDS_SENTENCE.search(q):
        return True
    return marker and not after.strip()


def whole_quote_count(answer: Answer, document_text: Callable[[str], str | None]) -> int:
    """How many of the answer's citations quote a whole sentence or list item (see is_whole_quote)."""
    count = 0
    for c in answer.citations:
        text = document_text(c.source) or ""
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.end)
        before = text[line_start:c.start] if 0 <= c.start <= len(text) else ""
        after = text[c.end:line_end if line_end >= 0 else len(text)] if 0 <= c.end <= len(text) else ""
        count += is_whole_quote(c.quote, before, after)
    return count


def _overlaps(source: str, start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(s == source and start < b and a < end for s, a, b in spans)


def backend_extras(answer: Answer) -> dict:
    """Fields a backend adds beyond the core ones (its name, notices, own timings, extra attributes)."""
    extras: dict = {"backend": answer.backend}
    if answer.notice:
        extras["notice"] = answer.notice
    for f in dataclasses.fields(answer):
        if f.name not in _CORE_ANSWER_FIELDS | {"backend", "notice"}:
            value = getattr(answer, f.name)
            if value is not None and value != f.default:
                extras[f.name] = value if isinstance(value, (str, int, float, bool)) else repr(value)
    for key, ms in answer.timings_ms.items():
        if key not in _CORE_TIMINGS:
            extras[f"{key}_ms"] = round(float(ms), 1)
    return extras


def score_case(case: Case, answer: Answer, latency_ms: float, evidence: EvidenceIndex) -> dict:
    """Per-case result: retrieval scores, citation checks, facts found, abstention, pass/fail with reasons."""
    reasons: list[str] = []
    problems = citation_problems(answer, evidence.text)
    reasons += [f"citation: {p}" for p in problems]
    retrieved = [p.chunk.chunk_id for p in answer.passages]
    result = {
        "id": case.id, "kind": case.kind, "split": case.split, "question": case.question,
        "abstain_expected": case.abstain, "abstained": answer.abstained, "answer": answer.text,
        "citations_valid": not problems, "citations": len(answer.citations),
        "whole_quotes": whole_quote_count(answer, evidence.text), "latency_ms": round(latency_ms, 1), **backend_extras(answer),
    }
    if answer.query and answer.query != case.question:
        result["resolved_query"] = answer.query
    if case.abstain:
        if not answer.abstained:
            reasons.append("answered a question it must decline")
        result.update(passed=not reasons, reasons=reasons)
        return result
    spans = evidence.spans(case)
    relevant_items = evidence.relevant(spans)
    relevant = set().union(*relevant_items)
    scores = retrieval_scores(relevant, retrieved)
    rank = next((i + 1 for i, cid in enumerate(retrieved) if cid in relevant), None)
    retrieved_items = [bool(r & set(retrieved[:5])) for r in relevant_items]
    cited_items = [any(_overlaps(c.source, c.start, c.end, item) for c in answer.citations) for item in spans]
    all_spans = [s for item in spans for s in item]
    quote_hits = sum(_overlaps(c.source, c.start, c.end, all_spans) for c in answer.citations)
    passage_hits = sum((c.chunk_id in relevant) if c.chunk_id else _overlaps(c.source, c.start, c.end, all_spans)
                       for c in answer.citations)
    # (A line that asks and cites nothing is no claim: a message of two questions is answered under each of them.)
    claims = "\n".join(line for line in answer.text.split("\n")
                       if not (line.rstrip().endswith("?") and not _MARKER.search(line)))
    facts_found = [any(contains(claims, alt) for alt in item) for item in case.facts]
    if answer.abstained:
        reasons.append("abstained on an answerable question")
    for item, ok, cited in zip(case.evidence, retrieved_items, cited_items):
        # An item the answer quotes was found, wherever its passage is shown: a list of 13 norms runs over more
        # passages than the first five (hit@k still counts the first five only).
        if not ok and not cited:
            reasons.append(f"evidence not retrieved: {item[0]!r}")
    for item, ok in zip(case.evidence, cited_items):
        if not ok and not answer.abstained:
            reasons.append(f"evidence not cited: {item[0]!r}")
    for item, ok in zip(case.facts, facts_found):
        if not ok and not answer.abstained:
            reasons.append(f"missing fact: {item[0]!r}")
    result.update(
        rank=rank, retrieval=scores, evidence_retrieved=sum(retrieved_items), evidence_cited=sum(cited_items),
        evidence_items=len(case.evidence), facts_found=sum(facts_found), facts=len(case.facts),
        citation_passage_hits=passage_hits, citation_quote_hits=quote_hits, passed=not reasons, reasons=reasons,
    )
    return result


def _ratio(num: float, den: float, empty: float) -> float:
    return float(num / den) if den else empty


def aggregate(results: Sequence[dict]) -> dict[str, float]:
    """The metrics of one run over all cases (means over answerable cases for retrieval and answers)."""
    answerable = [r for r in results if not r["abstain_expected"]]
    declinable = [r for r in results if r["abstain_expected"]]
    abstained = [r for r in results if r["abstained"]]
    answered = [r for r in answerable if not r["abstained"]]
    latencies = [r["latency_ms"] for r in results]
    metrics = {"pass_rate": _ratio(sum(r["passed"] for r in results), len(results), 0.0)}
    for key in ("hit@1", "hit@3", "hit@5", "mrr", "ndcg@5"):
        metrics[key] = _ratio(sum(r["retrieval"][key] for r in answerable), len(answerable), 0.0)
    metrics["evidence_cited"] = _ratio(sum(r["evidence_cited"] for r in answerable),
                                       sum(r["evidence_items"] for r in answerable), 0.0)
    metrics["citation_validity"] = _ratio(sum(r["citations_valid"] for r in results), len(results), 0.0)
    cites = sum(r["citations"] for r in answered)
    metrics["citation_precision"] = _ratio(sum(r["citation_passage_hits"] for r in answered), cites, 0.0)
    metrics["quote_precision"] = _ratio(sum(r["citation_quote_hits"] for r in answered), cites, 0.0)
    # Every answer's quotes, declines included: a fragment is a fragment whatever the case.
    metrics["whole_quotes"] = _ratio(sum(r.get("whole_quotes", 0) for r in results),
                                     sum(r["citations"] for r in results), 0.0)
    metrics["fact_recall"] = _ratio(sum(r["facts_found"] for r in answerable), sum(r["facts"] for r in answerable), 0.0)
    # Nothing declined: precision is 0 when something should have been (sklearn's zero_division=0).
    metrics["abstention_precision"] = _ratio(sum(r["abstain_expected"] for r in abstained), len(abstained),
                                             0.0 if declinable else 1.0)
    metrics["abstention_recall"] = _ratio(sum(r["abstained"] for r in declinable), len(declinable), 1.0)
    metrics["answer_rate"] = _ratio(len(answered), len(answerable), 1.0)
    metrics["latency_p50_ms"] = float(np.percentile(latencies, 50)) if latencies else 0.0
    metrics["latency_p95_ms"] = float(np.percentile(latencies, 95)) if latencies else 0.0
    return {k: round(v, 4) for k, v in metrics.items()}


@dataclass
class Run:
    """Per-case results and metrics of one retrieval mode."""

    mode: str
    results: list[dict] = field(default_factory=list)

    @property
    def metrics(self) -> dict[str, float]:
        return aggregate(self.results)


def run_cases(assistant, cases: Sequence[Case], mode: str = "hybrid", progress: Callable[[str], None] | None = None,
              evidence: EvidenceIndex | None = None) -> Run:
    """Ask every case through the facade (whatever backend it is configured with) in one retrieval mode."""
    evidence = evidence or EvidenceIndex(assistant.document_text, assistant.retriever.chunks)
    run = Run(mode)
    for case in cases:
        t0 = time.perf_counter()
        try:
            answer = assistant.ask(case.question, history=list(case.history), mode=mode)
        except AssistantError as exc:  # a backend failure is a failed case, not a crashed run
            answer = Answer(question=case.question, text=f"error: {exc}", abstained=False, citations=(),
                            passages=(), backend="error")
        latency = (time.perf_counter() - t0) * 1000
        run.results.append(score_case(case, answer, latency, evidence))
        if progress:
            progress(f"{mode} {case.id}")
    return run


def evaluate(assistant, cases: Sequence[Case], modes: Sequence[str] = MODES,
             progress: Callable[[str], None] | None = None) -> dict[str, Run]:
    """Runs of every mode over the same cases; the first mode is the one gated by the thresholds."""
    for mode in modes:
        if mode not in MODES:
            raise EvalError(f"mode must be one of {', '.join(MODES)} (got {mode!r})")
    evidence = EvidenceIndex(assistant.document_text, assistant.retriever.chunks)
    evidence.validate(cases)
    return {mode: run_cases(assistant, cases, mode, progress, evidence) for mode in modes}

"""Briefing packs for trainers: key points, glossary, timeline, who's who and a quiz, every line a cited quote.

The pack is assembled from quotable units (whole sentences, numbered paragraphs, a lead-in with its list) of
the passages about a topic, or of every passage for the topic `all`. No LLM: each entry's text is a verbatim
piece of a unit, and the unit is the entry's citation, with its locator and document offsets.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from typing import Sequence

from . import acronyms, glossary, people, quiz, scoping, timeline
from .answer import Unit, is_instruction, passage_units
from .citing import cite
from .retrieval import tokenize
from .schema import Citation, Passage, SourceMeta

FORUMS = ("UN", "OSCE", "EU", "NATO", "Council of Europe", "National")
ALL = "all"


@dataclass(frozen=True)
class KeyPoint:
    text: str
    forum: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # ISO: 2025-03-17, 2021-03 or 2016
    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class PersonEntry:
    name: str
    role: str
    kind: str  # "person" | "body"
    citations: tuple[int, ...]


@dataclass(frozen=True)
class QuizEntry:
    question: str
    answer: str
    kind: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Overview:
    """Prose from an LLM backend, every sentence kept only after the grounding check (assistant/grounding.py)."""

    text: str  # with [n] markers into the pack's citations
    citations: tuple[int, ...]
    support_rate: float
    notice: str | None = None


@dataclass(frozen=True)
class BriefingPack:
    """A topic's pack: five sections whose items cite the pack's `citations` by their `n`."""

    topic: str
    key_points: tuple[KeyPoint, ...]
    glossary: tuple[GlossaryEntry, ...]
    timeline: tuple[TimelineEntry, ...]
    people: tuple[PersonEntry, ...]
    quiz: tuple[QuizEntry, ...]
    citations: tuple[Citation, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    overview: Overview | None = None

    def to_json(self) -> dict:
        """The `assistant brief --json` contract; citations have the fields of `ask --json` citations."""
        from .schema import Answer

        cites = Answer("", "", False, self.citations, ()).to_json()["citations"]
        return {
            "topic": self.topic,
            "sections": {
                "key_points": [{"text": k.text, "forum": k.forum, "citations": list(k.citations)} for k in self.key_points],
                "glossary": [{"term": g.term, "definition": g.definition, "citations": list(g.citations)}
                             for g in self.glossary],
                "timeline": [{"date": t.date, "text": t.text, "citations": list(t.citations)} for t in self.timeline],
                "people": [{"name": p.name, "role": p.role, "kind": p.kind, "citations": list(p.citations)}
                           for p in self.people],
                "quiz": [{"question": q.question, "answer": q.answer, "kind": q.kind, "citations": list(q.citations)}
                         for q in self.quiz],
            },
            "citations": cites,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        } | ({"overview": {"text": self.overview.text, "citations": list(self.overview.citations),
                            "support_rate": round(self.overview.support_rate, 4), "notice": self.overview.notice}}
             if self.overview else {})


def forum(meta: SourceMeta) -> str:
    """The forum a document belongs to, from its symbol, publisher and title."""
    text = " ".join(x for x in (meta.symbol, meta.publisher, meta.title) if x)
    if (meta.symbol or "").startswith(("A/", "S/", "E/")) or re.search(r"United Nations|\bUN\b|General Assembly", text):
        return "UN"
    if re.search(r"\bOSCE\b|Organi[sz]ation for Security and Co-operation", text):
        return "OSCE"
    if re.search(r"\bNATO\b|North Atlantic", text):
        return "NATO"
    if re.search(r"Council of Europe|\bETS\b|Budapest Convention", text):
        return "Council of Europe"
    if re.search(r"\bEU\b|European Union|\bEEAS\b|European Commission|Council of the EU", text):
        return "EU"
    return "National"


@dataclass(frozen=True)
class Limits:
    """How much a pack holds; thresholds set on the tuning split (evals/briefing/README.md)."""

    key_points: int = 12
    per_document: int = 3
    min_words: int = 8
    max_words: int = 120
    duplicate_overlap: float = 0.6  # token Jaccard at or above which a statement repeats one already taken
    min_score: float = 0.50  # a topic's key points: the answerer's support score at least this (swept 0.2-0.6)
    glossary: int = 150
    timeline: int = 150
    people: int = 100
    quiz: int = 10


class _Citations:
    """Numbers each cited unit once, in order of first use."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, int, int], Citation] = {}

    def of(self, unit: Unit) -> int:
        key = (unit.passage.chunk.source, unit.start, unit.end)
        c = self.by_key.get(key)
        if c is None:
            c = cite(len(self.by_key) + 1, unit.passage.chunk, unit.start, unit.end, unit.text)
            self.by_key[key] = c
        return c.n


def _tokens(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def _quotable(u: Unit, limits: Limits) -> bool:
    words = len(u.text.split())
    return limits.min_words <= words <= limits.max_words and not is_instruction(u.text)


def key_points(units: Sequence[Unit], scores: Sequence[float], limits: Limits, topic: str) -> list[tuple[Unit, float]]:
    """The best-scoring distinct statements, at most `per_document` from one document."""
    ranked = sorted(zip(units, scores), key=lambda us: -us[1])
    taken: list[tuple[Unit, float]] = []
    seen: list[frozenset[str]] = []
    per_doc: dict[str, int] = {}
    for u, s in ranked:
        if len(taken) >= limits.key_points:
            break
        if topic != ALL and s < limits.min_score:
            break
        if not _quotable(u, limits) or per_doc.get(u.passage.chunk.source, 0) >= limits.per_document:
            continue
        toks = _tokens(u.text)
        if any(len(toks & t) / max(1, len(toks | t)) >= limits.duplicate_overlap for t in seen):
            continue
        taken.append((u, s))
        seen.append(toks)
        per_doc[u.passage.chunk.source] = per_doc.get(u.passage.chunk.source, 0) + 1
    return taken


def centrality(units: Sequence[Unit], lookup) -> list[float]:
    """Each unit's cosine with the mean of its document's units: what a document is most about (topic `all`).

    `lookup(chunk_ids)` gives the unit vectors stored at ingest; a unit without one (past the model's window)
    scores 0 rather than being embedded now, which would take minutes over a whole index on 2 cores.
    """
    import numpy as np

    stored = lookup(list(dict.fromkeys(u.passage.chunk.chunk_id for u in units))) if units else {}
    dim = next((m.shape[1] for m in stored.values() if getattr(m, "ndim", 0) == 2), 0)
    if not dim:
        return [0.0] * len(units)
    vectors = np.zeros((len(units), dim), dtype=np.float32)
    for i, u in enumerate(units):
        m = stored.get(u.passage.chunk.chunk_id)
        if m is not None and u.k < len(m):
            vectors[i] = m[u.k]
    by_doc: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        by_doc.setdefault(u.passage.chunk.source, []).append(i)
    scores = [0.0] * len(units)
    for rows in by_doc.values():
        rows = [i for i in rows if vectors[i].any()]
        if not rows:
            continue
        mean = vectors[rows].mean(axis=0)
        mean = mean / (np.linalg.norm(mean) or 1.0)
        for i, v in zip(rows, vectors[rows] @ mean):
            scores[i] = float(v)
    return scores


def prepare(retriever, scorer, topic: str, filters=None, passages: int = 20, limits: Limits = Limits()) -> BriefingPack:
    """The pack on `topic`: its passages retrieved (every passage for `all`), their units scored, then assembled.

    `scorer` is the extractive answerer, whose support score ranks a topic's statements as it ranks an answer's.
    """
    t0 = time.perf_counter()
    if topic.casefold() == ALL:
        chunks = [c for c in scoping.documents_of(retriever.keyword).chunks_in(()) if not filters or filters.allows(c)]
        found = [Passage(c, 1.0) for c in chunks]
    else:
        query = acronyms.expand(topic, retriever.keyword)  # "CBMs" also finds "confidence-building measures"
        found = sorted(retriever.search(query, passages, filters), key=lambda p: (p.chunk.source, p.chunk.start))
    units = [u for rank, p in enumerate(found) for u in passage_units(rank, p)]
    t1 = time.perf_counter()
    if topic.casefold() == ALL:
        scores = centrality(units, retriever.store.unit_vectors)
    else:
        scores = scorer.score_units(query, units) if units else []
    t2 = time.perf_counter()
    pack = build(topic, units, scores, limits)
    t3 = time.perf_counter()
    return replace(pack, timings_ms={"retrieve": (t1 - t0) * 1000, "score": (t2 - t1) * 1000,
                                     "assemble": (t3 - t2) * 1000})


def build(topic: str, units: Sequence[Unit], scores: Sequence[float], limits: Limits = Limits()) -> BriefingPack:
    """Assemble a pack from the topic's units (document order) and each unit's relevance score."""
    # lines of a source that address an AI are data, never quoted (as in answers)
    pairs = [(u, s) for u, s in zip(units, scores) if not is_instruction(u.text)]
    units = [u for u, _ in pairs]
    cites = _Citations()
    # Key points, grouped by forum in a fixed order, best first inside each group.
    chosen = key_points(units, [s for _, s in pairs], limits, topic)
    kps = [KeyPoint(u.text, forum(u.passage.chunk.meta), (cites.of(u),)) for u, _ in chosen]
    kps.sort(key=lambda k: FORUMS.index(k.forum))

    if topic != ALL:
        # The other sections read only the passages about the topic: those with a unit scoring as a key point could.
        about = {u.passage.chunk.chunk_id for u, s in pairs if s >= limits.min_score}
        units = [u for u in units if u.passage.chunk.chunk_id in about]
    gloss: dict[str, GlossaryEntry] = {}
    dates: dict[tuple[str, str], TimelineEntry] = {}
    persons: dict[str, PersonEntry] = {}
    facts: list[quiz.Fact] = []
    for u in units:
        for t in glossary.find_terms(u.text):
            key = re.sub(r"s$", "", t.term.casefold()) if t.kind == "acronym" else t.term.casefold()
            if key not in gloss and len(gloss) < limits.glossary:
                gloss[key] = GlossaryEntry(t.term, t.definition, (cites.of(u),))
                if t.kind == "acronym":
                    facts.append(quiz.Fact("acronym", u, u.text, t.start, t.end, t.term))
                else:
                    term_at = u.text.find(t.term, t.start)
                    if term_at >= 0:
                        facts.append(quiz.Fact("term", u, u.text, term_at, term_at + len(t.term)))
        for d in timeline.find_dates(u.text):
            s, e = timeline.clause_around(u.text, d.start, d.end)
            text = u.text[s:e]
            if (d.iso, text) not in dates and len(dates) < limits.timeline:
                dates[(d.iso, text)] = TimelineEntry(d.iso, text, (cites.of(u),))
                facts.append(quiz.Fact("date", u, u.text, d.start, d.end))
        for p in people.find_people(u.text):
            key = p.name.casefold()
            if key not in persons and len(persons) < limits.people:
                persons[key] = PersonEntry(p.name, p.role, p.kind, (cites.of(u),))
                at = u.text.find(p.name)
                if at >= 0:
                    facts.append(quiz.Fact(p.kind, u, u.text, at, at + len(p.name)))
    for u, _ in chosen:
        for s, e in quiz.numbers(u.text):
            facts.append(quiz.Fact("number", u, u.text, s, e))
    questions = quiz.make_quiz(facts, limits.quiz)
    quiz_entries = [QuizEntry(q.question, q.answer, q.kind, (cites.of(q.unit_key),)) for q in questions]
    return BriefingPack(
        topic=topic, key_points=tuple(kps), glossary=tuple(sorted(gloss.values(), key=lambda g: g.term.casefold())),
        timeline=tuple(sorted(dates.values(), key=lambda t: t.date)), people=tuple(persons.values()),
        quiz=tuple(quiz_entries), citations=tuple(sorted(cites.by_key.values(), key=lambda c: c.n)),
    )


def with_overview(pack: BriefingPack, answer) -> BriefingPack:
    """The pack with an LLM answer's checked sentences as its overview; the answer's citations join the pack's,
    renumbered (a quote the pack already cites keeps its number)."""
    by_key = {(c.source, c.start, c.end): c.n for c in pack.citations}
    added: list[Citation] = []
    renumber: dict[int, int] = {}
    for c in answer.citations:
        key = (c.source, c.start, c.end)
        if key not in by_key:
            by_key[key] = len(pack.citations) + len(added) + 1
            added.append(replace(c, n=by_key[key]))
        renumber[c.n] = by_key[key]
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", answer.text)
    overview = Overview(text, tuple(sorted(set(renumber.values()))), answer.support_rate, answer.notice)
    return replace(pack, citations=pack.citations + tuple(added), overview=overview)

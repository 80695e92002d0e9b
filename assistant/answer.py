"""The answering seam and its default: an extractive answerer that quotes the passages verbatim."""
from __future__ import annotations

import difflib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol, Sequence

import numpy as np

from .chunking import parse_blocks, split_sentences
from .retrieval import KeywordIndex, fold, tokenize
from .schema import Answer, Citation, Passage

ABSTAIN_TEXT = "The sources do not answer this question."


class Answerer(Protocol):
    """Writes an answer to `question` from `passages` only; every sentence carries [n] markers."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], query: str | None = None,
               query_vec: np.ndarray | None = None) -> Answer: ...


@dataclass(frozen=True)
class Unit:
    """A quotable piece of a passage: a sentence, or a lead-in sentence with its list."""

    passage_rank: int
    passage: Passage
    start: int  # absolute offsets in the document text
    end: int
    text: str
    is_list: bool


def passage_units(rank: int, passage: Passage) -> list[Unit]:
    """Sentences and lists of a passage, headings left out, with document offsets."""
    chunk = passage.chunk
    base = chunk.start
    blocks = parse_blocks(chunk.text)
    units: list[Unit] = []

    def add(s: int, e: int, is_list: bool) -> None:
        units.append(Unit(rank, passage, base + s, base + e, chunk.text[s:e], is_list))

    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "heading":
            i += 1
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "item":
            j += 1
        if b.kind == "item":  # items whose lead-in fell in the previous chunk
            add(b.start, blocks[j - 1].end, True)
        else:
            sentences = split_sentences(chunk.text, b.start, b.end)
            for s, e in sentences[:-1]:
                add(s, e, False)
            s, e = sentences[-1]
            add(s, blocks[j - 1].end if j > i + 1 else e, j > i + 1)
        i = j
    return units


_SPECIFIC = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]\w*/[\w/]+|\d[\d/().-]*\w*)\b|(?<=\s)[A-Z][a-zà-ÿ]{2,}\b")


def unknown_terms(question: str, keyword: KeywordIndex) -> list[str]:
    """Names, acronyms and numbers in the question that the sources never mention (nor a near spelling)."""
    missing = []
    for match in _SPECIFIC.finditer(question):
        term = match.group()
        words = re.findall(r"[a-z0-9]+", fold(term))
        if not words or all(w in keyword.words for w in words):
            continue
        # A near spelling of a corpus word is a typo, not an unknown term (OSEC -> OSCE).
        unknown = [
            w for w in words
            if w not in keyword.words and not difflib.get_close_matches(w, keyword.words, n=1, cutoff=0.75)
        ]
        if unknown and term not in missing:
            missing.append(term)
    return missing


class ExtractiveAnswerer:
    """Selects the sentences of the retrieved passages that answer the question; needs no LLM."""

    name = "extractive"

    def __init__(self, retriever, min_support: float = 0.40, max_units: int = 4, cache_size: int = 20000,
                 dense_weight: float = 0.6, margin: float = 0.10):
        self.retriever = retriever
        self.min_support = min_support
        self.max_units = max_units
        self.dense_weight = dense_weight
        self.margin = margin
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _embed_units(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        fresh = dict(zip(missing, self.retriever.embedder.embed(missing))) if missing else {}
        with self._lock:
            for t, v in fresh.items():
                self._cache[t] = v
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return np.stack([fresh[t] if t in fresh else self._cache[t] for t in texts])

    def score_units(self, query: str, units: list[Unit], query_vec: np.ndarray | None = None) -> list[float]:
        """Support of each unit for the query: dense similarity blended with keyword coverage.

        Words of the section heading count half: a heading names the topic, not the answer.
        """
        if not units:
            return []
        keyword: KeywordIndex = self.retriever.keyword
        q_tokens = set(tokenize(query))
        weights = {t: keyword.idf(t) for t in q_tokens}
        total = sum(weights.values()) or 1.0
        vectors = self._embed_units([self._context(u) for u in units])
        if query_vec is None:
            query_vec = self.retriever.embed_query(query)
        dense = vectors @ query_vec
        scores = []
        for u, d in zip(units, dense):
            in_text = set(tokenize(self._lead_in(u) + " " + u.text)) & q_tokens
            in_heading = (set(tokenize(self._heading(u))) & q_tokens) - in_text
            lexical = (sum(weights[t] for t in in_text) + 0.5 * sum(weights[t] for t in in_heading)) / total
            scores.append(self.dense_weight * float(d) + (1 - self.dense_weight) * lexical)
        return scores

    @staticmethod
    def _heading(unit: Unit) -> str:
        section = unit.passage.chunk.section
        return section.split(" > ")[-1] if section else ""

    @staticmethod
    def _lead_in(unit: Unit) -> str:
        """For a list, the sentence before its lead-in: "Examples include:" needs what it exemplifies."""
        if not unit.is_list:
            return ""
        chunk = unit.passage.chunk
        before = chunk.text[: unit.start - chunk.start].rstrip()
        spans = split_sentences(before, 0, len(before)) if before else []
        return before[spans[-1][0]:spans[-1][1]] if spans else ""

    def _context(self, unit: Unit) -> str:
        return "\n".join(x for x in (self._heading(unit), self._lead_in(unit), unit.text) if x)

    def answer(self, question: str, passages: Sequence[Passage], query: str | None = None,
               query_vec: np.ndarray | None = None) -> Answer:
        query = query or question
        keyword: KeywordIndex = self.retriever.keyword
        missing = unknown_terms(query, keyword)
        units = [u for rank, p in enumerate(passages) for u in passage_units(rank, p)]
        scores = self.score_units(query, units, query_vec)
        ranked = sorted(zip(scores, units), key=lambda su: (-su[0], su[1].passage_rank, su[1].start))
        if missing or not ranked or ranked[0][0] < self.min_support:
            return self.abstain(question, passages, missing)
        best = ranked[0][0]
        chosen: list[tuple[float, Unit]] = []
        seen: set[str] = set()
        for score, unit in ranked:
            if len(chosen) >= self.max_units or score < max(self.min_support, best - self.margin):
                break
            key = fold(unit.text)
            if key in seen:
                continue
            seen.add(key)
            chosen.append((score, unit))
        # Read in document order within each source; sources in order of their best sentence.
        source_order: dict[str, int] = {}
        for _, u in chosen:
            source_order.setdefault(u.passage.chunk.source, len(source_order))
        chosen.sort(key=lambda su: (source_order[su[1].passage.chunk.source], su[1].start))
        citations, parts = [], []
        for n, (_, u) in enumerate(chosen, start=1):
            c = u.passage.chunk
            citations.append(Citation(
                n=n, source=c.source, title=c.meta.title, section=c.section, page=c.page, quote=u.text,
                start=u.start, end=u.end, url=c.meta.url, publisher=c.meta.publisher, date=c.meta.date,
                chunk_id=c.chunk_id,
            ))
            parts.append(f"{u.text} [{n}]")
        joiner = "\n\n" if any(u.is_list for _, u in chosen) else " "
        return Answer(question=question, text=joiner.join(parts), abstained=False,
                      citations=tuple(citations), passages=tuple(passages))

    def abstain(self, question: str, passages: Sequence[Passage], missing: Sequence[str] = ()) -> Answer:
        """The answer that says the sources do not cover the question, with the nearest passages."""
        text = ABSTAIN_TEXT
        if missing:
            terms = ", ".join(f"“{m}”" for m in missing)
            text += f" They do not mention {terms}."
        if passages:
            text += " The nearest passages are shown below so you can judge for yourself."
        return Answer(question=question, text=text, abstained=True, citations=(), passages=tuple(passages))

"""Checks a generated answer against its passages: valid [n] markers, support per sentence, verbatim quotes."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from .answer import _SPECIFIC, Unit, is_instruction, passage_units
from .retrieval import fold, tokenize
from .schema import Passage
from .vector_cache import VectorCache

# [1], [1, 2], [1;2]; a stray "[" followed by digits at the very end is a marker still being written.
MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
OPEN_MARKER = re.compile(r"\[[\d\s,;]*$")
# Sentence end: terminator, closing quotes, then any markers, before whitespace and a new sentence.
_BOUNDARY = re.compile(r"[.!?][\"”’')]*(?:\s*\[[\d\s,;]*\])*(?=\s+[\"“(\-*•A-Z0-9])")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")

# Thresholds measured with the bundled all-MiniLM-L6-v2 on the labelled pairs in tests/support_cases.py
# (hand-written ones and wrong sentences Qwen2.5-0.5B wrote in the evaluation): supported sentences scored
# dense 0.60-1.00 and overlap 0.73-1.00; unsupported ones on the same topic reached dense 0.57 with overlap
# 0.71, dense 0.61 with overlap 0.67, or both high while naming an actor or number the passage lacks.
# The margins are thin: similarity and word overlap cannot see who did what (see the README).
MIN_DENSE = 0.58
MIN_OVERLAP = 0.7
# A sentence checked against passages it did not cite gets several chances to pass by luck, so it must
# clear a stricter bar: above every unsupported labelled pair that has no missing term.
STRICT_DENSE = 0.65
STRICT_OVERLAP = 0.8


def mask_instructions(passages: Sequence[Passage]) -> list[Passage]:
    """Passages whose instruction-like sentences are blanked out, every other offset and quote unchanged.

    Spaces of the same length keep each remaining sentence at its place, so quotes stay verbatim.
    """
    out = []
    for rank, p in enumerate(passages):
        text = p.chunk.text
        for u in passage_units(rank, p):
            if is_instruction(u.text):
                s, e = u.start - p.chunk.start, u.end - p.chunk.start
                text = text[:s] + re.sub(r"[^\n]", " ", text[s:e]) + text[e:]
        out.append(p if text == p.chunk.text else replace(p, chunk=replace(p.chunk, text=text)))
    return out


def markers(text: str) -> list[int]:
    """Passage numbers cited in `text`, in order, without repeats."""
    out: list[int] = []
    for m in MARKER.finditer(text):
        for part in re.split(r"[,;]", m.group(1)):
            n = int(part)
            if n not in out:
                out.append(n)
    return out


def strip_markers(text: str) -> str:
    """`text` without markers (complete or half-written) and without the space they leave."""
    text = OPEN_MARKER.sub("", MARKER.sub("", text))
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return " ".join(text.split())


def missing_terms(sentence: str, passage: Passage) -> list[str]:
    """Names, acronyms and numbers of `sentence` that its passage (text, title, section) never mentions."""
    c = passage.chunk
    known = set(re.findall(r"[a-z0-9]+", fold(" ".join([c.text, c.meta.title or "", c.section or ""]))))
    missing = []
    for m in _SPECIFIC.finditer(sentence):
        words = re.findall(r"[a-z0-9]+", fold(m.group()))
        if any(w not in known for w in words) and m.group() not in missing:
            missing.append(m.group())
    return missing


@dataclass(frozen=True)
class Support:
    """How a passage supports a sentence, and the units of the passage to quote for it."""

    dense: float
    overlap: float
    missing: tuple[str, ...]
    units: tuple[Unit, ...]
    ok: bool


@dataclass(frozen=True)
class Sentence:
    """One generated sentence: its text without markers, what it cites, and whether it opened a line."""

    text: str
    cited: tuple[int, ...]
    new_line: bool
    bullet: bool = False


def split_generated(buffer: str, final: bool) -> tuple[list[Sentence], str]:
    """Complete sentences of a generated text and the unfinished rest (all of it is complete when `final`).

    A sentence is complete once the next one has begun, so its trailing markers are never cut in two.
    The rest of a half-consumed line starts with whitespace, which marks it as a continuation next time.
    """
    done: list[Sentence] = []
    lines = buffer.split("\n")
    for line in lines[:-1]:
        done.extend(_line_sentences(line, complete=True)[0])
    sentences, rest = _line_sentences(lines[-1], complete=final)
    return done + sentences, rest


def _line_sentences(line: str, complete: bool) -> tuple[list[Sentence], str]:
    fresh = not line[:1].isspace()
    body = _BULLET.sub("", line)
    bullet = body != line
    out: list[Sentence] = []
    cursor = 0
    for m in _BOUNDARY.finditer(body):
        first = cursor == 0
        out.append(_sentence(body[cursor:m.end()], new_line=fresh and first, bullet=bullet and first))
        cursor = m.end()
    rest = body[cursor:]
    if complete:
        if rest.strip():
            first = cursor == 0
            out.append(_sentence(rest, new_line=fresh and first, bullet=bullet and first))
        rest = ""
    elif cursor == 0:
        rest = line  # keep the bullet until the line is done
    return [s for s in out if s.text], rest


def _sentence(raw: str, new_line: bool, bullet: bool = False) -> Sentence:
    return Sentence(strip_markers(raw), tuple(markers(raw)), new_line, bullet)


class SupportChecker:
    """Measures how well a cited passage supports a generated sentence, and picks the quotes that do."""

    def __init__(self, embed: Callable[[Sequence[str]], np.ndarray], min_dense: float = MIN_DENSE,
                 min_overlap: float = MIN_OVERLAP, cache_size: int = 5000):
        self.min_dense = min_dense
        self.min_overlap = min_overlap
        self._cache = VectorCache(embed, cache_size)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of `texts`, cached (passage sentences recur from question to question)."""
        return self._cache.vectors(texts)

    @staticmethod
    def quotable(rank: int, passage: Passage) -> list[Unit]:
        """Sentences of a passage that may be quoted: instruction-like text never is."""
        return [u for u in passage_units(rank, passage) if not is_instruction(u.text)]

    def support(self, sentence: str, rank: int, passage: Passage) -> Support:
        """Dense similarity, token overlap and missing terms of `sentence` against one passage, with its quotes."""
        units = self.quotable(rank, passage)
        tokens = set(tokenize(sentence))
        if not units or not tokens:
            return Support(0.0, 0.0, (), (), False)
        vecs = self.vectors([sentence] + [u.text for u in units])
        dense = vecs[1:] @ vecs[0]
        unit_tokens = [set(tokenize(u.text)) for u in units]
        heading = set(tokenize(passage.chunk.section or ""))
        missing = tuple(missing_terms(sentence, passage))
        # Best unit by meaning and shared words; a second one only when it adds words the first lacks.
        scored = sorted(range(len(units)),
                        key=lambda i: -(0.5 * float(dense[i]) + 0.5 * len(tokens & unit_tokens[i]) / len(tokens)))
        chosen = [scored[0]]
        for i in scored[1:]:
            extra = (tokens & unit_tokens[i]) - unit_tokens[chosen[0]] - heading
            if len(extra) >= 2 and dense[i] >= self.min_dense - 0.15:
                chosen.append(i)
                break
        chosen.sort(key=lambda i: units[i].start)
        # Support is judged against what the reader will see: the quoted units (and their section heading).
        overlap = len(tokens & (set().union(*(unit_tokens[i] for i in chosen)) | heading)) / len(tokens)
        best = max(float(dense[i]) for i in chosen)
        ok = best >= self.min_dense and overlap >= self.min_overlap and not missing
        return Support(best, overlap, missing, tuple(units[i] for i in chosen), ok)

    @staticmethod
    def strictly(support: Support) -> bool:
        """The stricter test for a passage the sentence did not cite."""
        return support.ok and support.dense >= STRICT_DENSE and support.overlap >= STRICT_OVERLAP

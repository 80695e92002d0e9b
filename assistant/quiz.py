"""Quiz of a briefing pack: fill-in questions whose answers are words of the cited quote.

Each question is a verbatim clause of a quote with one fact blanked out (a date, an acronym's expansion, a
person or body, a defined term, a number), so its answer is in the citation by construction and a trainer can
check it there. No question gives its own answer away.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .timeline import clause_around

BLANK = "_____"
_NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|fifteen|twenty|thirty|fifty|hundred)\s+(?:per\s*cent|%|countries|States|Member States|"
                     r"partners|participants|nations|members|experts|years|days|months|hours|norms|principles|"
                     r"sessions|meetings|signatories|supporters|organi[sz]ations|companies|entities)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """A fact a question may ask: its kind, the quote (unit text) it is in, and where (offsets in that text)."""

    kind: str  # "date" | "acronym" | "person" | "body" | "term" | "number"
    unit_key: object  # identifies the quote the fact is in (the pack's citation of it)
    text: str  # the unit's text
    start: int
    end: int
    prompt_hint: str = ""  # e.g. the acronym, for "What does CBMs stand for?"


@dataclass(frozen=True)
class Question:
    """One quiz question: the question, its verbatim answer, and the quote both come from."""

    question: str
    answer: str
    kind: str
    unit_key: object


_PROMPTS = {
    "date": "Fill in the date",
    "person": "Fill in the name",
    "body": "Fill in the body",
    "term": "Fill in the defined term",
    "number": "Fill in the number",
}


def numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the counts in a text worth asking about ("15 countries", "five norms")."""
    out = []
    for m in _NUMBER.finditer(text):
        first = m.group().split()[0]
        out.append((m.start(), m.start() + len(first)))
    return out


def question_for(fact: Fact) -> Question | None:
    """A fill-in question for one fact, or None when the blanked clause would still give the answer away."""
    answer = fact.text[fact.start:fact.end]
    if fact.kind == "acronym":
        q = f"What does {fact.prompt_hint} stand for?"
        return Question(q, answer, fact.kind, fact.unit_key)
    s, e = clause_around(fact.text, fact.start, fact.end, max_words=35)
    if not s <= fact.start < fact.end <= e:
        s, e = min(s, fact.start), max(e, fact.end)
    before, after = fact.text[s:fact.start].split(" "), fact.text[fact.end:e].split(" ")
    if len(before) + len(after) > 40:  # a long enumeration: the 15 words each side of the blank
        if len(before) > 15:
            before = ["…" + before[-15]] + before[-14:]
        if len(after) > 15:
            after = after[:14] + [after[14] + "…"]
    clause = " ".join(before) + BLANK + " ".join(after)
    if answer.casefold() in clause.casefold() or len(clause.split()) < 5:
        return None
    clause = " ".join(clause.split())
    return Question(f"{_PROMPTS[fact.kind]}: “{clause}”", answer, fact.kind, fact.unit_key)


def make_quiz(facts: Sequence[Fact], limit: int = 10) -> list[Question]:
    """Up to `limit` questions, taking the kinds in turn so a quiz is not all dates."""
    by_kind: dict[str, list[Fact]] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    order = [k for k in ("date", "acronym", "body", "person", "term", "number") if k in by_kind]
    out: list[Question] = []
    seen_answers: set[str] = set()
    seen_units: set[object] = set()
    # First one question per quote; then, if the quiz is still short, further facts of the same quotes.
    for one_per_quote in (True, False):
        kinds = list(order)
        cursors = {k: 0 for k in kinds}
        while len(out) < limit and kinds:
            for kind in list(kinds):
                queue = by_kind[kind]
                while cursors[kind] < len(queue):
                    fact = queue[cursors[kind]]
                    cursors[kind] += 1
                    if one_per_quote and fact.unit_key in seen_units and kind != "acronym":
                        continue
                    q = question_for(fact)
                    if q is None or q.answer.casefold() in seen_answers:
                        continue
                    seen_answers.add(q.answer.casefold())
                    seen_units.add(fact.unit_key)
                    out.append(q)
                    break
                else:
                    kinds.remove(kind)
                if len(out) >= limit:
                    break
    return out

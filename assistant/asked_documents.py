"""A document whose contents a question asks for, when the index does not hold that document.

"What does the new NATO cyber defence policy say about Article 5?", "What are the main pillars of Bosnia and
Herzegovina's national cybersecurity strategy?", "Which norms does the GCSC report “Advancing Cyberstability”
propose?": the sources may mention such a document in passing ("NATO adopting a new cyber defense policy"), but a
sentence about something else, or one that only says the document exists, is no quote of what it contains. A
sentence answers only when it names the document and says what the question asks about it: "the EU's Cyber
Diplomacy Strategy, which supports: ..." answers "What does the EU's Cyber Diplomacy Strategy support?".

Documents the index holds are scoping.py's business (a question that names one is answered from it); documents
named by symbol or number are too (`Scope.missing`, numbered_names.py). This module reads the kinds of document
that the field cites by description: reports, policies, strategies, directives, laws, frameworks, plans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

_KIND = (r"(?:reports?|polic(?:y|ies)|strateg(?:y|ies)|directives?|regulations?|laws?|acts?|frameworks?|doctrines?|"
         r"guidelines|roadmaps?|white\s+papers?|action\s+plans?|plans?|agendas?|communiqu[eé]s?|codes?\s+of\s+conduct)")
# The document as the question writes it: up to six words before its kind ("the new NATO cyber defence policy",
# "Bosnia and Herzegovina's national cybersecurity strategy"), and a quoted title after it.
_AUXILIARY = r"(?!(?:is|are|was|were|be|been|do|does|did|has|have|had|will|would|shall|should|can|could|may|might|must)\s)"
_DOC = (rf"(?P<doc>(?:(?:the|a|an|its|their|this|that)\s+)?(?:{_AUXILIARY}[\w’'.&-]+\s+){{0,6}}?{_KIND}"
        r"(?:\s+[“\"«„][^”\"»“]{2,80}[”\"»“])?)")
# What it says: the verbs a question about a document's contents uses.
_SAYS = (r"(?:say|says|state|propose|require|provide|contain|set\s+out|lay\s+down|establish|recommend|cover|include|"
         r"foresee|stipulate|prescribe|commit|oblige|call\s+for|support|envisage|identify|list|define|mandate)")
# Its parts: "the main pillars of ...", "the priorities in ...".
_PARTS = (r"(?:pillars|elements|provisions|priorities|objectives|norms|measures|principles|recommendations|"
          r"components|contents?|goals|aims|commitments|key\s+points|main\s+points|chapters|sections)")
_CONTENT = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    # (the words between the document and its verb say where the question read of it: "... policy mentioned in the
    # White House statement of July 2021 say ...", no part of what it asks)
    rf"\bwhat\s+(?:does|did|do|will|would)\s+{_DOC}\s+(?:[\w’'.-]+\s+){{0,12}}?{_SAYS}\b",
    rf"\b{_PARTS}\s+(?:of|in|set\s+out\s+in)\s+{_DOC}",
    # "Which norms does the GCSC report propose?": the norms are what a sentence must name
    rf"\b(?:which|what)\s+(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+(?:does|did|do|will)\s+{_DOC}\s+"
    rf"(?:[\w’'.-]+\s+){{0,12}}?{_SAYS}\b"))
# "Apart from protecting the public core, which norms ...": what the question sets aside is not asked about.
_SET_ASIDE = re.compile(r"\b(?:apart\s+from|other\s+than|besides|except(?:\s+for)?|beyond)\b[^,?;]*", re.IGNORECASE)
# Words of the question's frame, not of what it asks about the document.
_FRAME = re.compile(rf"\b(?:what|which|does|did|do|will|would|main|key|exactly|apart\s+from|mentioned\s+in|"
                    rf"{_SAYS}|{_PARTS})\b", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|this|that)\s+", re.IGNORECASE)
# Words of a description that tell no document apart ("the new ... policy", "its own report").
_GENERIC = {"new", "own", "latest", "recent", "current", "national", "first", "second", "final"}


@dataclass(frozen=True)
class AskedDocument:
    """`phrase`: the document as asked; `kind`/`marks`: the tokens of its kind and of the words that tell it apart,
    `acronyms` apart; `rest`: the tokens of what the question asks about it (empty: anything it says)."""

    phrase: str
    kind: frozenset[str]
    marks: frozenset[str]
    acronyms: tuple[str, ...]
    rest: frozenset[str]

    def mentioned_in(self, text: str, tokens: set[str]) -> bool:
        """Whether a sentence (its text and tokens) names this document: its kind and the words that tell it apart, an
        acronym also spelled out ("GGE": "Group of Governmental Experts")."""
        return bool(self.kind & tokens) and self.marks <= tokens and all(
            re.search(_spelled_out(a), text) for a in self.acronyms)

    def answered_by(self, text: str, tokens: set[str]) -> bool:
        """Whether a sentence names the document and says something of what is asked about it."""
        return self.mentioned_in(text, tokens) and (not self.rest or bool(self.rest & tokens))


def _spelled_out(acronym: str) -> str:
    """The acronym, or words with its initials ("GGE": "Group of Governmental Experts")."""
    joiner = r"\w*[\s-]+(?:(?:of|the|and|for|on|in|to)\s+)*"
    return rf"\b(?:{re.escape(acronym)}|{joiner.join(acronym)}\w*)\b"


def asked(question: str, tokenize: Callable[[str], list[str]], held: Callable[[str], bool]) -> AskedDocument | None:
    """The document whose contents `question` (English, or a rendering) asks for, when `held(phrase)` says the index
    does not hold it; None when the question asks no such thing or names a held document."""
    m = next((found for pattern in _CONTENT if (found := pattern.search(question))), None)
    if m is None:
        return None
    phrase = " ".join(m.group("doc").split())
    if held(phrase):
        return None
    kind_match = re.search(_KIND + r"(?=\W*$|\s+[“\"«„])", phrase, re.IGNORECASE)
    kind = frozenset(tokenize(kind_match.group())) if kind_match else frozenset()
    described = phrase[: kind_match.start()] if kind_match else phrase
    # The names in the description tell the document apart ("NATO", "Bosnia and Herzegovina", "GCSC ... Advancing
    # Cyberstability"); without a name, its other words do ("the national cybersecurity strategy").
    words = _DETERMINER.sub("", described).split() + re.findall(r"[“\"«„]([^”\"»“]+)", phrase)
    names = " ".join(w for w in words if w[:1].isupper() or w[:1].isdigit())
    acronyms = tuple(dict.fromkeys(w for w in re.findall(r"\b[A-Z]{2,6}\b", names)))
    marks = frozenset(t for t in tokenize(" ".join(w for w in (names or described).split() if w not in acronyms))
                      if t not in _GENERIC) - kind
    if not kind:
        return None
    groups = m.groupdict()
    outside = _SET_ASIDE.sub(" ", question[: m.start("doc")] + " " + question[m.end():])
    rest = set(tokenize(_FRAME.sub(" ", outside)))
    if groups.get("what"):
        rest |= set(tokenize(groups["what"]))
    rest = frozenset(rest - set(tokenize(phrase)))
    return AskedDocument(phrase, kind, marks, acronyms, rest)


"""Follow-up questions: resolve "And what about the OSCE?" with the previous turn, without an LLM."""
from __future__ import annotations

import re
from typing import Sequence

from . import languages

_FOLLOWUP_START = re.compile(
    r"^\s*(?:and|also|but|so|then|what about|how about|and what about|and how about|same for|likewise)\b[\s,]*",
    re.IGNORECASE,
)
# The same in French, Bosnian/Croatian/Serbian, German and Dutch: read only when the question is in one of them
# ("a" and "i" open English sentences too).
_FOLLOWUP_START_OTHER = re.compile(
    r"^\s*(?:et qu'en est-il (?:de la|de l'|du|des|de)|et pour (?:la|le|les|l')|et (?:la|le|les|l')|et|quid de|"
    r"a šta je sa|a što je s|a sta je sa|a što je sa|a kako je sa|a|i|takođe|und was ist mit|was ist mit|und|"
    r"en hoe zit het met|hoe zit het met|en wat met|en)(?=[\s,'])[\s,']*",
    re.IGNORECASE,
)
_PRONOUN_OTHER = re.compile(r"\b(?:il|elle|ils|elles|leur|leurs|cela|ceci|on|ona|oni|ono|njihov\w*|njen\w*|njegov\w*|"
                            r"tome|to|ovo|es|ihr|ihre|dies|het|hun|dit|dat)\b", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|theirs|this|that|these|those|there|he|she|his|her)\b", re.I)
_ENTITY = re.compile(
    r"\b[A-Z]{2,}s?\b|\b[A-Z][a-zà-ÿ’']+(?:\s+(?:of|for|and|the|in)?\s*[A-Z][a-zà-ÿ’']+)*\b"
)
_QUESTION_OPENERS = {"What", "Which", "Who", "When", "Where", "Why", "How", "Does", "Do", "Did", "Is", "Are",
                     "Can", "Could", "Should", "Would", "And", "Also", "But", "So", "Then", "Tell", "Please",
                     "List", "Name", "Give", "Explain", "Describe", "In", "According", "The", "Same", "Likewise",
                     # French, Bosnian/Croatian/Serbian, German, Dutch
                     "Quel", "Quels", "Quelle", "Quelles", "Quand", "Qui", "Que", "Quoi", "Où", "Comment", "Combien",
                     "Pourquoi", "Et", "Le", "La", "Les", "Šta", "Što", "Sta", "Ko", "Tko", "Kada", "Gdje", "Gde",
                     "Koji", "Koja", "Koje", "Kako", "Zašto", "Koliko", "Was", "Wer", "Wann", "Wo", "Wie", "Welche",
                     "Welcher", "Welches", "Warum", "Und", "Die", "Der", "Das", "Wat", "Wanneer", "Waar", "Hoe",
                     "Welke", "Waarom", "En", "De", "Het"}


def entities(text: str) -> list[str]:
    """Acronyms and capitalised names in a question (question words left out)."""
    out = []
    for m in _ENTITY.finditer(text):
        term = m.group().strip()
        first = term.split()[0]
        if first in _QUESTION_OPENERS:
            term = " ".join(term.split()[1:])
        if term and term not in out:
            out.append(term)
    return out


def is_followup(question: str) -> bool:
    """A question that leans on the previous turn: opens with 'and/what about', or uses a bare pronoun."""
    if _FOLLOWUP_START.match(question):
        return True
    other = not languages.is_english(question)
    if other or len(re.findall(r"\w+", question)) <= 4:
        # "Et l'UE ?", "Und die EU?": in another language, or too short to tell ("A" and "I" only when told)
        start = _FOLLOWUP_START_OTHER.match(question)
        if start and (other or len(start.group().strip(" ,'")) > 1):
            return True
        words = re.findall(r"\w+", question)
        if _PRONOUN_OTHER.search(question) and not entities(question) and len(words) <= 10:
            return True
    words = re.findall(r"\w+", question)
    if words and len(words) <= 8 and all(w.lower() in _GENERIC for w in words):
        return True  # "Can you give some examples?", "Why?", "Tell me more": no topic of its own
    return bool(_PRONOUN.search(question)) and not entities(question) and len(words) <= 10


# Words of a request that carries no topic: such a question is about the previous turn.
_GENERIC = {
    "can", "could", "would", "will", "you", "please", "give", "show", "tell", "list", "name", "explain", "elaborate",
    "say", "any", "some", "more", "few", "a", "an", "the", "me", "us", "why", "how", "what", "examples", "example",
    "details", "detail", "else", "other", "others", "further", "specifically", "exactly", "on", "about", "for",
    "instance", "is", "are", "there", "go", "mean", "means", "by", "expand", "summarise", "summarize",
}


_QUESTION_WORD = re.compile(r"^\s*(?:what|which|who|whom|whose|when|where|why|how|does|do|did|is|are|was|were|can|could|"
                            r"should|would|will|has|have)\b", re.I)


def is_complete(body: str, new_entities: Sequence[str]) -> bool:
    """A follow-up that asks a whole question of its own ("what does the OSCE do?"), not just names an actor."""
    rest = body
    for term in new_entities:
        rest = rest.replace(term, " ")
    return bool(_QUESTION_WORD.match(body)) and len(re.findall(r"\w+", rest)) >= 3


def resolve(question: str, history: Sequence[str]) -> str:
    """The retrieval query for `question` given earlier (already resolved) questions, newest last."""
    if not history or not is_followup(question):
        return question
    previous = history[-1]
    body = _FOLLOWUP_START.sub("", question).strip()
    if body == question.strip():
        body = _FOLLOWUP_START_OTHER.sub("", question).strip()
    new_entities = entities(body)
    old_entities = entities(previous)
    if new_entities and is_complete(body, new_entities):
        # "And what does the OSCE do?" asks its own question about a new actor: the previous
        # question's topic words would pull retrieval back to the previous actor's passages.
        return body
    if new_entities and old_entities:
        # Same question about another actor: "And the OSCE?" after "What does the EU support?".
        swapped = previous
        for old in old_entities:
            swapped = swapped.replace(old, new_entities[0])
        return f"{body} {swapped}" if len(body.split()) > 3 else swapped
    if new_entities:
        return f"{body} {previous}"
    # A pronoun or bare follow-up keeps the previous topic.
    return f"{body} {' '.join(old_entities) if old_entities else previous}"

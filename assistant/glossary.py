"""Glossary of a briefing pack: acronyms with the expansion the sources give, and terms the sources define.

"Confidence-Building Measures (CBMs)" gives CBMs; "“Computer system” means any device ..." gives a defined
term with its definition. Both are read from one quotable unit, so the entry cites the sentence it comes from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .acronyms import _initials
from .scoping import DEFINES

# "Long Phrase (ACR)": the words before a parenthesised acronym (within 250 characters) that spell it.
_PAREN_ACRONYM = re.compile(r"\((?:the[ \t]+)?([a-z]?[A-Z][A-Za-z]{0,2}[A-Z]{1,6}s?)\)")  # (CBMs), (eGA)
# "ACR (Long Phrase)"
_ACRONYM_PAREN = re.compile(r"\b([A-Z]{2,7})[ \t]+\(([A-Z][^()\n]{4,90})\)")
_SMALL = {"of", "and", "on", "for", "the", "in", "to", "against", "de", "des", "du", "la", "le", "et", "a", "an"}


@dataclass(frozen=True)
class TermMatch:
    """A glossary entry found inside a unit's text: the term, its definition, and where the definition is."""

    term: str
    definition: str
    kind: str  # "acronym" | "defined"
    start: int  # offsets of the definition inside the unit's text
    end: int


def _acronym_core(acronym: str) -> str:
    return acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() and len(acronym) > 2 else acronym


def _expansion(words: list[str], acronym: str) -> int | None:
    """How many trailing words spell `acronym` (small words optional), or None."""
    core = _acronym_core(acronym).upper()
    for n in range(1, len(words) + 1):
        phrase = words[-n:]
        if phrase[0].lower() in _SMALL or not phrase[0][:1].isalpha():
            continue
        if core in (_initials(phrase, False), _initials(phrase, True)):
            return n
    return None


def _spellings(words: list[str]) -> set[str]:
    """The acronyms a phrase may give: small words in or out, a hyphenated word one letter or one per part."""
    words = [w[:1].upper() + w[1:] if w.lower() not in _SMALL else w for w in words]
    whole = [w.split("-")[0] or w for w in words]
    # an acronym inside the phrase gives all its letters: "UN Office for Disarmament Affairs (UNODA)"
    found = {_initials(words, False), _initials(words, True), _initials(whole, False), _initials(whole, True)}
    if any(w.isupper() and len(w) > 1 for w in words):
        letters = "".join(w if w.isupper() and len(w) > 1 else ("" if w.lower() in _SMALL else w[0].upper()) for w in words)
        found.add(letters)
    return found


def _spelled_out(text: str, start: int, end: int, acronym: str) -> tuple[int, int] | None:
    """The words of text[start:end] that spell `acronym`, nearest the parenthesis first: "Confidence-Building
    Measures (CBMs)", or "Group of Governmental Experts on Developments in the Field ... (GGE)"."""
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"[\w’'-]+", text[start:end])]
    core = _acronym_core(acronym).upper()
    for j in range(len(words), 0, -1):  # the phrase ends as late as possible
        for i in range(j - 1, -1, -1):
            phrase = [text[s:e] for s, e in words[i:j]]
            if phrase[0].lower() in _SMALL or phrase[-1].lower() in _SMALL or not phrase[0][:1].isalpha():
                continue
            if not phrase[0][:1].isupper() and (len(phrase) < 2 or i > 0 and text[words[i - 1][0]:words[i - 1][1]][:1].isupper()):
                continue  # a lower-case expansion ("cyber emergency response teams (CERTs)") of two words or more
            if core in _spellings(phrase):
                return words[i][0], words[j - 1][1]
    return None


def find_terms(text: str) -> list[TermMatch]:
    """Acronyms spelled out and terms defined in one unit of text, in order of appearance."""
    found: list[TermMatch] = []
    for m in _PAREN_ACRONYM.finditer(text):
        acronym = m.group(1)
        end = len(text[:m.start()].rstrip())
        span = _spelled_out(text, max(0, end - 250), end, acronym)
        if span is not None:
            s, e = span
            if text[s:e].endswith(("’s", "'s")):  # "People’s Republic of China’s (PRC)"
                e -= 2
            found.append(TermMatch(acronym, text[s:e], "acronym", s, e))
    for m in _ACRONYM_PAREN.finditer(text):
        words = m.group(2).split()
        if _expansion(words, m.group(1)) == len(words):
            found.append(TermMatch(m.group(1), m.group(2), "acronym", m.start(2), m.end(2)))
    for m in DEFINES.finditer(text):
        term = " ".join(m.group(1).split())
        if not re.search(r"[A-Za-z]{2}", term) or len(term.split()) > 8:
            continue
        # the definition: from the term's quote to the end of the unit (a definition is one sentence or item)
        found.append(TermMatch(term, text[m.start():].rstrip(" ;,"), "defined", m.start(), m.start() + len(text[m.start():].rstrip(" ;,"))))
    return sorted(found, key=lambda t: t.start)

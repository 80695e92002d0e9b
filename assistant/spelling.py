"""Misspelt words of a question corrected to the sources' own spelling: "Budapst Convension" -> "Budapest Convention".

Only long words (6+ letters) that neither the sources nor the embedding model's vocabulary knows (so
"protect" stays "protect" over sources that only say "project"), and only to a word of the sources at least
80 % alike: a document named with a typo is still found, and BM25 matches the corrected word. Short or unknown
words are left alone, so a question about something the sources do not cover is still declined.
"""
from __future__ import annotations

import re

from .retrieval import fold

_WORD = re.compile(r"[A-Za-zÀ-ÿ]{6,}")
CUTOFF = 0.8


def correct(question: str, keyword, dictionary: frozenset[str] | None) -> str:
    """The question with each long word that neither the index nor `dictionary` knows replaced by its closest
    spelling in the index. Without a dictionary nothing is corrected: a small corpus lacks most words."""
    if not dictionary:
        return question
    words = keyword.words

    def fix(m: re.Match) -> str:
        word = m.group()
        folded = fold(word)
        if folded in words or word.lower() in dictionary:
            return word
        near = keyword.closest_spelling(folded, cutoff=CUTOFF)
        if near is None or near == folded:
            return word
        if word.isupper():
            return near.upper()
        return near[:1].upper() + near[1:] if word[:1].isupper() else near

    return _WORD.sub(fix, question)

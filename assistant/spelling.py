"""Misspelt words of a question corrected to the sources' own spelling: "Budapst Convension" -> "Budapest Convention".

Only long words (6+ letters) that neither the sources, nor the embedding model's vocabulary, nor an English word
list knows (so "protect" stays "protect" over sources that only say "project", and "signatories", "delegations",
"castling" stay themselves though the model's word pieces lack them), and only to a word of the sources at least
80 % alike: a document named with a typo is still found, and BM25 matches the corrected word. Short or unknown
words are left alone, so a question about something the sources do not cover is still declined.

The word list is english-words' (web2 and GCIDE, 264k headwords, MIT): headwords only, so a word also counts
as known when taking off a regular ending (-s, -es, -ies, -ing, -ed, -ly) leaves one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .retrieval import fold

_WORD = re.compile(r"[A-Za-zÀ-ÿ]{6,}")
CUTOFF = 0.8


@lru_cache(maxsize=1)
def _headwords() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


# Regular endings and what they replace: "signatories" -> "signatory", "testifying" -> "testify".
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"),
            ("ly", ""))


def is_english_word(word: str) -> bool:
    """Whether a (lower-case) word is an English headword or a regular form of one."""
    words = _headwords()
    return word in words or any(word.endswith(end) and len(word) - len(end) >= 3 and word[: -len(end)] + put in words
                                for end, put in _ENDINGS)


def correct(question: str, keyword, dictionary: frozenset[str] | None) -> str:
    """The question with each long word that neither the index nor `dictionary` knows replaced by its closest
    spelling in the index. Without a dictionary nothing is corrected: a small corpus lacks most words."""
    if not dictionary:
        return question
    words = keyword.words

    def fix(m: re.Match) -> str:
        word = m.group()
        folded = fold(word)
        if folded in words or word.lower() in dictionary or is_english_word(word.lower()):
            return word
        near = keyword.closest_spelling(folded, cutoff=CUTOFF)
        if near is None or near == folded:
            return word
        if word.isupper():
            return near.upper()
        return near[:1].upper() + near[1:] if word[:1].isupper() else near

    return _WORD.sub(fix, question)

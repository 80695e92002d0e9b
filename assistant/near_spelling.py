"""Near spellings among many words, as difflib finds them, without comparing every word.

difflib's ratio is bounded from above by its quick_ratio (2 x the characters two words share / their total length),
which counts of each character give for all words at once: a word below the cutoff by that bound cannot reach it,
and only the rest go to difflib. The answer is difflib's own (`difflib.get_close_matches(word, words, n, cutoff)`).
Used for the index's vocabulary (retrieval.KeywordIndex: misspellings, cognates) and for one document's words
(name_coverage.DocumentWords: "OSEC" is a typo of the OSCE a document writes).
"""
from __future__ import annotations

import difflib
import re
from typing import Iterable

import numpy as np

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_CHAR_COLUMN = np.zeros(256, dtype=np.intp)
_CHAR_COLUMN[np.frombuffer(_ALPHABET.encode(), np.uint8)] = np.arange(len(_ALPHABET))


def _char_counts(word: str) -> np.ndarray | None:
    """Counts of each of a-z0-9 in `word`; None for a word with other characters."""
    if not _ASCII_WORD.fullmatch(word):
        return None
    return np.bincount(_CHAR_COLUMN[np.frombuffer(word.encode(), np.uint8)], minlength=len(_ALPHABET))


class NearSpellings:
    """A set of words with their character counts over a-z0-9 (words with other characters are kept aside and
    always compared)."""

    def __init__(self, words: Iterable[str]):
        listed = set(words)
        self.words = sorted(w for w in listed if _ASCII_WORD.fullmatch(w))
        self.others = sorted(w for w in listed if not _ASCII_WORD.fullmatch(w))
        self._counts = np.zeros((len(self.words), len(_ALPHABET)), dtype=np.int32)
        if self.words:
            rows = np.repeat(np.arange(len(self.words)), [len(w) for w in self.words])
            np.add.at(self._counts, (rows, _CHAR_COLUMN[np.frombuffer("".join(self.words).encode(), np.uint8)]), 1)
        self._lengths = self._counts.sum(axis=1)

    def candidates(self, word: str, cutoff: float) -> list[str]:
        """The words that may be within `cutoff` of `word` by difflib's ratio (a superset of those that are)."""
        query = _char_counts(word)
        if query is None:
            return self.words + self.others
        shared = np.minimum(self._counts, query).sum(axis=1)
        keep = np.flatnonzero(2.0 * shared >= cutoff * (self._lengths + len(word)) - 1e-9)
        return [self.words[i] for i in keep] + self.others

    def close(self, word: str, n: int = 1, cutoff: float = 0.75) -> list[str]:
        """`difflib.get_close_matches(word, words, n, cutoff)`."""
        return difflib.get_close_matches(word, self.candidates(word, cutoff), n=n, cutoff=cutoff)

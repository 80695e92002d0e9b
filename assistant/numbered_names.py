"""Numbered names the sources write with other numbers: "Security Directive 2" over texts that know Directive 1 only.

"What does TSA Security Directive 2 require?" of a statement that reports "Security Directive 1" shares every
word but the number with it, so retrieval finds the first directive and the answerer would quote it as if it were
the second. When the sources write a name followed by numbers, and never by the number asked for, the item asked
about is not in them: the answer says so, naming it, as it does for a document symbol the index does not hold.

Articles, paragraphs and other parts of a document are not names of this kind (scoping.py checks those against the
document's last one), nor are years (periods.py).
"""
from __future__ import annotations

import re
import threading
from typing import Iterable

# A run of capitalised words followed by a number: "Security Directive 2", "Additional Protocol No. 3", "Phase II".
_NUMBERED = re.compile(r"(?<![\w/.-])(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?:No\.?\s*|Number\s+|#)?"
                       r"(?P<number>\d{1,3}|[IVX]{1,5})(?![\w/.\-–]*\d)(?!\w)")
# Parts of a document and words a number follows for other reasons: not names of an item.
_NOT_NAMES = {"article", "articles", "art", "paragraph", "paragraphs", "para", "principle", "principles", "norm", "norms",
              "chapter", "section", "part", "annex", "appendix", "rule", "title", "recommendation", "step", "goal",
              "objective", "item", "page", "table", "figure", "point", "pillar", "resolution", "decision", "op", "pp",
              "no", "number", "volume", "vol", "session", "meeting", "day", "days", "week", "year", "years", "phase",
              "stage", "tier", "level", "category", "group", "clause", "subparagraph", "footnote", "note", "sdg",
              "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "covid", "g", "p", "what", "which", "who", "when", "how", "does", "did", "is", "are",
              "was", "the", "under", "in", "of", "and", "a", "an", "to", "for", "on", "by"}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _numbered(name: str, number: str) -> re.Pattern:
    """`name` followed by a number matching the pattern `number` (captured), as the sources write it: "Security
    Directive 1", "Protocol No. 2"."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}\s+(?:No\.?\s*|Number\s+|#)?({number})(?!\w)", re.IGNORECASE)


def _value(number: str) -> int | None:
    return int(number) if number.isdigit() else _ROMAN.get(number.upper())


class _Written:
    """For each name asked about, the numbers the sources write after it (folded text of every chunk, read once per
    name and index version)."""

    def __init__(self, texts: Iterable[str]):
        self._text = "\n".join(" ".join(t.split()) for t in texts)
        self._numbers: dict[str, frozenset[int]] = {}
        self._lock = threading.Lock()

    def numbers_after(self, name: str) -> frozenset[int]:
        key = name.casefold()
        with self._lock:
            found = self._numbers.get(key)
        if found is None:
            pattern = _numbered(name, r"\d{1,3}|[IVX]{1,5}")
            found = frozenset(v for m in pattern.finditer(self._text) if (v := _value(m.group(1))) is not None)
            with self._lock:
                self._numbers[key] = found
        return found


_cache_lock = threading.Lock()
_cache: dict[int, tuple[object, _Written]] = {}


def _written(catalog) -> _Written:
    with _cache_lock:
        held = _cache.get(id(catalog))
        if held is not None and held[0] is catalog:
            return held[1]
    written = _Written(c.text for c in catalog.chunks_in([]))
    with _cache_lock:
        if len(_cache) >= 4:
            _cache.clear()
        _cache[id(catalog)] = (catalog, written)
    return written


def only_planned(question: str, catalog) -> list[str]:
    """The numbered names of `question` that the sources write with other numbers too, and write only in sentences
    that plan them ("TSA will issue Security Directive 2" beside "TSA issued Security Directive 1"): what the
    planned one requires or says is not in the sources, and the one that was issued is another item."""
    from .answer_types import PLANNING  # answer_types reads question kinds that import retrieval
    from .segmentation import split_sentences

    out = []
    for name, number, numbers in _asked(question, catalog):
        if _value(number) not in numbers or len(numbers) < 2:
            continue
        pattern = _numbered(name, re.escape(number))
        # Sentence by sentence within each line (a list item is a sentence of its own).
        lines = [t for c in catalog.chunks_in([]) for line in c.text.split("\n")
                 if pattern.search(t := " ".join(line.split()))]
        said = [s for t in lines for a, b in split_sentences(t, 0, len(t)) if pattern.search(s := t[a:b])]
        if said and all(PLANNING.search(s) for s in said):
            out.append(f"{name} {number}")
    return out


def _asked(question: str, catalog) -> list[tuple[str, str, frozenset[int]]]:
    """(name, number as asked, numbers the sources write after the name) for each numbered name of `question`
    that the sources number at all: the longest run of the name's last words (two at least) that they number."""
    out = []
    for m in _NUMBERED.finditer(question):
        words = m.group("name").split()
        while words and words[0].casefold().strip(".") in _NOT_NAMES:
            words = words[1:]
        if len(words) < 2 or any(w.casefold().strip(".") in _NOT_NAMES for w in words[-1:]):
            continue
        if _value(m.group("number")) is None:
            continue
        written = _written(catalog)
        for start in range(len(words) - 1):
            name = " ".join(words[start:])
            if numbers := written.numbers_after(name):
                out.append((name, m.group("number"), numbers))
                break
    return out


def unwritten(question: str, catalog) -> list[str]:
    """The numbered names of `question` ("Security Directive 2") whose name the sources write with other numbers
    only, in the question's words. A name of two words at least (its last two or more words count: "TSA Security
    Directive 2" is Security Directive 2), none of them a part of a document or a question word."""
    return [f"{name} {number}" for name, number, numbers in _asked(question, catalog) if _value(number) not in numbers]

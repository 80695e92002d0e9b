"""Whether a document writes the names a question asks about.

"Who presented NATO's cyber defence work at the Sarajevo workshop?": the workshop report names its presenters but
never NATO, and the Belgian page names NATO but no presenter. A sentence says something about a name only if its
document writes that name (in its text, title or publisher), so a sentence from a document that never writes one of
the question's names does not answer it, however close its other words are. When no sentence's document writes them
all, the sources do not hold what is asked, and the answer says which names no single document writes together.

The names are the ones `answer.unknown_terms` reads in an English question (acronyms, capitalised words inside
it), less the names of the documents the question is restricted to, numbers and years (scoping.py and periods.py
read those), and words every question writes (months, the question's own first word). A name is written by a
document that writes it, a near form of it (Belgian/Belgium, Chinese/China), or the words of its usual expansion
(US: United States; an acronym the sources spell out: GGE, Group of Governmental Experts).
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .near_spelling import NearSpellings

# Acronyms and CamelCase ("NATO", "ICTs", "PoA"), capitalised words after the question's first word.
_ACRONYM = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][A-Za-z]*[A-Z][A-Za-z]*?)(?:s|[’']s)?(?![\w-])")
_CAPITALISED = re.compile(r"(?<=[\s(“\"])(?P<name>[A-Z][a-zà-ÿ]{2,})(?:[’']s)?\b")
# Words capitalised in any question: what a question asks with, months, days, the assistant's own words.
_NOT_NAMES = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "did", "do", "is", "are",
              "was", "were", "has", "have", "had", "can", "could", "will", "would", "should", "may", "might", "must",
              "the", "and", "under", "according", "art", "arts", "para", "paras", "article", "articles", "paragraph", "paragraphs", "annex", "chapter",
              "section", "part", "principle", "principles", "resolution", "resolutions", "decision", "decisions",
              "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "states", "state", "member", "members", "parties", "party", "allies", "ally", "government",
              "governments", "english", "french", "dutch", "german", "spanish", "russian", "arabic", "chinese",
              "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
# The usual long forms of a few short names, which the sources write either way.
_LONG_FORMS = {"us": ("united states",), "usa": ("united states",), "uk": ("united kingdom",),
               "eu": ("european union",), "un": ("united nations",), "prc": ("china",), "uae": ("united arab emirates",),
               "ict": ("information and communications technolog", "information and communication technolog"),
               "icts": ("information and communications technolog", "information and communication technolog"),
               # capitals standing for their governments
               "washington": ("united states", "u.s."), "beijing": ("china", "prc"), "moscow": ("russia",),
               "brussels": ("european union",), "london": ("united kingdom",), "paris": ("france", "french")}
_WORD = re.compile(r"[a-z0-9]+")
_SMALL = {"of", "and", "on", "for", "the", "in", "to", "against", "de", "des", "du", "la", "le", "et"}
# A run of names with the small words between them: "Transatlantic Commission on Election Integrity".
_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|on|the|against)\s+)*[A-Z][\w’'-]*)*")
# A numbered event ("its second meeting", "the 96th plenary meeting", "the sixth substantive session"): a document
# that never numbers one of its events so has nothing to say about that one.
_ORDINAL = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th)")
_EVENT_NOUN = r"(?:sessions?|meetings?|summits?|rounds?|editions?|ministerials?|plenar(?:y|ies))"
_NUMBERED_EVENT = re.compile(rf"\b(?P<ordinal>{_ORDINAL})\s+(?:[a-z-]+\s+){{0,2}}?(?P<noun>{_EVENT_NOUN})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Names:
    """The names an English question asks about, folded, with the words the question wrote them as."""

    folded: tuple[str, ...]
    as_asked: tuple[str, ...]
    events: tuple[tuple[str, str], ...] = ()  # (as asked, a pattern of the folded text that writes it)

    def __bool__(self) -> bool:
        return bool(self.folded or self.events)

    runs: tuple[str, ...] = ()  # the names as the question writes them together ("Counter Ransomware Initiative")

    @property
    def shown(self) -> tuple[str, ...]:
        """The names to name in an answer: the question's runs of them, and its numbered events."""
        return (self.runs or self.as_asked) + tuple(asked for asked, _ in self.events)

    def shown_of(self, missing: Iterable[str]) -> tuple[str, ...]:
        """The names to name for those of them (as asked, or events) that documents do not write: the runs holding
        one, or the names themselves, in the question's order. A name every document found writes is left out."""
        lacking = set(missing)
        words = lambda run: set(run.split()) | {re.sub(r"(?:[’']s|s)$", "", w) for w in run.split()}
        names = tuple(r for r in self.runs if words(r) & lacking) if self.runs else ()
        names += tuple(a for a in self.as_asked if a in lacking and not any(a in words(r) for r in names))
        return names + tuple(asked for asked, _ in self.events if asked in lacking)


def asked_names(question: str, documents_named: Sequence[str] = (), fold: Callable[[str], str] = str.casefold) -> Names:
    """The names of `question` (English) outside the names of the documents it is restricted to."""
    text = question
    for name in documents_named:  # "the Paris Call", "resolution 78/16": the scope, read by scoping.py
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    found: dict[str, str] = {}
    for pattern in (_ACRONYM, _CAPITALISED):
        for m in pattern.finditer(text):
            name = m.group("name")
            folded = fold(name)
            if folded in _NOT_NAMES or not re.fullmatch(r"[a-z]+", folded):
                continue
            found.setdefault(folded, name)
    events = tuple((m.group(), rf"\b{re.escape(fold(m.group('ordinal')))}\b(?:\s+[\w-]+){{0,3}}?\s+"
                    rf"{re.escape(fold(m.group('noun')).rstrip('s')[:6])}")
                   for m in _NUMBERED_EVENT.finditer(text))
    asked = set(found.values())
    runs = tuple(dict.fromkeys(
        re.sub(r"[’']s$", "", m.group()) for m in _RUN.finditer(text)
        if asked & {re.sub(r"(?:[’']s|s)$", "", w) for w in m.group().split()} | asked & set(m.group().split())))
    return Names(tuple(found), tuple(found.values()), events, runs)


# "What did the EEAS say about attribution at the Sarajevo workshop?": what a document is asked to say something
# about, up to where or when it said it.
_SAID_ABOUT = re.compile(r"\b(?:say|says|said|state|states|stated|write|writes|wrote|mention|mentions|mentioned|"
                         r"think|thinks|thought|argue|argues|argued)\s+(?:about|regarding|concerning|on)\s+"
                         r"(?P<topic>[^?,;]+?)(?=\s+(?:at|in|during|according|when|while|under|to|for|before|after)\b|"
                         r"[?,;]|$)", re.IGNORECASE)
_TOPIC_SMALL = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "of", "and", "or",
                "any", "such", "own", "it", "them", "they", "him", "us", "one", "ones", "there", "here", "what", "which"}


def asked_topic(question: str, tokenize: Callable[[str], list[str]]) -> tuple[str, ...]:
    """The keyword tokens of what an English question asks a document to say something about ("attribution" of
    "What did the EEAS say about attribution at the Sarajevo workshop?"); () when it asks no such thing."""
    m = _SAID_ABOUT.search(question)
    if m is None:
        return ()
    words = [w for w in re.findall(r"[\w’'-]+", m.group("topic")) if w.casefold() not in _TOPIC_SMALL]
    return tuple(dict.fromkeys(tokenize(" ".join(words))))


def topic_as_asked(question: str) -> str:
    """The topic as the question writes it."""
    m = _SAID_ABOUT.search(question)
    return " ".join(m.group("topic").split()) if m else ""


def _same_stem(word: str, vocabulary: frozenset[str]) -> bool:
    """Another form of a name: a shared prefix of 5+ letters and 70% of both (Belgian/Belgium, Chinese/China)."""
    if len(word) < 5:
        return False
    for other in vocabulary:
        if other[:5] != word[:5]:
            continue
        common = len(os.path.commonprefix([word, other]))
        if common >= 0.7 * max(len(word), len(other)) - 1e-9 or common >= min(len(word), len(other)):
            return True
    return False


class DocumentWords:
    """Each document's words (text, title, publisher), folded, and its folded text; read once per document."""

    def __init__(self, texts: Callable[[str], str], fold: Callable[[str], str]):
        self._texts, self._fold = texts, fold
        self._words: dict[str, frozenset[str]] = {}
        self._folded: dict[str, str] = {}
        self._sequences: dict[str, list[str]] = {}
        self._stems: dict[str, frozenset[str]] = {}
        self._nears: dict[tuple[str, str], bool] = {}
        self._spellings: dict[str, NearSpellings] = {}  # source -> its words, for near spellings of names
        self._stem_spellings: dict[str, NearSpellings] = {}  # source -> its keyword tokens, for a topic's
        self._lock = threading.Lock()

    def _read(self, source: str) -> tuple[frozenset[str], str]:
        with self._lock:
            if source not in self._words:
                folded = " ".join(self._fold(self._texts(source)).split())
                self._folded[source] = folded
                self._words[source] = frozenset(_WORD.findall(folded))
            return self._words[source], self._folded[source]

    def writes(self, source: str, name: str, expand: Callable[[str], str | None] = lambda a: None,
               as_asked: str = "") -> bool:
        """Whether the document writes `name` (folded), a near form of it, its long form, or (an acronym, as asked
        with two capitals or more) words whose initials spell it."""
        words, folded = self._read(source)
        if name in words or _same_stem(name, words):
            return True
        if name.endswith("s") and name[:-1] in words:
            return True
        if len(name) >= 4 and self._near(source, name, words):
            return True  # a typo of a word it writes ("OSEC" for OSCE)
        long_forms = list(_LONG_FORMS.get(name, ()))
        # Only a name asked as an acronym has a long form to look for: each new one costs a pass over the index
        # (acronyms.expansion), which every capitalised word of every question paid before (answer p50 7.2x the plain
        # retriever at 10k chunks, p95 54 s at 100k; benchmarks).
        acronym = sum(ch.isupper() for ch in as_asked) >= 2 if as_asked else True
        expanded = acronym and (expand(name.upper()) or (expand(name[:-1].upper()) if name.endswith("s") else None))
        if expanded:
            long_forms.append(self._fold(expanded))
        if any(" ".join(form.split()) in folded for form in long_forms):
            return True
        return sum(ch.isupper() for ch in as_asked) >= 2 and self._spells_out(source, as_asked)

    def _spells_out(self, source: str, acronym: str) -> bool:
        """Whether the document writes consecutive words whose initials spell `acronym`: a capital is a word's
        initial (a hyphenated word gives one per part: open-ended), a small letter a small word's (PoA: programme of
        action; CoSP: Conference of the States Parties), and small words may be passed over."""
        letters = acronym[:-1] if acronym.endswith("s") and len(acronym) > 3 else acronym
        if not 2 <= len(letters) <= 8:
            return False
        sequence = self._sequence(source)

        def match(i: int, k: int) -> bool:
            if k == len(letters):
                return True
            if i >= len(sequence):
                return False
            word, letter = sequence[i], letters[k]
            if letter.islower():
                return word in _SMALL and word[0] == letter and match(i + 1, k + 1) or word in _SMALL and match(i + 1, k)
            if word in _SMALL:
                return k > 0 and match(i + 1, k)
            parts = [p for p in word.split("-") if p]
            if len(parts) > 1 and "".join(p[0] for p in parts) == letters[k:k + len(parts)].lower():
                return match(i + 1, k + len(parts))
            return word[0] == letter.lower() and match(i + 1, k + 1)

        first = letters[0].lower()
        return any(word[0] == first and word not in _SMALL and match(i, 0) for i, word in enumerate(sequence))

    def _near(self, source: str, name: str, words: frozenset[str]) -> bool:
        """Whether the document writes a word within difflib's 0.75 of `name`; remembered, as names recur from one
        question to the next and the comparison with every word of a document costs milliseconds."""
        key = (source, name)
        with self._lock:
            known = self._nears.get(key)
        if known is None:
            with self._lock:
                spellings = self._spellings.get(source)
            if spellings is None:  # the document's words by their characters, once per document
                spellings = NearSpellings(words)
                with self._lock:
                    self._spellings[source] = spellings
            known = bool(spellings.close(name, n=1, cutoff=0.75))
            with self._lock:
                if len(self._nears) >= 100_000:
                    self._nears.clear()
                self._nears[key] = known
        return known

    def _sequence(self, source: str) -> list[str]:
        with self._lock:
            cached = self._sequences.get(source)
        if cached is None:
            cached = re.findall(r"[a-z0-9][a-z0-9-]*", self._read(source)[1])
            with self._lock:
                self._sequences[source] = cached
        return cached

    def writes_any(self, source: str, tokens: Iterable[str], tokenize: Callable[[str], list[str]]) -> bool:
        """Whether the document writes one of these keyword tokens at least."""
        with self._lock:
            stems = self._stems.get(source)
        if stems is None:
            stems = frozenset(tokenize(self._read(source)[1]))
            with self._lock:
                self._stems[source] = stems
        if any(t in stems for t in tokens):
            return True
        # (or a near spelling of one: "diplomcy", "corprate liabilty")
        near = [t for t in tokens if len(t) >= 4]
        if not near:
            return False
        with self._lock:
            spellings = self._stem_spellings.get(source)
        if spellings is None:
            spellings = NearSpellings(stems)
            with self._lock:
                self._stem_spellings[source] = spellings
        return any(spellings.close(t, n=1, cutoff=0.75) for t in near)

    def unwritten(self, source: str, names: Names, expand: Callable[[str], str | None] = lambda a: None) -> list[str]:
        """The names (as asked) the document does not write."""
        missing = [asked for n, asked in zip(names.folded, names.as_asked) if not self.writes(source, n, expand, asked)]
        folded = self._read(source)[1]
        return missing + [asked for asked, pattern in names.events if not re.search(pattern, folded)]

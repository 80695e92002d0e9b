"""What a question names, as typed slots: documents, articles, paragraphs, years, people, bodies and groups.

Documents, articles and paragraphs come from references.py; years, people ("Katherine Prizeman"), bodies and
actors (acronyms and capitalised names, and the names the indexed passages themselves write, however the
question capitalises them) and groups ("MSS-affiliated cyber actors", "eleven governments") from light rules.
The conversation stage (conversation.py) swaps these slots and points pronouns at them.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace

from . import references

SUBJECTS = ("person", "actor", "group", "document")


@dataclass(frozen=True)
class Mention:
    """One thing a question names: its kind (a SUBJECTS kind, "article", "paragraph", "year") and where it is."""

    kind: str
    text: str  # as written, with a leading "the" when the question has one
    start: int
    end: int
    topical: bool = False  # after "about"/"on"/"of": what is talked about, not who talks
    descriptor: bool = False  # "the Belgian page": where it is written, the last thing a pronoun means


@dataclass(frozen=True)
class Vocabulary:
    """Names the indexed sources write (lower-cased, 2-6 words) and which of them are people."""

    names: dict[str, str]  # lower-cased -> as written
    people: frozenset[str]  # lower-cased


EMPTY = Vocabulary({}, frozenset())

SMALL = {"of", "and", "on", "for", "the", "in", "to", "against", "de", "des", "du", "la", "le", "et", "van", "von"}
OPENERS = {"What", "Which", "Who", "Whom", "Whose", "When", "Where", "Why", "How", "Does", "Do", "Did", "Is", "Are",
            "Was", "Were", "Can", "Could", "Should", "Would", "Will", "Has", "Have", "Had", "Must", "May", "And",
            "Also", "But", "So", "Then", "Now", "Tell", "Please", "List", "Name", "Give", "Explain", "Describe",
            "Define", "In", "According", "The", "Same", "Likewise", "It", "They", "She", "He", "This", "That",
            "These", "Those", "Its", "Their", "Her", "His", "I", "A", "An", "Under", "Since", "If", "Why", "For",
            "After", "Before", "Between", "Among", "With", "Without", "On", "At", "By", "From", "To", "Of",
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
            # the same question words and openers in French, Bosnian/Croatian/Serbian, German and Dutch
            "Quel", "Quels", "Quelle", "Quelles", "Quand", "Qui", "Que", "Quoi", "Où", "Comment", "Combien",
            "Pourquoi", "Et", "Le", "La", "Les", "Šta", "Što", "Sta", "Ko", "Tko", "Kada", "Gdje", "Gde", "Koji",
            "Koja", "Koje", "Kako", "Zašto", "Koliko", "Wer", "Wann", "Wo", "Wie", "Welche", "Welcher", "Welches",
            "Warum", "Und", "Die", "Der", "Das", "Wat", "Wanneer", "Waar", "Hoe", "Welke", "Waarom", "En", "Het"}
# Words that make a capitalised name a body or an instrument rather than a person.
_BODY_WORDS = {"union", "nations", "organisation", "organization", "group", "council", "convention", "ministry",
               "office", "agency", "service", "forum", "committee", "assembly", "call", "initiative", "network",
               "strategy", "programme", "program", "treaty", "alliance", "states", "republic", "kingdom", "academy",
               "centre", "center", "commission", "parliament", "court", "bank", "department", "house", "action",
               "conference", "summit", "declaration", "statement", "resolution", "protocol", "toolbox", "project",
               "policy", "act", "law", "cooperation", "security", "cyber", "diplomacy", "affairs", "secretariat",
               "experts", "working", "open-ended", "general", "secretary-general"}
_TITLES = re.compile(r"(?:^|\b)(?:Ambassador|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Minister|President|Secretary|Director|"
                     r"Commissioner|Chair|Professor|Prof\.?)\s+$")
# A name never runs over a line break (a heading above it).
_NAME = re.compile(r"(?:\b\d+/\d+[ \t]+)?\b[A-Z][\w'’.-]*"
                   r"(?:[ \t]+(?:(?:of|and|on|for|the|in|to|against|de|des|du|van|von)[ \t]+)*[A-ZÀ-Þ][\w'’-]*)*")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_GROUP = re.compile(r"\b(?:(?:the|these|those|all|some|many|most|other|several|\d+|two|three|four|five|six|seven|"
                    r"eight|nine|ten|eleven|twelve|participating|developing|[A-Z]+-[a-z]+|[a-z]+-[a-z]+|"
                    r"cyber|member|partner|state|[a-z]+(?:al|ic|ive|ed|ous|ian|an|ese|ish|ful|ary|ory|ent|ant|ble))\s+){1,3}"
                    r"(?:states|governments|countries|actors|allies|ministers|parties|members|participants|"
                    r"signatories|partners|nations|stakeholders|companies|ministries)\b")
_DOC_DESCRIPTION = re.compile(r"\bthe\s+((?:[\w/-]+\s+){1,3}?)(convention|statement|call|resolution|decision|treaty|"
                              r"declaration|page|website|report|strategy|workshop|meeting|conference|summit)\b", re.I)
_EVENTS = {"workshop", "meeting", "conference", "summit"}
_DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ese|ish|ean|ic|an|ch))$")
_DESCRIPTOR = re.compile(r"^\s+(?:page|pages|website|site|text|article on|summary)\b", re.I)
_TOPICAL_BEFORE = re.compile(r"\b(?:about|on|regarding|concerning|of|against|towards|to|with|for)\s+(?:the\s+)?$",
                             re.I)
_DET = re.compile(r"\b(?:the|The)\s+$")

STOP = SMALL | {"can", "could", "would", "will", "you", "please", "me", "us", "why", "how", "what", "a", "an",
                "is", "are", "there", "by", "that", "this", "it", "so", "then", "also", "when", "where", "who", "about",
                "any", "some", "more", "other", "others", "else", "do", "does", "did", "was", "were", "be", "been", "has",
                "have", "had", "should", "must", "may", "which", "whom", "whose", "to", "at", "with", "from", "or", "not",
                "no", "its", "their", "they", "them", "she", "he", "her", "his", "these", "those", "one"}
VERBS = {"define", "defines", "say", "says", "mean", "means", "require", "requires", "cover", "covers", "include",
         "includes", "promote", "promotes", "support", "supports", "exploit", "exploited", "commit", "committed",
         "recognise", "recognised", "recognize", "recognized", "keep", "keeps", "did", "does", "do", "helping"}
WORD = re.compile(r"[\w'’/-]+")
_lock = threading.Lock()


def vocabulary(keyword) -> Vocabulary:
    """The capitalised names of 2-6 words the indexed passages write inside a line, and those that name people
    (a name followed by "from", or after a title such as Ambassador); built once per index version."""
    with _lock:
        cached = getattr(keyword, "_conversation_vocabulary", None)
    if cached is not None:
        return cached
    names: dict[str, str] = {}
    people: set[str] = set()
    for chunk in keyword.chunks:
        text = chunk.text
        for m in _NAME.finditer(text):
            words = m.group().rstrip(".").split()
            while words and (words[0] in OPENERS or words[0].lower() in SMALL):
                words = words[1:]
            titled = bool(words) and bool(_TITLES.fullmatch(words[0] + " "))  # "Ambassador Emina Merdan"
            words = words[titled:]
            while words and words[-1].lower() in SMALL:
                words = words[:-1]
            if not 2 <= len(words) <= 6:
                continue
            name = " ".join(words)
            plain = not any(w.lower().strip("’'s") in _BODY_WORDS or w.isupper() for w in words)
            after = text[m.end():m.end() + 6]
            person = plain and len(words) <= 4 and (titled or after.startswith(" from ")
                                                    or bool(_TITLES.search(text[:m.start()][-20:])))
            if person:
                people.add(name.lower())
            elif not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip():
                continue  # a heading ("Next Steps") capitalises common words: a name is one inside a line
            names.setdefault(name.lower(), name)
    vocab = Vocabulary(names, frozenset(people))
    with _lock:
        keyword._conversation_vocabulary = vocab
    return vocab


def mentions(question: str, vocab: Vocabulary = EMPTY) -> list[Mention]:
    """What a question names, in order: documents, articles, paragraphs, years, people, actors, groups."""
    found: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return all(b <= m.start or a >= m.end for m in found)

    def add(kind: str, a: int, b: int) -> None:
        if a < b and free(a, b):
            before = question[:a]
            if kind in SUBJECTS and (det := _DET.search(before)):
                a = det.start()
            found.append(Mention(kind, question[a:b], a, b, bool(_TOPICAL_BEFORE.search(question[:a]))))

    for a, b, kind in references.spans(question):
        add(kind, a, b)
    for m in _DOC_DESCRIPTION.finditer(question):  # "the ransomware statement", "the Belgian page"
        if not any(w.lower() in STOP | VERBS or w.isupper() for w in m.group(1).split()):
            add("actor" if m.group(2).lower() in _EVENTS else "document", m.start(), m.end())
            if m.group(2).lower() in ("page", "website"):
                found[-1] = replace(found[-1], descriptor=True) if found[-1].start == m.start() else found[-1]
    for m in _YEAR.finditer(question):
        add("year", m.start(), m.end())
    words = list(WORD.finditer(question))
    for size in range(6, 1, -1):  # names the sources write, however the question capitalises them
        for i in range(len(words) - size + 1):
            a, b = words[i].start(), words[i + size - 1].end()
            key = " ".join(w.group().lower() for w in words[i:i + size])
            if key in vocab.names and words[i].group().lower() not in SMALL:
                add("person" if key in vocab.people else "actor", a, b)
    for m in _GROUP.finditer(question):
        toks = list(re.finditer(r"\S+", m.group()))
        while len(toks) > 1 and (toks[0].group() in OPENERS or toks[0].group().lower() in STOP | VERBS):
            toks = toks[1:]
        if len(toks) > 1:  # "MSS-affiliated cyber actors", "eleven governments"
            add("group", m.start() + toks[0].start(), m.end())
    for m in _NAME.finditer(question):
        toks = [(t.start() + m.start(), t.group().rstrip(".")) for t in re.finditer(r"\S+", m.group())]
        run: list[tuple[int, str]] = []
        for tok in toks + [None]:  # "the UN Convention against Cybercrime and the EU": a name stops at a document
            if tok is not None and free(tok[0], tok[0] + len(tok[1])):
                run.append(tok)
                continue
            _add_name(question, run, vocab, add)
            run = []
    found.sort(key=lambda m: m.start)
    merged: list[Mention] = []
    for m in found:  # "the European Union (EU)" is one actor, replaced whole by "the OSCE"
        last = merged[-1] if merged else None
        if last is not None and m.kind == last.kind == "actor" and re.fullmatch(r"\s*\(\s*", question[last.end:m.start]) \
                and question[m.end:m.end + 1] == ")":
            merged[-1] = replace(last, text=question[last.start:m.end + 1], end=m.end + 1)
            continue
        merged.append(m)
    return merged


def _add_name(question: str, toks: list[tuple[int, str]], vocab: Vocabulary, add) -> None:
    """A capitalised name as a person or an actor (question words and small words at its edges left out)."""
    while toks and (toks[0][1] in OPENERS or toks[0][1].lower() in SMALL):
        toks = toks[1:]
    while toks and toks[-1][1].lower() in SMALL:
        toks = toks[:-1]
    if not toks:
        return
    a, b, names = toks[0][0], toks[-1][0] + len(toks[-1][1]), [t[1] for t in toks]
    if _DESCRIPTOR.match(question[b:]) or (len(names) == 1 and _DEMONYM.match(names[0])
                                           and re.match(r"\s+[a-z]", question[b:])):
        return  # "the Belgian page", "French diplomacy": a source or an adjective, not an actor
    key = " ".join(names).lower()
    person = key in vocab.people or (not vocab.names and 2 <= len(names) <= 3 and not any(
        w.lower().strip("’'s") in _BODY_WORDS or w.isupper() or w.lower() in SMALL for w in names))
    add("person" if person else "actor", a, b)

"""Follow-up questions resolved by structure: the earlier turn's subject carried into the new question.

A question is read as mentions in slots -- documents, articles and paragraphs (references.py), years, people,
bodies and actors (acronyms and capitalised names, and the names the indexed sources themselves write), groups
("MSS-affiliated cyber actors", "eleven governments") -- and anaphors (it, they, she, that body, the
convention). A follow-up then:
- replaces the matching slot of the previous question and keeps the rest when it is elliptical ("And the
  OSCE?" after "What does the EU say about NATO?" -> "What does the OSCE say about NATO?"; "What about 2015?",
  "And article 5?");
- has its pronouns and definite descriptions replaced by the person, body or document they point at ("Who
  presented it at the workshop?" after "What is the OEWG?" -> "Who presented the OEWG at the workshop?");
- names the previous subject when it asks a new question of it with no pronoun ("And what are the next steps?").
A question that is self-contained (no opener such as "and"/"what about", no anaphor pointing outside itself,
a topic of its own) inherits nothing. No LLM, no model: rules over the question and the sources' names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from . import languages
from .mentions import EMPTY, STOP, SUBJECTS, VERBS, WORD, Mention, Vocabulary, mentions, vocabulary

__all__ = ["EMPTY", "Resolution", "Vocabulary", "is_followup", "mentions", "resolve", "resolve_turn", "vocabulary"]


@dataclass(frozen=True)
class Resolution:
    """The retrieval query for a question, and how the conversation shaped it."""

    query: str
    followup: bool
    how: str  # "independent", "slot", "topic", "anaphor", "context", "request", "new subject"


_OPENER = re.compile(r"^\s*(?:and\s+(?:what|how)\s+about|what\s+about|how\s+about|and\s+also|same\s+for|likewise|"
                     r"and|also|but|so|then|now)\b[\s,:]*", re.I)
# The same openers in French, Bosnian/Croatian/Serbian, German and Dutch: read only for a question in one of
# them ("a" and "i" open English sentences too).
_OPENER_OTHER = re.compile(
    r"^\s*(?:et qu'en est-il (?:de la|de l'|du|des|de)|et pour (?:la|le|les|l')|et (?:la|le|les|l')|et|quid de|"
    r"a šta je sa|a što je s|a sta je sa|a što je sa|a kako je sa|a|i|takođe|und was ist mit|was ist mit|und|"
    r"en hoe zit het met|hoe zit het met|en wat met|en)(?=[\s,'])[\s,']*",
    re.IGNORECASE,
)


def _opener(question: str, other: bool = False):
    """The follow-up opener at the start of `question` ("And what about", "Et", "A šta je sa", "Und"), or None.

    The other languages' openers count in a conversation held in another language (`other`), in a question in one,
    or in a short question when they are longer than one letter ("Und die EU?", not "A/RES/73/27?")."""
    if m := _OPENER.match(question):
        return m
    m = _OPENER_OTHER.match(question)
    if m is None:
        return None
    if other or not languages.is_english(question):
        return m
    short = len(WORD.findall(question)) <= 4 and len(m.group().strip(" ,'")) > 1
    return m if short else None


_QUESTION = re.compile(r"^\s*(?:what|which|who|whom|whose|when|where|why|how|does|do|did|is|are|was|were|can|could|"
                       r"should|would|will|has|have|had|must|may|list|name|give|tell|explain|describe|define)\b", re.I)
# Anaphors: pronouns, "this body", "the convention".
_PERSON_PRONOUN = re.compile(r"\b(?:she|he|her|him|his|hers)\b", re.I)
_IT = re.compile(r"\b(?:it|its)\b", re.I)
_EXPLETIVE = re.compile(r"\b(?:is|was|isn't|wasn't)\s+it\s+(?:true|possible|necessary|legal|allowed|the case|"
                        r"likely|right|wrong|fair|so)\b|\bit\s+(?:is|was)\s+(?:true|possible|necessary|said|"
                        r"reported|likely|the case)\b", re.I)
_THEY = re.compile(r"\b(?:they|them|their|theirs)\b", re.I)
_DEM_PRONOUN = re.compile(r"\b(?:this|that|these|those)\b(?=\s*(?:[?.!,;]|$)|\s+(?:at|in|on|for|to|with|by|from|"
                          r"about|of|mean|means|say|says|said|do|does|did|is|was|are|were|include|includes|cover|"
                          r"covers|require|requires|apply|applies|happen|happened|differ|differs|compare|compares|"
                          r"relate|relates|work|works|matter|matters|change|changes)\b)", re.I)
_DOC_NOUNS = ("convention", "treaty", "resolution", "decision", "statement", "joint statement", "call", "document",
              "report", "declaration", "text", "protocol", "strategy", "agreement")
_BODY_NOUNS = ("body", "group", "working group", "organisation", "organization", "alliance", "agency", "network",
               "initiative", "forum", "committee", "council", "union", "process", "programme", "unit")
_DESCRIPTION = re.compile(r"\b(?:the|this|that|these|those)\s+(" + "|".join(sorted(_DOC_NOUNS + _BODY_NOUNS,
                          key=len, reverse=True)) + r")s?\b(?!\s+(?:of|on|for|against|to)\s+[A-Z])", re.I)
_DEM_NP = re.compile(r"\b(?:this|that|these|those)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\b")
_NOT_NOUN = {"is", "was", "are", "were", "do", "does", "did", "has", "have", "had", "can", "could", "should",
             "would", "will", "must", "may", "mean", "means", "say", "says", "said", "the", "a", "an", "and", "or",
             "of", "in", "on", "for", "to", "with", "by", "from", "about", "at", "it", "they", "include", "cover"}

# A request with no topic of its own: about the previous turn.
_GENERIC = {
    "can", "could", "would", "will", "you", "please", "give", "show", "tell", "list", "name", "explain", "elaborate",
    "say", "any", "some", "more", "few", "a", "an", "the", "me", "us", "why", "how", "what", "examples", "example",
    "details", "detail", "else", "other", "others", "further", "specifically", "exactly", "on", "about", "for",
    "instance", "is", "are", "there", "go", "mean", "means", "by", "expand", "summarise", "summarize", "that",
    "this", "it", "in", "and", "so", "then", "also", "when", "where", "who",
}

def _subject(turn: list[Mention], kinds: Sequence[str] = SUBJECTS, topical_first: bool = False) -> Mention | None:
    """Who or what a turn is about: an actor that speaks or acts before a document, both before what they
    speak about ("NATO" in "What does the EU say about NATO?"), a source page last; then in order."""
    def rank(m: Mention) -> tuple:
        return (m.descriptor, m.topical != topical_first, m.kind == "document", m.start)
    return min((m for m in turn if m.kind in kinds), key=rank, default=None)


def _topic(previous: str) -> str | None:
    """The topic of "What is X?" / "... about X?": what "it" means when the turn named no one."""
    m = re.match(r"^\s*(?:what|who)\s+(?:is|are|was|were)\s+((?:\S+\s+){0,5}?\S+?)\s*\??\s*$", previous, re.I)
    m = m or re.search(r"\babout\s+(.+?)\s*\??\s*$", previous, re.I)
    return m.group(1) if m else None


_DEFINED = re.compile(r"(?:\b(?:define[sd]?|definition\s+of|meaning\s+of)\s+|^\s*what\s+(?:is|are)\s+)"
                      r"(?P<term>[\"“]?[^\"”?]+?[\"”]?)(?=\s*\?|\s+(?:under|in|according|for)\b)", re.I)


def _content(text: str, spans: Sequence[Mention] = (), other: bool = False) -> list[str]:
    """Words that carry a topic (no question words, pronouns or mentions; in a conversation held in another
    language (`other`), none of that language's function words either)."""
    for m in sorted(spans, key=lambda m: -m.start):
        text = text[:m.start] + " " + text[m.end:]
    stop = STOP
    if other or not languages.is_english(text):  # "die" in "Und die EU?", "l'" in "Et l'UE ?"
        text = re.sub(r"\b(?:qu|[ldjnmtsc])['’]", " ", text, flags=re.IGNORECASE)
        stop = STOP | _ELIDED | frozenset().union(*(languages.stopwords(code) for code in languages.LANGUAGES
                                                    if code != languages.ENGLISH))
    return [w for w in WORD.findall(text) if w.lower() not in stop]


_ELIDED = frozenset({"l", "d", "qu", "j", "n", "s", "c", "m", "t"})


def _anaphors(question: str, own: list[Mention]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind wanted, text) of each pronoun or description pointing outside the question."""
    out: list[tuple[int, int, str, str]] = []
    taken = [(m.start, m.end) for m in own]

    def add(a: int, b: int, kind: str) -> None:
        if all(b <= s or a >= e for s, e in taken):
            out.append((a, b, kind, question[a:b]))
            taken.append((a, b))

    def antecedent_inside(a: int, kinds: Sequence[str]) -> bool:
        return any(m.kind in kinds and m.end <= a for m in own)

    for m in _DESCRIPTION.finditer(question):
        noun = m.group(1).lower()
        kind = "document" if noun in _DOC_NOUNS else "actor"
        if not antecedent_inside(m.start(), (kind,)):
            add(m.start(), m.end(), kind)
    for m in _PERSON_PRONOUN.finditer(question):
        if not antecedent_inside(m.start(), ("person",)):
            add(m.start(), m.end(), "person")
    expletive = [(e.start(), e.end()) for e in _EXPLETIVE.finditer(question)]
    for m in _IT.finditer(question):
        if not any(s <= m.start() < e for s, e in expletive) and not antecedent_inside(m.start(), SUBJECTS):
            add(m.start(), m.end(), "it")
    for m in _THEY.finditer(question):
        if not antecedent_inside(m.start(), ("group", "actor", "document")):
            add(m.start(), m.end(), "they")
    for m in _DEM_PRONOUN.finditer(question):
        before = WORD.findall(question[:m.start()])[-1:]
        if not before or before[0].lower() in STOP | VERBS or before[0].endswith("ed"):
            add(m.start(), m.end(), "that")  # not "a State that is ...", where "that" starts a relative clause
    for m in _DEM_NP.finditer(question):  # "those contact points": a thing of the earlier turn, kept as written
        if m.group(1).split()[0].lower() not in _NOT_NOUN:
            add(m.start(), m.end(), "np")
    return sorted(out)


def is_followup(question: str, vocab: Vocabulary = EMPTY) -> bool:
    """A question that leans on an earlier turn: an opener ("and", "what about"), a request with no topic
    ("Can you give examples?"), or a pronoun or description whose antecedent is not in the question itself."""
    if _opener(question):
        return True
    words = WORD.findall(question)
    if words and len(words) <= 8 and all(w.lower() in _GENERIC for w in words):
        return True
    return bool(_anaphors(question, mentions(question, vocab)))


def _slot(prev: list[Mention], new: Mention, used: list[Mention]) -> Mention | None:
    """The earlier turn's mention that `new` takes the place of: actor for actor, year for year, ..."""
    left = [m for m in prev if m not in used]
    if new.kind in SUBJECTS:
        return _subject(left, (new.kind,)) or _subject(left)
    return next((m for m in left if m.kind == new.kind), None)


def _antecedent(kind: str, turns: list[list[Mention]], previous: str) -> Mention | str | None:
    """What an anaphor of `kind` points at in the earlier turns (newest first, at most three back)."""
    for turn in turns[::-1][:3]:
        if kind == "person":
            found = _subject(turn, ("person",))
        elif kind == "they":
            found = _subject(turn, ("group",)) or _subject(turn, ("actor", "document", "person"))
        elif kind == "document":
            found = _subject(turn, ("document",)) or _subject(turn, ("actor",))
        elif kind == "that":  # "How does that differ ...": what the turn was about, first
            about = re.search(r"\babout\s+(.+?)\s*\??\s*$", previous, re.I)
            if about and turn is turns[-1]:
                return about.group(1)
            found = _subject(turn, ("actor", "document", "group"), topical_first=True)
        else:  # it, this body
            found = _subject(turn, ("actor", "document", "group")) or _subject(turn, ("person",))
        if found:
            return found
        if kind in ("it", "that", "document"):
            return _topic(previous)
    who = re.match(r"^\s*who\s+(.+?)\s*\??\s*$", previous, re.I)
    if kind == "person" and who:
        return "the person who " + who.group(1)  # "she" is the answer to "Who presented it?"
    return None


def _with_context(question: str, context: Sequence[str]) -> str:
    """The question with the earlier turn's subject named at its end: "What are the next steps (Bosnia ...)?"."""
    context = [c for c in dict.fromkeys(context) if c.lower() not in question.lower()]
    if not context:
        return question
    body = question.rstrip().rstrip("?").rstrip()
    return f"{body} ({', '.join(context)})?"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def resolve_turn(question: str, history: Sequence[str], vocab: Vocabulary = EMPTY) -> Resolution:
    """How `question` reads after `history` (earlier questions, oldest first; resolved here turn by turn, so
    "she" three turns on still finds the person)."""
    resolved: list[str] = []
    for earlier in history[-_TURNS:]:
        earlier = earlier[:_MAX_CHARS]
        resolved.append(_resolve(earlier, resolved, vocab).query if resolved else earlier)
    return _resolve(question, resolved, vocab)


_TURNS = 4  # earlier turns read; a pronoun looks three back at most
_MAX_CHARS = 2000  # of an earlier question (the facade limits the new one)


def _resolve(question: str, resolved: list[str], vocab: Vocabulary) -> Resolution:
    """`question` after earlier questions that are already resolved, oldest first."""
    if not resolved:
        return Resolution(question, False, "independent")
    previous = resolved[-1]
    turns = [mentions(t, vocab) for t in resolved]
    prev = turns[-1]
    other = not languages.is_english(previous)  # a conversation held in another language
    opener = _opener(question, other)
    body = question[opener.end():].strip() if opener else question.strip()
    if not body:
        return Resolution(question, False, "independent")
    own = mentions(body, vocab)
    anaphors = _anaphors(body, own)
    doc = _subject(prev, ("document",))
    orphans = [m for m in own if m.kind in ("article", "paragraph")]
    if orphans and doc and not doc.descriptor and not opener and not any(m.kind == "document" for m in own):
        # "Which sanctions does article 13 require?" after a question on the Budapest Convention
        at = orphans[-1].end
        return Resolution(_capital(body[:at] + f" of {doc.text}" + body[at:]), True, "slot")
    words = WORD.findall(body)
    if words and len(words) <= 8 and all(w.lower() in _GENERIC for w in words) and not anaphors:
        # "Can you give some examples?": no topic of its own, so the earlier question's subjects (or its words).
        named = [m.text for m in prev if m.kind in SUBJECTS + ("article", "paragraph") and not m.descriptor]
        return Resolution(_with_context(body, named) if named else f"{body.rstrip('?').rstrip()}: {previous}",
                          True, "request")
    if not opener and not anaphors:
        return Resolution(question, False, "independent")
    if anaphors:
        return Resolution(_capital(_replace_anaphors(body, anaphors, turns, previous)), True, "anaphor")
    # An opener without pronouns: an elliptical follow-up, or a new question about the earlier subject.
    if own and not _content(body, own, other or opener is not None and not _OPENER.match(question)):
        # "And the OSCE?", "What about 2015?", "And article 5?": the same question with that slot replaced.
        return Resolution(_replace_slots(previous, prev, own), True, "slot")
    if not _QUESTION.match(body) and not own:
        # "And content data?": the same question about another topic.
        return Resolution(_replace_topic(body, previous, prev), True, "topic")
    if own and _subject(own, ("person", "actor", "document")):
        # "And what does the OSCE promote?": a question of its own about a new subject.
        return Resolution(_capital(body), True, "new subject")
    subject = _subject(prev)
    context = [subject.text] if subject else _content(previous)[:3]
    return Resolution(_capital(_with_context(body, context)), True, "context")


def _replace_anaphors(body: str, anaphors: list[tuple[int, int, str, str]], turns: list[list[Mention]],
                      previous: str) -> str:
    """The question with its first pronoun of each kind, and every description, naming what it points at."""
    prev = turns[-1]
    out, context, seen = body, [], set()
    firsts = [x for x in anaphors if x[2] in ("document", "actor", "np") or not (x[2] in seen or seen.add(x[2]))]
    for a, b, kind, text in reversed(firsts):
        if kind == "np":  # "those contact points": kept, with the earlier turn's document and article named
            context += [m.text for m in prev if m.kind in SUBJECTS + ("article", "paragraph")]
            continue
        target = _antecedent(kind, turns, previous)
        if target is None:
            context.append(previous.rstrip().rstrip("?"))
            continue
        name = target if isinstance(target, str) else target.text
        if name.lower().startswith("the ") and re.search(r"\bthe\s*$", out[:a], re.I):
            name = name[4:]
        lower = text.lower()
        if lower in ("its", "their", "his") or (lower == "her" and _possessive(body, b)):
            name += "’s" if "’" in body else "'s"
        out = out[:a] + (_capital(name) if a == 0 else name) + out[b:]
    return _with_context(out, context)


def _replace_slots(previous: str, prev: list[Mention], own: list[Mention]) -> str:
    """The previous question with each of its slots that `own` fills again replaced: actor for actor, ..."""
    done: list[tuple[Mention, Mention]] = []
    for new in own:
        if old := _slot(prev, new, [o for o, _ in done]):
            done.append((old, new))
    if not done:  # "What about 2015?" after a question without a year: the year joins it
        extra = " ".join(("in " if m.kind in ("year", "article", "paragraph") else "regarding ") + m.text
                         for m in own)
        return f"{previous.rstrip().rstrip('?').rstrip()} {extra}?"
    out = previous
    for old, new in sorted(done, key=lambda p: -p[0].start):
        text = new.text
        # The new name as the question writes it: "And NATO?" gives "NATO" (not "the NATO"), "And the OSCE?" "the OSCE".
        out = out[:old.start] + (_capital(text) if old.start == 0 else text) + out[old.end:]
    return out


def _replace_topic(body: str, previous: str, prev: list[Mention]) -> str:
    """The previous question about the topic `body` names: the defined term, or the words with the same head."""
    topic = re.sub(r"^(?:about|on|regarding|concerning)\s+", "", body.rstrip("?. ").strip(), flags=re.I)
    defined = _DEFINED.search(previous)
    if defined and not any(m.start < defined.end("term") and defined.start("term") < m.end for m in prev):
        # "And content data?" after "How does ... define traffic data?": the same question of another term
        term = re.sub(r"^(?:an?|the)\s+", "", topic, flags=re.I)
        term = f"“{term}”" if defined.group("term")[:1] in "\"“" else term
        return previous[:defined.start("term")] + term + previous[defined.end("term"):]
    head = _content(topic)[-1:]
    taken = [(m.start, m.end) for m in prev]
    hits = [w for w in WORD.finditer(previous) if head and w.group().lower() == head[0].lower()
            and all(w.end() <= a or w.start() >= b for a, b in taken)]
    if hits:  # "the risks of ransomware" -> "the costs of ransomware"? no: the run of words ending in the head
        start = hits[-1].start()
        for w in reversed(list(WORD.finditer(previous[:start]))):
            if not w.group().islower() or w.group().lower() in STOP | VERBS or any(a <= w.start() < b for a, b in taken):
                break
            start = w.start()
        return previous[:start] + topic + previous[hits[-1].end():]
    subject = _subject(prev)
    return f"What does {subject.text} say about {topic}?" if subject else f"{topic} {previous}"


def _possessive(text: str, end: int) -> bool:
    """Whether "her" at `end` is a determiner ("her speech") rather than an object ("thanked her")."""
    nxt = re.match(r"\s+([a-z][\w-]*)", text[end:])
    return bool(nxt) and nxt.group(1) not in _NOT_NOUN


def resolve(question: str, history: Sequence[str], vocab: Vocabulary = EMPTY) -> str:
    """The retrieval query for `question` given the earlier questions of the conversation, oldest first."""
    return resolve_turn(question, history, vocab).query

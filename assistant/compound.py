"""Two questions in one message: "What does the Paris Call say about the Budapest Convention, and what does that
Convention aim to achieve?" Each is answered on its own, the second read as a follow-up of the first (so "that
Convention" is the Budapest Convention), and the answers are put together, each under the question it answers.

A message is split only where a second question plainly begins: after a question mark, or after ", and" / ";"
followed by a question word. Any other "and" is part of one question ("When and where did ...", "How do 73/27 and
75/240 differ?"). It is not split, and is answered whole as before, when a sentence in it asks nothing (context:
"The Sarajevo report says ... . What did 75/240 decide?") or when a later question leans on an earlier one by a bare
pronoun ("... and when does that take effect?", "How many companies took part in them?"): such a question is no
question of its own, and answered alone it was answered from anything (evals/TUNING.md, eleventh session).
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import languages
from .schema import Answer, Passage

# Words a question opens with, in the languages questions come in (languages.py).
_OPENERS = {
    "en": r"what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|may|might|must|"
          r"should|shall|will|would|has|have|had",
    "fr": r"que|qu['’]est-ce|quel|quelle|quels|quelles|qui|quand|où|pourquoi|comment|combien|est-ce",
    "bcs": r"šta|što|koji|koja|koje|kojim|ko|tko|kada|kad|gdje|gde|zašto|kako|koliko|da li|je li|"
           r"шта|што|који|која|које|ко|када|где|гдје|зашто|како|колико|да ли",
    "nl": r"wat|welke|welk|wie|wanneer|waar|waarom|hoe|is|zijn|was|waren|kan|kunnen|mag|moet|moeten",
    "de": r"was|welche|welcher|welches|wer|wann|wo|warum|wie|ist|sind|war|kann|können|darf|muss|müssen",
}
_OPENER = "|".join(f"(?:{words})" for words in _OPENERS.values())
_AND = r"(?:and|et|i|te|и|en|und)"
# ", and what does that Convention aim to achieve?" / "; which initiatives ..." inside one sentence.
_JOIN = re.compile(rf"(?:,\s*{_AND}|;\s*(?:{_AND}\s+)?)\s+(?=(?:{_OPENER})\b)", re.IGNORECASE)
# A question mark ends a question when another sentence follows it.
_QUESTION_END = re.compile(r"(?<=\?)\s+(?=\S)")
# A sentence ends at "." or "!" before a capital; after a number only before a question word: "19. Juli",
# "članku 8. Konvencije" are dates and ordinals, "... adopted in 2021. When ...?" is two sentences.
_SENTENCE_END = re.compile(rf"(?:(?<=[^\d\s][.!])|(?<=\d[.!])(?=\s+(?i:{_OPENER})\b))\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЉЊЂЋЏЅЈ“\"'])")
# "... adopted? And what does it ask ...?": the second question without its "And".
_LEADING_AND = re.compile(rf"^(?:{_AND}|also|aussi|takođe|ook|auch)\b[,\s]+(?=(?:{_OPENER})\b)", re.IGNORECASE)
_STARTS_QUESTION = re.compile(rf"^\W*(?:{_OPENER})\b", re.IGNORECASE)
# A bare pronoun that stands for something said before, in the languages questions come in; "that"/"this" only with
# no noun after them ("when does that take effect", not "that Convention"). Words that are also articles or verbs
# ("het", "zijn", "das", "sie") count: a message is then answered whole, as before splitting existed.
_DEMONSTRATIVE_ALONE = (r"(?:that|this|these|those|each)(?=\s*(?:[?,;.]|$|(?:is|was|are|were|do|does|did|take|takes|took|"
                        r"mean|means|happen|happened|apply|applies|say|says|said|require|requires|enter|enters|become|"
                        r"becomes|have|has|had|cover|covers|include|includes|work|works|last|lasts|involve|involves|"
                        r"will|would|can|could|may|must|should|shall)\b))")
_REFERS_BACK = {language: re.compile(rf"\b(?:{words})\b", re.IGNORECASE) for language, words in {
    "en": r"it|its|itself|they|them|their|theirs|he|she|him|his|her|hers|one|ones|else|each of (?:them|these|those)|"
          + _DEMONSTRATIVE_ALONE,
    "fr": r"il|elle|ils|elles|son|sa|ses|leur|leurs|cela|ça|celui|celle|ceux|celles|lui|y|en",
    "bcs": r"on|ona|ono|oni|one|njen|njena|njeno|njegov|njegova|njegovo|njihov|njihova|njihovo|njega|nje|njih|ga|ih|"
           r"to|tome|он|она|оно|они|њен|њена|његов|његова|њихов|њихова|њега|ње|њих|га|их|то|томе",
    "nl": r"het|hij|zij|ze|zijn|haar|hun|hen|dat|dit|daarvan|ervan",
    "de": r"es|er|sie|ihr|ihre|ihren|ihrem|ihrer|sein|seine|seinen|seinem|seiner|das|dies|dieser|diese|davon|dazu",
}.items()}
_MIN_WORDS = 4  # a part shorter than this is no question of its own ("and when?")


def parts(message: str) -> tuple[str, ...]:
    """The message's questions, in order; a message of one question (or one not to split) gives itself."""
    pieces: list[tuple[str, bool]] = []  # (text, asks)
    for sentence in _sentences(message):
        if not sentence.endswith("?"):
            pieces.append((sentence, False))
            continue
        halves = _halves(_LEADING_AND.sub("", sentence) if pieces else sentence)
        pieces.extend((h[:1].upper() + h[1:], True) for h in halves)
    whole = (" ".join(message.split()),)
    if len(pieces) == 1 or any(len(text.split()) < _MIN_WORDS for text, _ in pieces):
        return whole
    if not all(asks for _, asks in pieces):
        # "The Sarajevo report says ... . What did 75/240 decide?", "What does X say? I need it for a briefing.": one
        # question, whose context may be what is asked about (measured: splitting it off lost answers, gained none).
        return whole
    refers_back = _REFERS_BACK.get(languages.detect(message), _REFERS_BACK["en"])
    if any(refers_back.search(text) for text, _ in pieces[1:]):
        # "... ever launched? How many companies took part in them?": a question that leans on the one before by a
        # bare pronoun is no question of its own; "that Convention", "the same statement" name what they refer to.
        return whole
    return tuple(text for text, _ in pieces)


def _sentences(message: str) -> list[str]:
    text = " ".join(message.split())
    out = []
    for chunk in _QUESTION_END.split(text):
        out.extend(s.strip() for s in _SENTENCE_END.split(chunk) if s.strip())
    return out


def _halves(sentence: str) -> list[str]:
    """A question sentence split where a second question begins after ", and" or ";"."""
    out, start = [], 0
    for m in _JOIN.finditer(sentence):
        left = sentence[start:m.start()].strip()
        if len(left.split()) >= _MIN_WORDS:
            out.append(left.rstrip(",;") + "?")
            start = m.end()
    rest = sentence[start:].strip()
    if out and not _STARTS_QUESTION.match(rest):
        return [sentence]
    rest = rest[:1].upper() + rest[1:]
    return out + [rest]


_MARKER = re.compile(r"\[(\d+)\]")


def combine(message: str, answered: list[tuple[str, Answer]]) -> Answer:
    """One answer to the message from the answers to its questions (each with the question it answers): each under
    its question, citations numbered on through the parts. Declined only when every part is."""
    texts, citations, notices = [], [], []
    passages: dict[str, Passage] = {}
    offset = 0
    for asked, answer in answered:
        numbers = {c.n: c.n + offset for c in answer.citations}
        text = _MARKER.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", answer.text)
        texts.append(f"{asked}\n{text}")
        citations += [replace(c, n=numbers[c.n]) for c in answer.citations]
        offset = max([offset, *numbers.values()])
        for p in answer.passages:
            passages.setdefault(p.chunk.chunk_id, p)
        if answer.notice and answer.notice not in notices:
            notices.append(answer.notice)
    answers = [a for _, a in answered]
    generated = sum(a.generated_sentences for a in answers)
    rates = [(a.support_rate, a.generated_sentences) for a in answers if a.support_rate is not None]
    support = (sum(r * n for r, n in rates) / generated if generated else rates[0][0]) if rates else None
    return Answer(question=message, text="\n\n".join(texts), abstained=all(a.abstained for a in answers),
                  citations=tuple(citations), passages=tuple(passages.values()), notice=" ".join(notices) or None,
                  backend=answers[0].backend, query=" | ".join(a.query or asked for asked, a in answered),
                  support_rate=support, generated_sentences=generated, index_version=answers[-1].index_version)

"""A State's position on a subject: which sentences record it.

"What position did China take on the proposal for a programme of action?", "What is Belgium's position on a new
treaty?", "How does Bosnia and Herzegovina view the UN cybercrime convention?": a sentence records a State's
position only if it is about that State (it names the State, a near form of its name, or, in the State's own
publication, "our country" / "we") and about the subject (it writes most of the subject's words). A sentence about
the subject that never names the State, or about the State that never touches the subject, is a loose quote, not
its position: when no sentence is both, the answer says the sources record no such position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .question_kinds import _countries

_STANCE = r"(?:position|positions|stance|view|views|attitude|approach|stand|opinion|policy)"
_STATE = r"(?P<state>[A-Z][\w’'.-]*(?:\s+(?:and\s+)?[A-Z][\w’'.-]*){0,3})"
_SUBJECT = r"(?:on|about|regarding|towards?|concerning|in\s+relation\s+to|with\s+regard\s+to)\s+(?P<subject>[^?]+)"
_ASKED = tuple(re.compile(p) for p in (
    # "What is Belgium's position on ...", "What was China's view of ..."
    rf"(?i:\b(?:what|how)\s+(?:is|was|are|were)\s+(?:the\s+)?){_STATE}[’']s?\s+(?i:(?:official\s+|national\s+)?{_STANCE})"
    rf"\s+(?i:{_SUBJECT}|of\s+(?P<subject2>[^?]+))",
    # "What is the position of China on ...", "What position did China take on ..."
    rf"(?i:\b(?:what|which)\s+(?:is|was|are|were)\s+the\s+{_STANCE}\s+of\s+(?:the\s+)?){_STATE}\s+(?i:{_SUBJECT})",
    rf"(?i:\b(?:what|which)\s+{_STANCE}\s+(?:did|does|do|has|have|had)\s+(?:the\s+)?){_STATE}\s+"
    rf"(?i:(?:take|taken|took|adopt|adopted|hold|held|have|express|expressed|state|stated)\s+{_SUBJECT})",
    # "How does China view ...", "What does Belgium think about ..."
    rf"(?i:\bhow\s+(?:does|did|do)\s+(?:the\s+)?){_STATE}\s+(?i:(?:view|see|regard|assess|approach)\s+(?P<subject3>[^?]+))",
    rf"(?i:\bwhat\s+(?:does|did|do)\s+(?:the\s+)?){_STATE}\s+(?i:(?:think|say|feel)\s+{_SUBJECT})",
))
# The words of a subject that say nothing of it.
_SMALL = {"the", "a", "an", "of", "on", "for", "to", "in", "and", "or", "its", "their", "this", "that", "these",
          "those", "any", "new", "proposal", "proposed", "idea", "question", "issue", "matter"}
_OWN = re.compile(r"\b(?:our\s+country|our\s+government|we|our)\b", re.IGNORECASE)
_LONG = {"China": ("PRC", "People’s Republic of China", "People's Republic of China", "Chinese"),
         "United States": ("U.S.", "US", "USA", "American"), "United Kingdom": ("UK", "Britain", "British"),
         "Russia": ("Russian Federation", "Russian")}


@dataclass(frozen=True)
class Position:
    """The State whose position is asked (as the question writes it) and the tokens of the subject."""

    state: str
    subject: str
    subject_tokens: frozenset[str]

    def _forms(self) -> tuple[str, ...]:
        forms = [self.state, *_LONG.get(self.state, ())]
        stem = self.state.split()[0]
        if len(stem) >= 5:
            forms.append(stem[: max(5, int(len(stem) * 0.7))])  # Belgium -> Belgi(an), Bosnia -> Bosni(an)
        return tuple(forms)

    def about_state(self, text: str, document: str) -> bool:
        """Whether a sentence names the State, or is the State's own ("our country") in a document (its title and
        publisher: `document`) of that State."""
        pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(f) for f in self._forms()) + r")", re.IGNORECASE)
        return bool(pattern.search(text)) or (bool(_OWN.search(text)) and bool(pattern.search(document)))

    def about_subject(self, tokens: set[str]) -> bool:
        """Whether a sentence writes at least half of the subject's words."""
        if not self.subject_tokens:
            return True
        return 2 * len(self.subject_tokens & tokens) >= len(self.subject_tokens)

    def recorded_by(self, text: str, tokens: set[str], document: str) -> bool:
        return self.about_state(text, document) and self.about_subject(tokens)


def asked(question: str, tokenize: Callable[[str], Iterable[str]]) -> Position | None:
    """The position of a State that `question` (English) asks for, or None: the State must be a country."""
    for pattern in _ASKED:
        m = pattern.search(question)
        if m is None:
            continue
        state = re.sub(r"^(?:the|The)\s+", "", m.group("state")).strip()
        if not _countries().fullmatch(state):
            continue
        subject = next(s for s in (m.groupdict().get(k) for k in ("subject", "subject2", "subject3")) if s)
        subject = subject.strip(" ?.")
        tokens = frozenset(tokenize(" ".join(w for w in re.findall(r"[\w’'-]+", subject) if w.casefold() not in _SMALL)))
        return Position(state, subject, tokens)
    return None

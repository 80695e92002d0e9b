"""What a question asks for, read from its wording: a date or number, a count, a list, a comparison, what a
document is; and the checks a sentence must pass to answer that kind of question."""
from __future__ import annotations

import re

from .schema import Chunk

# Questions about a quantity or a date are only answered by a sentence that holds a number or a date.
NUMBER_QUESTION = re.compile(
    r"^\s*when\b|\b(?:how many|how much|how long|how often|what year|which year|what date|which date|"
    r"since when|what percentage|what share)\b"
    # French, Bosnian/Croatian/Serbian (Latin and Cyrillic), Dutch, German (languages.py)
    r"|^\s*(?:quand|kada|kad|када|wanneer|wann)\b|\b(?:quelle année|quelle date|combien|depuis quand|"
    r"koje (?:je )?godine|kojeg datuma|koji datum|koliko|које (?:је )?године|који датум|колико|welk jaar|welke datum|hoeveel|"
    r"hoe lang|welchem jahr|welches jahr|welchem datum|welches datum|wie viele|wie viel|wie lange|seit wann)\b",
    re.IGNORECASE,
)
HAS_NUMBER = re.compile(
    r"\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
# "How many States voted ...": a count, which a document symbol or paragraph number is not.
COUNT_QUESTION = re.compile(r"\b(?:how many|how much|what percentage|what share|number of|combien|nombre de|"
                            r"koliko|колико|hoeveel|wie viele|wie viel|anzahl)\b", re.IGNORECASE)
_HAS_COUNT = re.compile(r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                        r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|tens)\b", re.IGNORECASE)
_REFERENCES = re.compile(r"\b[A-Z]{1,3}(?:/[\w.]+)+|\b(?:para|paras|art|arts|p|pp|No)\.\s*\d[\w()., ]*|\b\d{1,3}/\d{1,4}\b|"
                         r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+\d{4}|\b(?:19|20)\d\d\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Yes/no and why questions may carry a wrong year on purpose ("Was it approved in 2025?"): the answer corrects it.
CHECKS_PREMISE = re.compile(r"^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|why)\b", re.I)
# Questions asking for examples or a list are answered with a list when the passages hold a fitting one.
LIST_QUESTION = re.compile(r"\b(?:examples?|exemples?|primjer\w*|primer\w*|примјер\w*|пример\w*|voorbeeld\w*|"
                           r"beispiel\w*|list|lists|listed|enumerat\w*|kinds of|types of|includ\w*|consists? of|compris\w*|"
                           r"(?:what|which) (?:are|were) the (?:\w+ ){0,2}(?:principles|norms|commitments|measures|rules|"
                           r"elements|steps|functions|objectives|purposes|goals|priorities|recommendations)|"
                           r"which (?:norms|principles|measures|"
                           r"commitments|offences|rules|steps|elements|questions))\b", re.IGNORECASE)
COMPARISON = re.compile(r"\b(?:differ\w*|difference|compar\w*|contrast|versus|vs\.?|both|each)\b", re.IGNORECASE)
# "What is A/70/174?", "Which body issued A/76/135?": who or what a document is, not what it says.
IDENTITY = re.compile(r"^\s*(?:what|which)\s+(?:is|are|was|were)\s+\S+(?:\s+\S+){0,2}\s*\??\s*$|"
                      r"^\s*(?:who|which body|which organi[sz]ation)\s+(?:issued|adopted|wrote|published)\b", re.I)
# A sentence that refers back to the one before it ("Such denunciation shall become effective ...").
ANAPHORA = re.compile(r"^(?:Such|This|These|That|Those|The same)\b")


def has_count(text: str) -> bool:
    """Whether a sentence holds a count, leaving aside document symbols, paragraph numbers, dates and years."""
    return bool(_HAS_COUNT.search(_REFERENCES.sub(" ", text)))


def years_of(chunk: Chunk) -> set[str]:
    """Years a passage speaks of: in its text, or its document's date and title (a statement of 2023)."""
    meta = chunk.meta
    return set(YEAR.findall(" ".join(x for x in (chunk.text, meta.date or "", meta.title) if x)))

"""Timeline of a briefing pack: dated events and decisions found in the sources' sentences, as ISO dates.

A date written in full ("17 March 2025", "March 17, 2025", "2025-03-17") gives a day, "March 2021" a month,
and a year alone counts only where the sentence dates something with it ("in 2016", "since 2004", "the 2015
report"), not in a number or a document symbol. Dates are read by python-dateutil; the precision written
is the precision kept (2016, 2021-03, 2025-03-17).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as date_parser

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DATE = re.compile(
    rf"\b(?:(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:and|to|-|–)\s+\d{{1,2}})?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR})"
    rf"|(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?,\s+{_YEAR})"
    rf"|(?P<iso>{_YEAR}-[01]\d-[0-3]\d)"
    rf"|(?P<my>{_MONTH}\s+(?:of\s+)?{_YEAR})"
    rf"|(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Bb]y )|(?<=\b[Ff]rom )|(?<=\b[Oo]f )|(?<=\b[Ii]n early )"
    rf"|(?<=\b[Ii]n late )|(?<=\b[Tt]hroughout )|(?<=\bits )|(?<=\d{{4}} and )|(?<=\d{{4}}, )|(?<=\d{{4}} or )|(?<=\bthe ))(?P<year>{_YEAR})(?![/\d-])"
    rf")\b")
# "the 2015 report", "of 2015 to 2017": a bare year after "the" only dates a document or session
_YEAR_NOUN = re.compile(r"(?:(?:,\s*|,?\s+and\s+)(?:19|20)\d\d)*\s+(?:Open-ended|groups?|consensus|final|reports?|session|consensus|Paris|Call|[Cc]onvention|[Ss]trategy|[Cc]onference|[Ss]ummit|"
                        r"GGE|Group|OEWG|meeting|edition|Forum|Initiative)\b")
# a sentence end: not after a capital ("U.S. Government" goes on)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”’][.!?])\s+(?=[A-Z“‘(])")
_SENTINELS = (datetime(1904, 2, 29), datetime(1908, 4, 30))  # leap-year defaults: a written field never equals both


@dataclass(frozen=True)
class DateMatch:
    """One date inside a unit's text: its ISO form and where it is written."""

    iso: str
    start: int
    end: int


def iso_date(written: str, precision: str) -> str | None:
    """ISO form of a written date at the precision it is written ('day', 'month' or 'year'), or None."""
    text = re.sub(r"(\d{1,2})\s*(?:and|to|-|–)\s*\d{1,2}\b", r"\1", written)  # "10 and 11 June 1997": the first day
    text = re.sub(r"\bof\s+", "", text)
    try:
        a, b = (date_parser.parse(text, default=d, fuzzy=False) for d in _SENTINELS)
    except (ValueError, OverflowError):
        return None
    if precision == "year":
        return f"{a.year:04d}"
    if precision == "month" or a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    return f"{a.year:04d}-{a.month:02d}-{a.day:02d}"


def find_dates(text: str) -> list[DateMatch]:
    """The dates written in one unit, in order."""
    found = []
    for m in _DATE.finditer(text):
        if m.group("year") and m.group(0) == m.group("year"):
            before = text[max(0, m.start() - 4):m.start()]
            if before.endswith(("the ", "its ")) and not _YEAR_NOUN.match(text, m.end()):
                continue
            if re.match(r"\s*(?:%|per cent|percent|persons|people|States|countries)", text[m.end():]):
                continue
        precision = "day" if m.group("dmy") or m.group("mdy") or m.group("iso") else "month" if m.group("my") else "year"
        iso = iso_date(m.group(0), precision)
        if iso:
            found.append(DateMatch(iso, m.start(), m.end()))
    return found


def clause_around(text: str, start: int, end: int, max_words: int = 40) -> tuple[int, int]:
    """The clause of `text` holding [start, end): from the last ';' or sentence break before to the next after.

    A preamble that recalls ten resolutions with their dates gives ten short entries, each a verbatim piece
    of the one quoted unit, instead of the whole unit ten times.
    """
    left = max(text.rfind(";", 0, start), text.rfind("\n", 0, start))
    s = left + 1 if left >= 0 else 0
    right = [i for i in (text.find(";", end), text.find("\n", end)) if i >= 0]
    e = min(right) if right else len(text)
    # and within its sentence, when the unit holds several (a lead-in with its list)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    s = max([s] + ends)
    after = _SENTENCE_END.search(text, end)
    if after and after.start() < e:
        e = after.start() + 1
    piece = text[s:e]
    if len(piece.split()) > max_words:  # long clause: narrow to the commas around the date
        left = text.rfind(",", s, start)
        s2 = left + 1 if left >= 0 else s
        right = text.find(",", end, e)
        e2 = right if right >= 0 else e
        if len(text[s2:e2].split()) >= 4:
            s, e = s2, e2
    while s < e and text[s] in " \t,":
        s += 1
    while e > s and text[e - 1] in " \t,;:":
        e -= 1
    return s, e

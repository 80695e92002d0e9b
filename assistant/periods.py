"""Times a question names (a month of a year, a day, a span of years) and whether the sources ever write them.

"What did the final report adopted in July 2025 recommend?" and "Why did the 2016-2017 Group fail?" ask about a
time no indexed document mentions: every word of them may be in the sources ("July", "2025", "2016", "2017"), but
not the time itself. The answer then says which time the sources never mention, instead of quoting passages about
other years. Times are compared by value: "4 December 2023", "December 4, 2023" and a document dated 2023-12-04 are
one day; "2021-2025", "2021–2025" and "2021/25" one span; a day also writes its month ("December 2023").
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Iterable

# Month names of the sources' languages (English, French, Dutch, German, Bosnian/Croatian/Serbian), lower case.
_MONTHS: dict[str, int] = {}
for _i, _names in enumerate((
        ("january", "janvier", "januari", "januar", "januara", "siječnja", "sijecnja"),
        ("february", "février", "fevrier", "februari", "februar", "februara", "veljače", "veljace"),
        ("march", "mars", "maart", "märz", "marz", "mart", "marta", "ožujka", "ozujka"),
        ("april", "avril", "aprila", "travnja"),
        ("may", "mai", "mei", "maj", "maja", "svibnja"),
        ("june", "juin", "juni", "jun", "juna", "lipnja"),
        ("july", "juillet", "juli", "jul", "jula", "srpnja"),
        ("august", "août", "aout", "augustus", "avgust", "augusta", "avgusta", "kolovoza"),
        ("september", "septembre", "septembar", "septembra", "rujna"),
        ("october", "octobre", "oktober", "oktobar", "oktobra", "listopada"),
        ("november", "novembre", "novembar", "novembra", "studenoga", "studenog"),
        ("december", "décembre", "decembre", "dezember", "decembar", "decembra", "prosinca")), start=1):
    for _n in _names:
        _MONTHS[_n] = _i
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"

_DAY_MONTH_YEAR = re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|\.)?\s+(?:(?:day\s+)?of\s+)?(?P<m>{_MONTH})\.?,?\s+"
                             rf"(?P<y>{_YEAR})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.IGNORECASE)
# A date as a question writes it after a document's name ("23 November 2001", "November 23, 2001", "December 2020",
# "2001"), for answer.py: the year it ends on is the last four digits.
MONTH_NAME = rf"(?:{_MONTH})"  # a month's name in the languages above
DATE_TEXT = (rf"(?:[0-3]?\d(?:st|nd|rd|th|\.)?\s+(?:(?:day\s+)?of\s+)?(?:{_MONTH})\.?,?\s+|(?:{_MONTH})\.?\s+"
             rf"(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?)?{_YEAR}\b")
_ISO = re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?\b")
# "2016-2017", "2021–2025", "2016/17", "2019-20": a session, a mandate, a biennium. Not "A/RES/73/27" (no years)
# and not a page range of four-digit numbers outside 1900-2099.
_SPAN = re.compile(rf"(?<![\w/-])(?P<a>{_YEAR})\s?[-–—/]\s?(?P<b>{_YEAR}|\d\d)(?![\w/-])")

_SPAN_WORDS = re.compile(rf"\b(?:from|between)\s+(?P<a>{_YEAR})\s+(?:to|and|until|through)\s+(?P<b>{_YEAR})\b",
                         re.IGNORECASE)
_SYMBOL_BEFORE = re.compile(r"\b(?:resolutions?|decisions?|res\.|dec\.|E/RES/|E/DEC/)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A time as written ("July 2025") and as compared: ("month", 2025, 7), ("day", 2023, 12, 4), ("span", 2016, 2017)."""

    text: str
    key: tuple


def _month(name: str) -> int | None:
    return _MONTHS.get(name.casefold().rstrip("."))


def _span_end(a: int, b: str) -> int | None:
    end = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
    return end if a < end <= a + 10 else None  # "2016-17" is 2016 to 2017; "2016/2045" is no span of a mandate


def find(text: str) -> list[Period]:
    """The months, days and spans of years written in `text`, each once, in order."""
    found: dict[tuple, Period] = {}
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, key: tuple) -> None:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        found.setdefault(key, Period(m.group(0).strip(), key))

    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            if (month := _month(m["m"])) and 1 <= int(m["d"]) <= 31:
                add(m, ("day", int(m["y"]), month, int(m["d"])))
    for m in _MONTH_YEAR.finditer(text):
        if month := _month(m["m"]):
            add(m, ("month", int(m["y"]), month))
    for m in _ISO.finditer(text):
        if 1 <= int(m["m"]) <= 12:
            add(m, ("day", int(m["y"]), int(m["m"]), int(m["d"])) if m["d"] else ("month", int(m["y"]), int(m["m"])))
    for m in _SPAN_WORDS.finditer(text):
        if (end := _span_end(int(m["a"]), m["b"])) is not None:
            add(m, ("span", int(m["a"]), end))
    for m in _SPAN.finditer(text):
        if "/" in m.group(0) and _SYMBOL_BEFORE.search(text[:m.start()]):
            continue  # "resolution 2016/17" of ECOSOC is a symbol
        if (end := _span_end(int(m["a"]), m["b"])) is not None:
            add(m, ("span", int(m["a"]), end))
    return sorted(found.values(), key=lambda p: text.find(p.text))


def keys(texts: Iterable[str]) -> frozenset[tuple]:
    """Every time the texts write, with each day's month as well ("4 December 2023" writes "December 2023")."""
    out: set[tuple] = set()
    for text in texts:
        for p in find(text):
            out.add(p.key)
            if p.key[0] == "day":
                out.add(("month", *p.key[1:3]))
    return frozenset(out)


_lock = threading.Lock()


def written_in(keyword) -> frozenset[tuple]:
    """The times the indexed sources write (their text and their dates), computed once per index version."""
    with _lock:
        cached = getattr(keyword, "_written_periods", None)
        if cached is None:
            dates = {c.source: c.meta.date or "" for c in keyword.chunks}
            cached = keys([c.text for c in keyword.chunks] + list(dates.values()))
            keyword._written_periods = cached
        return cached


def unwritten(question: str, keyword) -> list[str]:
    """The times the question names that no indexed source writes, in the question's words."""
    asked = find(question)
    if not asked:
        return []
    written = written_in(keyword)
    return [p.text for p in asked if p.key not in written]

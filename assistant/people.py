"""Who's who of a briefing pack: people and bodies named in the sources, with the role the sources give them.

People are found by how reports name them ("Ambassador Emina Merdan", "Katherine Prizeman from the UN Office
for Disarmament Affairs (UNODA)", "President Biden"); bodies by their names (the Secretary-General, the General
Assembly, a "... Working Group", "... Committee", an organisation spelled out before its acronym). The role is
the verbatim words the sentence attaches to the name: a title, "from ...", an appositive, or what the body does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = r"[A-Z][\w’'-]+(?:\s+(?:van|von|de|der|da|di|du|le|la|bin|al)\b)?(?:\s+[A-Z][\w’'-]+){0,2}"
_TITLES = (r"(?:Ambassador|President|Vice[- ]President|Prime\s+Minister|Minister|Secretary|Commissioner|Director|"
           r"Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|H\.E\.|Judge|Senator|Chancellor|Chair(?:man|woman|person)?)")
_TITLED = re.compile(rf"\b(?P<title>{_TITLES})\s+(?P<name>{_NAME})")
# "Szilvia Tóth from the OSCE", "Jane Doe, Head of the ... ,"
_FROM = re.compile(rf"\b(?P<name>[A-Z][\w’'-]+(?:\s+(?:van|von|de|der|da|di|du|le|la)\b)?\s+[A-Z][\w’'-]+)"
                   rf"(?P<role>\s+from\s+the\s+[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|on|and|the|in))*(?:\s+\([A-Z]{{2,9}}\))?|,\s+(?:the\s+)?(?:Head|Director|Chief|"
                   rf"Minister|Ambassador|Secretary|Deputy|Senior|Special|High|Permanent|Chair)[^,;.\n]{{2,100}})")
_BODY_HEADS = (r"(?:Group|Committee|Council|Assembly|Office|Organi[sz]ation|Union|Service|Agency|Secretariat|"
               r"Initiative|Institute|Commission|Conference|Forum|Network|Alliance|Court|Ministry|Centre|Center|"
               r"Programme|Partnership|Team|Parliament|Summit|Administration|Department|Bureau|Foundation|Society|"
               r"Association|Authority|Academy|Board)")
# Bodies written without a capitalised head noun: acronyms of organisations, and UN bodies in lower case.
_KNOWN_BODIES = re.compile(r"\b(?P<name>NATO|OSCE|ASEAN|INTERPOL|Interpol|Europol|ENISA|UNODA|UNIDIR|UNODC|ITU|ICANN|FATF|"
                           r"G7|G20|(?i:open-ended working group)|Group of Governmental Experts)\b")
_BODY = re.compile(
    rf"\b(?P<name>Secretary-General|(?:[A-Z][\w’'-]+\s+(?:(?:of|on|for|the|in|and)\s+){{0,2}}){{0,6}}"
    rf"{_BODY_HEADS}(?:\s+(?:of|on|for|to)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+(?:(?:and|in|of|on|to|the|a)\s+)?[A-Z][\w’'-]+){{0,6}})?)"
)
_NOT_NAMES = {"The", "This", "These", "Those", "Each", "Any", "All", "Our", "Their", "Its", "His", "Her", "A", "An",
              "In", "On", "By", "For", "With", "Recalling", "Noting", "Welcoming", "Recognizing", "Recognising",
              "Requests", "Decides", "Calls", "Encourages", "Invites", "Urges", "Article", "Chapter", "Section",
              "Party", "Parties", "States", "State", "Member", "General", "United", "European", "National",
              "International", "Cyber", "Joint", "Further"}
# What a body does, or what it is: the words right after its name.
_ROLE_AFTER = re.compile(r"(?:\s*\([A-Z][A-Za-z-]{1,9}\))?(?P<role>,\s+(?:(?:the|a|an)\s+[a-z]|which\b|who\b)[^,;.\n]{3,140}|"
                         r"\s+(?:is|are|was|were|has|have|had|shall|will|should|would|to|which|that|who|established|"
                         r"created|adopted|launched|promotes|leads|supports|presented|outlined|explained|shared|"
                         r"submitted|convened|coordinates|chairs|[a-z]+ed)\b[^;.\n]{3,160})")


@dataclass(frozen=True)
class PersonMatch:
    """A person or body named in a unit's text, with the role the text gives and where that role is."""

    name: str
    kind: str  # "person" | "body"
    role: str
    start: int  # offsets of the role inside the unit's text
    end: int


def _clean_body(name: str) -> str:
    words = name.split()
    while words and (words[0] in _NOT_NAMES and words[0] not in ("General", "United", "European", "International",
                                                                   "National") or words[0].lower() in ("of", "the")):
        words = words[1:]
    return " ".join(words)


def _role_span(text: str, end: int) -> tuple[int, int] | None:
    m = _ROLE_AFTER.match(text, end)
    if not m:
        return None
    s, e = m.start("role"), m.end("role")
    while s < e and text[s] in ", ":
        s += 1
    words = text[s:e].split()
    if len(words) > 25:  # keep the role short: the first 25 words, verbatim
        e = s + len(" ".join(text[s:e].split(" ")[:25]))
    return s, e


def _clause_role(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The clause around a body's name when it says what the body does ("Requests the Secretary-General, within
    existing resources, to ...", "organised by the Centre ..."): from the clause start, at most 30 words."""
    from .timeline import clause_around

    s, e = clause_around(text, start, end, max_words=30)
    words = text[s:e].split()
    if len(words) > 30:
        e = s + len(" ".join(text[s:e].split(" ")[:30]))
    outside = text[s:start] + " " + text[end:e]
    if len(outside.split()) < 4 or not re.search(r"\b(?:by|is|are|was|were|has|have|shall|will|to|[a-z]{3,}(?:ed|es))\b", outside):
        return None
    return s, e


def find_people(text: str) -> list[PersonMatch]:
    """People and bodies named in one unit, each with a verbatim role, in order of appearance."""
    found: list[PersonMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _TITLED.finditer(text):
        name = re.split(r"[’']s\b", m.group("name"))[0]  # "President Biden’s Executive Order"
        if name.split()[0] in _NOT_NAMES or re.match(r"of\b|General\b", name) \
                or re.search(_BODY_HEADS, name):
            continue
        # the title is the role; an appositive after the name adds to it ("Mr. X, Director of Y")
        after = re.match(r",\s+(?:the\s+)?[A-Z][^,;.\n]{2,100}", text[m.end("name"):])
        s, e = (m.start("title"), m.end("title")) if not after else (m.end("name") + 2, m.end("name") + after.end())
        found.append(PersonMatch(name, "person", text[s:e], s, e))
        taken.append((m.start(), m.end()))
    for m in _FROM.finditer(text):
        name = m.group("name")
        if name.split()[0] in _NOT_NAMES or any(s <= m.start("name") < e for s, e in taken) \
                or re.search(_BODY_HEADS, name):
            continue
        s, e = m.start("role"), m.end("role")
        while text[s] in ", ":
            s += 1
        found.append(PersonMatch(name, "person", text[s:e].rstrip(), s, s + len(text[s:e].rstrip())))
        taken.append((m.start(), m.end()))
    for m in [*_BODY.finditer(text), *_KNOWN_BODIES.finditer(text)]:
        name = _clean_body(m.group("name"))
        if " and the " in f" {name} ":
            continue  # two bodies run together
        if not name or len(name.split()) < 2 and not _KNOWN_BODIES.fullmatch(name) and name != "Secretary-General" \
                or any(s <= m.start() < e for s, e in taken):
            continue
        if name.split()[0] in _NOT_NAMES and name.split()[0] not in ("General", "United", "European", "International"):
            continue
        role = _role_span(text, m.end("name")) or _clause_role(text, m.start(), m.end())
        if role is None:
            continue  # a body merely mentioned: no role to give
        found.append(PersonMatch(name, "body", text[role[0]:role[1]], *role))
        taken.append((m.start(), m.end()))  # the same name found by both patterns counts once
    return sorted(found, key=lambda p: p.start)

"""Acronyms a question uses that the sources only spell out: GGE -> Group of Governmental Experts.

A question about "the 2015 GGE report" over resolutions that always write "Group of Governmental Experts"
must neither be refused for an unknown term nor miss those passages: the expansion is found in the
sources themselves (capitalised words whose initials spell the acronym) and added to the retrieval query.
"""
from __future__ import annotations

import re
import threading

_PHRASE = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|and|on|for|the|in|to|against|de|des|du|la|le|et)\s+)*[A-Z][\w'’-]*){1,7}")
_ACRONYM = re.compile(r"\b[A-Z]{2,7}s?\b")
_SMALL = {"of", "and", "on", "for", "the", "in", "to", "against", "de", "des", "du", "la", "le", "et"}
_lock = threading.Lock()


def _initials(words: list[str], with_small: bool) -> str:
    out = []
    for w in words:
        if w.lower() in _SMALL:
            if with_small:
                out.append(w[0].upper())
            continue
        out.extend(part[0].upper() for part in re.split(r"[-–]", w) if part)
    return "".join(out)


def _phrases(keyword) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """The index's capitalised phrases, distinct, with how often each is written, by first letter: one pass over
    the passages per index version, shared by every acronym asked after it (a pass per acronym cost about 5 s
    each at 100,000 passages)."""
    with _lock:
        cached = getattr(keyword, "_acronym_phrases", None)
    if cached is not None:
        return cached
    counts: dict[str, int] = {}
    for chunk in keyword.chunks:
        for phrase in _PHRASE.findall(chunk.text):
            counts[phrase] = counts.get(phrase, 0) + 1
    by_letter: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase, n in counts.items():
        words = tuple(phrase.split())
        for letter in {w[0] for w in words if w.lower() not in _SMALL}:
            by_letter.setdefault(letter, []).append((words, n))
    with _lock:
        keyword._acronym_phrases = by_letter
    return by_letter


def expansion(acronym: str, keyword) -> str | None:
    """The most frequent capitalised phrase of the index whose initials spell `acronym`; cached per index version."""
    with _lock:
        cache = getattr(keyword, "_acronym_cache", None)
        if cache is None:
            cache = keyword._acronym_cache = {}
        if acronym in cache:
            return cache[acronym]
    counts: dict[str, int] = {}
    first = acronym[0]
    for words, n in _phrases(keyword).get(first, ()):
        # every run of 2+ capitalised words inside the phrase: "the Group of Governmental Experts on ..."
        for i in range(len(words)):
            if words[i].lower() in _SMALL or not words[i].startswith(first):
                continue
            for j in range(i + 2, min(len(words), i + 8) + 1):
                if words[j - 1].lower() in _SMALL:
                    continue
                phrase = words[i:j]
                if acronym in (_initials(phrase, False), _initials(phrase, True)):
                    text = " ".join(phrase)
                    counts[text] = counts.get(text, 0) + n
    best = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))[0] if counts else None
    with _lock:
        cache[acronym] = best
    return best


def cached_expansion(acronym: str, keyword) -> str | None:
    """`expansion(acronym)` if this index version has already computed it (for a question's unknown acronyms,
    `unknown_acronyms` does, at retrieval), else None: never a pass over the passages."""
    with _lock:
        return (getattr(keyword, "_acronym_cache", None) or {}).get(acronym)


# Acronyms of this field that documents write out in lower case ("non-governmental organizations"), so that
# no capitalised phrase spells them: used when the index holds every word of the phrase.
COMMON = {
    "NGO": "non-governmental organizations", "CSO": "civil society organizations",
    "CERT": "computer emergency response teams", "CSIRT": "computer security incident response teams",
    "CBM": "confidence-building measures", "ICT": "information and communications technologies",
    "MLA": "mutual legal assistance", "IHL": "international humanitarian law", "AI": "artificial intelligence",
    "IOT": "Internet of things", "DDOS": "distributed denial of service", "APT": "advanced persistent threat",
    "CII": "critical information infrastructure", "SME": "small and medium-sized enterprises",
    "POC": "point of contact", "TTP": "tactics, techniques and procedures", "PII": "personal data",
    "CSAM": "child sexual abuse material", "ISP": "service providers",
    # the United Nations' organs as diplomats abbreviate them: the documents write "the General Assembly"
    "UNGA": "General Assembly", "UNSC": "Security Council", "UNSG": "Secretary-General",
    "UNHRC": "Human Rights Council", "HRC": "Human Rights Council", "SG": "Secretary-General",
    "GA": "General Assembly", "SC": "Security Council", "ECOSOC": "Economic and Social Council",
    "FATF": "Financial Action Task Force", "EEAS": "European External Action Service",
}


def _known(acronym: str, keyword) -> str | None:
    phrase = COMMON.get(acronym.upper())
    if phrase and all(w in keyword.words or w.rstrip("s") in keyword.words or w + "s" in keyword.words
                      for w in re.findall(r"[a-z]+", phrase.lower())):
        return phrase
    return None


def unknown_acronyms(question: str, keyword) -> dict[str, str]:
    """Acronyms in `question` that the index never writes, with the phrase the index spells out instead."""
    found = {}
    for m in _ACRONYM.finditer(question):
        acronym = m.group().rstrip("s") if m.group().endswith("s") and m.group()[:-1].isupper() else m.group()
        if acronym.lower() in keyword.words:
            continue
        phrase = expansion(acronym, keyword) or _known(acronym, keyword)
        if phrase:
            found[m.group()] = phrase
    return found


def expand(question: str, keyword) -> str:
    """The question with each unknown acronym followed by its expansion, for retrieval and scoring."""
    found = unknown_acronyms(question, keyword)
    for acronym, phrase in found.items():
        question = re.sub(rf"\b{re.escape(acronym)}\b", f"{acronym} ({phrase})", question, count=1)
    return question

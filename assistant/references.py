"""What a question refers to: documents (by symbol or well-known name), paragraphs and articles.

Labels come back the way the structure stage writes them, without the "para."/"art." prefix:
paragraphs "5", "1.3", "4(a)"; articles "41", "2(b)". A paragraph of an article is part of the
article label in the usual legal form: "Article 2, paragraph 1" and "paragraph 1 of Article 2" give
article "2(1)" and no paragraph, so a paragraph label always means a numbered paragraph of the
document itself (a resolution's operative paragraph). Preambular paragraphs ("PP3") are not returned.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .docmeta import INSTRUMENTS, INSTRUMENTS_BY_KEY, find_instruments, instrument_for_title, symbol_key


@dataclass(frozen=True)
class DocRef:
    """One document the question names: its words, and the keys to compare with documents."""

    text: str
    symbol_key: str | None  # docmeta.symbol_key form: "78/16", "A/76/135", "A/DEC/77/512", "ETS 185"
    name_key: str | None  # docmeta.INSTRUMENTS key: "budapest-convention", "paris-call", ...


@dataclass(frozen=True)
class References:
    """Everything a question points at, each tuple in order of first mention, without repeats."""

    documents: tuple[DocRef, ...] = ()
    paragraphs: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


# Bare "NN/NN" (no "resolution", no "A/RES/") is read as a GA resolution only for sessions 40-99
# (1985-2044): below that "24/7", "9/11" and day/month dates are far likelier than a symbol.
_BARE_SESSIONS = range(40, 100)
_IDIOMS = {"50/50"}  # "a 50/50 chance" is not resolution 50/50

_SN = r"\d{1,3}/\d{1,4}(?![\d/])"
_LIST_TAIL = rf"(?:\s*(?:,|and|&|or)\s*(?!\d{{1,3}}/\d{{1,4}}/){_SN})*"
_DOC_PATTERNS = (
    # Full symbols first; they may carry a year for the Security Council.
    re.compile(r"(?<![\w/])(?:A|S|E)(?:/[A-Z0-9][A-Za-z0-9.\-]*)*/\d[A-Za-z0-9.\-/]*(?:\s*\(\d{4}\))?", re.I),
    re.compile(r"\b(?:human rights council|hrc)\s+resolutions?\s+" + _SN + _LIST_TAIL, re.I),
    re.compile(r"\b(?:(?:security council|unsc|sc)\s+)?resolutions?\s+\d{3,5}\s*\(\d{4}\)", re.I),
    re.compile(r"\b(?:security council|unsc)\s+resolutions?\s+\d{3,5}\b", re.I),
    re.compile(r"\b(?:(?:general assembly|unga|ga)\s+)?(?:decisions?|dec\.)\s*" + _SN +
               r"(?:\s+[A-H](?:\s+and\s+[A-H])?\b)?", re.I),
    re.compile(r"\b(?:(?:general assembly|unga|ga)\s+)?(?:resolutions?|res\.)\s*" + _SN + _LIST_TAIL, re.I),
    re.compile(r"\bC?ETS\s*(?:No\.?|n°|nr\.?|#)?\s*\d{1,3}\b", re.I),
    re.compile(r"\b(?:OSCE\s+)?(?:PC\.DEC/\d{1,5}|Permanent Council Decision\s+(?:No\.?\s*)?\d{1,5})", re.I),
    re.compile(r"(?<![\w/.])\d{2}/\d{1,3}(?![\w/]|\.\d)"),
)


def _doc_refs(question: str) -> list[tuple[int, int, DocRef]]:
    found: list[tuple[int, int, DocRef]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _ in found)

    for start, end, inst in find_instruments(question):
        found.append((start, end, DocRef(question[start:end], symbol_key(inst.symbol), inst.key)))
    for pattern in _DOC_PATTERNS:
        for m in pattern.finditer(question):
            if not free(m.start(), m.end()):
                continue
            text = m[0].rstrip(".,;:")
            members = _members(text)
            if not members:
                continue
            for member_text, key in members:
                inst = next((i for i in INSTRUMENTS if i.symbol and symbol_key(i.symbol) == key), None)
                found.append((m.start(), m.start() + len(text), DocRef(member_text, key, inst.key if inst else None)))
    found.sort(key=lambda f: f[0])
    return found


def _members(text: str) -> list[tuple[str, str]]:
    """(text, key) for each symbol in a match; "resolutions 73/27 and 75/240" gives two."""
    numbers = re.findall(r"\d{1,3}/\d{1,4}", text)
    lead = re.match(r"(.*?)\d{1,3}/\d{1,4}", text, re.S)
    if len(numbers) > 1 and lead and not re.search(r"/", lead[1]):
        prefix = re.sub(r"(?i)\b(resolution|decision)s\b", r"\1", lead[1])
        return [(t if i == 0 else n, k) for i, n in enumerate(numbers)
                if (t := f"{lead[1]}{n}") and (k := symbol_key(prefix + n))]
    if re.fullmatch(r"\d{2}/\d{1,3}", text):  # bare: only plausible GA sessions
        session = int(text.split("/")[0])
        if session not in _BARE_SESSIONS or text in _IDIOMS:
            return []
    key = symbol_key(re.sub(r"(?i)\b(resolution|decision)s\b", r"\1", text))
    return [(text, key)] if key else []


# --- paragraphs and articles ------------------------------------------------------------------------

_SUB = r"(?:\s*\(\s*[a-z0-9]{1,4}\s*\))"
_PARA_LABEL = rf"\d{{1,3}}(?:\.\d{{1,3}})*{_SUB}*"
_ART_LABEL = rf"\d{{1,3}}(?:\s+(?:bis|ter|quater))?{_SUB}*"
_SEP = r"\s*(?:,|and|&|or|to|through|-|–)\s*"
_ART_PARA = rf"(?:,?\s*(?:paragraph|para\.?)\s*(?P<ap>{_PARA_LABEL}))?"

# "paragraph 1 of article 2", and "paragraph 1 article 2" (a question rendered word by word: "stav 1 člana 2")
_PARA_OF_ART = re.compile(rf"\b(?:sub-?)?(?:paragraph|para\.?)\s*(?P<p>{_PARA_LABEL})\s+(?:of\s+)?(?:the\s+)?"
                          rf"(?:article|art\.)\s*(?P<a>{_ART_LABEL})", re.I)
_SUB_OF_PARA = re.compile(rf"\bsub-?paragraph\s*(?P<s>{_SUB})\s+of\s+(?:operative\s+)?(?:paragraph|para\.?)\s*"
                          rf"(?P<p>{_PARA_LABEL})", re.I)
_ARTICLES = re.compile(rf"\b(?:articles?|arts?\.|(?<!the\s)arts?(?=\s*\d{{1,3}}(?![\d/])))\s*(?P<list>{_ART_LABEL}(?:{_SEP}{_ART_LABEL})*){_ART_PARA}", re.I)
# "norm 1.3 of 73/27", "norm 13(f)": the norms of the UN framework are numbered paragraphs of their texts.
_PARAGRAPHS = re.compile(rf"(?P<pre>\bpreambular\s+|\bsub-?)?(?:\b(?:operative\s+)?(?:paragraphs?|paras?\.?|norms?)|¶+)\s*"
                         rf"(?P<list>{_PARA_LABEL}(?:{_SEP}{_PARA_LABEL})*)", re.I)
_OP = re.compile(rf"\bOP\s?(?P<list>{_PARA_LABEL})(?![\w.])")


def _label(raw: str) -> str:
    """"4 (a)" -> "4(a)", "2 BIS" -> "2bis": no spaces, lower-case letters."""
    return re.sub(r"\s+", "", raw).lower()


def _expand(listing: str, label: str) -> list[str]:
    """Labels of "2 and 3", "2, 3 and 5", "3 to 5" (ranges of plain numbers only, at most 50 long)."""
    items = re.findall(rf"{label}|{_SEP}", listing)
    out: list[str] = []
    pending_range = False
    for item in items:
        if re.fullmatch(_SEP, item):
            pending_range = bool(re.fullmatch(r"\s*(?:to|through|-|–)\s*", item))
            continue
        lab = _label(item)
        if pending_range and out and out[-1].isdigit() and lab.isdigit() and 0 < int(lab) - int(out[-1]) <= 50:
            out += [str(n) for n in range(int(out[-1]) + 1, int(lab) + 1)]
        else:
            out.append(lab)
        pending_range = False
    return out


def _structure(question: str, doc_spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    spans = list(doc_spans)
    hits: list[tuple[int, str, str]] = []  # (position, "p" or "a", label)

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in spans)

    def take(m: re.Match) -> None:
        spans.append((m.start(), m.end()))

    for m in _PARA_OF_ART.finditer(question):
        sub = re.match(r"(\d{1,3}(?:\.\d{1,3})*)(.*)", _label(m["p"]))
        hits.append((m.start(), "a", f"{_label(m['a'])}({sub[1]}){sub[2]}"))
        take(m)
    for m in _SUB_OF_PARA.finditer(question):
        if free(m.start(), m.end()):
            hits.append((m.start(), "p", f"{_label(m['p'])}{_label(m['s'])}"))
            take(m)
    for m in _ARTICLES.finditer(question):
        if not free(m.start(), m.end()):
            continue
        labels = _expand(m["list"], _ART_LABEL)
        if m["ap"] and labels:
            # "Article 2, paragraph 1(b)" -> "2(1)(b)": the paragraph belongs to the last article named.
            sub = re.match(r"(\d{1,3}(?:\.\d{1,3})*)(.*)", _label(m["ap"]))
            labels[-1] = f"{labels[-1]}({sub[1]}){sub[2]}"
        hits += [(m.start(), "a", lab) for lab in labels]
        take(m)
    for m in _PARAGRAPHS.finditer(question):
        if free(m.start(), m.end()) and not m["pre"]:
            hits += [(m.start(), "p", lab) for lab in _expand(m["list"], _PARA_LABEL)]
            take(m)
    for m in _OP.finditer(question):
        if free(m.start(), m.end()):
            hits.append((m.start(), "p", _label(m["list"])))
            take(m)
    hits.sort(key=lambda h: h[0])
    paragraphs = list(dict.fromkeys(lab for _, k, lab in hits if k == "p"))
    articles = list(dict.fromkeys(lab for _, k, lab in hits if k == "a"))
    return paragraphs, articles


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
             "nineteenth", "twentieth")
_PREAMBULAR = re.compile(rf"\bPP\s?(?P<pp>\d{{1,2}})\b|\bpreambular\s+(?:paragraph|para\.?)\s*(?P<n>\d{{1,2}})\b|"
                         rf"\b(?P<ord>{'|'.join(_ORDINALS)}|last)\s+preambular\s+(?:paragraph|para)\b", re.I)


def preambular(question: str) -> int | None:
    """The preambular paragraph a question names ("PP2", "preambular paragraph 3", "the second preambular
    paragraph"): its number from 1, or -1 for "the last"; None when it names none."""
    m = _PREAMBULAR.search(question or "")
    if m is None:
        return None
    if m["ord"]:
        return -1 if m["ord"].lower() == "last" else _ORDINALS.index(m["ord"].lower()) + 1
    return int(m["pp"] or m["n"]) or None


# "the second principle of the Paris Call", "the 3rd norm in 73/27", "the last commitment": an item counted in the
# document's list of them (no paragraph number, which `parse` reads; no session or meeting, which are events).
_ITEM_NOUN = (r"(?:principles?|norms?|commitments?|items?|points?|objectives?|goals?|recommendations?|bullets?|"
              r"elements?|pillars?|priorit(?:y|ies)|actions?)")
_ORDINAL_ITEM = re.compile(rf"\b(?:the\s+)?(?P<ord>{'|'.join(_ORDINALS)}|last|\d{{1,2}}(?:st|nd|rd|th))\s+"
                           rf"(?P<noun>{_ITEM_NOUN})\b(?!\s+(?:session|meeting)s?\b)", re.IGNORECASE)


@dataclass(frozen=True)
class ItemReference:
    """The n-th item of a document's list (-1: the last), and the noun the question counts ("principle")."""

    number: int
    noun: str


# What the item says, not something else about it ("Which case study illustrates the third principle?").
_ASKS_WHAT_IT_SAYS = re.compile(r"^\s*(?:and\s+)?(?:what|quote|show|give|read|tell\s+me)\b", re.IGNORECASE)
_ASKS_OTHER = re.compile(r"\b(?:who|when|where|why|how\s+many|which\s+(?!is\b|one\b))", re.IGNORECASE)


def ordinal_item(question: str) -> ItemReference | None:
    """The list item a question asks to be read by its place ("What does the second principle say?"); None when it
    names none or asks something else about it."""
    m = _ORDINAL_ITEM.search(question or "")
    if m is None or not _ASKS_WHAT_IT_SAYS.match(question) or _ASKS_OTHER.search(question):
        return None
    word = m["ord"].lower()
    number = -1 if word == "last" else int(word[:-2]) if word[0].isdigit() else _ORDINALS.index(word) + 1
    return ItemReference(number, m["noun"].lower()) if number else None


# How people shorten a convention in chat: "budapest conv art 29", "UN conv. against cybercrime".
_CONV = re.compile(r"\bconv\b\.?", re.IGNORECASE)


def parse(question: str) -> References:
    """The documents, paragraphs and articles a question refers to."""
    question = _CONV.sub("Convention", question or "")
    docs = _doc_refs(question or "")
    seen: dict[tuple[str | None, str | None], DocRef] = {}
    for _, _, ref in docs:
        seen.setdefault((ref.symbol_key, ref.name_key), ref)
    paragraphs, articles = _structure(question or "", [(s, e) for s, e, _ in docs])
    return References(tuple(seen.values()), tuple(paragraphs), tuple(articles))


def _explicit_resolution(text: str) -> bool:
    return bool(re.search(r"(?i)\bres(?:olution)?s?\b|\bA/RES/", text))


def matches(ref: DocRef, meta_symbol: str | None, aliases: Sequence[str], title: str) -> bool:
    """Whether a document (its symbol, aliases and title) is the one `ref` names.

    Symbols compare by `symbol_key`; a bare "77/512" also finds decision 77/512 when no word says
    "resolution". Names compare by instrument: the title must identify it (anchored, so "Convention on
    Cybercrime" is Budapest and never the UN "Convention against Cybercrime"), or an alias must be one of
    its names, or the document's symbol must be the instrument's (ETS No. 185).
    """
    keys = {k for s in (meta_symbol, *aliases) if s and (k := symbol_key(s))}
    if ref.symbol_key:
        if ref.symbol_key in keys:
            return True
        if re.fullmatch(r"\d+/\d+", ref.symbol_key) and not _explicit_resolution(ref.text) and \
                f"A/DEC/{ref.symbol_key}" in keys:
            return True
    if ref.name_key:
        inst = INSTRUMENTS_BY_KEY.get(ref.name_key)
        if inst is None:
            return False
        found = instrument_for_title(title)
        if found is not None:
            # The title decides when it names an instrument: a UN-convention document with a stray
            # "Budapest Convention" alias is still not Budapest.
            return found.key == inst.key
        if inst.symbol and symbol_key(inst.symbol) in keys:
            return True
        for alias in aliases:
            mentions = find_instruments(alias)
            # The alias must be the name and nothing more: "Budapest Convention", not "Budapest Convention review".
            if len(mentions) == 1 and mentions[0][2].key == inst.key and \
                    re.fullmatch(r"\s*(?:the\s+)?[\"“]?\s*", alias[:mentions[0][0]], re.I) and \
                    re.fullmatch(r"[\s.\"”]*", alias[mentions[0][1]:]):
                return True
    return False


def spans(question: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each document ("document"), article ("article") and paragraph ("paragraph") a
    question names, in order; the conversation stage swaps them slot for slot ("And article 5?")."""
    found = [(s, e, "document") for s, e, _ in _doc_refs(question)]
    for kind, pattern in (("article", _PARA_OF_ART), ("paragraph", _SUB_OF_PARA), ("article", _ARTICLES),
                          ("paragraph", _PARAGRAPHS), ("paragraph", _OP)):
        for m in pattern.finditer(question):
            if all(m.end() <= s or m.start() >= e for s, e, _ in found):
                found.append((m.start(), m.end(), kind))
    return sorted(found)

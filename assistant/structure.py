"""Structure that officials cite: preamble, numbered paragraphs and sub-paragraphs, articles, annexes.

Reads a cleaned document (one paragraph, item or heading per line) and labels each line with what an
official would write in a note: `para. 1.3`, `para. 4(a)`, `art. 2(b)`, `art. 35(1)(a)`, `preamble`,
`footnote 4`. Labels are derived from the text alone, so ingest and answering agree on them.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .cleaning import FOOTNOTE_LINE

STRUCTURE_VERSION = 6  # part of the index settings: chunks store the labels (3: any organ's opening formula;
# 4: report section headings end the paragraph before them, "THE COUNCIL ...," after an annex is no instrument;
# 5: recitals "(1)" of EU acts, points "(1)" and letters "a" without brackets inside articles; 6: an annex titled in
# capitals ("CONFIDENCE-BUILDING MEASURES") is the document's own annex: its paragraphs are "annex, para. 1")
INSTRUMENT_SEP = "||"  # "United Nations Convention against Cybercrime||art. 2(b)": a label inside an annexed instrument

_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_ARTICLE = re.compile(r"^(?:Article|Artikel|Art\.)\s+(\d{1,3}[a-z]?)\b\.?(?:\s*[-–:]\s*(.*))?$", re.IGNORECASE)
_DIVISION = re.compile(r"^(?:Chapter|Section|Part|Title|Hoofdstuk|Afdeling|Titel)\s+[IVXLC\d]{1,6}\b", re.IGNORECASE)
_ANNEX = re.compile(r"^(?:Annex|Appendix|Bijlage)(?:\s+[IVXLC\d]{1,4})?\.?$", re.IGNORECASE)
_ATTACHMENT = re.compile(r"^(?:Attachment|Interpretative statement)(?:\s+\d{1,2})?(?:\s+to\s+\S.{0,60})?$", re.I)
_PREAMBLE = re.compile(r"^(?:Preamble|Preambule)\b", re.IGNORECASE)
# "The General Assembly,", "The Permanent Council,", "The States Parties to the present Convention,": a preamble opens.
_ORGAN_OPENING = re.compile(r"^(?:(?:L[’']|Les?\s|La\s)[A-ZÀ-Ý][\wÀ-ÿ’'-]*(?:\s+[\wÀ-ÿ’'-]+){0,4},$|"
                            r"(?:The|THE)\s+(?:[A-Z][\w’'-]*\s*){1,6}(?:(?:to|of)\s+the\s+[\w ]{3,40})?,$)")
_OPERATIVE = re.compile(r"^(?:Decides|Adopts|Requests|Calls upon|Urges|Invites|Encourages|Endorses|Approves|Takes note|"
                        r"Tasks|Instructs|Agrees|Declares|Reaffirms its decision)\b")
# "II. Existing and emerging threats", "A. International law": a report's section heading; paragraphs under it
# are numbered anew, and the heading itself belongs to no paragraph.
_SECTION = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\.\s+[A-Z][^.;:!?]{0,90}$")
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$)")  # "2." alone on its line numbers what follows
_LETTER = re.compile(r"^\(?([a-z]{1,2})\)(?=\s|$)")
_ROMAN = re.compile(r"^\(([ivxlc]{1,6})\)(?=\s|$)")
_PAREN_NUMBER = re.compile(r"^\((\d{1,3})\)\s")  # an EU act's recital "(3) ..." or an article's point "(1) ..."
_BARE_LETTER = re.compile(r"^([a-z]) (?=[a-z])")  # a treaty's "a the issuing authority ..." under a paragraph


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, white space trimmed."""
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def short_instrument(title: str) -> str:
    """An annexed instrument's name as cited: the part of its title before a semicolon."""
    return title.split(";")[0].strip().rstrip(".")


def anchors(text: str) -> tuple[tuple[int, str | None], ...]:
    """(offset, label) wherever the structural label changes; None where a line has no citable number."""
    out: list[tuple[int, str | None]] = []
    article: str | None = None
    para: str | None = None
    letter: str | None = None
    roman: str | None = None
    preamble = False
    instrument: str | None = None
    annex_pending = False  # the line after "Annex" names the annexed instrument
    own_annex = False  # an annex of the document's own (its title in capitals), not an annexed instrument

    def label_of() -> str | None:
        parts = []
        if article:
            base = f"art. {article}" + (f"({para})" if para else "")
        elif para:
            base = f"para. {para}"
        elif preamble:
            base = "preamble"
        else:
            return None
        parts.append(base + (f"({letter})" if letter else "") + (f"({roman})" if roman else ""))
        return ("annex, " if own_annex and not preamble else "") + parts[0]

    for start, end in line_spans(text):
        line = text[start:end]
        heading = _HEADING.match(line)
        body = heading.group(1).strip() if heading else line
        label: str | None
        if FOOTNOTE_LINE.match(line):
            m = re.match(r"^Footnote (\w{1,4}):", line)
            label = f"footnote {m.group(1)}" if m else "footnote"
        elif annex_pending and _capitals(body) and not _NUMBERED.match(body) and not _ORGAN_OPENING.match(body):
            # "MEASURES FOR IMPLEMENTATION": the title of the decision's own annex, whose measures are cited
            # "MC.DEC/5/16, annex, para. 1"
            instrument, annex_pending, own_annex = None, False, True
            article = para = letter = roman = None
            preamble = False
            label = None
        elif annex_pending and not _NUMBERED.match(body) and not _ARTICLE.match(body) and not _ORGAN_OPENING.match(body):
            instrument, annex_pending, own_annex = short_instrument(body), False, False
            article = para = letter = roman = None
            preamble = False
            label = None
        elif _ATTACHMENT.match(body):  # "Attachment to PC.DEC/1202": a statement after the decision
            article = para = letter = roman = None
            own_annex = False
            preamble = annex_pending = False
            label = None
        elif _ANNEX.match(body):
            annex_pending, article, para, letter, roman, preamble = True, None, None, None, None, False
            label = "annex"
        elif m := _ARTICLE.match(body):
            article, para, letter, roman, preamble = m.group(1), None, None, None, False
            label = label_of()
        elif _DIVISION.match(body):
            article = para = letter = roman = None
            preamble = False
            label = None
        elif _PREAMBLE.match(body):
            article = para = letter = roman = None
            preamble = True
            label = "preamble"
        elif heading:
            label = label_of()  # a title under "Article 5" belongs to the article
        elif not article and _SECTION.match(line) and len(line.split()) <= 12:
            annex_pending = False
            para = letter = roman = None
            label = label_of()
        elif preamble and not article and _OPERATIVE.match(line):
            preamble, para, letter, roman = False, None, None, None  # "Decides to ...": the operative part, unnumbered
            label = None
        elif _ORGAN_OPENING.match(line):
            preamble, article, para, letter, roman = True, article, None, None, None
            label = "preamble" if not article else label_of()
        elif (m := _NUMBERED.match(line)) and not (article is None and "." not in m.group(1) and preamble is False
                                                   and para is None and _looks_like_year(m.group(1))):
            number = m.group(1)
            if article is None:
                preamble = False
            para, letter, roman = number, None, None
            label = label_of()
        elif m := _PAREN_NUMBER.match(line):
            if article:
                para, letter, roman = m.group(1), None, None
                label = label_of()
            else:  # a recital, cited so
                para = letter = roman = None
                label = f"recital {m.group(1)}"
        elif article and para and (m := _BARE_LETTER.match(line)) and (
                m.group(1) == "a" and not letter or letter and _next_letter(letter, m.group(1))):
            letter, roman = m.group(1), None
            label = label_of()
        elif (m := _ROMAN.match(line)) and letter and not _next_letter(letter, m.group(1)):
            roman = m.group(1)
            label = label_of()
        elif m := _LETTER.match(line):
            letter, roman = m.group(1), None
            label = label_of()
        else:
            if letter and not line[:1].islower():
                letter = roman = None  # text after sub-paragraphs belongs to their paragraph again
            label = label_of()
        if instrument and label:
            label = f"{instrument}{INSTRUMENT_SEP}{label}"
        if not out or out[-1][1] != label:
            out.append((start, label))
    return tuple(out)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _looks_like_year(number: str) -> bool:
    return len(number) == 4


def _next_letter(previous: str, candidate: str) -> bool:
    """Whether `candidate` continues a lettered list after `previous` ((h) then (i) is a letter, not roman one)."""
    return len(previous) == 1 and len(candidate) == 1 and ord(candidate) == ord(previous) + 1


def label_at(anchor_list, offset: int) -> str | None:
    """The label in force at `offset`."""
    i = bisect_right(anchor_list, offset, key=lambda a: a[0])  # every chunk boundary asks: no linear scan
    return anchor_list[i - 1][1] if i else None


def locator(doc_label: str | None, label: str | None, page: int | None, section: str | None = None) -> str | None:
    """What to paste into a note: `A/RES/73/27, para. 1.3, p. 3`; None when there is nothing to locate by."""
    instrument = None
    if label and INSTRUMENT_SEP in label:
        instrument, label = label.split(INSTRUMENT_SEP, 1)
    parts = [instrument or doc_label]
    if label:
        parts.append(label)
    if page is not None:
        parts.append(f"p. {page}")
    elif not label and section:
        parts.append(f"“{section.split(' > ')[-1]}”")
    parts = [p for p in parts if p]
    return ", ".join(parts) if len(parts) > 1 else None


def paragraph_label(label: str | None) -> str | None:
    """The label without its annexed instrument's name."""
    return label.split(INSTRUMENT_SEP, 1)[1] if label and INSTRUMENT_SEP in label else label

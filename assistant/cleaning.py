"""Cleaning between loading and chunking: printed lines become paragraphs, page furniture and markup go.

A PDF (or text extracted from one, or a page scraped to Markdown) arrives as printed lines: running
headers and footers, page numbers (`2/5`), UN job numbers (`18-21207 (E) 131218`), barcodes
(`*1821207*`), footnotes at the foot of the page and their numbers glued to words (`20152`), words
split at line ends, Markdown or HTML emphasis. This stage returns the document's text as officials
read it: one paragraph (or numbered paragraph, sub-paragraph, list item, heading) per line, footnotes
on lines of their own right after the paragraph that refers to them (`Footnote 4: ...`), and the
character offset where each page starts, so every offset still knows its page.

Cleaning only ever joins lines, drops whole lines of furniture and removes markup and footnote
markers: it never rewrites a sentence. Text without printed line breaks (a web page with one
paragraph per line) passes through unchanged apart from markup.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

CLEANER_VERSION = 10  # part of the index settings: an index cleaned otherwise must be rebuilt (5: pdftotext layouts;
# 6: OSCE, EU and French mastheads, footers below footnotes, titles and capitals split from paragraphs;
# 7: "Article 7 - Title" lines, paragraphs "1"/"a" of treaties, recitals "(1)", capitals titles over several
# lines, Security Council adoption lines, one-page running lines at page edges; 8: tables of contents with dot
# leaders dropped, numbered headings "2.1 Title" on their own line, a resolution's closing lines, place-and-date
# lines under a title, OSCE Ministerial Council mastheads, Geneva and Vienna job numbers, Markdown and HTML
# sub-items written "◦ "; 9: pdf_text writes a blank line where printed paragraphs leave space between them;
# 10: pdf_text reads PDFs with pdfium, which splits no word where pypdf did: "f ulfilled" in A/RES/79/243)

FOOTNOTE_PREFIX = "Footnote "  # a footnote line reads "Footnote 4: See Official Records ..."
FOOTNOTE_LINE = re.compile(r"^Footnote(?: \w{1,4})?: ")
SUB_BULLET = "◦"  # a nested list's sub-item is written "◦ ..." on the line after its parent item


@dataclass(frozen=True)
class Cleaned:
    """A document's cleaned text, where its pages start, and what was taken out of it."""

    text: str
    page_starts: tuple[int, ...] = ()
    furniture: tuple[str, ...] = ()  # the lines dropped as page furniture, in order
    footnotes: int = 0  # footnotes moved out of the running text
    rewrapped: bool = False  # whether printed lines were joined into paragraphs


@dataclass
class _Line:
    text: str
    page: int  # 0-based
    indent: bool = False  # starts with white space (pypdf marks paragraph starts so)


@dataclass
class _Block:
    parts: list[tuple[str, int]] = field(default_factory=list)  # (text, page) of each joined line
    kind: str = "text"  # text | heading | item | footnote
    note: str = ""  # footnote number

    @property
    def page(self) -> int:
        return self.parts[0][1]


# --- page furniture -------------------------------------------------------------------------------
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4}$|^-?\s*\d{1,4}\s*-?$", re.IGNORECASE)
_JOB_NUMBER = re.compile(r"^(?:GE\.|V\.)?\d{2}-\d{4,6}(?:\s*\(\w\))?(?:\s+\d{6})?(?:\s+\d{1,4}/\d{1,4})?$")
_JOB_AND_PAGE = re.compile(r"^(?:\d{1,4}/\d{1,4}\s+\d{2}-\d{4,6}|\d{2}-\d{4,6}\s+\d{1,4}/\d{1,4})$")
_BARCODE = re.compile(r"^\*\d{6,}\*$")
_UN_SYMBOL = r"[A-Z]{1,6}(?:/[A-Z0-9.]{1,12}){1,6}(?:\s*\(\d{4}\))?"
_UN_SYMBOL_LINE = re.compile(rf"^(?:United Nations\s+)?{_UN_SYMBOL}$")
# First-page masthead of UN documents: distribution, session, agenda item, original language.
_MASTHEAD = re.compile(
    r"^(?:United Nations|General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Distr\.?:?\s*\w+|Original:\s*\w+|\w+(?:-\w+)? session|Agenda items? [\d, and]+|"
    r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}|"
    r"Advance unedited version|Please recycle.*|"
    # French UN mastheads, OSCE and Council of the EU mastheads
    r"Nations Unies|Assemblée générale|Conseil de sécurité|Distr\. (?:générale|limitée|restreinte)|Original\s*:\s*\w+|"
    r"[\w-]+ session|Points? [\d, et]+ de l[’']ordre du jour(?: provisoire)?\*?|"
    r"\d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}|"
    r"Organi[sz]ation for Security and Co-operation in Europe|Permanent Council|Forum for Security Co-operation|"
    r"\d{1,4}(?:st|nd|rd|th) Plenary Meeting|(?:PC|FSC|MC)(?:\(\d{1,3}\))? Journal No\. \d{1,5},? Agenda item \d{1,3}|"
    r"Ministerial Council|\d{1,2}(?:st|nd|rd|th) day of the [\w-]+ Meeting|"
    # a session's dates under its name: "19 June-14 July 2023", "26 February–5 April 2024", "10-12 May 2023"
    r"\d{1,2}(?: (?:January|February|March|April|May|June|July|August|September|October|November|December))?"
    r"\s?[-–]\s?\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{4}|"
    r"(?:PC|FSC|MC)\.(?:DEC|DEL|JOUR)/\d{1,5}(?:/\d{1,4})?|"
    r"Council of the(?: European Union)?|European Union|Brussels, \d{1,2} \w+ \d{4}|\(OR\. \w{2}\)|\d{3,5}/\d{2}|"
    # ("Subject:" names the document: kept)
    r"(?-i:(?:[A-Z]{3,12} \d{1,4}\s*){1,4})|OUTCOME OF PROCEEDINGS|NOTE|(?:From|To|No\. prev\. doc\.):.*)$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,4})\s*$")  # a Markdown thematic break
_MASTHEAD_PIECES = re.compile(
    r"United Nations|General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Distr\.?:?\s*(?:General|Limited|Restricted)|Original:\s*\w+|\w+(?:-\w+)? session|Agenda items? [\d, and]+|"
    r"Items? [\d, and]+ of the (?:provisional )?agenda\*?|\d{1,2} (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December) \d{4}|Nations Unies|Assemblée générale|Conseil de sécurité|"
    r"Distr\. (?:générale|limitée)|\d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
    r"octobre|novembre|décembre) \d{4}|" + _UN_SYMBOL, re.IGNORECASE)


def _title_case(line: str) -> bool:
    """Most content words capitalised ("Group of Governmental Experts on Advancing ..."): a title, not prose."""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ][\w’'-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _masthead_only(line: str) -> bool:
    """A first-page line made of masthead pieces only ("General Assembly Distr.: General")."""
    return bool(_MASTHEAD_PIECES.search(line)) and not re.sub(r"[\s*.,;:]+", "", _MASTHEAD_PIECES.sub("", line))


_FOOTNOTE_RULE = re.compile(r"^_{5,}\s*$")
# A table of contents' line: "2.1 Norms and international law ........ 3" (dot leaders, then the page number),
# and the "Contents" heading above such lines: neither is text to quote.
_TOC_LINE = re.compile(r"^\S.{0,150}?(?:\s?\.){4,}\s*\d{1,4}$|^\S.{0,150}?\s?…{2,}\s*\d{1,4}$")
_TOC_HEADING = re.compile(r"^(?:Contents|Table of contents|Table des matières|Sommaire|Inhoud(?:sopgave)?|Page)$", re.I)
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|[*†‡])\s+(\S.*)$")

# --- structure that starts a new line -------------------------------------------------------------
# Numbered paragraphs (1., 1.1., 12.3.4.), lettered and roman sub-paragraphs ((a), a), (iv)), bullets.
_MARKER = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.(?=\s)|\d{1,3}(?:\.\d{1,3})+(?=\s)|\(?[a-z]{1,2}\)(?=\s)|\([ivxlc]{1,6}\)(?=\s)|"
    r"\(\d{1,3}\)(?=\s[A-Z‘'“])|"  # an EU act's recitals and definitions: "(1) Network and ...", "(2) 'cybersecurity'"
    r"[-•*‣◦–]\s)"
)
_ARTICLE = re.compile(r"^(?:Article|Artikel|Article premier|Art\.)\s+\d{1,3}[a-z]?\.?$|"
                      r"^(?:Chapter|CHAPTER|Section|SECTION|Part|PART|Title|TITLE|Hoofdstuk|HOOFDSTUK|Afdeling|AFDELING|Titel|TITEL)"
                      r"\s+[IVXLC\d]{1,6}\.?$|^(?:Annex|ANNEX|Preamble|PREAMBLE|Appendix)(?:\s+[IVXLC\d]{1,4})?$")
# "Article 7 - Disclosure of subscriber information", "Chapter II - Measures for ...": a heading with its title.
_TITLED_DIVISION = re.compile(r"^(?:Article|Chapter|Section|Part|Title|CHAPTER|SECTION|PART|TITLE)\s+[IVXLC\d]{1,6}[a-z]?\.?"
                              r"\s*[-–—]\s*[A-Z][^.;:!?]{0,118}$")
# Council of Europe treaties number an article's paragraphs "1 Each Party ..." and letter them "a the ...".
_BARE_NUMBER = re.compile(r"^(\d{1,2}) (?=[A-Z])")
_BARE_LETTER = re.compile(r"^([a-z]) (?=[a-z])")
# The adoption line under a Security Council resolution's number: "Adopted by the Security Council at its
# 7882nd meeting, on 13 February 2017"; the number itself: "Resolution 2341 (2017)".
_ADOPTION_LINE = re.compile(r"^(?:Resolution )?[Aa]dopted by the [A-Z][\w ]{3,60}(?:at its [\w ]{3,30})?,? on "
                            r"\d{1,2} [A-Z][a-z]+ \d{4}$|^(?:Resolution|Decision) \d{1,5} \(\d{4}\)$")
# A date alone under a title: "of 17 April 2019", "Strasbourg, 12.V.2022", "New York, 12 September 2024".
_DATE_LINE = re.compile(r"^(?:of |(?:Done at )?[A-Z][a-z]+(?: [A-Z][a-z]+)?, )?"
                        r"(?:\d{1,2} [A-Z][a-z]+ \d{4}|\d{1,2}\.(?:[IVX]{1,4}|\d{1,2})\.\d{4})\.?$")
# A one-off running line at a page's edge: "Council of Europe Treaty Series - No. 224", "L 151/15 EN Official
# Journal of the European Union 7.6.2019", "CETS 224 - Second Additional Protocol, 12.V.2022".
_EDGE_REFERENCE = re.compile(r"\s\|\s*\d{1,4}$|^\d{1,4}\s*\|\s|\bNo\. ?\d{1,5}\b|\b\d{1,4}/\d{1,4}\b|\b\d{1,2}\.(?:\d{1,2}|[IVX]{1,4})\.\d{4}\b|^Page \d")
# The note under an EU act's title: "(Text with EEA relevance)", "(Codification)", "(notified under document ...)".
_EU_NOTE_LINE = re.compile(r"\((?:Text with EEA relevance|Codification|Recast|notified under document [^()]{1,40}|"
                           r"Only the [A-Z]\w+(?: and [A-Z]\w+)? texts? (?:is|are) authentic)\)", re.IGNORECASE)
# A strategy's numbered heading printed on its own line: "1. Introduction", "2.1.1 National position on ...".
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-ZÀ-Ý][^.;:!?,]{0,80}$")
# The lines closing a resolution or decision: "43rd meeting 13 July 2023", "[Adopted without a vote.]",
# "45e séance plénière".
_CLOSING_LINE = re.compile(r"^(?:\d{1,3}(?:st|nd|rd|th|e)\s+(?:plenary\s+)?(?:meeting|séance(?: plénière)?)\b.{0,40}|"
                           r"\[(?:Adopted|Adoptée?s?)\b[^\]]{0,80}\]\.?)$", re.IGNORECASE)
_ORGAN_LINE = re.compile(r"^The (?:[A-Z][\w’'-]*\s?){1,5}(?:of the [A-Z][\w ]{3,40})?,$")
_END_PUNCT = ".;:!?"
# Preambular paragraphs of resolutions and treaties open with a participle or adjective and end with a comma.
_PREAMBLE_OPENER = re.compile(r"^(?:[A-Z][a-z]{2,}ing|[A-ZÉ][a-zéèêàâîôûç]{3,}ant|Mindful|Aware|Conscious|Convinced|Determined|Desirous|Deeply|Gravely|"
                              r"Concerned|Alarmed|Encouraged|Guided|Reaffirming|Also|Further|Keenly|Fully|Cognizant|"
                              # the operative part opens after the preamble's last comma
                              r"Decides|Adopts|Approves|Endorses|Requests|Calls upon|Urges|Invites|Welcomes|Tasks|"
                              r"Décide|Adopte|Prie|Invite|Demande|Se félicite|Engage|Consciente|Convaincue|Préoccupée|"
                              r"Profondément|Résolue|Déterminée|Alarmée|Se félicitant|Ayant|Tenant compte|Sachant|"
                              r"Gardant|Whereas)\b")
_OPERATIVE_OPENER = re.compile(r"^(?:Decides|Adopts|Approves|Endorses|Requests|Calls upon|Urges|Invites|Tasks|"
                               r"Décide|Adopte|Prie|Demande)\b")

# --- markup ---------------------------------------------------------------------------------------
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]*(\S.*?)[ \t]*#*[ \t]*$")
_HTML_LINE = re.compile(r"^\s*<(?:meta|link|!--|/?div|/?span|br|hr|img)[^>]*>\s*$", re.IGNORECASE)
_SUP = re.compile(r"<sup>\s*\[?(\w{1,4})\]?\s*</sup>", re.IGNORECASE)
_MD_FOOTREF = re.compile(r"\[\^(\w{1,4})\]")
_MD_FOOTDEF = re.compile(r"^\[\^(\w{1,4})\]:\s*(.*)$")
_TAGS = re.compile(r"</?(?:u|b|i|em|strong|span|sup|sub|small|mark|ins|del|s|font|a)(?:\s[^<>]*)?>", re.IGNORECASE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = (re.compile(r"\*{2,}(?=\S)(.+?)(?<=\S)\*{2,}"), re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"),
             re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"), re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"))
_INLINE_FOOTNOTE = re.compile(r"\s*\((?:Footnote|footnote):\s*((?:[^()]|\([^()]*\))*)\)")
_NBSP = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u00ad": None, "\ufeff": None})


def clean_pages(pages: list[str]) -> Cleaned:
    """Clean a PDF's pages (one string of printed lines each)."""
    return _clean([p.translate(_NBSP) for p in pages], markdown=False, force_wrap=True, pdf=True)


# pypdf puts a space before a hyphen or dash that the PDF draws apart: "consensus -driven", "2021 –2025",
# "Secretary -General" (measured in benchmarks/pdf_extraction.py). Not after a conjunction: Dutch writes
# "computergegevens en -systemen" on purpose.
_SPLIT_DASH = re.compile(r"(?<=\w)(?<!\ben)(?<!\bof)(?<!\band)(?<!\bor)(?<!\bund)(?<!\bet)(?<!\bou) ([-–])(?=\w)")


def clean_text(text: str, markdown: bool = False) -> Cleaned:
    """Clean a text or Markdown file: pages are found by form feeds or printed page numbers."""
    pages = text.split("\f") if "\f" in text else _split_printed_pages(text)
    return _clean(pages, markdown=markdown, force_wrap=len(pages) > 1)


def strip_markup(line: str) -> str:
    """Inline Markdown/HTML markup removed from one line: links keep their text, emphasis its words."""
    line = _SUP.sub("", line)  # <sup>11</sup>: a footnote number, never part of a quoted sentence
    line = re.sub(r"\\([#*_\[\]`>])", r"\1", line)  # Markdown escapes: \### is "###"
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAGS.sub("", line)
    for pattern in _EMPHASIS:
        line = pattern.sub(r"\1", line)
    line = re.sub(r"\*{2,}|(?<=\s)\*(?=\s)", "", line)  # stray emphasis marks left by nested markup
    line = line.replace("``", "\u201c")
    return line


# --- pages ----------------------------------------------------------------------------------------
def _split_printed_pages(text: str) -> list[str]:
    """Split text extracted from a PDF at its printed page numbers (`2/5`); one page when there are none."""
    lines = text.split("\n")
    marks = []
    for i, line in enumerate(lines):
        m = re.fullmatch(r"\s*(?:(\d{2}-\d{4,6})\s+)?(\d{1,4})\s*/\s*(\d{1,4})(?:\s+(\d{2}-\d{4,6}))?\s*", line)
        if m:
            marks.append((i, int(m.group(2)), int(m.group(3))))
    if len(marks) < 2 or len({t for _, _, t in marks}) != 1:
        return [text]
    # The page starts at the top of the furniture block that holds its number: walk up over blank lines
    # and lines printed on several pages (symbol, running title, job number).
    seen = Counter(" ".join(l.split()).lower() for l in lines if l.strip())
    cuts = []
    for i, number, _ in marks:
        j = i
        while j > 0 and (i - j) < 8 and _looks_like_furniture(lines[j - 1], seen):
            j -= 1
        while j < i and not lines[j].strip():
            j += 1
        cuts.append(j)
    pages, prev = [], 0
    for cut in cuts:
        if cut > prev:
            pages.append("\n".join(lines[prev:cut]))
            prev = cut
    pages.append("\n".join(lines[prev:]))
    return pages


def _looks_like_furniture(line: str, seen: Counter) -> bool:
    s = " ".join(line.split())
    return not s or len(s) < 120 and (seen[s.lower()] >= 2 or bool(
        _UN_SYMBOL_LINE.match(s) or _JOB_NUMBER.match(s) or _BARCODE.match(s) or _PAGE_NUMBER.match(s)))


def _before_note(lines: list[str], idx: list[int], i: int) -> bool:
    """Whether line i is the document's own title, printed just above "Note by the Secretary-General" and below
    the agenda item's title ("Open-ended working group on ..."): a line opening with a capital that does not
    follow the agenda item's line itself (that line is the agenda item's title), with a line it wraps onto."""
    said = re.compile(r"^\s*(?:Note by|Letter dated) ")
    after = [j for j in idx if j > i][:2]
    before = [j for j in idx if j < i][-1:]

    def title_start(k: int, nxt: list[int]) -> bool:
        prev = [j for j in idx if j < k][-1:]
        return lines[k].strip()[:1].isupper() and bool(prev) and not re.search(
            r"(?i)agenda items?\b|of the (?:provisional )?agenda|ordre du jour", lines[prev[0]]) and bool(nxt) and (
            said.match(lines[nxt[0]]) is not None or len(nxt) == 2 and lines[nxt[0]].strip()[:1].islower()
            and said.match(lines[nxt[1]]) is not None)

    if title_start(i, after):
        return True
    # the title's second line, opening in lower case, right above the note
    return bool(after and before) and said.match(lines[after[0]]) is not None and lines[i].strip()[:1].islower() \
        and title_start(before[0], [i, after[0]])


def _norm(line: str) -> str:
    return " ".join(line.split()).lower()


def _masked(line: str) -> str:
    """An edge line with its numbers masked: "7925/18 JF/mk 3" and "7925/18 JF/mk 4" are one running footer."""
    return re.sub(r"\d+", "#", _norm(line))


def _furniture(pages: list[list[str]]) -> list[set[int]]:
    """Per page, the indexes of lines that are page furniture.

    A line is furniture when it matches a printed page number, job number or barcode, or when it sits in
    the first or last lines of a page and (with its digits masked) recurs on other pages' edges: running
    headers with the symbol and title. The UN masthead on the first page goes too.
    """
    edge = 7
    counts: Counter[str] = Counter()
    notes_from = [next((i for i, l in enumerate(lines) if _FOOTNOTE_RULE.match(l.strip())), len(lines))
                  for lines in pages]
    masked: Counter[tuple[bool, str]] = Counter()  # (at the page's top, the line with numbers masked)
    for p, lines in enumerate(pages):
        idx = [i for i, l in enumerate(lines) if l.strip() and i < notes_from[p]]
        for i in set(idx[:edge] + idx[-3:]):
            counts[_norm(lines[i])] += 1
        # The page's last lines, below its footnotes too: the running footer.
        tail = [i for i, l in enumerate(lines) if l.strip()][-3:]
        for i in set(idx[:edge] + idx[-3:] + tail):
            # (a code-like line with numbers: "7925/18 JF/mk 3", never a sentence's line nor a footnote)
            if not (i > notes_from[p] and _FOOTNOTE_START.match(lines[i])) and re.search(r"\d", lines[i]) \
                    and re.search(r"[A-Za-z]{2}", lines[i]) and len(lines[i].strip()) < 70 \
                    and len(re.findall(r"\b[a-z]{3,}\b", lines[i])) <= 1:
                # (on a short last page the footer is among the first lines too: the upper half only is the top)
                masked[(i in idx[:min(edge, len(idx) // 2)], _masked(lines[i]))] += 1
    repeated = {k for k, n in counts.items() if n >= 2 and len(pages) >= 2}
    repeated_masked = {k for k, n in masked.items() if n >= max(2, (len(pages) + 1) // 2) and len(pages) >= 2}
    # A running header repeats the title printed on the first page ("Programme of action to advance ...").
    first_page = " ".join(_norm(l) for l in pages[0] if l.strip()) if pages else ""
    out = []
    for p, lines in enumerate(pages):
        idx = [i for i, l in enumerate(lines) if l.strip()]
        body_idx = [i for i in idx if i < notes_from[p]]
        # Footnotes are not running text: only patterns (page and job numbers) are furniture among them.
        edges = set(body_idx[:edge] + body_idx[-3:]) | {i for i in idx if i > notes_from[p] and i >= idx[-3]}
        drop = set()
        for i in idx:
            s = " ".join(lines[i].split())
            if _PAGE_NUMBER.match(s) and (i in edges or i > notes_from[p] and "/" in s) or _JOB_NUMBER.match(s) or \
                    _JOB_AND_PAGE.match(s) or _BARCODE.match(s) or re.fullmatch(r"\d{6}", s) or \
                    i in idx[-2:] and re.fullmatch(r"[A-Z]{3,}\d{2,}", s):
                drop.add(i)
            elif i in edges and i < notes_from[p] and _norm(s) in repeated and len(s) < 100:
                drop.add(i)
            elif (i in edges or i in idx[-3:]) and len(s) < 100 \
                    and (i in body_idx[:min(edge, len(idx) // 2)], _masked(s)) in repeated_masked \
                    and not (i > notes_from[p] and _FOOTNOTE_START.match(lines[i])):
                drop.add(i)
            elif p > 0 and i in body_idx[:3] and 20 <= len(s) < 100 and s[-1:] not in _END_PUNCT + "," \
                    and _norm(s) in first_page and not _MARKER.match(s):
                drop.add(i)
        for i in set(idx[:1] + idx[-2:]) if len(pages) > 1 or p == 0 and idx else ():
            # A running line printed on one page only, at its very top or foot: short, with a reference
            # number or a numeric date, hardly any lower-case words, not a heading or paragraph of the body.
            s = " ".join(lines[i].split())
            if i not in drop and len(s) < 90 and _EDGE_REFERENCE.search(s) and s[-1:] not in _END_PUNCT + "," \
                    and len(re.findall(r"\b[a-z]{3,}\b", s)) <= 1 and not _starts_block(s) \
                    and not _FOOTNOTE_START.match(s) and not _ADOPTION_LINE.match(s) and not _DATE_LINE.match(s) \
                    and not (p == 0 and i == idx[0] and not idx[1:2]):
                drop.add(i)
        if p == 0 or len(pages) == 1:
            # The masthead: leading short lines of the first page that are symbols, organs, dates, sessions,
            # and the title of the agenda item printed under "Agenda item 94" (not the document's own title).
            agenda = osce = False
            for i in idx[:18]:
                s = " ".join(lines[i].split())
                if re.match(r"^(?:Resolution|Decision) adopted by|^\[on the (?:report|proposal)|^\d{2,3}/\d{1,4}\.|"
                            r"^(?:Résolution|Décision) adoptée par|^\[sur (?:la base du|le) (?:rapport|proposition)|"
                            r"^DECISION No\.", s):
                    break
                if len(s.split()) >= 8 and s[-1:] in ".;:" and not _masthead_only(s):
                    break  # a sentence of the body: the masthead is above it (a one-page text's last lines are no masthead)
                osce = osce or bool(re.search(r"Co-operation in Europe|Ministerial Council|Permanent Council", s))
                if i in drop or _MASTHEAD.match(s) or _UN_SYMBOL_LINE.match(s) or _BARCODE.match(s) or _masthead_only(s) \
                        or osce and re.fullmatch(r"[A-Z][a-z]{2,20} \d{4}", s):  # an OSCE meeting's "Hamburg 2016"
                    drop.add(i)
                    agenda = agenda or bool(re.search(r"(?i)agenda item|of the (?:provisional )?agenda|de l[’']ordre du jour", s))
                elif re.match(r"^(?:Note|Report|Letter|Identical letters|Decision|Resolution|Statement)\b.*\b(?:by|of|dated|adopted)\b", s):
                    break  # "Note by the Secretary-General": the document says what it is
                elif re.match(r"^(?:United Nations)\s+" + _UN_SYMBOL + "$", s):
                    drop.add(i)
                elif agenda and len(s) < 160 and s[-1:] not in _END_PUNCT and not _title_case(s) \
                        and not _before_note(lines, idx, i):
                    drop.add(i)
                elif agenda:
                    agenda = False  # the document's own title: the agenda item's title ended above it
        # At the foot of a page (below the footnotes too), what follows a running footer's line is footer too
        # ("7925/18 JF/mk 3" then "GIP.B EN", whose wording changes from page to page): short, hardly any
        # lower-case words.
        # (not after a page number: pdftotext prints the footnotes' texts after it)
        below = [i for i in drop if (i > notes_from[p] or i in idx[-3:] and i not in idx[:min(edge, len(idx) // 2)])
                 and not _PAGE_NUMBER.match(" ".join(lines[i].split()))]
        if below:
            for i in idx:
                s = " ".join(lines[i].split())
                if i > min(below) and len(s) < 60 and len(re.findall(r"\b[a-z]{3,}\b", s)) <= 1 \
                        and s[-1:] not in _END_PUNCT + "," and not _FOOTNOTE_START.match(s):
                    drop.add(i)
        # A running header block is contiguous: a line between two dropped edge lines is part of it
        # (a title line that wraps differently on odd and even pages).
        top = [i for i in idx[:edge]]
        dropped_top = [i for i in top if i in drop]
        if dropped_top and p > 0:
            last = max(dropped_top)
            for i in top:
                if i < last and i not in drop and len(lines[i].strip()) < 70 and not lines[i].strip()[-1:] in ".;:,":
                    drop.add(i)
        out.append(drop)
    return out


# --- the pipeline ---------------------------------------------------------------------------------
def _clean(pages: list[str], markdown: bool, force_wrap: bool, pdf: bool = False) -> Cleaned:
    original = pages
    pages = [p.translate(_NBSP) for p in pages]
    page_lines = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    if markdown:
        page_lines = [[l for l in lines if not _HTML_LINE.match(l) and not _RULE.match(l)] for lines in page_lines]
    drops = _furniture(page_lines) if (force_wrap or len(pages) > 1) else [set() for _ in page_lines]
    removed: list[str] = []
    body: list[_Line | None] = []  # None: a blank line
    notes: list[tuple[str, str, int]] = []  # (number, text, page)
    for p, lines in enumerate(page_lines):
        in_notes = False
        waiting: list[str] = []
        toc = {i for i, raw in enumerate(lines) if _TOC_LINE.match(raw.strip())}
        for i in sorted(toc, reverse=True):  # "Contents" (and "Page") just above the first entry
            j = i - 1
            while j >= 0 and (not lines[j].strip() or _TOC_HEADING.match(lines[j].strip())):
                if lines[j].strip():
                    toc.add(j)
                j -= 1
        for i, raw in enumerate(lines):
            if i in drops[p] or i in toc:
                removed.append(raw.strip())
                continue
            if _FOOTNOTE_RULE.match(raw.strip()):
                in_notes = True
                continue
            if in_notes:
                m = _FOOTNOTE_START.match(raw)
                if m:
                    notes.append((m.group(1), m.group(2).strip(), p))
                elif re.fullmatch(r"\s*(\d{1,3}|[*†‡])\s*", raw):
                    waiting.append(raw.strip())  # pdftotext prints the numbers first, then their texts
                elif raw.strip() and waiting:
                    notes.append((waiting.pop(0), raw.strip(), p))
                elif raw.strip() and notes:
                    num, text, pg = notes[-1]
                    notes[-1] = (num, _join_two(text, raw.strip(), set()), pg)
                continue
            if markdown and (m := _MD_FOOTDEF.match(raw.strip())):
                notes.append((m.group(1), strip_markup(m.group(2)).strip(), p))
                continue
            if not raw.strip():
                body.append(None)
                continue
            body.append(_Line(raw.rstrip(), p, indent=raw[:1].isspace()))
        body.append(None)  # a page ends a paragraph only if the text says so; see _blocks
    wrap = force_wrap or _hard_wrapped([l.text for l in body if l is not None])
    if not (wrap or markdown or notes or removed or len(pages) > 1 or any(_INLINE_FOOTNOTE.search(p) for p in pages)):
        return Cleaned(original[0])  # one paragraph per line already: kept exactly as published
    lines = [l for l in body]
    blocks = _blocks(lines, wrap, markdown)
    known_notes = {n for n, _, _ in notes}
    refs: dict[int, set[str]] = {}
    inline: dict[int, list[str]] = {}
    for k, b in enumerate(blocks):
        parts = []
        for t, pg in b.parts:
            if b.kind != "heading" and known_notes:
                t, found = _drop_note_refs(t, known_notes)
                refs.setdefault(k, set()).update(found)
            if pdf:
                t = _SPLIT_DASH.sub(r"\1", t)
            # Inline footnotes of text from the UN's iGov records: "(Footnote: A/77/380, para.12.)"
            if found_inline := _INLINE_FOOTNOTE.findall(t):
                inline.setdefault(k, []).extend(f.strip() for f in found_inline)
                t = re.sub(r",\s*,", ",", _INLINE_FOOTNOTE.sub("", t))
            parts.append((t, pg))
        b.parts = parts
    blocks = _place_notes(blocks, notes, inline, refs)
    return _render(blocks, removed, len(notes) + sum(len(v) for v in inline.values()), wrap, len(pages))


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a text's lines are printed lines (wrapped at a width) rather than whole paragraphs."""
    lengths = sorted(len(l.strip()) for l in lines if l.strip() and "](" not in l)
    if len(lengths) < 8:
        return False
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 120:
        return False
    texts = [l.strip() for l in lines if l.strip()]
    open_ends = sum(1 for a, b in zip(texts, texts[1:]) if a[-1:] not in _END_PUNCT and b[:1].islower())
    return open_ends >= max(3, 0.15 * len(texts))


# "I. Introduction", "II. Existing and potential threats", "A. Norms, rules and principles": a report's headings.
_SECTION = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\.\s+[A-Z][^.;:!?]{0,90}$")


def _starts_block(line: str) -> bool:
    s = line.strip()
    return bool(_MARKER.match(s) or s.startswith("#") or _ARTICLE.match(s) or _RES_TITLE.match(s) or
                (_SECTION.match(s) and len(s.split()) <= 12) or _TITLED_DIVISION.match(s))


def _blocks(lines: list[_Line | None], wrap: bool, markdown: bool) -> list[_Block]:
    """Group lines into blocks; with `wrap`, printed lines of one paragraph are joined."""
    texts = [l.text.strip() for l in lines if l is not None and "](" not in l.text]  # a long URL is no line width
    width = sorted(len(t) for t in texts)[int(len(texts) * 0.9)] if texts else 80
    vocab = Counter(w.lower() for t in texts for w in re.findall(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*", t))
    # The halves of words broken at line ends are not words of the document: "inves-" + "tigations" twice
    # must not make "inves" a word that recurs.
    for a, b in zip(texts, texts[1:]):
        if (m := re.search(r"([A-Za-zÀ-ÿ]+)\s?-$", a)) and (n := re.match(r"([a-zà-ÿ]+)", b)) \
                and vocab[m.group(1).lower()] > 1 and vocab[n.group(1).lower()] > 1:
            vocab[m.group(1).lower()] -= 1
            vocab[n.group(1).lower()] -= 1
    indents = [l.indent for l in lines if l is not None]
    # pypdf keeps a paragraph's first-line indent; in Markdown an indent continues a list item instead.
    use_indent = wrap and not markdown and 0.03 < (sum(indents) / max(1, len(indents))) < 0.6
    blocks: list[_Block] = []
    cur: _Block | None = None
    after_structural = False  # the previous block was an "Article 5" / "Chapter I" line: a title follows
    in_article = False  # after an "Article 7 - Title" line: bare numbers "1", "2" and letters "a", "b" follow
    next_number, next_letter = 1, "a"

    def close() -> None:
        nonlocal cur
        if cur is not None and cur.parts:
            blocks.append(cur)
        cur = None

    for k, line in enumerate(lines):
        if line is None:
            # In printed text a blank line ends a paragraph, except at a page end where the next page goes on.
            if cur is not None and k + 1 < len(lines):
                nxt = next((l for l in lines[k + 1:] if l is not None), None)
                last = cur.parts[-1][0].rstrip()
                continues = (nxt is not None and wrap and cur.kind != "heading" and (
                    # a paragraph that goes on over the page break
                    (nxt.page != cur.parts[-1][1] and last[-1:] not in _END_PUNCT and not _starts_block(nxt.text)
                     and len(last.split("\n")[-1]) >= 0.6 * width
                     and not (use_indent and nxt.indent and not nxt.text.strip()[:1].islower())
                     and not (last.endswith(",") and _PREAMBLE_OPENER.match(nxt.text.strip())))
                    # a bare number ("1.", "(a)") printed on a line of its own above its text
                    or _bare_marker(last) and len(cur.parts) == 1))
                if not continues:
                    close()
            continue
        raw = line.text
        text = raw.strip()
        if markdown:
            m = _MD_HEADING.match(text)
            if m:
                close()
                blocks.append(_Block([("#" * len(m.group(1)) + " " + " ".join(strip_markup(m.group(2)).split()), line.page)],
                                     "heading"))
                after_structural = False
                continue
            text = strip_markup(text).strip()
            if not text or not re.search(r"\w", text):
                continue  # a line of markup only ("***", "\\###")
            text = re.sub(r"^(\(?[a-z]{1,2}\)|\d{1,3}\.)(?=[A-Za-z])", r"\1 ", text)  # "a)A Party's" -> "a) A Party's"
            # A bullet indented under a list item is its sub-item: "◦ ", so that it stays under its parent.
            if re.match(r"^[ \t]{2,}[-*+•]\s", raw) and (cur is not None and cur.kind == "item" or blocks
                                                         and blocks[-1].kind == "item"):
                text = SUB_BULLET + " " + text[1:].lstrip()
        structural = bool(_ARTICLE.match(text))
        if not markdown and _TITLED_DIVISION.match(text):
            close()
            blocks.append(_Block([(text, line.page)], "heading"))
            in_article, next_number, next_letter = text.lower().startswith("article"), 1, "a"
            after_structural = False
            continue
        if structural:
            in_article, next_number, next_letter = False, 1, "a"
        bare = None
        if in_article and wrap and (m := _BARE_NUMBER.match(text)) and int(m.group(1)) in (next_number, 1):
            bare = "number"
        elif in_article and wrap and (m := _BARE_LETTER.match(text)) and m.group(1) == next_letter and (
                next_letter != "a" or (cur is not None and cur.parts[-1][0].rstrip().endswith(":"))):
            bare = "letter"
        if bare:
            close()
            cur = _Block([(text, line.page)], "item")
            if bare == "number":
                next_number, next_letter = int(m.group(1)) + 1, "a"
            else:
                next_letter = chr(ord(next_letter) + 1)
            after_structural = False
            continue
        if cur is None:
            cur = _Block([(text, line.page)], _kind(text))
            after_structural = structural
            if structural:
                close()
            continue
        prev = cur.parts[-1][0]
        if not wrap or _starts_block(text) or structural:
            close()
            cur = _Block([(text, line.page)], _kind(text))
            if structural:
                close()
                after_structural = True
            continue
        if _bare_marker(prev) and len(cur.parts) == 1:
            cur.parts.append((text, line.page))
            cur.kind = _kind(prev + " " + text)  # "78/16." then its title: the resolution's heading
            continue
        if after_structural:
            # An article's title after "Article 5": its own line, possibly wrapped over two.
            after_structural = False
            close()
            cur = _Block([(text, line.page)], "heading")
            continue
        starts_paragraph = (
            (use_indent and line.indent and (prev[-1:] in _END_PUNCT + "," or len(prev) < 0.7 * width)
             and not text[:1].islower())
            or (prev[-1:] in _END_PUNCT and len(prev) < 0.72 * width and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "(\"“"))
            or (cur.kind == "heading")
            # a resolution's preambular paragraphs end with a comma (and maybe a raised footnote number) and
            # open with a participle
            or (re.search(r",\d{0,2}$", prev) is not None and _PREAMBLE_OPENER.match(text) is not None)
            # "Adopted by the Security Council at its 7882nd meeting, on 13 February 2017", "Resolution 2341 (2017)"
            or (not markdown and _ADOPTION_LINE.match(prev) is not None)
            # a date alone under a title, a parenthesised line ("(Text with EEA relevance)")
            or (not markdown and (_DATE_LINE.match(prev) or re.fullmatch(r"\([^()]{3,60}\)", prev)) is not None)
            # ... and a place and date under a title ("New York, 12 September 2024"), not the date of a meeting
            # line or of a sentence that runs on ("adopted on" / "5 December 2018.")
            or (not markdown and _DATE_LINE.match(text) is not None and "," in text and len(cur.parts) == 1
                and prev[-1:] not in _END_PUNCT + "," and not _CLOSING_LINE.match(prev)
                and not re.search(r"\b(?:on|of|at|dated|in|from|until|to|and)$", prev))
            or (not markdown and re.fullmatch(r"\([^()]{3,60}\)", text) is not None and len(cur.parts) == 1
                and not _MARKER.match(prev))
            or (not markdown and _EU_NOTE_LINE.fullmatch(text) is not None)
            # "The Security Council,": an organ's opening formula is a line of its own
            or (not markdown and _ORGAN_LINE.match(text) is not None)
            # a short line ending with a comma ("The Permanent Council,", a preambular paragraph's last line)
            # (printed pages only: Markdown wraps its lines anywhere, links and emphasis included)
            or (not markdown and prev.endswith(",") and len(prev) < 0.6 * width and text[:1].isupper())
            or re.fullmatch(r"(?i)decision no\. \d{1,5}(?:/\d{1,4})?", prev) is not None  # an OSCE decision's number
            # a numbered heading on a line of its own ("2.1 Norms and international law"), text below it
            or (not markdown and len(cur.parts) == 1 and _NUMBERED_HEADING.match(prev) is not None
                and len(prev.split()) <= 10 and len(prev) < 0.6 * width and text[:1].isupper())
            # the closing lines of a resolution: the meeting, "[Adopted without a vote.]"
            # (the meeting's date may follow on the next line: it stays with it)
            or (not markdown and bool(_CLOSING_LINE.match(text) or _CLOSING_LINE.match(prev) and text[:1] == "["))
            # an unnumbered operative paragraph after a sentence: "Decides that ..." opens no sentence inside one
            or (prev[-1:] in ".;" and _OPERATIVE_OPENER.match(text) is not None)
            # a title or heading: short lines without any punctuation at their end or inside
            or (not markdown and len(prev) < 0.6 * width and prev[-1:].isalnum() and text[:1].isupper()
                and not re.search(r"[.;:!?,]", " ".join(t for t, _ in cur.parts)))
            # a title in capitals ends where lower-case text starts, and starts after it
            or not markdown and _capitals(prev) != _capitals(text) and (_capitals(prev) or len(prev) < 0.72 * width)
        )
        # a title in capitals printed over several lines ("THE EUROPEAN PARLIAMENT AND THE" / "COUNCIL OF ...")
        if not markdown and _capitals(prev) and _capitals(text) and prev[-1:] not in _END_PUNCT + "," \
                and cur.kind != "heading" and not re.fullmatch(r"(?i)decision no\. \d{1,5}(?:/\d{1,4})?", prev):
            starts_paragraph = False
        if starts_paragraph and not (cur.kind == "heading" and text[:1].islower()):
            close()
            cur = _Block([(text, line.page)], _kind(text))
            continue
        cur.parts.append((text, line.page))
    close()
    # Join each block's lines into one, de-hyphenating where the document itself writes the word whole.
    out = []
    for b in blocks:
        joined: list[tuple[str, int]] = []
        for t, pg in b.parts:
            if joined and joined[-1][1] == pg:
                joined[-1] = (_join_two(joined[-1][0], t, vocab), pg)
            elif joined:
                joined.append((" " + t if not _hyphen_end(joined[-1][0]) else t, pg))
                if _hyphen_end(joined[-2][0]):
                    head, tail = _dehyphenate(joined[-2][0], t, vocab)
                    joined[-2] = (head, joined[-2][1])
                    joined[-1] = (tail, pg)
            else:
                joined.append((t, pg))
        if markdown and b.kind != "heading":
            joined = [(strip_markup(t), pg) for t, pg in joined]  # a link or emphasis wrapped over two lines
        b.parts = [(re.sub(r"[ \t]{2,}|\t", " ", t), pg) for t, pg in joined]
        out.append(b)
    return out


def _capitals(text: str) -> bool:
    """A line written in capitals ("OSCE CONFIDENCE-BUILDING MEASURES ...", "DECISION No. 1202")."""
    letters = sum(map(str.isalpha, text))  # map over str methods: a tenth of a generator's time, asked of every line
    return letters >= 6 and sum(map(str.isupper, text)) >= 0.85 * letters


def _bare_marker(text: str) -> bool:
    """A paragraph number or letter printed alone on its line ("1.", "(a)"), its text on the next."""
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.|\(?[a-z]{1,2}\)|\([ivxlc]{1,6}\)|\d{2,3}/\d{1,4}\.", text.strip()))


_RES_TITLE = re.compile(r"^\d{2,3}/\d{1,4}\s*(?:[A-Z]\s*)?\.\s+\S")  # "73/27. Developments in the field ..."


def _kind(text: str) -> str:
    if text.startswith("#") or _ARTICLE.match(text) or _RES_TITLE.match(text) or \
            (_SECTION.match(text) and len(text.split()) <= 12):
        return "heading"
    return "item" if _MARKER.match(text) else "text"


def _hyphen_end(text: str) -> bool:
    return bool(re.search(r"[A-Za-zÀ-ÿ]\s?-$", text))


# Second halves of the hyphenated compounds official texts write ("confidence-building", "State-owned"): a line
# break after "confidence-" keeps the hyphen even when neither half recurs in a short document.
_COMPOUND_TAILS = frozenset(
    "building based related making led driven owned wide level scale term party parties sensitive specific oriented "
    "binding free like up out off friendly centred centered centric focused sharing enabled sponsored run backed "
    "funded affected operated sized standing style long time one two three four five six seven eight nine first "
    "second third fourth fifth sixth seventh eighth ninth". split())
_COMPOUND_HEADS = frozenset("non self co cross multi anti well long short high low full half cyber "
                            "socio mid". split())


def _dehyphenate(head: str, tail: str, vocab) -> tuple[str, str]:
    """`capacity-` + `building ...`: keep the hyphen unless the document writes the word whole elsewhere."""
    m = re.search(r"([A-Za-zÀ-ÿ]+)\s?-$", head)
    n = re.match(r"([A-Za-zÀ-ÿ]+)", tail)
    base = head[: m.start()] + m.group(1)
    # (a title in capitals breaks words too: "COM-" + "MUNICATION", when the document writes "communication")
    capitals = bool(n) and m.group(1).isupper() and n.group(1).isupper() and len(n.group(1)) > 1 and \
        (m.group(1) + n.group(1)).lower() in vocab
    if n and (tail[:1].islower() or capitals) and (m.group(1) + "-" + n.group(1)).lower() not in vocab and (
            (m.group(1) + n.group(1)).lower() in vocab
            # "consequen-" + "ces": a half that the document never writes as a word is a typesetter's break
            or vocab[m.group(1).lower()] <= 1 and vocab[n.group(1).lower()] <= 1 and len(m.group(1)) > 1
            and n.group(1).lower() not in _COMPOUND_TAILS and m.group(1).lower() not in _COMPOUND_HEADS
            and not m.group(1).lower().endswith("ty")  # "seventy-" + "eighth"
            and not re.match(r"[a-zà-ÿ]+[-–]", tail)):
        return base, tail
    return base + "-", tail


def _join_two(a: str, b: str, vocab) -> str:
    if _hyphen_end(a):
        head, tail = _dehyphenate(a, b, vocab)
        return head + tail
    return a.rstrip() + " " + b.lstrip()


_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|latest)"


def _drop_note_refs(text: str, notes: set[str]) -> tuple[str, set[str]]:
    """Footnote numbers glued to words or years (`Secretary-General,1`, `20152`, `2013 3 and`) removed.

    Only numbers of footnotes the document has count, and only in those positions: `paragraph 1 above`
    and `resolution 58/199` stay as they are.
    """
    found: set[str] = set()

    def keep_first(m: re.Match) -> str:
        if m.group(2) in notes:
            found.add(m.group(2))
            return m.group(1)
        return m.group(0)

    text = re.sub(r"\b((?:19|20)\d\d)(\d{1,2})\b", keep_first, text)
    text = re.sub(r"(/\d{1,4}\.)(\d{1,2})(?=\s*$|\s+[A-Z])", keep_first, text)
    text = re.sub(r"((?:[a-z]{3}|[a-z]\.|[,;:)\]”’]))(\d{1,2})(?=[\s,;.:)]|$)", keep_first, text)
    text = re.sub(rf"(\b(?:19|20)\d\d|\b{_ORDINAL}|[”’)])\s+(\d{{1,2}})(?=\s+(?:and|or|to|of|[a-z]{{3,}})\b|[,;.]|\s*$)",
                  keep_first, text)
    return text, found


def _place_notes(blocks: list[_Block], notes: list[tuple[str, str, int]], inline: dict[int, list[str]],
                 refs: dict[int, set[str]]) -> list[_Block]:
    """Each footnote on a line of its own after the paragraph that refers to it (else at its page's end)."""
    if not notes and not inline:
        return blocks
    after: dict[int, list[_Block]] = {}
    by_page: dict[int, list[int]] = {}  # page -> the blocks printed on it, once, not per footnote
    for k, b in enumerate(blocks):
        for pg in dict.fromkeys(pg for _, pg in b.parts):
            by_page.setdefault(pg, []).append(k)
    for num, text, page in notes:
        on_page = by_page.get(page, [])
        citing = [k for k in on_page if num in refs.get(k, ())]
        target = citing[0] if citing else (on_page[-1] if on_page else len(blocks) - 1)
        after.setdefault(target, []).append(_Block([(f"{FOOTNOTE_PREFIX}{num}: {text}", page)], "footnote", num))
    for k, items in inline.items():
        page = blocks[k].parts[-1][1]
        after.setdefault(k, []).extend(_Block([(f"{FOOTNOTE_PREFIX.strip()}: {t}", page)], "footnote") for t in items)
    out = []
    for k, b in enumerate(blocks):
        out.append(b)
        out.extend(after.get(k, []))
    return out


def _render(blocks: list[_Block], removed: list[str], notes: int, wrapped: bool, n_pages: int) -> Cleaned:
    pieces: list[str] = []
    page_starts: list[int] = [0] if n_pages > 1 else []
    pos = 0
    last_page = 0
    prev_kind = None
    for b in blocks:
        sep = "" if not pieces else ("\n" if b.kind == "item" and prev_kind in ("item", "text") and _bullet(b) else "\n\n")
        pieces.append(sep)
        pos += len(sep)
        if b.kind == "heading" and _RES_TITLE.match(b.parts[0][0]):
            b.parts[0] = ("# " + b.parts[0][0], b.parts[0][1])  # the resolution's title is its heading
        for t, pg in b.parts:
            if n_pages > 1 and pg > last_page and b.kind != "footnote":
                for _ in range(last_page, pg):
                    page_starts.append(pos + (len(t) - len(t.lstrip()) if t[:1] == " " else 0))
                last_page = pg
            pieces.append(t)
            pos += len(t)
        prev_kind = b.kind
    while n_pages > 1 and len(page_starts) < n_pages:
        page_starts.append(pos)
    return Cleaned("".join(pieces), tuple(page_starts), tuple(removed), notes, wrapped)


def _bullet(b: _Block) -> bool:
    return bool(re.match(r"^[-•*‣◦–]\s", b.parts[0][0]))

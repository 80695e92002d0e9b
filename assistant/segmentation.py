"""Segmentation shared by ingest and answering: blocks of a text, sentences, and quotable units.

Ingest stores one vector per unit, keyed by the unit's position in its chunk, and the answerer finds
the same units again in the chunk's text: both must cut the same way, so the cutting lives here and its
version is part of the index settings (SEGMENTATION_VERSION).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cleaning import FOOTNOTE_LINE, SUB_BULLET

SEGMENTATION_VERSION = 13  # 2: numbered paragraphs and sub-paragraphs are units, markers left out; 3: dated lines
# are text; 4: an organ's opening formula ("The General Assembly,") is no unit; 5: in capitals or French too;
# 6: recitals "(3)", a treaty's paragraphs "2" and letters "a" are markers too; 7: sub-items "◦ " are one level
# under the bullet or numbered item before them; numbered headings ("2.1 Norms") between paragraphs are headings;
# 8: a number or letter ("5.", "b.") is no sentence of its own, and "group." or "part." ends a sentence (the
# abbreviations "p." and "art." count only as words of their own); 9: a footnote of eight words or more is quotable;
# 10: only a footnote's sentences of eight words or more that end as sentences (not a title after "See A/77/275.");
# 11: "vol. II", "Suppl. No. 49" and the Dutch and German "Nr. R (85) 10" end no sentence; 12: bullets join the
# block before them only when it introduces them (a colon, or no sentence end); 13: sub-bullets still follow the text
# they come under

# Bullets, and numbered or lettered paragraphs: 1. / 1.1. / (a) / a) / (iv).
_BULLET = re.compile(r"^\s*(?:[-*•‣◦–])\s+(?=\S)")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|\(?[a-z]{1,2}\)|\([ivxlc]{1,6}\)|"
                       # recitals "(3) ...", a treaty's paragraphs "2 Each Party ..." and letters "a the ..."
                       rf"\(\d{{1,3}}\)(?=\s+[A-Z‘'“])|\d{{1,2}}(?=\s+(?!(?:{_MONTHS})\b)[A-Z][a-z])|[a-z](?=\s+[a-z]{{2,}}\b))"
                       r"\s+(?=\S)")
_DATED = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|"
                    r"October|November|December),?\s+\d{4}\b")
# "The General Assembly," opens a resolution's preamble: a formula, never an answer by itself.
_OPENING = re.compile(r"^(?:(?:The|THE|Les?|La|De)\s+(?:[A-Z][\w’'-]*\s*){1,6}|"
                      r"(?:L[’']|Les?\s|La\s)[A-ZÀ-Ý][\wÀ-ÿ’'-]*(?:\s+[\wÀ-ÿ’'-]+){0,3}),$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# Sentence ends: terminal punctuation followed by space and an opening capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9ÀÁÂÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜÝŠŽČĆĐ])")
# A paragraph's or item's number is no sentence of its own: "5. Decides ...", "b. De Secretaris-Generaal ...".
_MARKER_ONLY = re.compile(r"\s*\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)]")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "No.", "Art.", "art.", "para.", "paras.", "Vol.",
                  "St.", "cf.", "vs.", "Prof.", "Amb.", "arts.", "chap.", "sect.", "p.", "pp.", "Corr.", "Rev.", "Add.",
                  "Inc.", "Ltd.", "Co.", "Jr.", "Sr.", "Nos.", "vol.", "vols.", "Vols.", "Suppl.", "Nr.", "nr.", "Nrs.")
_MARKER_AFTER_END = re.compile(r"(?<=[.!?])\s+(\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)])$")
# An abbreviation as a word of its own: "p. 3" and "art. 5" end no sentence, "the working group." and "in part." do.
_ABBREVIATION_END = re.compile(r"(?:^|(?<=[\s(\[]))(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")$")


@dataclass(frozen=True)
class Block:
    """A line-level unit of a document: a heading, a list item, a footnote or a run of text."""

    kind: str  # "heading" | "item" | "text" | "footnote"
    start: int
    end: int
    level: int = 0  # heading level; for items the depth of their marker (bullet 9, sub-bullet 10, 1. 1, 1.1. 2,
    # (a) 3, (i) 4)
    title: str = ""
    body_start: int = -1  # where the item's text starts, after its marker

    @property
    def text_start(self) -> int:
        return self.body_start if self.body_start >= 0 else self.start


def estimate_tokens(text: str) -> int:
    """Rough WordPiece count (about 1.3 pieces a word, punctuation included)."""
    words = len(text.split())
    return int(words * 1.3) + text.count(",") + 2


def _is_plain_heading(line: str, next_line: str | None) -> bool:
    stripped = line.strip()
    if not stripped or next_line is None or _BULLET.match(stripped) or _NUMBERED.match(stripped):
        return False
    words = stripped.split()
    if len(words) > 14 or len(stripped) > 110 or " | " in stripped:
        return False  # (a table row, "Ministry of Foreign Affairs | Cyber diplomacy", is no heading)
    if stripped[-1] in ".:;,!" or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if _DATED.search(stripped):
        return False  # "Resolution adopted by the General Assembly on 5 December 2018" is a statement, not a title
    if stripped.endswith("?"):
        return len(words) <= 9
    return True


def _numbered_heading(line: str, body_start: int, next_line: str | None, previous: Block | None) -> bool:
    """A strategy's numbered heading ("1. Introduction", "2.1.1 National position"): a short title without
    punctuation between paragraphs of text, never an item of a numbered list (no numbered item just before it,
    no item after it)."""
    title = line[body_start:].strip()
    if not re.match(r"^\d", line.strip()) or not title[:1].isupper() or re.search(r"[.;:!?,]$", title):
        return False
    if len(title.split()) > 10 or next_line is None or _BULLET.match(next_line) or _NUMBERED.match(next_line):
        return False
    return previous is None or previous.kind != "item" or previous.level >= 9  # (after bullets: a heading)


def _depth(marker: str) -> int:
    m = marker.strip()
    if re.match(r"^\d{1,3}(?:\.\d{1,3})+", m):
        return 2
    if re.match(r"^\(\d", m):
        return 1  # a recital "(3)"
    if re.match(r"^\d", m):
        return 1
    if re.match(r"^\([ivxlc]{2,6}\)", m):
        return 4
    return 3


def parse_blocks(text: str) -> list[Block]:
    """Split a text into heading, item, footnote and text blocks (one per line) with exact offsets."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body)))
        pos += len(raw)
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    blocks: list[Block] = []
    for i, (s, e) in enumerate(nonblank):
        line = text[s:e]
        lead = len(line) - len(line.lstrip())  # offsets point at visible text only
        s, e = s + lead, s + len(line.rstrip())
        line = text[s:e]
        nxt = text[nonblank[i + 1][0]:nonblank[i + 1][1]] if i + 1 < len(nonblank) else None
        md = _MD_HEADING.match(line)
        if md:
            blocks.append(Block("heading", s, e, len(md.group(1)), md.group(2).strip()))
        elif FOOTNOTE_LINE.match(line):
            blocks.append(Block("footnote", s, e))
        elif m := _BULLET.match(line):
            blocks.append(Block("item", s, e, 10 if line.startswith(SUB_BULLET) else 9, body_start=s + m.end()))
        elif (m := _NUMBERED.match(line)) and _numbered_heading(line, m.end(), nxt, blocks[-1] if blocks else None):
            blocks.append(Block("heading", s, e, 1 + _depth(m.group()), line))
        elif m:
            blocks.append(Block("item", s, e, _depth(m.group()), body_start=s + m.end()))
        elif _is_plain_heading(line, nxt):
            blocks.append(Block("heading", s, e, 1 if not blocks else 2, line))
        else:
            blocks.append(Block("text", s, e))
    return blocks


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside text[start:end]."""
    segment = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(segment):
        before = segment[cursor:match.start()]
        if _ABBREVIATION_END.search(before) or re.search(r"\b[A-Z]\.$", before) or _MARKER_ONLY.fullmatch(before):
            continue
        if (marker := _MARKER_AFTER_END.search(before)) is not None:
            # "... register op. b. De Secretaris-Generaal ...": the letter opens the next sentence.
            spans.append((cursor, cursor + marker.start()))
            cursor += marker.start(1)
            continue
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(segment)))
    out = []
    for s, e in spans:
        piece = segment[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if piece.strip():
            out.append((start + s + lead, start + s + trail))
    return out


def children(text: str, blocks: list[Block], i: int) -> int:
    """Index after the items that belong to block i: bullets under any text, deeper items under a lead-in.

    A block ending with a colon introduces the deeper items after it ("1. Welcomes the following ...:"
    and its 1.1 to 1.13; "4. Invites ...:" and its (a) to (d)); bullets belong to the text before them.
    """
    b = blocks[i]
    if b.kind not in ("text", "item"):
        return i + 1
    depth = b.level if b.kind == "item" else 0
    leads = text[b.start:b.end].rstrip().endswith(":")
    j = i + 1
    while j < len(blocks) and blocks[j].kind in ("item", "footnote"):
        child = blocks[j]
        if child.kind == "footnote" or (child.level == 9 and depth != 9) or (child.level == 10 and depth != 10) \
                or (leads and depth < child.level < 9):
            j += 1
            continue
        break
    while j > i + 1 and blocks[j - 1].kind == "footnote":
        j -= 1
    return j


_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_FOOTNOTE_PREFIX = re.compile(r"Footnote(?: \w{1,4})?: ")
_FOOTNOTE_MIN_WORDS = 8
_SENTENCE_CLOSE = re.compile(r"[.!?;:][\"'”’)]*\s*$")


def unit_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_list) of the sentences and lists of a chunk's text; headings and bare references left out
    (a footnote of eight words or more is quotable, without its "Footnote 1: " prefix).

    A short bulleted list stays one unit with the sentence that introduces it. Numbered paragraphs and
    lettered sub-paragraphs are sentences of their own, without their marker: the marker is the locator.
    """
    blocks = parse_blocks(text)
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "footnote":
            # A footnote that says something ("It is noted that interpretative notes on articles 2, 17, 23 and 35
            # ... were annexed ...") is quotable, cited as the footnote; a bare reference ("A/70/174.") is not.
            body = _FOOTNOTE_PREFIX.match(text, b.start)
            start = body.end() if body else b.start
            # Only its sentences of eight words or more that end as sentences do: "See A/77/275." and the title
            # that follows it ("Programme of action to advance ...") are references, not statements.
            spans.extend((s, e, False) for s, e in split_sentences(text, start, b.end)
                         if len(text[s:e].split()) >= _FOOTNOTE_MIN_WORDS and _SENTENCE_CLOSE.search(text[s:e]))
            i += 1
            continue
        if b.kind == "heading" or _OPENING.match(text[b.start:b.end]):
            i += 1
            continue
        j = i + 1
        # bullets (and their sub-bullets) stay with their lead-in: an item, or text that introduces them (on a colon,
        # or unfinished), not text that ends a sentence, such as the end of an earlier bullet whose beginning fell in
        # the previous chunk (whose own sub-bullets still follow it)
        introduces = b.kind != "text" or not _ENDS_SENTENCE.search(text[b.start:b.end]) \
            or text[b.start:b.end].rstrip().endswith(":")
        while j < len(blocks) and blocks[j].kind == "item" and blocks[j].level >= 9:
            if blocks[j].level == 9 and not introduces:
                break
            j += 1
        if b.kind == "item" and b.level >= 9:  # bullets whose lead-in fell in the previous chunk
            spans.append((b.start, blocks[j - 1].end, True))
        else:
            sentences = split_sentences(text, b.text_start, b.end) or [(b.text_start, b.end)]
            spans.extend((s, e, False) for s, e in sentences[:-1])
            s, e = sentences[-1]
            spans.append((s, blocks[j - 1].end if j > i + 1 else e, j > i + 1))
        i = j
    return spans

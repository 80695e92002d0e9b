"""Structure-aware chunking: sections from headings, lists kept with their lead-in, exact offsets."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .schema import Chunk, Document

CHUNKER_VERSION = 2  # 2: answer-unit vectors stored at ingest (late chunking)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•‣◦]|\d{1,3}[.)])\s+\S")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# Sentence ends: terminal punctuation followed by space and an opening capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9ÀÁÂÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜÝŠŽČĆĐ])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Mr.", "Mrs.", "Ms.", "Dr.", "No.", "Art.", "para.", "Vol.", "St.", "cf.", "vs.", "Prof.", "Amb.")


@dataclass(frozen=True)
class Block:
    """A line-level unit of a document: a heading, a list item or a run of text."""

    kind: str  # "heading" | "item" | "text"
    start: int
    end: int
    level: int = 0
    title: str = ""


def estimate_tokens(text: str) -> int:
    """Rough WordPiece count (about 1.3 pieces a word, punctuation included)."""
    words = len(text.split())
    return int(words * 1.3) + text.count(",") + 2


def _is_plain_heading(line: str, next_line: str | None) -> bool:
    stripped = line.strip()
    if not stripped or next_line is None or _LIST_ITEM.match(stripped):
        return False
    words = stripped.split()
    if len(words) > 14 or len(stripped) > 110:
        return False
    if stripped[-1] in ".:;,!" or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if stripped.endswith("?"):
        return len(words) <= 9
    return True


def parse_blocks(text: str) -> list[Block]:
    """Split a document's text into heading, list-item and text blocks with exact offsets."""
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
        # Trim surrounding whitespace so offsets point at visible text only.
        lead = len(line) - len(line.lstrip())
        s, e = s + lead, s + len(line.rstrip())
        line = text[s:e]
        nxt = text[nonblank[i + 1][0]:nonblank[i + 1][1]] if i + 1 < len(nonblank) else None
        md = _MD_HEADING.match(line)
        if md:
            blocks.append(Block("heading", s, e, len(md.group(1)), md.group(2).strip()))
        elif _LIST_ITEM.match(line):
            blocks.append(Block("item", s, e))
        elif _is_plain_heading(line, nxt):
            level = 1 if not blocks else 2
            blocks.append(Block("heading", s, e, level, line))
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
        if before.endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", before):
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


def _units(text: str, blocks: list[Block]) -> list[tuple[int, int, str | None]]:
    """Group blocks into units that must stay together: a heading, or a lead-in with its list."""
    units: list[tuple[int, int, str | None]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "heading":
            units.append((b.start, b.end, "heading"))
            i += 1
            continue
        start, end = b.start, b.end
        j = i + 1
        # A list stays with the sentence that introduces it (and consecutive items with each other).
        while j < len(blocks) and blocks[j].kind == "item":
            end = blocks[j].end
            j += 1
        units.append((start, end, None))
        i = j
    return units


def _pieces(text: str, start: int, end: int, budget: int) -> list[tuple[int, int]]:
    """Split an over-long unit at sentence (or, failing that, line) boundaries."""
    if estimate_tokens(text[start:end]) <= budget:
        return [(start, end)]
    spans = split_sentences(text, start, end)
    pieces: list[tuple[int, int]] = []
    cur_s, cur_e = spans[0]
    for s, e in spans[1:]:
        if estimate_tokens(text[cur_s:e]) <= budget:
            cur_e = e
        else:
            pieces.append((cur_s, cur_e))
            cur_s, cur_e = s, e
    pieces.append((cur_s, cur_e))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if estimate_tokens(text[s:e]) <= budget * 2:
            out.append((s, e))
            continue
        # A single huge sentence: cut at word boundaries so nothing is lost.
        words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]
        step = max(1, int(budget / 1.4))
        for k in range(0, len(words), step):
            group = words[k:k + step]
            out.append((group[0][0], group[-1][1]))
    return out


def chunk_document(doc: Document, target_tokens: int = 160) -> list[Chunk]:
    """Chunks that never cross a section, keep lists with their lead-in and stay near the target size."""
    text = doc.text
    blocks = parse_blocks(text)
    heading_stack: list[tuple[int, str]] = []
    spans: list[tuple[int, int, str | None]] = []  # (start, end, section)
    cur: list[int] | None = None
    heading_only = False  # the open chunk holds just a heading so far
    section: str | None = None

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            spans.append((cur[0], cur[1], section))
            cur = None

    for start, end, kind in _units(text, blocks):
        if kind == "heading":
            flush()
            heading_only = True
            block = next(b for b in blocks if b.start == start)
            heading_stack[:] = [(lvl, t) for lvl, t in heading_stack if lvl < block.level]
            heading_stack.append((block.level, block.title))
            section = " > ".join(t for _, t in heading_stack)
            cur = [start, end]  # the heading opens the section's first chunk
            continue
        for s, e in _pieces(text, start, end, target_tokens):
            if cur is not None and (heading_only or estimate_tokens(text[cur[0]:e]) <= target_tokens):
                # A heading always stays with its first content.
                cur[1] = e
            else:
                flush()
                cur = [s, e]
            heading_only = False
    flush()
    chunks = []
    for i, (s, e, sec) in enumerate(spans):
        chunk_id = hashlib.sha256(f"{doc.content_hash}:{s}:{e}".encode()).hexdigest()[:24]
        chunks.append(
            Chunk(
                chunk_id=chunk_id,
                source=doc.source,
                doc_hash=doc.content_hash,
                index=i,
                text=text[s:e],
                start=s,
                end=e,
                section=sec,
                page=doc.page_at(s),
                meta=doc.meta,
            )
        )
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What the embedder and keyword index see: title and section give a chunk its context."""
    parts = [chunk.meta.title]
    if chunk.section and not chunk.text.startswith(chunk.section.split(" > ")[-1]):
        parts.append(chunk.section.split(" > ")[-1])
    parts.append(chunk.text)
    return "\n".join(p for p in parts if p)

"""Structure-aware chunking: sections from headings, lists kept with their lead-in, exact offsets."""
from __future__ import annotations

import hashlib
import re

from . import structure
from .schema import Chunk, Document
from .segmentation import Block, children, estimate_tokens, parse_blocks, split_sentences

CHUNKER_VERSION = 6  # 3: chunks follow cleaned and numbered paragraphs, with anchors; 5: no heading-only chunks;
#   6: an over-long sentence is cut after its clauses' semicolons before words

__all__ = ["Block", "chunk_document", "embedding_text", "estimate_tokens", "parse_blocks", "split_sentences"]


def _units(text: str, blocks: list[Block]) -> list[tuple[int, int, str | None]]:
    """Group blocks into units that must stay together: a heading, or a lead-in with its items."""
    units: list[tuple[int, int, str | None]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "heading":
            units.append((b.start, b.end, "heading"))
            i += 1
            continue
        j = children(text, blocks, i)
        if j - i > 1 and any(blocks[k].level < 9 for k in range(i + 1, j)) \
                and estimate_tokens(text[b.start:blocks[j - 1].end]) > 160:
            # A long numbered list (a paragraph with its thirteen norms) is cut between items, never inside one.
            for k in range(i, j):
                units.append((blocks[k].start, blocks[k].end, None))
        else:
            units.append((b.start, blocks[j - 1].end, None))
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
        # A single huge sentence (a treaty's preamble: one sentence of clauses "Recognising ...; Convinced ...;"):
        # cut after its clauses' semicolons, so every piece starts where a clause starts; a clause still too long
        # is cut at word boundaries so nothing is lost.
        clauses = [(s + m.start(), s + m.end()) for m in re.finditer(r"\S(?:[^;]|;(?!\s))*(?:;|$)", text[s:e])]
        cur = None
        for cs, ce in clauses:
            if cur is not None and estimate_tokens(text[cur[0]:ce]) <= budget:
                cur = (cur[0], ce)
                continue
            if cur is not None:
                out.extend(_words(text, *cur, budget))
            cur = (cs, ce)
        if cur is not None:
            out.extend(_words(text, *cur, budget))
    return out


def _words(text: str, s: int, e: int, budget: int) -> list[tuple[int, int]]:
    """(s, e) itself, or cut at word boundaries when it is over twice the budget."""
    if estimate_tokens(text[s:e]) <= budget * 2:
        return [(s, e)]
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]
    step = max(1, int(budget / 1.4))
    return [(words[k][0], words[min(k + step, len(words)) - 1][1]) for k in range(0, len(words), step)]


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
            if heading_only and cur is not None:
                cur[1] = end  # "Article 12" then its title: headings in a row open one chunk, never one alone
            else:
                flush()  # the chunk before keeps its own section
                cur = [start, end]  # the heading opens the section's first chunk
            block = next(b for b in blocks if b.start == start)
            heading_stack[:] = [(lvl, t) for lvl, t in heading_stack if lvl < block.level]
            heading_stack.append((block.level, block.title))
            section = " > ".join(t for _, t in heading_stack)
            heading_only = True
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
    labels = doc.anchors or structure.anchors(text)
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
                anchors=_chunk_anchors(doc, labels, s, e),
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


def _chunk_anchors(doc: Document, labels, start: int, end: int) -> tuple[tuple[int, int | None, str | None], ...]:
    """(offset in chunk, page, label) at the chunk's start and wherever the page or label changes inside it."""
    points = sorted({start} | {o for o, _ in labels if start < o < end} | {o for o in doc.page_starts if start < o < end})
    out: list[tuple[int, int | None, str | None]] = []
    for o in points:
        entry = (o - start, doc.page_at(o), structure.label_at(labels, o))
        if not out or out[-1][1:] != entry[1:]:
            out.append(entry)
    return tuple(out) if any(p is not None or lab is not None for _, p, lab in out) else ()

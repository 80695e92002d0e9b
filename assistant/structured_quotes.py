"""Quotes that follow a document's structure: a lead-in with its numbered items, a named article's sentences.

Both read the document's chunks in order from the catalog, past the passages retrieved: a list of thirteen
norms or a long article spans more chunks than a question retrieves.
"""
from __future__ import annotations

import re

from . import scoping
from .schema import Chunk
from .segmentation import parse_blocks, unit_spans

MAX_LIST_ITEMS = 20
MAX_REGION_UNITS = 12  # sentences quoted for "What does Article 2 say?" (the longest articles run on for pages)

Quote = tuple[Chunk, int, int]  # a chunk and document offsets inside it


def numbered_list(catalog: scoping.Catalog, lead: Quote) -> list[Quote]:
    """The lead-in (ending with a colon) and its deeper numbered or lettered items; [] without two items.

    "Which norms does resolution 73/27 list in paragraph 1?": the lead-in of paragraph 1 and 1.1 to 1.13.
    """
    chunk, lead_start, lead_end = lead
    lead_depth: int | None = None
    lead_marker = ""
    items: list[Quote] = []
    for c in catalog.chunks_of(chunk.source):
        if c.index < chunk.index:
            continue
        for b in parse_blocks(c.text):
            start, end = c.start + b.start, c.start + b.end
            if end <= lead_start:
                continue
            if lead_depth is None:  # the lead-in's own block
                lead_depth = b.level if b.kind == "item" else 0
                lead_marker = c.text[b.start:b.text_start].strip() if b.kind == "item" else ""
                continue
            if b.kind == "footnote":
                continue
            level = b.level
            if b.kind == "item" and re.fullmatch(r"\(?i\)", c.text[b.start:b.text_start].strip()) and \
                    not re.fullmatch(r"\(?h\)", lead_marker):
                level = 4  # "(i)" under "c)" is roman one, not the letter after (h)
            if b.kind != "item" or level <= lead_depth or level == 9 or len(items) >= MAX_LIST_ITEMS:
                return [lead] + items if len(items) >= 2 else []
            items.append((c, c.start + b.text_start, end))
    return [lead] + items if len(items) >= 2 else []


def labelled_region(catalog: scoping.Catalog, chunk: Chunk, offset: int, scope: scoping.Scope,
                    quotable) -> list[Quote]:
    """The run of units around `offset` that carry a label the question names (Article 2 and its paragraphs).

    `quotable(text)` says whether a unit may be quoted at all.
    """
    runs: list[list[Quote]] = [[]]
    for c in catalog.chunks_of(chunk.source):
        for s, e, _ in unit_spans(c.text):
            if not quotable(c.text[s:e]):
                continue
            if scoping.label_matches(c.anchor_at(c.start + s)[1], scope):
                runs[-1].append((c, c.start + s, c.start + e))
            elif runs[-1]:
                runs.append([])
    run = next((r for r in runs if any(x[1] <= offset < x[2] for x in r)), [])
    return run[:MAX_REGION_UNITS]


def article_of(label: str | None) -> str | None:
    """The article or top-level paragraph a label lies in: "art. 47(2)" -> "art 47", "para. 1.3" -> "para 1"."""
    if not label:
        return None
    bare = label.split("||")[-1].replace("para. ", "para ").replace("art. ", "art ")
    return re.split(r"[(.](?=\d|[a-z]\))|\(", bare)[0]

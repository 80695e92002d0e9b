"""Quotes that follow a document's structure: a lead-in with its numbered items, a named article's sentences.

Both read the document's chunks in order from the catalog, past the passages retrieved: a list of thirteen
norms or a long article spans more chunks than a question retrieves.
"""
from __future__ import annotations

import re

from . import scoping
from .schema import Chunk
from .segmentation import parse_blocks, split_sentences, unit_spans

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
            if b.kind != "item" or level <= lead_depth or level >= 9 or len(items) >= MAX_LIST_ITEMS:
                return [lead] + items if len(items) >= 2 else []
            items.append((c, c.start + b.text_start, end))
    return [lead] + items if len(items) >= 2 else []


def _lead_in(chunk: Chunk, block) -> Quote:
    """The lead-in of a list: the last sentence of the paragraph (a block of `chunk`) that ends with a colon."""
    sentences = split_sentences(chunk.text, block.text_start, block.end) or [(block.text_start, block.end)]
    return chunk, chunk.start + sentences[-1][0], chunk.start + sentences[-1][1]


def enclosing_list(catalog: scoping.Catalog, item: Quote) -> list[Quote]:
    """The whole list a numbered or lettered item belongs to: its lead-in (the nearest shallower paragraph before
    it, ending with a colon) and every item under it; [] when the item stands under no lead-in.

    "... on board a ship flying the flag of that Party; or" is sub-paragraph (b) of "Each Party shall ...
    jurisdiction ... when the offence is committed:": quoted alone it does not say what it is a case of.
    """
    chunk, start, _ = item
    depth: int | None = None
    for c in reversed([c for c in catalog.chunks_of(chunk.source) if c.index <= chunk.index]):
        blocks = parse_blocks(c.text)
        for b in reversed(blocks):
            if c.start + b.start > start:
                continue
            if depth is None:  # the item's own block
                if b.kind != "item" or b.level >= 9:
                    return []
                depth = b.level
                continue
            if b.kind == "footnote":
                continue
            if b.kind == "item" and b.level >= depth and b.level < 9:
                continue  # an earlier sibling, or one of its own sub-items
            if b.kind == "heading" or not c.text[b.start:b.end].rstrip().endswith(":"):
                return []
            return numbered_list(catalog, _lead_in(c, b))
        if depth is None:
            return []
    return []


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


def title_line(catalog: scoping.Catalog, source: str, language: str | None = None) -> Quote | None:
    """The document's title as it prints it: its first heading in `language` (languages.detect's groups), or,
    without one, the heading closest to its catalogued title (its first heading when none is close)."""
    from . import languages

    headings: list[Quote] = []
    for chunk in catalog.chunks_of(source):
        blocks = parse_blocks(chunk.text)
        for i, b in enumerate(blocks):
            if b.kind != "heading" or (i and blocks[i - 1].kind == "heading" and _runs_on(chunk.text, blocks[i - 1])):
                continue
            start = chunk.text.find(b.title, b.start) if b.title else b.start
            start = b.start if start < 0 else start
            end = b.end
            # A title printed over several lines ("...against Cybercrime;" / "Strengthening ...") is one title.
            j = i
            while _runs_on(chunk.text, blocks[j]) and j + 1 < len(blocks) and (
                    blocks[j + 1].kind == "heading" or (blocks[j + 1].kind == "text" and blocks[j + 1].end
                                                        - blocks[j + 1].start < 300
                                                        and chunk.text[blocks[j + 1].end - 1] not in ".:;,")):
                j += 1
                end = blocks[j].end
            headings.append((chunk, chunk.start + start, chunk.start + end))
        if len(headings) >= 6:
            break
    if not headings:
        return None

    def text(q: Quote) -> str:
        chunk, s, e = q
        return chunk.text[s - chunk.start:e - chunk.start]

    if language:
        return next((q for q in headings if len(text(q).split()) >= 3 and languages.detect(text(q)) == language), None)
    meta = next((m for s, m in catalog if s == source), None)
    wanted = set(re.findall(r"\w+", (meta.title if meta else "").casefold()))
    if wanted:
        def overlap(q: Quote) -> float:
            words = set(re.findall(r"\w+", text(q).casefold()))
            return len(words & wanted) / len(words | wanted) if words else 0.0
        best = max(headings, key=overlap)
        if overlap(best) >= 0.5:
            return best
    return headings[0]


def _runs_on(text: str, block) -> bool:
    return text[block.start:block.end].rstrip().endswith((";", ",", ":", " and", " of", " for", " the"))


def document_lists(catalog: scoping.Catalog, source: str) -> list[list[Quote]]:
    """Every list of a document: its lead-in (a paragraph ending with a colon) and its items, numbered or lettered
    (`numbered_list`) or bulleted ("- Prevent activity that ..."), in document order."""
    out: list[list[Quote]] = []
    chunks = catalog.chunks_of(source)
    for i, c in enumerate(chunks):
        blocks = parse_blocks(c.text)
        for j, b in enumerate(blocks):
            if b.kind in ("heading", "footnote") or not c.text[b.start:b.end].rstrip().endswith(":"):
                continue
            lead = _lead_in(c, b)
            if (numbered := numbered_list(catalog, lead)):
                out.append(numbered)
                continue
            bullets: list[Quote] = []
            following = [(c, x) for x in blocks[j + 1:]] + [(d, x) for d in chunks[i + 1:i + 3]
                                                             for x in parse_blocks(d.text)]
            for d, x in following:
                if x.kind == "footnote":
                    continue
                if x.kind != "item" or x.level < 9 or len(bullets) >= MAX_LIST_ITEMS:
                    break
                bullets.append((d, d.start + x.text_start, d.start + x.end))
            if len(bullets) >= 2:
                out.append([lead] + bullets)
    return out


def counted_item(catalog: scoping.Catalog, source: str, number: int, noun_stem: str, tokenize) -> list[Quote]:
    """The lead-in and the `number`-th item (-1: the last) of the document's list of what `noun_stem` names
    ("the second principle of the Paris Call"); [] when the document has no list that long.

    The list whose lead-in or items name the noun wins ("... the following set of international rules, norms and
    principles ...:" for "the third norm"); otherwise the document's one list that long, or none when it has several
    (which of them would be a guess).
    """
    long_enough = [lst for lst in document_lists(catalog, source) if len(lst) - 1 >= max(number, 1)]

    def names_noun(lst: list[Quote]) -> bool:
        return any(noun_stem in tokenize(c.text[s - c.start:e - c.start]) for c, s, e in lst)

    naming = [lst for lst in long_enough if names_noun(lst)]
    chosen = naming[0] if naming else long_enough[0] if len(long_enough) == 1 else None
    if chosen is None:
        return []
    return [chosen[0], chosen[number if number > 0 else -1]]

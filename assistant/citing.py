"""Citations as officials write them: the quote, its document, and a locator to paste into a note."""
from __future__ import annotations

from . import docmeta, structure
from .schema import Chunk, Citation, SourceMeta


def document_label(meta: SourceMeta) -> str:
    """How a document is named in a locator: a UN symbol, else a well-known short name, else its title."""
    if meta.symbol and "/" in meta.symbol:
        return meta.symbol
    try:
        instrument = docmeta.instrument_for_title(meta.title)
    except Exception:  # noqa: BLE001 - a name is a convenience; the title always works
        instrument = None
    if instrument is not None and instrument.aliases:
        return instrument.aliases[0]
    if meta.symbol:
        return meta.symbol
    title = " ".join(meta.title.split())
    return title if len(title) <= 90 else title[:87].rsplit(" ", 1)[0] + "…"


def cite(n: int, chunk: Chunk, start: int, end: int, quote: str) -> Citation:
    """Citation `n` for the quote at document offsets [start, end) inside `chunk`."""
    page, label = chunk.anchor_at(start)
    return Citation(
        n=n, source=chunk.source, title=chunk.meta.title, section=chunk.section, page=page, quote=quote,
        start=start, end=end, url=chunk.meta.url, publisher=chunk.meta.publisher, date=chunk.meta.date,
        chunk_id=chunk.chunk_id, symbol=chunk.meta.symbol, paragraph=structure.paragraph_label(label),
        locator=structure.locator(document_label(chunk.meta), label, page, chunk.section),
    )

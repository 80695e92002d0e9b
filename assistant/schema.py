"""Typed, frozen records that flow between pipeline stages."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceMeta:
    """Bibliographic metadata of one source document (from front matter or the catalog)."""

    title: str
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    symbol: str | None = None  # an official document symbol (A/RES/73/27, ETS No. 185), when it has one


@dataclass(frozen=True)
class Document:
    """One loaded source: its extracted text is what every offset and quote refers to.

    `source` is the path relative to the sources folder (POSIX separators).
    `page_starts` holds the character offset where each page begins (PDF only; empty otherwise).
    Headings in `text` are lines starting with '#' marks; list items start with '- '.
    """

    source: str
    text: str
    meta: SourceMeta
    content_hash: str
    page_starts: tuple[int, ...] = ()
    format: str = "txt"
    # Structural labels by offset: (start, label), sorted; a label is what officials cite ("para. 1.3",
    # "art. 2(b)", "Preamble"), valid from its start to the next one's. Made by the structure stage.
    anchors: tuple[tuple[int, str], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """1-based page number that contains character `offset`, or None without pages."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1


@dataclass(frozen=True)
class Chunk:
    """A structure-aware piece of a document; `text == document.text[start:end]`."""

    chunk_id: str
    source: str
    doc_hash: str
    index: int
    text: str
    start: int
    end: int
    section: str | None
    page: int | None
    meta: SourceMeta
    # (offset relative to `start`, page, structural label) wherever the page or label changes inside the
    # chunk, first entry at 0: the locator of any sentence of the chunk without reading the document.
    anchors: tuple[tuple[int, int | None, str | None], ...] = ()

    def anchor_at(self, offset: int) -> tuple[int | None, str | None]:
        """(page, structural label) in force at absolute document `offset` inside this chunk."""
        page, label = self.page, None
        for rel, p, lab in self.anchors:
            if self.start + rel > offset:
                break
            page, label = p, lab
        return page, label


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused score and the per-retriever ranks that produced it."""

    chunk: Chunk
    score: float
    dense_score: float | None = None
    keyword_score: float | None = None


@dataclass(frozen=True)
class Citation:
    """What an `[n]` marker resolves to: a verbatim quote located in its source document."""

    n: int
    source: str
    title: str
    section: str | None
    page: int | None
    quote: str
    start: int
    end: int
    url: str | None
    publisher: str | None = None
    date: str | None = None
    chunk_id: str | None = None
    symbol: str | None = None  # the document's symbol, when it has one
    paragraph: str | None = None  # the structural label of the quote: "para. 1.3", "art. 2(b)", "Preamble"
    locator: str | None = None  # what to paste into a note: "A/RES/73/27, para. 1.3, p. 3"


@dataclass(frozen=True)
class Answer:
    """The answer to one question, with the citations its markers resolve to."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notice: str | None = None
    backend: str = "extractive"
    query: str | None = None  # the retrieval query, when a follow-up was resolved with earlier turns
    support_rate: float | None = None  # LLM backends: share of generated sentences their cited passage supports
    generated_sentences: int = 0  # LLM backends: sentences the model wrote, before the support check
    index_version: str | None = None  # the index version (set of document versions) it was answered from

    def to_json(self) -> dict:
        """The `assistant ask --json` contract (contracts.AskJSON)."""
        from .contracts import AskJSON  # the JSON shapes live with their documentation

        return AskJSON.of(self).to_json()


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be ingested, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """Summary of one ingest run."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[IngestFailure, ...] = ()
    chunks_written: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
            f"unchanged {len(self.unchanged)}, failed {len(self.failed)} "
            f"({self.chunks_written} chunks embedded in {self.seconds:.1f} s)"
        )

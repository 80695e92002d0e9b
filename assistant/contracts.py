"""The JSON the CLI and the HTTP API print, as typed models: one shape per thing, documented in docs/json.md.

`ask --json`, `ask -` (one object per line) and the `/ask` API print `AskJSON`; `search --json` prints
`SearchJSON`, whose passages have the same shape as an answer's; `status --json` prints `StatusJSON`. A new
output (a briefing, say) gets its own model here and an entry in OUTPUTS, and its reference follows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Sequence

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from .schema import Answer, Passage

_OPTIONAL = {"exclude_if": lambda v: v is None}  # optional fields are left out, not printed as null


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> dict[str, Any]:
        """A plain dict, ready for json.dumps."""
        return self.model_dump(mode="json")


class CitationJSON(_Out):
    """What an `[n]` marker in the answer resolves to: a verbatim quote located in its source."""

    n: int = Field(description="The marker's number: `[n]` in the answer text.")
    source: str = Field(description="Path of the document relative to the sources folder.")
    title: str = Field(description="Title of the document.")
    section: str | None = Field(description="Heading path of the quoted passage (`A > B`), if it has headings.")
    page: int | None = Field(description="Page of the quote (PDF and paginated text), else null.")
    quote: str = Field(description="The quoted text, verbatim: equal to the document's text from `start` to `end`.")
    start: int = Field(description="Character offset where the quote starts in the document's text.")
    end: int = Field(description="Character offset where the quote ends (exclusive).")
    url: str | None = Field(description="Where the document is published, if known.")
    publisher: str | None = Field(description="Who published the document, if known.")
    date: str | None = Field(description="Date of the document (as given by the catalog or the document), if known.")
    chunk_id: str | None = Field(description="Id of the passage the quote comes from.")
    symbol: str | None = Field(description="The document's official symbol (A/RES/73/27), when it has one.")
    paragraph: str | None = Field(description="Structural label of the quote: `para. 1.3`, `art. 2(b)`, `Preamble`.")
    locator: str | None = Field(description="What to paste into a note: `A/RES/73/27, para. 1.3, p. 3`.")


class PassageJSON(_Out):
    """A retrieved passage with its scores (the same shape in `ask` and `search`)."""

    source: str = Field(description="Path of the document relative to the sources folder.")
    chunk_id: str = Field(description="Id of the passage in the index.")
    score: float = Field(description="Fused rank score (reciprocal rank fusion of the keyword and dense ranks).")
    dense_score: float | None = Field(description="Cosine similarity to the question, if the dense retriever found it.")
    keyword_score: float | None = Field(description="BM25 score, if the keyword retriever found it.")
    title: str = Field(description="Title of the document.")
    section: str | None = Field(description="Heading path of the passage, if it has headings.")
    page: int | None = Field(description="Page where the passage starts (PDF and paginated text), else null.")
    start: int = Field(description="Character offset where the passage starts in the document's text.")
    end: int = Field(description="Character offset where the passage ends (exclusive).")
    text: str = Field(description="The passage's text, verbatim.")

    @classmethod
    def of(cls, passage: "Passage") -> "PassageJSON":
        c = passage.chunk
        return cls(source=c.source, chunk_id=c.chunk_id, score=round(float(passage.score), 6),
                   dense_score=_round(passage.dense_score), keyword_score=_round(passage.keyword_score),
                   title=c.meta.title, section=c.section, page=c.page, start=c.start, end=c.end, text=c.text)


class AskJSON(_Out):
    """The answer to one question: `assistant ask --json`, each line of `assistant ask -`, and the `/ask` API."""

    question: str = Field(description="The question as asked (control characters removed).")
    answer: str = Field(description="The answer; every sentence carries `[n]` markers. When abstaining, says so.")
    abstained: bool = Field(description="True when the sources do not answer the question.")
    citations: list[CitationJSON] = Field(description="What the answer's `[n]` markers resolve to, in order.")
    passages: list[PassageJSON] = Field(description="The passages retrieved for the question, best first.")
    timings_ms: dict[str, float] = Field(
        description="Milliseconds spent: `retrieve`, `answer`, `total` (and `first_token` when streamed).")
    backend: str = Field(description="What wrote the answer: `extractive`, `openai` or `ollama`.")
    notice: str | None = Field(None, **_OPTIONAL, description="Only when something needs saying (an LLM answer fell "
                               "back to quotes, a named document is not indexed).")
    resolved_query: str | None = Field(None, **_OPTIONAL, description="Only when retrieval read the question "
                                       "otherwise: a follow-up resolved with earlier questions, a typo corrected.")
    support_rate: float | None = Field(None, **_OPTIONAL, description="LLM backends only: share of the generated "
                                       "sentences that their cited passage supports.")
    generated_sentences: int | None = Field(None, **_OPTIONAL, description="LLM backends only: sentences the model "
                                            "wrote, before the support check.")
    index_version: str | None = Field(None, **_OPTIONAL, description="The index version (its set of document "
                                      "versions) the answer was read from: old or new during an ingest, never both.")

    @classmethod
    def of(cls, answer: "Answer") -> "AskJSON":
        llm = answer.support_rate is not None
        return cls(
            question=answer.question, answer=answer.text, abstained=answer.abstained,
            citations=[CitationJSON(n=c.n, source=c.source, title=c.title, section=c.section, page=c.page,
                                    quote=c.quote, start=c.start, end=c.end, url=c.url, publisher=c.publisher,
                                    date=c.date, chunk_id=c.chunk_id, symbol=c.symbol, paragraph=c.paragraph,
                                    locator=c.locator) for c in answer.citations],
            passages=[PassageJSON.of(p) for p in answer.passages],
            timings_ms={k: round(v, 2) for k, v in answer.timings_ms.items()},
            backend=answer.backend,
            notice=answer.notice or None,
            resolved_query=answer.query if answer.query and answer.query != answer.question else None,
            support_rate=round(answer.support_rate, 4) if llm else None,
            generated_sentences=answer.generated_sentences if llm else None,
            index_version=answer.index_version or None,
        )


class SearchJSON(_Out):
    """The passages retrieved for a question, without an answer: `assistant search --json`."""

    question: str = Field(description="The question as asked.")
    mode: Literal["hybrid", "keyword", "dense"] = Field(description="Which retrievers ran: both fused, or one alone.")
    passages: list[PassageJSON] = Field(description="The passages, best first (at most `--top-k`).")

    @classmethod
    def of(cls, question: str, mode: str, passages: Sequence["Passage"]) -> "SearchJSON":
        return cls(question=question, mode=mode, passages=[PassageJSON.of(p) for p in passages])


class SourceJSON(_Out):
    """One indexed document."""

    source: str = Field(description="Path of the document relative to the sources folder.")
    title: str = Field(description="Title of the document.")
    publisher: str | None = Field(description="Who published it, if known.")
    url: str | None = Field(description="Where it is published, if known.")
    date: str | None = Field(description="Its date, if known.")
    chunks: int = Field(description="Passages it was cut into.")


class StatusJSON(_Out):
    """What the index holds and how it was built: `assistant status --json`."""

    index: str = Field(description="The index folder, or the Chroma server's URL.")
    documents: int = Field(description="Documents in the index.")
    chunks: int = Field(description="Passages in the index.")
    embedding_model: str | None = Field(description="The embedding model the index was built with.")
    dimension: int | None = Field(description="Length of its vectors.")
    chunk_tokens: int | None = Field(description="Target size of a passage in model tokens.")
    chunker_version: int | None = Field(description="Version of the chunking code that cut the passages.")
    built_at: str | None = Field(description="When the index was first built (ISO 8601, UTC).")
    updated_at: str | None = Field(description="When an ingest last changed it (ISO 8601, UTC).")
    sources: list[SourceJSON] = Field(description="The indexed documents, by path.")


# What each command prints, for the generated reference (docs/json.md); `brief` joins here when it exists.
OUTPUTS: dict[str, tuple[type[_Out], str]] = {
    "ask": (AskJSON, "`assistant ask --json`, each line of `assistant ask -`, and the `/ask` API of `assistant serve`"),
    "search": (SearchJSON, "`assistant search --json`"),
    "status": (StatusJSON, "`assistant status --json`"),
}


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)

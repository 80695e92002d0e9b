"""The numpy shortcuts of retrieval give what their plain definitions give: a filter's mask is `Filters.allows` for
each chunk (retrieval.RowCodes), near spellings are difflib's own (near_spelling.NearSpellings)."""
import difflib
import itertools

import pytest

from assistant.near_spelling import NearSpellings
import numpy as np

from assistant.retrieval import FilterMasks, Filters, RowCodes
from assistant.schema import Chunk, SourceMeta


def _chunks():
    metas = [SourceMeta("A", publisher="UN"), SourceMeta("B", publisher=None), SourceMeta("C", publisher="EU")]
    return [Chunk(chunk_id=f"{s}-{i}", source=s, doc_hash="h", index=i, text="x", start=0, end=1, section=None,
                  page=None, meta=m)
            for (s, m), i in itertools.product(zip(["a.txt", "b.pdf", "c.md"], metas), range(3))]


@pytest.mark.parametrize("filters", [
    Filters(("a.txt",)), Filters(("b.pdf", "c.md")), Filters(("missing.txt",)), Filters((), ("UN",)),
    Filters((), ("",)), Filters(("a.txt", "c.md"), ("EU",)), Filters((), ("nobody",)),
])
def test_a_filter_mask_is_what_allows_says_of_each_chunk(filters):
    chunks = _chunks()
    assert RowCodes.of(chunks).allowed(filters).tolist() == [filters.allows(c) for c in chunks]


def test_filter_masks_are_made_once_per_filter_and_shared_read_only():
    chunks, made = _chunks(), []
    masks = FilterMasks(lambda: made.append(1) or RowCodes.of(chunks), np.float32)
    first = masks.allowed(Filters(("a.txt",)))
    assert first.dtype == np.float32 and first.tolist() == [1.0] * 3 + [0.0] * 6
    assert masks.allowed(Filters(("a.txt",))) is first  # kept
    assert masks.allowed(Filters((), ("EU",))).tolist() == [0.0] * 6 + [1.0] * 3
    assert made == [1]  # the rows are numbered once, on first use
    with pytest.raises(ValueError):
        first[0] = 0.0


def test_dense_search_with_a_filter_gives_what_the_mask_built_afresh_gives(fake_assistant):
    from assistant.retrieval import allowed_rows, exact_dense

    retriever = fake_assistant.retriever
    snapshot = retriever.snapshot
    source = retriever.chunks[0].source
    query = retriever.embed_query("confidence-building measures")
    for filters in (Filters((source,)), Filters((), ("nobody",)), Filters((source, "missing.txt"))):
        for _ in range(2):  # made, then kept
            got = retriever.dense(query, 5, filters, snapshot)
            exact = retriever._exact_vectors(snapshot, "primary")
            want = exact_dense(exact, query, 5, filters, snapshot.by_id,
                               allowed_rows(exact, filters, snapshot.by_id))
            assert [(c.chunk_id, s) for c, s in got] == [(c.chunk_id, s) for c, s in want]
            assert all(c.source in filters.sources for c, _ in got)


WORDS = ["osce", "organization", "organisation", "convention", "conversion", "budapest", "cybercrime", "ransomware",
         "diplomacy", "sarajevo", "ict", "oewg", "état", "sécurité", "2021", "a1b2"]


@pytest.mark.parametrize("word", ["osec", "organizaton", "convension", "budapst", "cybercrim", "diplomcy", "sarajevu",
                                  "etat", "zzzz", "2012", "securite", "ransom"])
@pytest.mark.parametrize("cutoff", [0.6, 0.75, 0.8])
def test_near_spellings_are_difflibs_own(word, cutoff):
    assert NearSpellings(WORDS).close(word, n=5, cutoff=cutoff) == difflib.get_close_matches(word, WORDS, n=5,
                                                                                             cutoff=cutoff)

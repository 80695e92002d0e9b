"""The numpy shortcuts of retrieval give what their plain definitions give: a filter's mask is `Filters.allows` for
each chunk (retrieval.RowCodes), near spellings are difflib's own (near_spelling.NearSpellings)."""
import difflib
import itertools

import pytest

from assistant.near_spelling import NearSpellings
from assistant.retrieval import Filters, RowCodes
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


WORDS = ["osce", "organization", "organisation", "convention", "conversion", "budapest", "cybercrime", "ransomware",
         "diplomacy", "sarajevo", "ict", "oewg", "état", "sécurité", "2021", "a1b2"]


@pytest.mark.parametrize("word", ["osec", "organizaton", "convension", "budapst", "cybercrim", "diplomcy", "sarajevu",
                                  "etat", "zzzz", "2012", "securite", "ransom"])
@pytest.mark.parametrize("cutoff", [0.6, 0.75, 0.8])
def test_near_spellings_are_difflibs_own(word, cutoff):
    assert NearSpellings(WORDS).close(word, n=5, cutoff=cutoff) == difflib.get_close_matches(word, WORDS, n=5,
                                                                                             cutoff=cutoff)

"""Questions that name two documents: where one of them speaks of the other.

"What does the Paris Call say about the Budapest Convention?" is answered by the Paris Call's sentence that names
the Budapest Convention, which a search for the rest of the question ("What does ... say about ...") cannot find
once both names are taken out of it (scoping.topic). Each named document's passages that name another named
document are brought in, and their sentences that do are preferred.
"""
from __future__ import annotations

import re
from . import scoping
from .schema import Chunk

# A sentence of one named document that names another named document gets this much support on top of its own.
MENTION_BOOST = 0.25


def _pattern(name: str) -> re.Pattern | None:
    """The question's words for a document as a text may write them: "resolutions 73/27" -> "resolution 73/27"."""
    words = name.strip().split()
    while words and words[0].casefold() in ("the", "a", "an", "its", "their"):
        words = words[1:]
    if not words:
        return None
    words[0] = re.sub(r"(?i)^(resolution|decision|convention|statement)s$", r"\1", words[0])
    if len(" ".join(words)) < 5 or re.search(r"\d", " ".join(words)):
        # "PoA": too short to tell a mention from a stray word. "resolution 77/37": resolutions recall the earlier
        # ones by symbol in every preamble, which says nothing about them.
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w/]){body}(?![\w]|/\d)", re.IGNORECASE)


def mentions(catalog: scoping.Catalog, scope: scoping.Scope) -> dict[str, tuple[re.Pattern, ...]]:
    """For each document a question names (of two or more), the patterns of the other named documents' names."""
    if len(scope.named) < 2 or len(scope.sources) < 2:
        return {}
    named: list[tuple[set[str], re.Pattern]] = []
    for name in scope.named:
        sources = set(catalog.find_all(name)) or {s for _, found, _ in catalog.described(name) for s in found}
        pattern = _pattern(name)
        if sources and pattern is not None:
            named.append((sources & set(scope.sources), pattern))
    out: dict[str, tuple[re.Pattern, ...]] = {}
    for source in scope.sources:
        others = tuple(p for sources, p in named if sources and source not in sources)
        if others:
            out[source] = others
    return out


def names_another(text: str, source: str, found: dict[str, tuple[re.Pattern, ...]]) -> bool:
    """Whether `text` (of `source`) names another document the question names."""
    return any(p.search(text) for p in found.get(source, ()))


def mentioning_chunks(catalog: scoping.Catalog, found: dict[str, tuple[re.Pattern, ...]],
                      per_source: int = 1) -> list[Chunk]:
    """The first chunks of each named document that name another named document, in document order."""
    out: list[Chunk] = []
    for source in found:
        out += [c for c in catalog.chunks_of(source) if names_another(c.text, source, found)][:per_source]
    return out


"""Which vector set serves a question: the main model's, or the multilingual model's for a question not in English.

An index built with `cross_lingual_model` on holds two vector sets of the same passages (index.PRIMARY, index.CROSS).
A question identified as English (languages.py) is searched and its answer sentences scored exactly as without
the second set; any other is served by the multilingual model's vectors, so that a French or Serbian question
is matched by meaning with English passages while English keeps the model that ranks English best.

The route is a function of the text alone: a question's vector, the passages it finds and the unit vectors it
is scored against always come from one model, however the text reaches each stage.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import languages
from .embeddings import Embedder
from .index import CROSS, PRIMARY


@dataclass(frozen=True)
class Route:
    """The embedder that encodes a question and the index's vector set (PRIMARY or CROSS) that matches it."""

    embedder: Embedder
    vectors: str


def choose(text: str, primary: Embedder, cross: Embedder | None) -> Route:
    """The second set for a text not in English when the index has one; the main model's otherwise."""
    if cross is not None and not languages.is_english(text):
        return Route(cross, CROSS)
    return Route(primary, PRIMARY)


def route_of(retriever, text: str) -> Route:
    """The route a retriever gives `text` (a retriever without routing serves everything with its embedder)."""
    own = getattr(retriever, "route", None)
    return own(text) if own is not None else Route(retriever.embedder, PRIMARY)

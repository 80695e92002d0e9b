"""Checks shared by the briefing-pack tests: a pack's every line is verbatim and cited."""
from __future__ import annotations

import re

ASK_CITATION_FIELDS = {"n", "source", "title", "section", "page", "quote", "start", "end", "url", "publisher", "date",
                       "chunk_id", "symbol", "paragraph", "locator"}


def assert_verbatim(pack: dict, document_text) -> None:
    """Every quote is the document's text at its offsets, and every item's words are inside a quote it cites."""
    quotes = {c["n"]: c for c in pack["citations"]}
    assert [c["n"] for c in pack["citations"]] == list(range(1, len(quotes) + 1))
    texts: dict[str, str] = {}
    for c in pack["citations"]:
        assert set(c) == ASK_CITATION_FIELDS
        text = texts.setdefault(c["source"], document_text(c["source"]))
        assert text[c["start"]:c["end"]] == c["quote"], c
    fields = {"key_points": ["text"], "glossary": ["definition"], "timeline": ["text"], "people": ["role", "name"],
              "quiz": ["answer"]}
    used = set()
    for section, keys in fields.items():
        for item in pack["sections"][section]:
            assert item["citations"], item
            used.update(item["citations"])
            for key in keys:
                assert any(item[key] in quotes[n]["quote"] for n in item["citations"]), (section, item)
    if pack.get("overview"):
        marks = {int(n) for n in re.findall(r"\[(\d+)\]", pack["overview"]["text"])}
        assert marks == set(pack["overview"]["citations"]) and marks <= set(quotes)
        used |= marks
    assert used == set(quotes)  # no reference that nothing cites

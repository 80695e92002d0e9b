"""How well query translation renders text nobody wrote its vocabulary from: the Dutch half of the Budapest
Convention (../shared/realdocs/CoE-ETS-185-Budapest-Convention-NL-treaty-db.md holds the English text, then the
Dutch translation). Each Dutch article's body (headings left out) is rendered in English by
assistant/query_translation.py and ranked against the 48 English articles' bodies by BM25 over the keyword
tokens the assistant searches with; the right article should come first. Printed per configuration: the words of
the Dutch text left as written (no entry, no cognate), accuracy@1 and MRR.

Configurations: Dutch as written (no rendering), the glossary alone, + cognates (assistant/cognates.py),
+ the general vocabulary (assistant/data/vocabulary.tsv), and everything (the default).
Usage: .venv/bin/python evals/parallel_articles.py [PATH_TO_THE_BUDAPEST_FILE]
"""
from __future__ import annotations

import math
import re
import sys
from collections import Counter
from pathlib import Path

from assistant import cognates
from assistant import query_translation as qt
from assistant.retrieval import tokenize

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "realdocs" / \
    "CoE-ETS-185-Budapest-Convention-NL-treaty-db.md"
_HEADING = re.compile(r"^###\s*(Article|Artikel)\s+(\d+)\s*$")


def articles(text: str) -> tuple[dict[int, str], dict[int, str]]:
    """(English bodies, Dutch bodies) by article number; heading lines (#...) are left out."""
    english: dict[int, list[str]] = {}
    dutch: dict[int, list[str]] = {}
    current = None
    for line in text.splitlines():
        if m := _HEADING.match(line.strip()):
            current = (english if m.group(1) == "Article" else dutch).setdefault(int(m.group(2)), [])
            continue
        if line.startswith("#") or current is None:
            continue
        current.append(line)
    return ({n: " ".join(b) for n, b in english.items()}, {n: " ".join(b) for n, b in dutch.items()})


def bm25_rank(query: list[str], docs: dict[int, list[str]], k1: float = 1.2, b: float = 0.75) -> list[int]:
    """Article numbers by BM25 score of `query` (ties: lower number first)."""
    n = len(docs)
    df = Counter(t for toks in docs.values() for t in set(toks))
    avg = sum(len(t) for t in docs.values()) / n
    q = Counter(query)
    scores = {}
    for num, toks in docs.items():
        tf = Counter(toks)
        s = 0.0
        for t, qf in q.items():
            if t in tf:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(toks) / avg))
        scores[num] = s
    return sorted(docs, key=lambda num: (-scores[num], num))


def _configure(vocabulary: bool, with_cognates: bool):
    """Switch the vocabulary file and the cognate step on or off (caches cleared)."""
    original_read, original_cognate = _configure.saved
    qt._read = original_read if vocabulary else \
        (lambda name, *a: None if name == qt.VOCABULARY else original_read(name, *a))
    cognates.cognate = original_cognate if with_cognates else (lambda *a, **k: None)
    for cached in (qt.glossary, qt.translate, qt._english_words):
        cached.cache_clear()


_configure.saved = (qt._read, cognates.cognate)


def measure(english: dict[int, str], dutch: dict[int, str], render) -> tuple[float, float, float]:
    """(share of Dutch words left as written, accuracy@1, MRR)."""
    docs = {n: tokenize(t) for n, t in english.items()}
    hits, rr, kept, total = 0, 0.0, 0, 0
    for n, body in sorted(dutch.items()):
        rendered, left, count = render(body)
        kept, total = kept + left, total + count
        ranking = bm25_rank(tokenize(rendered), docs)
        rank = ranking.index(n) + 1
        hits += rank == 1
        rr += 1 / rank
    return kept / max(total, 1), hits / len(dutch), rr / len(dutch)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    english, dutch = articles(path.read_text(encoding="utf-8"))
    dutch = {n: t for n, t in dutch.items() if n in english and t.strip()}

    def as_written(body):
        return body, len(qt.words(body)), len(qt.words(body))

    def rendered(body):
        t = qt.translate(body)
        left = sum(1 for w in t.kept if w.isalpha())
        return t.english, left, len(qt.words(body))

    print(f"{len(dutch)} Dutch articles against {len(english)} English ones (BM25 over the keyword tokens)")
    print(f"{'configuration':34} {'words as written':>16} {'accuracy@1':>10} {'MRR':>6}")
    rows = [("Dutch as written", None, None), ("glossary", False, False), ("glossary + cognates", False, True),
            ("glossary + vocabulary", True, False), ("glossary + vocabulary + cognates", True, True)]
    for name, vocabulary, with_cognates in rows:
        if vocabulary is None:
            share, acc, mrr = measure(english, dutch, as_written)
        else:
            _configure(vocabulary, with_cognates)
            share, acc, mrr = measure(english, dutch, rendered)
        print(f"{name:34} {share:16.3f} {acc:10.3f} {mrr:6.3f}")
    _configure(True, True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

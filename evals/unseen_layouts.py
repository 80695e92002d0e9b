"""Figures for document layouts the real-document folder does not hold (issue #11), per split.

Prints, for the printed fixtures of tests/unseen_layouts.py (a tuning split: the documents the cleaning
fixes were made on; a held-out split: other documents of the same kinds written after the fixes and never
tuned on), how many printed paragraphs come out of cleaning whole (one line, as printed: no furniture
inside, hyphenation undone, footnote numbers gone), how many numbered paragraphs carry their `para. N`
label, how many footnotes stand on a line of their own, and how many quotable units hold page furniture.
Usage: PYTHONPATH=. .venv/bin/python evals/unseen_layouts.py [--show]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import more_layouts as more  # noqa: E402
import official_layouts as official  # noqa: E402
import test_unseen_layouts as checks  # noqa: E402
import unseen_layouts as layouts  # noqa: E402

from assistant import sources, structure  # noqa: E402
from assistant.chunking import chunk_document  # noqa: E402
from assistant.segmentation import parse_blocks, unit_spans  # noqa: E402


METRICS = ("paragraphs whole", "numbered paragraphs labelled", "footnotes apart", "quotable units free of furniture",
           "paragraphs cited as printed", "Word numbers kept", "symbol and date found", "sub-items under their parent")
_BULLET = re.compile(r"^(?:[-*•◦‣–]|\d{1,2}\.)\s+")  # a list item's marker, however the cleaner writes it


def _whole(expected: str, marker: str, text: str, lines: list[str]) -> bool:
    """Whether a printed paragraph is one line of the cleaned text (a bullet item: whatever bullet it gets)."""
    if expected in lines or "# " + expected in lines or any(line.lstrip("# ") == expected for line in lines
                                                            if line.startswith("#")):
        return True
    return marker in ("-", "\u2022") and any(_BULLET.sub("", line.strip(), count=1) == text for line in lines)


def _nested(doc, chunks, parent: str, child: str) -> bool:
    """A sub-item stays under its parent: one quotable unit holds both, and the sub-item is parsed deeper."""
    for chunk in chunks:
        at = chunk.text.find(child)
        if at < 0:
            continue
        top = chunk.text.find(parent)
        if top < 0 or top > at:
            return False
        blocks = parse_blocks(chunk.text)
        pb = next(b for b in blocks if b.start <= top < b.end + 1)
        cb = next(b for b in blocks if b.start <= at < b.end + 1)
        deeper = cb.kind == "item" and (pb.kind != "item" or cb.level > pb.level)
        return deeper and any(s <= top and at < e for s, e, _ in unit_spans(chunk.text))
    return False


def measure(root: Path, docs: dict, show: bool = False) -> dict[str, tuple[int, int]]:
    counts = {k: [0, 0] for k in METRICS}
    for name, spec in docs.items():
        build = spec[0] if isinstance(spec, tuple) else spec
        build(root / name)
        doc = sources.load_document(root / name, root)
        lines = [line for line in doc.text.split("\n") if line.strip()]
        if isinstance(spec, tuple) and len(spec) == 3:  # (builder, symbol, date): the fourth session's documents
            found = (doc.meta.symbol, doc.meta.date) == spec[1:]
            counts["symbol and date found"][0] += found
            counts["symbol and date found"][1] += 1
            if show and not found:
                print(f"  {name}: symbol/date {(doc.meta.symbol, doc.meta.date)} != {spec[1:]}")
        for number, text in more.word_numbers(name):
            kept = f"{number} {text}" in lines
            counts["Word numbers kept"][0] += kept
            counts["Word numbers kept"][1] += 1
            if show and not kept:
                print(f"  {name}: number lost: {number} {text[:80]}")
        cursor = 0  # (treaty paragraphs open with the same words: look for each after the one before)
        for para in layouts.PRINTED.get(name, []):
            if para.label is None or not para.text.strip():
                continue
            text = para.text.replace("^", "")
            at = doc.text.find(text[:60], cursor)
            cursor = max(cursor, at + 1)
            label = structure.label_at(doc.anchors, at) if at >= 0 else None
            counts["paragraphs cited as printed"][0] += label == para.label
            counts["paragraphs cited as printed"][1] += 1
            if show and label != para.label:
                print(f"  {name}: label {label!r} != {para.label!r}: {text[:60]}")
        expected_labels = [p.label for p in layouts.PRINTED.get(name, [])]
        for k, (marker, text, notes, kind) in enumerate(
                layouts.printed_paragraphs(name) if name in layouts.PRINTED else []):
            if kind == "toc":  # a table of contents' line: no paragraph (its dot leaders count as furniture)
                continue
            expected = f"{marker} {text}" if marker else text
            whole = _whole(expected, marker, text, lines)
            counts["paragraphs whole"][0] += whole
            counts["paragraphs whole"][1] += 1
            if show and not whole:
                print(f"  {name}: not whole: {expected[:100]}")
            if re.fullmatch(r"\d{1,3}\.", marker):
                at = doc.text.find(f"{marker} {text[:50]}")  # (several measures open with the same words)
                label = structure.label_at(doc.anchors, at) if at >= 0 else None
                # (inside an article "1." is cited "art. 1(1)": the paragraph's own label when it has one)
                counts["numbered paragraphs labelled"][0] += label == (expected_labels[k] or f"para. {marker[:-1]}")
                counts["numbered paragraphs labelled"][1] += 1
            for note in notes:
                apart = sum(1 for line in lines if line.startswith("Footnote ") and line.endswith(note)) == 1 and \
                    not any(note in line for line in lines if not line.startswith("Footnote "))
                counts["footnotes apart"][0] += apart
                counts["footnotes apart"][1] += 1
        chunks = chunk_document(doc)
        for parent, child in official.NESTED.get(name, []):
            kept = _nested(doc, chunks, parent, child)
            counts["sub-items under their parent"][0] += kept
            counts["sub-items under their parent"][1] += 1
            if show and not kept:
                print(f"  {name}: sub-item apart from its parent: {child[:60]}")
        for chunk in chunks:
            for s, e, _ in unit_spans(chunk.text):
                clean = not any(p.search(chunk.text[s:e]) for p in checks.FURNITURE + more.FURNITURE + official.FURNITURE)
                counts["quotable units free of furniture"][0] += clean
                counts["quotable units free of furniture"][1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the paragraphs that do not come out whole")
    parser.add_argument("--split", action="append", help="only these splits (tuning, held-out, tuning-4, held-out-4, tuning-5, held-out-5)")
    args = parser.parse_args()
    splits = {"tuning": {n: v[0] for n, v in checks.DOCUMENTS.items() if n.endswith(".pdf")},
              "held-out": {n: v[0] for n, v in layouts.HELD_OUT.items()},
              # the fourth session's documents (tests/more_layouts.py): other kinds and other typesetting
              "tuning-4": dict(more.TUNING), "held-out-4": dict(more.HELD_OUT),
              # the fifth session's documents (tests/official_layouts.py)
              "tuning-5": dict(official.TUNING), "held-out-5": dict(official.HELD_OUT)}
    with tempfile.TemporaryDirectory() as tmp:
        for split, docs in splits.items():
            if args.split and split not in args.split:
                continue
            root = Path(tmp) / split
            root.mkdir()
            figures = measure(root, docs, args.show)
            print(f"{split} ({len(docs)} documents): " +
                  "; ".join(f"{k} {a}/{b}" for k, (a, b) in figures.items() if b))


if __name__ == "__main__":
    main()

"""`python -m benchmarks.pdf_extraction [--json]`: PDF text extractors compared on the real UN PDFs.

Candidates: pypdf `extract_text()` (the text `assistant/pdf_text.py` gives: since the sixth session rebuilt from
pypdfium2's text objects, see `benchmarks/pdf_equality.py`), pypdf's layout mode, pdfplumber
(MIT) and pypdfium2 (Apache-2.0 or BSD-3-Clause). PyMuPDF is left out on purpose: it is AGPL-3.0 and the
project is Apache-2.0. pdfplumber and pypdfium2 are not dependencies of the project; a candidate whose
package is missing is reported as such (`pip install pdfplumber==0.11.10 pypdfium2==5.15.2` to measure).

Speed: seconds per page, best of 3, opening the PDF from bytes and extracting every page.

Quality proxies (each defined next to its function below):
  (a) split   words split by a stray space before a hyphen or dash ("consensus -driven", "2021 –2025")
  (b) glued   tokens longer than 15 letters found in no other extraction and in no text realdoc
  (c) order   reading order of the printed lines of A/RES/79/243 page 9 (Articles 12-14)
  (d) indent  paragraph starts on that page marked by leading whitespace, against continuation lines
  (e) lines   printed lines of that page that come out as exactly one line
  (f) padded  lines padded with runs of spaces inside (justification kept as blanks)
  (g) odd     characters that are not text (U+FFFE, U+FFFD, control characters)
"""
from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import re
import sys
import time
from bisect import bisect_left
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
PDFS = ("A-RES-78-16.pdf", "A-RES-79-243.pdf", "Paris-Call-2018.pdf")
ORDER_PDF, ORDER_PAGE = "A-RES-79-243.pdf", 9  # 1-based, as printed ("9/46")
REPEATS = 3
EXCLUDED = {"PyMuPDF (fitz)": "AGPL-3.0: incompatible with shipping the project under Apache-2.0"}

# Page 9 of A/RES/79/243 as printed, top to bottom (checked against a rendering of the page). A leading
# ">" marks a paragraph start: headings, numbered paragraphs, indented sub-paragraphs, and the flush-left
# closing clause of Article 13. The footer's job number and page number sit on one baseline.
PAGE9 = """\
>United Nations Convention against Cybercrime; Strengthening International
Cooperation for Combating Certain Crimes Committed by Means of Information
and Communications Technology Systems and for the Sharing of Evidence in
Electronic Form of Serious Crimes A/RES/79/243
>Article 12
>Information and communications technology system-related forgery
>1. Each State Party shall adopt such legislative and other measures as may be
necessary to establish as criminal offences under its domestic law, when committed
intentionally and without right, the input, alteration, deletion or suppression of
electronic data resulting in inauthentic data with the intent that they be considered or
acted upon for legal purposes as if they were authentic, regardless of whether or not
the data are directly readable and intelligible.
>2. A State Party may require an intent to defraud, or a similar dishonest or criminal
intent, before criminal liability attaches.
>Article 13.
>Information and communications technology system-related theft or fraud
>Each State Party shall adopt such legislative and other measures as may be
necessary to establish as a criminal offence under its domestic law, when committed
intentionally and without right, the causing of a loss of property to another person by
means of:
>(a) Any input, alteration, deletion or suppression of electronic data;
>(b) Any interference with the functioning of an information and
communications technology system;
>(c) Any deception as to factual circumstances made through an information
and communications technology system that causes a person to do or omit to do
anything which that person would not otherwise do or omit to do;
>with the fraudulent or dishonest intent of procuring for oneself or for another person,
without right, a gain in money or other property.
>Article 14
>Offences related to online child sexual abuse or child sexual exploitation material
>1. Each State Party shall adopt such legislative and other measures as may be
necessary to establish as criminal offences under its domestic law, when committed
intentionally and without right, the following conduct:
>(a) Producing, offering, selling, distributing, transmitting, broadcasting,
displaying, publishing or otherwise making available child sexual abuse or child
sexual exploitation material through an information and communications technology
system;
>(b) Soliciting, procuring or accessing child sexual abuse or child sexual
exploitation material through an information and communications technology system;
>(c) Possessing or controlling child sexual abuse or child sexual exploitation
material stored in an information and communications technology system or another
storage medium;
>(d) Financing the offences established in accordance with subparagraphs (a)
to (c) of this paragraph, which States Parties may establish as a separate offence.
>2. For the purposes of this article, the term “child sexual abuse or child sexual
exploitation material” shall include visual material, and may include written or audio
content, that depicts, describes or represents any person under 18 years of age:
>(a) Engaging in real or simulated sexual activity;
>(b) In the presence of a person engaging in any sexual activity;
>24-24621 9/46"""
REFERENCE = [(line.lstrip(">"), line.startswith(">")) for line in PAGE9.splitlines()]


# --- candidates: bytes -> page texts with "\n" line ends ------------------------------------------

def _lf(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def pypdf_plain(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [_lf(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def pypdf_layout(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [_lf(p.extract_text(extraction_mode="layout")) for p in PdfReader(io.BytesIO(data)).pages]


def pdfplumber_text(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_lf(p.extract_text()) for p in pdf.pages]


def pypdfium2_text(data: bytes) -> list[str]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return [_lf(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


# name -> (function, distribution, licence)
CANDIDATES: dict[str, tuple[Callable[[bytes], list[str]], str, str]] = {
    "pypdf extract_text()": (pypdf_plain, "pypdf", "BSD-3-Clause"),
    "pypdf layout mode": (pypdf_layout, "pypdf", "BSD-3-Clause"),
    "pdfplumber": (pdfplumber_text, "pdfplumber", "MIT"),
    "pypdfium2": (pypdfium2_text, "pypdfium2", "Apache-2.0 or BSD-3-Clause"),
}


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


# --- quality proxies ------------------------------------------------------------------------------

# (a) A word character, then spaces, then a hyphen or en/em dash glued to the next word or ending the
# line: "consensus -driven", "2021 –2025", "Secretary -\nGeneral", layout's "action    -oriented".
# A spaced dash (" – ") used as punctuation has a space after it and does not count.
SPLIT_RE = re.compile(r"(?<=\w)[ \t]+[-–—](?=\w|[ \t]*\n|[ \t]*\Z)")
WORD_RE = re.compile(r"[^\W\d_]+")
# (g) pdfium's U+FFFE (hyphen it removed at a line end), U+FFFD (undecodable), and control characters.
ODD_RE = re.compile(r"[\ufffe\uffff\ufffd\x00-\x08\x0b-\x1f\x7f-\x9f]")
GLUED_MIN = 16  # "longer than 15 letters"


def split_words(pages: list[str]) -> list[str]:
    """(a) Occurrences of a stray space before a hyphen or dash inside a word or number range."""
    text = "\n".join(pages)
    return [" ".join(text[max(0, m.start() - 12):m.end() + 8].split()) for m in SPLIT_RE.finditer(text)]


def long_tokens(pages: list[str]) -> Counter:
    return Counter(w.lower() for p in pages for w in WORD_RE.findall(p) if len(w) >= GLUED_MIN)


def vocabulary(texts: list[str]) -> set[str]:
    return {w.lower() for t in texts for w in WORD_RE.findall(t)}


def glued_words(mine: Counter, vocab: set[str]) -> Counter:
    """(b) Long tokens no other extraction and no text realdoc has: two words run together
    ("telecommunicationsin"). Real long words ("telecommunications", "internationally") occur elsewhere."""
    return Counter({w: n for w, n in mine.items() if w not in vocab})


def _norm(text: str) -> str:
    return " ".join(text.split())


def _lis(seq: list[int]) -> int:
    """Length of the longest strictly increasing subsequence."""
    tails: list[int] = []
    for x in seq:
        i = bisect_left(tails, x)
        tails[i:i + 1] = [x]
    return len(tails)


def _nth(text: str, target: str, n: int) -> int:
    """Offset of the n-th (1-based) occurrence of `target` in `text`, or -1."""
    pos = -1
    for _ in range(n):
        pos = text.find(target, pos + 1)
        if pos < 0:
            return -1
    return pos


def reading_order(page: str) -> float:
    """(c) Share of the printed lines found, whitespace aside, in the printed order: each reference line is
    located in the page's text with all whitespace collapsed (so line breaks do not matter), and the
    longest run of them in increasing position counts. A short line that also occurs inside other lines
    ("system;") is matched occurrence for occurrence: if it is the k-th occurrence on the printed page,
    the k-th occurrence in the extraction. A line not found at all counts as out of order."""
    flat, at, positions = _norm(page), 0, []
    printed = " ".join(_norm(line) for line, _ in REFERENCE)
    for line, _ in REFERENCE:
        target = _norm(line)
        k = printed.count(target, 0, at + len(target)) if target else 0  # occurrences up to this one
        at += len(target) + 1
        if k and (pos := _nth(flat, target, k)) >= 0:
            positions.append(pos)
    return _lis(positions) / len(REFERENCE)


def line_breaks(page: str) -> float:
    """(e) Share of the printed lines that come out as exactly one line (whitespace inside aside)."""
    got = Counter(_norm(line) for line in page.splitlines())
    found = 0
    for line, _ in REFERENCE:
        if got[_norm(line)] > 0:
            got[_norm(line)] -= 1
            found += 1
    return found / len(REFERENCE)


def paragraph_indent(page: str) -> dict:
    """(d) Does leading whitespace tell paragraph starts from continuation lines? Over the printed lines
    that come out as one line: a line is 'indented' when it has more leading blanks than the most common
    amount on the page (0 for most extractors, the left margin in layout mode). Recall: paragraph starts
    indented, of all paragraph starts; false: continuation lines indented, of all continuation lines."""
    lines = {}
    for raw in page.splitlines():
        lines.setdefault(_norm(raw), len(raw) - len(raw.lstrip()))
    lead = [(lines[_norm(text)], start) for text, start in REFERENCE if _norm(text) in lines]
    if not lead:
        return {"recall": 0.0, "false": 0.0}
    base = Counter(n for n, _ in lead).most_common(1)[0][0]
    starts = sum(s for _, s in REFERENCE)
    return {"recall": sum(n > base for n, s in lead if s) / starts,
            "false": sum(n > base for n, s in lead if not s) / (len(REFERENCE) - starts)}


def padded_lines(pages: list[str]) -> float:
    """(f) Share of non-empty lines with a run of 2+ blanks between words (a cleaner has to collapse them)."""
    lines = [line.strip() for p in pages for line in p.splitlines() if line.strip()]
    return sum("  " in line for line in lines) / max(1, len(lines))


def odd_characters(pages: list[str]) -> int:
    """(g) Characters that are not text (see ODD_RE)."""
    return sum(len(ODD_RE.findall(p)) for p in pages)


# --- the run --------------------------------------------------------------------------------------

def _text_realdocs() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(REALDOCS.iterdir())
            if p.suffix in (".txt", ".md") and p.name != "MANIFEST.md"]


def measure(repeats: int = REPEATS) -> dict:
    missing = [name for name in PDFS if not (REALDOCS / name).is_file()]
    if missing:
        raise SystemExit(f"realdocs not found: {', '.join(missing)} under {REALDOCS}")
    data = {name: (REALDOCS / name).read_bytes() for name in PDFS}
    out: dict = {"pdfs": {}, "candidates": {}, "excluded": EXCLUDED, "repeats": repeats}
    pages: dict[str, dict[str, list[str]]] = {}
    for cand, (fn, dist, licence) in CANDIDATES.items():
        version = _version(dist)
        entry = {"package": dist, "version": version, "licence": licence}
        out["candidates"][cand] = entry
        if version is None:
            entry["missing"] = True
            continue
        pages[cand], seconds = {}, {}
        for name, blob in data.items():
            runs = []
            for _ in range(repeats):
                t = time.perf_counter()
                pages[cand][name] = fn(blob)
                runs.append(time.perf_counter() - t)
            seconds[name] = min(runs)
        n_pages = sum(len(p) for p in pages[cand].values())
        entry.update(s_per_page=sum(seconds.values()) / n_pages,
                     s_per_page_by_pdf={k: v / len(pages[cand][k]) for k, v in seconds.items()},
                     pages={k: len(v) for k, v in pages[cand].items()},
                     empty_pages=sum(not p.strip() for v in pages[cand].values() for p in v),
                     chars=sum(len(p) for v in pages[cand].values() for p in v))
    out["pdfs"] = {name: len(next(iter(pages.values()))[name]) if pages else None for name in PDFS}
    realdoc_text = _text_realdocs()
    longs = {c: long_tokens([p for v in pp.values() for p in v]) for c, pp in pages.items()}
    for cand, pp in pages.items():
        entry = out["candidates"][cand]
        every = [p for name in PDFS for p in pp[name]]
        vocab = vocabulary(realdoc_text) | {w for other, c in longs.items() if other != cand for w in c}
        split = split_words(every)
        glued = glued_words(longs[cand], vocab)
        page9 = pp[ORDER_PDF][ORDER_PAGE - 1]
        indent = paragraph_indent(page9)
        entry.update(split_words=len(split), split_examples=sorted(set(split))[:6],
                     glued_words=sum(glued.values()), glued_examples=sorted(glued)[:6],
                     reading_order=reading_order(page9), line_breaks=line_breaks(page9),
                     indent_recall=indent["recall"], indent_false=indent["false"],
                     padded_lines=padded_lines(every), odd_characters=odd_characters(every))
    out["recommendation"] = recommend(out["candidates"])
    return out


INCUMBENT = "pypdf extract_text()"
MAX_SLOWDOWN = 2.0


def recommend(candidates: dict) -> dict:
    """Replace the incumbent (what sources.py uses) only with a candidate that is no worse on anything the
    cleaning stage cannot repair itself, better on something, and at most MAX_SLOWDOWN times slower.

    Not repairable downstream: reading order and line breaks (c, e), the paragraph-indentation signal (d),
    glued words (b), odd characters (g), empty pages. Split words (a) are listed as an advantage but a
    cleaner can rejoin them with SPLIT_RE (mind elisions such as Dutch "computergegevens en -systemen",
    which the same pattern matches in the Budapest Convention's Dutch text)."""
    base = candidates.get(INCUMBENT)
    if not base or base.get("missing"):
        return {"choice": None, "verdicts": {}}
    verdicts, winners = {}, []
    for name, v in candidates.items():
        if name == INCUMBENT or v.get("missing"):
            continue
        better, worse = [], []
        for key, label, more_is_better, slack in (
                ("reading_order", "(c) reading order", True, 0.01), ("line_breaks", "(e) line breaks kept", True, 0.01),
                ("indent_recall", "(d) paragraph starts marked by indentation", True, 0.05),
                ("indent_false", "(d) continuation lines indented", False, 0.05),
                ("glued_words", "(b) glued words", False, 0), ("odd_characters", "(g) odd characters", False, 0),
                ("empty_pages", "empty pages", False, 0), ("split_words", "(a) split words", False, 0)):
            diff = (v[key] - base[key]) * (1 if more_is_better else -1)
            if diff > slack:
                better.append(f"{label}: {_show(v[key])} vs {_show(base[key])}")
            elif diff < -slack:
                worse.append(f"{label}: {_show(v[key])} vs {_show(base[key])}")
        slowdown = v["s_per_page"] / base["s_per_page"]
        if slowdown > MAX_SLOWDOWN:
            worse.append(f"speed: {slowdown:.1f}x the incumbent's time per page")
        elif slowdown < 1 / MAX_SLOWDOWN:
            better.append(f"speed: {1 / slowdown:.1f}x faster")
        verdicts[name] = {"better": better, "worse": worse}
        if better and not worse:
            winners.append(name)
    choice = min(winners, key=lambda n: candidates[n]["s_per_page"]) if winners else INCUMBENT
    return {"choice": choice, "incumbent": INCUMBENT, "verdicts": verdicts}


def _show(x) -> str:
    return _pct(x) if isinstance(x, float) else str(x)


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def markdown(result: dict) -> str:
    pdfs = ", ".join(f"{k} ({v} pp.)" for k, v in result["pdfs"].items())
    lines = [
        f"PDF text extraction on {pdfs}; seconds per page: best of {result['repeats']}, all pages, from bytes.",
        f"Quality on all three PDFs, except order/lines/indent: page {ORDER_PAGE} of {ORDER_PDF} "
        f"({len(REFERENCE)} printed lines, {sum(s for _, s in REFERENCE)} paragraph starts).",
        "",
        "| extractor | version | licence | ms/page | (a) split words | (b) glued words | (c) order | "
        "(d) indent: starts / continuations | (e) lines kept | (f) padded lines | (g) odd chars | empty pages |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, v in result["candidates"].items():
        if v.get("missing"):
            lines.append(f"| {name} | not installed | {v['licence']} | – | – | – | – | – | – | – | – | – |")
            continue
        lines.append(
            f"| {name} | {v['version']} | {v['licence']} | {1000 * v['s_per_page']:.1f} | {v['split_words']} | "
            f"{v['glued_words']} | {_pct(v['reading_order'])} | {_pct(v['indent_recall'])} / "
            f"{_pct(v['indent_false'])} | {_pct(v['line_breaks'])} | {_pct(v['padded_lines'])} | "
            f"{v['odd_characters']} | {v['empty_pages']} |")
    lines += ["", "Examples:"]
    for name, v in result["candidates"].items():
        if not v.get("missing"):
            lines.append(f"- {name}: split {v['split_examples'] or '-'}; glued {v['glued_examples'] or '-'}")
    lines += ["", "Excluded: " + "; ".join(f"{k} ({why})" for k, why in result["excluded"].items())]
    rec = result["recommendation"]
    lines += ["", f"Against the incumbent ({rec.get('incumbent')}), a candidate must be no worse on what a cleaner "
                  f"cannot repair, better on something, and at most {MAX_SLOWDOWN:g}x slower:"]
    for name, v in rec["verdicts"].items():
        lines.append(f"- {name}: better on {'; '.join(v['better']) or 'nothing'}; "
                     f"worse on {'; '.join(v['worse']) or 'nothing'}")
    lines += ["", f"Recommendation: {rec['choice']}"
              + (" (keep the incumbent)" if rec["choice"] == rec.get("incumbent") else "")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.pdf_extraction", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--repeats", type=int, default=REPEATS, help="timed runs per extractor and PDF (best kept)")
    opts = p.parse_args(argv)
    result = measure(max(1, opts.repeats))
    print(json.dumps(result, indent=2) if opts.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

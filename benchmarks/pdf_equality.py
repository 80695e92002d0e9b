"""`python -m benchmarks.pdf_equality [--json] [--realdocs DIR] [--show N]`: pdfium's page text against pypdf's.

`assistant/pdf_text.py` reads a PDF's pages with pypdfium2 and rebuilds pypdf's text from pdfium's text objects
(pypdf stays the fallback). This compares, for every PDF of the real documents (../shared/realdocs) and every PDF
the tests print (each public `name(path)` builder of tests/unseen_layouts.py, tests/more_layouts.py and
tests/official_layouts.py that writes a PDF, and tests/test_sources.py's `make_pdf` on a few page lists):

  raw        the page texts, line by line (trailing blanks aside: cleaning strips them)
  cleaned    what cleaning.clean_pages makes of them (the text that is chunked and quoted), with its page starts
  structure  structure.anchors of the cleaned text (the locators: "art. 12(1)(a)", "para. 5")
  meta       docmeta.detect on the joined raw pages (symbol, title, date) and the PDF's title
  near       where the cleaned texts differ: whether they differ only by blanks inside a word that the
             document writes whole elsewhere ("f ulfilled" against "fulfilled"), with anchors and page starts
             equal once blanks are not counted

and the CPU time of each extraction (time.process_time, best of 3).
"""
from __future__ import annotations

import argparse
import difflib
import importlib
import inspect
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
BUILDER_MODULES = ("unseen_layouts", "more_layouts", "official_layouts")
MAKE_PDF_PAGES = (["First page about norms.", "Second page on CBMs."], ["One.", "", "Three."],
                  ["A longer page of text that fpdf wraps over several lines. " * 8])
REPEATS = 3


def pypdf_pages(data: bytes) -> tuple[list[str], str | None]:
    """extract_pages as it reads without pypdfium2."""
    from assistant import pdf_text

    saved = pdf_text._PDFIUM
    pdf_text._PDFIUM = False
    try:
        return pdf_text.extract_pages(data)
    finally:
        pdf_text._PDFIUM = saved


def pdfium_pages(data: bytes) -> tuple[list[str], str | None]:
    from assistant import pdf_text

    if pdf_text._pdfium() is None:
        raise SystemExit("pypdfium2 is not installed: pip install pypdfium2==5.15.2")
    return pdf_text.extract_pages(data)


def test_pdfs(work: Path) -> dict[str, bytes]:
    """Every PDF the tests' builders print, by name."""
    sys.path.insert(0, str(ROOT / "tests"))
    out: dict[str, bytes] = {}
    for module_name in BUILDER_MODULES:
        module = importlib.import_module(module_name)
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__ \
                    or list(inspect.signature(fn).parameters) != ["path"]:
                continue
            path = work / f"{module_name}.{name}.pdf"
            try:
                fn(path)
            except Exception:  # noqa: BLE001 - not a builder (or not of a file)
                continue
            if path.is_file() and path.read_bytes()[:5] == b"%PDF-":
                out[path.name] = path.read_bytes()
    make_pdf = importlib.import_module("test_sources").make_pdf  # tests/, like the builders' modules
    for k, pages in enumerate(MAKE_PDF_PAGES):
        path = make_pdf(work / f"make_pdf.{k}.pdf", pages, title="A title" if k == 0 else None)
        out[path.name] = path.read_bytes()
    return out


def _best(fn, data: bytes, repeats: int) -> tuple[float, tuple[list[str], str | None]]:
    best, value = float("inf"), None
    for _ in range(repeats):
        t = time.process_time()
        value = fn(data)
        best = min(best, time.process_time() - t)
    return best, value


def _view(pages: list[str]):
    from assistant import cleaning, docmeta, structure

    cleaned = cleaning.clean_pages(pages)
    return cleaned, structure.anchors(cleaned.text), docmeta.detect("\n\n".join(pages)[:20000], "x")


def _dense(text: str) -> list[int]:
    """For each offset of `text`, the number of non-blank characters before it."""
    out, n = [], 0
    for ch in text:
        out.append(n)
        n += not ch.isspace()
    out.append(n)
    return out


_WORD = re.compile(r"[^\W\d_]+")


def near_equal(old: str, new: str, old_anchors, new_anchors, old_starts, new_starts) -> tuple[bool, list[str]]:
    """Whether two cleaned texts differ only by blanks inside words, the joined word being one the document
    writes elsewhere (and neither half one it writes), with the same anchors and page starts once blanks are not
    counted. Returns (verdict, the differing words as 'old -> new')."""
    if "".join(old.split()) != "".join(new.split()):
        return False, []
    written = {w.lower() for w in _WORD.findall(old)}  # the words the document writes whole (pypdf's text)
    changes, ok = [], True
    ow, nw = old.split(), new.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ow, b=nw, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a, b = " ".join(ow[i1:i2]), " ".join(nw[j1:j2])
        changes.append(f"{a} -> {b}")
        # right only if the new side joins words (never splits one) into words the document writes whole elsewhere
        if j2 - j1 >= i2 - i1 or not all(w.lower() in written for w in _WORD.findall(b)):
            ok = False
    do, dn = _dense(old), _dense(new)
    same_anchors = [(do[o], lab) for o, lab in old_anchors] == [(dn[o], lab) for o, lab in new_anchors]
    same_starts = [do[o] for o in old_starts] == [dn[o] for o in new_starts]
    return ok and same_anchors and same_starts, changes


def compare(name: str, data: bytes, repeats: int) -> dict:
    try:
        old_s, (old, old_title) = _best(pypdf_pages, data, repeats)
    except Exception as exc:  # noqa: BLE001 - the same error either way is the expected outcome
        try:
            pdfium_pages(data)
            return {"name": name, "error_pypdf": str(exc), "error_pdfium": None, "same_error": False}
        except Exception as exc2:  # noqa: BLE001
            return {"name": name, "error_pypdf": str(exc), "error_pdfium": str(exc2), "same_error": str(exc) == str(exc2)}
    new_s, (new, new_title) = _best(pdfium_pages, data, repeats)
    rl = lambda pages: [[line.rstrip() for line in p.split("\n")] for p in pages]  # noqa: E731
    raw_diffs = []
    for k, (a, b) in enumerate(zip(rl(old), rl(new))):
        if a != b:
            for line in difflib.unified_diff(a, b, lineterm="", n=0):
                if line[:1] in "+-" and not line.startswith(("---", "+++")):
                    raw_diffs.append(f"p{k + 1} {line}")
    (co, ao, mo), (cn, an, mn) = _view(old), _view(new)
    cleaned_equal = co.text == cn.text and co.page_starts == cn.page_starts
    near, changes = (True, []) if cleaned_equal else near_equal(co.text, cn.text, ao, an, co.page_starts, cn.page_starts)
    return {"name": name, "pages": len(old), "pypdf_cpu_s": old_s, "pdfium_cpu_s": new_s,
            "raw_equal": len(old) == len(new) and not raw_diffs, "raw_lines_differing": len(raw_diffs),
            "raw_diff": raw_diffs, "cleaned_equal": cleaned_equal, "structure_equal": ao == an,
            "meta_equal": mo == mn and old_title == new_title, "near_equal": near, "changes": changes}


def measure(realdocs: Path, repeats: int = REPEATS) -> dict:
    pdfs = {p.name: p.read_bytes() for p in sorted(realdocs.glob("*.pdf"))} if realdocs.is_dir() else {}
    with tempfile.TemporaryDirectory() as tmp:
        built = test_pdfs(Path(tmp))
    rows = [compare(n, d, repeats) for n, d in pdfs.items()] + [compare(n, d, 1) for n, d in built.items()]
    read = [r for r in rows if "error_pypdf" not in r]
    return {"realdocs": str(realdocs), "realdoc_pdfs": len(pdfs), "test_pdfs": len(built), "rows": rows,
            "summary": {"read": len(read), "raw_equal": sum(r["raw_equal"] for r in read),
                        "cleaned_equal": sum(r["cleaned_equal"] for r in read),
                        "cleaned_equal_or_justified": sum(r["cleaned_equal"] or r["near_equal"] for r in read),
                        "structure_equal": sum(r["structure_equal"] for r in read),
                        "meta_equal": sum(r["meta_equal"] for r in read),
                        "unreadable_same_error": sum(r.get("same_error", False) for r in rows),
                        "unreadable": len(rows) - len(read)}}


def markdown(result: dict, show: int) -> str:
    s = result["summary"]
    lines = [f"{result['realdoc_pdfs']} real PDFs ({result['realdocs']}) and {result['test_pdfs']} PDFs printed by "
             f"the tests' builders; {s['read']} read, {s['unreadable']} unreadable "
             f"({s['unreadable_same_error']} with the same error both ways).",
             "",
             f"- raw page texts equal line by line: {s['raw_equal']}/{s['read']}",
             f"- cleaned text and page starts equal: {s['cleaned_equal']}/{s['read']} "
             f"(equal, or differing only by blanks inside words: {s['cleaned_equal_or_justified']}/{s['read']})",
             f"- structure (anchors) equal: {s['structure_equal']}/{s['read']}; metadata equal: "
             f"{s['meta_equal']}/{s['read']}",
             "",
             "| PDF | pages | pypdf CPU s | pdfium CPU s | raw lines differing | cleaned | structure | meta |",
             "|---|---|---|---|---|---|---|---|"]
    for r in result["rows"]:
        if "error_pypdf" in r:
            lines.append(f"| {r['name']} | unreadable: {r['error_pypdf']} | | | | "
                         f"{'same error' if r['same_error'] else 'pdfium: ' + str(r['error_pdfium'])} | | |")
            continue
        cleaned = "equal" if r["cleaned_equal"] else ("blanks in words: " + "; ".join(r["changes"][:3])
                                                      if r["near_equal"] else "DIFFERENT")
        lines.append(f"| {r['name']} | {r['pages']} | {r['pypdf_cpu_s']:.3f} | {r['pdfium_cpu_s']:.3f} | "
                     f"{r['raw_lines_differing']} | {cleaned} | {'equal' if r['structure_equal'] else 'differ'} | "
                     f"{'equal' if r['meta_equal'] else 'differ'} |")
    if show:
        lines += ["", "Raw differences (- pypdf, + pdfium), first lines of each PDF:"]
        for r in result["rows"]:
            if r.get("raw_diff"):
                lines.append(f"- {r['name']}:")
                lines += [f"    {d!r}" for d in r["raw_diff"][:show]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.pdf_equality", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--realdocs", type=Path, default=REALDOCS, help="folder of the real documents")
    p.add_argument("--repeats", type=int, default=REPEATS, help="timed runs per extractor and real PDF (best kept)")
    p.add_argument("--show", type=int, default=6, help="raw differing lines shown per PDF")
    opts = p.parse_args(argv)
    result = measure(opts.realdocs, max(1, opts.repeats))
    print(json.dumps(result, indent=2) if opts.json else markdown(result, opts.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())

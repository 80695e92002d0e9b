"""Text of a PDF, page by page: pypdf's plain `extract_text()`, as pypdf gives it, read with pdfium.

pypdf's text was chosen by measurement (`python -m benchmarks.pdf_extraction`) against pypdf's layout mode,
pdfplumber and pypdfium2's own text on the real UN PDFs: it keeps the printed lines and the reading order of the
body (only a page's footer comes out reversed, after its header), and its leading blanks mark paragraph starts
(indented sub-paragraphs, headings) without marking continuation lines; cleaning (cleaning.py) relies on them.
pypdfium2's own text drops that signal and leaves U+FFFE markers; PyMuPDF was not considered (AGPL-3.0).
pypdf's text has no vertical gaps: `page_text()` reads the lines' heights from pypdf's visitor and marks space
between paragraphs with a blank line (the characters stay pypdf's).

pypdf is pure Python: 2-4 CPU-s for the 46-page Convention. So `extract_pages` rebuilds the same text from pdfium
(`_Pdfium`, about a tenth of the time): pdfium's text objects are pypdf's text operators, in content order, and
the line breaks, spaces and leading blanks are decided by pypdf's own rules from their positions; the blank
lines between paragraphs by the same `_with_gaps`. `python -m benchmarks.pdf_equality` compares the two on the
real PDFs and every PDF the tests print: the cleaned texts are equal, except where pypdf split a word ("f
ulfilled"). pypdf still opens the file (its errors and messages, decryption, the title) and reads any page
pdfium cannot (text in a form XObject, rotated text, a page that fails), or the whole file when pypdfium2 is
missing or cannot open it.

Without pypdfium2, during an ingest (`parallel_extraction()`), a long PDF's pages are extracted by worker
processes, a share of the pages each: pypdf in a thread of the ingest held the GIL that the model's forward
passes need between their operations. The page texts are the same (pypdf reads each page on its own); any
failure there falls back to extracting in this process.
"""
from __future__ import annotations

import io
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from contextlib import contextmanager
from itertools import groupby
from typing import BinaryIO, Iterator

from assistant.errors import SourceError

# pypdf's own warnings ("EOF marker not found", "Ignoring wrong pointing object") repeat on stderr what this module
# reports as a SourceError, or concern damage it reads through: the report names the file and the reason once.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Below this many pages, starting the workers and sending them the file costs more than it saves.
_MIN_PARALLEL_PAGES = 8
# The workers' niceness: below the model's threads, so that extracting the next file while the model embeds
# does not take a core from one of torch's threads (the other then waits for it at each barrier).
_WORKER_NICENESS = 10

_lock = threading.Lock()  # guards the two below
_users = 0  # open parallel_extraction() blocks
_pool: "_Workers | None" = None


def extract_pages(data: bytes) -> tuple[list[str], str | None]:
    """The text of each page in order, with "\\n" line ends and stripped at both ends (the blanks leading
    the page's later lines are kept: they mark paragraph starts), and the PDF's title metadata (stripped)
    or None.

    Raises SourceError("", reason) for a corrupt PDF, an encrypted one that the empty password does not
    open or that cannot be decrypted, and one without any text (a scan).
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    from assistant.sources import _short  # imported here: sources imports this module

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except DependencyError as exc:  # AES needs the optional 'cryptography' package
                raise SourceError("", f"encrypted PDF (cannot decrypt: {_short(exc)})") from exc
            if not unlocked:
                raise SourceError("", "encrypted PDF (password required)")
        texts = _pdfium_texts(data, len(reader.pages), reader)
        if texts is not None and not any(t.strip() for t in texts):
            texts = None  # no text at all by pdfium: pypdf says whether there is any
        if texts is None and _users:
            texts = _in_workers(data, len(reader.pages))
        if texts is None:
            texts = [page_text(page) for page in reader.pages]
        pages = [_newlines(text).strip() for text in texts]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise SourceError("", f"corrupt PDF ({_short(exc)})") from exc
    if not any(pages):
        raise SourceError("", "no text layer (scanned PDF?)")
    try:
        title = reader.metadata.title if reader.metadata else None
        title = str(title).strip() or None if title is not None else None
    except Exception:  # noqa: BLE001 - a broken info dictionary only costs us the title
        title = None
    return pages, title


# A gap between two printed lines this much wider than the page's usual line pitch is space between paragraphs.
_PARAGRAPH_GAP = 1.3


def page_text(page) -> str:
    """A page's text as pypdf's `extract_text()` gives it, with a blank line where the printed lines leave a
    wider gap than their usual pitch: paragraphs printed without indent but with space between them (a NATO or
    Paris Call paragraph whose last line is full) stay apart. The characters are pypdf's own, unchanged."""
    pieces: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size) -> None:
        pieces.append((text, cm[5] + tm[5] * cm[3]))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except TypeError:  # a pypdf without visitors: the plain text
        return page.extract_text() or ""
    if "".join(t for t, _ in pieces) != text:
        return text  # the visitor did not see the text as returned: nothing to align the gaps with
    lines: list[tuple[str, float | None]] = []
    line, y = "", None
    for piece, at in pieces:
        for k, part in enumerate(piece.split("\n")):
            if k:
                lines.append((line, y))
                line, y = "", None
            if part.strip() and y is None:
                y = at
            line += part
    lines.append((line, y))
    return _with_gaps(lines)


def _with_gaps(lines: list[tuple[str, float | None]]) -> str:
    """The page's lines joined, with a blank line between two printed lines (baselines `y`, None for a line
    without text) that leave between 1.3 and 3 times the page's usual line pitch."""
    gaps = [a[1] - b[1] for a, b in zip(lines, lines[1:]) if a[1] is not None and b[1] is not None and a[1] > b[1]]
    if len(gaps) < 4:
        return "\n".join(line for line, _ in lines)
    pitch = sorted(gaps)[len(gaps) // 2]
    out = [lines[0][0]]
    for (prev, y0), (cur, y1) in zip(lines, lines[1:]):
        # (not before a line opening in lower case: the words after a list of sub-paragraphs go on its sentence)
        if y0 is not None and y1 is not None and prev.strip() and cur.strip() and not cur.strip()[:1].islower() \
                and _PARAGRAPH_GAP * pitch <= y0 - y1 <= 3 * pitch:
            out.append("")
        out.append(cur)
    return "\n".join(out)


# --- pdfium: the same page text, about fifteen times faster (the Convention: 3.6 -> 0.24 CPU-s) ------------
# pypdf's text is built operator by operator: a text-showing operator's characters, preceded by a line break when
# its baseline moved more than 0.8 of the font height from the line's, or by a space when it starts at least half
# a space after the previous operator's end. pdfium's text objects are those operators, in the same content
# order; its text page knows their characters but drops some blanks (a run of spaces keeps one; an object of
# spaces alone keeps none) and generates its own (at gaps, at line ends). So the characters are pdfium's, the
# spaces and line breaks are decided here by pypdf's rules, from each object's position and each character's.

_pdfium_lock = threading.Lock()  # pdfium is not thread-safe
_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})  # pdfium's marks for a hyphen that ends a line


class _NotPlain(Exception):
    """A page whose text objects this reconstruction does not place: pypdf extracts it."""


class _Pdfium:
    """pypdfium2's raw functions, bound once, with handles passed as plain addresses (a call costs ~0.5 µs)."""

    def __init__(self):
        import ctypes as c

        import pypdfium2
        import pypdfium2.raw as raw

        self.ctypes, self.pdfium, self.raw = c, pypdfium2, raw
        vp, i32, dbl = c.c_void_p, c.c_int, c.POINTER(c.c_double)
        bind = lambda fn, res, *args: c.cast(fn, c.CFUNCTYPE(res, *args))  # noqa: E731
        self.owner = bind(raw.FPDFText_GetTextObject, vp, vp, i32)
        self.origin = bind(raw.FPDFText_GetCharOrigin, i32, vp, i32, dbl, dbl)
        self.loose = bind(raw.FPDFText_GetLooseCharBox, i32, vp, i32, c.POINTER(raw.FS_RECTF))
        self.get_text = bind(raw.FPDFText_GetText, i32, vp, i32, i32, c.c_char_p)
        self.unicode = bind(raw.FPDFText_GetUnicode, c.c_uint, vp, i32)
        self.count_chars = bind(raw.FPDFText_CountChars, i32, vp)
        self.count_objects = bind(raw.FPDFPage_CountObjects, i32, vp)
        self.get_object = bind(raw.FPDFPage_GetObject, vp, vp, i32)
        self.form_count = bind(raw.FPDFFormObj_CountObjects, i32, vp)
        self.form_object = bind(raw.FPDFFormObj_GetObject, vp, vp, c.c_ulong)
        self.object_type = bind(raw.FPDFPageObj_GetType, i32, vp)
        self.matrix = bind(raw.FPDFPageObj_GetMatrix, i32, vp, c.POINTER(raw.FS_MATRIX))
        self.font_size = bind(raw.FPDFTextObj_GetFontSize, i32, vp, c.POINTER(c.c_float))
        self.font = bind(raw.FPDFTextObj_GetFont, vp, vp)
        self.glyph_width = bind(raw.FPDFFont_GetGlyphWidth, i32, vp, c.c_uint, c.c_float, c.POINTER(c.c_float))
        self.TEXT, self.FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM

    def _address(self, handle) -> int:
        return self.ctypes.cast(handle, self.ctypes.c_void_p).value

    def page_lines(self, page) -> list[tuple[str, float | None]]:
        """A page's lines as pypdf's `extract_text()` gives them, each with the baseline of its first text."""
        c = self.ctypes
        textpage = page.get_textpage()
        try:
            tp = self._address(textpage.raw)
            n = self.count_chars(tp)
            buf = c.create_string_buffer(2 * (n + 1))
            got = self.get_text(tp, 0, n, buf)
            full = buf.raw[: 2 * max(0, got - 1)].decode("utf-16-le", "surrogatepass")
            if len(full) != n:  # characters outside the BMP: one at a time
                full = "".join(chr(self.unicode(tp, i)) for i in range(n))
            owner = self.owner
            owners = [owner(tp, i) for i in range(n)]
            # each text object's runs of characters (start, end); pdfium's generated characters belong to none
            runs: dict[int, list[tuple[int, int]]] = {}
            start = 0
            for obj, same in groupby(owners):  # in C: a loop per character here cost a fifth of the page's time
                end = start + len(list(same))
                if obj is not None:
                    runs.setdefault(obj, []).append((start, end))
                start = end
            return self._lines(self._address(page.raw), tp, full, runs)
        finally:
            textpage.close()

    def _text_objects(self, holder: int, count, get) -> list[int]:
        """The text objects of a page (or form) in content order; _NotPlain for text inside a form XObject."""
        out = []
        for k in range(count(holder)):
            obj = get(holder, k)
            kind = self.object_type(obj)
            if kind == self.TEXT:
                out.append(obj)
            elif kind == self.FORM and self._text_objects(obj, self.form_count, self.form_object):
                raise _NotPlain  # its objects are placed in the form's space: pypdf reads the page
        return out

    def _lines(self, page: int, tp: int, full: str, runs: dict[int, list[tuple[int, int]]]
               ) -> list[tuple[str, float | None]]:
        c, raw = self.ctypes, self.raw
        x, y, rect, m = c.c_double(), c.c_double(), raw.FS_RECTF(), raw.FS_MATRIX()
        size, width = c.c_float(), c.c_float()
        space_of: dict[int, float] = {}  # font -> width of its space, per 1000 units of font size
        lines: list[tuple[str, float | None]] = []
        cur, cur_y = "", None
        span: tuple[float, float] | None = None  # lowest and highest baseline on the current line
        prev: tuple[float, float, float, float] | None = None  # end x, baseline, height, x scale
        for obj in self._text_objects(page, self.count_objects, self.get_object):
            self.matrix(obj, m)
            if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
                raise _NotPlain  # rotated or mirrored text: pypdf reads the page
            self.font_size(obj, size)
            sx, sy = m.a, m.d
            font = self.font(obj)
            if font not in space_of:
                ok = self.glyph_width(font, 32, 1000.0, width)
                space_of[font] = width.value if ok and width.value > 0 else 250.0
            space = space_of[font] * size.value / 1000.0  # in text space, like pypdf's
            mine = runs.get(obj)
            end = m.e
            if mine:
                parts: list[str] = []
                self.origin(tp, mine[0][0], x, y)
                lead = (x.value - m.e) / (space * sx) if space > 0 else 0.0
                if lead > 0.5:  # spaces before the first character, which pdfium dropped
                    parts.append(" " * max(1, round(lead)))
                for k, (a, b) in enumerate(mine):
                    if k:
                        # pdfium generated a character between two runs of this object (a gap in a TJ array):
                        # pypdf's space if the gap is at least 0.95 of half a space
                        self.loose(tp, mine[k - 1][1] - 1, rect)
                        self.origin(tp, a, x, y)
                        if (x.value - rect.right) / sx >= 0.475 * space and parts and parts[-1][-1:] != " ":
                            parts.append(" ")
                    parts.append(full[a:b])
                text = "".join(parts)
                if "\x02" in text or "\ufffe" in text:
                    text = text.translate(_HYPHENS)
                self.loose(tp, mine[-1][1] - 1, rect)
                end = rect.right
            else:
                text = " "  # an object of blanks only (pdfium keeps none of them)
            height, base = size.value * sy, m.f
            if prev is not None:
                p_end, p_base, p_height, p_sx = prev
                limit = 0.8 * min(p_height, height)
                if span is None:
                    distance = abs(base - p_base)
                else:
                    distance = 0.0 if span[0] <= base <= span[1] else min(abs(base - span[0]), abs(base - span[1]))
                last = cur[-1:] if cur else ("\n" if lines else "")
                if distance > limit:
                    if last not in ("", "\n"):
                        lines.append((cur, cur_y))
                        cur, cur_y = "", None
                    span = (base, base)
                else:
                    # (the half space is the new object's font's, as pypdf sets the font before it moves)
                    if (abs(base - p_base) > limit or m.e - p_end >= 0.5 * space * p_sx) and last not in ("", " "):
                        cur += " "
                    span = (base, base) if last in ("", "\n") or span is None else \
                        (min(span[0], base), max(span[1], base))
            else:
                span = (base, base)
            if cur_y is None and text.strip():
                cur_y = base
            cur += text
            prev = (end, base, height, sx)
        lines.append((cur, cur_y))
        return lines


_PDFIUM: "_Pdfium | None | bool" = None  # None: not tried yet; False: pypdfium2 is missing


def _pdfium() -> "_Pdfium | None":
    global _PDFIUM
    if _PDFIUM is None:
        try:
            _PDFIUM = _Pdfium()
        except (ImportError, AttributeError, OSError):  # not installed, or a build without these functions
            _PDFIUM = False
    return _PDFIUM or None


def _pdfium_texts(data: bytes, count: int, reader) -> list[str] | None:
    """Each page's text by pdfium, in page_text()'s form; a page pdfium fails on is pypdf's. None when pypdfium2
    is missing, cannot open the file or sees another number of pages (the caller then uses pypdf throughout)."""
    lib = _pdfium()
    if lib is None:
        return None
    with _pdfium_lock:
        try:
            doc = lib.pdfium.PdfDocument(data)
        except Exception:  # noqa: BLE001 - pypdf opened it: let pypdf read it
            return None
        try:
            if len(doc) != count:
                return None
            texts = []
            for i in range(count):
                try:
                    page = doc[i]
                    try:
                        texts.append(_with_gaps(lib.page_lines(page)))
                    finally:
                        page.close()
                except Exception:  # noqa: BLE001 - this page as pypdf reads it
                    texts.append(page_text(reader.pages[i]))
            return texts
        finally:
            doc.close()


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def parallel_extraction(workers: int | None = None) -> Iterator[None]:
    """Within this block, extract_pages hands a long PDF's pages to `workers` processes (default: one per
    core, at most 4) that run at lowered priority, a consecutive share each. They start with the first long
    PDF (an ingest with nothing to read starts none) and end with the block; nested blocks share them.

    The workers are plain `python` processes fed through pipes (not multiprocessing, whose "spawn" re-runs
    the caller's main script in each worker and whose "fork" hands them the ingest lock): they inherit no
    file descriptor of ours, and they exit when their pipe closes, also when this process is killed.
    """
    global _users, _pool
    with _lock:
        _users += 1
        if _users == 1:
            _pool = _Workers(max(1, min(workers or os.cpu_count() or 1, 4)))
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            pool = _pool if _users == 0 else None
            if pool is not None:
                _pool = None
        if pool is not None:
            pool.close()


def _in_workers(data: bytes, count: int) -> list[str] | None:
    """Each page's raw text, extracted by the workers; None when there are too few pages, no workers, they
    are busy with another file, or any share failed (the caller then extracts here, and raises its errors)."""
    pool = _pool
    if pool is None or count < _MIN_PARALLEL_PAGES:
        return None
    return pool.extract(data, count)


class _Workers:
    """Worker processes started on first use; one file at a time (another thread extracts in-process)."""

    def __init__(self, size: int):
        self.size = size
        self.procs: list[subprocess.Popen] = []
        self.broken = False
        self._busy = threading.Lock()

    def _start(self) -> None:
        boot = ("import sys, pickle, struct; n = struct.unpack('<Q', sys.stdin.buffer.read(8))[0]; "
                "sys.path[:] = pickle.loads(sys.stdin.buffer.read(n)); "
                f"from assistant.pdf_text import _serve; _serve({int(_WORKER_NICENESS)})")
        paths = pickle.dumps(list(sys.path))
        for _ in range(self.size):
            proc = subprocess.Popen([sys.executable, "-c", boot], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self.procs.append(proc)
            _send(proc.stdin, paths)

    def extract(self, data: bytes, count: int) -> list[str] | None:
        if self.broken or not self._busy.acquire(blocking=False):
            return None
        try:
            if not self.procs:
                self._start()
            bounds = [round(i * count / self.size) for i in range(self.size + 1)]
            for proc, lo, hi in zip(self.procs, bounds, bounds[1:]):
                _send(proc.stdin, pickle.dumps((data, lo, hi)))
            texts: list[str] = []
            failed = False
            for proc in self.procs:  # every answer is read, so that the next file finds the pipes empty
                status, value = pickle.loads(_receive(proc.stdout))
                failed = failed or status != "ok"
                texts.extend(value if status == "ok" else [])
            return None if failed or len(texts) != count else texts
        except Exception:  # noqa: BLE001 - a worker that died or could not start: extract in this process
            self.broken = True
            return None
        finally:
            self._busy.release()

    def close(self) -> None:
        for proc in self.procs:
            try:
                proc.stdin.close()  # the worker ends at the end of its input
            except OSError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()


def _send(stream: BinaryIO, blob: bytes) -> None:
    stream.write(struct.pack("<Q", len(blob)) + blob)
    stream.flush()


def _receive(stream: BinaryIO) -> bytes:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("worker ended")
    size = struct.unpack("<Q", head)[0]
    blob = stream.read(size)
    if len(blob) < size:
        raise EOFError("worker ended")
    return blob


def _serve(niceness: int) -> None:
    """A worker's loop: (pdf bytes, first page, end page) in, ("ok", raw page texts) or ("error", why) out,
    until its input ends."""
    try:
        os.nice(niceness)
    except (AttributeError, OSError):
        pass
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed goes to stderr, not into the answers
    while True:
        try:
            data, lo, hi = pickle.loads(_receive(source))
        except EOFError:
            return
        try:
            answer = ("ok", _extract_range(data, lo, hi))
        except Exception as exc:  # noqa: BLE001 - reported; the caller extracts in-process and raises its error
            answer = ("error", f"{type(exc).__name__}: {exc}")
        _send(sink, pickle.dumps(answer))


def _extract_range(data: bytes, lo: int, hi: int) -> list[str]:
    """In a worker: the raw text of pages lo..hi-1, exactly as extract_pages reads them in-process."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted PDF")
    return [page_text(reader.pages[i]) for i in range(lo, hi)]

"""Text of a PDF, page by page, with pypdf's plain `extract_text()`.

Chosen by measurement (`python -m benchmarks.pdf_extraction`) against pypdf's layout mode, pdfplumber and
pypdfium2 on the real UN PDFs: pypdf keeps the printed lines and the reading order of the body (only a page's
footer comes out reversed, after its header), and is the only one whose leading blanks mark paragraph
starts (indented sub-paragraphs, headings) without marking continuation lines; pdfplumber avoids the stray space before a hyphen ("consensus -driven") but drops that
signal and is about 3 times slower; pypdfium2 is far faster but drops it too and leaves U+FFFE markers.
PyMuPDF was not considered (AGPL-3.0). pypdf's text has no vertical gaps: `page_text()` reads the lines' heights
from pypdf's own visitor and marks space between paragraphs with a blank line (the characters stay pypdf's).

During an ingest (`parallel_extraction()`), a long PDF's pages are extracted by worker processes, a share
of the pages each: pypdf is pure Python, so in a thread of the ingest it held the GIL that the model's
forward passes need between their operations, and a 46-page PDF took one core for 2-3 s. The page texts
are the same (pypdf reads each page on its own); any failure there falls back to extracting in this process.
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
        texts = _in_workers(data, len(reader.pages)) if _users else None
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
    gaps = [a[1] - b[1] for a, b in zip(lines, lines[1:]) if a[1] is not None and b[1] is not None and a[1] > b[1]]
    if len(gaps) < 4:
        return text
    pitch = sorted(gaps)[len(gaps) // 2]
    out = [lines[0][0]]
    for (prev, y0), (cur, y1) in zip(lines, lines[1:]):
        # (not before a line opening in lower case: the words after a list of sub-paragraphs go on its sentence)
        if y0 is not None and y1 is not None and prev.strip() and cur.strip() and not cur.strip()[:1].islower() \
                and _PARAGRAPH_GAP * pitch <= y0 - y1 <= 3 * pitch:
            out.append("")
        out.append(cur)
    return "\n".join(out)


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

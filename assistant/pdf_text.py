"""Text of a PDF, page by page, with pypdf's plain `extract_text()`.

Chosen by measurement (`python -m benchmarks.pdf_extraction`) against pypdf's layout mode, pdfplumber and
pypdfium2 on the real UN PDFs: pypdf keeps the printed lines and the reading order of the body (only a page's
footer comes out reversed, after its header), and is the only one whose leading blanks mark paragraph
starts (indented sub-paragraphs, headings) without marking continuation lines; pdfplumber avoids the stray space before a hyphen ("consensus -driven") but drops that
signal and is about 3 times slower; pypdfium2 is far faster but drops it too and leaves U+FFFE markers.
PyMuPDF was not considered (AGPL-3.0).
"""
from __future__ import annotations

import io

from assistant.errors import SourceError


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
        pages = [_newlines(page.extract_text() or "").strip() for page in reader.pages]
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


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")

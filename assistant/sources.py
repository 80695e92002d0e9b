"""Load source documents of every supported format into `Document` records."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
from dataclasses import asdict
from pathlib import Path

import yaml

from assistant import cleaning, docmeta, pdf_text, structure
from assistant.errors import SourceError
from assistant.schema import Document, IngestFailure, SourceMeta

SUPPORTED_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"})
CATALOG_NAME = "catalog.yaml"
_log = logging.getLogger(__name__)

_FORMATS = {".markdown": "md", ".htm": "html"}
_META_KEYS = ("title", "publisher", "url", "date", "symbol")
_HEADING_RE = re.compile(r"^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Below trafilatura's MIN_EXTRACTED_SIZE it may dump the whole body, navigation included,
# as one paragraph; small pages are better served by our own extraction.
_TRAFILATURA_MIN_SIZE = 250
_HTML_JUNK = ("script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form")
_HTML_BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "br",
                "blockquote", "pre", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"}

Blocks = list[tuple[str, bool]]  # (text, is_list_item)


def relative_source(path: Path, root: Path) -> str:
    """The path of `path` relative to `root`, with POSIX separators."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def load_catalog(root: Path) -> dict[str, SourceMeta]:
    """Read `root/catalog.yaml` (relative path -> title/publisher/url/date); {} when absent."""
    try:
        data = yaml.safe_load((Path(root) / CATALOG_NAME).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourceError(CATALOG_NAME, f"cannot read catalog: {_short(exc)}") from exc
    if not isinstance(data, (dict, type(None))):
        raise SourceError(CATALOG_NAME, "must be a mapping from file path to metadata")
    catalog = {}
    for key, entry in (data or {}).items():
        name = str(key).replace("\\", "/").removeprefix("./")
        fields = _meta_fields(entry) if isinstance(entry, dict) else {}
        if "title" not in fields:
            raise SourceError(CATALOG_NAME, f"entry '{name}' needs at least a title")
        catalog[name] = SourceMeta(**fields)
    return catalog


def discover(root: Path) -> tuple[list[Path], list[IngestFailure]]:
    """All loadable files under `root` (sorted) and the files that cannot be loaded, with reasons."""
    root = Path(root)
    if not root.is_dir():
        raise SourceError(str(root), "sources folder does not exist")
    root_real = root.resolve()
    files: list[Path] = []
    failures: list[IngestFailure] = []

    def fail(path: Path, reason: str) -> None:
        failures.append(IngestFailure(relative_source(path, root), reason))

    def walk(folder: Path, ancestors: frozenset[Path]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            return fail(folder, f"cannot list folder: {_short(exc)}")
        for entry in entries:
            path = folder / entry.name
            if entry.name.startswith(".") or (folder == root and entry.name == CATALOG_NAME):
                continue
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):  # Python 3.11 reports symlink loops as RuntimeError
                fail(path, "broken symlink or symlink loop")
                continue
            if not real.is_relative_to(root_real):
                fail(path, "symlink points outside the sources folder")
            elif entry.is_dir():
                if real in ancestors:
                    fail(path, "symlink loop (folder not followed)")
                else:
                    walk(path, ancestors | {real})
            elif not entry.is_file():
                fail(path, "not a regular file")  # reading a FIFO or device would hang
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                fail(path, _unsupported(path.suffix.lower()))
            else:
                files.append(path)

    walk(root, frozenset({root_real}))
    files.sort(key=lambda p: relative_source(p, root))
    return files, sorted(failures, key=lambda f: f.source)


def load_document(path: Path, root: Path, catalog: dict[str, SourceMeta] | None = None) -> Document:
    """Read one source file and extract its canonical text and metadata; SourceError if unusable."""
    path, root = Path(path), Path(root)
    source, suffix = relative_source(path, root), path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceError(source, _unsupported(suffix))
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            raise SourceError(source, "symlink points outside the sources folder")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(source, "file vanished (it no longer exists)") from exc
    except PermissionError as exc:
        raise SourceError(source, "permission denied") from exc
    except (OSError, RuntimeError) as exc:
        raise SourceError(source, f"cannot read file: {_short(exc)}") from exc
    if not data.strip():
        raise SourceError(source, "empty file")

    fmt = _FORMATS.get(suffix, suffix[1:])
    page_starts: tuple[int, ...] = ()
    try:
        # Cleaning (cleaning.py) turns printed lines into paragraphs and drops page furniture; metadata the
        # catalog or front matter does not give is read from the head of the text as printed (docmeta.py).
        if fmt == "pdf":
            pages, own = _pdf(data)
            raw = "\n\n".join(pages)
            cleaned = cleaning.clean_pages(pages)
        elif fmt in ("docx", "html"):
            raw, own = (_docx if fmt == "docx" else _html)(data)
            cleaned = cleaning.Cleaned(raw)
        else:
            raw, own = _front_matter(_decode(data)) if fmt == "md" else (_decode(data), {})
            cleaned = cleaning.clean_text(raw, markdown=fmt == "md")
        text, page_starts = cleaned.text, cleaned.page_starts
        found = _detected(raw, source)
    except SourceError as exc:
        raise SourceError(source, exc.reason) from exc
    except RecursionError as exc:
        raise SourceError(source, "document structure is nested too deeply") from exc
    except Exception as exc:  # noqa: BLE001 - a bad file must surface as SourceError, never a crash
        raise SourceError(source, f"cannot extract text: {_short(exc)}") from exc
    if not text.strip():
        raise SourceError(source, "no text could be extracted")

    # A PDF's info title is often a file name ("Microsoft Word - 1821207"): the printed title wins there.
    fields = {**own, **found} if fmt == "pdf" else {**found, **own}
    if catalog and source in catalog:
        fields.update({k: v for k, v in asdict(catalog[source]).items() if v})
    if "publisher" not in fields and (by_host := docmeta.publisher_for_url(fields.get("url"))):
        fields["publisher"] = by_host  # a page of whitehouse.gov is the White House's
    if "title" not in fields:
        heading = _HEADING_RE.search(text)
        fields["title"] = heading.group(1) if heading else (
            re.sub(r"[-_]+", " ", path.stem).strip() or path.name)
    meta = SourceMeta(**fields)
    digest = hashlib.sha256(data)
    digest.update(b"\0" + json.dumps(asdict(meta), sort_keys=True, ensure_ascii=False).encode())
    return Document(source=source, text=text, meta=meta, content_hash=digest.hexdigest(),
                    page_starts=page_starts, format=fmt, anchors=structure.anchors(text))


def _detected(raw: str, source: str) -> dict[str, str]:
    """Symbol, title and date found in a document's head; {} when nothing is recognised."""
    try:
        meta = docmeta.detect(raw[:20000], source)
    except Exception:  # noqa: BLE001 - metadata is a convenience: a pattern that trips must not lose the file
        _log.warning("metadata detection failed for %s", source, exc_info=True)
        return {}
    fields = {"symbol": meta.symbol, "title": meta.title, "date": meta.date, "publisher": docmeta.publisher_of(meta)}
    return {k: v for k, v in fields.items() if v}


def _meta_value(value) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip() or None if value is not None else None


# Other names front matter uses for the same fields (scrapers write `source_url`, sites `canonical_url`).
_META_ALIASES = {"url": ("source_url", "canonical_url", "link"), "publisher": ("site_name", "organization",
                                                                               "organisation")}


def _meta_fields(mapping: dict, aliases: bool = False) -> dict[str, str]:
    fields = {k: v for k in _META_KEYS if (v := _meta_value(mapping.get(k))) is not None}
    for key, others in (_META_ALIASES.items() if aliases else ()):
        if key not in fields:
            found = next((v for o in others if (v := _meta_value(mapping.get(o))) is not None), None)
            if found is not None:
                fields[key] = found
    return fields


def _unsupported(suffix: str) -> str:
    shown = f"'{suffix}'" if suffix else "(no file extension)"
    return f"unsupported format {shown} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})"


def _short(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:160]}" if lines else type(exc).__name__


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# C0 controls other than tab, newline, form feed and carriage return, DEL and C1 controls. A regular
# expression, not a loop over characters: that loop cost 1 % of an ingest of 1,000 chunks.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _decode(data: bytes) -> str:
    """Decode text bytes (UTF-8, else charset_normalizer's best guess); normalise line ends."""
    if b"\0" in data:
        raise SourceError("", "binary data, not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise SourceError("", "not valid UTF-8 and encoding could not be detected") from None
        text = str(best)
    controls = len(_CONTROL_CHARS.findall(text))
    if controls > max(2, len(text) // 20):
        raise SourceError("", "binary data, not a text file")
    return _newlines(text)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return text, {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise SourceError("", f"malformed YAML front matter: {_short(exc)}") from exc
    if not isinstance(data, dict):  # a leading '---' rule, not front matter
        return text, {}
    return text[match.end():].lstrip("\n"), _meta_fields(data, aliases=True)


def _pdf(data: bytes) -> tuple[list[str], dict[str, str]]:
    pages, title = pdf_text.extract_pages(data)  # pypdf's text, read by pdfium (benchmarks/pdf_equality.py)
    title = _meta_value(title) if title else None
    if title and _file_name_title(title):
        title = None  # "21-08845 - A/76/135 - E", "st07925.en18": a file name or job number, not a title
    return pages, {"title": title} if title else {}


def _file_name_title(title: str) -> bool:
    """A PDF info title that names a file or print job rather than the document (no two words in a row)."""
    return bool(re.match(r"Microsoft Word - ", title)) or not re.search(r"[A-Za-zÀ-ÿ]{3,}\s+[A-Za-zÀ-ÿ]{2,}", title)


def _join(blocks: Blocks) -> str:
    """Blocks separated by a blank line, consecutive list items by a single newline."""
    return "".join((("\n" if item and blocks[i - 1][1] else "\n\n") if i else "") + text
                   for i, (text, item) in enumerate(blocks))


def _docx(data: bytes) -> tuple[str, dict[str, str]]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors all mean "corrupt"
        raise SourceError("", f"corrupt Word document ({_short(exc)})") from exc
    blocks: Blocks = []
    numbers = _WordNumbering(document)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = []
            for row in item.rows:
                # merged cells repeat the same underlying cell; keep one
                cells = list({id(c._tc): " ".join(c.text.split()) for c in row.cells}.values())
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                blocks.append(("\n".join(rows), False))
            continue
        text = _newlines(item.text).strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        level = re.fullmatch(r"Heading ([1-9])", style)
        number = numbers.next(item)  # Word's automatic numbering: "1.", "1.1.", "(a)"; None for bullets
        if level or style == "Title":
            blocks.append(("#" * (int(level.group(1)) if level else 1) + " " + (f"{number} " if number else "") + text,
                           False))
        elif number:
            blocks.append((f"{number} {text}", True))
        elif "List" in style or item._p.pPr is not None and item._p.pPr.numPr is not None:
            blocks.append(("- " + text, True))
        else:
            blocks.append((text, False))
    title = _meta_value(document.core_properties.title)
    return _join(blocks), {"title": title} if title else {}


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:
    return chr(96 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)


_NUM_FORMATS = {"decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": _letters,
                "upperLetter": lambda n: _letters(n).upper(), "lowerRoman": _roman,
                "upperRoman": lambda n: _roman(n).upper()}


class _WordNumbering:
    """The numbers Word prints before automatically numbered paragraphs ("1.", "1.1.", "(a)"): they live in the
    paragraph's or its style's numPr and in numbering.xml, never in the text, so python-docx does not give them.
    Counters run per list (numId) and level; a level's counter restarts when a higher level moves on."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        self.abstract_of: dict[str, str] = {}  # numId -> abstractNumId: lists sharing one continue its numbers
        self.restarts: dict[str, dict[int, int]] = {}  # numId -> ilvl -> startOverride: a list numbered anew
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return  # no numbering part (python-docx raises NotImplementedError): the document numbers nothing itself
        abstract = {}
        for a in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.findall(f"{_W}lvl"):
                fmt, text, start = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText"), lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "", int(start.get(f"{_W}val")) if start is not None else 1)
            abstract[a.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None and ref.get(f"{_W}val") in abstract:
                num_id = num.get(f"{_W}numId")
                self.levels[num_id] = abstract[ref.get(f"{_W}val")]
                self.abstract_of[num_id] = ref.get(f"{_W}val")
                for override in num.findall(f"{_W}lvlOverride"):
                    start = override.find(f"{_W}startOverride")
                    if start is not None:
                        self.restarts.setdefault(num_id, {})[int(override.get(f"{_W}ilvl", "0"))] = \
                            int(start.get(f"{_W}val"))

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        """(numId, ilvl) from the paragraph, else from its style and the styles it is based on."""
        ppr = paragraph._p.pPr
        num_id, ilvl = None, None
        if ppr is not None and ppr.numPr is not None:
            num_id = ppr.numPr.numId.val if ppr.numPr.numId is not None else None
            ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else None
        style = paragraph.style
        while num_id is None and style is not None:
            spr = style.element.pPr
            if spr is not None and spr.numPr is not None and spr.numPr.numId is not None:
                num_id = spr.numPr.numId.val
                if ilvl is None and spr.numPr.ilvl is not None:
                    ilvl = spr.numPr.ilvl.val
            style = style.base_style
        return (str(num_id) if num_id is not None else None), int(ilvl or 0)

    def next(self, paragraph) -> str | None:
        num_id, ilvl = self._num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels or levels[ilvl][0] not in _NUM_FORMATS:
            return None  # no numbering, a bullet, or a format without a printed number
        counters = self.counters.setdefault(self.abstract_of[num_id], [0] * 10)
        if restart := self.restarts.pop(num_id, None):  # the list's first paragraph: numbered anew
            for k, start in restart.items():
                counters[k] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][2]
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        fmt_text = levels[ilvl][1]

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            fmt, _, start = levels.get(k, ("decimal", "", 1))
            return _NUM_FORMATS.get(fmt, str)(counters[k] or start)

        number = re.sub(r"%([1-9])", value, fmt_text).strip()
        return number or None


def _html(data: bytes) -> tuple[str, dict[str, str]]:
    import trafilatura
    from lxml import etree
    from trafilatura.utils import decode_file

    html = decode_file(data)
    tree = trafilatura.load_html(html)
    if tree is None:  # trafilatura rejects bare fragments such as a lone <div>...</div>
        html = f"<html><body>{html}</body></html>"
        if (tree := trafilatura.load_html(html)) is None:
            raise SourceError("", "not valid HTML")
    title = tree.xpath("string(//head/title)") or tree.xpath(
        "string(//meta[@property='og:title']/@content)")
    own = {"title": t} if (t := _meta_value(" ".join(title.split()))) else {}
    # XML, not trafilatura's Markdown, which escapes characters and adds **emphasis**
    xml = trafilatura.extract(html, output_format="xml", include_comments=False,
                              include_tables=True, include_links=False, include_images=False,
                              include_formatting=False, favor_recall=True)
    blocks: Blocks = []
    main = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
    for el in main if main is not None else ():
        _xml_block(el, blocks)
    if len(_join(blocks)) < _TRAFILATURA_MIN_SIZE:
        etree.strip_elements(tree, etree.Comment, *_HTML_JUNK, with_tail=False)
        body = tree.find(".//body")
        fallback: Blocks = []
        _html_blocks(body if body is not None else tree, fallback, [])
        blocks = fallback or blocks
    if not blocks:
        raise SourceError("", "no extractable main text in HTML")
    return _join(blocks), own


def _flat(el) -> str:
    for lb in el.iter("lb"):
        lb.text = "\n"
    return "\n".join(" ".join(line.split()) for line in "".join(el.itertext()).split("\n")).strip()


def _xml_block(el, blocks: Blocks) -> None:
    """Render one block of trafilatura's XML output (head, p, list, table, ...)."""
    if el.tag == "list":
        _list_items(el, blocks, 0)
    elif el.tag == "table":
        rows = [" | ".join(_flat(cell) for cell in row.iter("cell")) for row in el.iter("row")]
        if rows := [row for row in rows if row.strip(" |")]:
            blocks.append(("\n".join(rows), False))
    elif text := _flat(el):
        if el.tag == "head":
            level = re.fullmatch(r"h([1-6])", el.get("rend", ""))
            text = "#" * (int(level.group(1)) if level else 2) + " " + text
        blocks.append((text, False))


def _list_items(el, blocks: Blocks, depth: int) -> None:
    """A list's items in order; a nested list's items are sub-items ("◦ ") under the item that holds them."""
    for item in [c for c in el if c.tag == "item"]:
        nested = [c for c in item if c.tag == "list"]
        for child in nested:
            item.remove(child)
        if text := _flat(item):
            blocks.append((("- " if depth == 0 else cleaning.SUB_BULLET + " ") + text, True))
        for child in nested:
            _list_items(child, blocks, depth + 1)


def _html_blocks(el, blocks: Blocks, buf: list[str], prefix: str = "") -> None:
    """Fallback: collect the body's text as blocks, marking headings and list items."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""

    def flush(mark: str) -> None:
        if text := " ".join("".join(buf).split()):
            blocks.append((mark + text, mark in ("- ", cleaning.SUB_BULLET + " ")))
        buf.clear()

    if tag in _HTML_BLOCKS:
        flush(prefix)
        heading = re.fullmatch(r"h([1-6])", tag)
        nested = tag == "li" and any(a.tag in ("ul", "ol") for a in list(el.iterancestors())[1:])
        prefix = "#" * int(heading.group(1)) + " " if heading else (cleaning.SUB_BULLET + " " if nested else "- ") \
            if tag == "li" else ""
    buf.append(el.text or "")
    for child in el:
        _html_blocks(child, blocks, buf, prefix)
        buf.append(child.tail or "")
    if tag in _HTML_BLOCKS:
        flush(prefix)

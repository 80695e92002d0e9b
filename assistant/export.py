"""Export a conversation (questions, answers, full references with quotes and addresses) as Markdown or Word."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping, Sequence

TITLE = "Cyber diplomacy assistant: conversation"


def _where(item: Mapping) -> str:
    parts = [f"section “{item['section']}”" if item.get("section") else "", f"page {item['page']}" if item.get("page") else ""]
    return ", ".join(p for p in parts if p)


def _reference(c: Mapping) -> list[str]:
    """Lines describing one citation: where it is (the locator, or who published what), the quote, the address."""
    if c.get("locator"):
        # The locator first, as an official cites it; then the document it points into, unless it already names it.
        details = [c["title"]] if c["title"] not in c["locator"] else []
        details += [c[key] for key in ("publisher", "date") if c.get(key)]
        head = c["locator"] + (f" ({', '.join(details)})" if details else "")
    else:
        head = f"{c['title']}"
        for key in ("publisher", "date"):
            if c.get(key):
                head += f", {c[key]}"
        if _where(c):
            head += f" ({_where(c)})"
    lines = [head, f"“{c['quote']}”", f"{c['source']}, characters {c['start']}-{c['end']}"]
    if c.get("url"):
        lines.append(c["url"])
    return lines


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def to_markdown(turns: Sequence[Mapping]) -> str:
    """The conversation as Markdown: each question, its answer with [n] markers, then its references."""
    out = [f"# {TITLE}", "", f"Exported {_stamp()}. Every sentence of an answer cites a verbatim passage.", ""]
    for i, t in enumerate(turns, start=1):
        out += [f"## {i}. {t['question']}", ""]
        if t.get("error"):
            out += [f"*Not answered: {t['error']}*", ""]
            continue
        if t.get("resolved_query"):
            out += [f"*Read as a follow-up: “{t['resolved_query']}”*", ""]
        out += [t["answer"], ""]
        if t.get("citations"):
            out += ["**References**", ""]
            for c in t["citations"]:
                ref = _reference(c)
                out.append(f"{c['n']}. {ref[0]}")
                # Every line of a multi-line quote (a list) stays inside the blockquote.
                out += [f"   > {line}" for line in ref[1].split("\n")]
                out += [f"   {ref[2]}"] + ([f"   <{ref[3]}>"] if len(ref) > 3 else [])
            out.append("")
        elif t.get("abstained") and t.get("passages"):
            out += ["**Nearest passages** (they do not answer the question)", ""]
            for p in t["passages"][:3]:
                out.append(f"- {p['title']}" + (f" ({_where(p)})" if _where(p) else "") + f": “{' '.join(p['text'].split())}”")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_markdown(turns: Sequence[Mapping], path: Path) -> Path:
    """Write the Markdown export to `path` and return it."""
    path.write_text(to_markdown(turns), encoding="utf-8")
    return path


def write_docx(turns: Sequence[Mapping], path: Path) -> Path:
    """Write the conversation as a Word document (same content as the Markdown export) and return `path`."""
    from docx import Document  # python-docx loads only when a trainer exports

    doc = Document()
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(f"Exported {_stamp()}. Every sentence of an answer cites a verbatim passage.")
    for i, t in enumerate(turns, start=1):
        doc.add_heading(f"{i}. {t['question']}", level=1)
        if t.get("error"):
            doc.add_paragraph().add_run(f"Not answered: {t['error']}").italic = True
            continue
        if t.get("resolved_query"):
            doc.add_paragraph().add_run(f"Read as a follow-up: “{t['resolved_query']}”").italic = True
        for para in t["answer"].split("\n"):
            if para.strip():
                style = "List Bullet" if para.startswith("- ") else None
                doc.add_paragraph(para[2:] if style else para, style=style)
        if t.get("citations"):
            doc.add_heading("References", level=2)
            for c in t["citations"]:
                ref = _reference(c)
                p = doc.add_paragraph()
                p.add_run(f"[{c['n']}] ").bold = True
                p.add_run(ref[0])
                doc.add_paragraph(ref[1], style="Quote")
                doc.add_paragraph("\n".join(ref[2:]))
        elif t.get("abstained") and t.get("passages"):
            doc.add_heading("Nearest passages (they do not answer the question)", level=2)
            for p in t["passages"][:3]:
                doc.add_paragraph(f"{p['title']}: “{' '.join(p['text'].split())}”", style="List Bullet")
    doc.save(str(path))
    return path

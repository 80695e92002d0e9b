"""Export a conversation (questions, answers, full references with quotes and addresses) as Markdown or Word."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping, Sequence

from .views import readable

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
                out.append(f"- {p['title']}" + (f" ({_where(p)})" if _where(p) else "") + f": “{readable(p['text'])}”")
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
                doc.add_paragraph(f"{p['title']}: “{readable(p['text'])}”", style="List Bullet")
    doc.save(str(path))
    return path


# --- briefing packs (assistant/briefing.py): the same references, five sections ----------------------------
OVERVIEW_HEADING = "Overview (written by a language model; each sentence checked against the quote it cites)"
PACK_SECTIONS = (("key_points", "Key points"), ("glossary", "Glossary"), ("timeline", "Timeline"),
                 ("people", "Who's who"), ("quiz", "Quiz"))


def _pack_lines(section: str, item: Mapping) -> tuple[str, str]:
    """(lead, text) of one pack item: the bold part and the quoted rest."""
    if section == "glossary":
        return item["term"], item["definition"]
    if section == "timeline":
        return item["date"], item["text"]
    if section == "people":
        return item["name"], item["role"]
    if section == "quiz":
        return item["question"], f"Answer: {item['answer']}"
    return "", item["text"]


def _marks(item: Mapping) -> str:
    return "".join(f"[{n}]" for n in item["citations"])


def pack_to_markdown(pack: Mapping) -> str:
    """A briefing pack (BriefingPack.to_json()) as Markdown: the five sections, then the references."""
    out = [f"# Briefing pack: {pack['topic']}", "",
           f"Prepared {_stamp()}. Every line is a verbatim quote from the indexed sources; [n] points to its reference.", ""]
    if pack.get("overview"):
        out += [f"## {OVERVIEW_HEADING}", "", pack["overview"]["text"], ""]
    for key, heading in PACK_SECTIONS:
        items = pack["sections"][key]
        out += [f"## {heading}", ""]
        if not items:
            out += ["*The sources on this topic give none.*", ""]
            continue
        forum = None
        for i, item in enumerate(items, start=1):
            if key == "key_points" and item.get("forum") != forum:
                forum = item.get("forum")
                out += [f"### {forum}", ""]
            lead, text = _pack_lines(key, item)
            text = " ".join(text.split()) if key != "key_points" else text.replace("\n", " ")
            if key == "quiz":
                out.append(f"{i}. {lead} {_marks(item)}  \n   {text}")
            else:
                out.append(f"- {'**' + lead + '**: ' if lead else ''}{text} {_marks(item)}")
        out.append("")
    out += ["## References", ""]
    for c in pack["citations"]:
        ref = _reference(c)
        out.append(f"{c['n']}. {ref[0]}")
        out += [f"   > {line}" for line in ref[1].split("\n")]
        out += [f"   {ref[2]}"] + ([f"   <{ref[3]}>"] if len(ref) > 3 else [])
    return "\n".join(out).rstrip() + "\n"


def write_pack_markdown(pack: Mapping, path: Path) -> Path:
    """Write a briefing pack as Markdown to `path` and return it."""
    path.write_text(pack_to_markdown(pack), encoding="utf-8")
    return path


def write_pack_docx(pack: Mapping, path: Path) -> Path:
    """Write a briefing pack as a Word document (headings, five sections, references) and return `path`."""
    from docx import Document

    doc = Document()
    # python-docx looks a style up by name on every paragraph (a scan of the styles part each time: seconds for a
    # pack of a few hundred lines), so the ids are resolved once and set on each paragraph directly.
    ids = {name: doc.styles[name].style_id for name in ("List Bullet", "List Number", "Quote")}

    def para(text: str = "", style: str | None = None):
        p = doc.add_paragraph(text)
        if style:
            p._p.get_or_add_pPr().style = ids[style]
        return p

    doc.add_heading(f"Briefing pack: {pack['topic']}", level=0)
    doc.add_paragraph(f"Prepared {_stamp()}. Every line is a verbatim quote from the indexed sources; "
                      "[n] points to its reference.")
    if pack.get("overview"):
        doc.add_heading(OVERVIEW_HEADING, level=1)
        para(pack["overview"]["text"])
    for key, heading in PACK_SECTIONS:
        items = pack["sections"][key]
        doc.add_heading(heading, level=1)
        if not items:
            doc.add_paragraph().add_run("The sources on this topic give none.").italic = True
            continue
        forum = None
        for item in items:
            if key == "key_points" and item.get("forum") != forum:
                forum = item.get("forum")
                doc.add_heading(forum, level=2)
            lead, text = _pack_lines(key, item)
            p = para(style="List Number" if key == "quiz" else "List Bullet")
            if lead:
                p.add_run(lead + (" " if key == "quiz" else ": ")).bold = True
            if key == "quiz":
                p.add_run(_marks(item))
                para(text)
            else:
                p.add_run(" ".join(text.split()) + " " + _marks(item))
    doc.add_heading("References", level=1)
    for c in pack["citations"]:
        ref = _reference(c)
        p = para()
        p.add_run(f"[{c['n']}] ").bold = True
        p.add_run(ref[0])
        para(ref[1], "Quote")
        para("\n".join(ref[2:]))
    doc.save(str(path))
    return path

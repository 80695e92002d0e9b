"""HTML and Markdown views of answers and documents for the chat UI; every source text is escaped here."""
from __future__ import annotations

import html
import re
from typing import Callable, Mapping

from . import languages
from .messages import say

_MD_HEADING_MARK = re.compile(r"(?m)^\s*#{1,6}\s*")


def readable(text: str) -> str:
    """A passage as one line for a preview: Markdown heading marks ("### Article 24") dropped, spaces squeezed."""
    return " ".join(_MD_HEADING_MARK.sub("", text).split())
from .ui_texts import text as ui_text

# Characters that Markdown would turn into formatting inside a quoted source text.
_MARKER = re.compile(r"\[\d+\]")
_MD_SPECIAL = re.compile(r"([\\`*_~])")
_CONTEXT_CHARS = 700  # at most this much paragraph on either side of a cited sentence


def md_escape(text: str, keep_lines: bool = False) -> str:
    """Source text made inert for the chat's Markdown renderer (no HTML, no emphasis)."""
    # Tags become visible text (and inert); emphasis marks are escaped; lists keep their lines if asked.
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return " ".join(text.split())


def safe_url(url: str | None) -> str | None:
    """The address if it is an http(s) link; anything else (javascript:, file:) is not linked."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip(), re.I):
        return url.strip()
    return None


def where(item: Mapping, language: str = languages.ENGLISH) -> str:
    """'section “X”, page N' (in `language`) for a citation or passage, or ''."""
    parts = []
    if item.get("section"):
        parts.append(say("where_section", language, section=item["section"]))
    if item.get("page"):
        parts.append(say("where_page", language, page=item["page"]))
    return ", ".join(parts)


def chat_markdown(answer: Mapping) -> str:
    """The chat message for one answer: the text with its [n] markers, then a short list of references."""
    if answer.get("error"):
        return f"⚠️ {md_escape(answer['error'])}"
    lines = []
    language = languages.detect(answer.get("question") or "")  # the assistant's words follow the question's
    if answer.get("notice"):
        lines += [f"*{say('note', language)}: {md_escape(answer['notice'])}*", ""]
    if answer.get("resolved_query"):
        # Say how a follow-up was read, so the user can tell when it was misread.
        lines += [f"*{say('read_as', language)}: “{md_escape(answer['resolved_query'])}”*", ""]
    # The answer text is quoted from the sources: escape it, but keep its [n] markers readable.
    # A message of two questions is answered under each of them (compound.py): the questions stand out.
    lines += [f"**{line}**\n" if line.endswith("?") and not _MARKER.search(line) and "\n" in answer["answer"] else line
              for line in md_escape(answer["answer"], keep_lines=True).split("\n")]
    if answer.get("citations"):
        lines += ["", f"**{say('sources', language)}**"]
        for c in answer["citations"]:
            lines.append(_reference_line(c, language))
    elif answer.get("abstained") and answer.get("passages"):
        heading, _, rest = say("nearest_heading", language).partition(" (")
        lines += ["", f"**{heading}** ({rest}"]
        for p in answer["passages"][:3]:
            snippet = readable(p["text"])
            snippet = snippet[:200] + ("…" if len(snippet) > 200 else "")
            place = where(p, language)
            lines.append(f"- *{md_escape(p['title'])}*{', ' + md_escape(place) if place else ''}: {md_escape(snippet)}")
    return "\n".join(lines)


def _reference_line(c: Mapping, language: str = languages.ENGLISH) -> str:
    """'- [n] *locator* <url>', or without a locator '- [n] *title* — publisher, date, section, page <url>'."""
    url = safe_url(c.get("url"))
    link = f" <{url}>" if url else ""
    if c.get("locator"):
        # What an official pastes into a note; it already says where (symbol or title, paragraph, page).
        return f"- [{c['n']}] *{md_escape(c['locator'])}*{link}"
    bits = [f"[{c['n']}] *{md_escape(c['title'])}*"]
    if c.get("publisher"):
        bits.append(md_escape(c["publisher"]))
    if c.get("date"):
        bits.append(md_escape(c["date"]))
    if where(c, language):
        bits.append(md_escape(where(c, language)))
    line = "- " + " — ".join(bits[:1]) + (", " + ", ".join(bits[1:]) if len(bits) > 1 else "")
    return line + link


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line(s) around [start, end) in `text`, trimmed to at most _CONTEXT_CHARS on each side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    left = max(left, start - _CONTEXT_CHARS)
    right = min(right, end + _CONTEXT_CHARS)
    return left, right


def highlighted(text: str, start: int, end: int, mark_id: str | None = None) -> str:
    """Escaped `text` with the range [start, end) wrapped in <mark>."""
    attr = f' id="{html.escape(mark_id)}"' if mark_id else ""
    return (html.escape(text[:start]) + f"<mark{attr}>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:]))


def _meta_html(item: Mapping, language: str = languages.ENGLISH) -> str:
    bits = [html.escape(str(item[k])) for k in ("publisher", "date") if item.get(k)]
    # With a locator on the heading line, the page is already there: only the section is added here.
    place = where({"section": item.get("section")}, language) if item.get("locator") else where(item, language)
    if place:
        bits.append(html.escape(place))
    link = ""
    url = safe_url(item.get("url"))
    if url:
        link = (f'<div class="cd-link"><a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">'
                f'{html.escape(url)}</a></div>')
    return f'<div class="cd-meta">{" · ".join(bits)}</div>{link}'


def sources_html(answer: Mapping | None, document_text: Callable[[str], str | None],
                 ui_language: str = languages.ENGLISH) -> str:
    """The numbered sources of one answer, each with its cited sentence highlighted in its paragraph.

    Around an answer the words follow its question's language; with no answer, the caption is in `ui_language`.
    """
    if not answer:
        return f'<div class="cd-empty">{ui_text("sources_empty", ui_language)}</div>'
    if answer.get("error"):
        return f'<div class="cd-empty">{html.escape(answer["error"])}</div>'
    cards = []
    language = languages.detect(answer["question"])
    if answer.get("citations"):
        for c in answer["citations"]:
            cards.append(_card(f"[{c['n']}]", c, c["start"], c["end"], c["quote"], document_text(c["source"]),
                               language=language))
        head = f'<div class="cd-head">{say("sources_of", language)}: “{html.escape(answer["question"])}”</div>'
    else:
        head = ('<div class="cd-head cd-abstain">'
                f'{say("no_answer_head", language, asked=html.escape(answer["question"]))}</div>')
        for i, p in enumerate(answer.get("passages", [])[:5], start=1):
            cards.append(_card(say("passage", language, n=str(i)), p, p["start"], p["end"], p["text"], None,
                               mark=False, language=language))
    return head + "".join(cards)


def _card(label: str, item: Mapping, start: int, end: int, quote: str, text: str | None, mark: bool = True,
          language: str = languages.ENGLISH) -> str:
    if text is not None and text[start:end] == quote:
        left, right = paragraph_bounds(text, start, end)
        body = (("… " if left > 0 and text[left - 1] != "\n" else "") + highlighted(text[left:right], start - left, end - left)
                + (" …" if right < len(text) and text[right] != "\n" else ""))
    elif mark:
        body = f"<mark>{html.escape(quote)}</mark>"
    else:
        body = html.escape(quote)
    n = f'<span class="cd-n">{html.escape(label)}</span> '
    if item.get("locator"):
        # The locator heads the card (what to cite); the document's title comes beneath it.
        head = (f'<div class="cd-title cd-locator">{n}{html.escape(item["locator"])}</div>'
                f'<div class="cd-doc-title">{html.escape(item["title"])}</div>')
    else:
        head = f'<div class="cd-title">{n}{html.escape(item["title"])}</div>'
    return (f'<div class="cd-card">{head}{_meta_html(item, language)}'
            f'<blockquote class="cd-quote">{body}</blockquote></div>')


def document_html(text: str | None, meta: Mapping, start: int | None = None, end: int | None = None,
                  ui_language: str = languages.ENGLISH) -> str:
    """The whole document, escaped, with the cited range highlighted (id="cd-cited" to scroll to).

    `meta` holds the document's source, title, publisher, date and url, and the citation's `locator` if any;
    the captions are in `ui_language`.
    """
    if text is None:
        return f'<div class="cd-empty">{ui_text("doc_not_indexed", ui_language)}</div>'
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = highlighted(text, start, end, mark_id="cd-cited")
    else:
        body = html.escape(text)
    locator = meta.get("locator")
    cited = (f'<div class="cd-meta cd-locator">{ui_text("doc_cited", ui_language, locator=html.escape(locator))}</div>'
             if locator else "")
    return (f'<div class="cd-doc-head"><div class="cd-title">{html.escape(meta.get("title") or meta.get("source", ""))}'
            f'</div>{_meta_html(meta, ui_language)}{cited}'
            f'<div class="cd-meta">{html.escape(meta.get("source", ""))}</div></div>'
            f'<div class="cd-doc">{body}</div>')


def pack_html(pack: Mapping | None, ui_language: str = languages.ENGLISH) -> str:
    """A briefing pack (BriefingPack.to_json()) as HTML: the five sections with [n] marks, then the references;
    its headings in `ui_language`."""
    t = lambda key, **values: ui_text(key, ui_language, **values)  # noqa: E731
    if not pack:
        return f'<div class="cd-empty">{t("pack_empty")}</div>'
    e = html.escape
    quotes = {c["n"]: c for c in pack["citations"]}

    def marks(item: Mapping) -> str:
        return " ".join(f'<a class="cd-n" href="#cd-ref-{n}">[{n}]</a>' for n in item["citations"])

    out = [f'<div class="cd-pack"><h2>{t("pack_title", topic=e(pack["topic"]))}</h2>']
    if pack.get("overview"):
        text = re.sub(r"\[(\d+)\]", r'<a class="cd-n" href="#cd-ref-\1">[\1]</a>', e(pack["overview"]["text"]))
        out.append(f'<h3 id="cd-pack-overview">{t("pack_overview")} <span class="cd-meta">{t("pack_overview_note")}'
                   f'</span></h3><p>{text}</p>')
    for key in ("key_points", "glossary", "timeline", "people", "quiz"):
        items = pack["sections"][key]
        out.append(f'<h3 id="cd-pack-{key}">{t("pack_" + key)} ({len(items)})</h3>')
        if not items:
            out.append(f'<div class="cd-empty">{t("pack_none")}</div>')
            continue
        out.append("<ol>" if key == "quiz" else "<ul>")
        forum = None
        for item in items:
            if key == "key_points" and item.get("forum") != forum:
                forum = item.get("forum")
                out.append(f'<li class="cd-head">{e(forum)}</li>')
            if key == "key_points":
                body = e(item["text"])
            elif key == "glossary":
                body = f'<b>{e(item["term"])}</b>: {e(" ".join(item["definition"].split()))}'
            elif key == "timeline":
                body = f'<b>{e(item["date"])}</b>: {e(item["text"])}'
            elif key == "people":
                body = f'<b>{e(item["name"])}</b>: {e(item["role"])}'
            else:
                body = f'{e(item["question"])}<br><i>{t("pack_answer", answer=e(item["answer"]))}</i>'
            out.append(f"<li>{body} {marks(item)}</li>")
        out.append("</ol>" if key == "quiz" else "</ul>")
    out.append(f"<h3>{t('pack_references')}</h3><ol>")
    for n, c in quotes.items():
        out.append(f'<li id="cd-ref-{n}" value="{n}"><span class="cd-title">{e(c.get("locator") or c["title"])}</span>'
                   f'<div class="cd-quote">{e(c["quote"])}</div></li>')
    out.append("</ol></div>")
    return "\n".join(out)

"""Gradio chat front end for officials and trainers (the only module that imports gradio)."""
from __future__ import annotations

import os

# Before gradio is imported: no usage analytics and no version look-ups to outside hosts.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import atexit  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import JSONResponse  # noqa: E402

from . import examples, export, views  # noqa: E402
from .ui_texts import (ENGLISH, UI_LANGUAGES, count, error as error_text, from_accept_language,  # noqa: E402
                       language as ui_language, text)
from .errors import AssistantError, ConfigError  # noqa: E402
from .incidents import report_internal  # noqa: E402
from .service import Assistant, Filters  # noqa: E402

TITLE = text("title")  # the browser tab's; the page's own title follows the UI language
MAX_FEEDBACK_ANSWER_CHARS = 200_000
# System fonts only: the default theme would fetch web fonts.
THEME = gr.themes.Default(
    primary_hue="blue", neutral_hue="slate",
    font=("system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"),
    font_mono=("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"),
)
CSS = """
.cd-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px; margin: 8px 0; }
.cd-title { font-weight: 600; }
.cd-n { color: var(--color-accent); font-weight: 700; }
.cd-doc-title { font-size: 0.92em; }
.cd-meta { font-size: 0.88em; color: var(--body-text-color-subdued); }
.cd-link a { font-size: 0.85em; word-break: break-all; }
.cd-quote { margin: 8px 0 0 0; padding-left: 10px; border-left: 3px solid var(--border-color-primary); white-space: pre-wrap; }
.cd-head { font-weight: 600; margin-bottom: 4px; }
.cd-abstain { color: #9a3412; }
.cd-empty { color: var(--body-text-color-subdued); padding: 8px 0; }
.cd-doc { white-space: pre-wrap; max-height: 62vh; overflow-y: auto; padding: 8px 12px; line-height: 1.5;
          border: 1px solid var(--border-color-primary); border-radius: 8px; margin-top: 8px; }
.cd-pack h3 { margin-top: 14px; }
.cd-pack li { margin: 4px 0; }
.cd-pack li.cd-head { list-style: none; margin: 8px 0 2px -1em; }
mark { background: #fde68a; color: inherit; padding: 0 1px; }
#index-status { font-size: 0.9em; }
"""
SCROLL_TO_CITED = """() => { setTimeout(() => {
  const m = document.querySelector('#doc-view #cd-cited');
  if (m) m.scrollIntoView({block: 'center'});
}, 150); }"""


# The page's language and tab title follow the UI language (for screen readers, spelling, bookmarks).
SET_PAGE_LANGUAGE = """(lang) => {
  const titles = %s;
  document.documentElement.lang = lang === "bcs" ? "bs" : lang;
  if (titles[lang]) document.title = titles[lang];
}""" % json.dumps({code: text("title", code) for code in UI_LANGUAGES}, ensure_ascii=False)


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """('user', 'password') from 'user:password'; ConfigError when malformed."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError("auth must look like user:password (both parts non-empty)")
    return user, password


def status_markdown(assistant: Assistant, lang: str = ENGLISH) -> str:
    """One line saying what the index holds, when it was built and with which model (in the UI language)."""
    try:
        s = assistant.status().to_json()
    except AssistantError as exc:
        return f"⚠️ {exc}"
    built = (s.get("built_at") or "?")[:16].replace("T", " ")
    updated = (s.get("updated_at") or "")[:16].replace("T", " ")
    model = str(s.get("embedding_model") or "?").removeprefix("bundled:")
    backend = assistant.settings.backend
    answers = (text("backend_extractive", lang) if backend == "extractive"
               else text("backend_llm", lang, backend=backend))
    return (f"**{text('status_index', lang)}:** {count('n_documents', s['documents'], lang)}, "
            f"{count('n_passages', s['chunks'], lang)} · {text('status_built', lang, when=built)}"
            + (f" · {text('status_updated', lang, when=updated)}" if updated and updated != built else "")
            + f" · {text('status_model', lang, model=model)} · {text('status_answers', lang, backend=answers)}")


def _header_markdown(lang: str) -> str:
    return f"# {text('title', lang)}\n{text('intro', lang)}"


def _history(turns: list[dict]) -> list[str]:
    """The earlier questions as retrieval saw them (follow-ups already resolved), oldest first."""
    return [t.get("resolved_query") or t["question"] for t in turns if not t.get("error")]


def _doc_choices(turn: dict | None, lang: str = ENGLISH) -> list[tuple[str, str]]:
    """Dropdown entries for the passages of one answer; values are looked up server-side, never paths."""
    if not turn or turn.get("error"):
        return []
    if turn.get("citations"):
        return [(f"[{c['n']}] {c['locator']}" if c.get("locator") else
                 f"[{c['n']}] {c['title']}" + (f" — {c['section']}" if c.get("section") else ""), f"c{i}")
                for i, c in enumerate(turn["citations"])]
    return [(text("passage_choice", lang, n=i + 1, title=p["title"])
             + (f" — {p['section']}" if p.get("section") else ""), f"p{i}")
            for i, p in enumerate(turn.get("passages", [])[:5])]


# Exports are rewritten after every answer: keep them in one folder of this process, drop those older than
# an hour on the way, and the folder at exit, so a long-running server does not fill the disk.
_EXPORT_ROOT = Path(tempfile.gettempdir()) / f"assistant-exports-{os.getpid()}"
_EXPORT_MAX_AGE_S = 3600
atexit.register(shutil.rmtree, _EXPORT_ROOT, True)


def _exports(turns: list[dict]) -> tuple[str, str]:
    """Fresh Markdown and Word files of the conversation, in a private temporary folder."""
    folder = _export_folder()
    md = export.write_markdown(turns, folder / "cyber-diplomacy-conversation.md")
    docx = export.write_docx(turns, folder / "cyber-diplomacy-conversation.docx")
    return str(md), str(docx)


def _pack_exports(pack: dict) -> tuple[str, str]:
    """Markdown and Word files of a briefing pack, in a private temporary folder."""
    folder = _export_folder()
    md = export.write_pack_markdown(pack, folder / "briefing-pack.md")
    docx = export.write_pack_docx(pack, folder / "briefing-pack.docx")
    return str(md), str(docx)


def _export_folder() -> Path:
    """A new private folder for export files (those older than an hour are removed on the way)."""
    _EXPORT_ROOT.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - _EXPORT_MAX_AGE_S
    for old in _EXPORT_ROOT.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except FileNotFoundError:  # another request removed it first
            continue
    return Path(tempfile.mkdtemp(prefix="export-", dir=_EXPORT_ROOT))


def build(assistant: Assistant, example_questions: list[str] | None = None) -> gr.Blocks:
    """The chat app: conversation, sources panel, document view, filters, export, feedback and the /ask API."""
    if example_questions is None:
        example_questions = examples.suggest(assistant)
    try:
        records = assistant.status().sources
    except AssistantError:
        records = ()
    source_choices = [(f"{r.meta.title} ({r.source})", r.source) for r in records]
    publisher_choices = sorted({r.meta.publisher for r in records if r.meta.publisher})
    meta_by_source = {r.source: r.meta for r in records}

    def meta_of(source: str) -> dict:
        m = meta_by_source.get(source)
        return {"source": source, "title": m.title if m else source, "publisher": m and m.publisher,
                "date": m and m.date, "url": m and m.url}

    def panel(turn: dict | None, lang: str):
        return (views.sources_html(turn, assistant.document_text, lang),
                gr.Dropdown(choices=_doc_choices(turn, lang), value=None))

    def respond(message, turns, chat, sources, publishers, lang):
        lang = ui_language(lang)
        message = (message or "").strip()
        if not message:
            gr.Warning(text("warn_no_question", lang))
            yield (gr.skip(),) * 8
            return
        chat = list(chat or []) + [{"role": "user", "content": views.md_escape(message)},
                                   {"role": "assistant", "content": f"*{text('searching', lang)}*"}]
        yield (chat, "") + (gr.skip(),) * 6
        filters = Filters(tuple(sources or ()), tuple(publishers or ()))
        deltas: list[str] = []
        turn = {"question": message, "error": "no answer was produced"}
        streams = False
        try:
            streams = assistant.streams  # LLM backends stream
            for item in assistant.ask_stream(message, filters=filters, history=_history(turns)):
                if isinstance(item, str):  # validated text as the answerer produces it
                    deltas.append(item)
                    if streams:
                        partial = views.md_escape("".join(deltas), keep_lines=True)
                        chat[-1] = {"role": "assistant", "content": partial + " …"}
                        yield (chat,) + (gr.skip(),) * 7
                else:
                    turn = item.to_json()
        except AssistantError as exc:
            turn = {"question": message, "error": error_text(exc, lang)}
        except Exception as exc:  # a bug: one line in the chat, the traceback in the log
            error = report_internal(exc, assistant.settings.data_dir, "chat", public=True)
            turn = {"question": message, "error": error}
        full = views.chat_markdown(turn)  # authoritative: an LLM answer that fell back differs from its deltas
        if not streams:
            # The extractive answer comes in one piece: reveal it a few words at a time.
            words = full.split(" ")
            for i in range(12, len(words), 12):
                chat[-1] = {"role": "assistant", "content": " ".join(words[:i]) + " …"}
                yield (chat,) + (gr.skip(),) * 7
                time.sleep(0.03)
        chat[-1] = {"role": "assistant", "content": full}
        turns = list(turns) + [turn]
        md_path, docx_path = _exports(turns)
        html, pick = panel(turn, lang)
        yield (chat, gr.skip(), turns, html, pick, gr.DownloadButton(value=md_path, interactive=True),
               gr.DownloadButton(value=docx_path, interactive=True), len(turns) - 1)

    def show_turn(turns, lang, evt: gr.SelectData):
        i = evt.index if isinstance(evt.index, int) else evt.index[0]
        turn = turns[i // 2] if 0 <= i // 2 < len(turns) else None
        html, pick = panel(turn, ui_language(lang))
        return html, pick, gr.Tabs(selected="sources"), (i // 2 if turn else None)

    def open_document(choice, turns, shown, lang):
        turn = turns[shown] if shown is not None and 0 <= shown < len(turns) else None
        if not choice or not turn:
            return gr.skip(), gr.skip(), gr.skip()
        # `shown` is the answer whose sources are on screen, so the choice indexes its citations.
        items = turn.get("citations") if choice.startswith("c") else turn.get("passages", [])
        try:
            item = items[int(choice[1:])]
        except (ValueError, IndexError, TypeError):
            return gr.skip(), gr.skip(), gr.skip()
        opened = {"source": item["source"], "locator": item.get("locator"), "start": item["start"], "end": item["end"]}
        return document_view(opened, lang), gr.Tabs(selected="document"), opened

    def document_view(opened: dict | None, lang: str) -> str:
        """The document tab: the opened source at its cited range, or what to do to open one."""
        if not opened:
            return f'<div class="cd-empty">{text("doc_empty", ui_language(lang))}</div>'
        meta = {**meta_of(opened["source"]), "locator": opened.get("locator")}  # passages have none
        return views.document_html(assistant.document_text(opened["source"]), meta, opened["start"], opened["end"],
                                   ui_language(lang))

    def rate(turns, lang, data: gr.LikeData):
        lang = ui_language(lang)
        i = data.index if isinstance(data.index, int) else data.index[0]
        if not 0 <= i // 2 < len(turns):
            return gr.skip(), gr.skip()
        rating = "up" if data.liked else "down"
        try:
            entry = assistant.record_feedback(rating, turns[i // 2])
        except AssistantError as exc:
            gr.Warning(error_text(exc, lang))
            return gr.skip(), gr.skip()
        gr.Info(text("feedback_saved", lang, rating="👍" if rating == "up" else "👎"))
        return {"id": entry["id"], "rating": rating, "turn": i // 2}, gr.Row(visible=True)

    def comment(note, pending, turns, lang):
        lang = ui_language(lang)
        if not pending:
            return gr.skip(), gr.skip(), gr.skip()
        try:
            assistant.record_feedback(pending["rating"], turns[pending["turn"]], note, feedback_id=pending["id"])
        except AssistantError as exc:
            gr.Warning(error_text(exc, lang))
            return gr.skip(), gr.skip(), gr.skip()
        gr.Info(text("comment_saved", lang))
        return "", None, gr.Row(visible=False)

    def clear(lang):
        html, pick = panel(None, ui_language(lang))
        return ([], [], html, pick, gr.DownloadButton(value=None, interactive=False),
                gr.DownloadButton(value=None, interactive=False), None, gr.Row(visible=False), None)

    def prepare(topic, sources, publishers, lang):
        """Prepare materials: a cited briefing pack on the topic, shown and offered as Markdown and Word."""
        lang = ui_language(lang)
        topic = (topic or "").strip()
        if not topic:
            gr.Warning(text("warn_no_topic", lang))
            return (gr.skip(),) * 4
        try:
            pack = assistant.brief(topic, Filters(tuple(sources or ()), tuple(publishers or ()))).to_json()
        except AssistantError as exc:
            gr.Warning(error_text(exc, lang))
            return (gr.skip(),) * 4
        md_path, docx_path = _pack_exports(pack)
        return (views.pack_html(pack, lang), gr.DownloadButton(value=md_path, interactive=True),
                gr.DownloadButton(value=docx_path, interactive=True), pack)

    def brief_api(topic: str, sources: list[str] | None = None, publishers: list[str] | None = None) -> dict:
        """A briefing pack on a topic ('all' for the whole index): the same JSON as `assistant brief --json`."""
        try:
            return assistant.brief(topic, Filters(tuple(sources or ()), tuple(publishers or ()))).to_json()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None

    # --- the named API: same JSON as `assistant ask --json` -------------------------------------------
    def ask(question: str, history: list[str] | None = None, sources: list[str] | None = None,
            publishers: list[str] | None = None, top_k: int | None = None) -> dict:
        """Answer a question from the indexed sources; `history` holds the earlier questions, oldest first."""
        try:
            return assistant.ask(question, top_k=top_k, filters=Filters(tuple(sources or ()), tuple(publishers or ())),
                                 history=list(history or [])).to_json()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
        except Exception as exc:  # a bug: one line to the caller, the traceback in the log
            raise gr.Error(report_internal(exc, assistant.settings.data_dir, "/ask", public=True)) from None

    def rate_api(rating: str, answer: dict, comment: str = "") -> dict:
        """Save thumbs up/down ('up' or 'down') with an optional comment on an answer returned by /ask."""
        if len(json.dumps(answer, ensure_ascii=False)) > MAX_FEEDBACK_ANSWER_CHARS:
            raise gr.Error("the answer is too large to be one returned by /ask")
        try:
            return assistant.record_feedback(rating, answer, comment)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None

    def source_api(source: str, start: int | None = None, end: int | None = None) -> str:
        """The escaped text of an indexed document as HTML, with [start, end) highlighted."""
        return views.document_html(assistant.document_text(source), meta_of(source), start, end)

    def chrome(lang: str, turns: list[dict], shown: int | None, opened: dict | None, pack: dict | None) -> tuple:
        """Every fixed text of the page in `lang`, and the panels re-rendered with it (in `chrome_outputs` order)."""
        lang = ui_language(lang)
        turn = turns[shown] if shown is not None and 0 <= shown < len(turns) else None
        button = lambda key: gr.update(value=text(key, lang))  # noqa: E731
        label = lambda key: gr.update(label=text(key, lang))  # noqa: E731
        return (
            gr.update(value=lang, label=text("language", lang)),
            _header_markdown(lang), status_markdown(assistant, lang),
            gr.update(label=text("chat_label", lang), placeholder=text("chat_placeholder", lang)),
            gr.update(placeholder=text("question_placeholder", lang)), button("ask"),
            label("comment_label"), button("comment_send"),
            label("filters"), label("filter_sources"), label("filter_publishers"),
            button("new_chat"), label("export_md"), label("export_docx"),
            label("tab_sources"), label("tab_document"),
            views.sources_html(turn, assistant.document_text, lang),
            gr.update(label=text("doc_pick", lang), choices=_doc_choices(turn, lang)),
            document_view(opened, lang),
            label("materials"), gr.update(placeholder=text("pack_topic", lang)), button("pack_generate"),
            label("pack_md"), label("pack_docx"), views.pack_html(pack, lang),
        )

    def on_load(turns, shown, opened, pack, request: gr.Request):
        """A new page: the UI in the browser's language (Accept-Language), English if it asks for none we have."""
        return chrome(from_accept_language(request.headers.get("accept-language") if request else None),
                      turns, shown, opened, pack)

    en = ENGLISH  # the page as built; each session switches to its language on load
    # Gradio copies every served file into its cache; drop copies older than an hour, hourly.
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        with gr.Row(equal_height=False, elem_id="header-row"):
            header = gr.Markdown(_header_markdown(en), elem_id="header")
            language = gr.Dropdown([(name, code) for code, name in UI_LANGUAGES.items()], value=en,
                                   label=text("language", en), scale=0, min_width=270, elem_id="ui-language",
                                   interactive=True)
        status = gr.Markdown(status_markdown(assistant, en), elem_id="index-status")
        turns = gr.State([])
        pending = gr.State(None)
        shown = gr.State(None)  # index of the answer whose sources the panel shows
        opened = gr.State(None)  # the source (and cited range) the document tab shows
        pack_state = gr.State(None)  # the briefing pack on screen
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label=text("chat_label", en), elem_id="chat", height=540, buttons=["copy", "copy_all"],
                    feedback_options=("Like", "Dislike"), layout="bubble",
                    examples=[{"text": q} for q in example_questions],
                    placeholder=text("chat_placeholder", en),
                )
                with gr.Row():
                    question = gr.Textbox(placeholder=text("question_placeholder", en),
                                          show_label=False, scale=8, elem_id="question", max_lines=4)
                    send = gr.Button(text("ask", en), variant="primary", scale=1, elem_id="ask")
                with gr.Row(visible=False, elem_id="comment-row") as comment_row:
                    comment_box = gr.Textbox(label=text("comment_label", en), scale=8, elem_id="fb-comment")
                    comment_send = gr.Button(text("comment_send", en), scale=1, elem_id="fb-send")
                with gr.Accordion(text("filters", en), open=False, elem_id="filters") as filters:
                    source_filter = gr.CheckboxGroup(source_choices, label=text("filter_sources", en),
                                                     elem_id="filter-sources")
                    publisher_filter = gr.CheckboxGroup(publisher_choices, label=text("filter_publishers", en),
                                                        elem_id="filter-publishers")
                with gr.Row():
                    new_chat = gr.Button(text("new_chat", en), size="sm", elem_id="new-chat")
                    md_button = gr.DownloadButton(text("export_md", en), size="sm", interactive=False,
                                                  elem_id="export-md")
                    docx_button = gr.DownloadButton(text("export_docx", en), size="sm", interactive=False,
                                                    elem_id="export-docx")
            with gr.Column(scale=2):
                with gr.Tabs(selected="sources") as tabs:
                    with gr.Tab(text("tab_sources", en), id="sources", elem_id="tab-sources") as sources_tab:
                        sources_panel = gr.HTML(views.sources_html(None, assistant.document_text, en),
                                                elem_id="sources-panel", js_on_load=None)
                        doc_pick = gr.Dropdown([], label=text("doc_pick", en), elem_id="doc-pick", interactive=True)
                    with gr.Tab(text("tab_document", en), id="document", elem_id="tab-document") as document_tab:
                        doc_view = gr.HTML(document_view(None, en), elem_id="doc-view", js_on_load=None)

        with gr.Accordion(text("materials", en), open=False, elem_id="materials") as materials:
            with gr.Row():
                pack_topic = gr.Textbox(placeholder=text("pack_topic", en), scale=6,
                                        show_label=False, elem_id="pack-topic")
                pack_go = gr.Button(text("pack_generate", en), variant="primary", scale=1, min_width=230,
                                    elem_id="pack-generate")
                pack_md = gr.DownloadButton(text("pack_md", en), size="sm", interactive=False, elem_id="pack-md")
                pack_docx = gr.DownloadButton(text("pack_docx", en), size="sm", interactive=False,
                                              elem_id="pack-docx")
            pack_view = gr.HTML(views.pack_html(None, en), elem_id="pack-view")

        private = {"api_visibility": "private"}
        chrome_outputs = [language, header, status, chatbot, question, send, comment_box, comment_send,
                          filters, source_filter, publisher_filter, new_chat, md_button, docx_button,
                          sources_tab, document_tab, sources_panel, doc_pick, doc_view,
                          materials, pack_topic, pack_go, pack_md, pack_docx, pack_view]
        chrome_inputs = [turns, shown, opened, pack_state]
        answer_outputs = [chatbot, question, turns, sources_panel, doc_pick, md_button, docx_button, shown]
        answer_inputs = [question, turns, chatbot, source_filter, publisher_filter, language]
        for trigger in (question.submit, send.click):
            trigger(respond, answer_inputs, answer_outputs, **private)
        chatbot.example_select(_example_text, None, question, **private).then(
            respond, answer_inputs, answer_outputs, **private)
        chatbot.select(show_turn, [turns, language], [sources_panel, doc_pick, tabs, shown], **private)
        chatbot.like(rate, [turns, language], [pending, comment_row], **private)
        for trigger in (comment_send.click, comment_box.submit):
            trigger(comment, [comment_box, pending, turns, language], [comment_box, pending, comment_row], **private)
        doc_pick.input(open_document, [doc_pick, turns, shown, language], [doc_view, tabs, opened], **private).then(
            None, None, None, js=SCROLL_TO_CITED, **private)
        new_chat.click(clear, [language], [chatbot, turns, sources_panel, doc_pick, md_button, docx_button, pending,
                                           comment_row, shown], **private)
        for trigger in (pack_go.click, pack_topic.submit):  # same source and publisher filters as the chat
            trigger(prepare, [pack_topic, source_filter, publisher_filter, language],
                    [pack_view, pack_md, pack_docx, pack_state], **private)
        language.input(chrome, [language, *chrome_inputs], chrome_outputs, **private).then(
            None, [language], None, js=SET_PAGE_LANGUAGE, **private)
        demo.load(on_load, chrome_inputs, chrome_outputs, **private).then(
            None, [language], None, js=SET_PAGE_LANGUAGE, **private)
        gr.api(ask, api_name="ask")
        gr.api(rate_api, api_name="feedback")
        gr.api(source_api, api_name="source")
        gr.api(brief_api, api_name="brief")
    return demo


def _example_text(evt: gr.SelectData) -> str:
    return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)


def launch(assistant: Assistant, block: bool = True, example_questions: list[str] | None = None) -> gr.Blocks:
    """Start the UI on the configured host and port (127.0.0.1 by default; never a share link)."""
    s = assistant.settings
    auth = parse_auth(s.auth)
    demo = build(assistant, example_questions)
    demo.queue(default_concurrency_limit=4).launch(
        server_name=s.host, server_port=s.port, share=False, auth=auth,
        auth_message="Cyber diplomacy assistant: sign in" if auth else None,
        show_error=False, footer_links=["api", "settings"], ssr_mode=False, pwa=False, mcp_server=False,
        enable_monitoring=False, prevent_thread_lock=not block, theme=THEME, css=CSS,
        quiet=False, app_kwargs={"middleware": [Middleware(QueueRoutesNeedLogin)]},
    )
    return demo


class QueueRoutesNeedLogin:
    """With auth on, Gradio still leaves its queue control routes (cancel, reset, stream, heartbeat) open: close them."""

    ROUTES = ("/gradio_api/cancel", "/gradio_api/reset", "/gradio_api/stream/", "/gradio_api/heartbeat/")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        app = scope.get("app")  # the Gradio app, set by Starlette before its middleware runs
        if scope["type"] == "http" and scope["path"].startswith(self.ROUTES) and getattr(app, "auth", None):
            cookies = Request(scope).cookies
            token = (cookies.get(f"access-token-{app.cookie_id}")
                     or cookies.get(f"access-token-unsecure-{app.cookie_id}"))
            if app.tokens.get(token) is None:
                await JSONResponse({"detail": "Not authenticated"}, status_code=401)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def serve(assistant: Assistant) -> None:
    """Launch the UI and block until interrupted (what `assistant serve` runs)."""
    launch(assistant, block=True)

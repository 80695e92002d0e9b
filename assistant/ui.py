"""Gradio chat front end (the only module that imports gradio)."""
from __future__ import annotations

import gradio as gr

from .errors import AssistantError
from .service import Assistant


def _render(answer) -> str:
    lines = [answer.text]
    if answer.citations:
        lines.append("\n**Sources**")
        for c in answer.citations:
            lines.append(f"[{c.n}] *{c.title}* — {c.section or ''}: “{c.quote}”")
    return "\n".join(lines)


def build(assistant: Assistant) -> gr.Blocks:
    """A minimal chat: question in, cited answer out."""

    def respond(message: str, history: list) -> str:
        try:
            return _render(assistant.ask(message))
        except AssistantError as exc:
            return f"⚠️ {exc}"

    with gr.Blocks(title="Cyber diplomacy assistant", analytics_enabled=False) as demo:
        gr.ChatInterface(respond, api_name="chat")
    return demo


def serve(assistant: Assistant) -> None:
    """Launch the UI on the configured host and port (never a share link)."""
    s = assistant.settings
    build(assistant).launch(server_name=s.host, server_port=s.port, share=False, show_error=False)

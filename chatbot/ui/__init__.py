"""The browser app: chat with cited answers, the sources beside them, the document library, settings.

All answering happens in Engine (answer.py), all changes to the documents folder in library.py; the tabs
here only call them and format (render.py builds every piece of HTML, with all text escaped). This module
only assembles the tabs: chat.py, library_tab.py, settings_tab.py; server.py launches the app.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no telemetry

import gradio as gr  # noqa: E402

from ..answer import Engine  # noqa: E402
from ..settings import Settings  # noqa: E402
from .chat import ChatTab  # noqa: E402
from .context import Context  # noqa: E402
from .library_tab import LibraryTab  # noqa: E402
from .server import ANSWER_SLOTS, launch, serve  # noqa: E402
from .settings_tab import SettingsTab  # noqa: E402

__all__ = ["ANSWER_SLOTS", "TITLE", "build_app", "launch", "serve"]

TITLE = "Chatbot — answers from your documents"


def build_app(engine: Engine, settings: Settings) -> gr.Blocks:
    """The Gradio Blocks app over an engine (which holds the index, embedder and generator)."""
    ctx = Context(engine, settings)
    chat, library, options = ChatTab(ctx), LibraryTab(ctx), SettingsTab(ctx)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        chat.build_state()
        gr.Markdown("### Ask your documents\nAnswers come only from the indexed articles, with the sentences "
                    "that support them. Click a [n] marker to see its source.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat.build()
            with gr.Tab("Library", id="library"):
                library.build()
            with gr.Tab("Settings", id="settings"):
                options.build()
        chat.wire(top_k=options.top_k)
        library.wire(stats=options.stats)
        options.wire()
        demo.load(chat.restore, chat.saved, [chat.chat, chat.turns, chat.sources, chat.earlier],
                  api_visibility="private").then(  # a restored conversation can be taken away at once
            chat.export, chat.turns, [chat.export_md, chat.download], api_visibility="private")
        demo.load(library.refresh, None, [library.library, library.doc_pick, options.stats],
                  api_visibility="private")
        demo.load(options.models_dropdown, None, options.model, api_visibility="private")
        options.model.focus(options.models_dropdown, None, options.model, api_visibility="private", queue=False)
    demo.rebuilder = ctx.rebuilder  # type: ignore[attr-defined]  # for tests and serve()
    return demo

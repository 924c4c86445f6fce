"""The Chat tab: ask, stream the verified answer, stop it, and show its sources and the cited article."""

from __future__ import annotations

import queue
import secrets
import tempfile
import threading
import time
import traceback
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from ..answer import Engine, Result
from ..errors import ChatbotError
from . import history
from .assets import FOCUS_QUESTION_JS, SCROLL_TO_HIT_JS, SOURCES_JS
from .context import Context
from .export import answer_markdown, conversation_markdown
from .render import EMPTY_SOURCES, EMPTY_VIEWER, esc, render_article, render_chat, render_sources

MAX_TURNS = 30  # turns kept in a session (older ones drop out of the chat and the sources panel)


def history_pairs(turns: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(question, answer) of the answered turns, oldest first: the context for a follow-up question."""
    return [(t["question"], t["answer"]) for t in turns
            if t.get("done") and t.get("answer") and t.get("mode") != "abstained"]


def turn_of(result: Result) -> dict[str, Any]:
    return result.to_dict()


def _answer_worker(engine: Engine, question: str, history: list[tuple[str, str]], k: int,
                   stop: threading.Event, out: queue.Queue[tuple[str, Any]]) -> None:
    """Run engine.stream in this thread, passing each Result (then "end", or the error) to `out`."""
    stream = engine.stream(question, history, k=k, stop=stop)
    try:
        for result in stream:
            out.put(("result", result))
            if stop.is_set() and not result.done:
                break
        out.put(("end", None))
    except Exception as e:
        out.put(("error", e))
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _session(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or ""  # '' for API callers without a session


class ChatTab:
    """The chat's callbacks and components; build() lays the tab out, wire() connects its events."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # session -> the Stop signal of its question: made when Send is pressed (so a Stop also reaches a
        # question still waiting in the queue), moved to `running` when the question starts.
        self.sent: dict[str, threading.Event] = {}
        self.running: dict[str, threading.Event] = {}
        self.exports: tempfile.TemporaryDirectory[str] | None = None

    # -- callbacks -------------------------------------------------------------------------------

    def begin(self, request: gr.Request) -> tuple[Any, ...]:
        """Send pressed: lock the question box until the answer is over (nothing sent meanwhile is lost)."""
        session = _session(request)
        if session:
            self.sent[session] = threading.Event()
        return gr.Textbox(interactive=False), gr.Button(interactive=False), gr.Button(interactive=True)

    def end(self) -> tuple[Any, ...]:
        return gr.Textbox(interactive=True), gr.Button(interactive=True), gr.Button(interactive=False)

    def ask(self, question: str, k: float, turns: list[dict[str, Any]] | None,
            request: gr.Request) -> Iterator[tuple[Any, ...]]:
        """Stream the answer: (chat, question box, sources, details, turns) after each verified sentence.

        engine.stream runs in a worker thread; this generator only waits for its results, so a Stop (or
        a closed page) is acted on at once: the answer so far is shown as stopped, this event ends
        normally, and the worker's model stops at its next token.
        """
        turns = list(turns or [])[-MAX_TURNS:]
        question = (question or "").strip()
        if not question:
            gr.Warning("Type a question about your documents.")
            yield render_chat(turns), "", gr.skip(), gr.skip(), turns
            return
        current: dict[str, Any] = {"question": question, "answer": "", "mode": "pending", "citations": [],
                                   "done": False}
        yield render_chat([*turns, current], live=True), "", gr.skip(), gr.skip(), [*turns, current]
        session = _session(request)
        stop = (self.sent.pop(session, None) if session else None) or threading.Event()
        if session:
            self.running[session] = stop
        try:
            current = yield from self._stream(question, turns, k, stop, current)
        except ChatbotError as e:
            gr.Warning(esc(str(e)))
            yield render_chat(turns), question, gr.skip(), {"error": str(e)}, turns
            return
        except Exception as e:  # a bug: log it, give the question back, no traceback in the page
            traceback.print_exception(e)
            gr.Warning("Something went wrong while answering this question; the server log has the details.")
            yield render_chat(turns), question, gr.skip(), {"error": f"{type(e).__name__}: {e}"}, turns
            return
        finally:
            stop.set()  # finished, stopped or cancelled: in every case the worker's generation may end
            if self.running.get(session) is stop:
                del self.running[session]
        if not current.get("done"):
            current = {**current, "mode": "stopped"}
        turns = [*turns, current][-MAX_TURNS:]
        yield render_chat(turns), gr.skip(), render_sources(turns), current, turns

    def _stream(self, question: str, turns: list[dict[str, Any]], k: float, stop: threading.Event,
                current: dict[str, Any]) -> Generator[tuple[Any, ...], None, dict[str, Any]]:
        """ask()'s outputs while the worker answers; returns the last turn it gave (a Stop ends it early)."""
        results: queue.Queue[tuple[str, Any]] = queue.Queue()
        beat = time.monotonic()
        history, top = history_pairs(turns), max(1, int(k or self.ctx.settings.top_k))
        if not stop.is_set():  # set: stopped while it waited in the queue
            threading.Thread(target=_answer_worker, args=(self.ctx.engine, question, history, top, stop, results),
                             name="chatbot-answer", daemon=True).start()
        while not stop.is_set():
            try:
                kind, value = results.get(timeout=0.1)
            except queue.Empty:  # (a Stop ends the loop: the answer so far is shown as stopped)
                if time.monotonic() - beat > 1.0:  # a yield point, so Gradio can cancel us
                    beat = time.monotonic()
                    yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                continue
            if kind == "error":
                raise value
            if kind == "end":
                break
            current = turn_of(value)
            if value.done or stop.is_set():
                break
            beat = time.monotonic()
            live = [*turns, current]
            yield render_chat(live, live=True), gr.skip(), gr.skip(), gr.skip(), live
        return current

    def stop_answer(self, request: gr.Request) -> None:
        """Stop: signal this session's running question; ask() then shows its answer so far as stopped."""
        session = _session(request)
        if not session:
            return
        for stop in (self.sent.get(session), self.running.get(session)):
            if stop is not None:
                stop.set()

    def clear(self) -> tuple[Any, ...]:
        return [], [], EMPTY_SOURCES, None, EMPTY_VIEWER, "", gr.DownloadButton(value=None, interactive=False)

    def new_conversation(self, turns: list[dict[str, Any]] | None, saved: dict[str, Any] | None
                         ) -> tuple[Any, ...]:
        stored = history.archive(saved, turns or [])
        return (*self.clear(), stored, gr.Dropdown(choices=history.choices(stored), value=None))

    def _shown(self, turns: list[dict[str, Any]], saved: dict[str, Any] | None) -> tuple[Any, ...]:
        """(chat, turns, sources, earlier list) for a conversation from the browser, its citations checked
        against the index now."""
        turns = history.mark_stale(turns, self.ctx.documents())
        return render_chat(turns), turns, render_sources(turns), gr.Dropdown(choices=history.choices(saved), value=None)

    def restore(self, saved: dict[str, Any] | None) -> tuple[Any, ...]:
        """Page load: the browser's current conversation."""
        return self._shown((saved or {}).get("current", []), saved)

    def open_earlier(self, pick: int | None, turns: list[dict[str, Any]] | None, saved: dict[str, Any] | None
                     ) -> tuple[Any, ...]:
        if pick is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        stored, chosen = history.reopen(saved, turns or [], int(pick))
        chat, chosen, sources, earlier = self._shown(chosen, stored)
        return chat, chosen, sources, stored, earlier

    def export(self, turns: list[dict[str, Any]] | None) -> tuple[Any, ...]:
        """The last answer as Markdown (to copy) and the conversation as a .md file (to download)."""
        done = [t for t in turns or [] if t.get("mode") not in ("pending", "generating")]
        if not done:
            return "", gr.DownloadButton(value=None, interactive=False)
        if self.exports is None:  # one temporary folder per app (Gradio serves a copy from its cache), removed
            self.exports = tempfile.TemporaryDirectory(prefix="chatbot-export-")  # when the app ends
        path = Path(self.exports.name) / f"conversation-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}.md"
        path.write_text(conversation_markdown(done), encoding="utf-8")
        return answer_markdown(done[-1]), gr.DownloadButton(value=str(path), interactive=True)

    def open_article(self, evt: gr.EventData) -> str:
        data = getattr(evt, "_data", None) or {}
        return self.article(str(data.get("doc", "")), int(data.get("start") or 0), int(data.get("end") or 0),
                            str(data.get("sha") or ""))

    def article(self, doc: str, start: int, end: int, sha256: str = "") -> str:
        """The whole cleaned article as escaped HTML with the cited sentence (start:end) marked, and a
        warning when the article's hash is no longer `sha256` (the one the citation was made from)."""
        index, problem = self.ctx.current_index()
        if index is None:
            return f'<div class="cb-viewer"><p class="cb-warn">{esc(problem)}</p></div>'
        return render_article(index, doc, start, end, sha256)

    # -- layout and events -----------------------------------------------------------------------

    def build_state(self) -> None:
        """The session's turns and the browser's conversations (made first, before the page's layout)."""
        self.turns = gr.State([])
        self.saved = gr.BrowserState(history.empty(), storage_key="chatbot-conversations",
                                     secret=self.ctx.browser_secret())

    def build(self) -> None:
        """The tab's components (inside `with gr.Tab(...)`)."""
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                self.chat = gr.Chatbot(
                    label="Chat", elem_id="cb-chat", height=540, render_markdown=False,
                    sanitize_html=True, latex_delimiters=[], buttons=[], feedback_options=None,
                    allow_file_downloads=False, group_consecutive_messages=False,
                    placeholder="Ask a question about your documents, e.g. "
                                "“How many border flag meetings has Pakistan held?”",
                )
                with gr.Row():
                    self.question = gr.Textbox(show_label=False, placeholder="Ask a question…", lines=1,
                                               max_lines=6, scale=6, autofocus=True, elem_id="cb-question",
                                               max_length=4000)
                    self.send = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="cb-send")
                    self.stop = gr.Button("Stop", variant="stop", scale=1, min_width=80, elem_id="cb-stop",
                                          interactive=False)
                with gr.Row(equal_height=False):
                    self.new_chat = gr.Button("New conversation", size="sm", variant="secondary", scale=1)
                    self.earlier = gr.Dropdown(label="Earlier conversations (kept in this browser only)",
                                               choices=[], value=None, scale=3, elem_id="cb-earlier")
                with gr.Accordion("Take it away: Markdown with the sources as footnotes", open=False):
                    self.export_md = gr.Textbox(label="The last answer", lines=4, max_lines=12, interactive=False,
                                                buttons=["copy"], elem_id="cb-export")
                    self.download = gr.DownloadButton("Download the whole conversation (.md)", value=None,
                                                      size="sm", elem_id="cb-download", interactive=False)
                with gr.Accordion("Answer details (timings, passages, checks)", open=False):
                    self.details = gr.JSON(label="Last answer", elem_id="cb-details")
            with gr.Column(scale=2, min_width=280):
                gr.Markdown("**Sources**", elem_id="cb-heading-sources")
                self.sources = gr.HTML(EMPTY_SOURCES, js_on_load=SOURCES_JS, elem_id="cb-sources",
                                       max_height=520, apply_default_css=True)
                gr.Markdown("**Article**", elem_id="cb-heading-article")
                self.viewer = gr.HTML(EMPTY_VIEWER, js_on_load=None, elem_id="cb-viewer", max_height=460)

    def wire(self, top_k: gr.Slider) -> None:
        """The tab's events; `top_k` is the Settings tab's passages-per-question slider."""
        # Send: lock the box at once (not queued), answer (queued), unlock. Gradio's `cancels` is not used
        # for Stop: a question sent right after a cancelled event was sometimes never run.
        gr.on([self.question.submit, self.send.click], self.begin, None, [self.question, self.send, self.stop],
              queue=False, api_visibility="private", trigger_mode="once").then(
            self.ask, [self.question, top_k, self.turns],
            [self.chat, self.question, self.sources, self.details, self.turns], api_name="ask",
            show_progress="minimal", show_progress_on=[self.chat]).then(
            # kept in the browser (not queued: before the box unlocks, so a reload right after keeps it)
            history.remember, [self.saved, self.turns], self.saved, queue=False, api_visibility="private").then(
            self.end, None, [self.question, self.send, self.stop], queue=False, api_visibility="private").then(
            None, js=FOCUS_QUESTION_JS).then(  # ready for the next question without a click
            self.export, self.turns, [self.export_md, self.download], api_visibility="private")
        # Not queued, so it never waits behind the question it stops.
        self.stop.click(self.stop_answer, None, None, api_visibility="private", queue=False)
        cleared = [self.chat, self.turns, self.sources, self.details, self.viewer, self.export_md, self.download]
        for event in (self.new_chat.click, self.chat.clear):
            event(self.new_conversation, [self.turns, self.saved], [*cleared, self.saved, self.earlier],
                  api_visibility="private")
        # select, not input: input fired twice per choice, and a second reopen swapped the conversations back
        self.earlier.select(self.open_earlier, [self.earlier, self.turns, self.saved],
                            [self.chat, self.turns, self.sources, self.saved, self.earlier], api_visibility="private",
                            trigger_mode="once").then(
            self.export, self.turns, [self.export_md, self.download], api_visibility="private")
        self.sources.click(self.open_article, None, self.viewer, api_visibility="private").then(
            None, js=SCROLL_TO_HIT_JS)
        gr.api(self.article, api_name="article")

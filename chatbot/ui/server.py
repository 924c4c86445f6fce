"""Serving the app: the safe launch settings, the optional password, and `chatbot serve`'s start-up."""

from __future__ import annotations

import ipaddress
import sys
from typing import Any

import gradio as gr

from .. import store
from ..answer import Engine
from ..build import build
from ..errors import ChatbotError
from ..generate import OpenAIGenerator
from ..settings import Settings
from .assets import CSS, JS

# Gradio's default theme with the machine's own fonts: its bundled Source Sans Pro drew the "A" of bold
# headings ("Ask your documents", "Article") unlike the letters after it
THEME = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                          font_mono=["ui-monospace", "SFMono-Regular", "monospace"])
ANSWER_SLOTS = 4  # questions answered at once (they take turns inside the model); more wait in the queue


def parse_auth(value: str) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user.strip() or not password:
        raise ChatbotError("CHATBOT_AUTH must look like user:password (both parts non-empty).")
    return user.strip(), password


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def launch(demo: gr.Blocks, settings: Settings, host: str = "127.0.0.1", port: int = 7860,
           block: bool = True) -> str:
    """Start the server with the safe defaults (no share link, no telemetry, no monitoring, data folders
    blocked from the file route, upload size limit, optional password); returns the local URL."""
    auth = parse_auth(settings.auth)
    if not is_loopback(host) and auth is None:
        print(f"Warning: the app listens on {host} without a password, so anyone who can reach this machine "
              "can read your documents. Set CHATBOT_AUTH=user:password, or use --host 127.0.0.1.",
              file=sys.stderr)
    blocked = [str(p.resolve()) for p in (settings.docs, settings.index, settings.models)]
    demo.queue(default_concurrency_limit=ANSWER_SLOTS, max_size=64)
    try:
        _launch(demo, settings, host, port, auth, blocked)
    except OSError as e:
        raise ChatbotError(f"Cannot serve on {host}:{port} ({e}). Is another program using the port? "
                           "Choose another with --port.") from None
    url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0', '::') else host}:{demo.server_port}/"
    if block:
        print(f"Chatbot is running at {url}  (Ctrl+C to stop)", flush=True)
        try:
            demo.block_thread()
        finally:
            demo.close()
    return url


def _launch(demo: gr.Blocks, settings: Settings, host: str, port: int, auth: tuple[str, str] | None,
            blocked: list[str]) -> None:
    demo.launch(
        server_name=host, server_port=port, share=False, auth=auth,
        auth_message="Sign in to ask your documents." if auth else None,
        prevent_thread_lock=True, quiet=True, show_error=False, allowed_paths=None, blocked_paths=blocked,
        # Gradio counts MiB, a little over the MB limit that add_documents checks with a clearer message
        max_file_size=int(settings.max_file_mb * 2**20), enable_monitoring=False, mcp_server=False,
        ssr_mode=False, pwa=False, css=CSS, js=JS, theme=THEME,
        footer_links=["gradio", "settings"],  # no API page or run history link (their text failed contrast)
    )


def _print_progress() -> Any:
    last: dict[str, Any] = {"stage": None}

    def show(stage: str, done: int, total: int) -> None:
        if stage != last["stage"] or done >= total:
            print(f"  {stage}: {done}/{total}", file=sys.stderr, flush=True)
            last["stage"] = stage

    return show


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Load (or first build) the index, load the models, and serve the app until Ctrl+C."""
    from . import build_app  # the package assembles the tabs; it imports this module

    parse_auth(settings.auth)  # a malformed CHATBOT_AUTH stops here, before any slow loading
    engine = Engine(settings)
    if not (settings.index / store.MANIFEST).exists():
        print(f"No index in {settings.index}/ yet: indexing {settings.docs}/ first…", file=sys.stderr,
              flush=True)
        if not settings.docs.is_dir():
            settings.docs.mkdir(parents=True)
        try:
            build(settings, progress=_print_progress())
        except ChatbotError as e:
            print(f"Warning: {e} Starting without an index: add documents in the Library tab.",
                  file=sys.stderr)
    try:
        if (settings.index / store.MANIFEST).exists():
            engine.reload()
    except ChatbotError as e:  # a damaged or mismatched index: serve anyway, the Library tab can rebuild it
        print(f"Warning: {e} Starting anyway: press Rebuild in the Library tab.", file=sys.stderr, flush=True)
    print("Loading the models…", file=sys.stderr, flush=True)
    _ = engine.embedder  # loaded now, not on the first question
    try:
        generator = engine.generator
        if isinstance(generator, OpenAIGenerator):
            generator.discover()  # is the server up, and which model does it serve?
    except ChatbotError as e:  # an LLM server that is not up yet: each question asks it again
        print(f"Warning: {e} Starting anyway.", file=sys.stderr, flush=True)
    demo = build_app(engine, settings)
    launch(demo, settings, host, port, block=True)

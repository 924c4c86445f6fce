"""The browser app: chat with cited answers, the sources beside them, the document library, settings.

All answering happens in Engine (answer.py); the callbacks here only format. Document text, titles and
file names are untrusted: everything shown is built as HTML here with every piece of text escaped, and
the chat renders that HTML as-is (no Markdown, no LaTeX), so an article cannot inject markup or script.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no telemetry

import html  # noqa: E402
import ipaddress  # noqa: E402
import queue  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import unicodedata  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402

from . import store  # noqa: E402
from .answer import Engine, Result  # noqa: E402
from .build import Report, build  # noqa: E402
from .errors import ChatbotError  # noqa: E402
from .files import package_dir  # noqa: E402
from .generate import load_generator  # noqa: E402
from .ingest import SUPPORTED  # noqa: E402
from .models import PACKAGED, cache_dir, installed  # noqa: E402
from .settings import Settings  # noqa: E402

MAX_TURNS = 30  # turns kept in a session (older ones drop out of the chat and the sources panel)
MAX_NAME_CHARS = 180
TITLE = "Chatbot — answers from your documents"

BADGES = {
    "generated": ("✔ generated and verified", "cb-ok"),
    "extractive": ("❝ quoted from the sources", "cb-quote"),
    "abstained": ("✖ not found", "cb-none"),
    "pending": ("… searching the documents", "cb-busy"),
    "generating": ("… writing and checking the answer", "cb-busy"),
    "stopped": ("■ stopped", "cb-busy"),
}

ANSWER_SLOTS = 4  # questions answered at once (they take turns inside the model); more wait in the queue

CSS = """
#cb-library { overflow-x: auto; }
.cb-badge { display: inline-block; font-size: 0.78em; font-weight: 600; border-radius: 999px;
  padding: 1px 9px; margin: 0 0 6px 0; }
.cb-ok { background: #dcfce7; color: #166534; }
.cb-quote { background: #e0e7ff; color: #3730a3; }
.cb-none { background: #fee2e2; color: #991b1b; }
.cb-busy { background: #f3f4f6; color: #374151; }
.cb-text { white-space: pre-wrap; }
.cb-cite { color: #2563eb; cursor: pointer; font-weight: 600; white-space: nowrap; }
.cb-cite:hover, .cb-cite:focus { text-decoration: underline; }
.cb-meta { font-size: 0.78em; opacity: 0.7; margin-top: 6px; }
.cb-closest { font-size: 0.9em; margin-top: 6px; }
.cb-closest ol { margin: 4px 0 0 1.2em; padding: 0; }
.cb-sources .cb-empty, .cb-viewer .cb-empty { opacity: 0.7; padding: 8px; }
.cb-turn { margin-bottom: 8px; }
.cb-turn > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
.cb-src { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin: 8px 0;
  transition: box-shadow 0.3s; }
.cb-src.cb-flash { box-shadow: 0 0 0 3px #f59e0b; }
.cb-src-head { font-weight: 600; }
.cb-num { color: #2563eb; cursor: pointer; }
.cb-file { font-size: 0.8em; opacity: 0.7; word-break: break-all; }
.cb-passage { white-space: pre-wrap; font-size: 0.92em; margin: 6px 0; line-height: 1.45; }
.cb-sources mark, .cb-viewer mark { background: #fde68a; color: #111827; padding: 0 1px; }
.cb-open { font-size: 0.85em; border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 2px 10px; cursor: pointer; background: var(--button-secondary-background-fill); }
.cb-viewer .cb-article-text { white-space: pre-wrap; line-height: 1.55; }
.cb-viewer h3 { margin: 4px 0; }
.cb-lib { width: 100%; border-collapse: collapse; font-size: 0.92em; }
.cb-lib th, .cb-lib td { text-align: left; padding: 4px 8px; vertical-align: top;
  border-bottom: 1px solid var(--border-color-primary); }
.cb-lib td.cb-num-cell { text-align: right; white-space: nowrap; }
.cb-warn { color: #b45309; }
.cb-status { padding: 4px 0; }
.cb-status ul { margin: 4px 0 0 1.2em; }
"""

# Citation markers in the chat (and the [n] of a source) carry the class cb-ref-src-<turn>-<n> naming the
# id of a source entry (the chat's sanitizer drops data-* attributes): a click opens that turn's sources
# and brings the passage into view.
JS = r"""
() => {
  if (window.__cbReveal) return;
  // Scroll el into the middle of its scrolling panel, and the page only as far as needed to show it.
  const reveal = (el) => {
    let box = el.parentElement;
    while (box && box !== document.body) {
      const s = getComputedStyle(box);
      if (/(auto|scroll)/.test(s.overflowY) && box.scrollHeight > box.clientHeight) break;
      box = box.parentElement;
    }
    if (box && box !== document.body) {
      const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
      box.scrollTop += (r.top - b.top) - Math.max(0, (box.clientHeight - r.height) / 2);
    }
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({block: 'nearest'});
  };
  window.__cbReveal = reveal;
  const show = (el) => {
    const ref = /(?:^|\s)cb-ref-(\S+)/.exec(el.className || '');
    const target = ref && document.getElementById(ref[1]);
    if (!target) return;
    const turn = target.closest('details');
    if (turn) turn.open = true;
    reveal(target.querySelector('mark') || target);
    target.classList.add('cb-flash');
    setTimeout(() => target.classList.remove('cb-flash'), 1600);
  };
  const find = (e) => (e.target && e.target.closest) ? e.target.closest('[class*="cb-ref-"]') : null;
  document.addEventListener('click', (e) => {
    const el = find(e);
    if (el) { e.preventDefault(); show(el); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = find(e);
    if (el) { e.preventDefault(); show(el); }
  });
}
"""

# The sources panel turns a click on "Open article" into a Python event carrying doc and offsets.
SOURCES_JS = """
if (!element.dataset.cbBound) {
  element.dataset.cbBound = '1';
  element.addEventListener('click', (e) => {
    const b = e.target.closest ? e.target.closest('.cb-open') : null;
    if (!b) return;
    trigger('click', {doc: b.dataset.doc, start: Number(b.dataset.start), end: Number(b.dataset.end)});
  });
}
"""

SCROLL_TO_HIT_JS = """
() => {
  const go = () => {
    const m = document.querySelector('#cb-viewer mark');
    if (m && window.__cbReveal) window.__cbReveal(m);
  };
  setTimeout(go, 50);
  setTimeout(go, 400);
}
"""

FOCUS_QUESTION_JS = """
() => { setTimeout(() => { const t = document.querySelector('#cb-question textarea');
                           if (t && !t.disabled) t.focus(); }, 60); }
"""

EMPTY_SOURCES = ('<div class="cb-sources"><p class="cb-empty">Ask a question: the passages behind the answer '
                 'appear here, with the supporting sentence highlighted.</p></div>')
EMPTY_VIEWER = ('<div class="cb-viewer"><p class="cb-empty">Click “Open article” on a source to read the '
                'whole article here.</p></div>')


# -- pure helpers: escaping, names, rendering ------------------------------------------------------


def esc(text: Any) -> str:
    """Text as inert HTML: every <, >, &, quote escaped."""
    return html.escape(str(text), quote=True)


_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # control, format, surrogate, private, unassigned


def safe_filename(name: str) -> str:
    """A file name that can only land directly inside the docs folder; '' when nothing usable is left.

    Keeps letters with accents, spaces and emoji; drops any path (both separators), control and
    invisible format characters (e.g. right-to-left overrides), characters Windows forbids, and
    leading dots (no hidden files, no '..').
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE)
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name.lstrip(".").strip()
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 10 else ""
        name = name[: MAX_NAME_CHARS - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return name


def unique_name(folder: Path, name: str) -> str:
    """name, or name-1, name-2 … (before the extension) when a file of that name already exists."""
    stem, ext = os.path.splitext(name)
    candidate, n = name, 0
    existing = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    while candidate.casefold() in existing:
        n += 1
        candidate = f"{stem}-{n}{ext}"
    return candidate


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


def history_pairs(turns: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(question, answer) of the answered turns, oldest first: the context for a follow-up question."""
    return [(t["question"], t["answer"]) for t in turns
            if t.get("done") and t.get("answer") and t.get("mode") != "abstained"]


def turn_of(result: Result) -> dict[str, Any]:
    return result.to_dict()


_MARKER = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")  # the answering words of a quoted answer


def _status(turn: dict[str, Any], current: bool) -> str:
    mode = turn.get("mode", "pending")
    if mode in ("generated", "extractive", "abstained"):
        return mode
    return mode if current else "stopped"


def _badge(status: str) -> str:
    label, cls = BADGES.get(status, BADGES["pending"])
    return f'<span class="cb-badge {cls}">{esc(label)}</span>'


def render_answer(turn: dict[str, Any], t: int, current: bool = False) -> str:
    """One assistant message as HTML: badge, answer with clickable [n] markers, closest passages if none."""
    status = _status(turn, current)
    numbers = {c["n"] for c in turn.get("citations", [])}

    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if numbers and n not in numbers:
            return m.group(0)
        return (f'<span class="cb-cite cb-ref-src-{t}-{n}" role="button" tabindex="0" '
                f'title="Show source {n}">[{n}]</span>')

    parts = [f'<div class="cb-answer cb-mode-{status}">', _badge(status)]
    answer = turn.get("answer", "")
    if answer:
        text = _BOLD.sub(r"<strong>\1</strong>", _MARKER.sub(marker, esc(answer)))
        parts.append(f'<div class="cb-text">{text}</div>')
    if status == "abstained" and turn.get("closest"):
        items = "".join(
            f'<li><span class="cb-cite cb-ref-src-{t}-c{p["n"]}" role="button" tabindex="0">'
            f'{esc(p["title"])}</span>: {esc(_snippet(p["text"]))}</li>'
            for p in turn["closest"][:3])
        parts.append('<div class="cb-closest">Closest passages (they do not answer the question):'
                     f"<ol>{items}</ol></div>")
    meta = []
    if turn.get("standalone"):
        meta.append(f"understood as: {esc(turn['standalone'])}")
    if status == "stopped":
        meta.append("stopped before the answer was complete" if answer else "stopped before an answer was ready")
    if turn.get("done"):
        if turn.get("model") and status == "generated":
            meta.append(esc(turn["model"]))
        total = turn.get("timings", {}).get("total")
        if total is not None:
            meta.append(f"{total:.1f} s")
        dropped = [r for r in turn.get("removed", []) if r.get("sentence")]
        if dropped:
            n = len(dropped)
            if status == "extractive":
                meta.append(f"the model's answer ({n} sentence{'s' if n > 1 else ''}) could not be verified "
                            "against the sources, so they are quoted instead")
            else:
                meta.append(f"{n} unsupported sentence{'s' if n > 1 else ''} left out")
    if meta:
        parts.append(f'<div class="cb-meta">{" · ".join(meta)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _snippet(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def render_chat(turns: Sequence[dict[str, Any]], live: bool = False) -> list[dict[str, str]]:
    """The chat as Gradio 6 message dicts; live = the last turn is still being answered."""
    messages = []
    for t, turn in enumerate(turns, 1):
        asked = f'<div class="cb-question">{esc(turn["question"])}</div>'
        messages.append({"role": "user", "content": asked})
        messages.append({"role": "assistant", "content": render_answer(turn, t, live and t == len(turns))})
    return messages


def _highlight(text: str, start: int, end: int, mark_id: str = "") -> str:
    if not 0 <= start < end <= len(text):
        return esc(text)
    ident = f' id="{mark_id}"' if mark_id else ""
    return f"{esc(text[:start])}<mark{ident}>{esc(text[start:end])}</mark>{esc(text[end:])}"


def _open_button(doc: str, start: int, end: int) -> str:
    return (f'<button class="cb-open" type="button" data-doc="{esc(doc)}" data-start="{int(start)}" '
            f'data-end="{int(end)}">Open article</button>')


def render_sources(turns: Sequence[dict[str, Any]]) -> str:
    """The sources of each turn, newest first: number, title, file, passage with the sentence marked."""
    if not turns:
        return EMPTY_SOURCES
    out = ['<div class="cb-sources">']
    for t in range(len(turns), 0, -1):
        turn = turns[t - 1]
        status = _status(turn, False)
        out.append(f'<details class="cb-turn" id="turn-{t}"{" open" if t == len(turns) else ""}>'
                   f'<summary>{esc(_snippet(turn["question"], 120))} {_badge(status)}</summary>')
        passages = {p["chunk_id"]: p for p in turn.get("passages", [])}
        for c in turn.get("citations", []):
            p = passages.get(c["chunk_id"])
            if p is not None and p["text"][c["start"] - p["start"]:c["end"] - p["start"]] == c["quote"]:
                body = _highlight(p["text"], c["start"] - p["start"], c["end"] - p["start"])
            else:
                body = f"<mark>{esc(c['quote'])}</mark>"
            out.append(
                f'<div class="cb-src" id="src-{t}-{c["n"]}">'
                f'<div class="cb-src-head">'
                f'<span class="cb-num cb-ref-src-{t}-{c["n"]}">[{c["n"]}]</span> '
                f'<span class="cb-title">{esc(c["title"])}</span></div>'
                f'<div class="cb-file">{esc(c["doc"])}</div>'
                f'<div class="cb-passage">{body}</div>{_open_button(c["doc"], c["start"], c["end"])}</div>')
        if status == "abstained" and turn.get("closest"):
            out.append('<p class="cb-empty">Not found. The closest passages (they do not answer it):</p>')
            for p in turn["closest"]:
                out.append(
                    f'<div class="cb-src" id="src-{t}-c{p["n"]}">'
                    f'<div class="cb-src-head"><span class="cb-title">{esc(p["title"])}</span></div>'
                    f'<div class="cb-file">{esc(p["doc"])}</div>'
                    f'<div class="cb-passage">{esc(p["text"])}</div>'
                    f'{_open_button(p["doc"], p["start"], p["end"])}</div>')
        elif not turn.get("citations"):
            out.append('<p class="cb-empty">No sources: the answer was not completed.</p>')
        out.append("</details>")
    out.append("</div>")
    return "".join(out)


def render_article(index: store.Index, doc: str, start: int, end: int) -> str:
    """The whole cleaned article, escaped, with the sentence start:end marked (id cb-hit)."""
    rec = index.docs.get(doc)
    if rec is None:
        return (f'<div class="cb-viewer"><p class="cb-empty">{esc(doc)} is not in the index any more '
                "(deleted or not yet rebuilt).</p></div>")
    warnings = "".join(f' · <span class="cb-warn">{esc(w)}</span>' for w in rec.warnings())
    return (f'<div class="cb-viewer" data-doc="{esc(doc)}"><h3>{esc(rec.title)}</h3>'
            f'<div class="cb-file">{esc(doc)}{warnings}</div>'
            f'<div class="cb-article-text">{_highlight(rec.text, int(start), int(end), "cb-hit")}</div>'
            "</div>")


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1000 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} MB"


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "—"


def docs_files(docs: Path) -> dict[str, int]:
    """Files in the docs folder (as ingest.scan sees them: hidden ones left out) -> size in bytes."""
    root = docs.resolve()
    found: dict[str, int] = {}
    if not root.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            try:
                found[path.relative_to(root).as_posix()] = path.lstat().st_size
            except OSError:
                continue
    return dict(sorted(found.items()))


def render_library(index: store.Index | None, docs: Path, problem: str = "") -> str:
    """The indexed documents, the files waiting for a rebuild and the files skipped, with reasons."""
    files = docs_files(docs)
    out = []
    if problem:
        out.append(f'<p class="cb-warn">{esc(problem)}</p>')
    indexed = index.docs if index is not None else {}
    if indexed:
        chunks = sum(d.chunks for d in indexed.values())
        out.append(f"<p><b>{len(indexed)}</b> document{'s' if len(indexed) != 1 else ''} indexed, "
                   f"<b>{chunks}</b> passages.</p>")
        out.append('<table class="cb-lib"><thead><tr><th>Title</th><th>File</th><th>Passages</th>'
                   "<th>Size</th><th>Indexed at</th><th>Warnings</th></tr></thead><tbody>")
        for doc_id, rec in sorted(indexed.items()):
            gone = "" if doc_id in files else ' <span class="cb-warn">(file deleted)</span>'
            warns = "<br>".join(f'<span class="cb-warn">{esc(w)}</span>' for w in rec.warnings())
            out.append(f"<tr><td>{esc(rec.title)}</td><td>{esc(doc_id)}{gone}</td>"
                       f'<td class="cb-num-cell">{rec.chunks}</td>'
                       f'<td class="cb-num-cell">{_size(rec.size)}</td>'
                       f"<td>{_when(rec.indexed_at)}</td><td>{warns}</td></tr>")
        out.append("</tbody></table>")
    elif not problem:
        out.append("<p>No documents are indexed yet. Add some below.</p>")
    listed = index.manifest.get("skipped", []) if index is not None else []
    skipped = {s["path"]: s["reason"] for s in listed}
    waiting = [f for f in files if f not in indexed and f not in skipped]
    if waiting:
        out.append("<p><b>Waiting for the next rebuild:</b></p><ul>"
                   + "".join(f"<li>{esc(f)}</li>" for f in waiting) + "</ul>")
    if skipped:
        out.append("<p><b>Skipped files:</b></p><ul>"
                   + "".join(f"<li>{esc(p)}: {esc(r)}</li>" for p, r in sorted(skipped.items())) + "</ul>")
    return "".join(out)


def render_stats(index: store.Index | None, generator: str, problem: str = "") -> str:
    if index is None:
        return f'<p class="cb-warn">{esc(problem or "No index loaded.")}</p>'
    m = index.manifest
    emb = m.get("embedding", {})
    rows = [("Documents", len(index.docs)), ("Passages (chunks)", len(index.chunks)),
            ("Embedding model", emb.get("model", "?")), ("Embedding dimension", emb.get("dim", "?")),
            ("Index built", _when(m.get("created_at"))), ("Index folder", index.folder),
            ("Answer model", generator)]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="cb-lib cb-stats">{body}</table>'


def render_report(report: Report) -> str:
    if not (report.added or report.changed or report.removed or report.skipped or report.duplicates):
        return _message(f"The index is up to date: {len(report.unchanged)} documents, {report.chunks} passages.")
    lines = [f"Index updated in {report.seconds:.1f} s: {len(report.added)} added, "
             f"{len(report.changed)} changed, {len(report.removed)} removed, "
             f"{len(report.unchanged)} unchanged; {report.chunks} passages."]
    details = [f"added {a}" for a in report.added] + [f"updated {c}" for c in report.changed]
    details += [f"removed {r}" for r in report.removed]
    details += [f"skipped {s['path']}: {s['reason']}" for s in report.skipped]
    details += [f"{d['path']} nearly duplicates {d['duplicate_of']}: indexed once" for d in report.duplicates]
    items = "".join(f"<li>{esc(d)}</li>" for d in details)
    return f'<div class="cb-status">✔ {esc(lines[0])}{f"<ul>{items}</ul>" if items else ""}</div>'


def _message(text: str, ok: bool = True, busy: bool = False) -> str:
    return f'<div class="cb-status">{"⟳" if busy else "✔" if ok else "⚠"} {esc(text)}</div>'


# -- the background rebuild -------------------------------------------------------------------------


class Rebuilder:
    """Runs build() in a background thread, then swaps the new index into the engine.

    Questions keep being answered from the old index meanwhile; if the build fails, the old index stays.
    One build at a time: a second request while one runs just follows the running one.
    """

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine, self.settings = engine, settings
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.progress: tuple[str, int, int] = ("", 0, 0)
        self.report: Report | None = None
        self.error: str | None = None

    @property
    def running(self) -> bool:
        with self._lock:
            return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Start a build; False when one is already running (then follow that one)."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return False
            self.progress, self.report, self.error = ("starting", 0, 0), None, None
            self._thread = threading.Thread(target=self._run, name="chatbot-rebuild", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.progress = (stage, done, total)

    def _run(self) -> None:
        try:
            # build() loads its own embedder: the engine's one is locked per call, and sharing it would
            # make questions wait behind each embedding batch of the rebuild (measured: no answer came
            # back until the rebuild had finished).
            try:
                self.engine.index  # noqa: B018 - is the current index usable?
                usable = True
            except ChatbotError:
                usable = False  # damaged, mismatched or missing: build a fresh one beside it
            report = build(self.settings, rebuild=not usable, progress=self._on_progress)
            self.progress = ("loading the new index", 0, 1)
            self.engine.reload()
            self.report = report
        except ChatbotError as e:
            self.error = str(e)
        except Exception as e:  # a bug: keep serving the old index, show what happened, log the traceback
            traceback.print_exc()
            self.error = f"{type(e).__name__}: {e}"


# -- the app ----------------------------------------------------------------------------------------


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


def is_inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty, or already gone


def model_choices(settings: Settings) -> list[tuple[str, str]]:
    """(label, path) of the models one can answer with: the configured one, each GGUF in models/ (read
    now, so a file added while the app runs is offered) and the packaged default."""
    folder = settings.models
    ggufs = sorted(p for p in folder.glob("*.gguf") if p.is_file()) if folder.is_dir() else []
    choices = [(f"{Path(settings.model).name} (configured)", settings.model)] if settings.model else []
    choices += [(p.name, str(p)) for p in ggufs]
    choices += [(m.label, m.key) for m in PACKAGED.values() if installed(m)]
    unique: dict[str, tuple[str, str]] = {}
    for label, value in choices:
        unique.setdefault(model_key(value), (label, value if value in PACKAGED else model_key(value)))
    return list(unique.values())


def model_key(model: str) -> str:
    """One spelling per model file (its real path; a packaged model's key once its file exists); other
    values ('echo', a packaged model not yet assembled) as they are."""
    if model in PACKAGED:
        m = PACKAGED[model]
        path = cache_dir() / m.file if m.split else (package_dir(m.packages[0]) or Path("/nonexistent")) / m.file
        return os.path.realpath(path) if path.is_file() else model
    return os.path.realpath(model) if os.path.isfile(model) else model


def build_app(engine: Engine, settings: Settings) -> gr.Blocks:
    """The Gradio Blocks app over an engine (which holds the index, embedder and generator)."""
    rebuilder = Rebuilder(engine, settings)
    docs_root = settings.docs
    max_bytes = int(settings.max_file_mb * 1e6)

    def current_index() -> tuple[store.Index | None, str]:
        try:
            return engine.index, ""
        except ChatbotError as e:
            return None, str(e)

    def generator_name() -> str:
        try:
            return engine.generator_name
        except ChatbotError as e:
            return f"no model: {e}"

    def doc_choices() -> list[str]:
        return list(docs_files(docs_root))

    def library_outputs() -> tuple[str, Any]:
        index, problem = current_index()
        choices = doc_choices()
        return render_library(index, docs_root, problem), gr.Dropdown(choices=choices, value=None)

    def models_dropdown() -> Any:
        """The model list as it is now, with the model that answers selected."""
        loaded = engine.loaded_generator
        current = model_key(str(getattr(loaded, "path", None) or getattr(loaded, "name", "") or settings.model))
        choices = model_choices(settings)
        selected = next((v for _, v in choices if model_key(v) == current), None)
        return gr.Dropdown(choices=choices, value=selected)

    def refresh() -> tuple[str, Any, str]:
        index, problem = current_index()
        lib, dropdown = library_outputs()
        return lib, dropdown, render_stats(index, generator_name(), problem)

    # -- chat ------------------------------------------------------------------------------------

    # session -> the Stop signal of its question: made when Send is pressed (so a Stop also reaches a
    # question still waiting in the queue), moved to `running` when the question starts.
    sent: dict[str, threading.Event] = {}
    running: dict[str, threading.Event] = {}

    def begin(request: gr.Request) -> tuple[Any, ...]:
        """Send pressed: lock the question box until the answer is over (nothing sent meanwhile is lost)."""
        session = getattr(request, "session_hash", None) or ""
        if session:
            sent[session] = threading.Event()
        return gr.Textbox(interactive=False), gr.Button(interactive=False), gr.Button(interactive=True)

    def end() -> tuple[Any, ...]:
        return gr.Textbox(interactive=True), gr.Button(interactive=True), gr.Button(interactive=False)

    def ask(question: str, k: float, turns: list[dict[str, Any]] | None,
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
        session = getattr(request, "session_hash", None) or ""  # '' for API callers without a session
        stop = (sent.pop(session, None) if session else None) or threading.Event()
        if session:
            running[session] = stop
        results: queue.Queue[tuple[str, Any]] = queue.Queue()
        beat = time.monotonic()
        try:
            history, top = history_pairs(turns), max(1, int(k or settings.top_k))
            if not stop.is_set():  # set: stopped while it waited in the queue
                threading.Thread(target=_answer_worker, args=(engine, question, history, top, stop, results),
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
            if running.get(session) is stop:
                del running[session]
        if not current.get("done"):
            current = {**current, "mode": "stopped"}
        turns = [*turns, current][-MAX_TURNS:]
        yield render_chat(turns), gr.skip(), render_sources(turns), current, turns

    def stop_answer(request: gr.Request) -> None:
        """Stop: signal this session's running question; ask() then shows its answer so far as stopped."""
        session = getattr(request, "session_hash", None) or ""
        if not session:
            return
        for stop in (sent.get(session), running.get(session)):
            if stop is not None:
                stop.set()

    def clear() -> tuple[Any, ...]:
        return [], [], EMPTY_SOURCES, None, EMPTY_VIEWER

    def open_article(evt: gr.EventData) -> str:
        data = getattr(evt, "_data", None) or {}
        return article(str(data.get("doc", "")), int(data.get("start") or 0), int(data.get("end") or 0))

    def article(doc: str, start: int, end: int) -> str:
        """The whole cleaned article as escaped HTML with the cited sentence (start:end) marked."""
        index, problem = current_index()
        if index is None:
            return f'<div class="cb-viewer"><p class="cb-warn">{esc(problem)}</p></div>'
        return render_article(index, doc, start, end)

    # -- library ---------------------------------------------------------------------------------

    def add_one(src: Path, root: Path, added: list[str], refused: list[str]) -> None:
        """Copy one uploaded file into the docs folder, or say in `refused` why not."""
        name = safe_filename(src.name)
        ext = os.path.splitext(name)[1].lower()
        try:
            size = src.stat().st_size
        except OSError:
            refused.append(f"{src.name}: the upload did not arrive; try again")
            return
        if not name:
            refused.append(f"{src.name}: no usable file name")
        elif ext not in SUPPORTED:
            refused.append(f"{name}: file type '{ext or 'none'}' is not supported; "
                           f"use {', '.join(SUPPORTED)}")
        elif size > max_bytes:
            refused.append(f"{name}: {size / 1e6:.1f} MB is over the {settings.max_file_mb:g} MB limit")
        elif size == 0:
            refused.append(f"{name}: the file is empty")
        else:
            data = src.read_bytes()
            same = next((f for f, n in docs_files(root).items()
                         if n == size and (root / f).read_bytes() == data), None)
            if same is not None:
                refused.append(f"{name}: the same file is already in the library as {same}")
                return
            for _ in range(100):
                final = unique_name(root, name)
                dest = root / final
                if dest.resolve().parent != root:  # cannot happen after safe_filename; belt and braces
                    refused.append(f"{name}: unsafe file name")
                    break
                try:
                    with open(dest, "xb") as f:  # never overwrite, even if two uploads race
                        f.write(data)
                except FileExistsError:
                    continue
                added.append(final if final == name else f"{final} (renamed: {name} already exists)")
                break

    def add_documents(paths: list[str] | None) -> tuple[Any, ...]:
        """Copy uploaded files into the docs folder under safe, unique names."""
        added: list[str] = []
        refused: list[str] = []
        docs_root.mkdir(parents=True, exist_ok=True)
        root = docs_root.resolve()
        for p in paths or []:
            src = Path(str(p))
            try:
                add_one(src, root, added, refused)
            finally:  # Gradio's upload copy would stay downloadable by its URL, even after a delete
                if is_inside(src, Path(gr.utils.get_upload_folder())):
                    src.unlink(missing_ok=True)
                    _remove_if_empty(src.parent)
        parts = []
        if added:
            parts.append("Added " + ", ".join(added) + ". The index is being rebuilt to include "
                         + ("them." if len(added) > 1 else "it."))
        if refused:
            parts.append("Not added: " + "; ".join(refused) + ".")
        if not parts:
            parts.append("No files received.")
        if refused:
            gr.Warning(esc(" ".join(parts)))
        lib, dropdown = library_outputs()
        return _message(" ".join(parts), ok=not refused), lib, dropdown, None

    def ask_delete(doc_id: str | None) -> tuple[Any, ...]:
        """Delete pressed: name the file and ask to confirm, since the file itself is removed."""
        if not doc_id:
            return _message("Choose a document to delete first.", ok=False), gr.Row(visible=False)
        return (_message(f"Delete {doc_id}? The file is removed from {docs_root}/ and the index; this cannot be "
                         "undone.", ok=False), gr.Row(visible=True))

    def delete_document(doc_id: str | None) -> tuple[Any, ...]:
        """Remove a file from the docs folder (only a file inside it); the rebuild drops it from the index."""
        if not doc_id:
            msg = _message("Choose a document to delete first.", ok=False)
        else:
            root = docs_root.resolve()
            path = (root / doc_id).resolve()
            if not is_inside(path, root) or path == root or doc_id not in docs_files(root):
                msg = _message(f"{doc_id} is not a file in the docs folder; nothing deleted.", ok=False)
            else:
                try:
                    path.unlink()
                    msg = _message(f"Deleted {doc_id}. The index is being rebuilt without it.")
                except OSError as e:
                    msg = _message(f"Could not delete {doc_id}: {e.strerror or e}", ok=False)
        lib, dropdown = library_outputs()
        return msg, lib, dropdown

    def rebuild(progress: gr.Progress = gr.Progress()) -> Iterator[tuple[Any, ...]]:  # noqa: B008
        """Rebuild in the background, reporting 'stage: done/total'; the old index answers meanwhile."""
        started = rebuilder.start()
        note = "" if started else " (a rebuild was already running; following it)"
        while rebuilder.running:
            stage, done, total = rebuilder.progress
            text = f"Rebuilding{note} — {stage}: {done}/{total}" if total else f"Rebuilding{note} — {stage}…"
            if total:
                progress((done, total), desc=stage)
            yield _message(text, busy=True), gr.skip(), gr.skip(), gr.skip()
            rebuilder.wait(0.25)
        if rebuilder.error is not None:
            gr.Warning(esc(f"Rebuild failed: {rebuilder.error}"))
            status = _message(f"Rebuild failed: {rebuilder.error} The previous index is still answering "
                              "questions.", ok=False)
        elif rebuilder.report is not None:
            status = render_report(rebuilder.report)
        else:
            status = _message("Rebuild finished.")
        lib, dropdown, stats = refresh()
        yield status, lib, dropdown, stats

    # -- settings --------------------------------------------------------------------------------

    def set_model(choice: str | None) -> tuple[Any, ...]:
        """Load the chosen model; on any problem the model that answered before keeps answering."""
        choice = choice or ""
        if settings.llm_url:
            return _message(f"Answers come from the LLM server at {settings.llm_url}; the model is chosen "
                            "there.", ok=False), gr.skip(), gr.skip()
        if model_key(choice) not in {model_key(v) for _, v in model_choices(settings)}:
            return (_message("That model is not one of the choices; nothing changed.", ok=False), gr.skip(),
                    models_dropdown())
        try:
            generator = load_generator(choice, settings.models, "", settings.n_ctx, settings.threads)
        except ChatbotError as e:
            gr.Warning(esc(str(e)))
            still = engine.generator_name
            return _message(f"{e} Answers still come from {still}.", ok=False), gr.skip(), models_dropdown()
        engine.set_generator(generator)
        index, problem = current_index()
        stats_html = render_stats(index, generator.name, problem)
        return _message(f"Answers now come from {generator.name}."), stats_html, gr.skip()

    # -- layout ----------------------------------------------------------------------------------

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        turns = gr.State([])
        gr.Markdown("### Ask your documents\nAnswers come only from the indexed articles, with the sentences "
                    "that support them. Click a [n] marker to see its source.")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        chat = gr.Chatbot(
                            label="Chat", elem_id="cb-chat", height=540, render_markdown=False,
                            sanitize_html=True, latex_delimiters=[], buttons=[], feedback_options=None,
                            allow_file_downloads=False, group_consecutive_messages=False,
                            placeholder="Ask a question about your documents, e.g. "
                                        "“How many border flag meetings has Pakistan held?”",
                        )
                        with gr.Row():
                            question = gr.Textbox(show_label=False, placeholder="Ask a question…", lines=1,
                                                  max_lines=6, scale=6, autofocus=True, elem_id="cb-question",
                                                  max_length=4000)
                            send = gr.Button("Send", variant="primary", scale=1, min_width=80,
                                             elem_id="cb-send")
                            stop = gr.Button("Stop", variant="stop", scale=1, min_width=80,
                                             elem_id="cb-stop", interactive=False)
                        with gr.Row():
                            new_chat = gr.Button("New conversation", size="sm", variant="secondary")
                        with gr.Accordion("Answer details (timings, passages, checks)", open=False):
                            details = gr.JSON(label="Last answer", elem_id="cb-details")
                    with gr.Column(scale=2, min_width=280):
                        gr.Markdown("**Sources**")
                        sources = gr.HTML(EMPTY_SOURCES, js_on_load=SOURCES_JS, elem_id="cb-sources",
                                          max_height=520, apply_default_css=True)
                        gr.Markdown("**Article**")
                        viewer = gr.HTML(EMPTY_VIEWER, js_on_load=None, elem_id="cb-viewer", max_height=460)
            with gr.Tab("Library", id="library"):
                library = gr.HTML(elem_id="cb-library")
                with gr.Row(equal_height=False):
                    with gr.Column():
                        upload = gr.File(label=f"Add documents ({', '.join(SUPPORTED)}; up to "
                                               f"{settings.max_file_mb:g} MB each)",
                                         file_count="multiple", file_types=list(SUPPORTED), type="filepath",
                                         elem_id="cb-upload")
                        lib_status = gr.HTML(elem_id="cb-lib-status")
                    with gr.Column():
                        # custom values allowed: delete_document checks the name itself, so an API client
                        # can delete a file uploaded after its session started
                        doc_pick = gr.Dropdown(label="Document file", choices=doc_choices(), value=None,
                                               allow_custom_value=True, elem_id="cb-doc-pick")
                        delete = gr.Button("Delete document", variant="stop", elem_id="cb-delete")
                        with gr.Row(visible=False) as confirm_row:  # deleting removes the user's file
                            really = gr.Button("Yes, delete the file", variant="stop", elem_id="cb-delete-yes")
                            keep = gr.Button("Keep it", elem_id="cb-delete-no")
                        rebuild_btn = gr.Button("Rebuild index", variant="primary", elem_id="cb-rebuild")
                        build_status = gr.HTML(elem_id="cb-build-status")
            with gr.Tab("Settings", id="settings"):
                # custom values allowed: set_model checks against the list as it is now (files come and go)
                model = gr.Dropdown(label="Answer model", choices=model_choices(settings), value=None,
                                    allow_custom_value=True,
                                    interactive=not settings.llm_url, elem_id="cb-model",
                                    info="GGUF files in the models folder (the list is read when you open "
                                         "it); used from the next question on.")
                model_status = gr.HTML()
                top_k = gr.Slider(1, 10, value=settings.top_k, step=1, label="Passages per question",
                                  info="More passages give more context but slower answers.",
                                  elem_id="cb-top-k")
                gr.Markdown("**Index**")
                stats = gr.HTML(elem_id="cb-stats")

        # Send: lock the box at once (not queued), answer (queued), unlock. Gradio's `cancels` is not used
        # for Stop: a question sent right after a cancelled event was sometimes never run.
        gr.on([question.submit, send.click], begin, None, [question, send, stop], queue=False,
              api_visibility="private", trigger_mode="once").then(
            ask, [question, top_k, turns], [chat, question, sources, details, turns], api_name="ask",
            show_progress="minimal", show_progress_on=[chat]).then(
            end, None, [question, send, stop], queue=False, api_visibility="private").then(
            None, js=FOCUS_QUESTION_JS)  # ready for the next question without a click
        # Not queued, so it never waits behind the question it stops.
        stop.click(stop_answer, None, None, api_visibility="private", queue=False)
        new_chat.click(clear, None, [chat, turns, sources, details, viewer], api_visibility="private")
        chat.clear(clear, None, [chat, turns, sources, details, viewer], api_visibility="private")
        sources.click(open_article, None, viewer, api_visibility="private").then(None, js=SCROLL_TO_HIT_JS)
        gr.api(article, api_name="article")

        rebuild_outputs = [build_status, library, doc_pick, stats]
        rebuild_btn.click(rebuild, None, rebuild_outputs, api_name="rebuild", concurrency_id="library",
                          concurrency_limit=1, show_progress_on=[build_status])
        upload.upload(add_documents, upload, [lib_status, library, doc_pick, upload],
                      api_name="add_documents", concurrency_id="library", concurrency_limit=1).then(
            rebuild, None, rebuild_outputs, api_visibility="private", concurrency_id="library",
            show_progress_on=[build_status])
        delete.click(ask_delete, doc_pick, [lib_status, confirm_row], api_visibility="private", queue=False)
        keep.click(lambda: (_message("Nothing deleted."), gr.Row(visible=False)), None, [lib_status, confirm_row],
                   api_visibility="private", queue=False)
        doc_pick.change(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private", queue=False)
        really.click(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private", queue=False)
        really.click(delete_document, doc_pick, [lib_status, library, doc_pick], api_name="delete_document",
                     concurrency_id="library", concurrency_limit=1).then(
            rebuild, None, rebuild_outputs, api_visibility="private", concurrency_id="library",
            show_progress_on=[build_status])
        model.input(set_model, model, [model_status, stats, model], api_name="set_model", concurrency_limit=1)
        demo.load(refresh, None, [library, doc_pick, stats], api_visibility="private")
        demo.load(models_dropdown, None, model, api_visibility="private")
        model.focus(models_dropdown, None, model, api_visibility="private", queue=False)
    demo.rebuilder = rebuilder  # type: ignore[attr-defined]  # for tests and serve()
    return demo


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
        ssr_mode=False, pwa=False, css=CSS, js=JS,
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
    _ = engine.embedder, engine.generator  # loaded now, not on the first question
    demo = build_app(engine, settings)
    launch(demo, settings, host, port, block=True)

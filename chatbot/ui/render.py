"""The app's HTML, as pure functions of the data shown: answers, the chat, sources, articles, library, stats.

Document text, titles, file names, questions and answers are untrusted. Every piece of text inserted into
the HTML goes through esc(), so an article cannot inject markup or script; the chat shows this HTML as
it is (no Markdown, no LaTeX).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..library import docs_files
from ..text import BOLD, earlier_question

if TYPE_CHECKING:
    from ..build import Report
    from ..store import Index

BADGES = {
    "generated": ("✔ generated and verified", "cb-ok"),
    "extractive": ("❝ quoted from the sources", "cb-quote"),
    "abstained": ("✖ not found", "cb-none"),
    "pending": ("… searching the documents", "cb-busy"),
    "generating": ("… writing and checking the answer", "cb-busy"),
    "stopped": ("■ stopped", "cb-busy"),
}

EMPTY_SOURCES = ('<div class="cb-sources"><p class="cb-empty">Ask a question: the passages behind the answer '
                 'appear here, with the supporting sentence highlighted.</p></div>')
EMPTY_VIEWER = ('<div class="cb-viewer"><p class="cb-empty">Click “Open article” on a source to read the '
                'whole article here.</p></div>')


def esc(text: Any) -> str:
    """Text as inert HTML: every <, >, &, quote escaped."""
    return html.escape(str(text), quote=True)


_MARKER = re.compile(r"\[(\d{1,3})\]")


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
    cited = {int(c["n"]): c for c in turn.get("citations", [])}

    def marker(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if cited and n not in cited:
            return m.group(0)
        c = cited.get(n)
        name = f"source {n}: {c.get('doc', '')}, {_snippet(c.get('quote', ''), 160)}" if c else f"source {n}"
        # the chat's sanitizer drops aria-label: app.js gives each marker its title as its accessible name
        return (f'<span class="cb-cite cb-ref-src-{t}-{n}" role="button" tabindex="0" '
                f'title="{esc(name)}">[{n}]</span>')

    parts = [f'<div class="cb-answer cb-mode-{esc(status)}">', _badge(status)]
    answer = turn.get("answer", "")
    if answer:
        text = BOLD.sub(r"<strong>\1</strong>", _MARKER.sub(marker, esc(answer)))
        parts.append(f'<div class="cb-text">{text}</div>')
    if status == "abstained" and turn.get("closest"):
        items = "".join(
            f'<li><span class="cb-cite cb-ref-src-{int(t)}-c{esc(p["n"])}" role="button" tabindex="0">'
            f'{esc(p["title"])}</span>: {esc(_snippet(p["text"]))}</li>'
            for p in turn["closest"][:3])
        parts.append('<div class="cb-closest">Closest passages (they do not answer the question):'
                     f"<ol>{items}</ol></div>")
    meta: list[str] = []  # plain text, escaped when joined
    if turn.get("standalone"):  # a follow-up read beside the earlier question says so in words, not 'Why? (after: …)'
        earlier = earlier_question(turn["standalone"])
        meta.append(f"read as a follow-up to: {earlier}" if earlier else f"understood as: {turn['standalone']}")
    if status == "stopped":
        meta.append("stopped before the answer was complete" if answer else "stopped before an answer was ready")
    if turn.get("done"):
        if turn.get("model") and status == "generated":
            meta.append(str(turn["model"]))
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
        parts.append(f'<div class="cb-meta">{" · ".join(esc(m) for m in meta)}</div>')
    stale = stale_note(turn)
    if stale:
        parts.append(f'<div class="cb-meta cb-warn">{esc(stale)}</div>')
    parts.append("</div>")
    return "".join(parts)


def stale_note(turn: dict[str, Any]) -> str:
    """What changed in the documents since a restored answer was given, or ''."""
    notes = []
    for kind, what in (("changed", "changed"), ("removed", "been removed")):
        ns = [str(c["n"]) for c in turn.get("citations", []) if c.get("stale") == kind]
        if ns:
            names = f"source {ns[0]}" if len(ns) == 1 else f"sources {', '.join(ns[:-1])} and {ns[-1]}"
            notes.append(f"the document of {names} has {what}" if len(ns) == 1 else
                         f"the documents of {names} have {what}")
    return ("Since this answer was given, " + "; ".join(notes) + ".") if notes else ""


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


def _open_button(doc: str, start: int, end: int, sha256: str = "") -> str:
    return (f'<button class="cb-open" type="button" data-doc="{esc(doc)}" data-start="{int(start)}" '
            f'data-end="{int(end)}" data-sha="{esc(sha256)}">Open article</button>')


_STALE = {"changed": '<div class="cb-warn">This document has changed since the answer was given.</div>',
          "removed": '<div class="cb-warn">This document has been removed from the library.</div>'}


def _marks(text: str, spans: Sequence[tuple[int, int, str, str]]) -> str:
    """The text escaped, each (start, end, attribute, value) span in a <mark attribute="value">; spans that
    do not fit (or overlap one before) are left unmarked."""
    out, at = [], 0
    for start, end, attribute, value in sorted(spans):
        if 0 <= at <= start < end <= len(text):
            out.append(f'{esc(text[at:start])}<mark {attribute}="{esc(value)}">{esc(text[start:end])}</mark>')
            at = end
    return "".join(out) + esc(text[at:])


def _cited_cards(t: int, turn: dict[str, Any]) -> list[str]:
    """One card per cited passage, in citation order; citations of the same passage share its card (each
    sentence marked), and the card answers to each of their [n] markers (data-cites)."""
    passages = {p["chunk_id"]: p for p in turn.get("passages", [])}
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in turn.get("citations", []):
        p = passages.get(c["chunk_id"])
        fits = p is not None and p["text"][c["start"] - p["start"]:c["end"] - p["start"]] == c["quote"]
        groups.setdefault(c["chunk_id"] if fits else f"quote-{c['n']}", []).append(c)
    cards = []
    for key, cs in groups.items():
        first, p = cs[0], passages.get(key)
        if p is not None:
            body = _marks(p["text"], [(c["start"] - p["start"], c["end"] - p["start"], "data-n", str(int(c["n"])))
                                      for c in cs])
        else:
            body = f'<mark data-n="{int(first["n"])}">{esc(first["quote"])}</mark>'
        refs = " ".join(f"src-{t}-{int(c['n'])}" for c in cs)
        nums = " ".join(f'<span class="cb-num cb-ref-src-{t}-{int(c["n"])}">[{int(c["n"])}]</span>' for c in cs)
        cards.append(
            f'<div class="cb-src" id="src-{t}-{int(first["n"])}" data-cites="{refs}">'
            f'<div class="cb-src-head">{nums} <span class="cb-title">{esc(first["title"])}</span></div>'
            f'<div class="cb-file">{esc(first["doc"])}</div>'
            f'{_STALE.get(first.get("stale", ""), "")}'
            f'<div class="cb-passage">{body}</div>'
            f'{_open_button(first["doc"], first["start"], first["end"], first.get("sha256", ""))}</div>')
    return cards


def _plain_card(card_id: str, p: dict[str, Any]) -> str:
    return (f'<div class="cb-src" id="{esc(card_id)}">'
            f'<div class="cb-src-head"><span class="cb-title">{esc(p["title"])}</span></div>'
            f'<div class="cb-file">{esc(p["doc"])}</div>'
            f'<div class="cb-passage">{esc(p["text"])}</div>'
            f'{_open_button(p["doc"], p["start"], p["end"])}</div>')


def render_sources(turns: Sequence[dict[str, Any]]) -> str:
    """The sources of each turn, newest first: a card per cited passage (number, title, file, the passage
    with the cited sentences marked), then the passages retrieved but not cited, folded."""
    if not turns:
        return EMPTY_SOURCES
    out = ['<div class="cb-sources">']
    for t in range(len(turns), 0, -1):
        turn = turns[t - 1]
        status = _status(turn, False)
        out.append(f'<details class="cb-turn" id="turn-{t}"{" open" if t == len(turns) else ""}>'
                   f'<summary>{esc(_snippet(turn["question"], 120))} {_badge(status)}</summary>')
        out += _cited_cards(t, turn)
        if status == "abstained" and turn.get("closest"):
            out.append('<p class="cb-empty">Not found. The closest passages (they do not answer it):</p>')
            out += [_plain_card(f"src-{t}-c{p['n']}", p) for p in turn["closest"]]
        elif not turn.get("citations"):
            out.append('<p class="cb-empty">No sources: the answer was not completed.</p>')
        if turn.get("citations"):
            cited = {c["chunk_id"] for c in turn["citations"]}
            more = [p for p in turn.get("passages", []) if p["chunk_id"] not in cited]
            if more:
                out.append(f'<details class="cb-more"><summary>More passages ({len(more)}): retrieved, not '
                           "cited</summary>" + "".join(_plain_card(f"more-{t}-{p['n']}", p) for p in more)
                           + "</details>")
        out.append("</details>")
    out.append("</div>")
    return "".join(out)


CHANGED = ("This article has changed since the answer was given: the marked sentence may not be the one "
           "the answer quoted. Ask again to cite the new version.")


def render_article(index: Index, doc: str, start: int, end: int, sha256: str = "") -> str:
    """The whole cleaned article, escaped, with the sentence start:end marked (id cb-hit); `sha256` is the
    article's hash when it was cited, to say so when the article has changed since."""
    rec = index.docs.get(doc)
    if rec is None:
        return (f'<div class="cb-viewer"><p class="cb-empty">{esc(doc)} is not in the index any more '
                "(deleted or not yet rebuilt).</p></div>")
    warnings = "".join(f' · <span class="cb-warn">{esc(w)}</span>' for w in rec.warnings())
    changed = f'<p class="cb-warn cb-changed">{esc(CHANGED)}</p>' if sha256 and sha256 != rec.sha256 else ""
    return (f'<div class="cb-viewer" data-doc="{esc(doc)}" tabindex="0" role="region" aria-label="Article">'
            f'<h3>{esc(rec.title)}</h3>'
            f'<div class="cb-file">{esc(doc)}{warnings}</div>{changed}'
            f'<div class="cb-article-text">{_marks(rec.text, [(int(start), int(end), "id", "cb-hit")])}</div>'
            "</div>")


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1000 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} MB"


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "—"


def render_library(index: Index | None, docs: Path, problem: str = "") -> str:
    """The indexed documents, the files waiting for a rebuild and the files skipped, with reasons."""
    files = docs_files(docs)
    out = []
    if problem:
        out.append(f'<p class="cb-warn">{esc(problem)}</p>')
    indexed = index.docs if index is not None else {}
    if indexed:
        chunks = sum(d.chunks for d in indexed.values())
        out.append(f"<p><b>{esc(len(indexed))}</b> document{'s' if len(indexed) != 1 else ''} indexed, "
                   f"<b>{esc(chunks)}</b> passages.</p>")
        out.append('<table class="cb-lib"><thead><tr><th>Title</th><th>File</th><th>Passages</th>'
                   "<th>Size</th><th>Indexed at</th><th>Warnings</th></tr></thead><tbody>")
        for doc_id, rec in sorted(indexed.items()):
            gone = "" if doc_id in files else ' <span class="cb-warn">(file deleted)</span>'
            warns = "<br>".join(f'<span class="cb-warn">{esc(w)}</span>' for w in rec.warnings())
            out.append(f"<tr><td>{esc(rec.title)}</td><td>{esc(doc_id)}{gone}</td>"
                       f'<td class="cb-num-cell">{esc(rec.chunks)}</td>'
                       f'<td class="cb-num-cell">{esc(_size(rec.size))}</td>'
                       f"<td>{esc(_when(rec.indexed_at))}</td><td>{warns}</td></tr>")
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


def render_stats(index: Index | None, generator: str, problem: str = "") -> str:
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

"""Answers to take away: an answer, or the whole conversation, as Markdown with its citations as footnotes.

Each [n] marker becomes a footnote reference ([^1], or [^2.1] for turn 2 in a conversation) whose note
names the document and quotes the cited sentence, so the text keeps its sources wherever it is pasted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_MARKER = re.compile(r"\[(\d{1,3})\]")
_MODES = {"generated": "written by the model, each sentence checked against its source",
          "extractive": "quoted from the documents", "abstained": "not found in the documents",
          "stopped": "stopped before it was complete"}


def _inline(text: str) -> str:
    """One line of plain text that cannot break the Markdown around it (an underscore inside a word, as in
    file names, is left alone: CommonMark never reads it as emphasis)."""
    return re.sub(r"([\\`*\[\]<>])", r"\\\1", " ".join(str(text).split()))


def answer_markdown(turn: dict[str, Any], label: str = "") -> str:
    """The answer of one turn with footnotes; label prefixes the footnote names (unique per conversation)."""
    cited = {int(c["n"]): c for c in turn.get("citations", [])}
    prefix = f"{label}." if label else ""

    def ref(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[^{prefix}{n}]" if n in cited else m.group(0)

    answer = turn.get("answer", "") or ""
    body = _MARKER.sub(ref, re.sub(r"([\\`<>])", r"\\\1", answer))  # keep the answer's **emphasis**
    mode = turn.get("mode", "")
    lines = [body.strip() or "(no answer)", ""]
    if mode in _MODES:
        lines += [f"*Answer {_MODES[mode]}.*", ""]
    used = sorted(n for n in cited if f"[^{prefix}{n}]" in body)
    for n in used:
        c = cited[n]
        lines.append(f"[^{prefix}{n}]: {_inline(c.get('title') or c['doc'])} ({_inline(c['doc'])}): "
                     f"“{_inline(c['quote'])}”")
    return "\n".join(lines).rstrip() + "\n"


def conversation_markdown(turns: Sequence[dict[str, Any]], title: str = "Conversation") -> str:
    """Every turn: the question as a heading, its answer and footnotes."""
    parts = [f"# {_inline(title)}", ""]
    for t, turn in enumerate(turns, 1):
        label = str(t) if len(turns) > 1 else ""
        parts += [f"## {_inline(turn.get('question', ''))}", "", answer_markdown(turn, label)]
    return "\n".join(parts).rstrip() + "\n"

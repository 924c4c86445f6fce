"""Conversations kept in the browser that asked them (Gradio's BrowserState: the page's localStorage,
encrypted), never on the server: the current one survives a reload, earlier ones are listed to reopen.

A conversation restored after the index changed says which citations point at documents that changed
or were removed since the answer was given (each citation carries its document's sha256).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

EARLIER_MAX = 10  # earlier conversations kept per browser
KEEP = ("question", "answer", "mode", "citations", "passages", "closest", "removed", "model", "done",
        "standalone")  # what a restored turn needs to be shown again (not the gate's evidence or raw output)


def empty() -> dict[str, Any]:
    return {"current": [], "earlier": []}


def slim(turn: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: turn[k] for k in KEEP if k in turn}
    total = (turn.get("timings") or {}).get("total")
    if total is not None:
        out["timings"] = {"total": total}
    return out


def remember(saved: Mapping[str, Any] | None, turns: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The stored value with `turns` as the current conversation."""
    saved = dict(saved or empty())
    return {"current": [slim(t) for t in turns if t.get("done")], "earlier": list(saved.get("earlier", []))}


def archive(saved: Mapping[str, Any] | None, turns: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """New conversation: the current one joins the earlier ones (newest first), and a fresh one starts."""
    earlier = list((saved or {}).get("earlier", []))
    kept = [slim(t) for t in turns if t.get("done")]
    if kept:
        earlier.insert(0, {"title": str(kept[0]["question"])[:80], "when": time.time(), "turns": kept})
    return {"current": [], "earlier": earlier[:EARLIER_MAX]}


def reopen(saved: Mapping[str, Any] | None, turns: Sequence[Mapping[str, Any]], pick: int
           ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Earlier conversation number `pick` becomes the current one; the current one is archived."""
    stored = archive(saved, turns)
    earlier = stored["earlier"]
    offset = 1 if any(t.get("done") for t in turns) else 0  # archive() put the current one first
    index = pick + offset
    if not 0 <= index < len(earlier):
        return stored, []
    chosen = earlier.pop(index)
    return {"current": chosen["turns"], "earlier": earlier}, list(chosen["turns"])


def choices(saved: Mapping[str, Any] | None) -> list[tuple[str, int]]:
    """(label, number) of the earlier conversations, for a dropdown."""
    out = []
    for i, c in enumerate((saved or {}).get("earlier", [])):
        when = time.strftime("%d %b %H:%M", time.localtime(c.get("when", 0)))
        n = len(c.get("turns", []))
        out.append((f"{when} · {c.get('title', '')} ({n} question{'s' if n != 1 else ''})", i))
    return out


def mark_stale(turns: Sequence[Mapping[str, Any]], documents: Mapping[str, str]) -> list[dict[str, Any]]:
    """The turns with each citation's document checked against the index now (`documents`: name -> sha256):
    a citation gets "stale": "changed" or "removed" when its document is no longer the one it quoted."""
    out = []
    for turn in turns:
        citations = []
        for c in turn.get("citations", []):
            c = {k: v for k, v in c.items() if k != "stale"}
            now = documents.get(c.get("doc", ""))
            if now is None:
                c["stale"] = "removed"
            elif c.get("sha256") and now != c["sha256"]:
                c["stale"] = "changed"
            citations.append(c)
        out.append({**turn, "citations": citations})
    return out

"""What an answer is: its text with [n] markers, the citations those point at, the mode, and what was seen on
the way (passages, the gate's evidence, the model's raw reply, the sentences the checks removed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .retrieve import Hit


@dataclass(frozen=True)
class Citation:
    n: int
    doc: str
    title: str
    chunk_id: str
    start: int  # the supporting sentence, as character offsets in the cleaned document
    end: int
    quote: str
    sha256: str = ""  # the cited document's hash when the answer was made (the viewer warns if it changed)


@dataclass
class Result:
    question: str
    answer: str = ""
    mode: str = "pending"  # generated | extractive | abstained (pending/generating while streaming)
    citations: list[Citation] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    passages: list[dict[str, Any]] = field(default_factory=list)
    closest: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    model: str = ""
    done: bool = False
    standalone: str = ""  # the question as it was searched and answered, when a follow-up was rewritten
    evidence: dict[str, Any] = field(default_factory=dict)  # what the answerability gate saw
    raw: str = ""  # what the model wrote, before any check

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def passage_dict(n: int, hit: Hit) -> dict[str, Any]:
    return {"n": n, **hit.to_dict(), "similarity": round(hit.similarity, 4)}


def cited(sentences: Sequence[tuple[str, Sequence[Citation]]]) -> tuple[str, list[Citation]]:
    """The sentences with [n] markers, and their citations numbered in order of first use, each listed once."""
    seen: dict[tuple[str, int], Citation] = {}
    out = []
    for text, cites in sentences:
        marks = []
        for c in cites:
            key = (c.doc, c.start)
            if key not in seen:
                seen[key] = replace(c, n=len(seen) + 1)
            marks.append(f"[{seen[key].n}]")
        body = text.rstrip()
        end = body[-1] if body and body[-1] in ".!?" else "."
        body = body[:-1] if body and body[-1] in ".!?" else body
        out.append(f"{body} {''.join(dict.fromkeys(marks))}{end}")
    return " ".join(out), list(seen.values())

"""5b. Retrieval on our own question sets: dense, BM25 and hybrid side by side, as msmarco is in 5.

The seeds (4 articles, 92 questions) and the news corpus (48 BBC articles, 222 questions) are indexed with
the benchmark's embedder; per mode: is a passage holding the answer among the top k (what the answering
model can read), is the hand-labelled source document first, and the mean reciprocal rank of that document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chatbot import store
from chatbot.build import build
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.evaluate import read_questions, retrieval_metrics
from chatbot.settings import Settings

from .common import REPO

SETS = {
    "seeds": (REPO / "seeds", REPO / "tests" / "data" / "questions" / "seeds.jsonl"),
    "news": (REPO / "tests" / "data" / "news", REPO / "tests" / "data" / "questions" / "news.jsonl"),
}


def section_question_sets(embedder: SentenceTransformerEmbedder, tmp: Path) -> dict[str, Any]:
    k = Settings().top_k
    out: dict[str, Any] = {"k": k}
    for name, (docs, questions) in SETS.items():
        settings = Settings(docs=docs, index=tmp / f"{name}-quality-index")
        build(settings, rebuild=True, embedder=embedder)
        out[name] = retrieval_metrics(store.load(settings.index), embedder, read_questions(questions), k)
    return out

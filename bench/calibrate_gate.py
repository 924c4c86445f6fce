"""Calibrate the answerability gate (chatbot.answer.GATE_MIN_SIMILARITY) on data.

Positives: the answerable seed dev questions. Negatives: the dev questions with no answer plus the 50
msmarco queries (all off-topic for the seed articles). The feature is the best cosine similarity between
the question and the retrieved passages. The threshold maximizes balanced accuracy; among equally good
thresholds it takes the middle of the widest gap.

Run: .venv/bin/python bench/calibrate_gate.py
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from chatbot import store
from chatbot.build import build
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.evaluate import read_questions
from chatbot.retrieve import search
from chatbot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/work/shared/eval/seeds_dev.jsonl")
MSMARCO = Path("/work/shared/bench/msmarco/queries.jsonl")


def main() -> None:
    embedder = SentenceTransformerEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        shutil.copytree(ROOT / "seeds", docs)
        settings = replace(Settings(), docs=docs, index=Path(tmp) / "index")
        build(settings, embedder=embedder)
        index = store.load(settings.index)

        def best(q: str) -> float:
            return max((h.similarity for h in search(index, embedder, q, k=settings.top_k)), default=0.0)

        dev = read_questions(DEV)
        pos = sorted(best(q.question) for q in dev if q.answers)
        neg_texts = [q.question for q in dev if not q.answers]
        neg_texts += [json.loads(line)["text"] for line in MSMARCO.open()]
        neg = sorted(best(t) for t in neg_texts)

    values = sorted(set(pos + neg))
    cuts = [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]

    def balanced(t: float) -> float:
        return (sum(p >= t for p in pos) / len(pos) + sum(n < t for n in neg) / len(neg)) / 2

    top = max(balanced(t) for t in cuts)
    best_cuts = [t for t in cuts if balanced(t) == top]
    gaps = [(min((v for v in values if v > t), default=t) - max((v for v in values if v < t), default=t), t)
            for t in best_cuts]
    threshold = max(gaps)[1]
    print(f"answerable (n={len(pos)}): min {pos[0]:.3f} median {pos[len(pos) // 2]:.3f}")
    print(f"no answer  (n={len(neg)}): max {neg[-1]:.3f}; above {threshold:.3f}: "
          f"{[round(n, 3) for n in neg if n >= threshold]}")
    print(f"threshold {threshold:.3f}: balanced accuracy {top:.3f}")


if __name__ == "__main__":
    main()

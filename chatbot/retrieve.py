"""Find the chunks that answer a query: dense (FAISS), BM25 (bm25s), or both fused.

Hybrid fusion is a convex combination of min-max normalized scores over the union of both candidate
lists: 0.65 dense + 0.35 BM25. Measured (bench/fusion.md): on the seed questions it keeps BM25's
perfect hit@5 (dense: 0.94), on msmarco nDCG@10 0.706 vs dense 0.700 and BM25 0.613; reciprocal rank
fusion was worse than dense on msmarco at every weight tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from . import lexical
from .chunk import Chunk
from .errors import ChatbotError

if TYPE_CHECKING:
    from .embed import Embedder
    from .store import Index

MODES = ("hybrid", "dense", "bm25")
BM25_WEIGHT = 0.35
DEPTH = 50  # candidates taken from each retriever before fusion


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    similarity: float  # cosine similarity of query and chunk (the answerability signal)
    bm25: float
    doc_sha256: str = ""  # the document's hash when it was indexed: a citation says which version it quotes

    def to_dict(self) -> dict[str, Any]:
        c = self.chunk
        return {"doc": c.doc, "title": c.title, "chunk_id": c.chunk_id, "start": c.start, "end": c.end,
                "score": round(float(self.score), 6), "text": c.text}


def search(index: Index, embedder: Embedder | None, query: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
    """The k best chunks for the query. Hybrid fuses min-max normalized dense and BM25 scores (see above)."""
    if mode not in MODES:
        raise ChatbotError(f"Unknown search mode {mode!r}; use one of {', '.join(MODES)}")
    if not index.chunks or not query.strip():
        return []
    sims: dict[int, float] = {}
    words: dict[int, float] = {}
    depth = max(DEPTH, k)
    qvec = None
    if mode in ("dense", "hybrid"):
        if embedder is None:
            raise ChatbotError("Dense search needs the embedding model")
        qvec = embedder.encode([query])
        scores, ids = index.faiss_index.search(qvec, min(depth, index.faiss_index.ntotal))
        ranked = [int(i) for i in ids[0] if i >= 0]
        sims.update(zip(ranked, map(float, scores[0]), strict=False))
    if mode in ("bm25", "hybrid") and index.bm25 is not None:
        scores = lexical.scores(index.bm25, query)
        if scores.size:
            top = np.argsort(-scores)[:depth]
            words.update((index.chunks[int(p)].id, float(scores[p])) for p in top if scores[p] > 0)
    if mode == "bm25":
        fused = dict(words)
    elif mode == "dense":
        fused = dict(sims)
    else:
        nd, nb = _minmax(sims), _minmax(words)
        fused = {c: (1 - BM25_WEIGHT) * nd.get(c, 0.0) + BM25_WEIGHT * nb.get(c, 0.0) for c in nd.keys() | nb.keys()}
    best = sorted(fused, key=lambda cid: -fused[cid])[:k]
    if qvec is not None:
        missing = [cid for cid in best if cid not in sims]
        for cid in missing:
            sims[cid] = float(np.dot(index.faiss_index.reconstruct(cid), qvec[0]))
    return [Hit(index.by_id[cid], fused[cid], sims.get(cid, 0.0), words.get(cid, 0.0), _doc_hash(index, cid))
            for cid in best]


def _doc_hash(index: Index, chunk_id: int) -> str:
    record = index.docs.get(index.by_id[chunk_id].doc)
    return record.sha256 if record else ""


def _minmax(scores: dict[int, float]) -> dict[int, float]:
    """Scale scores to 0..1. {1: 2.0, 2: 4.0} -> {1: 0.0, 2: 1.0}"""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    return {c: (v - lo) / (hi - lo + 1e-9) for c, v in scores.items()}

"""Find the chunks that answer a query: dense (FAISS or Milvus), BM25 (bm25s), or both fused.

Hybrid fusion is a convex combination of min-max normalized scores over the union of both candidate
lists, with BM25's weight set per query: 0.25, plus 0.6 x how much more sharply BM25's best candidate
stands out from its tenth than dense's does (a question that reuses an article's words has a peaked BM25
ranking), kept within 0.1..0.8. Measured (answer in the top 4 passages / msmarco nDCG@10):
seeds 0.890 (dense 0.658, BM25 0.904, fixed 0.35 weight 0.849); news 0.995 (0.980, 0.990, 0.990);
msmarco 0.705 (0.700, 0.616, 0.704). Tuned on the calibration halves (0.971 vs BM25 0.963); reciprocal
rank fusion was worse than dense on msmarco at every constant and weight tried.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
BM25_WEIGHT = 0.25  # BM25's weight in the fusion when neither ranking is more peaked than the other
ADAPT = 0.6  # how far the weight follows the difference in peakedness
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
        scores, ids = index.vectors.search(qvec, min(depth, index.vectors.ntotal))
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
        nd, nb, w = _minmax(sims), _minmax(words), bm25_weight(sims, words)
        fused = {c: (1 - w) * nd.get(c, 0.0) + w * nb.get(c, 0.0) for c in nd.keys() | nb.keys()}
    best = sorted(fused, key=lambda cid: -fused[cid])[:k]
    if qvec is not None:
        missing = [cid for cid in best if cid not in sims]
        for cid in missing:
            sims[cid] = float(np.dot(index.vectors.reconstruct(cid), qvec[0]))
    return [Hit(index.by_id[cid], fused[cid], sims.get(cid, 0.0), words.get(cid, 0.0), _doc_hash(index, cid))
            for cid in best]


def first_match(index: Index, embedder: Embedder, query: str, docs: set[str], matches: Callable[[str], bool]
                ) -> Hit | None:
    """The first chunk of these documents whose text `matches`, as a hit for the query (no search score): the
    passage a search may rank below others that repeat the query's rare word ('TTP' is in most passages of
    an article about it; one spells it out, usually where the article first uses it)."""
    chunk = next((c for c in index.chunks if c.doc in docs and matches(c.text)), None)
    if chunk is None:
        return None
    similarity = float(np.dot(index.vectors.reconstruct(chunk.id), embedder.encode([query])[0]))
    return Hit(chunk, 0.0, similarity, 0.0, _doc_hash(index, chunk.id))


def openings(index: Index, docs: Sequence[str] | None = None, passages: int = 2, last: bool = False) -> list[Hit]:
    """The first `passages` chunks of each of these documents (all of them when None), or the last ones, in
    document order then text order, as hits without search scores: where an article says what it is about,
    and what it concludes."""
    wanted = None if docs is None else set(docs)
    mine = [c for c in index.chunks if wanted is None or c.doc in wanted]
    ends = {c.doc: c.index for c in sorted(mine, key=lambda c: c.index)}  # each document's last chunk
    chunks = sorted((c for c in mine if (ends[c.doc] - c.index if last else c.index) < passages),
                    key=lambda c: (c.doc, c.index))
    return [Hit(c, 0.0, 0.0, 0.0, _doc_hash(index, c.id)) for c in chunks]


def _doc_hash(index: Index, chunk_id: int) -> str:
    record = index.docs.get(index.by_id[chunk_id].doc)
    return record.sha256 if record else ""


def bm25_weight(dense: dict[int, float], bm25: dict[int, float]) -> float:
    """BM25's weight for this query: larger when its best candidate stands out more than dense's does."""
    if len(bm25) < 3:
        return BM25_WEIGHT
    return min(0.8, max(0.1, BM25_WEIGHT + ADAPT * (_peak(bm25) - _peak(dense))))


def _peak(scores: dict[int, float]) -> float:
    """How far the best score stands above the tenth, relative to the best. [10, 9, ..., 1] -> 0.9"""
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or ranked[0] == 0:
        return 0.0
    return (ranked[0] - ranked[min(9, len(ranked) - 1)]) / abs(ranked[0])


def _minmax(scores: dict[int, float]) -> dict[int, float]:
    """Scale scores to 0..1. {1: 2.0, 2: 4.0} -> {1: 0.0, 2: 1.0}"""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    return {c: (v - lo) / (hi - lo + 1e-9) for c, v in scores.items()}


def titled(hits: Sequence[Hit]) -> list[str]:
    """For each passage: its document's title and the passage."""
    return [f"{h.chunk.title}\n\n{h.chunk.text}" for h in hits]


def article(hit: Hit, index: Index) -> str:
    """The passage's document: its title and text (the passage alone when the document is gone)."""
    doc = index.docs.get(hit.chunk.doc)
    return f"{hit.chunk.title}\n\n{hit.chunk.text if doc is None else doc.text}"

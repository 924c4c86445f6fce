"""3. Retrieval latency: every search mode and the query embedding alone, per msmarco query."""

from __future__ import annotations

import time
from typing import Any

from chatbot import store
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.retrieve import MODES, search

from .common import SEARCH_PASSES, med, pct


def section_retrieval(index: store.Index, embedder: SentenceTransformerEmbedder, queries: list[str],
                      k: int) -> dict[str, Any]:
    for q in queries[:10]:
        for mode in MODES:
            search(index, embedder, q, k=k, mode=mode)  # warm-up
    per_pass: dict[str, list[dict[str, float]]] = {m: [] for m in [*MODES, "query_embedding"]}
    for _ in range(SEARCH_PASSES):
        times: dict[str, list[float]] = {m: [] for m in per_pass}
        for q in queries:
            for mode in MODES:
                t = time.perf_counter()
                search(index, embedder, q, k=k, mode=mode)
                times[mode].append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            embedder.encode([q])
            times["query_embedding"].append((time.perf_counter() - t) * 1000)
        for m, ts in times.items():
            per_pass[m].append({"p50": pct(ts, 50), "p95": pct(ts, 95)})
    return {m: {"p50_ms": med([p["p50"] for p in ps]), "p95_ms": med([p["p95"] for p in ps]), "passes": ps}
            for m, ps in per_pass.items()} | {"queries": len(queries), "passes": SEARCH_PASSES,
                                              "chunks": len(index.chunks), "k": k}

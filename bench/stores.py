"""8. Vector stores: FAISS files against Milvus Lite, side by side on the msmarco passages.

Full builds with the same embedder (alternating), the time to load the index, the p50 of one vector search
(the 50 candidates that dense and hybrid retrieval take) and of whole dense and hybrid searches (query
encoding included), and nDCG@10 dense and hybrid. BM25 and the fusion are ours on both stores.

    python -m bench --only stores      # this section alone (about 3 minutes), printed and in results-stores.json
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from chatbot import milvus_store, store
from chatbot.build import build
from chatbot.embed import Embedder
from chatbot.evaluate import beir_metrics, read_beir
from chatbot.retrieve import DEPTH, search
from chatbot.settings import Settings

from .common import MSMARCO, QUICK, SEARCH_PASSES, log, med, pct

STORES = ("faiss", "milvus")
ROUNDS = 1 if QUICK else 2


def section_stores(embedder: Embedder, msmarco: Settings, tmp: Path) -> dict[str, Any]:
    settings = {name: replace(msmarco, index=tmp / f"store-{name}", store=name) for name in STORES}
    builds: dict[str, list[float]] = {name: [] for name in STORES}
    chunks = 0
    for _ in range(ROUNDS):
        for name in STORES:
            t = time.perf_counter()
            chunks = build(settings[name], rebuild=True, embedder=embedder).chunks
            builds[name].append(time.perf_counter() - t)
            log(f"  full build on {name}: {builds[name][-1]:.1f} s ({chunks:,} chunks)")
    queries = list(read_beir(MSMARCO)[1].values())
    qvecs = embedder.encode(queries)
    out: dict[str, Any] = {"rounds": ROUNDS, "chunks": chunks, "queries": len(queries), "embedder": embedder.name}
    for name in STORES:
        milvus_store.close()  # every load below opens its database afresh
        t = time.perf_counter()
        index = store.load(settings[name].index, settings[name])
        load_s = time.perf_counter() - t
        vector_ms, dense_ms, hybrid_ms = [], [], []
        for _ in range(SEARCH_PASSES):
            for q, qvec in zip(queries, qvecs, strict=True):
                t = time.perf_counter()
                index.vectors.search(qvec[None, :], DEPTH)
                vector_ms.append((time.perf_counter() - t) * 1000)
                for mode, times in (("dense", dense_ms), ("hybrid", hybrid_ms)):
                    t = time.perf_counter()
                    search(index, embedder, q, k=10, mode=mode)
                    times.append((time.perf_counter() - t) * 1000)
        quality = beir_metrics(index, embedder, MSMARCO, modes=("dense", "hybrid"))
        out[name] = {"build_s": med(builds[name]), "builds_s": builds[name], "load_s": load_s,
                     "vector_search_p50_ms": pct(vector_ms, 50), "dense_p50_ms": pct(dense_ms, 50),
                     "hybrid_p50_ms": pct(hybrid_ms, 50), "dense_ndcg@10": quality["dense"]["ndcg@10"],
                     "hybrid_ndcg@10": quality["hybrid"]["ndcg@10"], "vectors": index.manifest["vectors"]}
        log(f"  {name}: vector search p50 {out[name]['vector_search_p50_ms']:.2f} ms, "
            f"dense nDCG@10 {out[name]['dense_ndcg@10']:.4f}")
        del index
    milvus_store.close()
    return out

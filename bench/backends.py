"""7. Embedding backends: the default (MiniLM as an int8 ONNX file, run by onnxruntime) against torch.

Full builds of the msmarco passages with each backend, alternating in the same run, then nDCG@10 of each
index, the encode time of one query, and how close the vectors are (cosine to torch on the chunk texts)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from chatbot import store
from chatbot.build import build
from chatbot.embed import OnnxEmbedder, SentenceTransformerEmbedder, load_embedder
from chatbot.evaluate import beir_metrics, read_beir
from chatbot.settings import Settings

from .common import BACKEND_ROUNDS, MSMARCO, log, med, pct


def section_backends(torch_embedder: SentenceTransformerEmbedder, msmarco: Settings, tmp: Path,
                     torch_quality: dict[str, Any]) -> dict[str, Any]:
    t = time.perf_counter()
    onnx = load_embedder("default")  # made from the packaged weights on first use (make setup does it)
    assert isinstance(onnx, OnnxEmbedder)
    load_s = time.perf_counter() - t
    onnx.encode(["warm-up"] * 64)
    embedders = {"torch": torch_embedder, "onnx-int8": onnx}
    builds: dict[str, list[float]] = {name: [] for name in embedders}
    for _ in range(BACKEND_ROUNDS):
        for name, embedder in embedders.items():
            settings = Settings(docs=msmarco.docs, index=tmp / f"backend-{name}")
            t = time.perf_counter()
            report = build(settings, rebuild=True, embedder=embedder)
            builds[name].append(time.perf_counter() - t)
            log(f"  full build with {name}: {builds[name][-1]:.1f} s ({report.chunks:,} chunks)")
    index = store.load(tmp / "backend-onnx-int8")
    quality = beir_metrics(index, onnx, MSMARCO, modes=("dense", "hybrid"))
    texts = [c.text for c in index.chunks][:2000]
    cosine = np.sum(onnx.encode(texts) * torch_embedder.encode(texts), axis=1)
    queries = list(read_beir(MSMARCO)[1].values())
    out: dict[str, Any] = {"rounds": BACKEND_ROUNDS, "chunks": len(index.chunks), "onnx_load_s": load_s,
                           "onnx_sha256": onnx.sha256, "cosine_sample": len(texts),
                           "cosine_mean": float(cosine.mean()), "cosine_min": float(cosine.min())}
    for name, embedder in embedders.items():
        times = []
        for q in queries:
            t = time.perf_counter()
            embedder.encode([q])
            times.append((time.perf_counter() - t) * 1000)
        q_ = torch_quality if name == "torch" else quality
        out[name] = {"build_s": med(builds[name]), "builds_s": builds[name], "query_p50_ms": pct(times, 50),
                     "dense_ndcg@10": q_["dense"]["ndcg@10"], "hybrid_ndcg@10": q_["hybrid"]["ndcg@10"]}
    out["speedup"] = out["torch"]["build_s"] / out["onnx-int8"]["build_s"]
    out["dense_ndcg_delta"] = out["onnx-int8"]["dense_ndcg@10"] - out["torch"]["dense_ndcg@10"]
    return out

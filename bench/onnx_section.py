"""7. ONNX embedding (optional): MiniLM through onnxruntime, fp32 and int8, against torch."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from chatbot import store
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.evaluate import beir_metrics, read_beir

from .common import MSMARCO, ONNX, ONNX_PATH, ONNX_ROUNDS, ONNX_SAMPLE, log, med, pct

Encoder = Callable[[Sequence[str]], np.ndarray]


def section_onnx(embedder: SentenceTransformerEmbedder, texts: list[str], index: store.Index, tmp: Path
                 ) -> dict[str, Any]:
    if not ONNX:
        return {"status": "skipped (BENCH_ONNX=0)"}
    if ONNX_PATH.is_dir() and str(ONNX_PATH) not in sys.path:
        sys.path.append(str(ONNX_PATH))  # after the venv, so it can only add packages, never replace them
    try:
        import onnx
        import onnxruntime
    except ImportError as e:
        return {"status": f"not run: {e}. optimum[onnxruntime] cannot be installed beside this project "
                          "(optimum-onnx 0.1.0 needs transformers<4.58, the project has 5.x); onnxruntime and "
                          f"onnx alone can: pip install --target {ONNX_PATH} --no-deps onnxruntime onnx "
                          "flatbuffers protobuf ml_dtypes"}
    from .onnx_embed import OnnxEmbedder, export, quantize

    out: dict[str, Any] = {"status": "ok", "onnxruntime": onnxruntime.__version__, "onnx": onnx.__version__,
                           "how": "torch.onnx export (opset 17) of the packaged MiniLM, run by onnxruntime CPU; "
                                  "int8 = onnxruntime dynamic quantization of the weights"}
    t = time.perf_counter()
    path = export(embedder.model, tmp / "onnx")
    out["export_s"] = time.perf_counter() - t
    t = time.perf_counter()
    int8_path = quantize(path)
    out["quantize_s"] = time.perf_counter() - t
    variants = {"onnx_fp32": OnnxEmbedder(embedder.model, path, "onnx-fp32"),
                "onnx_int8": OnnxEmbedder(embedder.model, int8_path, "onnx-int8")}
    texts = [c.text for c in index.chunks]  # in the order of the index's ids below
    encoders: dict[str, Encoder] = {"torch": embedder.encode, **{name: v.encode for name, v in variants.items()}}
    for enc in encoders.values():
        enc(texts[:64])
    sample, speeds, sample_vectors = _throughput(encoders, texts)
    query_ms = _query_latency(encoders)
    # Quality: the whole corpus re-encoded (skipped for a variant whose vectors equal torch's on the sample)
    torch_quality = beir_metrics(index, embedder, MSMARCO, modes=("dense", "hybrid"))
    for name, v in variants.items():
        row = {"chunks_per_s": med(speeds[name]), "speedup_vs_torch": med(speeds[name]) / med(speeds["torch"]),
               "rounds": speeds[name], "query_p50_ms": query_ms[name]}
        out[name] = row | _variant_quality(name, v, sample_vectors, torch_quality, texts, index)
    out["torch"] = {"chunks_per_s": med(speeds["torch"]), "rounds": speeds["torch"], "query_p50_ms": query_ms["torch"],
                    "dense_ndcg@10": torch_quality["dense"]["ndcg@10"],
                    "hybrid_ndcg@10": torch_quality["hybrid"]["ndcg@10"]}
    out["sample"] = len(sample)
    out["texts"] = len(texts)
    out["rounds"] = ONNX_ROUNDS
    return out


def _throughput(encoders: dict[str, Encoder], texts: list[str]
                ) -> tuple[list[str], dict[str, list[float]], dict[str, np.ndarray]]:
    """Interleaved rounds over a sample of the chunk texts (the full corpus takes minutes per pass)."""
    from .onnx_embed import timed_encode

    sample = texts[:: max(1, len(texts) // ONNX_SAMPLE)][:ONNX_SAMPLE]
    speeds: dict[str, list[float]] = {name: [] for name in encoders}
    sample_vectors: dict[str, np.ndarray] = {}
    for _ in range(ONNX_ROUNDS):
        for name, enc in encoders.items():
            vec, seconds = timed_encode(enc, sample)
            sample_vectors[name] = vec
            speeds[name].append(len(sample) / seconds)
        log(f"  encode {len(sample)} chunks: " + ", ".join(f"{n} {v[-1]:.1f}/s" for n, v in speeds.items()))
    return sample, speeds, sample_vectors


def _query_latency(encoders: dict[str, Encoder]) -> dict[str, float]:
    """p50 ms of one short msmarco query per call, as in search."""
    queries = list(read_beir(MSMARCO)[1].values())
    query_ms = {}
    for name, enc in encoders.items():
        times = []
        for q in queries:
            t = time.perf_counter()
            enc([q])
            times.append((time.perf_counter() - t) * 1000)
        query_ms[name] = pct(times, 50)
    return query_ms


def _variant_quality(name: str, v: Any, sample_vectors: dict[str, np.ndarray], torch_quality: dict[str, Any],
                     texts: list[str], index: store.Index) -> dict[str, Any]:
    """Cosine to torch on the sample, and nDCG@10 (the whole corpus re-encoded unless the vectors equal torch's)."""
    import faiss

    from .onnx_embed import timed_encode

    cos = np.sum(sample_vectors[name] * sample_vectors["torch"], axis=1)
    row: dict[str, Any] = {"cosine_to_torch_mean": float(cos.mean()), "cosine_to_torch_min": float(cos.min())}
    if cos.min() > 0.9999:
        return row | {"dense_ndcg@10": torch_quality["dense"]["ndcg@10"],
                      "hybrid_ndcg@10": torch_quality["hybrid"]["ndcg@10"], "ndcg_note": "vectors equal torch's"}
    vectors, seconds = timed_encode(v.encode, texts)
    log(f"  {name}: whole corpus re-encoded in {seconds:.0f} s for nDCG")
    ids = np.array([c.id for c in index.chunks], dtype=np.int64)
    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(v.dim))
    flat.add_with_ids(vectors, ids)
    qm = beir_metrics(dataclasses.replace(index, faiss_index=flat), v, MSMARCO, modes=("dense", "hybrid"))
    return row | {"dense_ndcg@10": qm["dense"]["ndcg@10"], "hybrid_ndcg@10": qm["hybrid"]["ndcg@10"],
                  "ndcg_note": "whole corpus re-encoded"}

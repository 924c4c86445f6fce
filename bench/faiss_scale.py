"""3b. FAISS at scale: exact, HNSW and IVF indexes on synthetic clustered unit vectors."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from .common import FAISS_QUERIES, FAISS_SIZES, FLAT_BUDGET_MS, FLAT_LATENCY_QUERIES, HNSW_MAX, log, med


def synthetic_vectors(n: int, nq: int, dim: int = 384, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors with cluster structure: a 1,000-component Gaussian mixture in 32 latent dimensions,
    projected to dim and blurred with isotropic noise. Top-1 cosine of a query is about 0.5 and its 10th
    neighbour about 0.45, close to MiniLM on msmarco; a random pair is about 0.
    """
    rng = np.random.default_rng(seed)
    latent = 32
    centers = rng.standard_normal((1000, latent), dtype=np.float32)
    proj = rng.standard_normal((latent, dim), dtype=np.float32) / np.float32(np.sqrt(dim))

    def draw(m: int, r: np.random.Generator) -> np.ndarray:
        z = centers[r.integers(len(centers), size=m)] + r.standard_normal((m, latent), dtype=np.float32)
        x = z @ proj + np.float32(0.3) * r.standard_normal((m, dim), dtype=np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x

    base = np.empty((n, dim), dtype=np.float32)
    r = np.random.default_rng(seed + 1)
    for i in range(0, n, 100_000):
        base[i : i + 100_000] = draw(min(100_000, n - i), r)
    return base, draw(nq, np.random.default_rng(seed + 2))


def per_query_ms(index: Any, queries: np.ndarray, k: int = 10) -> tuple[list[float], np.ndarray]:
    times, ids = [], []
    for q in queries:
        t = time.perf_counter()
        _, i = index.search(q[None, :], k)
        times.append((time.perf_counter() - t) * 1000)
        ids.append(i[0])
    return times, np.vstack(ids)


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(a.tolist()) & set(b.tolist())) / truth.shape[1] for a, b in zip(found, truth,
                                                                                                  strict=True)]))


def section_faiss() -> dict[str, Any]:
    import faiss

    dim = 384
    biggest = max(FAISS_SIZES)
    t = time.perf_counter()
    base, queries = synthetic_vectors(biggest, FAISS_QUERIES, dim)
    log(f"  {biggest:,} synthetic vectors in {time.perf_counter() - t:.1f} s")
    rows = []
    for n in FAISS_SIZES:
        xb = base[:n]
        flat = faiss.IndexFlatIP(dim)
        flat.add(xb)
        _, truth = flat.search(queries, 10)  # batched ground truth
        lat_q = queries if n < 1_000_000 else queries[:FLAT_LATENCY_QUERIES]
        per_query_ms(flat, lat_q[:5])
        flat_ms = [med(per_query_ms(flat, lat_q)[0]) for _ in range(3 if n < 1_000_000 else 1)]
        row: dict[str, Any] = {"n": n, "flat_p50_ms": med(flat_ms), "flat_runs": flat_ms,
                               "flat_memory_mb": n * dim * 4 / 1e6, "approx": []}
        log(f"  {n:,}: flat p50 {row['flat_p50_ms']:.2f} ms")
        del flat
        if n <= HNSW_MAX:
            t = time.perf_counter()
            hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            hnsw.add(xb)
            build_s = time.perf_counter() - t
            for ef in (64, 128):
                hnsw.hnsw.efSearch = ef
                runs = [per_query_ms(hnsw, queries) for _ in range(3)]
                row["approx"].append({"index": f"HNSW32 efSearch={ef}", "build_s": build_s,
                                      "p50_ms": med([med(r[0]) for r in runs]),
                                      "recall@10": recall_at(runs[0][1], truth),
                                      "memory_mb": n * (dim * 4 + 32 * 2 * 4 * 1.05) / 1e6})
            log(f"  {n:,}: HNSW built in {build_s:.1f} s")
            del hnsw
        nlist = int(2 ** round(np.log2(np.sqrt(n))))
        t = time.perf_counter()
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        sample = xb[np.random.default_rng(3).choice(n, size=min(n, 64 * nlist), replace=False)]
        ivf.cp.niter = 10
        ivf.train(sample)
        ivf.add(xb)
        build_s = time.perf_counter() - t
        for nprobe in (16, 64):
            ivf.nprobe = nprobe
            runs = [per_query_ms(ivf, queries) for _ in range(3)]
            row["approx"].append({"index": f"IVF{nlist},Flat nprobe={nprobe}", "build_s": build_s,
                                  "p50_ms": med([med(r[0]) for r in runs]), "recall@10": recall_at(runs[0][1], truth),
                                  "memory_mb": n * (dim * 4 + 8) / 1e6})
        log(f"  {n:,}: IVF{nlist} trained and filled in {build_s:.1f} s")
        del ivf
        rows.append(row)
    del base
    largest = rows[-1]
    ms_per_vector = largest["flat_p50_ms"] / largest["n"]
    threshold = FLAT_BUDGET_MS / ms_per_vector
    nice = float(f"{threshold:.0e}") if threshold >= 1 else threshold
    hnsw_rows = [a for r in rows for a in r["approx"] if a["index"].startswith("HNSW")]
    hnsw_100k = next((a for r in rows if r["n"] == HNSW_MAX for a in r["approx"]
                      if a["index"].startswith("HNSW32 efSearch=64")), None)
    return {
        "sizes": rows, "dim": dim, "queries": FAISS_QUERIES,
        "flat_ms_per_million_vectors": ms_per_vector * 1e6,
        "flat_budget_ms": FLAT_BUDGET_MS,
        "switch_threshold_vectors": int(nice),
        "hnsw_1m_build_estimate_s": hnsw_100k["build_s"] * 10 * 1.2 if hnsw_100k else None,
        "hnsw_recall_min": min((a["recall@10"] for a in hnsw_rows), default=None),
    }


"""The benchmark (make bench): index build, updates, retrieval latency, FAISS scaling, answering, quality, memory.

Writes bench/results.json (every raw figure, git-ignored) and bench/results.md (the summary, committed).
Each figure is the median of several runs; every speed figure that has a baseline is a ratio to that
baseline measured in the same run, interleaved with it. All documents and indexes live in a temporary folder.

    make bench                   # the full run: msmarco 5,000 passages, about 15-20 minutes on 2 cores
    BENCH_QUICK=1 make bench     # development: 500 passages, fewer runs, FAISS up to 100k vectors
    BENCH_ONNX=0                 # skip the optional ONNX section
    BENCH_SHARED=/path/shared    # where bench/msmarco and eval/seeds_dev.jsonl live (default: ../shared)
    BENCH_BUDGET_MIN=19          # time budget: on a busy machine some repeats are skipped to stay within it
    python bench/run.py --report-only   # rewrite results.md from results.json
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from chatbot import store
from chatbot.answer import Engine
from chatbot.build import build
from chatbot.embed import SentenceTransformerEmbedder
from chatbot.evaluate import answer_metrics, beir_metrics, read_beir, read_questions, write_beir_docs
from chatbot.generate import LlamaGenerator
from chatbot.models import DEFAULT, PACKAGED, resolve_model
from chatbot.prompt import build_messages
from chatbot.retrieve import MODES, search
from chatbot.settings import Settings

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SHARED = Path(os.environ.get("BENCH_SHARED") or REPO.parent / "shared")
MSMARCO = SHARED / "bench" / "msmarco"
DEV = REPO / "tests" / "data" / "seeds_dev.jsonl"  # a copy of the shared dev questions
ONNX = os.environ.get("BENCH_ONNX", "1") not in ("", "0")
ONNX_PATH = Path(os.environ.get("BENCH_ONNX_PATH") or REPO / ".cache" / "bench-onnx")

PASSAGES = 500 if QUICK else 0  # 0 = the whole corpus
BUILD_RUNS = 1 if QUICK else 2  # full builds (about 1-2 min each) and as many direct encodes, alternating
UPDATE_RUNS = 3
NOOP_RUNS = 5
CLI_RUNS = 2 if QUICK else 3
SEARCH_PASSES = 2 if QUICK else 5
FAISS_SIZES = (10_000, 100_000) if QUICK else (10_000, 100_000, 1_000_000)
FAISS_QUERIES = 100
FLAT_LATENCY_QUERIES = 30  # per-query timing of exact search at 1M vectors costs ~0.1-0.5 s each
HNSW_MAX = 100_000  # HNSW build at 1M takes many minutes on 2 cores: IVF only there
ANSWER_PASSES = 1 if QUICK else 2  # each: 20 questions through the engine and plain llama-cpp-python
ONNX_SAMPLE = 500
ONNX_ROUNDS = 2
# The run aims to finish within BENCH_BUDGET_MIN minutes: on a slow (busy) machine the second build/encode
# pair and the second answering pass are skipped, and results.md shows the counts actually run.
BUDGET_S = float(os.environ.get("BENCH_BUDGET_MIN") or 19) * 60
SECOND_BUILD_PAIR_MAX_S = 300  # run the second build/encode pair only if the first took less than this
MEMORY_RESERVE_S = 240  # time kept for the memory section (serving processes and a cold CLI build)
SERVE_RUNS = 1 if QUICK else 3
WHATIF_PROMPT_WORDS = Settings().prompt_words // 2  # a what-if pass with half the passage words
FLAT_BUDGET_MS = 10.0  # vector search share of the 30 ms hybrid latency goal

T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {msg}", flush=True)


def med(xs: Sequence[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


def pct(xs: Sequence[float], p: float) -> float:
    return float(np.percentile(np.asarray(xs, dtype=np.float64), p)) if len(xs) else float("nan")


def rnd(x: float, digits: int = 4) -> float:
    return round(float(x), digits)


# -- machine ------------------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
               platform.processor() or "unknown")
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines() if line.startswith("flags")), [])
    mem_kb = 0
    if Path("/proc/meminfo").exists():
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")))
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(mem_kb / 1024**2, 1),
            "simd": [f for f in ("avx2", "avx512f", "avx512_vnni", "amx_tile") if f in flags],
            "os": platform.platform(), "load_average_start": [round(x, 2) for x in os.getloadavg()]}


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for label, dist in (("torch", "torch"), ("sentence-transformers", "sentence-transformers"),
                        ("transformers", "transformers"), ("faiss", "faiss-cpu"),
                        ("llama-cpp-python", "llama-cpp-python"), ("bm25s", "bm25s"), ("numpy", "numpy")):
        try:
            out[label] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[label] = "not installed"
    return out


def clean_env() -> dict[str, str]:
    """The environment for subprocesses: no CHATBOT_* overrides, so the defaults are measured."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}


LAUNCHER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[2:]).returncode
seconds = time.perf_counter() - t
with open(sys.argv[1], "w") as f:
    json.dump({"rc": rc, "seconds": seconds, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, f)
sys.exit(rc)
"""


def run_measured(cmd: list[str], timeout: float = 900) -> dict[str, Any]:
    """Run a command; its wall time, exit code, output and peak RSS.

    The command is started by a small launcher process that reports the peak RSS of its child. Measured
    directly, a child of this (large) process would report at least our own RSS: Linux carries the
    parent's RSS high-water mark across fork and exec into ru_maxrss.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".json") as usage:
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, usage.name, *cmd], stdout=out, stderr=err,
                              env=clean_env(), cwd=REPO, timeout=timeout)
        wall = time.perf_counter() - t  # includes the launcher's start-up; the launcher times the child alone
        out.seek(0)
        err.seek(0)
        try:
            info = json.loads(Path(usage.name).read_text())
        except (OSError, ValueError):
            info = {}
        return {"rc": proc.returncode, "seconds": info.get("seconds", wall),
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")[-2000:], "maxrss_mb": info.get("maxrss_kb", 0) / 1024}


# -- 1. index build -----------------------------------------------------------------------------------------------


class StageClock:
    """A build progress callback that notes when each stage is first and last reported."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.start = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now

    def breakdown(self, end: float) -> dict[str, float]:
        f, la = self.first, self.last
        read0, read1 = f.get("reading documents", self.start), la.get("reading documents", self.start)
        emb0, emb1 = f.get("embedding chunks", read1), la.get("embedding chunks", read1)
        wr0, wr1 = f.get("writing index", emb1), la.get("writing index", end)
        return {"scan_and_hash": read0 - self.start, "read_and_clean": read1 - read0,
                "dedupe_and_chunk": emb0 - read1, "embed": emb1 - emb0, "write_index_and_bm25": wr1 - wr0,
                "other": (end - self.start) - (wr1 - self.start) + (wr0 - emb1)}


def direct_encode(embedder: SentenceTransformerEmbedder, texts: list[str]) -> float:
    t = time.perf_counter()
    embedder.model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                          show_progress_bar=False)
    return time.perf_counter() - t


class TokenizerOnly:
    """The real embedder's tokenizer with a model that returns zeros: a build with it chunks exactly like the
    real one (same chunk texts) and measures everything a build does except the embedding itself."""

    def __init__(self, real: SentenceTransformerEmbedder) -> None:
        self.real = real
        self.name, self.sha256, self.dim, self.max_tokens = real.name, real.sha256, real.dim, real.max_tokens

    def encode(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return np.zeros((len(texts), self.dim), dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.real.count_tokens(texts)

    def split_long(self, text: str, max_tokens: int) -> list[tuple[int, int]]:
        return self.real.split_long(text, max_tokens)


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds, CPU seconds of this process)."""
    cpu, t = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - cpu


def section_build(settings: Settings, embedder: SentenceTransformerEmbedder, tmp: Path
                  ) -> tuple[dict[str, Any], list[str]]:
    """Full builds against direct encodes of the same chunk texts.

    The direct encode is split into two halves of equal length distribution run just before and just after
    each build, so a slow drift in the machine's load affects both sides alike.
    """
    scratch = dataclasses.replace(settings, index=tmp / "tokenizer-only-index")
    report, overhead_s, _ = timed(lambda: build(scratch, rebuild=True, embedder=TokenizerOnly(embedder)))  # type: ignore[arg-type]
    texts = [c.text for c in store.load(scratch.index).chunks]
    log(f"  build without embedding (tokenizer only): {len(texts)} chunks in {overhead_s:.1f} s")
    by_length = sorted(texts, key=len)
    halves = [by_length[0::2], by_length[1::2]]
    runs: list[dict[str, Any]] = []
    for r in range(BUILD_RUNS):
        load = os.getloadavg()[0]
        _, enc_a, cpu_a = timed(lambda: direct_encode(embedder, halves[0]))
        clock = StageClock()
        report, seconds, build_cpu = timed(lambda: build(settings, rebuild=True, embedder=embedder,
                                                         progress=clock))  # noqa: B023 - called at once
        end = time.perf_counter()
        _, enc_b, cpu_b = timed(lambda: direct_encode(embedder, halves[1]))
        enc, enc_cpu = enc_a + enc_b, cpu_a + cpu_b
        log(f"  build {r + 1}/{BUILD_RUNS}: {report.chunks} chunks in {seconds:.1f} s; direct encode of the same "
            f"texts (two halves around it) {enc:.1f} s")
        runs.append({"build_s": seconds, "chunks": report.chunks, "documents": len(report.added),
                     "build_chunks_per_s": report.chunks / seconds, "encode_s": enc,
                     "encode_chunks_per_s": len(texts) / enc, "ratio": (report.chunks / seconds) / (len(texts) / enc),
                     "build_cpu_s": build_cpu, "encode_cpu_s": enc_cpu,
                     "ratio_cpu": (report.chunks / build_cpu) / (len(texts) / enc_cpu), "load_average_1m": load,
                     "stages_s": {k: rnd(v, 3) for k, v in clock.breakdown(end).items()}})
        if r + 1 < BUILD_RUNS and seconds + enc > SECOND_BUILD_PAIR_MAX_S:
            log(f"  that took {seconds + enc:.0f} s (machine busy): no second pair, to stay in the time budget")
            break
    assert runs[0]["chunks"] == len(texts), "the tokenizer-only build chunked differently"
    out = {
        "runs": runs,
        "documents": runs[0]["documents"],
        "chunks": runs[0]["chunks"],
        "build_without_embedding_s": overhead_s,
        "build_s": med([r["build_s"] for r in runs]),
        "build_chunks_per_s": med([r["build_chunks_per_s"] for r in runs]),
        "encode_chunks_per_s": med([r["encode_chunks_per_s"] for r in runs]),
        "ratio": med([r["ratio"] for r in runs]),
        "ratio_cpu": med([r["ratio_cpu"] for r in runs]),
        "stages_s": {k: med([r["stages_s"][k] for r in runs]) for k in runs[0]["stages_s"]},
        "embed_stage_chunks_per_s": med([r["chunks"] / r["stages_s"]["embed"] for r in runs if r["stages_s"]["embed"]]),
    }
    # What the ratio would be if the embedding inside the build ran exactly as fast as the direct encode:
    # less sensitive to load changes than the measured ratio, since it needs only the non-embedding time.
    enc_s = len(texts) / out["encode_chunks_per_s"]
    out["ratio_from_overhead"] = enc_s / (enc_s + overhead_s)
    return out, texts


# -- 2. incremental updates ---------------------------------------------------------------------------------------


def probe_text(n: int, vocabulary: list[str]) -> str:
    rng = np.random.default_rng(1000 + n)
    words = [vocabulary[i] for i in rng.integers(len(vocabulary), size=120)]
    return f"Update probe number {n}\n\n" + " ".join(words).capitalize() + "."


def section_update(settings: Settings, embedder: SentenceTransformerEmbedder, full_build_s: float,
                   vocabulary: list[str]) -> dict[str, Any]:
    probes = []
    for r in range(UPDATE_RUNS):
        path = settings.docs / f"zz-bench-probe-{r}.txt"
        path.write_text(probe_text(r, vocabulary), encoding="utf-8")
        t = time.perf_counter()
        report = build(settings, embedder=embedder)
        seconds = time.perf_counter() - t
        probes.append({"seconds": seconds, "added": len(report.added), "changed": len(report.changed),
                       "removed": len(report.removed), "chunks": report.chunks})
        log(f"  add one document {r + 1}/{UPDATE_RUNS}: {seconds:.2f} s, added {len(report.added)}")
    noop = []
    for _ in range(NOOP_RUNS):
        t = time.perf_counter()
        report = build(settings, embedder=embedder)
        noop.append(time.perf_counter() - t)
        assert not (report.added or report.changed or report.removed), "no-op build changed something"
    cli = []
    for r in range(CLI_RUNS):
        res = run_measured([str(Path(sys.executable).parent / "chatbot"), "index", "--docs", str(settings.docs),
                            "--index", str(settings.index), "--json"])
        report_json = json.loads(res["stdout"]) if res["rc"] == 0 else {}
        cli.append({"seconds": res["seconds"], "rc": res["rc"], "build_seconds": report_json.get("seconds"),
                    "changed_anything": bool(report_json.get("added") or report_json.get("changed")
                                             or report_json.get("removed")), "maxrss_mb": res["maxrss_mb"],
                    "stderr": res["stderr"][-300:] if res["rc"] else ""})
        log(f"  CLI no-op {r + 1}/{CLI_RUNS}: {res['seconds']:.2f} s (rc {res['rc']})")
    import_s = run_measured([sys.executable, "-X", "importtime", "-c", "import chatbot.cli, chatbot.build"])
    removals = []
    for r in range(UPDATE_RUNS):
        (settings.docs / f"zz-bench-probe-{r}.txt").unlink()
        t = time.perf_counter()
        report = build(settings, embedder=embedder)
        removals.append(time.perf_counter() - t)
        assert len(report.removed) == 1
    add_s = med([p["seconds"] for p in probes])
    return {
        "add_one_runs": probes, "add_one_s": add_s, "add_one_share_of_full": add_s / full_build_s,
        "added_each_time": sorted({p["added"] for p in probes}),
        "remove_one_s": med(removals),
        "noop_in_process_runs": noop, "noop_in_process_s": med(noop),
        "noop_cli_runs": cli, "noop_cli_s": med([c["seconds"] for c in cli]),
        "noop_cli_inside_build_s": med([c["build_seconds"] for c in cli if c["build_seconds"] is not None]),
        "import_time_top": _import_top(import_s["stderr"]),
    }


def _import_top(importtime: str, n: int = 6) -> list[tuple[str, float]]:
    """The slowest top-level imports of `python -X importtime` (cumulative seconds)."""
    rows = []
    for line in importtime.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if not name.startswith("  ") and name.strip():
                rows.append((name.strip(), int(parts[1]) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:n]


# -- 3. retrieval latency -----------------------------------------------------------------------------------------


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


# -- 3b. FAISS at scale (synthetic vectors) -----------------------------------------------------------------------


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


# -- 4. answering -------------------------------------------------------------------------------------------------


class TimedGenerator:
    """Wraps the real generator; notes when each streamed piece reaches the engine (and the messages it got)."""

    def __init__(self, inner: LlamaGenerator) -> None:
        self.inner, self.name = inner, inner.name
        self.calls: list[dict[str, Any]] = []

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 256) -> Iterator[str]:
        call: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "times": [], "text": "",
                                "start": time.perf_counter()}  # runs when the engine starts iterating
        self.calls.append(call)
        for piece in self.inner.stream(messages, max_tokens):
            call["times"].append(time.perf_counter())
            call["text"] += piece
            yield piece


def decode_rate(times: list[float]) -> float | None:
    """Tokens per second after the first token (the first one waits for the prompt)."""
    if len(times) < 3 or times[-1] <= times[0]:
        return None
    return (len(times) - 1) / (times[-1] - times[0])


def plain_stream(llm: Any, messages: list[dict[str, str]], max_tokens: int) -> tuple[list[float], str]:
    times, text = [], ""
    for chunk in llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True):
        delta = chunk["choices"][0].get("delta", {}).get("content")
        if delta:
            times.append(time.perf_counter())
            text += delta
    return times, text


def prompt_speed(llm: Any, messages: list[dict[str, str]]) -> dict[str, Any]:
    """Prompt tokens per second: a cold (cache reset) non-streamed completion of one token."""
    llm.reset()
    t = time.perf_counter()
    out = llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)
    seconds = time.perf_counter() - t
    n_usage = int(out["usage"]["prompt_tokens"])
    n_tok = format_tokens(llm, messages) or n_usage
    return {"tokens": n_tok, "usage_tokens": n_usage, "seconds": seconds, "tokens_per_s": n_tok / seconds}


def format_tokens(llm: Any, messages: list[dict[str, str]]) -> int | None:
    """Tokens of the chat-formatted prompt, as llama-cpp-python formats it (None if that cannot be rebuilt)."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    try:
        eos = llm._model.token_get_text(llm.token_eos())
        bos = llm._model.token_get_text(llm.token_bos())
        prompt = Jinja2ChatFormatter(llm.metadata["tokenizer.chat_template"], eos_token=eos, bos_token=bos)(
            messages=messages).prompt
        return len(llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True))
    except Exception:  # noqa: BLE001 - callers fall back to the usage count
        return None


def answer_pass(engine: Engine, generator: TimedGenerator, questions: list[Any], baseline: bool, prompt: bool = False
                ) -> tuple[dict[str, Any], list[Any]]:
    """Ask every question once; with baseline, also run plain llama-cpp-python on the same messages (it reuses
    the engine's prompt from the KV cache, so only generation is compared); with prompt, time a cold prompt."""
    settings, llm = engine.settings, generator.inner.llm
    results, ttft, ttft_gen, pre_llm, llm_first, eng_rates, plain_rates, prompt_rows, tps_field, same = (
        [], [], [], [], [], [], [], [], [], [])
    first_shown: list[float] = []
    call_tokens: list[int] = []
    for q in questions:
        generator.calls.clear()
        t_ask = time.perf_counter()
        shown = None
        for r in engine.stream(q.question):
            if shown is None and r.answer:
                shown = time.perf_counter() - t_ask  # the first text a user sees (a verified sentence)
        results.append(r)
        first_shown.append(shown if shown is not None else time.perf_counter() - t_ask)
        ttft.append(r.timings.get("first_token", r.timings.get("total", 0.0)))
        if not generator.calls or not generator.calls[0]["times"]:
            continue  # abstained before generating
        call = generator.calls[0]
        ttft_gen.append(r.timings["first_token"])
        call_tokens.append(format_tokens(llm, call["messages"]) or 0)
        t0 = call["times"][0] - r.timings["first_token"]
        pre_llm.append(call["start"] - t0)  # retrieval, sentence ranking, prompt building
        llm_first.append(call["times"][0] - call["start"])  # prompt processing (uncached part) + first token
        tps_field.append(r.timings.get("tokens_per_second", 0.0))
        if not baseline:
            continue
        # the same messages the engine sent (with a follow-up rewrite there would be two calls; none here)
        messages = call["messages"]
        times, text = plain_stream(llm, messages, settings.max_answer_tokens)
        er, pr = decode_rate(call["times"]), decode_rate(times)
        if er and pr:
            eng_rates.append(er)
            plain_rates.append(pr)
            same.append(text == call["text"])
        if prompt:
            prompt_rows.append(prompt_speed(llm, messages))
    row: dict[str, Any] = {
        "ttft_p50_s": pct(ttft, 50), "ttft_p95_s": pct(ttft, 95), "ttft_generated_p50_s": pct(ttft_gen, 50),
        "first_shown_p50_s": pct(first_shown, 50), "llm_prompt_tokens_p50": pct(call_tokens, 50),
        "llm_called": len(ttft_gen), "pre_llm_p50_s": pct(pre_llm, 50), "llm_first_token_p50_s": pct(llm_first, 50),
        "engine_tokens_per_second_field": med(tps_field), "modes": [r.mode for r in results],
    }
    if baseline:
        row |= {
            "engine_gen_tps": med(eng_rates), "plain_gen_tps": med(plain_rates),
            "gen_ratio": med(eng_rates) / med(plain_rates) if eng_rates else float("nan"),
            "prompt_tps": med([x["tokens_per_s"] for x in prompt_rows]),
            "prompt_tokens_p50": med([x["tokens"] for x in prompt_rows]),
            "prompt_tokens_match_usage": all(x["tokens"] == x["usage_tokens"] for x in prompt_rows),
            "prompt_measured": len(prompt_rows),
            "same_output_share": sum(same) / len(same) if same else float("nan"),
        }
    return row, results


def section_answer(settings: Settings, embedder: SentenceTransformerEmbedder) -> dict[str, Any]:
    t = time.perf_counter()
    build(settings, rebuild=True, embedder=embedder)
    seeds_build_s = time.perf_counter() - t
    model_path = resolve_model("", settings.models)
    t = time.perf_counter()
    generator = TimedGenerator(LlamaGenerator(model_path, n_ctx=settings.n_ctx, threads=settings.threads))
    load_s = time.perf_counter() - t
    llm = generator.inner.llm
    engine = Engine(settings, embedder, generator)  # type: ignore[arg-type]
    questions = read_questions(DEV)
    engine.ask(questions[-1].question)  # warm-up (the last question: pass 1 then starts like every pass)
    passes = []
    first_results: list[Any] = []
    pass_s = 0.0
    for p in range(ANSWER_PASSES):
        if p and time.perf_counter() - T0 + 1.6 * pass_s + MEMORY_RESERVE_S > BUDGET_S:
            log(f"  skipping answer passes {p + 1}-{ANSWER_PASSES} to stay in the time budget")
            break
        t = time.perf_counter()
        row, results = answer_pass(engine, generator, questions, baseline=True, prompt=p == 0)
        pass_s = time.perf_counter() - t
        passes.append(row)
        first_results = first_results or results
        log(f"  answer pass {p + 1}/{ANSWER_PASSES}: TTFT p50 {row['ttft_p50_s']:.2f} s, "
            f"gen {row['engine_gen_tps']:.1f} vs plain {row['plain_gen_tps']:.1f} tok/s")
    metrics = answer_metrics(questions, first_results, engine.index)
    system_tokens = format_tokens(llm, [{"role": "system", "content": build_messages("", [])[0]["content"]}])
    # What if the passages given to the model were shorter? One pass, same model and index.
    short = Engine(dataclasses.replace(settings, prompt_words=WHATIF_PROMPT_WORDS), embedder,
                   generator)  # type: ignore[arg-type]
    whatif, whatif_results = answer_pass(short, generator, questions, baseline=False)
    whatif["prompt_words"] = WHATIF_PROMPT_WORDS
    whatif["answer_metrics"] = answer_metrics(questions, whatif_results, short.index)
    log(f"  what-if prompt_words={WHATIF_PROMPT_WORDS}: TTFT p50 {whatif['ttft_p50_s']:.2f} s")
    keys = ("ttft_p50_s", "ttft_p95_s", "ttft_generated_p50_s", "first_shown_p50_s", "pre_llm_p50_s",
            "llm_first_token_p50_s", "engine_gen_tps", "plain_gen_tps", "gen_ratio", "engine_tokens_per_second_field",
            "same_output_share")
    return {
        "prompt_tps": passes[0]["prompt_tps"], "prompt_tokens_p50": passes[0]["prompt_tokens_p50"],
        "model": model_path.name, "model_is_packaged_default": _is_default(model_path),
        "model_load_s": load_s, "seeds_build_s": seeds_build_s, "questions": len(questions),
        "max_answer_tokens": settings.max_answer_tokens, "prompt_words": settings.prompt_words,
        "system_prompt_tokens": system_tokens, "llm_called": passes[0]["llm_called"],
        **{k: med([p[k] for p in passes]) for k in keys},
        "passes": passes, "answer_metrics": metrics, "whatif_short_prompt": whatif,
        "answers": [{"id": q.id, "mode": r.mode, "answer": r.answer} for q, r in zip(questions, first_results,
                                                                                    strict=True)],
    }


def _is_default(path: Path) -> bool:
    from chatbot.files import file_sha256

    return path.name == PACKAGED[DEFAULT].file and file_sha256(path) == PACKAGED[DEFAULT].sha256


# -- 6. memory ----------------------------------------------------------------------------------------------------

SERVE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from chatbot.answer import Engine
from chatbot.settings import Settings
t = time.perf_counter()
engine = Engine(Settings(docs=Path(sys.argv[1]), index=Path(sys.argv[2]), models=Path(sys.argv[3])))
engine.reload()
result = engine.ask(sys.argv[4])
hwm = [int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM")]
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "vmhwm_kb": hwm[0] if hwm else 0,
                  "mode": result.mode, "model": result.model, "seconds": time.perf_counter() - t}))
"""


def section_memory(seeds: Settings, msmarco_docs: Path, tmp: Path, question: str) -> dict[str, Any]:
    serve = []
    for r in range(SERVE_RUNS):
        res = run_measured([sys.executable, "-c", SERVE_SCRIPT, str(seeds.docs), str(seeds.index),
                            str(seeds.models), question])
        info = json.loads(res["stdout"].strip().splitlines()[-1]) if res["rc"] == 0 else {}
        serve.append({"maxrss_mb": info.get("maxrss_kb", 0) / 1024, "vmhwm_mb": info.get("vmhwm_kb", 0) / 1024,
                      "launcher_maxrss_mb": res["maxrss_mb"],
                      "mode": info.get("mode"), "model": info.get("model"), "wall_s": res["seconds"],
                      "rc": res["rc"], "stderr": res["stderr"][-300:] if res["rc"] else ""})
        log(f"  serving process {r + 1}/{SERVE_RUNS}: peak RSS {serve[-1]['maxrss_mb']:.0f} MB ({info.get('mode')})")
    res = run_measured([str(Path(sys.executable).parent / "chatbot"), "index", "--docs", str(msmarco_docs),
                        "--index", str(tmp / "memory-index"), "--json"])
    report = json.loads(res["stdout"]) if res["rc"] == 0 else {}
    log(f"  CLI full build: peak RSS {res['maxrss_mb']:.0f} MB, {res['seconds']:.1f} s (rc {res['rc']})")
    return {"serve_runs": serve, "serve_maxrss_mb": med([s["maxrss_mb"] for s in serve]),
            "serve_vmhwm_mb": med([s["vmhwm_mb"] for s in serve]),
            "build_maxrss_mb": res["maxrss_mb"], "build_cli_wall_s": res["seconds"], "build_rc": res["rc"],
            "build_chunks": report.get("chunks"), "build_stderr": res["stderr"][-300:] if res["rc"] else ""}


# -- 7. ONNX (optional) -------------------------------------------------------------------------------------------


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
    import faiss
    from onnx_embed import OnnxEmbedder, export, quantize, timed_encode  # bench/ is on sys.path

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
    encoders: dict[str, Callable[[Sequence[str]], np.ndarray]] = {
        "torch": embedder.encode, **{name: v.encode for name, v in variants.items()}}
    for enc in encoders.values():
        enc(texts[:64])
    # Throughput: interleaved rounds over a sample of the chunk texts (the full corpus takes minutes per pass).
    sample = texts[:: max(1, len(texts) // ONNX_SAMPLE)][:ONNX_SAMPLE]
    speeds: dict[str, list[float]] = {name: [] for name in encoders}
    sample_vectors: dict[str, np.ndarray] = {}
    for _ in range(ONNX_ROUNDS):
        for name, enc in encoders.items():
            vec, seconds = timed_encode(enc, sample)
            sample_vectors[name] = vec
            speeds[name].append(len(sample) / seconds)
        log(f"  encode {len(sample)} chunks: " + ", ".join(f"{n} {v[-1]:.1f}/s" for n, v in speeds.items()))
    # Query latency (one short query per call, as in search)
    queries = list(read_beir(MSMARCO)[1].values())
    query_ms = {}
    for name, enc in encoders.items():
        times = []
        for q in queries:
            t = time.perf_counter()
            enc([q])
            times.append((time.perf_counter() - t) * 1000)
        query_ms[name] = pct(times, 50)
    # Quality: the whole corpus re-encoded (skipped for a variant whose vectors equal torch's on the sample)
    ids = np.array([c.id for c in index.chunks], dtype=np.int64)
    quality = {"torch": beir_metrics(index, embedder, MSMARCO, modes=("dense", "hybrid"))}
    for name, v in variants.items():
        cos = np.sum(sample_vectors[name] * sample_vectors["torch"], axis=1)
        row = {"chunks_per_s": med(speeds[name]), "speedup_vs_torch": med(speeds[name]) / med(speeds["torch"]),
               "rounds": speeds[name], "query_p50_ms": query_ms[name],
               "cosine_to_torch_mean": float(cos.mean()), "cosine_to_torch_min": float(cos.min())}
        if cos.min() > 0.9999:
            row |= {"dense_ndcg@10": quality["torch"]["dense"]["ndcg@10"],
                    "hybrid_ndcg@10": quality["torch"]["hybrid"]["ndcg@10"], "ndcg_note": "vectors equal torch's"}
        else:
            vectors, seconds = timed_encode(v.encode, texts)
            log(f"  {name}: whole corpus re-encoded in {seconds:.0f} s for nDCG")
            flat = faiss.IndexIDMap2(faiss.IndexFlatIP(v.dim))
            flat.add_with_ids(vectors, ids)
            qm = beir_metrics(dataclasses.replace(index, faiss_index=flat), v, MSMARCO, modes=("dense", "hybrid"))
            row |= {"dense_ndcg@10": qm["dense"]["ndcg@10"], "hybrid_ndcg@10": qm["hybrid"]["ndcg@10"],
                    "ndcg_note": "whole corpus re-encoded"}
        out[name] = row
    out["torch"] = {"chunks_per_s": med(speeds["torch"]), "rounds": speeds["torch"], "query_p50_ms": query_ms["torch"],
                    "dense_ndcg@10": quality["torch"]["dense"]["ndcg@10"],
                    "hybrid_ndcg@10": quality["torch"]["hybrid"]["ndcg@10"]}
    out["sample"] = len(sample)
    out["texts"] = len(texts)
    out["rounds"] = ONNX_ROUNDS
    return out


# -- report -------------------------------------------------------------------------------------------------------


def goals(R: dict[str, Any]) -> list[dict[str, Any]]:
    s = R["sections"]
    b, u, r, a, m = s["build"], s["update"], s["retrieval"], s["answer"], s["memory"]
    rows = [
        ("1", "index build: chunks/s of a full build ÷ direct SentenceTransformer.encode", "≥ 0.90",
         b["ratio"], f"{b['ratio']:.2f} ({b['build_chunks_per_s']:.1f} vs {b['encode_chunks_per_s']:.1f} chunks/s)",
         b["ratio"] >= 0.9),
        ("2", "add one document: time as share of a full build", "< 5 %", u["add_one_share_of_full"],
         f"{100 * u['add_one_share_of_full']:.1f} % ({u['add_one_s']:.2f} s of {b['build_s']:.1f} s)",
         u["add_one_share_of_full"] < 0.05),
        ("2", "add one document: report.added", "= 1", u["added_each_time"], str(u["added_each_time"]),
         u["added_each_time"] == [1]),
        ("2", "no-op update, in process", "< 2 s", u["noop_in_process_s"], f"{u['noop_in_process_s']:.2f} s",
         u["noop_in_process_s"] < 2),
        ("2", "no-op update, `chatbot index --json` in a fresh process", "< 2 s", u["noop_cli_s"],
         f"{u['noop_cli_s']:.2f} s", u["noop_cli_s"] < 2),
        ("3", f"hybrid retrieval p50 per query ({r['chunks']:,} chunks)", "< 30 ms", r["hybrid"]["p50_ms"],
         f"{r['hybrid']['p50_ms']:.1f} ms", r["hybrid"]["p50_ms"] < 30),
        ("4", "time to first token p50 (20 dev questions, default model)", "< 3 s", a["ttft_p50_s"],
         f"{a['ttft_p50_s']:.2f} s", a["ttft_p50_s"] < 3),
        ("4", "generation tokens/s: engine ÷ plain llama-cpp-python", "≥ 0.95", a["gen_ratio"],
         f"{a['gen_ratio']:.2f} ({a['engine_gen_tps']:.1f} vs {a['plain_gen_tps']:.1f} tok/s)",
         a["gen_ratio"] >= 0.95),
        ("6", "peak RSS of a serving process (default models, one answer)", "< 1.5 GB", m["serve_maxrss_mb"],
         f"{m['serve_maxrss_mb'] * 1.048576:.0f} MB", m["serve_maxrss_mb"] * 2**20 < 1.5e9),
    ]
    return [{"section": sec, "what": what, "goal": goal, "value": value, "measured": shown, "met": bool(met)}
            for sec, what, goal, value, shown, met in rows]


def fmt_ms(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def markdown(R: dict[str, Any]) -> str:
    mach, ver, s = R["machine"], R["versions"], R["sections"]
    w = s["answer"]["whatif_short_prompt"]
    b, u, r, f, a, q, m, o = (s["build"], s["update"], s["retrieval"], s["faiss"], s["answer"], s["quality"],
                              s["memory"], s["onnx"])
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run.py) on {R['date']}; the run took {R['seconds'] / 60:.1f} min. "
        "Raw figures: bench/results.json (not committed). Every figure is the median of several runs (counts below); "
        "every ratio is measured against its baseline in the same run, interleaved.",
        "",
    ]
    if R["quick"]:
        lines += ["**BENCH_QUICK run: 500 passages and fewer runs; not the reference figures.**", ""]
    lines += [
        "| machine | |", "| --- | --- |",
        f"| CPU | {mach['cpu']} ({', '.join(mach['simd']) or 'no AVX2'}) |",
        f"| cores | {mach['cores']} |",
        f"| RAM | {mach['ram_gib']} GiB |",
        f"| load average at start / end | {' '.join(map(str, mach['load_average_start']))} / "
        f"{' '.join(map(str, mach['load_average_end']))} |",
        "",
        "| " + " | ".join(ver) + " |", "|" + " --- |" * len(ver), "| " + " | ".join(ver.values()) + " |",
        "",
        "## Goals",
        "",
        "| § | what | goal | measured | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for g in R["goals"]:
        lines.append(f"| {g['section']} | {g['what']} | {g['goal']} | {g['measured']} | "
                     f"{'met' if g['met'] else '**not met**'} |")
    st = b["stages_s"]
    lines += [
        "",
        f"## 1. Index build (msmarco, {b['documents']:,} passages as .txt, {b['chunks']:,} chunks, "
        f"{len(b['runs'])} build(s), each between two half direct encodes)",
        "",
        "| figure | value |", "| --- | --- |",
        f"| full build (`--rebuild`, model preloaded) | {b['build_s']:.1f} s, {b['build_chunks_per_s']:.1f} chunks/s |",
        f"| direct `SentenceTransformer.encode(batch_size=32, normalize_embeddings=True)` | "
        f"{b['encode_chunks_per_s']:.1f} chunks/s |",
        f"| ratio | {b['ratio']:.2f} |",
        f"| embedding stage inside the build | {b['embed_stage_chunks_per_s']:.1f} chunks/s |",
        f"| build stages (s) | scan+hash {st['scan_and_hash']:.1f}, read+clean {st['read_and_clean']:.1f}, "
        f"dedupe+chunk {st['dedupe_and_chunk']:.1f}, embed {st['embed']:.1f}, write+BM25 "
        f"{st['write_index_and_bm25']:.1f} |",
        f"| the same ratio in CPU time | {b['ratio_cpu']:.2f} (cores this process got: build "
        f"{med([x['build_cpu_s'] / x['build_s'] for x in b['runs']]):.2f}, direct encode "
        f"{med([x['encode_cpu_s'] / x['encode_s'] for x in b['runs']]):.2f} of {mach['cores']}) |",
        f"| build with a tokenizer-only embedder (everything but the embedding) | "
        f"{b['build_without_embedding_s']:.1f} s → ratio if the build's embedding ran at the direct speed: "
        f"{b['ratio_from_overhead']:.2f} |",
        f"| embedding model load: first (imports torch + sentence-transformers) / again | "
        f"{R['sections']['embedder_first_load_s']:.1f} / {R['sections']['embedder_load_s']:.2f} s |",
        "",
        f"## 2. Incremental update ({UPDATE_RUNS} adds, {NOOP_RUNS} in-process no-ops, {CLI_RUNS} CLI no-ops)",
        "",
        "| figure | value |", "| --- | --- |",
        f"| add one document | {u['add_one_s']:.2f} s = {100 * u['add_one_share_of_full']:.1f} % of a full build; "
        f"added {u['added_each_time']} |",
        f"| remove one document | {u['remove_one_s']:.2f} s |",
        f"| no-op, in process | {u['noop_in_process_s']:.3f} s |",
        f"| no-op, `chatbot index --json` (fresh process) | {u['noop_cli_s']:.2f} s wall, of which "
        f"{u['noop_cli_inside_build_s']:.2f} s inside build() |",
        f"| slowest imports (`-X importtime`, s) | "
        f"{', '.join(f'{n} {t:.2f}' for n, t in u['import_time_top'])} |",
        "",
        f"## 3. Retrieval latency ({r['chunks']:,} chunks, {r['queries']} msmarco queries × {r['passes']} passes, "
        f"k={r['k']})",
        "",
        "| mode | p50 ms | p95 ms |", "| --- | --- | --- |",
    ]
    for mode in [*MODES, "query_embedding"]:
        lines.append(f"| {mode.replace('_', ' ')} | {fmt_ms(r[mode]['p50_ms'])} | {fmt_ms(r[mode]['p95_ms'])} |")
    lines += [
        "",
        f"### FAISS alone, synthetic clustered unit vectors (dim {f['dim']}, {f['queries']} queries, top 10, "
        "one query per call)",
        "",
        "| vectors | index | build s | p50 ms/query | recall@10 vs flat | memory MB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in f["sizes"]:
        lines.append(f"| {row['n']:,} | IndexFlatIP (exact) | 0 | {fmt_ms(row['flat_p50_ms'])} | 1.000 | "
                     f"{row['flat_memory_mb']:.0f} |")
        for ap in row["approx"]:
            lines.append(f"| {row['n']:,} | {ap['index']} | {ap['build_s']:.1f} | {fmt_ms(ap['p50_ms'])} | "
                         f"{ap['recall@10']:.3f} | {ap['memory_mb']:.0f} |")
    est = f["hnsw_1m_build_estimate_s"]
    lines += [
        "",
        f"Exact search costs {f['flat_ms_per_million_vectors']:.0f} ms per million vectors per query here. "
        f"**Recommendation: keep IndexFlatIP up to about {f['switch_threshold_vectors']:,} chunks** (where exact "
        f"search alone reaches {f['flat_budget_ms']:.0f} ms, a third of the 30 ms hybrid budget); above that use "
        "HNSW (M=32, efSearch 64-128), or IVF when the index must support removals or be built faster"
        + (f"; HNSW was not built at 1M (estimated ~{est / 60:.0f} min on this machine)." if est and
           max(FAISS_SIZES) > HNSW_MAX else "."),
        "See docs/scaling.md.",
        "",
        f"## 4. Answering (packaged {a['model']}, default settings, seeds index, {a['questions']} dev questions × "
        f"{len(a['passes'])} passes)",
        "",
        "| figure | value |", "| --- | --- |",
        f"| time to first token p50 / p95 (first token, else total) | {a['ttft_p50_s']:.2f} / "
        f"{a['ttft_p95_s']:.2f} s |",
        f"| the same, questions that reached the LLM ({a['llm_called']} of {a['questions']}) | "
        f"{a['ttft_generated_p50_s']:.2f} s = {a['pre_llm_p50_s']:.2f} s retrieval + sentence ranking, then "
        f"{a['llm_first_token_p50_s']:.2f} s in llama.cpp |",
        f"| first text shown to the user p50 (first verified sentence, or the final answer) | "
        f"{a.get('first_shown_p50_s', float('nan')):.2f} s |",
        f"| prompt processing (cold, cache reset) | {a['prompt_tps']:.0f} tokens/s; median prompt "
        f"{a['prompt_tokens_p50']:.0f} tokens, of which {a['system_prompt_tokens']} system prompt (reused from the "
        "KV cache after the first question) |",
        f"| generation, engine (tokens after the first, as they reach the engine) | {a['engine_gen_tps']:.1f} tok/s |",
        f"| generation, plain llama-cpp-python, same messages | {a['plain_gen_tps']:.1f} tok/s |",
        f"| ratio | {a['gen_ratio']:.2f} |",
        f"| Result.timings['tokens_per_second'] (its clock includes prompt processing) | "
        f"{a['engine_tokens_per_second_field']:.1f} tok/s |",
        f"| model load | {a['model_load_s']:.2f} s |",
        f"| plain output == engine output (same messages) | {100 * a['same_output_share']:.0f} % of answers |",
        f"| what-if prompt_words={w['prompt_words']} (default {a['prompt_words']}), 1 pass | prompt p50 "
        f"{w.get('llm_prompt_tokens_p50', float('nan')):.0f} tokens (default "
        f"{a['passes'][0].get('llm_prompt_tokens_p50', float('nan')):.0f}), TTFT p50 "
        f"{w['ttft_p50_s']:.2f} s, correct {w['answer_metrics']['correct']:.2f}, generated "
        f"{w['answer_metrics']['generated_share']:.2f}, "
        f"citation precision {w['answer_metrics']['citation_precision']:.2f} |",
        "",
        "## 5. Quality",
        "",
        "| msmarco | nDCG@10 | recall@10 |", "| --- | --- | --- |",
    ]
    for mode in MODES:
        lines.append(f"| {mode} | {q['beir'][mode]['ndcg@10']:.3f} | {q['beir'][mode]['recall@10']:.3f} |")
    am = a["answer_metrics"]
    lines += [
        "",
        "| dev questions (pass 1) | value |", "| --- | --- |",
        f"| correct (answerable) | {am['correct']:.2f} |",
        f"| generated and verified / quoted / refused (answerable) | {am['generated_share']:.2f} / "
        f"{am['extractive_share']:.2f} / {am['false_refusals']:.2f} |",
        f"| unanswerable refused (off-topic and near-miss) | {am['off_topic_refused']:.2f} |",
        f"| median answer words; first sentence answers | {am['median_answer_words']:g}; "
        f"{am['first_sentence_answers']:.2f} |",
        f"| citation precision (cites the labelled document) | {am['citation_precision']:.2f} |",
        "",
        "## 6. Memory",
        "",
        "| process | peak RSS |", "| --- | --- |",
        f"| serving: Engine with MiniLM + the default model, one answer ({SERVE_RUNS} runs; ru_maxrss, VmHWM agrees: "
        f"{m['serve_vmhwm_mb']:.0f} MiB) | {m['serve_maxrss_mb']:.0f} MiB = {m['serve_maxrss_mb'] * 1.048576:.0f} MB |",
        f"| `chatbot index` full build of {b['documents']:,} passages (1 run, {m['build_cli_wall_s']:.0f} s wall "
        f"incl. start-up and model load) | {m['build_maxrss_mb']:.0f} MiB |",
        "",
        "## 7. ONNX embedding (optional)",
        "",
    ]
    if o.get("status") == "ok":
        lines += [
            f"{o['how']}; onnxruntime {o['onnxruntime']}. Encode throughput: {o['rounds']} interleaved rounds over "
            f"{o['sample']:,} of the {o['texts']:,} msmarco chunk texts (export {o['export_s']:.0f} s and "
            f"quantization {o['quantize_s']:.0f} s not counted); query: one msmarco query per call, p50.",
            "",
            "| backend | chunks/s | vs torch | query ms | cosine to torch (mean / min) | dense nDCG@10 "
            "| hybrid nDCG@10 |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            f"| torch | {o['torch']['chunks_per_s']:.1f} | 1.00 | {o['torch']['query_p50_ms']:.1f} | 1 | "
            f"{o['torch']['dense_ndcg@10']:.3f} | {o['torch']['hybrid_ndcg@10']:.3f} |",
        ]
        for name in ("onnx_fp32", "onnx_int8"):
            v = o[name]
            lines.append(f"| {name.replace('_', ' ')} | {v['chunks_per_s']:.1f} | {v['speedup_vs_torch']:.2f} | "
                         f"{v['query_p50_ms']:.1f} | {v['cosine_to_torch_mean']:.4f} / "
                         f"{v['cosine_to_torch_min']:.4f} | "
                         f"{v['dense_ndcg@10']:.3f} | {v['hybrid_ndcg@10']:.3f} |")
    else:
        lines.append(f"Not measured: {o.get('status')}")
    return "\n".join(lines) + "\n"


def compact(R: dict[str, Any]) -> str:
    out = [f"{'§':<2} {'what':<78} {'goal':>9} {'measured':<42} met"]
    for g in R["goals"]:
        out.append(f"{g['section']:<2} {g['what'][:78]:<78} {g['goal']:>9} {g['measured'][:42]:<42} "
                   f"{'yes' if g['met'] else 'NO'}")
    q = R["sections"]["quality"]["beir"]
    out.append("nDCG@10 " + ", ".join(f"{mode} {q[mode]['ndcg@10']:.3f}" for mode in MODES))
    o = R["sections"]["onnx"]
    if o.get("status") == "ok":
        out.append(f"ONNX fp32 {o['onnx_fp32']['speedup_vs_torch']:.2f}x torch "
                   f"(nDCG {o['onnx_fp32']['dense_ndcg@10']:.3f}),"
                   f" int8 {o['onnx_int8']['speedup_vs_torch']:.2f}x (nDCG {o['onnx_int8']['dense_ndcg@10']:.3f}) "
                   f"vs torch nDCG {o['torch']['dense_ndcg@10']:.3f}")
    else:
        out.append(f"ONNX: {o.get('status')}")
    return "\n".join(out)


# -- main ---------------------------------------------------------------------------------------------------------


def main() -> None:
    if "--report-only" in sys.argv:  # re-render results.md from results.json (after editing the report code)
        R = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
        R["goals"] = goals(R)
        (HERE / "results.md").write_text(markdown(R), encoding="utf-8")
        print(compact(R))
        return
    for need in (MSMARCO / "corpus.jsonl", DEV):
        if not need.exists():
            sys.exit(f"bench: {need} is missing (set BENCH_SHARED to the folder holding bench/ and eval/)")
    os.chdir(REPO)
    R: dict[str, Any] = {"date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                         "quick": QUICK, "machine": machine_info(), "versions": versions(), "sections": {}}
    S = R["sections"]
    log(f"bench {'(quick) ' if QUICK else ''}on {R['machine']['cpu']}, {R['machine']['cores']} cores, "
        f"load {R['machine']['load_average_start']}")
    corpus, queries, _ = read_beir(MSMARCO)
    if PASSAGES:
        corpus = dict(list(corpus.items())[:PASSAGES])
    with tempfile.TemporaryDirectory(prefix="chatbot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        docs = tmp / "msmarco-docs"
        write_beir_docs(corpus, docs)
        msmarco = Settings(docs=docs, index=tmp / "msmarco-index")
        loads = []
        for _ in range(3):
            t = time.perf_counter()
            embedder = SentenceTransformerEmbedder("default")
            loads.append(time.perf_counter() - t)
        S["embedder_first_load_s"] = loads[0]  # includes importing torch and sentence-transformers
        S["embedder_load_s"] = med(loads[1:])
        embedder.encode(["warm-up"] * 64)

        log(f"1. index build: {len(corpus):,} passages")
        S["build"], texts = section_build(msmarco, embedder, tmp)

        log("3. retrieval latency")
        index = store.load(msmarco.index)
        S["retrieval"] = section_retrieval(index, embedder, list(queries.values()), Settings().top_k)

        log("5. quality: msmarco nDCG@10")
        S["quality"] = {"beir": beir_metrics(index, embedder, MSMARCO)}

        del index

        log("2. incremental update")
        vocabulary = sorted({w.strip(".,;:()").lower() for t in texts[:300] for w in t.split() if w.isalpha()})
        S["update"] = section_update(msmarco, embedder, S["build"]["build_s"], vocabulary)

        log("3b. FAISS at scale")
        S["faiss"] = section_faiss()

        log("4. answering")
        seeds = Settings(docs=REPO / "seeds", index=tmp / "seeds-index", models=tmp / "no-models")
        S["answer"] = section_answer(seeds, embedder)
        S["quality"]["answers"] = S["answer"]["answer_metrics"]

        log("6. memory")
        S["memory"] = section_memory(seeds, docs, tmp, read_questions(DEV)[0].question)

        # Optional, last, and only when the time budget allows: about 3 encodes of 1,000 texts plus the corpus.
        estimate = (2 * ONNX_SAMPLE * 2.6 + len(texts) / 1.5) / S["build"]["encode_chunks_per_s"]
        left = BUDGET_S - (time.perf_counter() - T0)
        if estimate > left:
            S["onnx"] = {"status": f"skipped: it would take about {estimate / 60:.1f} min and {max(0, left) / 60:.1f} "
                                   "min of the time budget were left (BENCH_BUDGET_MIN=30 includes it)"}
            log(f"7. ONNX embedding: {S['onnx']['status']}")
        else:
            log("7. ONNX embedding")
            try:
                S["onnx"] = section_onnx(embedder, texts, store.load(msmarco.index), tmp)
            except Exception as e:  # noqa: BLE001 - optional section: record why and go on
                S["onnx"] = {"status": f"failed: {type(e).__name__}: {e}"[:500]}
            logging.getLogger().setLevel(logging.WARNING)  # onnxruntime's quantizer turns the root logger up

    R["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    R["seconds"] = time.perf_counter() - T0
    R["goals"] = goals(R)
    (HERE / "results.json").write_text(json.dumps(R, indent=1, default=str) + "\n", encoding="utf-8")
    (HERE / "results.md").write_text(markdown(R), encoding="utf-8")
    print()
    print(compact(R))
    print(f"\nwrote bench/results.md and bench/results.json in {R['seconds'] / 60:.1f} min")


if __name__ == "__main__":
    main()
